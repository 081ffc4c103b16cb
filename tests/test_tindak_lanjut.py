"""The follow-up lists, a page at a time (daftar.py), on the small city of test_cli in a real database.

By hand, March 2025 (rate 16.800, a membership lapses after 3 unpaid months):
- W1 Wati (sponsor A Ani, DINSOS) paid Jan-Mar: aktif. W2 Warno (A) registered 5 Mar, paid Mar: aktif.
- W3 Wiwik (B Budi, DINSOS) paid January only: Feb and Mar menunggak, 2 x 16.800 = 33.600 owed.
- W4 Wawan (D Dedi, DISNAKER) registered 20 Mar, paid 10.000: menunggak, 6.800 owed.
- C Citra (DINSOS) sponsors nobody.
"""

from __future__ import annotations

import pytest

from ptr_core import agregat_db
from ptr_core.akses import Akses, AksesDitolak
from ptr_core.ekspor import ke_csv
from ptr_core.impor import impor
from ptr_core.iuran import tunggakan_per
from ptr_core.partisipasi import partisipasi_opd, status_sponsor
from ptr_core.periode import ke_indeks
from ptr_core.settings import Settings
from ptr_core.tindak_lanjut import (
    halaman_asn_opd,
    halaman_pekerja_opd,
    halaman_tunggakan_sponsor,
    semua_pekerja_opd,
)
from tests.factory import SETTINGS, A, B, C, D, W, kota_kecil

S = Settings()
ADMIN = Akses("admin@semarangkota.go.id", "admin")
FEB, MAR, APR = ke_indeks("2025-02"), ke_indeks("2025-03"), ke_indeks("2025-04")


def status_sponsor_opd(engine, kode_opd: str, bulan: int) -> dict[str, int]:
    """The counts above the OPD's ASN list, as the page takes them from the summaries."""
    return status_sponsor(partisipasi_opd(agregat_db.muat(engine, S), bulan).set_index("kode_opd").loc[kode_opd])


def tunggakan_opd(engine, kode_opd: str, bulan: int) -> int:
    """The OPD's arrears above its lists, as the OPD and Iuran pages take them from the summaries."""
    return int(tunggakan_per(agregat_db.muat(engine, S), bulan, "kode_opd").get(kode_opd, 0))


@pytest.fixture
def kota(engine):
    kota_kecil(engine)
    return engine


def test_asn_sponsorship_status_counts_and_arrears_in_the_month(kota):
    assert status_sponsor_opd(kota, "DINSOS", MAR) == {"mensponsori aktif": 1, "menunggak": 1, "belum": 1}
    # February: W1 aktif (A), W3 menunggak (B); W2 not registered yet.
    assert status_sponsor_opd(kota, "DINSOS", FEB) == {"mensponsori aktif": 1, "menunggak": 1, "belum": 1}
    assert tunggakan_opd(kota, "DINSOS", MAR) == 33_600
    assert tunggakan_opd(kota, "DINSOS", FEB) == 16_800
    assert tunggakan_opd(kota, "DISNAKER", MAR) == 6_800


def test_the_asn_list_is_paged_by_name_with_each_ones_status_workers_and_arrears(kota):
    h = halaman_asn_opd(kota, ADMIN, "DINSOS", MAR)
    assert (h.total, h.nomor, h.jumlah, h.dari) == (3, 1, 1, 1)
    assert h.baris.values.tolist() == [
        [A, "Ani", "PNS", "mensponsori aktif", 2, 0, 0],
        [B, "Budi", "PNS", "menunggak", 0, 1, 33_600],
        [C, "Citra", "PPPK", "belum", 0, 0, 0],
    ]
    kedua = halaman_asn_opd(kota, ADMIN, "DINSOS", MAR, nomor=2, ukuran=2)
    assert (kedua.total, kedua.jumlah, kedua.dari, kedua.baris["nama"].tolist()) == (3, 2, 3, ["Citra"])
    # A page beyond the end (the list shrank since it was chosen) shows the last page.
    assert halaman_asn_opd(kota, ADMIN, "DINSOS", MAR, nomor=9, ukuran=2).nomor == 2
    assert halaman_asn_opd(kota, ADMIN, "DINSOS", MAR, ukuran=None).baris.equals(h.baris)


