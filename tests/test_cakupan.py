"""Coverage per kecamatan and for the city (cakupan.py)."""

from ptr_core.cakupan import cakupan_kecamatan, cakupan_kota, persen
from ptr_core.periode import ke_indeks
from tests.factory import KEC_1, KEC_2, agregat, bayar, dunia, pekerja, snapshot


def _per_kec(data, bulan):
    return cakupan_kecamatan(agregat(data, bulan), ke_indeks(bulan)).set_index("kode_kecamatan")


def test_seed_city_coverage_is_computed_from_counts():
    # 40.196 / 215.243 = 18,6747...% -> 18,67 (the news report's 18,64% does not follow from its counts).
    data = dunia(cakupan=[snapshot("2024-12-31", KEC_1, 215_243, 40_196)])
    kota = cakupan_kota(_per_kec(data, "2024-12"))
    assert kota == {
        "pekerja_informal": 215_243,
        "peserta_aktif": 40_196,
        "cakupan_persen": 18.67,
        "belum_terlindungi": 175_047,
    }


def test_city_coverage_is_a_sum_of_counts_not_an_average_of_percentages():
    # 10/100 = 10% and 900/1.000 = 90%: the average would be 50%; the city is 910/1.100 = 82,73%.
    data = dunia(cakupan=[snapshot("2025-01-31", KEC_1, 100, 10), snapshot("2025-01-31", KEC_2, 1_000, 900)])
    assert cakupan_kota(_per_kec(data, "2025-01"))["cakupan_persen"] == 82.73


def test_latest_snapshot_on_or_before_the_month_is_used():
    data = dunia(
        cakupan=[
            snapshot("2025-01-31", KEC_1, 1_000, 100),
            snapshot("2025-02-28", KEC_1, 1_000, 150),
            snapshot("2025-03-31", KEC_1, 1_000, 999),
        ]
    )
    assert _per_kec(data, "2025-02").loc[KEC_1, "peserta_aktif"] == 150


def test_programme_workers_registered_after_the_snapshot_are_added():
    # Snapshot 31 Jan: 100 participants. Worker 1 registered 10 Jan (already counted by BPJS),
    # worker 2 registered 5 Feb and paid up (added), worker 3 registered 6 Feb but unpaid (not active).
    data = dunia(
        [pekerja(1, daftar="2025-01-10"), pekerja(2, daftar="2025-02-05"), pekerja(3, daftar="2025-02-06")],
        [bayar(1, "2025-02"), bayar(2, "2025-02")],
        cakupan=[snapshot("2025-01-31", KEC_1, 1_000, 100)],
    )
    kec = _per_kec(data, "2025-02")
    assert kec.loc[KEC_1, "peserta_aktif"] == 101
    assert kec.loc[KEC_1, "cakupan_persen"] == 10.1


def test_kecamatan_without_snapshot_has_no_percentage_but_keeps_its_active_workers():
    data = dunia(
        [pekerja(1, kec=KEC_2)],
        [bayar(1, "2025-01")],
        cakupan=[snapshot("2025-01-31", KEC_1, 1_000, 100)],
    )
    kec = _per_kec(data, "2025-01")
    assert kec.loc[KEC_2, "pekerja_informal"] == 0
    assert kec.loc[KEC_2, "peserta_aktif"] == 1
    assert kec.loc[KEC_2, "cakupan_persen"] is None
    assert cakupan_kota(kec)["peserta_aktif"] == 101


def test_a_month_with_no_data_has_zero_counts_and_no_percentage():
    kota = cakupan_kota(_per_kec(dunia(), "2025-01"))
    assert kota == {"pekerja_informal": 0, "peserta_aktif": 0, "cakupan_persen": None, "belum_terlindungi": 0}


def test_percent_rounds_half_up_on_exact_decimals():
    # 1/8 = 12,5% exactly; 1/800 = 0,125% -> 0,13 (binary floats would round it to 0,12).
    assert persen(1, 8) == 12.5
    assert persen(1, 800) == 0.13
    assert persen(5, 0) is None
