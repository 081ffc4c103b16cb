"""Pekerja Saya (ptr_core.sponsor): one ASN's registrations, hand-computed."""

from __future__ import annotations

from ptr_core.periode import ke_indeks
from ptr_core.sponsor import muat_pekerja_saya, pekerja_saya
from tests.factory import NIP_A, NIP_B, RATE, SETTINGS, bayar, bayar_rentang, dunia, kota_kecil, nik, pekerja


def test_each_of_an_asns_workers_with_status_months_paid_and_what_is_owed():
    # March 2025, ASN A: worker 1 paid January-March (aktif, 3 months paid); worker 2 registered 5 March, paid
    # March (aktif, 1); worker 3 registered 15 January, never paid: menunggak January and February, and the third
    # unpaid month (March) lapses it: nonaktif, owing 2 x Rp16.800 for 2025-01 and 2025-02. Worker 4 is B's.
    data = dunia(
        pekerja=[
            pekerja(1),
            pekerja(2, daftar="2025-03-05"),
            pekerja(3, daftar="2025-01-15"),
            pekerja(4, sponsor=NIP_B),
        ],  # fmt: skip
        iuran=[*bayar_rentang(1, "2025-01", "2025-03"), bayar(2, "2025-03"), *bayar_rentang(4, "2025-01", "2025-03")],
    )
    hasil = pekerja_saya(data.pekerja, data.iuran, NIP_A, ke_indeks("2025-03"), SETTINGS).pekerja
    baris = {r.nik: r for r in hasil.itertuples()}
    assert set(baris) == {nik(1), nik(2), nik(3)}
    assert (baris[nik(1)].status, baris[nik(1)].bulan_lunas, baris[nik(1)].tunggakan) == ("aktif", 3, 0)
    assert (baris[nik(2)].status, baris[nik(2)].bulan_lunas, baris[nik(2)].tunggakan) == ("aktif", 1, 0)
    w3 = baris[nik(3)]
    assert (w3.status, w3.bulan_lunas, w3.tunggakan, w3.bulan_tertunggak) == (
        "nonaktif",
        0,
        2 * RATE,
        ["2025-01", "2025-02"],
    )
    assert list(hasil["nik"]) == [nik(2), nik(3), nik(1)]  # newest registration first


def test_a_registration_taken_over_by_another_sponsor_is_berhenti_for_the_first():
    # Worker 1: A from 10 January (stopped 28 February), B from 1 March. In March A sees it as berhenti, owing
    # nothing new; B sees it aktif.
    data = dunia(
        pekerja=[pekerja(1, berhenti="2025-02-28"), pekerja(1, sponsor=NIP_B, daftar="2025-03-01")],
        iuran=bayar_rentang(1, "2025-01", "2025-03"),
    )
    maret = ke_indeks("2025-03")
    a = pekerja_saya(data.pekerja, data.iuran, NIP_A, maret, SETTINGS).pekerja
    b = pekerja_saya(data.pekerja, data.iuran, NIP_B, maret, SETTINGS).pekerja
    assert (a["status"].tolist(), a["bulan_lunas"].tolist(), a["tunggakan"].tolist()) == (["berhenti"], [2], [0])
    assert (b["status"].tolist(), b["bulan_lunas"].tolist()) == (["aktif"], [1])


def test_a_registration_starting_after_the_month_shown_has_not_started():
    data = dunia(pekerja=[pekerja(1, daftar="2025-05-02")], iuran=[])
    hasil = pekerja_saya(data.pekerja, data.iuran, NIP_A, ke_indeks("2025-03"), SETTINGS).pekerja
    assert (hasil["status"].tolist(), hasil["tunggakan"].tolist()) == (["belum mulai"], [0])


def test_an_asn_without_workers_gets_an_empty_list():
    data = dunia(pekerja=[pekerja(1)], iuran=[])
    assert pekerja_saya(data.pekerja, data.iuran, NIP_B, ke_indeks("2025-03"), SETTINGS).pekerja.empty


