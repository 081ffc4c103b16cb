"""What a NIK says (validasi.rincian_nik) and the BPU age limit (validasi.usia_bpu), hand-computed."""

from __future__ import annotations

import datetime as dt

import pytest

from ptr_core import validasi as v

HARI_INI = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("nik", "lahir", "jenis"),
    [
        ("3374010101900001", dt.date(1990, 1, 1), "L"),
        ("3374014101900001", dt.date(1990, 1, 1), "P"),  # a woman's day + 40
        ("3374037112650002", dt.date(1965, 12, 31), "P"),  # 71 = 31 + 40
        ("3374012902000003", dt.date(2000, 2, 29), "L"),  # 2000 was a leap year
        ("3374011512260004", dt.date(1926, 12, 15), "L"),  # 2026-12-15 is after HARI_INI: the century before
        ("3374010112260005", dt.date(2026, 12, 1), "L"),  # born yesterday: this century
    ],
)
def test_a_nik_gives_the_birth_date_and_sex(nik, lahir, jenis):
    assert v.rincian_nik(nik, HARI_INI) == v.DataNik(lahir, jenis)


@pytest.mark.parametrize("nik", ["3374013102990001", "3374017202990001", "3374010013900001", "3374014001900001"])
def test_a_nik_whose_birth_date_cannot_exist_is_refused(nik):
    # 31 February 1999; 32 + 40 = 72; month 13; day 0 written as 40 for a woman.
    with pytest.raises(v.NilaiSalah):
        v.rincian_nik(nik, HARI_INI)


def test_bpu_membership_ends_at_64_years_and_11_months():
    lahir = dt.date(1961, 12, 3)
    assert v.usia_bulan(lahir, dt.date(2026, 12, 2)) == 64 * 12 + 11  # one day short of 65
    assert v.usia_bpu(lahir, dt.date(2026, 12, 2)) is None
    assert v.usia_bulan(lahir, dt.date(2026, 12, 3)) == 65 * 12
    assert "64 tahun 11 bulan" in v.usia_bpu(lahir, dt.date(2026, 12, 3))
