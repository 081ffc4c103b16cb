"""Trends, lists, simulation, privacy and exports: the figures the pages show (pure functions)."""

import io
import re

import pandas as pd

from ptr_core import iuran, target
from ptr_core.cakupan import tren_cakupan, tren_kota
from ptr_core.ekspor import ke_csv, ke_xlsx
from ptr_core.keanggotaan import daftar_pekerja
from ptr_core.metodologi import TEKS
from ptr_core.partisipasi import partisipasi_opd, partisipasi_per_jenis, tren_partisipasi
from ptr_core.periode import ke_indeks
from ptr_core.privasi import samarkan, samarkan_nik
from ptr_core.settings import Settings, load_settings
from tests.factory import (
    KEC_1,
    KEC_2,
    NIP_A,
    NIP_B,
    NIP_C,
    SETTINGS,
    agregat,
    asn,
    bayar,
    dunia,
    nik,
    panel,
    pekerja,
    snapshot,
)

JAN, FEB, MAR = ke_indeks("2025-01"), ke_indeks("2025-02"), ke_indeks("2025-03")


def _tiga_pekerja():
    # W1 (A) pays Jan..Mar; W2 (A) pays Jan only; W3 (B) registers in Feb and pays 10.000 for Feb.
    return dunia(
        [pekerja(1, NIP_A), pekerja(2, NIP_A, kec=KEC_2), pekerja(3, NIP_B, daftar="2025-02-03")],
        [
            bayar(1, "2025-01"),
            bayar(1, "2025-02"),
            bayar(1, "2025-03"),
            bayar(2, "2025-01"),
            bayar(3, "2025-02", 10_000),
        ],
        asn=[asn(NIP_A), asn(NIP_B), asn(NIP_C, "DISNAKER")],
    )


def test_paid_against_expected_per_month_and_arrears_add_up_to_tunggakan():
    # Jan: 2 enrolled (33.600 expected), paid 33.600, owed 0.
    # Feb: 3 enrolled (50.400), paid 16.800 + 10.000 = 26.800; W2 owes 16.800, W3 owes 6.800 -> 23.600.
    # Mar: 3 enrolled (50.400), paid 16.800; W2 16.800 + W3 16.800 = 33.600 owed.
    data = _tiga_pekerja()
    ik = agregat(data, "2025-03")
    per_bulan = iuran.iuran_per_bulan(ik, JAN, MAR, SETTINGS)
    assert per_bulan[["diharapkan", "dibayar", "kurang"]].values.tolist() == [
        [33_600, 33_600, 0],
        [50_400, 26_800, 23_600],
        [50_400, 16_800, 33_600],
    ]
    assert per_bulan["kurang"].sum() == iuran.tunggakan(ik, MAR) == 57_200


def test_arrears_per_sponsor_and_per_kecamatan():
    data = _tiga_pekerja()
    p = panel(data, "2025-03")
    sponsor = iuran.tunggakan_per_sponsor(p, MAR, SETTINGS).set_index("nip_sponsor")
    # A: W2 Feb + Mar = 33.600 (1 worker, 2 months); B: W3 6.800 + 16.800 = 23.600.
    assert sponsor.loc[NIP_A].tolist() == [1, 2, 33_600]
    assert sponsor.loc[NIP_B].tolist() == [1, 2, 23_600]
    kec = iuran.iuran_per_unit(agregat(data, "2025-03"), MAR, SETTINGS, "kode_kecamatan")
    kec = kec.set_index("kode_kecamatan")
    # March, KEC_1: W1 + W3 expected 33.600, paid 16.800, arrears W3 23.600. KEC_2: W2 16.800, 0, 33.600.
    assert kec.loc[KEC_1].tolist() == [33_600, 16_800, 23_600]
    assert kec.loc[KEC_2].tolist() == [16_800, 0, 33_600]


def test_participation_per_kind_sums_counts():
    data = _tiga_pekerja()
    per_opd = partisipasi_opd(agregat(data, "2025-01"), JAN)
    jenis = partisipasi_per_jenis(per_opd).set_index("jenis")
    # dinas: DINSOS 1 of 2 + DISNAKER 0 of 1 = 1 of 3 (not the mean of 50% and 0%).
    assert jenis.loc["dinas", "partisipasi_asn_persen"] == 33.33


def test_participation_trend_per_month():
    data = _tiga_pekerja()
    tren = tren_partisipasi(agregat(data, "2025-03"), JAN, MAR)
    dinsos = tren[tren["kode_opd"] == "DINSOS"].set_index("bulan")["asn_berpartisipasi"]
    assert dinsos.to_dict() == {JAN: 1, FEB: 1, MAR: 1}


