"""Uploads: read -> normalise -> validate -> preview (dry run) -> commit (one transaction) -> record.

The Unggah Data page and the `import` command share this pipeline. Problems are returned as values
(row as Excel shows it, column, value, message), never raised through a page. Every committed upload
keeps its file and a before-image of each row it touched, so that it can be rolled back exactly.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, and_, bindparam, delete, insert, select, update

from ptr_core import berkas
from ptr_core import validasi as v
from ptr_core.agregat import Ikhtisar
from ptr_core.agregat_db import perbarui, sebelum_unggahan
from ptr_core.audit import catat_dalam
from ptr_core.db import segarkan_statistik, sisipkan
from ptr_core.models import (
    Asn,
    AsnRiwayat,
    Cakupan,
    Calon,
    Iuran,
    Kecamatan,
    Kelurahan,
    Opd,
    Pekerja,
    Pengguna,
    ProgramLain,
    Target,
    Unggahan,
    UnggahanPerubahan,
    VersiData,
)
from ptr_core.periode import dari_indeks, ke_indeks
from ptr_core.privasi import samarkan_nik
from ptr_core.settings import Settings

JENIS_OPD = ("dinas", "badan", "sekretariat", "inspektorat", "kecamatan", "rsud", "lainnya")
UKURAN_POTONGAN = 20_000
PENGGUNA_DEMO = "demo"  # the demo loader's name on its uploads: demo status is its alone
DEMO_BERLAKU = (Unggahan.pengguna == PENGGUNA_DEMO, Unggahan.dibatalkan_pada.is_(None))
PESAN_DEMO = (
    "Basis data ini berisi DATA CONTOH (angka sintetis); data asli tidak dicampurkan ke dalamnya. Hapus data "
    "contoh dulu (tombol 'Hapus data contoh' di halaman Unggah Data, atau `python -m ptr_core demo --hapus`), "
    "lalu unggah lagi."
)
KOLOM_TANGGAL = {"tanggal_daftar", "tanggal_berhenti", "tanggal_bayar", "tanggal_data"}


@dataclass(frozen=True)
class Kolom:
    """One column of an upload: how a cell is read (its form), whether it is required, the headers staff use
    for it, and its domain: `batas` names the `validasi.Batas` bound of its values (dates, amounts, counts);
    text is bounded by the database column's length (`Dataset.pembaca`), or by `RUJUKAN_MAKS` for a reference
    given by code or name."""

    nama: str
    baca: Callable[[str], Any]
    wajib: bool = True
    alias: tuple[str, ...] = ()
    batas: str | None = None
    rujukan: bool = False
    pelengkap: bool = False  # supplementary: a file without this column leaves its stored values as they are


RUJUKAN_MAKS = 200  # a kecamatan, kelurahan or OPD written by name


@dataclass(frozen=True)
class Dataset:
    nama: str
    model: type
    kunci: tuple[str, ...]
    kolom: tuple[Kolom, ...]
    mengubah_angka: bool = True  # whether its rows enter the summaries (recomputed at its commit and rollback)

    @property
    def nama_kolom(self) -> list[str]:
        return [k.nama for k in self.kolom]

    def panjang(self, kolom: Kolom) -> int:
        """The most characters a text cell of `kolom` may hold: its database column's length, or a name's."""
        return RUJUKAN_MAKS if kolom.rujukan else self.model.__table__.c[kolom.nama].type.length

    def pembaca(self, kolom: Kolom, batas: v.Batas) -> Callable[[str], Any]:
        """How a cell of `kolom` is read and bounded: its form, then its domain."""
        baca = kolom.baca
        if baca is v.teks:
            baca = v.teks_maks(self.panjang(kolom))
        periksa = getattr(batas, kolom.batas) if kolom.batas else None

        def dalam_batas(sel: str) -> Any:
            if sel.startswith(berkas.RUMUS_TANPA_NILAI):
                raise v.NilaiSalah(
                    f"Sel berisi rumus ({sel[len(berkas.RUMUS_TANPA_NILAI) :]}) tanpa nilai tersimpan: buka file di "
                    "Excel, simpan ulang (nilainya dihitung saat disimpan), lalu unggah lagi."
                )
            nilai = baca(sel)
            if periksa and (pesan := periksa(nilai)):
                raise v.NilaiSalah(pesan)
            return nilai

        return dalam_batas

    @property
    def kolom_simpan(self) -> list[str]:
        """The stored columns that a rollback restores."""
        tambahan = ["aktif"] if self.nama == "asn" else []
        return self.nama_kolom + tambahan + (["unggahan_id"] if hasattr(self.model, "unggahan_id") else [])


DATASET: dict[str, Dataset] = {
    d.nama: d
    for d in (
        Dataset(
            "opd",
            Opd,
            ("kode_opd",),
            (
                Kolom("kode_opd", v.teks, alias=("kode",)),
                Kolom("nama_opd", v.teks, alias=("nama", "nama_unit", "perangkat_daerah")),
                Kolom("jenis", v.pilihan(*JENIS_OPD), alias=("jenis_opd",)),
                Kolom("kode_kecamatan", v.teks, wajib=False, alias=("kecamatan", "kode_kec", "kd_kec"), rujukan=True),
            ),
        ),
        Dataset(
            "asn",
            Asn,
            ("nip",),
            (
                Kolom("nip", v.nip, alias=("nip_baru", "nip_asn", "nomor_induk_pegawai", "nip_18")),
                Kolom("nama", v.teks, alias=("nama_lengkap", "nama_asn", "nama_pegawai")),
                Kolom(
                    "kode_opd",
                    v.teks,
                    alias=("opd", "nama_opd", "unit_kerja", "perangkat_daerah", "kode_unit"),
                    rujukan=True,
                ),
                Kolom("status", v.pilihan("PNS", "PPPK"), alias=("status_pegawai", "jenis_asn", "status_kepegawaian")),
                Kolom(
                    "email",
                    v.email,
                    wajib=False,
                    alias=("surel", "e_mail", "alamat_email", "email_dinas"),
                    pelengkap=True,
                ),
            ),
        ),
        Dataset(
            "pekerja",
            Pekerja,
            ("nik", "tanggal_daftar"),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nomor_induk_kependudukan", "nik_pekerja")),
                Kolom("nama", v.teks, alias=("nama_pekerja", "nama_lengkap")),
                Kolom("jenis_kelamin", v.pilihan("L", "P"), alias=("jk", "l_p", "kelamin", "gender")),
                Kolom("pekerjaan", v.teks, alias=("profesi", "jenis_pekerjaan")),
                Kolom(
                    "kode_kelurahan",
                    v.teks,
                    alias=("kelurahan", "kode_kel", "nama_kelurahan", "desa_kelurahan"),
                    rujukan=True,
                ),
                Kolom("nomor_kpj", v.teks, wajib=False, alias=("no_kpj", "kpj", "nomor_peserta", "no_peserta")),
                Kolom("nip_sponsor", v.nip, alias=("nip_asn", "nip_penyantun", "sponsor", "nip_pns", "nip")),
                Kolom(
                    "tanggal_daftar",
                    v.tanggal,
                    alias=("tgl_daftar", "tanggal_pendaftaran", "tgl_kepesertaan"),
                    batas="tanggal",
                ),
                Kolom(
                    "tanggal_berhenti",
                    v.tanggal,
                    wajib=False,
                    alias=("tgl_berhenti", "tanggal_keluar"),
                    batas="tanggal_berhenti",
                ),
            ),
        ),
        Dataset(
            "iuran",
            Iuran,
            ("nik", "periode", "tanggal_bayar"),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nik_pekerja")),
                Kolom("periode", v.periode, alias=("bulan", "bulan_iuran", "periode_iuran"), batas="periode"),
                Kolom(
                    "jumlah",
                    v.bilangan,
                    alias=("nominal", "iuran", "jumlah_iuran", "besar_iuran", "jumlah_bayar"),
                    batas="jumlah",
                ),
                Kolom("tanggal_bayar", v.tanggal, alias=("tgl_bayar", "tanggal_pembayaran"), batas="tanggal"),
            ),
        ),
        Dataset(
            "cakupan",
            Cakupan,
            ("tanggal_data", "kode_kecamatan"),
            (
                Kolom("tanggal_data", v.tanggal, alias=("tanggal", "per_tanggal", "tgl_data"), batas="tanggal"),
                Kolom(
                    "kode_kecamatan", v.teks, alias=("kecamatan", "kode_kec", "kd_kec", "nama_kecamatan"), rujukan=True
                ),
                Kolom("pekerja_informal", v.bilangan, alias=("jumlah_pekerja_informal", "tk_informal"), batas="orang"),
                Kolom("peserta_aktif", v.bilangan, alias=("jumlah_peserta_aktif", "peserta_bpu_aktif"), batas="orang"),
            ),
        ),
        Dataset(
            "target",
            Target,
            ("tahun", "tingkat", "kode", "indikator"),
            (
                Kolom("tahun", v.bilangan, batas="tahun"),
                Kolom("tingkat", v.pilihan("kota", "kecamatan", "opd")),
                Kolom("kode", v.teks),
                Kolom("indikator", v.pilihan("peserta_aktif", "asn_berpartisipasi")),
                Kolom("nilai", v.bilangan, batas="target"),
            ),
        ),
        Dataset(
            "program_lain",
            ProgramLain,
            ("nik", "sumber"),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nik_pekerja")),
                Kolom("nama", v.teks, alias=("nama_pekerja", "nama_lengkap")),
                Kolom("sumber", v.teks, alias=("program", "nama_program", "sumber_dana")),
            ),
            mengubah_angka=False,
        ),
        Dataset(
            "calon",
            Calon,
            ("nik",),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nomor_induk_kependudukan", "nik_calon")),
                Kolom("nama", v.teks, alias=("nama_calon", "nama_lengkap")),
                Kolom("jenis_kelamin", v.pilihan("L", "P"), alias=("jk", "l_p", "kelamin", "gender")),
                Kolom("pekerjaan", v.teks, alias=("profesi", "jenis_pekerjaan")),
                Kolom(
                    "kode_kelurahan",
                    v.teks,
                    alias=("kelurahan", "kode_kel", "nama_kelurahan", "desa_kelurahan"),
                    rujukan=True,
                ),
                Kolom("sumber", v.teks, alias=("program", "asal_data", "sumber_data")),
            ),
            mengubah_angka=False,
        ),
    )
}


NAMA_DIKENAL = {nama for d in DATASET.values() for k in d.kolom for nama in (k.nama, *k.alias)}


@dataclass(frozen=True)
class Masalah:
    baris: int  # as Excel shows it: the header is row 1
    kolom: str
    nilai: str
    pesan: str
    peringatan: bool = False


def tabel_masalah(masalah: list[Masalah]) -> pd.DataFrame:
    """The problems as a table for people (Indonesian headers), a NIK in a value masked like every other export."""
    return pd.DataFrame(
        [
            {
                "Baris": m.baris,
                "Kolom": m.kolom,
                "Nilai": samarkan_nik(m.nilai) if m.kolom == "nik" else m.nilai,
                "Jenis": "Peringatan" if m.peringatan else "Ditolak",
                "Pesan": m.pesan,
            }
            for m in masalah
        ],
        columns=["Baris", "Kolom", "Nilai", "Jenis", "Pesan"],
    )


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
    asn_tidak_ada: int = 0  # an ASN file: active ASN missing from it (deactivated only when it is the whole roster)
    sebelum: dict[str, Any] | None = None  # headline figures before and after, when a preview asks
    sesudah: dict[str, Any] | None = None

    @property
    def ada_galat(self) -> bool:
        return any(not m.peringatan for m in self.masalah)

    @property
    def ditolak_baris(self) -> list[Masalah]:
        return [m for m in self.masalah if not m.peringatan]


# --- reading (ptr_core.berkas) ----------------------------------------------------------------------------


def baca(isi: bytes, nama_file: str, lembar: str | None = None) -> tuple[pd.DataFrame | None, list[Masalah]]:
    """A file as a frame of text cells (index: the row as Excel shows it) with the header found among the
    title rows by the names of every dataset's columns; what went wrong, or what reading it took (the sheet
    read, rows skipped), as problems of row 1. Never raises."""
    bacaan = berkas.baca(isi, nama_file, lembar, NAMA_DIKENAL)
    masalah = [Masalah(1, "", "", c, peringatan=True) for c in bacaan.catatan]
    if bacaan.galat:
        masalah.insert(0, Masalah(1, "", nama_file[:40], bacaan.galat))
    return bacaan.frame, masalah


def kenali_kolom(dataset: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Rename the headers staff use (any case, spaces, aliases such as 'NIP Baru' or 'No KPJ') to the contract."""
    peta = {}
    for kolom in dataset.kolom:
        for nama in (kolom.nama, *kolom.alias):
            if nama in frame.columns and nama not in peta and kolom.nama not in peta.values():
                peta[nama] = kolom.nama
                break
    return frame.rename(columns=peta)


