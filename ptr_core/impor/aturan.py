"""Rules: what a row is checked against once its cells have parsed and its references have resolved, namely its
columns against one another and against what the database holds. Each dataset declares its rules in the registry
(`Dataset.aturan`); the checking stage runs them in that order, and a rule reports through `Baris.salah` (rows,
order within a row, column, message, whether a warning), which also marks the rows an error rejects."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ptr_core import klaim
from ptr_core import validasi as v
from ptr_core.periode import dari_indeks, ke_indeks

if TYPE_CHECKING:  # the checking stage imports the registry, which names these rules
    from ptr_core.impor.pemeriksaan import Referensi


@dataclass(frozen=True)
class Baris:
    """The rows of a chunk as a rule sees them: every column's values (references already resolved to codes), the
    positions of the rows whose cells all parsed (`cek`, the ones a rule checks), what the database holds, and
    which rows have an error so far (`galat`, updated as problems are reported)."""

    nilai: dict[str, np.ndarray]
    cek: np.ndarray
    ref: Referensi
    galat: np.ndarray
    tambah: Callable[[int, int, str, str, bool], None]  # (position, order within the row, column, message, warning)

    def salah(self, posisi: Iterable[int], urutan: int, kolom: str, pesan: str, peringatan: bool = False) -> None:
        """Report a problem of `kolom` in each row at `posisi`: an error, unless `peringatan`."""
        for p in posisi:
            self.tambah(p, urutan, kolom, pesan, peringatan)


Aturan = Callable[[Baris], None]


def berurutan(awal: str, akhir: str, urutan: int, kolom: str, pesan: str) -> Aturan:
    """The rule that `akhir` (a date or a month) is not before `awal`, reported in `kolom`; a row that leaves either
    empty is not checked."""

    def aturan(b: Baris) -> None:
        a, z = b.nilai[awal], b.nilai[akhir]
        b.salah([p for p in b.cek if a[p] is not None and z[p] is not None and z[p] < a[p]], urutan, kolom, pesan)

    return aturan


def sponsor_di_roster(b: Baris) -> None:
    """A worker's sponsor is an active ASN of the roster."""
    nip = b.nilai["nip_sponsor"]
    b.salah([p for p in b.cek if nip[p] not in b.ref.nip_aktif], 101, "nip_sponsor",
            "NIP sponsor tidak ada di roster ASN aktif; unggah roster terbaru atau periksa NIP.")  # fmt: skip


def dilindungi_program_lain(b: Baris) -> None:
    """Staff's own forms may list a worker another programme already covers: saved, but never unnoticed."""
    nik = b.nilai["nik"]
    for p in b.cek:
        if lain := b.ref.program_lain.get(nik[p]):
            b.salah([p], 103, "nik", f"Pekerja ini juga dilindungi program lain ({', '.join(lain)}); iurannya "
                    "mungkin dibayar dua kali. Periksa sebelum menyimpan.", peringatan=True)  # fmt: skip


def iuran_sejak_terdaftar(b: Baris) -> None:
    """A payment is for a registered worker, and covers no month before the worker's first registration."""
    cek = b.cek
    nik, periode = b.nilai["nik"][cek], b.nilai["periode"][cek]
    mulai = np.array([b.ref.mulai.get(x) for x in nik], dtype=object)
    terdaftar = mulai.astype(bool)
    b.salah(cek[~terdaftar], 100, "nik", "NIK ini tidak ada di data pekerja; unggah data pekerjanya dulu.")
    mulai = mulai[terdaftar]
    awal = periode[terdaftar] < pd.Series(mulai, dtype=object).str.slice(0, 7).to_numpy()
    for p, t in zip(cek[terdaftar][awal], mulai[awal]):
        b.salah([p], 101, "periode", f"Periode sebelum pekerja ini terdaftar ({t}).")


def periode_dekat_bayar(b: Baris) -> None:
    """A payment covers no month more than `PERIODE_KE_DEPAN_BULAN` after it was paid."""
    cek = b.cek
    periode, bayar = b.nilai["periode"][cek], b.nilai["tanggal_bayar"][cek]
    akhir = {t: dari_indeks(ke_indeks(f"{t:%Y-%m}") + v.PERIODE_KE_DEPAN_BULAN) for t in set(bayar)}
    batas_periode = np.array([akhir[t] for t in bayar], dtype=object)
    for p in cek[periode > batas_periode]:
        b.salah([p], 103, "periode", f"Periode lebih dari {v.PERIODE_KE_DEPAN_BULAN} bulan setelah tanggal_bayar; "
                "periksa periode dan tanggal bayarnya.")  # fmt: skip


