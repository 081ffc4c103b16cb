"""Saving an upload: read, check, plan and apply a file in one transaction, chunk by chunk, recomputing the
summaries at its commit; a check (dry run) and a preview do the same and roll back."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from ptr_core import validasi as v
from ptr_core.agregat import Agregat
from ptr_core.agregat_db import bawa_maju, perbarui, sebelum_unggahan
from ptr_core.audit import catat_dalam
from ptr_core.db import segarkan_statistik, sisipkan
from ptr_core.impor.kontrak import DATASET, Masalah
from ptr_core.impor.pembacaan import baca, kenali_kolom, kolom_kurang
from ptr_core.impor.pemeriksaan import Pemeriksa, Referensi
from ptr_core.impor.rencana import kunci_tulis, pesan_mirip, rencanakan, sejak, terapkan
from ptr_core.models import Unggahan
from ptr_core.settings import Settings

UKURAN_POTONGAN = 20_000
# Problems kept for the list: a file of a million bad rows has millions of them (a gigabyte of messages nobody reads);
# past this many they are counted, not kept. Staff fix the first ones and upload again.
MASALAH_MAKS = 10_000
PENGGUNA_DEMO = "demo"  # the demo loader's name on its uploads: demo status is its alone
DEMO_BERLAKU = (Unggahan.pengguna == PENGGUNA_DEMO, Unggahan.dibatalkan_pada.is_(None))
PESAN_DEMO = (
    "Basis data ini berisi DATA CONTOH (angka sintetis); data asli tidak dicampurkan ke dalamnya. Hapus data "
    "contoh dulu (tombol 'Hapus data contoh' di halaman Unggah Data, atau `python -m ptr_core demo --hapus`), "
    "lalu unggah lagi."
)


class Mode(Enum):
    """What an upload does with the rows it accepts."""

    SIMPAN = "simpan"  # commit the valid rows; the rejected ones are listed
    SIMPAN_JIKA_BERSIH = "simpan_jika_bersih"  # commit only a file without errors, else nothing
    PERIKSA = "periksa"  # a dry run: check and count, then roll back
    PRATINJAU = "pratinjau"  # a dry run that also computes the headline figures before and after

    @property
    def menyimpan(self) -> bool:
        return self in (Mode.SIMPAN, Mode.SIMPAN_JIKA_BERSIH)


PESAN_ROSTER_DITOLAK = (
    "Roster lengkap tidak disimpan: {n} baris ditolak, dan ASN pada baris itu akan dianggap keluar dari roster lalu "
    "dinonaktifkan. Perbaiki baris-baris di bawah lalu unggah lagi, atau unggah tanpa pilihan roster lengkap untuk "
    "menyimpan baris yang valid saja."
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
    masalah_lain: int = 0  # problems found past the first MASALAH_MAKS: counted, not kept
    galat_lain: int = 0  # ... of which errors
    unggahan_id: int | None = None
    dry_run: bool = False
    sudah_pernah: bool = False
    asn_tidak_ada: int = 0  # an ASN file: active ASN missing from it (deactivated only when it is the whole roster)
    sebelum: dict[str, Any] | None = None  # headline figures before and after, when a preview asks
    sesudah: dict[str, Any] | None = None

    @property
    def ada_galat(self) -> bool:
        return self.galat_lain > 0 or any(not m.peringatan for m in self.masalah)

    @property
    def jumlah_peringatan(self) -> int:
        """Warnings and notes, those past the list included."""
        return sum(m.peringatan for m in self.masalah) + self.masalah_lain - self.galat_lain

    def tambah_masalah(self, masalah: list[Masalah]) -> None:
        """A chunk's problems, in the order of its rows: kept up to MASALAH_MAKS in all, counted past it."""
        ruang = max(MASALAH_MAKS - len(self.masalah), 0)
        self.masalah += masalah[:ruang]
        self.masalah_lain += len(masalah[ruang:])
        self.galat_lain += sum(not m.peringatan for m in masalah[ruang:])

    @property
    def ditolak_baris(self) -> list[Masalah]:
        return [m for m in self.masalah if not m.peringatan]


