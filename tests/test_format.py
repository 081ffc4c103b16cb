"""Indonesian formats (format.py)."""

import datetime as dt

from ptr_core import format as fmt


def test_numbers_percentages_rupiah_and_months_in_indonesian_form():
    assert fmt.angka(215_243) == "215.243"
    assert fmt.persen(18.67) == "18,67%"
    assert fmt.rupiah(16_800) == "Rp16.800"
    assert fmt.rupiah(1_620_864_000) == "Rp1.620.864.000"
    assert fmt.nama_bulan("2025-01") == "Januari 2025"
    assert fmt.bulan_singkat("2025-08") == "Agu 2025"
    assert fmt.tanggal(dt.date(2024, 12, 31)) == "31 Desember 2024"
    assert fmt.angka(None) == fmt.persen(None) == "–"


def test_large_rupiah_is_shortened_for_tiles():
    assert fmt.rupiah_ringkas(109_872_000) == "Rp109,9 juta"
    assert fmt.rupiah_ringkas(1_620_864_000) == "Rp1,62 miliar"
    assert fmt.rupiah_ringkas(16_800) == "Rp16.800"


def test_headline_figures_are_shown_each_in_its_own_format():
    assert fmt.angka_utama("asn_berpartisipasi", 6219) == "6.219"
    assert fmt.angka_utama("partisipasi_asn_persen", 38.87) == "38,87%"
    assert fmt.angka_utama("iuran_dibayar_bulan", 109_872_000) == "Rp109.872.000"
    assert fmt.angka_utama("tunggakan", 42_168_000) == "Rp42.168.000"
    assert fmt.angka_utama("bulan", "2026-10") == "Oktober 2026"
    assert fmt.angka_utama("kekurangan_target", None) == fmt.KOSONG


def test_kinds_of_opd_are_labelled_with_a_capital_and_rsud_as_an_acronym():
    assert [fmt.nama_jenis(j) for j in ("dinas", "badan", "rsud", "")] == ["Dinas", "Badan", "RSUD", ""]


def test_text_from_a_file_is_shown_literally_in_markdown():
    # Each Markdown character backslash-escaped: no code span, link, image, colour or emoji can be opened.
    assert fmt.md_aman("`x` [a](b) :red[c]") == "\\`x\\` \\[a\\]\\(b\\) \\:red\\[c\\]"
    assert fmt.md_aman("Rp16.800") == "Rp16\\.800"


def test_a_table_shown_to_people_reads_in_indonesian_formats_with_indonesian_headers():
    import pandas as pd

    frame = pd.DataFrame({
        "bulan": ["2024-12", "2025-01"], "peserta_aktif": [215_243, 40_196], "cakupan_persen": [18.67, None],
        "iuran_dibayar_bulan": [16_800, 109_872_000], "waktu": [pd.Timestamp("2025-01-31 14:05"), pd.NaT],
        "nama_opd": ["Dinas Sosial", None],
    })  # fmt: skip
    assert fmt.tabel_tampil(frame).to_dict("list") == {
        "Bulan": ["Desember 2024", "Januari 2025"], "Peserta aktif": ["215.243", "40.196"],
        "Cakupan": ["18,67%", "–"], "Iuran dibayar bulan ini": ["Rp16.800", "Rp109.872.000"],
        "Waktu": ["31 Januari 2025 14.05", "–"], "OPD": ["Dinas Sosial", "–"],
    }  # fmt: skip


def test_a_month_index_in_a_table_reads_as_a_month():
    import pandas as pd

    # 24.300 = 2025 x 12 + 0: January 2025.
    assert fmt.tabel_tampil(pd.DataFrame({"bulan": [24_300, 24_311]}))["Bulan"].tolist() == [
        "Januari 2025",
        "Desember 2025",
    ]


def test_a_column_of_dates_reads_as_dates_without_a_time():
    import pandas as pd

    frame = pd.DataFrame({"tanggal_daftar": [pd.Timestamp("2025-11-17"), pd.NaT]})
    assert fmt.tabel_tampil(frame)["Terdaftar"].tolist() == [fmt.tanggal(pd.Timestamp("2025-11-17").date()), "–"]
    assert "00.00" not in fmt.tabel_tampil(frame)["Terdaftar"].iloc[0]


def test_a_ratio_has_two_decimals_and_none_is_a_dash_without_its_prefix():
    assert (fmt.rasio(1.08), fmt.rasio(4200.0, "Rp"), fmt.rasio(None, "Rp")) == ("1,08", "Rp4.200,00", "–")


def test_a_count_of_months_is_not_shown_as_rupiah_though_its_name_says_paid():
    import pandas as pd

    frame = pd.DataFrame({"bulan_dibayar": [3], "iuran_dibayar": [50_400]})
    assert fmt.tabel_tampil(frame).values.tolist() == [["3", "Rp50.400"]]


def test_a_table_on_screen_holds_its_values_so_that_it_sorts_by_them_and_reads_as_the_text_table():
    import pandas as pd

    # As text, Rp9.777.600 sorted above Rp13.423.200 and "Desember 2024" above "Januari 2025"; the grid sorts a
    # column by the values it holds, and shows each in its id-ID form.
    frame = pd.DataFrame({
        "nama_kecamatan": ["Tugu", None], "dibayar": [9_777_600, 13_423_200], "bulan": ["2025-01", "2024-12"],
        "tanggal_daftar": [pd.Timestamp("2025-01-10"), pd.NaT], "boleh_dipublikasikan": [True, False],
    })  # fmt: skip
    gaya = fmt.tabel_gaya(frame)
    assert gaya.data["Dibayar"].tolist() == [9_777_600, 13_423_200]
    assert gaya.data["Terdaftar"].iloc[0] == pd.Timestamp("2025-01-10")
    teks = fmt.tabel_tampil(frame)
    assert gaya.hide(axis="index").to_string(delimiter=";").splitlines() == [
        ";".join(teks.columns),
        *(";".join(baris) for baris in teks.values),
    ]
    assert teks.values.tolist() == [
        ["Tugu", "Rp9.777.600", "Januari 2025", "10 Januari 2025", "ya"],
        ["–", "Rp13.423.200", "Desember 2024", "–", "tidak"],
    ]
    # The Iuran page's columns read as Rupiah by their names alone (they were once named to the table).
    iuran = fmt.tabel_gaya(pd.DataFrame({"diharapkan": [16_800], "dibayar": [16_800], "tunggakan": [16_800]}))
    assert iuran.to_string().count("Rp16.800") == 3


def test_a_missing_percentage_reads_as_a_dash_whether_none_or_pandas_nan():
    # An OPD without active ASN has no participation: pandas carries it as NaN, which read "NaN,00%".
    assert fmt.persen(None) == fmt.persen(float("nan")) == fmt.KOSONG
