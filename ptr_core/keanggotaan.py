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

import numpy as np
import pandas as pd

from ptr_core.periode import indeks_periode, indeks_tanggal
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


def dibayar_per_bulan(iuran: pd.DataFrame) -> pd.DataFrame:
    """Total paid per worker and covered month (columns nik, bulan, dibayar)."""
    if iuran.empty:
        return pd.DataFrame({"nik": pd.Series(dtype=object), "bulan": [], "dibayar": []})
    bayar = pd.DataFrame(
        {
            "nik": iuran["nik"].astype(object),
            "bulan": indeks_periode(iuran["periode"]),
            "dibayar": iuran["jumlah"].astype("int64"),
        }
    )
    return bayar.groupby(["nik", "bulan"], as_index=False)["dibayar"].sum()


def panel_status(pekerja: pd.DataFrame, iuran: pd.DataFrame, sampai: int, settings: Settings) -> pd.DataFrame:
    """One row per enrolment and month, from the month of tanggal_daftar up to month index `sampai`.

    A month belongs to the latest enrolment that started on or before it; months after
    tanggal_berhenti belong to none. `keanggotaan` is the enrolment's position in `pekerja`, so that
    `pekerja.iloc[panel["keanggotaan"]]` gives each row's worker.
    """
    if pekerja.empty:
        return pd.DataFrame({k: pd.Series(dtype=object) for k in KOLOM_PANEL})
    ep = pekerja.assign(
        mulai=indeks_tanggal(pekerja["tanggal_daftar"]),
        berhenti=indeks_tanggal(pekerja["tanggal_berhenti"]),
        keanggotaan=np.arange(len(pekerja)),
    ).sort_values(["nik", "mulai"], kind="stable")
    ep = ep.reset_index(drop=True)
    berikut = ep.groupby("nik")["mulai"].shift(-1)
    akhir = np.full(len(ep), sampai, dtype="int64")
    akhir = np.where(ep["berhenti"] >= 0, np.minimum(akhir, ep["berhenti"]), akhir)
    akhir = np.where(berikut.notna(), np.minimum(akhir, berikut.fillna(0) - 1), akhir)
    panjang = np.clip(akhir - ep["mulai"].to_numpy() + 1, 0, None).astype("int64")

    baris = np.repeat(np.arange(len(ep)), panjang)
    awal_kelompok = np.repeat(np.cumsum(panjang) - panjang, panjang)
    panel = ep.iloc[baris][
        ["nik", "nip_sponsor", "kode_kecamatan", "tanggal_daftar", "keanggotaan", "mulai"]
    ].reset_index(drop=True)
    panel["bulan"] = panel["mulai"].to_numpy() + (np.arange(len(baris)) - awal_kelompok)
    panel = panel.drop(columns="mulai")
    panel["nik"] = panel["nik"].astype(object)

    panel = panel.merge(dibayar_per_bulan(iuran), on=["nik", "bulan"], how="left")
    panel["dibayar"] = panel["dibayar"].fillna(0).astype("int64")
    lunas = panel["dibayar"] >= settings.iuran_bulanan
    # Consecutive unpaid months: a paid month starts a new run, then unpaid months count up.
    putaran = lunas.astype("int64").groupby(panel["keanggotaan"]).cumsum()
    beruntun = (~lunas).astype("int64").groupby([panel["keanggotaan"], putaran]).cumsum()
    gugur = (beruntun >= settings.bulan_sampai_nonaktif).groupby(panel["keanggotaan"]).cummax()
    panel["status"] = np.where(gugur, NONAKTIF, np.where(lunas, AKTIF, MENUNGGAK))
    # Sorted by month, so that one month is a contiguous slice (status_bulan).
    return panel[KOLOM_PANEL].sort_values("bulan", kind="stable").reset_index(drop=True)


def status_bulan(panel: pd.DataFrame, bulan: int) -> pd.DataFrame:
    """Each worker's row of the panel in one month (a worker has at most one)."""
    urut = panel["bulan"].to_numpy()
    return panel.iloc[np.searchsorted(urut, bulan, "left") : np.searchsorted(urut, bulan, "right")]


def daftar_pekerja(pekerja: pd.DataFrame, panel: pd.DataFrame, bulan: int) -> pd.DataFrame:
    """The workers in the programme in a month with their details and status (one row each)."""
    bulan_ini = status_bulan(panel, bulan)
    rincian = pekerja.iloc[bulan_ini["keanggotaan"].to_numpy()].reset_index(drop=True)
    rincian["status"] = bulan_ini["status"].to_numpy()
    rincian["dibayar"] = bulan_ini["dibayar"].to_numpy()
    return rincian
