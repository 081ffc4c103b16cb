"""Membership status: enrolled, aktif, menunggak, nonaktif (keanggotaan.py)."""

from ptr_core.periode import ke_indeks
from ptr_core.settings import Settings
from tests.factory import agregat, bayar, bayar_rentang, dunia, pekerja, status_di


def test_worker_enrolled_mid_month_counts_from_that_month():
    data = dunia([pekerja(1, daftar="2025-03-20")], bayar_rentang(1, "2025-03", "2025-04"))
    assert status_di(data, "2025-02", 1) is None
    assert status_di(data, "2025-03", 1) == "aktif"


def test_worker_stopped_in_may_is_enrolled_in_may_and_not_in_june():
    data = dunia([pekerja(1, daftar="2025-01-10", berhenti="2025-05-15")], bayar_rentang(1, "2025-01", "2025-06"))
    assert status_di(data, "2025-05", 1) == "aktif"
    assert status_di(data, "2025-06", 1) is None


def test_payment_in_advance_makes_the_covered_month_active():
    # Paid in January for January..March.
    data = dunia(
        [pekerja(1)],
        [bayar(1, p, tanggal="2025-01-03") for p in ("2025-01", "2025-02", "2025-03")],
    )
    assert status_di(data, "2025-03", 1) == "aktif"
    assert status_di(data, "2025-04", 1) == "menunggak"


def test_late_payment_counts_for_the_month_it_covers():
    data = dunia([pekerja(1)], [bayar(1, "2025-01"), bayar(1, "2025-02", tanggal="2025-03-28")])
    assert status_di(data, "2025-02", 1) == "aktif"


def test_partial_payments_for_one_month_add_up():
    data = dunia(
        [pekerja(1)],
        [bayar(1, "2025-01", 8_400, "2025-01-05"), bayar(1, "2025-01", 8_400, "2025-01-20")],
    )
    assert status_di(data, "2025-01", 1) == "aktif"


def test_underpaid_month_is_menunggak():
    data = dunia([pekerja(1)], [bayar(1, "2025-01", 16_799)])
    assert status_di(data, "2025-01", 1) == "menunggak"


def test_membership_lapses_in_the_third_consecutive_unpaid_month():
    # Paid January; February and March unpaid (menunggak); April is the 3rd unpaid month: nonaktif.
    data = dunia([pekerja(1)], [bayar(1, "2025-01")])
    assert [status_di(data, m, 1) for m in ("2025-01", "2025-02", "2025-03", "2025-04", "2025-05")] == [
        "aktif",
        "menunggak",
        "menunggak",
        "nonaktif",
        "nonaktif",
    ]


def test_a_paid_month_resets_the_unpaid_run():
    # Unpaid Feb, Mar; paid Apr; unpaid May, Jun: never 3 in a row.
    data = dunia([pekerja(1)], [bayar(1, "2025-01"), bayar(1, "2025-04")])
    assert status_di(data, "2025-06", 1) == "menunggak"


def test_payment_after_lapse_does_not_reactivate_without_new_enrolment():
    data = dunia([pekerja(1)], [bayar(1, "2025-01"), bayar(1, "2025-05")])
    assert status_di(data, "2025-05", 1) == "nonaktif"


def test_new_enrolment_after_lapse_starts_a_fresh_membership():
    data = dunia(
        [pekerja(1, daftar="2025-01-10"), pekerja(1, daftar="2025-07-01")],
        [bayar(1, "2025-01"), bayar(1, "2025-07")],
    )
    assert status_di(data, "2025-06", 1) == "nonaktif"
    assert status_di(data, "2025-07", 1) == "aktif"
    assert status_di(data, "2025-08", 1) == "menunggak"


def test_lapse_threshold_is_a_setting():
    data = dunia([pekerja(1)], [bayar(1, "2025-01")])
    assert status_di(data, "2025-03", 1, Settings(bulan_sampai_nonaktif=2)) == "nonaktif"
    assert status_di(data, "2025-03", 1) == "menunggak"


def _hitung(ik, bulan):
    return ik.bulan(ke_indeks(bulan))[["aktif", "menunggak", "nonaktif"]].sum().astype(int).to_dict()


def test_counts_per_status_in_a_month():
    # 1 paid up, 2 unpaid this month, 3 lapsed (registered January, never paid: nonaktif from March).
    data = dunia(
        [pekerja(1), pekerja(2), pekerja(3)],
        [bayar(1, "2025-03"), bayar(2, "2025-01"), bayar(2, "2025-02")],
    )
    assert _hitung(agregat(data, "2025-03"), "2025-03") == {"aktif": 1, "menunggak": 1, "nonaktif": 1}


def test_a_month_with_no_data_has_no_one():
    assert _hitung(agregat(dunia(), "2025-03"), "2025-03") == {
        "aktif": 0,
        "menunggak": 0,
        "nonaktif": 0,
    }


def test_a_worker_registered_again_within_the_month_belongs_to_the_later_registration_whatever_the_row_order():
    # Registered 1 March, stopped 10 March, registered again 20 March and paid through May. The rows arrive
    # newest first (a database returns rows in no set order): the months still belong to the 20 March one.
    data = dunia(
        [pekerja(1, daftar="2025-03-20"), pekerja(1, daftar="2025-03-01", berhenti="2025-03-10")],
        bayar_rentang(1, "2025-03", "2025-05"),
    )
    assert [status_di(data, b, 1) for b in ("2025-03", "2025-04", "2025-05")] == ["aktif", "aktif", "aktif"]