def impor(
    engine: Engine,
    dataset_nama: str,
    isi: bytes,
    nama_file: str,
    pengguna: str = "cli",
    mode: Mode = Mode.SIMPAN,
    *,
    settings: Settings,
    lembar: str | None = None,
    roster_lengkap: bool = False,
    hari_ini: dt.date | None = None,
    bersama: Callable[[Connection, int], str | None] | None = None,
) -> HasilImpor:
    """Validate a file and, unless `mode` is a dry run, commit its accepted rows in one transaction.

    In `Mode.SIMPAN_JIKA_BERSIH`, a file with any error commits nothing. Re-uploading a file already committed
    for the same dataset changes nothing. In `Mode.PRATINJAU`, the result carries the headline figures before
    and after (computed inside the transaction, which the dry run then rolls back). An ASN file adds and updates
    ASN; with `roster_lengkap` it is the whole roster, and active ASN missing from it become inactive. Dates are
    bounded relative to `hari_ini` (default: today). `settings` decide the rate the checks and the summaries use.
    `bersama(conn, unggahan_id)` writes what must be saved with the upload or not at all (an approval's decision),
    in its transaction and under its lock; a message it returns refuses the upload, which then saves nothing.
    """
    dataset = DATASET[dataset_nama]
    nama_file = v.nama_file(nama_file)
    hasil = HasilImpor(dataset=dataset_nama, dry_run=not mode.menyimpan)
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
    ukuran = len(frame) if dataset.roster else UKURAN_POTONGAN
    with engine.connect() as conn, conn.begin() as transaksi:
        kunci_tulis(conn)
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
        if mode is Mode.PRATINJAU:
            hasil.sebelum = _angka_utama(sebelum_unggahan(conn, settings), settings)
        unggahan_id = conn.execute(
            insert(Unggahan).values(
                dataset=dataset_nama, nama_file=nama_file, sha256=sha, pengguna=pengguna, waktu=dt.datetime.now(),
                jumlah_baris=hasil.jumlah_baris, baris_baru=0, baris_diubah=0, baris_ditolak=0, isi_file=isi,
            ).returning(Unggahan.id)
        ).scalar_one()  # fmt: skip
        segarkan_statistik(conn, dataset.model)
        batas = v.Batas(hari_ini or dt.date.today(), settings.iuran_bulanan)
        pemeriksa = Pemeriksa(dataset, Referensi.dari(conn, settings), batas)
        diterima = keluar = 0
        periode: set[str] = set()  # keyed by period (payments): the covered months this upload adds or changes
        for awal in range(0, len(frame), ukuran):
            rows, masalah = pemeriksa.periksa(frame.iloc[awal : awal + ukuran])
            diterima += len(rows)
            rencana = rencanakan(conn, dataset, rows, roster_lengkap)
            masalah += [
                Masalah(pemeriksa.kunci_terlihat[tuple(r[k] for k in dataset.kunci)], ", ".join(dataset.kunci),
                        " / ".join(str(r[k]) for k in dataset.kunci), pesan_mirip(dataset, lain), True)
                for r, lain in rencana.mirip
            ]  # fmt: skip
            hasil.tambah_masalah(sorted(masalah, key=lambda m: m.baris))  # stable: a row's own problems first
            hasil.asn_tidak_ada += rencana.tidak_ada
            hasil.baru, hasil.diubah, hasil.sama = (
                hasil.baru + len(rencana.baru), hasil.diubah + len(rencana.diubah), hasil.sama + rencana.sama
            )  # fmt: skip
            if aktif := dataset.roster:
                keluar += sum(1 for baru, _ in rencana.diubah if not baru[aktif])
            if kp := dataset.kunci_periode:
                periode |= {r[kp] for r in rencana.baru} | {r[kp] for r, _ in rencana.diubah}
            terapkan(conn, dataset, rencana, unggahan_id)
            if dataset.riwayat and rows:
                model_riwayat, kolom_riwayat = dataset.riwayat
                riwayat = [{"unggahan_id": unggahan_id, **{k: r[k] for k in kolom_riwayat}} for r in rows]
                sisipkan(conn, model_riwayat, riwayat)
        hasil.ditolak = hasil.jumlah_baris - diterima
        # Neither the file's frame nor the keys seen in it (a tuple per row) are needed past its chunks, and the
        # summaries below read every enrolment and payment: memory is freed before them.
        del frame, pemeriksa
        if roster_lengkap and hasil.ada_galat:
            # Which ASN a rejected row meant is unknown: each would count as gone from the roster and be
            # deactivated. A whole roster is saved whole or not at all.
            hasil.masalah.insert(0, Masalah(1, "", "", PESAN_ROSTER_DITOLAK.format(n=hasil.ditolak)))
            transaksi.rollback()
            return hasil
        if keluar:
            pesan = f"{keluar} ASN aktif tidak ada di file ini dan akan dianggap tidak aktif lagi (roster lengkap). "
            hasil.masalah.insert(0, Masalah(1, "nip", "", pesan + "Pastikan file berisi roster lengkap.", True))
        if (mode is Mode.SIMPAN_JIKA_BERSIH and hasil.ada_galat) or not (hasil.baru or hasil.diubah):
            transaksi.rollback()
            return hasil
        conn.execute(
            update(Unggahan)
            .where(Unggahan.id == unggahan_id)
            .values(baris_baru=hasil.baru, baris_diubah=hasil.diubah, baris_ditolak=hasil.ditolak)
        )
        # The summaries the pages read, recomputed in this transaction: they change exactly when the rows do. A
        # preview computes them the same way, and its rollback undoes them with the rows.
        if mode is not Mode.PERIKSA and dataset.mengubah_angka:
            agregat = perbarui(conn, settings, sejak(dataset, periode))
        elif mode is not Mode.PERIKSA:
            bawa_maju(conn, settings)
        if mode is Mode.PRATINJAU:
            hasil.sesudah = _angka_utama(agregat, settings) if dataset.mengubah_angka else hasil.sebelum
        if not mode.menyimpan:
            transaksi.rollback()
            return hasil
        catat_dalam(conn, pengguna, "unggah", f"{dataset_nama} {nama_file} -> unggahan {unggahan_id}: baru "
                    f"{hasil.baru}, diubah {hasil.diubah}, ditolak {hasil.ditolak}")  # fmt: skip
        if bersama and (tolak := bersama(conn, unggahan_id)):
            hasil.masalah.insert(0, Masalah(1, "", "", tolak))
            transaksi.rollback()
            return hasil
        hasil.unggahan_id = unggahan_id
    return hasil


def _angka_utama(agregat: Agregat, settings: Settings) -> dict[str, Any]:
    from ptr_core.periode import bulan_dari_tanggal
    from ptr_core.ringkasan import ringkasan

    terakhir = agregat.tanggal_terakhir()
    if terakhir is None:
        return {}
    r = ringkasan(agregat, bulan_dari_tanggal(terakhir), settings)
    return {k: x for k, x in r.items() if k not in ("per_kecamatan", "per_opd")}