def tebak_dataset(frame: pd.DataFrame) -> str | None:
    """The dataset whose required columns the file has (with aliases); the one matching most columns wins."""
    cocok = []
    for d in DATASET.values():
        kolom = set(kenali_kolom(d, frame).columns)
        if all(k.nama in kolom for k in d.kolom if k.wajib):
            cocok.append((len(kolom & set(d.nama_kolom)), d.nama))
    return max(cocok)[1] if cocok else None


# --- validating ----------------------------------------------------------------------------------------


@dataclass
class Referensi:
    """What the database knows, for checking references; names resolve to codes."""

    kecamatan: dict[str, str]  # code -> name
    kelurahan: dict[str, str]
    opd: dict[str, str]
    nip_aktif: set[str]
    daftar: dict[str, list[Pendaftaran]]  # nik -> the registrations stored
    iuran_bulanan: int

    @functools.cached_property
    def mulai(self) -> dict[str, str]:
        """nik -> the first tanggal_daftar ('YYYY-MM-DD'): no payment may cover a month before it."""
        return {nik: min(r.tanggal_daftar for r in daftar).isoformat() for nik, daftar in self.daftar.items()}

    @classmethod
    def dari(cls, conn: Connection, settings: Settings) -> Referensi:
        daftar: dict[str, list[Pendaftaran]] = {}
        kolom = (Pekerja.nik, Pekerja.tanggal_daftar, Pekerja.tanggal_berhenti, Pekerja.nip_sponsor)
        for nik, tanggal, berhenti, nip in conn.execute(select(*kolom)):
            daftar.setdefault(nik, []).append(Pendaftaran(tanggal, berhenti, nip))
        return cls(
            kecamatan=dict(conn.execute(select(Kecamatan.kode_kecamatan, Kecamatan.nama_kecamatan)).all()),
            kelurahan=dict(conn.execute(select(Kelurahan.kode_kelurahan, Kelurahan.nama_kelurahan)).all()),
            opd=dict(conn.execute(select(Opd.kode_opd, Opd.nama_opd)).all()),
            nip_aktif=set(conn.scalars(select(Asn.nip).where(Asn.aktif))),
            daftar=daftar,
            iuran_bulanan=settings.iuran_bulanan,
        )


