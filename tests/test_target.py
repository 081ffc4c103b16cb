"""Targets, gaps, pace, projection and cost (target.py)."""

from decimal import Decimal

import pandas as pd

from ptr_core import target as t
from ptr_core.periode import ke_indeks
from ptr_core.settings import Settings
from tests.factory import KEC_1, KEC_2, SETTINGS, dunia, snapshot


def test_worked_example_2025_target_gap_and_cost():
    # ceil(1,2 x 40.196) = ceil(48.235,2) = 48.236; gap 48.236 - 40.196 = 8.040;
    # cost 8.040 x 16.800 x 12 = 1.620.864.000 a year.
    data = dunia(cakupan=[snapshot("2024-12-31", KEC_1, 215_243, 40_196)])
    target = t.target_peserta_kota(data.cakupan, data.target, 2025, SETTINGS)
    assert target == 48_236
    assert t.kekurangan(target, 40_196) == 8_040
    assert t.biaya_menutup_gap(8_040, SETTINGS) == 1_620_864_000


def test_target_is_exact_where_binary_floats_would_round_up():
    # 1,2 x 50.000 is exactly 60.000; in floats 50000 * 1.2 = 60000.000000000007 and ceil gives 60.001.
    assert t.target_dari_dasar(50_000, SETTINGS) == 60_000
    assert t.target_dari_dasar(5, Settings(pertumbuhan_target=Decimal("0.25"))) == 7


def test_city_target_uses_the_summed_baseline_not_the_sum_of_kecamatan_targets():
    # Kecamatan baselines 1 and 1: each ceil(1,2) = 2 (sum 4); the city is ceil(2,4) = 3.
    data = dunia(cakupan=[snapshot("2024-12-31", KEC_1, 10, 1), snapshot("2024-12-31", KEC_2, 10, 1)])
    assert t.target_peserta_kota(data.cakupan, data.target, 2025, SETTINGS) == 3
    assert t.target_peserta_kecamatan(pd.Series([KEC_1, KEC_2]), data.cakupan, data.target, 2025, SETTINGS) == [
        2,
        2,
    ]


def test_baseline_is_the_last_snapshot_of_the_previous_year():
    data = dunia(
        cakupan=[snapshot("2024-06-30", KEC_1, 100, 10), snapshot("2024-12-31", KEC_1, 100, 50),
                 snapshot("2025-01-31", KEC_1, 100, 90)]
    )  # fmt: skip
    assert t.target_peserta_kota(data.cakupan, data.target, 2025, SETTINGS) == 60


def test_a_kecamatan_without_a_snapshot_in_the_previous_year_keeps_its_older_baseline():
    # KEC_1: 31 Dec 2024 100, 30 Jun 2025 110; KEC_2 only 31 Dec 2024 50. 2026 baseline 110 + 50 = 160:
    # city ceil(1,2 x 160) = 192; KEC_1 ceil(132) = 132, KEC_2 ceil(60) = 60. A 2026 month has its own target.
    data = dunia(
        cakupan=[snapshot("2024-12-31", KEC_1, 1_000, 100), snapshot("2025-06-30", KEC_1, 1_000, 110),
                 snapshot("2024-12-31", KEC_2, 1_000, 50)]
    )  # fmt: skip
    assert t.target_peserta_kota(data.cakupan, data.target, 2026, SETTINGS) == 192
    kec = t.target_peserta_kecamatan(pd.Series([KEC_1, KEC_2]), data.cakupan, data.target, 2026, SETTINGS)
    assert kec == [132, 60]
    assert t.tahun_target(data.cakupan, ke_indeks("2026-01")) == 2026


def test_explicit_target_row_overrides_the_rule():
    data = dunia(
        cakupan=[snapshot("2024-12-31", KEC_1, 100, 50)],
        target=[
            {"tahun": 2025, "tingkat": "kota", "kode": "33.74", "indikator": "peserta_aktif", "nilai": 75},
            {"tahun": 2025, "tingkat": "kecamatan", "kode": KEC_1, "indikator": "peserta_aktif", "nilai": 70},
        ],
    )
    assert t.target_peserta_kota(data.cakupan, data.target, 2025, SETTINGS) == 75
    assert t.target_peserta_kecamatan(pd.Series([KEC_1, KEC_2]), data.cakupan, data.target, 2025, SETTINGS) == [
        70,
        None,
    ]


