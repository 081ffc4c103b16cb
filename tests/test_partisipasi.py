"""ASN participation per OPD (partisipasi.py)."""

import pandas as pd
import pytest

from ptr_core.partisipasi import partisipasi_opd, teratas_terbawah
from ptr_core.periode import ke_indeks
from tests.factory import NIP_A, NIP_B, NIP_C, agregat, asn, bayar, dunia, pekerja


def _per_opd(data, bulan):
    return partisipasi_opd(agregat(data, bulan), ke_indeks(bulan)).set_index("kode_opd")


def test_participation_counts_distinct_active_asn_sponsoring_an_active_worker():
    # DINSOS: A sponsors two active workers (counted once), B sponsors an unpaid one, C none: 1 / 3.
    data = dunia(
        [pekerja(1, NIP_A), pekerja(2, NIP_A), pekerja(3, NIP_B)],
        [bayar(1, "2025-01"), bayar(2, "2025-01")],
        asn=[asn(NIP_A), asn(NIP_B), asn(NIP_C)],
    )
    opd = _per_opd(data, "2025-01")
    assert opd.loc["DINSOS", "asn_total"] == 3
    assert opd.loc["DINSOS", "asn_berpartisipasi"] == 1
    assert opd.loc["DINSOS", "partisipasi_asn_persen"] == 33.33
    assert opd.loc["DINSOS", "asn_mendaftarkan"] == 2
    assert opd.loc["DINSOS", "pekerja_program_aktif"] == 2


def test_inactive_asn_are_not_in_the_denominator_nor_the_numerator():
    data = dunia([pekerja(1, NIP_B)], [bayar(1, "2025-01")], asn=[asn(NIP_A), asn(NIP_B, aktif=False)])
    opd = _per_opd(data, "2025-01")
    assert (opd.loc["DINSOS", "asn_total"], opd.loc["DINSOS", "asn_berpartisipasi"]) == (1, 0)


def test_sponsor_who_moved_opd_counts_for_the_new_opd():
    # The roster now puts A in DISNAKER; the worker A enrolled while at DINSOS credits DISNAKER.
    data = dunia([pekerja(1, NIP_A)], [bayar(1, "2025-01")], asn=[asn(NIP_A, "DISNAKER"), asn(NIP_B)])
    opd = _per_opd(data, "2025-01")
    assert opd.loc["DISNAKER", "partisipasi_asn_persen"] == 100.0
    assert opd.loc["DINSOS", "partisipasi_asn_persen"] == 0.0
    assert opd.loc["DISNAKER", "pekerja_program_aktif"] == 1


def test_opd_with_no_asn_has_no_percentage():
    opd = _per_opd(dunia(asn=[asn(NIP_A)]), "2025-01")
    assert opd.loc["KEC-01", "asn_total"] == 0
    assert opd.loc["KEC-01", "partisipasi_asn_persen"] is None


def _opd(partisipasi: dict[str, float | None]) -> pd.DataFrame:
    """OPDs by kode with their participation; None: an OPD without active ASN."""
    return pd.DataFrame(
        {
            "kode_opd": list(partisipasi),
            "asn_total": [0 if p is None else 10 for p in partisipasi.values()],
            "partisipasi_asn_persen": pd.Series(list(partisipasi.values()), dtype=object),
        }
    )


def test_top_and_bottom_opds_split_the_ranking_without_sharing_an_opd():
    # Ranked: A 80, then B and C at 60 (in order of kode), D 40, E 20; F has no active ASN and is in neither.
    # n = 5: the top gets ceil(5/2) = 3 (A, B, C), the bottom the other 2, lowest first (E, D).
    opd = _opd({"C": 60.0, "F": None, "A": 80.0, "E": 20.0, "B": 60.0, "D": 40.0})
    atas, bawah = teratas_terbawah(opd)
    assert list(atas["kode_opd"]) == ["A", "B", "C"]
    assert list(bawah["kode_opd"]) == ["E", "D"]
    # At most 2 each: A, B on top and E, D at the bottom; C, the middle, in neither.
    atas, bawah = teratas_terbawah(opd, paling_banyak=2)
    assert (list(atas["kode_opd"]), list(bawah["kode_opd"])) == (["A", "B"], ["E", "D"])


def test_a_single_opd_is_in_the_top_list_and_the_bottom_list_is_empty():
    atas, bawah = teratas_terbawah(_opd({"RSUD": 25.98}))
    assert list(atas["kode_opd"]) == ["RSUD"] and bawah.empty


@pytest.mark.parametrize(
    ("n", "atas", "bawah"),
    [(0, 0, 0), (1, 1, 0), (2, 1, 1), (3, 2, 1), (16, 8, 8), (19, 10, 9), (20, 10, 10), (47, 10, 10)],
)
def test_the_top_list_gets_half_rounded_up_and_the_bottom_the_rest_each_at_most_ten(n, atas, bawah):
    # 16 kecamatan offices: 8 and 8 (the top ten and bottom ten would have shared four).
    opd = _opd({f"OPD{i:02d}": float(i) for i in range(n)})
    tinggi, rendah = teratas_terbawah(opd)
    assert (len(tinggi), len(rendah)) == (atas, bawah)
    assert not set(tinggi["kode_opd"]) & set(rendah["kode_opd"])