def _kode(nilai: str, daftar: dict[str, str], label: str, awalan: str = "") -> str:
    """A code given as a code (dots optional) or a name (case-insensitive); an unknown one suggests the
    closest names."""
    if nilai in daftar:
        return nilai
    tanpa_titik = {k.replace(".", ""): k for k in daftar}
    if nilai.replace(".", "") in tanpa_titik:
        return tanpa_titik[nilai.replace(".", "")]
    nama = re.sub(rf"^({awalan})\.?\s+", "", nilai.strip(), flags=re.I).lower() if awalan else nilai.lower()
    sama = [k for k, n in daftar.items() if n.lower() == nama]
    if len(sama) == 1:
        return sama[0]
    if len(sama) > 1:
        raise v.NilaiSalah(f"Ada {len(sama)} {label} bernama '{nilai}' ({', '.join(sama)}); tulis kodenya.")
    mirip = difflib.get_close_matches(nama, [n.lower() for n in daftar.values()], n=3, cutoff=0.6)
    asli = {n.lower(): n for n in daftar.values()}
    saran = f" Mungkin maksud Anda: {', '.join(asli[m] for m in mirip)}?" if mirip else ""
    raise v.NilaiSalah(
        f"{label[0].upper()}{label[1:]} '{nilai}' tidak dikenal.{saran} Tulis kode atau nama yang tepat."
    )


def kolom_kurang(dataset: Dataset, frame: pd.DataFrame) -> Masalah | None:
    """One message when the file lacks a required column (after aliases), naming the dataset it fits."""
    hilang = [k.nama for k in dataset.kolom if k.wajib and k.nama not in frame.columns]
    if not hilang:
        return None
    ada = ", ".join(frame.columns) or "(tidak ada)"
    lain = tebak_dataset(frame)
    saran = f" Kolomnya cocok dengan data '{lain}'; pilih jenis data itu." if lain else ""
    pesan = (
        f"Kolom {', '.join(hilang)} tidak ditemukan. File {dataset.nama} harus berkolom: "
        f"{', '.join(dataset.nama_kolom)}. Kolom di file: {ada}.{saran} Unduh templatnya bila perlu."
    )
    return Masalah(1, ", ".join(hilang), "", pesan)