def test_the_status_filter_pages_only_the_asn_of_that_status(kota):
    menunggak = halaman_asn_opd(kota, ADMIN, "DINSOS", MAR, "menunggak")
    assert (menunggak.total, menunggak.baris["nip"].tolist()) == (1, [B])
    assert halaman_asn_opd(kota, ADMIN, "DINSOS", MAR, "belum").baris["nip"].tolist() == [C]
    kosong = halaman_asn_opd(kota, ADMIN, "DISNAKER", MAR, "mensponsori aktif")
    assert (kosong.total, kosong.nomor, kosong.jumlah, kosong.dari, len(kosong.baris)) == (0, 1, 1, 0, 0)


def test_inactive_asn_leave_the_asn_list_but_their_workers_arrears_stay_the_opds(kota):
    # A new roster without B: B stays in the roster, inactive.
    roster = f"nip,nama,kode_opd,status\n{A},Ani,DINSOS,PNS\n{C},Citra,DINSOS,PPPK\n{D},Dedi,DISNAKER,PNS\n"
    assert impor(kota, "asn", roster.encode(), "roster.csv", roster_lengkap=True, settings=SETTINGS).unggahan_id
    h = halaman_asn_opd(kota, ADMIN, "DINSOS", MAR)
    assert h.baris["nip"].tolist() == [A, C]
    assert status_sponsor_opd(kota, "DINSOS", MAR) == {"mensponsori aktif": 1, "menunggak": 0, "belum": 1}
    # As on the Iuran page: W3 still owes, and B is still the sponsor to follow up.
    assert tunggakan_opd(kota, "DINSOS", MAR) == 33_600
    assert halaman_tunggakan_sponsor(kota, ADMIN, "DINSOS", MAR, S).baris["nip_sponsor"].tolist() == [B]


def test_the_worker_list_is_paged_by_name_with_each_ones_status_in_the_month(kota):
    h = halaman_pekerja_opd(kota, ADMIN, "DINSOS", MAR, S, nik_penuh=True)
    assert h.total == 3
    assert h.baris[["nik", "nama", "nip_sponsor", "status"]].values.tolist() == [
        [W[2], "Warno", A, "aktif"],
        [W[1], "Wati", A, "aktif"],
        [W[3], "Wiwik", B, "menunggak"],
    ]
    assert halaman_pekerja_opd(kota, ADMIN, "DINSOS", FEB, S).baris["nama"].tolist() == ["Wati", "Wiwik"]
    kedua = halaman_pekerja_opd(kota, ADMIN, "DINSOS", MAR, S, nomor=2, ukuran=2)
    assert (kedua.total, kedua.jumlah, kedua.baris["nama"].tolist()) == (3, 2, ["Wiwik"])
    blok = [b["nama"].tolist() for b in semua_pekerja_opd(kota, ADMIN, "DINSOS", MAR, S, blok=2)]
    assert blok == [["Warno", "Wati"], ["Wiwik"]]


def _april(engine) -> None:
    """April's payments: W1 only. W2 is menunggak; W3 has Feb-Apr unpaid and lapses."""
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[1]},2025-04,16800,2025-04-05\n"
    assert impor(engine, "iuran", isi.encode(), "april.csv", settings=SETTINGS).unggahan_id


def test_a_lapsed_worker_stays_in_the_list_as_nonaktif(kota):
    _april(kota)
    h = halaman_pekerja_opd(kota, ADMIN, "DINSOS", APR, S)
    assert h.baris[["nama", "status"]].values.tolist() == [["Warno", "menunggak"], ["Wati", "aktif"],
                                                           ["Wiwik", "nonaktif"]]  # fmt: skip
    assert status_sponsor_opd(kota, "DINSOS", APR) == {"mensponsori aktif": 1, "menunggak": 0, "belum": 2}


