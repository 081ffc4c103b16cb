"""Months as integers (year * 12 + month - 1), so that month arithmetic is plain subtraction."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd


def ke_indeks(bulan: str) -> int:
    """'2025-01' -> 24300."""
    tahun, nomor = bulan.split("-")
    return int(tahun) * 12 + int(nomor) - 1


def dari_indeks(indeks: int) -> str:
    return f"{indeks // 12:04d}-{indeks % 12 + 1:02d}"


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