def kelipatan_iuran(b: Baris) -> None:
    """A payment is a whole number of monthly contributions (a warning: it may be a correction)."""
    cek = b.cek
    ganjil = cek[b.nilai["jumlah"][cek].astype("int64") % b.ref.iuran_bulanan != 0]
    rp = f"Rp{b.ref.iuran_bulanan:,}".replace(",", ".")
    b.salah(ganjil, 102, "jumlah", f"Jumlah bukan kelipatan iuran bulanan {rp}; periksa kembali.", peringatan=True)


def dibayar_dekat_laporan(b: Baris) -> None:
    """A BPJS report's last paid month is no more than `PERIODE_KE_DEPAN_BULAN` after the report."""
    laporan, akhir = b.nilai["tanggal_laporan"], b.nilai["bulan_terakhir_dibayar"]
    maks = {t: dari_indeks(ke_indeks(f"{t:%Y-%m}") + v.PERIODE_KE_DEPAN_BULAN) for t in set(laporan[b.cek])}
    b.salah([p for p in b.cek if akhir[p] and akhir[p] > maks[laporan[p]]], 102, "bulan_terakhir_dibayar",
            f"Bulan terakhir dibayar lebih dari {v.PERIODE_KE_DEPAN_BULAN} bulan setelah tanggal_laporan; periksa "
            "tahunnya.")  # fmt: skip


def klaim_pekerja_program(b: Baris) -> None:
    """A claim is recorded only for a worker of the programme."""
    nik = b.nilai["nik"]
    b.salah([p for p in b.cek if nik[p] not in b.ref.daftar], 100, "nik",
            "NIK ini tidak ada di data pekerja program; klaim hanya dicatat untuk pekerja program.")  # fmt: skip


def terdaftar_saat_kejadian(b: Baris) -> None:
    """A claim of a programme worker falls in one of the worker's registrations (its incident day)."""
    cek, ref = b.cek, b.ref
    nik, kejadian = b.nilai["nik"], b.nilai["tanggal_kejadian"]
    # One merge of the file's claims with their NIKs' registrations: a file's size never costs a loop of frames.
    baris = pd.DataFrame({"p": cek, "nik": nik[cek], "hari": kejadian[cek]})
    baris = baris[baris["nik"].isin(ref.daftar.keys())]
    daftar = pd.DataFrame(
        [(n, r.tanggal_daftar, r.tanggal_berhenti) for n in set(baris["nik"]) for r in ref.daftar[n]],
        columns=["nik", "tanggal_daftar", "tanggal_berhenti"],
    )
    pasangan = baris.merge(daftar, on="nik")
    berlaku = klaim.berlaku_pada(pasangan["tanggal_daftar"], pasangan["tanggal_berhenti"], pasangan["hari"])
    tanpa = baris[~baris["p"].isin(pasangan.loc[berlaku, "p"])]
    rentang = {n: "; ".join(r.rentang for r in ref.daftar[n]) for n in set(tanpa["nik"])}
    for p, n in zip(tanpa["p"], tanpa["nik"]):
        b.salah([p], 102, "tanggal_kejadian", f"Pada tanggal_kejadian pekerja ini tidak terdaftar di program "
                f"(terdaftar {rentang[n]}): klaim ini bukan manfaat program.")  # fmt: skip


def peserta_dalam_informal(b: Baris) -> None:
    """A kecamatan's active participants are among its informal workers (a row already in error is not checked)."""
    aktif, informal = b.nilai["peserta_aktif"], b.nilai["pekerja_informal"]
    lebih = [p for p in b.cek if not b.galat[p] and aktif[p] > informal[p]]
    b.salah(lebih, 101, "peserta_aktif", "peserta_aktif melebihi pekerja_informal; periksa kedua angka ini.")


def kode_target(b: Baris) -> None:
    """A target is read by its code: the city's (tingkat kota: 33.74, dots optional) or a kecamatan's, by code or
    name (tingkat kecamatan), resolved to its code. Any other code is a target no figure would ever read."""
    from ptr_core.impor.kontrak import RUJUKAN_KECAMATAN
    from ptr_core.impor.pemeriksaan import resolusi
    from ptr_core.target import KODE_KOTA

    tingkat, kode = b.nilai["tingkat"], b.nilai["kode"]
    kota = [p for p in b.cek if tingkat[p] == "kota"]
    for p in kota:
        if str(kode[p]).replace(".", "") == KODE_KOTA.replace(".", ""):
            kode[p] = KODE_KOTA
        else:
            b.salah([p], 100, "kode", f"Target tingkat kota memakai kode {KODE_KOTA} (Kota Semarang).")
    kecamatan = replace(b, cek=np.array([p for p in b.cek if tingkat[p] == "kecamatan"], dtype=int))
    resolusi(kecamatan, "kode", RUJUKAN_KECAMATAN, b.ref.kecamatan)