def test_a_worker_registered_again_with_another_opds_sponsor_moves_to_that_opds_list(kota):
    # W3 lapses in April (Feb-Apr unpaid) and registers again on 2 May, sponsored by D of DISNAKER.
    _april(kota)
    isi = ("nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,nomor_kpj,nip_sponsor,tanggal_daftar,tanggal_berhenti\n"
           f"{W[3]},Wiwik,P,Penjahit,33.74.01.1002,,{D},2025-05-02,\n")  # fmt: skip
    assert impor(kota, "pekerja", isi.encode(), "daftar_ulang.csv", settings=SETTINGS).unggahan_id
    april = halaman_pekerja_opd(kota, ADMIN, "DINSOS", APR, S)
    assert (april.total, april.baris["nama"].tolist()) == (3, ["Warno", "Wati", "Wiwik"])
    mei = ke_indeks("2025-05")
    dinsos, disnaker = (halaman_pekerja_opd(kota, ADMIN, kode, mei, S) for kode in ("DINSOS", "DISNAKER"))
    assert (dinsos.total, dinsos.baris["nama"].tolist()) == (2, ["Warno", "Wati"])
    assert (disnaker.total, disnaker.baris[["nama", "nip_sponsor"]].values.tolist()) == (
        2, [["Wawan", D], ["Wiwik", D]]
    )  # fmt: skip


def test_sponsors_behind_on_payment_largest_arrears_first(kota):
    h = halaman_tunggakan_sponsor(kota, ADMIN, "DINSOS", MAR, S)
    assert (h.total, h.baris.values.tolist()) == (1, [[B, "Budi", 1, 2, 33_600]])
    # April: W3 lapsed, so B owes Feb and Mar only; A's W2 owes April.
    _april(kota)
    april = halaman_tunggakan_sponsor(kota, ADMIN, "DINSOS", APR, S)
    assert april.baris.values.tolist() == [[B, "Budi", 1, 2, 33_600], [A, "Ani", 1, 1, 16_800]]
    # The download: the whole list, its worker counts from all of the OPD's rows at once.
    assert halaman_tunggakan_sponsor(kota, ADMIN, "DINSOS", APR, S, ukuran=None).baris.equals(april.baris)
    kedua = halaman_tunggakan_sponsor(kota, ADMIN, "DINSOS", APR, S, nomor=2, ukuran=1)
    assert kedua.baris.values.tolist() == [[A, "Ani", 1, 1, 16_800]]
    assert halaman_tunggakan_sponsor(kota, ADMIN, "DISNAKER", MAR, S).baris.values.tolist() == [
        [D, "Dedi", 1, 1, 6_800]
    ]


def test_an_opd_user_gets_no_list_of_another_opd(kota):
    dinsos = Akses("dinsos@semarangkota.go.id", "opd", "DINSOS")
    assert halaman_asn_opd(kota, dinsos, "DINSOS", MAR).total == 3
    for baca in (
        lambda: halaman_asn_opd(kota, dinsos, "DISNAKER", MAR),
        lambda: halaman_pekerja_opd(kota, dinsos, "DISNAKER", MAR, S),
        lambda: halaman_tunggakan_sponsor(kota, dinsos, "DISNAKER", MAR, S),
    ):
        with pytest.raises(AksesDitolak):
            baca()


def test_nik_is_masked_for_everyone_unless_an_admin_reveals_it_and_names_hidden_from_pimpinan(kota):
    for siapa, nik_penuh, nik, nama in (
        (ADMIN, False, "3374••••••••0002", "Warno"),
        (ADMIN, True, W[2], "Warno"),
        (Akses("walikota@semarangkota.go.id", "pimpinan"), True, "3374••••••••0002", "(disembunyikan)"),
        (Akses("dinsos@semarangkota.go.id", "opd", "DINSOS"), True, "3374••••••••0002", "Warno"),
    ):
        daftar = halaman_pekerja_opd(kota, siapa, "DINSOS", MAR, S, nik_penuh=nik_penuh).baris
        assert (daftar["nik"].iloc[0], daftar["nama"].iloc[0]) == (nik, nama)
        # The export is built from the same pages: it carries the same masking.
        assert nik in ke_csv(next(semua_pekerja_opd(kota, siapa, "DINSOS", MAR, S, nik_penuh))).decode("utf-8-sig")
