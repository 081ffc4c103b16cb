"""ASN participation per OPD (partisipasi.py)."""

from ptr_core.partisipasi import partisipasi_opd
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
