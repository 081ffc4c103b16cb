"""Months as integers (year * 12 + month - 1), so that month arithmetic is plain subtraction. The arithmetic is
written here once (`indeks`, `tahun_nomor`); everything else, SQL included, goes through these.

A month travels in two forms: `'YYYY-MM'` text (`bulan` in `summary --json`, the month picker, a payment's `periode`)
and `IndeksBulan`, its index, which the metric functions take. The type checker keeps them apart (and apart from
a count of months or a year); arithmetic on an index gives a plain int, wrapped again (`IndeksBulan(m - 1)`) where
it is passed on to a function that takes a month."""

from __future__ import annotations

import datetime as dt
from typing import Any, NewType

import numpy as np
import pandas as pd

IndeksBulan = NewType("IndeksBulan", int)


def indeks(tahun: Any, nomor: Any) -> Any:
    """The month index of month `nomor` (1-12) of `tahun`; on ints, arrays, Series or SQL expressions alike."""
    return tahun * 12 + nomor - 1


def tahun_nomor(bulan: Any) -> tuple[Any, Any]:
    """The year and the month number (1-12) of a month index (an int or an array)."""
    tahun, sisa = divmod(bulan, 12)
    return tahun, sisa + 1


def ke_indeks(bulan: str) -> IndeksBulan:
    """'2025-01' -> 24300."""
    tahun, nomor = bulan.split("-")
    return IndeksBulan(indeks(int(tahun), int(nomor)))


def dari_indeks(bulan: int) -> str:
    """24300 -> '2025-01'; any month index, a computed one (`m - 1`) too."""
    tahun, nomor = tahun_nomor(bulan)
    return f"{tahun:04d}-{nomor:02d}"


def rentang_bulan(dari: IndeksBulan, sampai: IndeksBulan) -> list[IndeksBulan]:
    """Every month index from `dari` to `sampai`, both included."""
    return [IndeksBulan(m) for m in range(dari, sampai + 1)]


def indeks_tanggal(tanggal: pd.Series) -> np.ndarray:
    """Month index of each date; NaT becomes -1."""
    t = pd.to_datetime(tanggal)
    return np.where(t.isna(), -1, indeks(t.dt.year, t.dt.month)).astype("int64")


def indeks_periode(periode: pd.Series) -> np.ndarray:
    """Month index of each 'YYYY-MM' string."""
    s = periode.astype(str)
    return indeks(s.str.slice(0, 4).astype("int64"), s.str.slice(5, 7).astype("int64")).to_numpy()


def akhir_bulan(bulan: np.ndarray) -> np.ndarray:
    """The last day of each month index, as datetime64[D] (numpy counts months from January 1970)."""
    return (bulan - indeks(1970, 1) + 1).astype("datetime64[M]").astype("datetime64[D]") - np.timedelta64(1, "D")


def hari_pertama(bulan: str) -> dt.date:
    tahun, nomor = bulan.split("-")
    return dt.date(int(tahun), int(nomor), 1)


def hari_terakhir(bulan: str) -> dt.date:
    awal = hari_pertama(dari_indeks(ke_indeks(bulan) + 1))
    return awal - dt.timedelta(days=1)


def bulan_dari_tanggal(tanggal: dt.date) -> str:
    return f"{tanggal.year:04d}-{tanggal.month:02d}"