def _per_nilai(baca: Callable[[str], Any], sel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct cell parsed once (a month of payments repeats its periods, amounts and dates thousands of
    times): the value of every cell (None where it failed) and its message (None where it parsed)."""
    kode, unik = pd.factorize(sel)
    nilai = np.full(len(unik), None, dtype=object)
    pesan = np.full(len(unik), None, dtype=object)
    for i, isi in enumerate(unik):
        try:
            nilai[i] = baca(isi)
        except v.NilaiSalah as e:
            pesan[i] = str(e)
    return nilai[kode], pesan[kode]


class Pemeriksa:
    """Parses and checks rows chunk by chunk, column by column, remembering what it saw (duplicates, sponsors)
    across chunks. A problem is reported as in the row-by-row reading of the file: by row, then in column order,
    then the reference checks of a row whose cells all parsed, then duplicates."""

    def __init__(self, dataset: Dataset, ref: Referensi, batas: v.Batas) -> None:
        self.dataset, self.ref = dataset, ref
        self.pembaca = {k.nama: dataset.pembaca(k, batas) for k in dataset.kolom}
        self.kunci_terlihat: dict[tuple, int] = {}
        self.daftar_di_file: dict[str, list[Pendaftaran]] = {}

    def periksa(self, frame: pd.DataFrame) -> tuple[list[dict], list[Masalah]]:
        """The accepted rows of a chunk (already renamed by `kenali_kolom`; its index the rows as Excel shows
        them) and the problems found."""
        dataset, n = self.dataset, len(frame)
        nomor = frame.index.to_numpy()  # the row as Excel shows it
        nilai: dict[str, np.ndarray] = {}
        temuan: list[tuple[int, int, Masalah]] = []  # (position, order within the row, problem)
        galat = np.zeros(n, dtype=bool)

        def tambah(posisi: int, urutan: int, kolom: str, pesan: str, peringatan: bool = False, isi: Any = None) -> None:
            isi = nilai[kolom][posisi] if isi is None else isi
            isi = v.kutip(str(isi or "").replace(berkas.RUMUS_TANPA_NILAI, ""))
            temuan.append((posisi, urutan, Masalah(int(nomor[posisi]), kolom, isi, pesan, peringatan)))
            galat[posisi] |= not peringatan

        for urutan, kolom in enumerate(dataset.kolom):
            if kolom.nama not in frame.columns:
                nilai[kolom.nama] = np.full(n, None, dtype=object)
                continue
            sel = frame[kolom.nama].to_numpy(dtype=object)
            hasil, pesan = _per_nilai(self.pembaca[kolom.nama], sel)
            kosong = sel == ""
            hasil[kosong] = None
            pesan[kosong] = f"Kolom {kolom.nama} wajib diisi." if kolom.wajib else None
            nilai[kolom.nama] = hasil
            for posisi in np.flatnonzero(pesan.astype(bool)):
                tambah(posisi, urutan, kolom.nama, pesan[posisi], isi=sel[posisi])
        _periksa_referensi(dataset.nama, nilai, np.flatnonzero(~galat), self.ref, tambah, galat)

        for posisi in np.flatnonzero(~galat):
            kunci = tuple(nilai[k][posisi] for k in dataset.kunci)
            pertama = self.kunci_terlihat.setdefault(kunci, int(nomor[posisi]))
            if pertama != nomor[posisi]:
                pesan = f"Sama dengan baris {pertama}; hapus salah satunya."
                tambah(posisi, 200, ", ".join(dataset.kunci), pesan, isi=" / ".join(map(str, kunci)))
            elif dataset.nama == "pekerja":
                baru = Pendaftaran(*(nilai[k][posisi] for k in ("tanggal_daftar", "tanggal_berhenti", "nip_sponsor")),
                                   baris=int(nomor[posisi]))  # fmt: skip
                nik = nilai["nik"][posisi]
                tersimpan = {r.tanggal_daftar: r for r in self.ref.daftar.get(nik, ())}
                tersimpan.update({r.tanggal_daftar: r for r in self.daftar_di_file.get(nik, ())})
                tersimpan.pop(baru.tanggal_daftar, None)  # the same registration, updated by this row
                masalah = sponsor_bertumpuk(baru, list(tersimpan.values()))
                if masalah:
                    tambah(posisi, 201, "nip_sponsor", masalah[0], peringatan=masalah[1])
                if not masalah or masalah[1]:
                    self.daftar_di_file.setdefault(nik, []).append(baru)
        temuan.sort(key=lambda t: t[:2])
        nama = [k.nama for k in dataset.kolom if not k.pelengkap or k.nama in frame.columns]
        diterima = [dict(zip(nama, baris)) for baris in zip(*(nilai[k][~galat] for k in nama))]
        return diterima, [m for *_, m in temuan]


PESAN_ULANG = "Bila ini pendaftaran ulang setelah nonaktif, abaikan peringatan ini."


@dataclass(frozen=True)
class Pendaftaran:
    """One registration of a worker: from tanggal_daftar to tanggal_berhenti (None: still open)."""

    tanggal_daftar: dt.date
    tanggal_berhenti: dt.date | None
    nip_sponsor: str
    baris: int | None = None  # its row in the file being checked; None when already stored


def _rentang(r: Pendaftaran) -> str:
    return f"{r.tanggal_daftar.isoformat()} s.d. {r.tanggal_berhenti.isoformat() if r.tanggal_berhenti else 'sekarang'}"


def sponsor_bertumpuk(baru: Pendaftaran, lain: list[Pendaftaran]) -> tuple[str, bool] | None:
    """One worker, one sponsor at a time: the problem (message, is-a-warning) of registration `baru` against the
    worker's other registrations, or None.

    Registrations by different ASN whose dates overlap are an error. One that stopped before the other began
    does not overlap. One still open (no tanggal_berhenti) followed by another may have lapsed (three unpaid
    months end a membership, which no date in the file records), so it is a warning, not an error. The rule
    looks only at the registrations, never at where they came from, so the same rows give the same result
    however they are split into files."""
    peringatan: list[str] = []
    for r in sorted(lain, key=lambda r: r.tanggal_daftar):
        if r.nip_sponsor == baru.nip_sponsor:
            continue
        awal, akhir = (r, baru) if r.tanggal_daftar < baru.tanggal_daftar else (baru, r)
        dimana = f"baris {r.baris}" if r.baris else "data tersimpan"
        if awal.tanggal_berhenti is None:
            peringatan.append(f"{r.nip_sponsor}, {dimana}, sejak {r.tanggal_daftar.isoformat()}")
        elif awal.tanggal_berhenti >= akhir.tanggal_daftar:
            return (
                f"Tumpang tindih dengan pendaftaran oleh ASN lain {r.nip_sponsor} ({dimana}, {_rentang(r)}); "
                f"baris ini {_rentang(baru)}. Satu pekerja hanya boleh satu sponsor pada satu waktu: isi "
                "tanggal_berhenti pendaftaran lama sebelum tanggal_daftar yang baru, atau perbaiki tanggalnya.",
                False,
            )
    if peringatan:
        return f"Pekerja ini sudah disponsori ASN lain ({'; '.join(peringatan)}). " + PESAN_ULANG, True
    return None


def _periksa_referensi(
    nama: str,
    nilai: dict[str, np.ndarray],
    cek: np.ndarray,
    ref: Referensi,
    tambah: Callable[..., None],
    galat: np.ndarray,
) -> None:
    """Reference and consistency checks of the rows `cek` (whose cells all parsed); codes are resolved in place.
    `tambah` reports a problem and marks an error in `galat`."""

    def salah(posisi: Iterable[int], urutan: int, kolom: str, pesan: str, peringatan: bool = False) -> None:
        for p in posisi:
            tambah(p, urutan, kolom, pesan, peringatan)

    def resolusi(kolom: str, daftar: dict[str, str], label: str, awalan: str = "") -> None:
        sel = nilai[kolom]
        isi = cek[sel[cek].astype(bool)]
        hasil, pesan = _per_nilai(lambda x: _kode(x, daftar, label, awalan), sel[isi])
        gagal = pesan.astype(bool)
        sel[isi[~gagal]] = hasil[~gagal]
        for p, m in zip(isi[gagal], pesan[gagal]):
            salah([p], 100, kolom, m)

    if nama in ("opd", "cakupan"):
        resolusi("kode_kecamatan", ref.kecamatan, "kecamatan", "kec|kecamatan")
    if nama == "asn":
        resolusi("kode_opd", ref.opd, "OPD")
    if nama in ("pekerja", "calon"):
        resolusi("kode_kelurahan", ref.kelurahan, "kelurahan", "kel|kelurahan")
    if nama == "pekerja":
        nik, nip, daftar, berhenti = (nilai[k] for k in ("nik", "nip_sponsor", "tanggal_daftar", "tanggal_berhenti"))
        pesan = "NIP sponsor tidak ada di roster ASN aktif; unggah roster terbaru atau periksa NIP."
        salah([p for p in cek if nip[p] not in ref.nip_aktif], 101, "nip_sponsor", pesan)
        mundur = [p for p in cek if berhenti[p] is not None and berhenti[p] < daftar[p]]
        salah(mundur, 102, "tanggal_berhenti", "tanggal_berhenti lebih awal dari tanggal_daftar.")
    if nama == "iuran":
        nik, periode, jumlah = nilai["nik"][cek], nilai["periode"][cek], nilai["jumlah"][cek]
        mulai = np.array([ref.mulai.get(x) for x in nik], dtype=object)
        terdaftar = mulai.astype(bool)
        salah(cek[~terdaftar], 100, "nik", "NIK ini tidak ada di data pekerja; unggah data pekerjanya dulu.")
        mulai = mulai[terdaftar]
        awal = periode[terdaftar] < pd.Series(mulai, dtype=object).str.slice(0, 7).to_numpy()
        for p, t in zip(cek[terdaftar][awal], mulai[awal]):
            salah([p], 101, "periode", f"Periode sebelum pekerja ini terdaftar ({t}).")
        bayar = nilai["tanggal_bayar"][cek]
        akhir = {t: dari_indeks(ke_indeks(f"{t:%Y-%m}") + v.PERIODE_KE_DEPAN_BULAN) for t in set(bayar)}
        batas_periode = np.array([akhir[t] for t in bayar], dtype=object)
        for p in cek[periode > batas_periode]:
            salah([p], 103, "periode", f"Periode lebih dari {v.PERIODE_KE_DEPAN_BULAN} bulan setelah tanggal_bayar; "
                  "periksa periode dan tanggal bayarnya.")  # fmt: skip
        ganjil = cek[jumlah.astype("int64") % ref.iuran_bulanan != 0]
        rp = f"Rp{ref.iuran_bulanan:,}".replace(",", ".")
        salah(ganjil, 102, "jumlah", f"Jumlah bukan kelipatan iuran bulanan {rp}; periksa kembali.", peringatan=True)
    if nama == "cakupan":
        lebih = [p for p in cek if not galat[p] and nilai["peserta_aktif"][p] > nilai["pekerja_informal"][p]]
        salah(lebih, 101, "peserta_aktif", "peserta_aktif melebihi pekerja_informal; periksa kedua angka ini.")


# --- committing ----------------------------------------------------------------------------------------


@dataclass
class Rencana:
    baru: list[dict] = field(default_factory=list)
    diubah: list[tuple[dict, dict]] = field(default_factory=list)  # (new, before)
    sama: int = 0
    tidak_ada: int = 0


def _kunci_tulis(conn: Connection) -> None:
    """Bump the data version first: its row lock makes concurrent writers wait for each other."""
    conn.execute(update(VersiData).where(VersiData.id == 1).values(nomor=VersiData.nomor + 1))


def _rencanakan(conn: Connection, dataset: Dataset, rows: list[dict], roster_lengkap: bool = False) -> Rencana:
    """Split accepted rows into new, changed and unchanged against what the database holds. A whole roster
    (`roster_lengkap`) also deactivates the active ASN it lacks; `Rencana.tidak_ada` counts them either way."""
    model, kolom = dataset.model, dataset.kolom_simpan
    query = select(*(getattr(model, c) for c in kolom))
    if dataset.nama == "iuran":
        # Only the payments for the chunk's covered months (with the workers below, through the unique index):
        # a month of payments must not read every payment ever made (at province scale, minutes per file).
        query = query.where(Iuran.periode.in_(sorted({r["periode"] for r in rows})))
    if dataset.nama == "asn":
        # An ASN file may be the whole roster, so all of it is compared.
        lama_rows = conn.execute(query).all()
    else:
        # Only the rows that share the chunk's first key, fetched in batches: the cost follows the file.
        pertama = getattr(model, dataset.kunci[0])
        nilai = sorted({r[dataset.kunci[0]] for r in rows})
        lama_rows = [
            r
            for i in range(0, len(nilai), 1000)
            for r in conn.execute(query.where(pertama.in_(nilai[i : i + 1000]))).all()
        ]
    posisi = [kolom.index(k) for k in dataset.kunci]
    lama = {tuple(r[i] for i in posisi): r for r in lama_rows}
    dibandingkan = [(i, c) for i, c in enumerate(kolom) if c != "unggahan_id"]
    pelengkap = [k.nama for k in dataset.kolom if k.pelengkap]
    rencana = Rencana()
    for row in rows:
        if dataset.nama == "asn":
            row = {**row, "aktif": True}
        ada = lama.pop(tuple(row[k] for k in dataset.kunci), None)
        # A supplementary column the file does not have keeps what is stored (None for a new row).
        row = {**{k: None if ada is None else ada[kolom.index(k)] for k in pelengkap if k not in row}, **row}
        if ada is None:
            rencana.baru.append(row)
        elif any(ada[i] != row[c] for i, c in dibandingkan):
            rencana.diubah.append((row, dict(zip(kolom, ada))))
        else:
            rencana.sama += 1
    if dataset.nama == "asn":
        # Only a file the user declares to be the whole roster replaces it: a partial file (one OPD's new staff)
        # must never deactivate everyone else.
        sisa = [dict(zip(kolom, r)) for r in lama.values() if r[kolom.index("aktif")]]
        rencana.tidak_ada = len(sisa)
        if roster_lengkap:
            rencana.diubah += [({**r, "aktif": False}, r) for r in sisa]
    return rencana


_JSON = json.JSONEncoder(default=str, sort_keys=True)  # one encoder: json.dumps with options builds one per call


def _json(row: dict) -> str:
    return _JSON.encode(row)


def _json_kunci(nilai: list) -> str:
    """_json of a natural key (text, dates, whole numbers) without an encoder set up per key: the journal of a
    million payments took 4 s through json.dumps. Byte for byte the same text, as older uploads compare by it."""
    return "[" + ", ".join(str(x) if type(x) is int else encode_basestring_ascii(str(x)) for x in nilai) + "]"


def _dari_json(teks: str) -> dict:
    return {k: (dt.date.fromisoformat(x) if k in KOLOM_TANGGAL and x else x) for k, x in json.loads(teks).items()}


def _syarat_kunci(model: type, kunci: tuple[str, ...]):
    return and_(*(getattr(model, k) == bindparam(f"k_{k}") for k in kunci))


def _terapkan(conn: Connection, dataset: Dataset, rencana: Rencana, unggahan_id: int) -> None:
    model, kunci = dataset.model, dataset.kunci
    punya_id = hasattr(model, "unggahan_id")
    jurnal = [{"unggahan_id": unggahan_id, "tabel": dataset.nama, "kunci": _json_kunci([r[k] for k in kunci]),
               "sebelum": None} for r in rencana.baru]  # fmt: skip
    jurnal += [{"unggahan_id": unggahan_id, "tabel": dataset.nama, "kunci": _json_kunci([r[k] for k in kunci]),
                "sebelum": _json(lama)} for r, lama in rencana.diubah]  # fmt: skip
    sisipkan(conn, UnggahanPerubahan, jurnal)
    sisipkan(conn, model, [{**r, "unggahan_id": unggahan_id} if punya_id else r for r in rencana.baru])
    if rencana.diubah:
        kolom = [c for c in rencana.diubah[0][0] if c not in kunci]
        nilai = {c: bindparam(f"v_{c}") for c in kolom}
        if punya_id:
            nilai["unggahan_id"] = bindparam("v_unggahan_id")
        parameter = [
            {**{f"k_{k}": r[k] for k in kunci}, **{f"v_{c}": r[c] for c in kolom}, "v_unggahan_id": unggahan_id}
            for r, _ in rencana.diubah
        ]
        conn.execute(update(model).where(_syarat_kunci(model, kunci)).values(**nilai), parameter)


def impor(
    engine: Engine,
    dataset_nama: str,
    isi: bytes,
    nama_file: str,
    pengguna: str = "cli",
    dry_run: bool = False,
    hanya_jika_bersih: bool = False,
    settings: Settings | None = None,
    pratinjau: bool = False,
    lembar: str | None = None,
    roster_lengkap: bool = False,
    hari_ini: dt.date | None = None,
) -> HasilImpor:
    """Validate a file and, unless it is a dry run, commit its accepted rows in one transaction.

    With `hanya_jika_bersih`, a file with any error commits nothing. Re-uploading a file already committed
    for the same dataset changes nothing. With `pratinjau`, the result carries the headline figures before
    and after (computed inside the transaction, which a dry run then rolls back). An ASN file adds and updates
    ASN; with `roster_lengkap` it is the whole roster, and active ASN missing from it become inactive. Dates are
    bounded relative to `hari_ini` (default: today).
    """
    settings = settings or Settings()
    dataset = DATASET[dataset_nama]
    nama_file = v.nama_file(nama_file)
    hasil = HasilImpor(dataset=dataset_nama, dry_run=dry_run)
    sha = hashlib.sha256(isi).hexdigest()
    frame, hasil.masalah = baca(isi, nama_file, lembar)
    if frame is None:
        return hasil
    frame = kenali_kolom(dataset, frame)
    hasil.jumlah_baris = len(frame)
    if kurang := kolom_kurang(dataset, frame):
        hasil.masalah, hasil.ditolak = [kurang], len(frame)
        return hasil
    # Chunks bound the memory a large file needs; a roster is one chunk, as it replaces the whole roster.
    ukuran = len(frame) if dataset_nama == "asn" else UKURAN_POTONGAN
    with engine.connect() as conn, conn.begin() as transaksi:
        _kunci_tulis(conn)
        sudah = select(Unggahan.id).where(
            Unggahan.sha256 == sha, Unggahan.dataset == dataset_nama, Unggahan.dibatalkan_pada.is_(None)
        )
        if conn.scalar(sudah):
            hasil.sudah_pernah, hasil.sama = True, hasil.jumlah_baris
            transaksi.rollback()
            return hasil
        if pengguna != PENGGUNA_DEMO and conn.scalar(select(Unggahan.id).where(*DEMO_BERLAKU).limit(1)):
            # Real rows among synthetic ones would show under the DATA CONTOH banner and never be told apart.
            hasil.masalah, hasil.ditolak = [Masalah(1, "", "", PESAN_DEMO)], hasil.jumlah_baris
            transaksi.rollback()
            return hasil
        if pratinjau:
            hasil.sebelum = _angka_utama(sebelum_unggahan(conn, settings), settings)
        unggahan_id = conn.execute(
            insert(Unggahan).values(
                dataset=dataset_nama, nama_file=nama_file, sha256=sha, pengguna=pengguna, waktu=dt.datetime.now(),
                jumlah_baris=hasil.jumlah_baris, baris_baru=0, baris_diubah=0, baris_ditolak=0, isi_file=isi,
            )
        ).inserted_primary_key[0]  # fmt: skip
        segarkan_statistik(conn, dataset.model)
        batas = v.Batas(hari_ini or dt.date.today(), settings.iuran_bulanan)
        pemeriksa = Pemeriksa(dataset, Referensi.dari(conn, settings), batas)
        diterima = keluar = 0
        periode: set[str] = set()  # covered months of the payments this upload adds or changes
        for awal in range(0, len(frame), ukuran):
            rows, masalah = pemeriksa.periksa(frame.iloc[awal : awal + ukuran])
            hasil.masalah += masalah
            diterima += len(rows)
            rencana = _rencanakan(conn, dataset, rows, roster_lengkap)
            hasil.asn_tidak_ada += rencana.tidak_ada
            hasil.baru, hasil.diubah, hasil.sama = (
                hasil.baru + len(rencana.baru), hasil.diubah + len(rencana.diubah), hasil.sama + rencana.sama
            )  # fmt: skip
            keluar += sum(1 for baru, lama in rencana.diubah if dataset_nama == "asn" and not baru["aktif"])
            if dataset_nama == "iuran":
                periode |= {r["periode"] for r in rencana.baru} | {r["periode"] for r, _ in rencana.diubah}
            _terapkan(conn, dataset, rencana, unggahan_id)
            if dataset_nama == "asn" and rows:
                roster = [
                    {"unggahan_id": unggahan_id, **{k: r[k] for k in ("nip", "kode_opd", "status")}} for r in rows
                ]
                sisipkan(conn, AsnRiwayat, roster)
        hasil.ditolak = hasil.jumlah_baris - diterima
        # Neither the file's frame nor the keys seen in it (a tuple per row) are needed past its chunks, and the
        # summaries below read every enrolment and payment: 843 -> 759 MB for a city's history as one file.
        del frame, pemeriksa
        if keluar:
            pesan = f"{keluar} ASN aktif tidak ada di file ini dan akan dianggap tidak aktif lagi (roster lengkap). "
            hasil.masalah.insert(0, Masalah(1, "nip", "", pesan + "Pastikan file berisi roster lengkap.", True))
        if (hanya_jika_bersih and hasil.ada_galat) or not (hasil.baru or hasil.diubah):
            transaksi.rollback()
            return hasil
        conn.execute(
            update(Unggahan)
            .where(Unggahan.id == unggahan_id)
            .values(baris_baru=hasil.baru, baris_diubah=hasil.diubah, baris_ditolak=hasil.ditolak)
        )
        # The summaries the pages read, recomputed in this transaction: they change exactly when the rows do. A
        # preview computes them the same way, and its rollback undoes them with the rows.
        if (not dry_run or pratinjau) and dataset.mengubah_angka:
            ikhtisar = perbarui(conn, settings, _sejak(dataset_nama, periode))
        if pratinjau:
            hasil.sesudah = _angka_utama(ikhtisar, settings) if dataset.mengubah_angka else hasil.sebelum
        if dry_run:
            transaksi.rollback()
        else:
            hasil.unggahan_id = unggahan_id
            catat_dalam(conn, pengguna, "unggah", f"{dataset_nama} {nama_file} -> unggahan {unggahan_id}: baru "
                        f"{hasil.baru}, diubah {hasil.diubah}, ditolak {hasil.ditolak}")  # fmt: skip
    return hasil


def _sejak(dataset_nama: str, periode: set[str]) -> int | None:
    """The first month whose summaries a change can alter: for payments, the first covered month it touched;
    None (all months) for any other dataset."""
    return ke_indeks(min(periode)) if dataset_nama == "iuran" and periode else None


def _angka_utama(ikhtisar: Ikhtisar, settings: Settings) -> dict[str, Any]:
    from ptr_core.periode import bulan_dari_tanggal
    from ptr_core.ringkasan import ringkasan

    terakhir = ikhtisar.tanggal_terakhir()
    if terakhir is None:
        return {}
    r = ringkasan(ikhtisar, bulan_dari_tanggal(terakhir), settings)
    return {k: x for k, x in r.items() if k not in ("per_kecamatan", "per_opd")}


# --- history and rollback ------------------------------------------------------------------------------


def riwayat(engine: Engine) -> pd.DataFrame:
    """Every upload, newest first (the original files stay in the database)."""
    kolom = [Unggahan.id, Unggahan.waktu, Unggahan.pengguna, Unggahan.dataset, Unggahan.nama_file,
             Unggahan.baris_baru, Unggahan.baris_diubah, Unggahan.baris_ditolak, Unggahan.sha256,
             Unggahan.dibatalkan_pada, Unggahan.dibatalkan_oleh]  # fmt: skip
    with engine.connect() as conn:
        return pd.read_sql(select(*kolom).order_by(Unggahan.id.desc()), conn)


def _penghalang(conn: Connection, unggahan: Any) -> tuple[list[int], list[str]]:
    """What stops a rollback: later uploads, not rolled back, that changed the same rows or depend on rows this one
    brought (payments of its workers, workers sponsored by its ASN, ASN of its OPD), and users of its OPD."""
    sendiri = conn.execute(
        select(UnggahanPerubahan.kunci, UnggahanPerubahan.sebelum).where(UnggahanPerubahan.unggahan_id == unggahan.id)
    ).all()
    kunci = {k for k, _ in sendiri}
    baru = sorted({json.loads(k)[0] for k, s in sendiri if s is None})
    nik_baru = set(baru) if unggahan.dataset == "pekerja" else set()
    later = (
        select(UnggahanPerubahan.unggahan_id, UnggahanPerubahan.tabel, UnggahanPerubahan.kunci)
        .join(Unggahan, Unggahan.id == UnggahanPerubahan.unggahan_id)
        .where(Unggahan.id > unggahan.id, Unggahan.dibatalkan_pada.is_(None))
    )
    hasil = set()
    for uid, tabel, k in conn.execute(later):
        if (tabel == unggahan.dataset and k in kunci) or (tabel == "iuran" and json.loads(k)[0] in nik_baru):
            hasil.add(uid)
    pengguna: list[str] = []
    # A sponsor or an OPD that others now point at cannot vanish from under them (a worker without a sponsor in
    # the roster; an ASN or a user of an OPD that is gone).
    for i in range(0, len(baru), 1000):
        bagian = baru[i : i + 1000]
        if unggahan.dataset == "asn":
            hasil |= set(conn.scalars(select(Pekerja.unggahan_id).where(Pekerja.nip_sponsor.in_(bagian))))
        if unggahan.dataset == "opd":
            hasil |= set(conn.scalars(select(Asn.unggahan_id).where(Asn.kode_opd.in_(bagian))))
            pengguna += conn.scalars(select(Pengguna.email).where(Pengguna.kode_opd.in_(bagian))).all()
    return sorted(u for u in hasil if u is not None and u != unggahan.id), sorted(pengguna)


def _nama_unggahan(conn: Connection, ids: list[int]) -> str:
    """Uploads as people recognise them: number, data, file, when and who."""
    baris = conn.execute(
        select(Unggahan.id, Unggahan.dataset, Unggahan.nama_file, Unggahan.waktu, Unggahan.pengguna)
        .where(Unggahan.id.in_(ids))
        .order_by(Unggahan.id)
    ).all()
    return "; ".join(
        f"unggahan {u.id} ({u.dataset}, {u.nama_file[:40]}, {u.waktu:%d-%m-%Y %H.%M}, oleh {u.pengguna})" for u in baris
    )


def batalkan(engine: Engine, unggahan_id: int, pengguna: str, settings: Settings | None = None) -> tuple[bool, str]:
    """Roll an upload back: every row it inserted is removed and every row it changed gets its old values."""
    unggahan_id = int(unggahan_id)
    with engine.connect() as conn, conn.begin() as transaksi:
        _kunci_tulis(conn)
        u = conn.execute(select(Unggahan).where(Unggahan.id == unggahan_id)).first()
        if u is None:
            return False, f"Unggahan {unggahan_id} tidak ada."
        if u.dibatalkan_pada is not None:
            return False, f"Unggahan {unggahan_id} sudah dibatalkan pada {u.dibatalkan_pada:%Y-%m-%d %H:%M}."
        penghalang, pengguna_opd = _penghalang(conn, u)
        if penghalang or pengguna_opd:
            daftar = _nama_unggahan(conn, penghalang)
            transaksi.rollback()
            alasan = []
            if daftar:
                alasan.append(f"batalkan dulu unggahan yang lebih baru dan bergantung padanya: {daftar}")
            if pengguna_opd:
                alasan.append(f"pengguna dasbor masih terdaftar untuk OPD-nya: {', '.join(pengguna_opd[:10])}")
            return False, f"Unggahan {unggahan_id} tidak bisa dibatalkan: " + "; ".join(alasan) + "."
        dataset = DATASET[u.dataset]
        model = dataset.model
        jurnal = conn.execute(
            select(UnggahanPerubahan.kunci, UnggahanPerubahan.sebelum).where(UnggahanPerubahan.unggahan_id == u.id)
        ).all()
        kunci_nilai = [
            {f"k_{k}": _dari_json(_json({k: x}))[k] for k, x in zip(dataset.kunci, json.loads(kunci))}
            for kunci, _ in jurnal
        ]
        hapus = [p for p, (_, sebelum) in zip(kunci_nilai, jurnal) if sebelum is None]
        pulih = [(p, _dari_json(s)) for p, (_, s) in zip(kunci_nilai, jurnal) if s is not None]
        if hapus:
            conn.execute(delete(model).where(_syarat_kunci(model, dataset.kunci)), hapus)
        if pulih:
            kolom = [c for c in dataset.kolom_simpan if c not in dataset.kunci]
            conn.execute(
                update(model)
                .where(_syarat_kunci(model, dataset.kunci))
                .values(**{c: bindparam(f"v_{c}") for c in kolom}),
                [{**p, **{f"v_{c}": s[c] for c in kolom}} for p, s in pulih],
            )
        conn.execute(delete(AsnRiwayat).where(AsnRiwayat.unggahan_id == u.id))
        conn.execute(
            update(Unggahan)
            .where(Unggahan.id == u.id)
            .values(dibatalkan_pada=dt.datetime.now(), dibatalkan_oleh=pengguna)
        )
        periode = {json.loads(k)[dataset.kunci.index("periode")] for k, _ in jurnal} if u.dataset == "iuran" else set()
        if dataset.mengubah_angka:
            perbarui(conn, settings or Settings(), _sejak(u.dataset, periode))
        catat_dalam(conn, pengguna, "batalkan", f"unggahan {unggahan_id} ({u.dataset}, {u.nama_file})")
    return True, f"Unggahan {unggahan_id} ({u.dataset}, {u.nama_file}) dibatalkan; data kembali seperti sebelumnya."
