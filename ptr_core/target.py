"""Targets: 20% more participants each year than at the end of the previous one, and the gap to them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal
from typing import TypedDict

import pandas as pd

from ptr_core.cakupan import snapshot_terakhir
from ptr_core.periode import IndeksBulan, indeks, tahun_nomor
from ptr_core.settings import Settings

KODE_KOTA = "33.74"
INDIKATOR_PESERTA = "peserta_aktif"


def target_dari_dasar(dasar: int, settings: Settings) -> int:
    """ceil((1 + growth) x participants at the end of the previous year), in exact decimals."""
    nilai = Decimal(int(dasar)) * (1 + settings.pertumbuhan_target)
    return int(nilai.to_integral_value(rounding=ROUND_CEILING))


def dasar_tahun(cakupan: pd.DataFrame, tahun: int) -> pd.Series:
    """peserta_aktif per kecamatan at its latest snapshot dated on or before the end of year `tahun` (the
    next year's baseline). A kecamatan whose file for that year is missing keeps its older snapshot: leaving
    it out would shrink the city's target and show no gap."""
    terakhir = snapshot_terakhir(cakupan, dt.date(tahun, 12, 31))
    return terakhir.set_index("kode_kecamatan")["peserta_aktif"].astype("int64")


def tahun_target(cakupan: pd.DataFrame, bulan: IndeksBulan, target: pd.DataFrame | None = None) -> int:
    """The year whose target a month is measured against.

    Normally the month's own year. When that year has neither a baseline (no snapshot at all on or before
    the end of the previous year, as in the programme's baseline year) nor an explicit city target, the
    month is measured against the first target: the next year's, built on the baseline it belongs to. So
    December 2024, the baseline, shows the 2025 target.
    """
    tahun = tahun_nomor(bulan)[0]
    if (pd.to_datetime(cakupan["tanggal_data"]) <= pd.Timestamp(tahun - 1, 12, 31)).any():
        return tahun
    if target is not None and KODE_KOTA in _override(target, tahun, "kota", INDIKATOR_PESERTA):
        return tahun
    return tahun + 1


def _override(target: pd.DataFrame, tahun: int, tingkat: str, indikator: str) -> dict[str, int]:
    pilih = target[(target["tahun"] == tahun) & (target["tingkat"] == tingkat) & (target["indikator"] == indikator)]
    return dict(zip(pilih["kode"], pilih["nilai"].astype("int64")))


def target_peserta_kota(cakupan: pd.DataFrame, target: pd.DataFrame, tahun: int, settings: Settings) -> int | None:
    """City target for a year: an explicit target row, else the growth rule on the summed baseline."""
    override = _override(target, tahun, "kota", INDIKATOR_PESERTA)
    if KODE_KOTA in override:
        return int(override[KODE_KOTA])
    dasar = dasar_tahun(cakupan, tahun - 1)
    return target_dari_dasar(int(dasar.sum()), settings) if len(dasar) else None


def target_peserta_kecamatan(
    kode_kecamatan: pd.Series,
    cakupan: pd.DataFrame,
    target: pd.DataFrame,
    tahun: int,
    settings: Settings,
) -> list[int | None]:
    """Each kecamatan's target from its own baseline; None for a kecamatan with no snapshot on or before the
    end of the previous year and no explicit target."""
    override = _override(target, tahun, "kecamatan", INDIKATOR_PESERTA)
    dasar = dasar_tahun(cakupan, tahun - 1)
    hasil: list[int | None] = []
    for kode in kode_kecamatan:
        if kode in override:
            hasil.append(int(override[kode]))
        elif kode in dasar.index:
            hasil.append(target_dari_dasar(int(dasar[kode]), settings))
        else:
            hasil.append(None)
    return hasil


def kekurangan(target: int | None, sekarang: int) -> int | None:
    """Kekurangan target (the gap): target minus current, never below 0 (a surplus is no shortfall)."""
    return None if target is None else max(int(target) - int(sekarang), 0)


def sisa_bulan(bulan: IndeksBulan, tahun: int) -> int:
    """Months left after month index `bulan` until the end of `tahun`: 11 after January of that year."""
    return max(indeks(tahun, 12) - bulan, 0)


def laju_dibutuhkan(gap: int | None, sisa: int) -> float | None:
    """Pace needed: workers to add per month to close the gap by the end of the year."""
    if gap is None:
        return None
    return float(gap) / max(sisa, 1)


def proyeksi(seri_peserta: pd.Series, bulan: IndeksBulan, sisa: int) -> float | None:
    """Year-end projection: current + mean net monthly gain of the last 3 months x months left.

    `seri_peserta` is indexed by month index. With fewer than 3 earlier months, the gain is averaged
    over the months there are; with none, the current value stands.
    """
    if bulan not in seri_peserta.index:
        return None
    sekarang = float(seri_peserta[bulan])
    lalu = [m for m in range(bulan - 3, bulan) if m in seri_peserta.index]
    if not lalu:
        return sekarang
    awal = min(lalu)
    kenaikan = (sekarang - float(seri_peserta[awal])) / (bulan - awal)
    return sekarang + kenaikan * sisa


def biaya_menutup_gap(gap: int | None, settings: Settings) -> int | None:
    """Yearly cost of sponsoring every missing worker: gap x monthly rate x 12."""
    return None if gap is None else int(gap) * settings.iuran_bulanan * 12


def sesuai_jalur(proyeksi_akhir: float | None, target: int | None) -> bool | None:
    """On track when the year-end projection reaches the target."""
    if proyeksi_akhir is None or target is None:
        return None
    return proyeksi_akhir >= target


class Simulasi(TypedDict):
    sponsor_baru: int
    pekerja_tambahan: int
    peserta_akhir: int
    cakupan_akhir_persen: float | None
    kekurangan_target: int | None
    biaya_program_per_tahun: int
    biaya_menutup_gap_per_tahun: int | None


def simulasi(
    peserta_aktif: int,
    pekerja_informal: int,
    pekerja_program_aktif: int,
    per_jenis: pd.DataFrame,
    partisipasi_sasaran: dict[str, float],
    laju_per_bulan: int,
    bulan: int,
    target: int | None,
    settings: Settings,
) -> Simulasi:
    """What-if: if each OPD kind reached a participation rate (each new sponsor enrols one worker) and
    `laju_per_bulan` more workers enrolled each month for `bulan` months, what would coverage, the gap
    and the yearly cost be? `per_jenis` holds asn_total and asn_berpartisipasi per jenis."""
    from ptr_core.cakupan import persen

    sponsor_baru = 0
    for row in per_jenis.itertuples():
        sasaran = Decimal(str(partisipasi_sasaran.get(row.jenis, 0))) / 100 * int(row.asn_total)
        sasaran_bulat = int(sasaran.to_integral_value(rounding=ROUND_CEILING))
        sponsor_baru += max(sasaran_bulat - int(row.asn_berpartisipasi), 0)
    tambahan = sponsor_baru + laju_per_bulan * bulan
    peserta_akhir = peserta_aktif + tambahan
    gap = kekurangan(target, peserta_akhir)
    return {
        "sponsor_baru": sponsor_baru,
        "pekerja_tambahan": tambahan,
        "peserta_akhir": peserta_akhir,
        "cakupan_akhir_persen": persen(peserta_akhir, pekerja_informal),
        "kekurangan_target": gap,
        "biaya_program_per_tahun": (pekerja_program_aktif + tambahan) * settings.iuran_bulanan * 12,
        "biaya_menutup_gap_per_tahun": biaya_menutup_gap(gap, settings),
    }
