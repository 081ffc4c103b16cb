"""Uploads: read -> normalise -> validate -> preview (dry run) -> commit (one transaction) -> record.

The Unggah Data page and the `import` command share this pipeline. Problems are returned as values
(row as Excel shows it, column, value, message), never raised through a page.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from ptr_core import validasi as v
from ptr_core.models import (
    Asn,
    AsnRiwayat,
    Cakupan,
    Iuran,
    Kecamatan,
    Kelurahan,
    Opd,
    Pekerja,
    Target,
    Unggahan,
)

JENIS_OPD = ("dinas", "badan", "sekretariat", "inspektorat", "kecamatan", "rsud", "lainnya")


@dataclass(frozen=True)
class Kolom:
    nama: str
    baca: Callable[[str], Any]
    wajib: bool = True


@dataclass(frozen=True)
class Dataset:
    nama: str
    model: type
    kunci: tuple[str, ...]
    kolom: tuple[Kolom, ...]

    @property
    def nama_kolom(self) -> list[str]:
        return [k.nama for k in self.kolom]


DATASET: dict[str, Dataset] = {
    d.nama: d
    for d in (
        Dataset(
            "opd",
            Opd,
            ("kode_opd",),
            (
                Kolom("kode_opd", v.teks),
                Kolom("nama_opd", v.teks),
                Kolom("jenis", v.pilihan(*JENIS_OPD)),
                Kolom("kode_kecamatan", v.teks, wajib=False),
            ),
        ),
        Dataset(
            "asn",
            Asn,
            ("nip",),
            (
                Kolom("nip", v.nip),
                Kolom("nama", v.teks),
                Kolom("kode_opd", v.teks),
                Kolom("status", v.pilihan("PNS", "PPPK")),
            ),
        ),
        Dataset(
            "pekerja",
            Pekerja,
            ("nik", "tanggal_daftar"),
            (
                Kolom("nik", v.nik),
                Kolom("nama", v.teks),
                Kolom("jenis_kelamin", v.pilihan("L", "P")),
                Kolom("pekerjaan", v.teks),
                Kolom("kode_kelurahan", v.teks),
                Kolom("nomor_kpj", v.teks, wajib=False),
                Kolom("nip_sponsor", v.nip),
                Kolom("tanggal_daftar", v.tanggal),
                Kolom("tanggal_berhenti", v.tanggal, wajib=False),
            ),
        ),
        Dataset(
            "iuran",
            Iuran,
            ("nik", "periode", "tanggal_bayar"),
            (
                Kolom("nik", v.nik),
                Kolom("periode", v.periode),
                Kolom("jumlah", v.bilangan),
                Kolom("tanggal_bayar", v.tanggal),
            ),
        ),
        Dataset(
            "cakupan",
            Cakupan,
            ("tanggal_data", "kode_kecamatan"),
            (
                Kolom("tanggal_data", v.tanggal),
                Kolom("kode_kecamatan", v.teks),
                Kolom("pekerja_informal", v.bilangan),
                Kolom("peserta_aktif", v.bilangan),
            ),
        ),
        Dataset(
            "target",
            Target,
            ("tahun", "tingkat", "kode", "indikator"),
            (
                Kolom("tahun", v.bilangan),
                Kolom("tingkat", v.pilihan("kota", "kecamatan", "opd")),
                Kolom("kode", v.teks),
                Kolom("indikator", v.pilihan("peserta_aktif", "asn_berpartisipasi")),
                Kolom("nilai", v.bilangan),
            ),
        ),
    )
}


@dataclass(frozen=True)
class Masalah:
    baris: int  # as Excel shows it: the header is row 1
    kolom: str
    nilai: str
    pesan: str
    peringatan: bool = False


@dataclass
class HasilImpor:
    dataset: str
    jumlah_baris: int = 0
    baru: int = 0
    diubah: int = 0
    sama: int = 0
    ditolak: int = 0
    masalah: list[Masalah] = field(default_factory=list)
    unggahan_id: int | None = None
    dry_run: bool = False
    sudah_pernah: bool = False

    @property
    def ada_galat(self) -> bool:
        return any(not m.peringatan for m in self.masalah)


def _normal_header(nama: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(nama).strip().lower()).strip("_")


def baca_tabel(isi: bytes, nama_file: str) -> pd.DataFrame:
    """A CSV (any of , ; tab; UTF-8 with or without BOM, or Windows-1252) or XLSX, as text cells."""
    if nama_file.lower().endswith((".xlsx", ".xlsm")):
        frame = pd.read_excel(io.BytesIO(isi), dtype=str, keep_default_na=False)
    else:
        try:
            teks = isi.decode("utf-8-sig")
        except UnicodeDecodeError:
            teks = isi.decode("cp1252")
        contoh = teks[:4096]
        try:
            pemisah = csv.Sniffer().sniff(contoh, delimiters=",;\t").delimiter
        except csv.Error:
            pemisah = ","
        frame = pd.read_csv(io.StringIO(teks), sep=pemisah, dtype=str, keep_default_na=False)
    frame.columns = [_normal_header(c) for c in frame.columns]
    return frame.map(lambda x: x.strip() if isinstance(x, str) else x)


def _referensi(conn: Connection) -> dict[str, set[str]]:
    return {
        "kode_kecamatan": set(conn.scalars(select(Kecamatan.kode_kecamatan))),
        "kode_kelurahan": set(conn.scalars(select(Kelurahan.kode_kelurahan))),
        "kode_opd": set(conn.scalars(select(Opd.kode_opd))),
        "nip_aktif": set(conn.scalars(select(Asn.nip).where(Asn.aktif))),
        "nik": set(conn.scalars(select(Pekerja.nik))),
    }


def validasi(dataset: Dataset, frame: pd.DataFrame, ref: dict[str, set[str]]) -> tuple[list[dict], list[Masalah]]:
    """Parse and check every row; returns the accepted rows and the problems found."""
    masalah: list[Masalah] = []
    hilang = [k.nama for k in dataset.kolom if k.wajib and k.nama not in frame.columns]
    if hilang:
        ada = ", ".join(frame.columns) or "(tidak ada)"
        pesan = (
            f"Kolom {', '.join(hilang)} tidak ditemukan. File {dataset.nama} harus berkolom: "
            f"{', '.join(dataset.nama_kolom)}. Kolom di file: {ada}. Unduh templatnya dan salin datanya ke sana."
        )
        return [], [Masalah(1, ", ".join(hilang), "", pesan)]

    diterima: list[dict] = []
    kunci_terlihat: dict[tuple, int] = {}
    for posisi, mentah in enumerate(frame.to_dict("records")):
        baris = posisi + 2
        hasil: dict[str, Any] = {}
        salah: list[Masalah] = []
        for kolom in dataset.kolom:
            nilai = str(mentah.get(kolom.nama, "") or "")
            if nilai == "":
                if kolom.wajib:
                    salah.append(Masalah(baris, kolom.nama, "", f"Kolom {kolom.nama} wajib diisi."))
                hasil[kolom.nama] = None
                continue
            try:
                hasil[kolom.nama] = kolom.baca(nilai)
            except v.NilaiSalah as e:
                salah.append(Masalah(baris, kolom.nama, nilai, str(e)))
        if not salah:
            salah = _periksa_referensi(dataset.nama, hasil, ref, baris)
        if not salah:
            kunci = tuple(hasil[k] for k in dataset.kunci)
            if kunci in kunci_terlihat:
                salah.append(
                    Masalah(
                        baris,
                        ", ".join(dataset.kunci),
                        " / ".join(map(str, kunci)),
                        f"Baris ini sama kuncinya dengan baris {kunci_terlihat[kunci]}; hapus salah satunya.",
                    )
                )
            else:
                kunci_terlihat[kunci] = baris
        masalah.extend(salah)
        if not any(not m.peringatan for m in salah):
            diterima.append(hasil)
    return diterima, masalah


def _periksa_referensi(nama: str, row: dict[str, Any], ref: dict[str, set[str]], baris: int) -> list[Masalah]:
    cek: list[tuple[str, str, str]] = []
    if nama in ("asn",):
        cek.append(("kode_opd", "kode_opd", "OPD"))
    if nama in ("opd", "cakupan") and row.get("kode_kecamatan"):
        cek.append(("kode_kecamatan", "kode_kecamatan", "kecamatan"))
    if nama == "pekerja":
        cek.append(("kode_kelurahan", "kode_kelurahan", "kelurahan"))
        cek.append(("nip_sponsor", "nip_aktif", "ASN aktif di roster"))
    if nama == "iuran":
        cek.append(("nik", "nik", "pekerja terdaftar"))
    masalah = [
        Masalah(
            baris,
            kolom,
            str(row[kolom]),
            f"{row[kolom]} tidak ada di daftar {label}. Periksa kodenya atau unggah datanya dulu.",
        )
        for kolom, himpunan, label in cek
        if row[kolom] not in ref[himpunan]
    ]
    if nama == "cakupan" and not masalah and row["peserta_aktif"] > row["pekerja_informal"]:
        masalah.append(
            Masalah(
                baris,
                "peserta_aktif",
                str(row["peserta_aktif"]),
                "peserta_aktif melebihi pekerja_informal; periksa kedua angka ini.",
            )
        )
    if nama == "pekerja" and row.get("tanggal_berhenti") and row["tanggal_berhenti"] < row["tanggal_daftar"]:
        masalah.append(
            Masalah(
                baris,
                "tanggal_berhenti",
                str(row["tanggal_berhenti"]),
                "tanggal_berhenti lebih awal dari tanggal_daftar.",
            )
        )
    return masalah


def _bandingkan(conn: Connection, dataset: Dataset, rows: list[dict]) -> tuple[list[dict], list[dict], int]:
    """Split accepted rows into new, changed and unchanged against what the database holds."""
    model = dataset.model
    kolom = dataset.nama_kolom
    lama = {
        tuple(r[k] for k in dataset.kunci): {c: r[c] for c in kolom}
        for r in conn.execute(select(*(getattr(model, c) for c in kolom))).mappings()
    }
    baru, diubah, sama = [], [], 0
    for row in rows:
        ada = lama.get(tuple(row[k] for k in dataset.kunci))
        if ada is None:
            baru.append(row)
        elif ada != row:
            diubah.append(row)
        else:
            sama += 1
    return baru, diubah, sama


def impor(
    engine: Engine,
    dataset_nama: str,
    isi: bytes,
    nama_file: str,
    pengguna: str = "cli",
    dry_run: bool = False,
    hanya_jika_bersih: bool = False,
) -> HasilImpor:
    """Validate a file and, unless it is a dry run, commit its accepted rows in one transaction.

    With `hanya_jika_bersih`, a file with any error commits nothing. Re-uploading a file already
    committed for the same dataset changes nothing.
    """
    dataset = DATASET[dataset_nama]
    hasil = HasilImpor(dataset=dataset_nama, dry_run=dry_run)
    sha = hashlib.sha256(isi).hexdigest()
    try:
        frame = baca_tabel(isi, nama_file)
    except Exception as e:  # noqa: BLE001 - any unreadable file becomes one message for the user
        hasil.masalah.append(
            Masalah(1, "", nama_file, f"File tidak bisa dibaca sebagai CSV atau XLSX ({type(e).__name__}).")
        )
        return hasil
    hasil.jumlah_baris = len(frame)
    with engine.begin() as conn:
        if conn.scalar(select(Unggahan.id).where(Unggahan.sha256 == sha, Unggahan.dataset == dataset_nama)):
            hasil.sudah_pernah = True
            hasil.sama = hasil.jumlah_baris
            return hasil
        rows, hasil.masalah = validasi(dataset, frame, _referensi(conn))
        hasil.ditolak = hasil.jumlah_baris - len(rows)
        baru, diubah, hasil.sama = _bandingkan(conn, dataset, rows)
        hasil.baru, hasil.diubah = len(baru), len(diubah)
        if dry_run or (hanya_jika_bersih and hasil.ada_galat) or not (rows or dataset_nama == "asn"):
            conn.rollback()
            return hasil
        unggahan_id = conn.execute(
            insert(Unggahan).values(
                dataset=dataset_nama,
                nama_file=nama_file,
                sha256=sha,
                pengguna=pengguna,
                waktu=dt.datetime.now(),
                jumlah_baris=hasil.jumlah_baris,
                baris_baru=hasil.baru,
                baris_diubah=hasil.diubah,
                baris_ditolak=hasil.ditolak,
                isi_file=isi,
            )
        ).inserted_primary_key[0]
        _simpan(conn, dataset, baru, diubah, rows, unggahan_id)
        hasil.unggahan_id = unggahan_id
    return hasil


def _simpan(
    conn: Connection,
    dataset: Dataset,
    baru: list[dict],
    diubah: list[dict],
    semua: list[dict],
    unggahan_id: int,
) -> None:
    model = dataset.model
    if dataset.nama == "asn":
        # The roster replaces the previous one: whoever is not in it is no longer active.
        conn.execute(update(Asn).values(aktif=False))
        baru = [{**r, "aktif": True} for r in baru]
        diubah = [{**r, "aktif": True} for r in diubah]
        semua_nip = [{"b_nip": r["nip"]} for r in semua]
        if semua_nip:
            conn.execute(update(Asn).where(Asn.nip == bindparam("b_nip")).values(aktif=True), semua_nip)
        if semua:
            conn.execute(
                insert(AsnRiwayat),
                [
                    {
                        "unggahan_id": unggahan_id,
                        "nip": r["nip"],
                        "kode_opd": r["kode_opd"],
                        "status": r["status"],
                    }
                    for r in semua
                ],
            )
    if baru:
        conn.execute(
            insert(model),
            [{**r, "unggahan_id": unggahan_id} for r in baru] if hasattr(model, "unggahan_id") else baru,
        )
    if diubah:
        kunci = dataset.kunci
        nilai = {c: bindparam(f"b_{c}") for c in diubah[0] if c not in kunci}
        if hasattr(model, "unggahan_id"):
            nilai["unggahan_id"] = bindparam("b_unggahan_id")
        stmt = update(model).where(*(getattr(model, k) == bindparam(f"b_{k}") for k in kunci)).values(**nilai)
        conn.execute(stmt, [{f"b_{k}": val for k, val in {**r, "unggahan_id": unggahan_id}.items()} for r in diubah])
