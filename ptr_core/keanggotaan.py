"""Membership status of programme workers month by month: aktif, menunggak, nonaktif.

Definitions (the Metodologi page says the same in Bahasa Indonesia):
- A worker is *enrolled* in month M when tanggal_daftar is on or before the last day of M and
  tanggal_berhenti is empty or on or after the first day of M.
- *Aktif* in M: enrolled and the payments for periode M add up to at least the monthly rate,
  whenever they were paid (in advance or late).
- *Menunggak* in M: enrolled but not paid up for M.
- *Nonaktif* (lapsed): BPJS deactivates a BPU membership left unpaid for `bulan_sampai_nonaktif`
  consecutive months. From that month on the worker is no longer enrolled and owes nothing, until a
  new enrolment (a later tanggal_daftar) starts a fresh membership.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ptr_core.periode import IndeksBulan, indeks_periode, indeks_tanggal
from ptr_core.settings import Settings

AKTIF = "aktif"
MENUNGGAK = "menunggak"
NONAKTIF = "nonaktif"

KOLOM_PANEL = [
    "nik",
    "bulan",
    "status",
    "dibayar",
    "nip_sponsor",
    "kode_kecamatan",
    "tanggal_daftar",
    "keanggotaan",
]
STATUS = np.array([AKTIF, MENUNGGAK, NONAKTIF], dtype=object)  # status_inti's codes 0, 1, 2
_KALI = 100_000  # nik code x _KALI + month index: one integer key per worker and month


def bulan_iuran(iuran: pd.DataFrame) -> np.ndarray:
    """The covered month index of each payment (a `bulan` column read from the database, else from `periode`)."""
    if "bulan" in iuran:
        return iuran["bulan"].to_numpy(dtype="int64")
    return indeks_periode(iuran["periode"]) if len(iuran) else np.zeros(0, dtype="int64")


@dataclass(frozen=True)
class Keanggotaan:
    """The enrolments sorted by worker, then registration date, as integer arrays (the index of everything
    below)."""

    urut: np.ndarray  # position in `pekerja` of each sorted enrolment
    nik: np.ndarray  # worker code (NIKs sorted), per sorted enrolment
    mulai: np.ndarray  # month index of tanggal_daftar, per sorted enrolment
    nik_unik: pd.Index  # the NIK of each worker code

    @classmethod
    def dari(cls, pekerja: pd.DataFrame) -> Keanggotaan:
        kode, unik = pd.factorize(pekerja["nik"], sort=True)
        mulai = indeks_tanggal(pekerja["tanggal_daftar"])
        # By the full date, not only its month: of two registrations in one month the later owns the months,
        # whatever order the rows came in (a database returns them in no set order).
        tanggal = pd.to_datetime(pekerja["tanggal_daftar"]).to_numpy(dtype="datetime64[ns]")
        urut = np.lexsort((tanggal, kode))
        return cls(urut, kode[urut].astype("int64"), mulai[urut], pd.Index(unik))

    def kode_nik(self, nik: pd.Series) -> np.ndarray:
        """The worker code of each NIK; -1 for a NIK with no enrolment."""
        return self.nik_unik.get_indexer(nik)

    def milik(self, kode_nik: np.ndarray, bulan: np.ndarray) -> np.ndarray:
        """The enrolment (position in `pekerja`) each payment belongs to: the worker's latest enrolment started
        on or before the covered month, else their first one; -1 for a worker with no enrolment."""
        kunci = self.nik * _KALI + self.mulai
        cari = kode_nik * _KALI + bulan
        pos = np.searchsorted(kunci, cari, side="right") - 1
        cocok = (pos >= 0) & (self.nik[np.clip(pos, 0, None)] == kode_nik)
        pertama = np.searchsorted(kunci, kode_nik * _KALI, side="left")
        pertama_cocok = (pertama < len(kunci)) & (self.nik[np.clip(pertama, 0, len(kunci) - 1)] == kode_nik)
        pilih = np.where(cocok, pos, np.where(pertama_cocok, pertama, -1))
        return np.where(pilih >= 0, self.urut[np.clip(pilih, 0, None)], -1)


def status_inti(
    pekerja: pd.DataFrame,
    iuran: pd.DataFrame,
    sampai: IndeksBulan,
    settings: Settings,
    dari: IndeksBulan | None = None,
    gugur_sejak: np.ndarray | None = None,
) -> pd.DataFrame:
    """The status rules on integer arrays: one row per enrolment and month, from the month of tanggal_daftar up
    to month index `sampai`, with `keanggotaan` (position in `pekerja`), `bulan`, `kode` (0 aktif,
    1 menunggak, 2 nonaktif) and `dibayar`. A month belongs to the latest enrolment that started on or before
    it; months after tanggal_berhenti belong to none.

    A window, for recomputing after an upload of payments for month m0 onwards: pass `dari` = m0 - L + 1
    (L = bulan_sampai_nonaktif), payments from `dari` on, and `gugur_sejak`: per row of `pekerja`, the month
    its membership lapsed when that is before m0 (a larger value otherwise). The rows from m0 on are then
    exactly what the whole history gives: a run of L unpaid months that lapses a membership in month t lies
    within t - L + 1 .. t. (Rows before m0 are not: runs that began before `dari` are cut.)
    """
    if pekerja.empty:
        return pd.DataFrame({k: pd.Series(dtype="int64") for k in ("keanggotaan", "bulan", "kode", "dibayar")})
    ka = Keanggotaan.dari(pekerja)
    n = len(ka.urut)
    berhenti = indeks_tanggal(pekerja["tanggal_berhenti"])[ka.urut]
    sama_berikut = np.r_[ka.nik[1:] == ka.nik[:-1], False]
    berikut = np.r_[ka.mulai[1:], 0]
    akhir = np.full(n, sampai, dtype="int64")
    akhir = np.where(berhenti >= 0, np.minimum(akhir, berhenti), akhir)
    akhir = np.where(sama_berikut, np.minimum(akhir, berikut - 1), akhir)
    awal = ka.mulai if dari is None else np.maximum(ka.mulai, dari)
    panjang = np.clip(akhir - awal + 1, 0, None).astype("int64")

    baris = np.repeat(np.arange(n), panjang)  # sorted enrolment of each row: rows of one enrolment are contiguous
    awal_kelompok = np.repeat(np.cumsum(panjang) - panjang, panjang)
    bulan = awal[baris] + (np.arange(len(baris)) - awal_kelompok)

    kode_iuran = ka.kode_nik(iuran["nik"]) if len(iuran) else np.zeros(0, dtype="int64")
    sah = kode_iuran >= 0
    per_bulan = (
        pd.Series(iuran["jumlah"].to_numpy(dtype="int64")[sah] if len(iuran) else [], dtype="int64")
        .groupby(kode_iuran[sah] * _KALI + bulan_iuran(iuran)[sah])
        .sum()
    )
    posisi = per_bulan.index.get_indexer(ka.nik[baris] * _KALI + bulan)
    dibayar = np.where(posisi >= 0, per_bulan.to_numpy()[np.clip(posisi, 0, None)], 0) if len(per_bulan) else (
        np.zeros(len(baris), dtype="int64")
    )  # fmt: skip

    lunas = dibayar >= settings.iuran_bulanan
    # Consecutive unpaid months: a paid month starts a new run, then unpaid months count up.
    putaran = pd.Series(lunas.astype("int64")).groupby(baris).cumsum().to_numpy()
    beruntun = pd.Series((~lunas).astype("int64")).groupby(baris * _KALI + putaran).cumsum().to_numpy()
    gugur = beruntun >= settings.bulan_sampai_nonaktif
    if gugur_sejak is not None:
        gugur |= bulan >= np.asarray(gugur_sejak, dtype="int64")[ka.urut][baris]
    gugur = pd.Series(gugur).groupby(baris).cummax().to_numpy()
    return pd.DataFrame(
        {
            "keanggotaan": ka.urut[baris],
            "bulan": bulan.astype("int64"),
            "kode": np.where(gugur, 2, np.where(lunas, 0, 1)).astype("int8"),
            "dibayar": dibayar.astype("int64"),
        }
    )


def panel_status(pekerja: pd.DataFrame, iuran: pd.DataFrame, sampai: IndeksBulan, settings: Settings) -> pd.DataFrame:
    """`status_inti` with each row's worker (nik, sponsor, kecamatan, tanggal_daftar) and status name, sorted by
    month so that one month is a contiguous slice (status_bulan). `keanggotaan` is the enrolment's position in
    `pekerja`, so that `pekerja.iloc[panel["keanggotaan"]]` gives each row's worker."""
    if pekerja.empty:
        return pd.DataFrame({k: pd.Series(dtype=object) for k in KOLOM_PANEL})
    inti = status_inti(pekerja, iuran, sampai, settings)
    inti = inti.iloc[np.argsort(inti["bulan"].to_numpy(), kind="stable")]
    k = inti["keanggotaan"].to_numpy()
    panel = pd.DataFrame(
        {
            "nik": pekerja["nik"].to_numpy(dtype=object)[k],
            "bulan": inti["bulan"].to_numpy(),
            "status": STATUS[inti["kode"].to_numpy()],
            "dibayar": inti["dibayar"].to_numpy(),
            "nip_sponsor": pekerja["nip_sponsor"].to_numpy(dtype=object)[k],
            "kode_kecamatan": pekerja["kode_kecamatan"].to_numpy(dtype=object)[k],
            "tanggal_daftar": pekerja["tanggal_daftar"].to_numpy()[k],
            "keanggotaan": k,
        }
    )
    return panel


def status_bulan(panel: pd.DataFrame, bulan: IndeksBulan) -> pd.DataFrame:
    """Each worker's row of the panel in one month (a worker has at most one)."""
    urut = panel["bulan"].to_numpy()
    return panel.iloc[np.searchsorted(urut, bulan, "left") : np.searchsorted(urut, bulan, "right")]


def daftar_pekerja(pekerja: pd.DataFrame, panel: pd.DataFrame, bulan: IndeksBulan) -> pd.DataFrame:
    """The workers in the programme in a month with their details and status (one row each)."""
    bulan_ini = status_bulan(panel, bulan)
    rincian = pekerja.iloc[bulan_ini["keanggotaan"].to_numpy()].reset_index(drop=True)
    rincian["status"] = bulan_ini["status"].to_numpy()
    rincian["dibayar"] = bulan_ini["dibayar"].to_numpy()
    return rincian
