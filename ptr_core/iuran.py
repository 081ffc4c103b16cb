"""Iuran (contributions): what was paid for a month, for the year so far, and what is owed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ptr_core.keanggotaan import MENUNGGAK
from ptr_core.periode import IndeksBulan, indeks, tahun_nomor
from ptr_core.settings import Settings

if TYPE_CHECKING:
    from ptr_core.agregat import Agregat


def dibayar_bulan(agregat: Agregat, bulan: IndeksBulan) -> int:
    """iuran_dibayar_bulan: the sum of payments whose periode is the month, whenever paid."""
    return int(agregat.bulan(bulan)["dibayar"].sum())


def dibayar_tahun_berjalan(agregat: Agregat, bulan: IndeksBulan) -> int:
    """iuran_dibayar_tahun_berjalan: the sum of payments for January up to the month of its year."""
    b = agregat.bulanan
    januari = indeks(tahun_nomor(bulan)[0], 1)
    return int(b.loc[(b["bulan"] >= januari) & (b["bulan"] <= bulan), "dibayar"].sum())


def dibayar_per(agregat: Agregat, bulan: IndeksBulan, kunci: str) -> pd.Series:
    """iuran_dibayar_bulan grouped by `kunci` (kode_kecamatan or kode_opd)."""
    return agregat.bulan(bulan).groupby(kunci)["dibayar"].sum()


def tunggakan_per(agregat: Agregat, bulan: IndeksBulan, kunci: str) -> pd.Series:
    """tunggakan up to the month grouped by `kunci` (kode_kecamatan, or kode_opd: the sponsor's OPD in the
    roster, active or not)."""
    b = agregat.bulanan
    return b[b["bulan"] <= bulan].groupby(kunci)["kurang"].sum()


def kurang_bulan(dibayar: np.ndarray, menunggak: np.ndarray | bool, settings: Settings) -> np.ndarray:
    """What each worker-month still owes: in a menunggak month, the rate minus what was paid for it (at least 0).
    An aktif month owes nothing; a nonaktif one is no longer enrolled, so nothing is expected."""
    return np.where(menunggak, np.clip(settings.iuran_bulanan - dibayar, 0, None), 0).astype("int64")


def kekurangan_bayar(panel: pd.DataFrame, bulan: IndeksBulan, settings: Settings) -> pd.DataFrame:
    """Every menunggak worker-month up to `bulan` with what it still owes (kurang_bulan)."""
    tunggak = panel[(panel["bulan"] <= bulan) & (panel["status"] == MENUNGGAK)]
    return tunggak.assign(kurang=kurang_bulan(tunggak["dibayar"].to_numpy(dtype="int64"), True, settings))


def tunggakan(agregat: Agregat, bulan: IndeksBulan) -> int:
    """Tunggakan up to a month: over each enrolled worker-month, the rate minus what was paid, floored at 0."""
    b = agregat.bulanan
    return int(b.loc[b["bulan"] <= bulan, "kurang"].sum())


def iuran_per_bulan(agregat: Agregat, dari: IndeksBulan, sampai: IndeksBulan, settings: Settings) -> pd.DataFrame:
    """Per month: diharapkan = rate x enrolled workers (aktif + menunggak); dibayar = payments for that
    periode; kurang = what enrolled workers still owe for that month. Summing kurang up to M gives tunggakan."""
    b = agregat.bulanan
    dalam = b[(b["bulan"] >= dari) & (b["bulan"] <= sampai)].assign(terdaftar=lambda f: f["aktif"] + f["menunggak"])
    hasil = dalam.groupby("bulan")[["terdaftar", "dibayar", "kurang"]].sum()
    hasil = hasil.reindex(pd.RangeIndex(dari, sampai + 1, name="bulan"), fill_value=0)
    hasil["diharapkan"] = hasil.pop("terdaftar") * settings.iuran_bulanan
    return hasil[["diharapkan", "dibayar", "kurang"]].astype("int64").reset_index()


def iuran_per_unit(agregat: Agregat, bulan: IndeksBulan, settings: Settings, kunci: str) -> pd.DataFrame:
    """For the month, per unit (`kunci`: kode_kecamatan or kode_opd): diharapkan, dibayar and tunggakan up to
    the month."""
    b = agregat.bulanan
    bulan_ini = b[b["bulan"] == bulan]
    return (
        pd.DataFrame(
            {
                "diharapkan": bulan_ini.groupby(kunci)[["aktif", "menunggak"]].sum().sum(axis=1)
                * settings.iuran_bulanan,
                "dibayar": bulan_ini.groupby(kunci)["dibayar"].sum(),
                "tunggakan": tunggakan_per(agregat, bulan, kunci),
            }
        )
        .fillna(0)
        .astype("int64")
        .rename_axis(kunci)
        .reset_index()
    )


def tunggakan_per_sponsor(panel: pd.DataFrame, bulan: IndeksBulan, settings: Settings) -> pd.DataFrame:
    """Sponsors whose workers owe contributions up to the month: workers, unpaid worker-months, amount."""
    kurang = kekurangan_bayar(panel, bulan, settings)
    return (
        kurang.groupby("nip_sponsor")
        .agg(pekerja=("nik", "nunique"), bulan_tertunggak=("bulan", "size"), tunggakan=("kurang", "sum"))
        .astype("int64")
        .sort_values("tunggakan", ascending=False)
        .reset_index()
    )