def test_baseline_month_is_measured_against_the_first_target():
    data = dunia(cakupan=[snapshot("2024-12-31", KEC_1, 100, 50), snapshot("2025-03-31", KEC_1, 100, 55)])
    assert t.tahun_target(data.cakupan, ke_indeks("2024-12")) == 2025
    assert t.tahun_target(data.cakupan, ke_indeks("2025-03")) == 2025
    assert t.tahun_target(data.cakupan, ke_indeks("2026-01")) == 2026


def test_gap_never_goes_below_zero():
    assert t.kekurangan(100, 120) == 0
    assert t.kekurangan(None, 120) is None


def test_pace_and_projection_to_year_end():
    # September 2025: 3 months left. Participants Jun 100, Jul 110, Aug 115, Sep 130:
    # mean net gain (130 - 100) / 3 = 10 a month; projection 130 + 10 x 3 = 160.
    sep = ke_indeks("2025-09")
    seri = pd.Series({sep - 3: 100, sep - 2: 110, sep - 1: 115, sep: 130})
    sisa = t.sisa_bulan(sep, 2025)
    assert sisa == 3
    assert t.proyeksi(seri, sep, sisa) == 160.0
    assert t.sesuai_jalur(160.0, 160) is True
    assert t.sesuai_jalur(160.0, 161) is False
    # A gap of 31 with 3 months left needs 10,33 a month.
    assert round(t.laju_dibutuhkan(31, sisa), 2) == 10.33


def test_december_of_the_baseline_year_has_twelve_months_left_to_the_first_target():
    assert t.sisa_bulan(ke_indeks("2024-12"), 2025) == 12
    assert t.sisa_bulan(ke_indeks("2025-12"), 2025) == 0


def test_change_against_the_previous_month_in_counts_and_points():
    from ptr_core.ringkasan import perubahan

    # 18,67% -> 18,95% is +0,28 points; 40.196 -> 40.820 is +624; no previous month gives nothing.
    r, r0 = {"cakupan_persen": 18.95, "peserta_aktif": 40_820}, {"cakupan_persen": 18.67, "peserta_aktif": 40_196}
    assert perubahan(r, r0, "cakupan_persen") == 0.28
    assert perubahan(r, r0, "peserta_aktif") == 624
    assert perubahan(r, None, "peserta_aktif") is None


def test_a_kecamatans_trend_holds_each_month_to_the_target_of_its_own_year_as_its_figures_do():
    # KEC_1: 100 participants at the end of 2024, 150 at the end of 2025. Its 2025 months are held to ceil(1,2 x
    # 100) = 120 and its 2026 months to ceil(1,2 x 150) = 180, as each month's figures say (the chart drew the
    # month's target, 180, across 2025).
    from ptr_core.agregat import agregat_dari_baris
    from ptr_core.cakupan import tren_cakupan
    from ptr_core.ringkasan import dengan_target, ringkasan

    data = dunia(cakupan=[snapshot("2024-12-31", KEC_1, 1_000, 100), snapshot("2025-12-31", KEC_1, 1_000, 150),
                          snapshot("2026-02-28", KEC_1, 1_000, 160)])  # fmt: skip
    agregat = agregat_dari_baris(data, SETTINGS)
    tren = tren_cakupan(agregat, ke_indeks("2025-11"), ke_indeks("2026-02"))
    tren = dengan_target(agregat, tren[tren["kode_kecamatan"] == KEC_1], SETTINGS, KEC_1)
    assert dict(zip(tren["bulan"], tren["target_peserta"])) == {
        "2025-11": 120, "2025-12": 120, "2026-01": 180, "2026-02": 180
    }  # fmt: skip
    for bulan, target in zip(tren["bulan"], tren["target_peserta"]):
        [kec] = [k for k in ringkasan(agregat, bulan, SETTINGS)["per_kecamatan"] if k["kode_kecamatan"] == KEC_1]
        assert kec["target_peserta"] == target
