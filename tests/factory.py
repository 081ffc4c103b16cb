"""The one factory for test worlds: small frames written by hand, so each answer can be worked out."""

from __future__ import annotations

import pandas as pd

from ptr_core.agregat import Ikhtisar, ringkas
from ptr_core.dataset import Data, buat_data
from ptr_core.keanggotaan import panel_status
from ptr_core.periode import ke_indeks
from ptr_core.settings import Settings

SETTINGS = Settings()
RATE = SETTINGS.iuran_bulanan
NIP_A = "198001012005011001"
NIP_B = "198502022010012002"
NIP_C = "199003032015031003"
KEC_1, KEC_2 = "33.74.01", "33.74.02"


def nik(n: int) -> str:
    """A structurally valid NIK (born 1 Jan 1990) with serial n."""
    return f"337401010190{n:04d}"


def pekerja(
    n: int,
    sponsor: str = NIP_A,
    daftar: str = "2025-01-10",
    berhenti: str | None = None,
    kec: str = KEC_1,
    pekerjaan: str = "Pedagang kaki lima",
) -> dict:
    return {
        "nik": nik(n),
        "nama": f"Pekerja {n}",
        "jenis_kelamin": "L",
        "pekerjaan": pekerjaan,
        "kode_kelurahan": f"{kec}.1001",
        "nama_kelurahan": f"Kelurahan {kec[-2:]}01",
        "kode_kecamatan": kec,
        "nomor_kpj": "",
        "nip_sponsor": sponsor,
        "tanggal_daftar": daftar,
        "tanggal_berhenti": berhenti,
    }


def bayar(n: int, periode: str, jumlah: int = RATE, tanggal: str | None = None) -> dict:
    return {"nik": nik(n), "periode": periode, "jumlah": jumlah, "tanggal_bayar": tanggal or f"{periode}-05"}


def bayar_rentang(n: int, dari: str, sampai: str) -> list[dict]:
    """Full payments for every month from `dari` to `sampai`, each paid in its own month."""
    return [bayar(n, p.strftime("%Y-%m")) for p in pd.period_range(dari, sampai, freq="M")]


def asn(nip: str, opd: str = "DINSOS", aktif: bool = True) -> dict:
    return {"nip": nip, "nama": f"ASN {nip[-3:]}", "kode_opd": opd, "status": "PNS", "aktif": aktif}


def snapshot(tanggal: str, kec: str, informal: int, peserta: int) -> dict:
    return {
        "tanggal_data": tanggal,
        "kode_kecamatan": kec,
        "pekerja_informal": informal,
        "peserta_aktif": peserta,
    }


KECAMATAN = [
    {"kode_kecamatan": KEC_1, "nama_kecamatan": "Semarang Tengah"},
    {"kode_kecamatan": KEC_2, "nama_kecamatan": "Semarang Utara"},
]
OPD = [
    {"kode_opd": "DINSOS", "nama_opd": "Dinas Sosial", "jenis": "dinas", "kode_kecamatan": None},
    {"kode_opd": "DISNAKER", "nama_opd": "Dinas Tenaga Kerja", "jenis": "dinas", "kode_kecamatan": None},
    {
        "kode_opd": "KEC-01",
        "nama_opd": "Kecamatan Semarang Tengah",
        "jenis": "kecamatan",
        "kode_kecamatan": KEC_1,
    },
]


def dunia(
    pekerja: list[dict] = (),
    iuran: list[dict] = (),
    asn: list[dict] = (),
    cakupan: list[dict] = (),
    target: list[dict] = (),
) -> Data:
    frames: dict[str, pd.DataFrame] = {
        "kecamatan": pd.DataFrame(KECAMATAN),
        "opd": pd.DataFrame(OPD),
    }
    if pekerja:
        p = pd.DataFrame(list(pekerja))
        p["tanggal_daftar"] = pd.to_datetime(p["tanggal_daftar"])
        p["tanggal_berhenti"] = pd.to_datetime(p["tanggal_berhenti"])
        frames["pekerja"] = p
    if iuran:
        i = pd.DataFrame(list(iuran))
        i["tanggal_bayar"] = pd.to_datetime(i["tanggal_bayar"])
        frames["iuran"] = i
    if asn:
        frames["asn"] = pd.DataFrame(list(asn))
    if cakupan:
        c = pd.DataFrame(list(cakupan))
        c["tanggal_data"] = pd.to_datetime(c["tanggal_data"])
        frames["cakupan"] = c
    if target:
        frames["target"] = pd.DataFrame(list(target))
    return buat_data(**frames)


def panel(data: Data, sampai: str, settings: Settings = SETTINGS) -> pd.DataFrame:
    return panel_status(data.pekerja, data.iuran, ke_indeks(sampai), settings)


def ikhtisar(data: Data, sampai: str, settings: Settings = SETTINGS) -> Ikhtisar:
    """The summaries the pages read, computed from the rows with statuses up to `sampai`."""
    return ringkas(data, settings, ke_indeks(sampai))


def status_di(data: Data, bulan: str, n: int, settings: Settings = SETTINGS) -> str | None:
    """The status of worker n in a month, or None when not in the programme that month."""
    p = panel(data, bulan, settings)
    baris = p[(p["bulan"] == ke_indeks(bulan)) & (p["nik"] == nik(n))]
    return None if baris.empty else baris["status"].iloc[0]
