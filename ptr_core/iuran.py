"""Iuran (contributions): what was paid for a month, for the year so far, and what is owed."""

from __future__ import annotations

import pandas as pd

from ptr_core.keanggotaan import MENUNGGAK
from ptr_core.periode import indeks_periode, indeks_tanggal
from ptr_core.settings import Settings


def iuran_berbulan(iuran: pd.DataFrame, pekerja: pd.DataFrame) -> pd.DataFrame:
    """Payments with their covered month index and the enrolment they belong to.

    A payment belongs to the worker's latest enrolment that started on or before the covered month,
    or to the first enrolment when it was paid for a month before any (the kecamatan and sponsor
    come from that enrolment).
    """
    bayar = iuran.assign(bulan=indeks_periode(iuran["periode"]) if len(iuran) else [])
    bayar = bayar.astype({"bulan": "int64"}).reset_index(drop=True)
    ep = pekerja.assign(mulai=indeks_tanggal(pekerja["tanggal_daftar"]))[
        ["nik", "mulai", "nip_sponsor", "kode_kecamatan"]
    ].astype({"mulai": "int64"})
    urut = bayar.sort_values("bulan")
    kiri = pd.merge_asof(
        urut, ep.sort_values("mulai"), left_on="bulan", right_on="mulai", by="nik", direction="backward"
    )
    kanan = pd.merge_asof(
        urut, ep.sort_values("mulai"), left_on="bulan", right_on="mulai", by="nik", direction="forward"
    )
    for kolom in ("nip_sponsor", "kode_kecamatan"):
        kiri[kolom] = kiri[kolom].where(kiri["mulai"].notna(), kanan[kolom])
    return kiri.drop(columns="mulai")


def dibayar_bulan(bayar: pd.DataFrame, bulan: int) -> int:
    """iuran_dibayar_bulan: the sum of payments whose periode is the month, whenever paid."""
    return int(bayar.loc[bayar["bulan"] == bulan, "jumlah"].sum())


def dibayar_tahun_berjalan(bayar: pd.DataFrame, bulan: int) -> int:
    """iuran_dibayar_tahun_berjalan: the sum of payments for January up to the month of its year."""
    januari = bulan - bulan % 12
    pilih = (bayar["bulan"] >= januari) & (bayar["bulan"] <= bulan)
    return int(bayar.loc[pilih, "jumlah"].sum())


def dibayar_per(bayar: pd.DataFrame, bulan: int, kunci: str) -> pd.Series:
    """iuran_dibayar_bulan grouped by `kunci` (kode_kecamatan, nip_sponsor or kode_opd)."""
    return bayar[bayar["bulan"] == bulan].groupby(kunci)["jumlah"].sum()


def kekurangan_bayar(panel: pd.DataFrame, bulan: int, settings: Settings) -> pd.DataFrame:
    """Every enrolled worker-month up to `bulan` with what is still owed (rate minus paid, at least 0).

    Aktif months owe nothing; nonaktif months are no longer enrolled, so nothing is expected.
    """
    tunggak = panel[(panel["bulan"] <= bulan) & (panel["status"] == MENUNGGAK)]
    return tunggak.assign(kurang=(settings.iuran_bulanan - tunggak["dibayar"]).clip(lower=0))


def tunggakan(panel: pd.DataFrame, bulan: int, settings: Settings) -> int:
    """Tunggakan up to a month: over each enrolled worker-month, the rate minus what was paid, floored at 0."""
    return int(kekurangan_bayar(panel, bulan, settings)["kurang"].sum())
