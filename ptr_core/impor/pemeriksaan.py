"""Checking: each cell parsed and bounded by its column's declaration, references resolved against what the
database holds (codes or names), duplicates and overlapping sponsors found; accepted rows and problems out."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, select

from ptr_core import berkas
from ptr_core import validasi as v
from ptr_core.impor.aturan import Baris
from ptr_core.impor.kontrak import Dataset, Masalah, Rujukan
from ptr_core.models import Asn, Kecamatan, Kelurahan, Opd, Pekerja, ProgramLain
from ptr_core.settings import Settings


@dataclass
class Referensi:
    """What the database knows, for checking references; names resolve to codes."""

    kecamatan: dict[str, str]  # code -> name
    kelurahan: dict[str, str]
    opd: dict[str, str]
    nip_aktif: set[str]
    daftar: dict[str, list[Pendaftaran]]  # nik -> the registrations stored
    iuran_bulanan: int
    program_lain: dict[str, list[str]]  # nik -> the other programmes that cover the worker

    @functools.cached_property
    def mulai(self) -> dict[str, str]:
        """nik -> the first tanggal_daftar ('YYYY-MM-DD'): no payment may cover a month before it."""
        return {nik: min(r.tanggal_daftar for r in daftar).isoformat() for nik, daftar in self.daftar.items()}

    def kode(self, rujukan: Rujukan) -> dict[str, str]:
        """The codes (code -> name) a reference resolves against."""
        return {"kecamatan": self.kecamatan, "kelurahan": self.kelurahan, "opd": self.opd}[rujukan.daftar]

    @classmethod
    def dari(cls, conn: Connection, settings: Settings) -> Referensi:
        daftar: dict[str, list[Pendaftaran]] = {}
        kolom = (Pekerja.nik, Pekerja.tanggal_daftar, Pekerja.tanggal_berhenti, Pekerja.nip_sponsor)
        for nik, tanggal, berhenti, nip in conn.execute(select(*kolom)):
            daftar.setdefault(nik, []).append(Pendaftaran(tanggal, berhenti, nip))
        program_lain: dict[str, list[str]] = {}
        for nik, sumber in conn.execute(select(ProgramLain.nik, ProgramLain.sumber).order_by(ProgramLain.sumber)):
            program_lain.setdefault(nik, []).append(sumber)
        return cls(
            kecamatan=dict(conn.execute(select(Kecamatan.kode_kecamatan, Kecamatan.nama_kecamatan)).all()),
            kelurahan=dict(conn.execute(select(Kelurahan.kode_kelurahan, Kelurahan.nama_kelurahan)).all()),
            opd=dict(conn.execute(select(Opd.kode_opd, Opd.nama_opd)).all()),
            nip_aktif=set(conn.scalars(select(Asn.nip).where(Asn.aktif))),
            daftar=daftar,
            iuran_bulanan=settings.iuran_bulanan,
            program_lain=program_lain,
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
            for posisi in map(int, np.flatnonzero(pesan.astype(bool))):
                tambah(posisi, urutan, kolom.nama, pesan[posisi], isi=sel[posisi])
        _periksa_referensi(dataset, Baris(nilai, np.flatnonzero(~galat), self.ref, galat, tambah))

        for posisi in map(int, np.flatnonzero(~galat)):
            kunci = tuple(nilai[k][posisi] for k in dataset.kunci)
            pertama = self.kunci_terlihat.setdefault(kunci, int(nomor[posisi]))
            if pertama != nomor[posisi]:
                ganda = f"Sama dengan baris {pertama}; hapus salah satunya."
                tambah(posisi, 200, ", ".join(dataset.kunci), ganda, isi=" / ".join(map(str, kunci)))
            elif dataset.satu_sponsor:
                baru = Pendaftaran(nilai["tanggal_daftar"][posisi], nilai["tanggal_berhenti"][posisi],
                                   nilai["nip_sponsor"][posisi], baris=int(nomor[posisi]))  # fmt: skip
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

    @property
    def rentang(self) -> str:
        """Its dates as a message shows them: '2025-01-10 s.d. 2025-06-30', or '... s.d. sekarang' while open."""
        berhenti = self.tanggal_berhenti.isoformat() if self.tanggal_berhenti else "sekarang"
        return f"{self.tanggal_daftar.isoformat()} s.d. {berhenti}"


def sponsor_bertumpuk(baru: Pendaftaran, lain: list[Pendaftaran]) -> tuple[str, bool] | None:
    """One worker, one sponsor at a time: the problem (message, is-a-warning) of registration `baru` against the
    worker's other registrations, or None.

    Registrations by different ASN whose dates overlap are an error. One that stopped before the other began does
    not overlap. One still open (no tanggal_berhenti) followed by another may have lapsed (three unpaid months end a
    membership, which no date in the file records), so it is a warning, not an error. The same ASN's overlapping
    registrations are a warning too (a corrected tanggal_daftar is a new registration beside the old one, unless the
    old one's upload is rolled back). The rule looks only at the registrations, never at where they came from, so
    the same rows give the same result however they are split into files."""
    peringatan: list[str] = []
    sendiri: list[str] = []  # the same sponsor's registrations overlapping this one
    for r in sorted(lain, key=lambda r: r.tanggal_daftar):
        awal, akhir = (r, baru) if r.tanggal_daftar < baru.tanggal_daftar else (baru, r)
        dimana = f"baris {r.baris}" if r.baris else "data tersimpan"
        if r.nip_sponsor == baru.nip_sponsor:
            if awal.tanggal_berhenti is None or awal.tanggal_berhenti >= akhir.tanggal_daftar:
                sendiri.append(f"{dimana}, {r.rentang}")
            continue
        if awal.tanggal_berhenti is None:
            peringatan.append(f"{r.nip_sponsor}, {dimana}, sejak {r.tanggal_daftar.isoformat()}")
        elif awal.tanggal_berhenti >= akhir.tanggal_daftar:
            return (
                f"Tumpang tindih dengan pendaftaran oleh ASN lain {r.nip_sponsor} ({dimana}, {r.rentang}); "
                f"baris ini {baru.rentang}. Satu pekerja hanya boleh satu sponsor pada satu waktu: isi "
                "tanggal_berhenti pendaftaran lama sebelum tanggal_daftar yang baru, atau perbaiki tanggalnya.",
                False,
            )
    if peringatan:
        return f"Pekerja ini sudah disponsori ASN lain ({'; '.join(peringatan)}). " + PESAN_ULANG, True
    if sendiri:
        return (
            f"Pekerja ini sudah terdaftar oleh ASN yang sama pada rentang yang tumpang tindih ({'; '.join(sendiri)}); "
            f"baris ini {baru.rentang}. Bila baris ini koreksi tanggal_daftar, batalkan unggahan lama di halaman "
            f"Riwayat Unggahan lalu unggah file yang benar. {PESAN_ULANG}",
            True,
        )
    return None


def _periksa_referensi(dataset: Dataset, b: Baris) -> None:
    """The checks of the rows `b.cek` (whose cells all parsed) beyond their cells: each reference resolved in place
    to its code (in column order), then the dataset's rules (`Dataset.aturan`), in their order."""
    for kolom in dataset.kolom:
        if kolom.rujukan:
            resolusi(b, kolom.nama, kolom.rujukan, b.ref.kode(kolom.rujukan))
    for aturan in dataset.aturan:
        aturan(b)


def resolusi(b: Baris, kolom: str, rujukan: Rujukan, daftar: dict[str, str]) -> None:
    """The filled cells of `kolom` given by code or name, replaced by their code; the unknown ones reported."""
    sel = b.nilai[kolom]
    isi = b.cek[sel[b.cek].astype(bool)]
    hasil, pesan = _per_nilai(lambda x: _kode(x, daftar, rujukan.label, rujukan.awalan), sel[isi])
    gagal = pesan.astype(bool)
    sel[isi[~gagal]] = hasil[~gagal]
    for p, m in zip(isi[gagal], pesan[gagal]):
        b.salah([p], 100, kolom, m)
