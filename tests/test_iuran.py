"""Contributions paid and arrears (iuran.py)."""

from ptr_core import iuran
from ptr_core.periode import ke_indeks
from tests.factory import KEC_1, KEC_2, NIP_A, NIP_B, NIP_C, agregat, asn, bayar, dunia, pekerja


def _ik(data, sampai="2025-03"):
    return agregat(data, sampai)


def test_paid_for_a_month_counts_payments_for_that_periode_whenever_paid():
    # January: 16.800 paid in January + 16.800 paid late in March; the advance for February is not January's.
    data = dunia(
        [pekerja(1), pekerja(2)],
        [
            bayar(1, "2025-01"),
            bayar(2, "2025-01", tanggal="2025-03-02"),
            bayar(1, "2025-02", tanggal="2025-01-05"),
        ],
    )
    assert iuran.dibayar_bulan(_ik(data), ke_indeks("2025-01")) == 33_600


def test_year_to_date_sums_january_to_the_month_of_that_year_only():
    # December 2024 and April 2025 are outside January..March 2025: 3 x 16.800 = 50.400.
    data = dunia(
        [pekerja(1, daftar="2024-12-01")],
        [bayar(1, m) for m in ("2024-12", "2025-01", "2025-02", "2025-03", "2025-04")],
    )
    assert iuran.dibayar_tahun_berjalan(_ik(data), ke_indeks("2025-03")) == 50_400


def test_arrears_sum_what_is_missing_in_each_enrolled_month():
    # Worker 1: Jan paid 10.000 (owes 6.800), Feb paid in full, Mar unpaid (owes 16.800): 23.600.
    data = dunia(
        [pekerja(1)],
        [bayar(1, "2025-01", 10_000), bayar(1, "2025-02")],
    )
    assert iuran.tunggakan(_ik(data), ke_indeks("2025-03")) == 23_600


def test_lapsed_months_add_no_arrears():
    # Paid Jan; Feb and Mar owed (33.600); Apr onwards nonaktif: nothing more is expected.
    data = dunia([pekerja(1)], [bayar(1, "2025-01")])
    assert iuran.tunggakan(_ik(data, "2025-06"), ke_indeks("2025-06")) == 33_600


def test_months_after_stopping_add_no_arrears():
    # Stopped 10 Feb: January and February are owed, March is not: 33.600.
    data = dunia([pekerja(1, berhenti="2025-02-10")])
    assert iuran.tunggakan(_ik(data), ke_indeks("2025-03")) == 33_600


def test_overpayment_of_one_month_does_not_offset_another():
    data = dunia([pekerja(1)], [bayar(1, "2025-01", 33_600)])
    assert iuran.tunggakan(_ik(data, "2025-02"), ke_indeks("2025-02")) == 16_800


def test_payments_are_attributed_to_the_kecamatan_and_the_sponsors_current_opd():
    # A sponsor who is not in the roster: the payment counts for the city and the kecamatan, for no OPD.
    data = dunia(
        [pekerja(1, sponsor=NIP_A, kec=KEC_1), pekerja(2, sponsor=NIP_B, kec=KEC_2), pekerja(3, sponsor=NIP_C)],
        [bayar(1, "2025-01"), bayar(2, "2025-01", 20_000), bayar(3, "2025-01", 1_000)],
        asn=[asn(NIP_A, "DINSOS"), asn(NIP_B, "DISNAKER")],
    )
    ik = _ik(data, "2025-01")
    assert iuran.dibayar_per(ik, ke_indeks("2025-01"), "kode_kecamatan").to_dict() == {
        KEC_1: 17_800,
        KEC_2: 20_000,
    }
    assert iuran.dibayar_per(ik, ke_indeks("2025-01"), "kode_opd").to_dict() == {"DINSOS": 16_800, "DISNAKER": 20_000}
    assert iuran.dibayar_bulan(ik, ke_indeks("2025-01")) == 37_800