def test_coverage_trend_per_month_and_city():
    data = dunia(
        [pekerja(1, daftar="2025-02-10")],
        [bayar(1, "2025-02"), bayar(1, "2025-03")],
        cakupan=[snapshot("2025-01-31", KEC_1, 1_000, 100), snapshot("2025-01-31", KEC_2, 1_000, 300)],
    )
    kota = tren_kota(tren_cakupan(agregat(data, "2025-03"), JAN, MAR))
    assert kota["peserta_aktif"].tolist() == [400, 401, 401]
    assert kota["cakupan_persen"].tolist() == [20.0, 20.05, 20.05]


def test_worker_list_carries_details_and_status():
    data = _tiga_pekerja()
    daftar = daftar_pekerja(data.pekerja, panel(data, "2025-03"), MAR).set_index("nik")
    assert daftar.loc[nik(3), "status"] == "menunggak" and daftar.loc[nik(3), "nama"] == "Pekerja 3"


def test_simulation_of_participation_and_pace():
    # dinas: 10 ASN, 2 participating; a 50% goal needs 3 new sponsors. kecamatan: 4 ASN, 4 participating:
    # a 50% goal needs none. Plus 5 a month for 4 months: 23 more. 1.000 + 23 = 1.023 of 5.000 = 20,46%.
    # Target 1.100: gap 77, costing 77 x 16.800 x 12 = 15.523.200. Programme: (30 + 23) x 201.600.
    per_jenis = pd.DataFrame(
        [{"jenis": "dinas", "asn_total": 10, "asn_berpartisipasi": 2},
         {"jenis": "kecamatan", "asn_total": 4, "asn_berpartisipasi": 4}]
    )  # fmt: skip
    hasil = target.simulasi(1_000, 5_000, 30, per_jenis, {"dinas": 50, "kecamatan": 50}, 5, 4, 1_100, SETTINGS)
    assert hasil == {
        "sponsor_baru": 3,
        "pekerja_tambahan": 23,
        "peserta_akhir": 1_023,
        "cakupan_akhir_persen": 20.46,
        "kekurangan_target": 77,
        "biaya_program_per_tahun": 53 * 201_600,
        "biaya_menutup_gap_per_tahun": 15_523_200,
    }


def test_nik_is_masked_to_region_and_serial():
    assert samarkan_nik("3374010101900001") == "3374••••••••0001"
    frame = pd.DataFrame({"nik": ["3374010101900001"], "nama": ["X"]})
    assert samarkan(frame)["nik"].tolist() == ["3374••••••••0001"]
    assert samarkan(frame, tampilkan_nik=True)["nik"].tolist() == ["3374010101900001"]


def test_exports_neutralise_formulas():
    frame = pd.DataFrame(
        {"nama": ['=HYPERLINK("http://x")', "+62 811", "@SUM(A1)", "-1", "Budi"], "n": [1, 2, 3, 4, 5]}
    )
    csv = ke_csv(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "'+62 811" in csv and "'@SUM" in csv and "\nBudi;5" in csv
    kembali = pd.read_excel(io.BytesIO(ke_xlsx({"Data": frame})), dtype=str)
    assert kembali["nama"].tolist()[:4] == ['\'=HYPERLINK("http://x")', "'+62 811", "'@SUM(A1)", "'-1"]


def test_an_export_of_a_cell_with_control_characters_is_written_with_them_marked():
    # A problem list quotes the bad cell as it was (a bell character in a name): the XLSX must still be written.
    frame = pd.DataFrame({"Nilai": ["Ek\x07o", "=\x01x"]})
    kembali = pd.read_excel(io.BytesIO(ke_xlsx({"Masalah": frame})), dtype=str)
    assert kembali["Nilai"].tolist() == ["Ek\ufffdo", "'=\ufffdx"]


def test_the_default_rate_is_the_lowest_bpu_contribution_the_metodologi_page_states(monkeypatch):
    # Metodologi: "JKK 1% × Rp1.000.000 + JKM Rp6.800 = Rp16.800 per bulan"; its sum is the rate a newcomer gets.
    jkk, jkm, jumlah = (
        int(angka.replace(".", ""))
        for angka in re.search(r"JKK 1% × Rp([\d.]+) \+ JKM Rp([\d.]+) = Rp([\d.]+)", TEKS).groups()
    )
    monkeypatch.delenv("PTR_IURAN_BULANAN", raising=False)
    assert jkk // 100 + jkm == jumlah == load_settings().iuran_bulanan == Settings().iuran_bulanan
