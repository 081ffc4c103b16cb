"""Months as integers (year * 12 + month - 1), so that month arithmetic is plain subtraction.

A month travels in two forms: `'YYYY-MM'` text (`bulan` in `summary --json`, the month picker, a payment's `periode`)
and `IndeksBulan`, its index, which the metric functions take. The type checker keeps them apart (and apart from
a count of months or a year); arithmetic on an index gives a plain int, wrapped again (`IndeksBulan(m - 1)`) where
it is passed on to a function that takes a month."""

from __future__ import annotations

import datetime as dt
from typing import NewType

import numpy as np
import pandas as pd

IndeksBulan = NewType("IndeksBulan", int)


def ke_indeks(bulan: str) -> IndeksBulan:
    """'2025-01' -> 24300."""
    tahun, nomor = bulan.split("-")
    return IndeksBulan(int(tahun) * 12 + int(nomor) - 1)


def dari_indeks(indeks: int) -> str:
    """24300 -> '2025-01'; any month index, a computed one (`m - 1`) too."""
    return f"{indeks // 12:04d}-{indeks % 12 + 1:02d}"


def rentang_bulan(dari: IndeksBulan, sampai: IndeksBulan) -> list[IndeksBulan]:
    """Every month index from `dari` to `sampai`, both included."""
    return [IndeksBulan(m) for m in range(dari, sampai + 1)]


def indeks_tanggal(tanggal: pd.Series) -> np.ndarray:
    """Month index of each date; NaT becomes -1."""
    t = pd.to_datetime(tanggal)
    return np.where(t.isna(), -1, t.dt.year * 12 + t.dt.month - 1).astype("int64")


def indeks_periode(periode: pd.Series) -> np.ndarray:
    """Month index of each 'YYYY-MM' string."""
    s = periode.astype(str)
    return (s.str.slice(0, 4).astype("int64") * 12 + s.str.slice(5, 7).astype("int64") - 1).to_numpy()


def hari_pertama(bulan: str) -> dt.date:
    tahun, nomor = bulan.split("-")
    return dt.date(int(tahun), int(nomor), 1)


def hari_terakhir(bulan: str) -> dt.date:
    awal = hari_pertama(dari_indeks(ke_indeks(bulan) + 1))
    return awal - dt.timedelta(days=1)


def bulan_dari_tanggal(tanggal: dt.date) -> str:
    return f"{tanggal.year:04d}-{tanggal.month:02d}"