def test_read_from_the_database_it_gives_what_the_rows_give(engine):
    # The small city (tests/factory.py), March 2025: A sponsors W1 (paid January-March ahead) and W2 (paid March).
    kota_kecil(engine)
    from tests.factory import A, W

    hasil = muat_pekerja_saya(engine, A, ke_indeks("2025-03"), SETTINGS)
    assert sorted(zip(hasil.pekerja["nik"], hasil.pekerja["status"], hasil.pekerja["bulan_lunas"])) == [
        (W[1], "aktif", 3), (W[2], "aktif", 1)
    ]  # fmt: skip
    assert len(hasil.riwayat) == 3 + 1


def test_workers_reaching_65_within_three_months_are_listed_earliest_first():
    # On 10 April 2025, three months ahead is 10 July 2025. Born 10 Jul 1960: 65 on 10 Jul 2025, listed (the last
    # day counts). Born 11 Jul 1960: not yet. Born 1 Mar 1960: 65 already, still registered, listed. Born 1 May
    # 1960 but stopped on 1 April: not listed. Born 29 Feb 1960: 65 on 1 Mar 2025, listed. 31 Feb: no birth date,
    # left out. Order: 1 Mar (by NIK: ...0103... before ...2902...), then 10 Jul.
    import datetime as dt

    import pandas as pd

    from ptr_core.sponsor import menjelang_65

    pekerja = pd.DataFrame({
        "nik": ["3374011007600001", "3374011107600002", "3374010103600003", "3374010105600004", "3374012902600005",
                "3374013102600006"],
        "tanggal_berhenti": [None, None, None, dt.date(2025, 4, 1), None, None],
    })  # fmt: skip
    hasil = menjelang_65(pekerja, dt.date(2025, 4, 10))
    assert hasil[["nik", "tanggal_65"]].values.tolist() == [
        ["3374010103600003", dt.date(2025, 3, 1)],
        ["3374012902600005", dt.date(2025, 3, 1)],
        ["3374011007600001", dt.date(2025, 7, 10)],
    ]


def test_staff_list_of_workers_turning_65_reads_the_running_registrations_on_both_backends(engine):
    # The small city plus Mbah Darmo (born 10 July 1960, registered 1 March 2025) and Mbah Sastro (born 1 May 1960,
    # stopped 31 March 2025). On 10 April 2025 only Mbah Darmo is listed (65 on 10 July 2025, within 3 months);
    # the operator sees his NIK masked, the admin too until revealing it (an operator cannot reveal it).
    import datetime as dt

    from ptr_core.akses import Akses
    from ptr_core.impor import impor
    from ptr_core.sponsor import menjelang_65_semua
    from tests.factory import A, kota_kecil

    kota_kecil(engine)
    berkas = ("nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,nomor_kpj,nip_sponsor,tanggal_daftar,tanggal_berhenti\n"
              f"3374011007600077,Mbah Darmo,L,Petani,33.74.01.1001,,{A},2025-03-01,\n"
              f"3374010105600078,Mbah Sastro,L,Petani,33.74.01.1001,,{A},2025-03-01,2025-03-31\n")  # fmt: skip
    assert (
        impor(engine, "pekerja", berkas.encode(), "pekerja.csv", hari_ini=dt.date(2025, 4, 10), settings=SETTINGS).baru
        == 2
    )
    staf = menjelang_65_semua(engine, Akses("staf", "operator"), dt.date(2025, 4, 10))
    assert staf[["nik", "nama", "tanggal_65"]].values.tolist() == [
        ["3374••••••••0077", "Mbah Darmo", dt.date(2025, 7, 10)]
    ]
    tua = [menjelang_65_semua(engine, Akses("a", peran), dt.date(2025, 4, 10), nik_penuh=buka)["nik"].tolist()
           for peran, buka in (("admin", False), ("admin", True), ("operator", True))]  # fmt: skip
    assert tua == [["3374••••••••0077"], ["3374011007600077"], ["3374••••••••0077"]]


def test_no_registration_means_no_worker_turning_65_not_an_error():
    # Verifikasi Pendaftaran on a new database raised KeyError: 'tanggal_65'.
    import datetime as dt

    import pandas as pd

    from ptr_core.sponsor import menjelang_65

    kosong = pd.DataFrame({"nik": pd.Series(dtype=object), "tanggal_berhenti": pd.Series(dtype=object)})
    hasil = menjelang_65(kosong, dt.date(2025, 4, 10))
    assert hasil.empty and "tanggal_65" in hasil.columns
