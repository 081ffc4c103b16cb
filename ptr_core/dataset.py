"""The uploaded facts as pandas frames: the one input every metric function takes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

KOLOM = {
    "kecamatan": ["kode_kecamatan", "nama_kecamatan"],
    "opd": ["kode_opd", "nama_opd", "jenis", "kode_kecamatan"],
    "asn": ["nip", "nama", "kode_opd", "status", "aktif"],
    "pekerja": [
        "nik",
        "nama",
        "jenis_kelamin",
        "pekerjaan",
        "kode_kelurahan",
        "nama_kelurahan",
        "kode_kecamatan",
        "nomor_kpj",
        "nip_sponsor",
        "tanggal_daftar",
        "tanggal_berhenti",
    ],
    "iuran": ["nik", "periode", "jumlah", "tanggal_bayar"],
    "cakupan": ["tanggal_data", "kode_kecamatan", "pekerja_informal", "peserta_aktif"],
    "target": ["tahun", "tingkat", "kode", "indikator", "nilai"],
}

# 'Data per': the dataset whose latest date says how recent the data is, and that date's column (the database's
# own maximum of each, queries.tanggal_terakhir, is read by the same table).
KOLOM_DATA_PER = {"cakupan": "tanggal_data", "pekerja": "tanggal_daftar", "iuran": "tanggal_bayar"}


def kosong(nama: str) -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype=object) for k in KOLOM[nama]})


@dataclass(frozen=True)
class Data:
    kecamatan: pd.DataFrame
    opd: pd.DataFrame
    asn: pd.DataFrame
    pekerja: pd.DataFrame
    iuran: pd.DataFrame
    cakupan: pd.DataFrame
    target: pd.DataFrame

    def tanggal_terakhir(self) -> dt.date | None:
        return terakhir(tanggal_per_dataset(self))


def buat_data(**frames: pd.DataFrame) -> Data:
    """A Data with the given frames and empty frames for the rest (tests and the demo use this)."""
    semua = {nama: frames.get(nama, kosong(nama)) for nama in KOLOM}
    return Data(**semua)


def terakhir(tanggal: dict[str, dt.date | None]) -> dt.date | None:
    """'Data per': the latest date any upload speaks of (payments, enrolments, snapshots), from the latest
    date of each dataset."""
    semua = [t for t in tanggal.values() if t is not None]
    return max(semua) if semua else None


def tanggal_per_dataset(data: Data) -> dict[str, dt.date | None]:
    """'Data per' of each dataset: its latest date (KOLOM_DATA_PER)."""
    hasil = {}
    for nama, kolom in KOLOM_DATA_PER.items():
        t = pd.to_datetime(getattr(data, nama)[kolom]).max()
        hasil[nama] = None if pd.isna(t) else t.date()
    return hasil
