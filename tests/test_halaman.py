"""The dashboard pages render from ptr_core's figures (Streamlit AppTest, real SQLite files)."""

from __future__ import annotations

import json
import re
import time

import pandas as pd
import pytest

from tests.aplikasi import app, buka, metrik, tampak, teks
from tests.factory import SETTINGS, cli

HALAMAN = ["ringkasan", "opd", "kecamatan", "iuran", "manfaat", "target", "unggah", "riwayat", "rekonsiliasi",
           "metodologi", "layar"]  # fmt: skip


def _html(at) -> str:
    """What the page wrote as HTML (the presentation mode's header and tiles)."""
    return "".join(h.value for h in at.get("html"))


@pytest.fixture(scope="module")
def r(demo_url: str) -> dict:
    """`summary --json` of the demo's last month, computed once: the module's demo copy is only read."""
    return json.loads(cli(demo_url, "summary", "--json").stdout)


def _id(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_ringkasan_shows_the_same_figures_as_the_cli(monkeypatch, demo_url, r):
    at = app(monkeypatch, demo_url)
    nilai = metrik(at)
    assert nilai["Pekerja informal"] == _id(r["pekerja_informal"])
    assert nilai["Peserta aktif"] == _id(r["peserta_aktif"])
    assert nilai["Cakupan"] == f"{r['cakupan_persen']:.2f}%".replace(".", ",")
    assert nilai["Target 2026"] == _id(r["target_peserta"])
    assert nilai["Pekerja disponsori: aktif"] == _id(r["pekerja_program_aktif"])
    iuran = next(m for m in at.metric if m.label == "Iuran terkumpul bulan ini")
    assert iuran.proto.help == "Rp" + _id(r["iuran_dibayar_bulan"])
    assert iuran.value == f"Rp{r['iuran_dibayar_bulan'] / 1e6:.1f} juta".replace(".", ",")
    isi = teks(at)
    assert "DATA CONTOH" in isi and "Data per 28 Oktober 2026" in isi and "sesuai jalur" in isi


def test_the_benefits_tiles_show_summary_json_for_the_month(monkeypatch, demo_url, r):
    # Ringkasan and the Manfaat program page show `manfaat` and `rekonsiliasi_bpjs` of summary --json, in id-ID.
    m, t = r["manfaat"], r["rekonsiliasi_bpjs"]
    at = app(monkeypatch, demo_url)
    for halaman in ("ringkasan", "manfaat"):
        buka(at, halaman)
        tile = {x.label: x for x in at.metric}
        dibayar = tile["Manfaat dibayar Oktober 2026"]
        assert (dibayar.value, dibayar.delta) == (
            f"Rp{m['manfaat_dibayar'] / 1e6:.1f} juta".replace(".", ","),
            f"{m['klaim_dibayar']} klaim",
        )
        assert tile["Manfaat sejak awal program"].proto.help == "Rp" + _id(m["manfaat_dibayar_kumulatif"])
        assert tile["Manfaat per Rp1 iuran"].value == f"Rp{m['rasio_manfaat_iuran']:.2f}".replace(".", ",")
        assert tile["Terkonfirmasi BPJS"].value == _id(t["terkonfirmasi_bpjs"])
        assert tile["Terkonfirmasi BPJS"].delta == f"{t['terkonfirmasi_persen']:.2f}% dari yang lunas".replace(".", ",")
        assert "laporan BPJS Oktober 2026" in teks(at)
    # The page's tables since the start: every claim in its kecamatan's row, every contribution too.
    per_kec = next(tampak(d) for d in at.dataframe if "Kecamatan" in d.value.columns)

    def rupiah(kolom: str) -> int:
        return int(per_kec[kolom].str.replace(r"\D", "", regex=True).astype("int64").sum())

    assert rupiah("Manfaat dibayar") == m["manfaat_dibayar_kumulatif"]
    assert rupiah("Iuran") == m["iuran_dibayar_kumulatif"]


def test_choosing_a_month_changes_the_figures_and_the_url(monkeypatch, demo_url):
    r = json.loads(cli(demo_url, "summary", "--bulan", "2025-06", "--json").stdout)
    at = app(monkeypatch, demo_url)
    at.selectbox(key="bulan").set_value("2025-06").run()
    assert metrik(at)["Peserta aktif"] == _id(r["peserta_aktif"])
    assert at.query_params["bulan"] == "2025-06"


@pytest.mark.parametrize("halaman", ["ringkasan", "opd", "kecamatan"])
def test_a_page_reads_the_data_version_once_per_run(monkeypatch, demo_url, halaman):
    # Every figure of one run comes from one data version: an upload committed while the page is drawn shows
    # whole at the next run, never half in this one.
    import ui.data

    at = app(monkeypatch, demo_url)
    dibaca = []
    asli = ui.data.versi_data
    monkeypatch.setattr(ui.data, "versi_data", lambda engine: dibaca.append(1) or asli(engine))
    buka(at, halaman)
    assert len(dibaca) == 1


def test_settings_are_read_once_per_environment_and_follow_a_changed_variable(monkeypatch):
    import ui.data

    ui.data._settings.cache_clear()
    dibaca = []
    asli = ui.data.load_settings
    monkeypatch.setattr(ui.data, "load_settings", lambda: dibaca.append(1) or asli())
    monkeypatch.setenv("PTR_IURAN_BULANAN", "16800")
    assert ui.data.settings().iuran_bulanan == ui.data.settings().iuran_bulanan == 16_800
    monkeypatch.setenv("PTR_IURAN_BULANAN", "20000")
    assert ui.data.settings().iuran_bulanan == 20_000
    assert len(dibaca) == 2


def test_a_link_with_filters_reproduces_the_view(monkeypatch, demo_url):
    r = json.loads(cli(demo_url, "summary", "--bulan", "2024-12", "--json").stdout)
    at = app(monkeypatch, demo_url, bulan="2024-12")
    assert metrik(at)["Peserta aktif"] == _id(r["peserta_aktif"]) == "40.196"
    assert metrik(at)["Target 2025"] == "48.236"


@pytest.mark.parametrize("halaman", HALAMAN)
def test_every_page_renders_on_the_demo_data(monkeypatch, demo_url, halaman):
    at = buka(app(monkeypatch, demo_url), halaman)
    assert "Data per" in teks(at) + _html(at)


def test_opd_page_matches_the_cli_for_the_chosen_opd(monkeypatch, demo_url, r):
    dinsos = next(o for o in r["per_opd"] if o["kode_opd"] == "DINSOS")
    at = buka(app(monkeypatch, demo_url), "opd")
    at.selectbox(key="opd").set_value("DINSOS").run()
    nilai = metrik(at)
    assert nilai["Partisipasi ASN"] == f"{dinsos['partisipasi_asn_persen']:.2f}%".replace(".", ",")
    assert nilai["Pekerja aktif disponsori"] == _id(dinsos["pekerja_program_aktif"])
    assert at.query_params["opd"] == "DINSOS"
    # The sponsorship counts (from the per-ASN summaries) agree with the participation figures.
    kalimat = next(m.value for m in at.markdown if "ASN mensponsori pekerja aktif" in m.value)
    aktif, menunggak, belum = (int(x.replace(".", "")) for x in re.findall(r"\*\*([\d.]+)\*\*", kalimat)[:3])
    assert aktif == dinsos["asn_berpartisipasi"] and aktif + menunggak + belum == dinsos["asn_total"]
    asn = at.dataframe[0].value
    assert len(asn) == min(50, dinsos["asn_total"]) and asn["Nama"].is_monotonic_increasing


def test_the_admin_reveals_an_opds_worker_niks_once_per_opd_in_the_audit_trail(monkeypatch, salin_demo, tmp_path):
    # The OPD page's workers list: NIK masked; turned on, whole, and one audit row for DINSOS however many reruns;
    # another OPD chosen with the switch on is another row; off and on again, another.
    from ptr_core.audit import jejak_audit
    from ptr_core.db import buat_engine

    url = salin_demo(tmp_path)
    at = buka(app(monkeypatch, url), "opd")
    at.selectbox(key="opd").set_value("DINSOS").run()

    def nik() -> pd.Series:
        return next(d.value for d in at.dataframe if "NIK" in d.value.columns)["NIK"]

    def dicatat() -> list[str]:
        return jejak_audit(buat_engine(url)).query("aksi == 'buka_nik'")["rincian"].tolist()[::-1]

    assert nik().str.fullmatch(r"3374•{8}\d{4}").all()
    at.toggle(key="buka_nik").set_value(True).run()
    at.run()
    assert nik().str.fullmatch(r"3374\d{12}").all() and dicatat() == ["OPD DINSOS"]
    at.selectbox(key="opd").set_value("DISDIK").run()
    assert nik().str.fullmatch(r"3374\d{12}").all() and dicatat() == ["OPD DINSOS", "OPD DISDIK"]
    at.toggle(key="buka_nik").set_value(False).run()
    assert nik().str.fullmatch(r"3374•{8}\d{4}").all()
    at.toggle(key="buka_nik").set_value(True).run()
    assert dicatat() == ["OPD DINSOS", "OPD DISDIK", "OPD DISDIK"]


def test_opd_lists_turn_pages_under_the_table(monkeypatch, demo_url, r):
    disdik = next(o for o in r["per_opd"] if o["kode_opd"] == "DISDIK")
    at = buka(app(monkeypatch, demo_url), "opd")
    at.selectbox(key="opd").set_value("DISDIK").run()
    pertama = at.dataframe[0].value
    assert f"ASN 1–50 dari {_id(disdik['asn_total'])}" in teks(at)
    at.number_input(key="halaman_asn_DISDIK_semua").set_value(2).run()
    kedua = at.dataframe[0].value
    assert f"ASN 51–100 dari {_id(disdik['asn_total'])}" in teks(at)
    assert len(kedua) == 50 and (kedua["Nama"].iloc[0], kedua["NIP"].iloc[0]) >= (
        pertama["Nama"].iloc[-1], pertama["NIP"].iloc[-1]
    )  # fmt: skip


def test_kecamatan_page_follows_the_sidebar_filter(monkeypatch, demo_url, r):
    tugu = next(k for k in r["per_kecamatan"] if k["kode_kecamatan"] == "33.74.16")
    at = buka(app(monkeypatch, demo_url, kecamatan="33.74.16"), "kecamatan")
    assert "Kecamatan Tugu" in teks(at)
    assert metrik(at)["Peserta aktif"] == _id(tugu["peserta_aktif"])


def test_iuran_page_totals_match_the_cli(monkeypatch, demo_url, r):
    at = buka(app(monkeypatch, demo_url), "iuran")
    nilai = metrik(at)
    assert nilai["Tunggakan s.d. bulan ini"] == "Rp" + _id(r["tunggakan"])
    assert nilai["Tahun berjalan"] == "Rp" + _id(r["iuran_dibayar_tahun_berjalan"])


def test_simulation_at_current_participation_adds_no_one(monkeypatch, demo_url, r):
    at = buka(app(monkeypatch, demo_url), "target")
    assert metrik(at)["Peserta akhir"] == _id(r["peserta_aktif"])


def test_presentation_mode_shows_the_date_and_advances_by_button(monkeypatch, demo_url):
    at = app(monkeypatch, demo_url, mode="layar")
    kepala = _html(at)
    assert "Data per 28 Oktober 2026" in kepala and "(1/6)" in kepala
    at.button(key="slide_maju").click().run()
    assert "(2/6)" in _html(at)


def test_turning_play_on_gives_the_slide_on_screen_the_whole_interval(monkeypatch, demo_url):
    # The operator paused on slide 1 and talked for an hour; turning play on does not jump to the next slide at once.
    at = app(monkeypatch, demo_url, mode="layar")
    at.toggle(key="slide_jalan").set_value(False).run()
    at.session_state["slide_waktu"] = time.monotonic() - 3600
    at.toggle(key="slide_jalan").set_value(True).run()
    assert "(1/6)" in _html(at)


@pytest.mark.parametrize("halaman", HALAMAN)
def test_empty_database_shows_a_friendly_message_not_an_error(monkeypatch, tmp_path, halaman):
    monkeypatch.setenv("PTR_DEMO_OTOMATIS", "0")
    at = buka(app(monkeypatch, f"sqlite:///{tmp_path / 'kosong.db'}"), halaman)
    if halaman == "rekonsiliasi":
        assert "Belum ada laporan peserta BPJS" in teks(at)
    elif halaman not in ("unggah", "metodologi", "riwayat"):
        assert "Belum ada data" in teks(at)


def test_pengguna_without_users_says_so_instead_of_an_empty_table(monkeypatch, tmp_path):
    # An empty table is Streamlit's English "empty"; with no user the page says what to do, and the table comes
    # as soon as a user is added through its form (in the same run as the form's message).
    monkeypatch.setenv("PTR_DEMO_OTOMATIS", "0")
    at = buka(app(monkeypatch, f"sqlite:///{tmp_path / 'kosong.db'}"), "pengguna")
    assert not at.dataframe
    assert "Belum ada pengguna terdaftar. Tambahkan lewat formulir **Tambah atau ubah pengguna**" in teks(at)
    at.text_input(key="pengguna_email").input("kepala@dinsos.semarangkota.go.id")
    at.selectbox(key="pengguna_peran").select("pimpinan")
    next(b for b in at.button if b.label == "Simpan").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["kepala@dinsos.semarangkota.go.id terdaftar sebagai pimpinan."]
    [pengguna] = [d.value for d in at.dataframe]
    assert pengguna["Email"].tolist() == ["kepala@dinsos.semarangkota.go.id"]
    assert "Belum ada pengguna terdaftar" not in teks(at)


def test_the_audit_trail_of_a_new_database_says_nothing_is_recorded_yet(monkeypatch, tmp_path):
    monkeypatch.setenv("PTR_DEMO_OTOMATIS", "0")
    at = buka(app(monkeypatch, f"sqlite:///{tmp_path / 'kosong.db'}"), "audit")
    assert not at.dataframe and "Belum ada kejadian yang tercatat." in teks(at)


@pytest.mark.parametrize(
    ("halaman", "bulan", "kalimat"),
    [
        # December 2024 is the baseline (BPJS's snapshot only): no worker, payment or claim yet.
        ("opd", "2024-12", "Belum ada pekerja yang disponsori ASN OPD ini pada Desember 2024."),
        ("iuran", "2024-12", "Belum ada iuran yang diharapkan, dibayar, atau tertunggak sampai Desember 2024."),
        ("manfaat", "2024-12", "Belum ada iuran maupun klaim sampai Desember 2024."),
        # January 2025: the first workers, but none active in the first kecamatan, and no claim paid yet.
        ("kecamatan", "2025-01", "Belum ada pekerja program aktif di Kecamatan Semarang Tengah pada Januari 2025."),
        ("manfaat", "2025-01", "Belum ada klaim yang dibayar sampai Januari 2025."),
    ],
)
def test_an_empty_list_on_a_page_is_a_sentence_not_an_empty_table(monkeypatch, demo_url, halaman, bulan, kalimat):
    at = buka(app(monkeypatch, demo_url, bulan=bulan), halaman)
    assert [d.value.columns.tolist() for d in at.dataframe if d.value.empty] == []
    assert kalimat in teks(at)


def test_an_asn_status_with_no_one_in_it_is_a_sentence_not_an_empty_table(monkeypatch, demo_url):
    # December 2024: no ASN of Dinas Sosial sponsors anyone yet, so none is "mensponsori aktif".
    at = buka(app(monkeypatch, demo_url, bulan="2024-12"), "opd")
    at.selectbox(key="opd").set_value("DINSOS").run()
    at.segmented_control(key="saring_asn").set_value("mensponsori aktif").run()
    assert [d.value.columns.tolist() for d in at.dataframe if d.value.empty] == []
    assert "Tidak ada ASN berstatus *mensponsori aktif* pada Desember 2024." in teks(at)


def test_ringkasan_draws_the_choropleth_once_a_boundary_file_is_loaded(monkeypatch, tmp_path):
    from ptr_core.db import buat_engine, migrasi
    from ptr_core.impor import impor
    from ptr_core.peta import baca_geojson, simpan_peta
    from tests.factory import FILES, geojson, kotak

    url = f"sqlite:///{tmp_path / 'peta.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    impor(engine, "cakupan", FILES["cakupan"].encode(), "cakupan.csv", settings=SETTINGS)
    at = app(monkeypatch, url)
    tanpa_peta = len(at.get("plotly_chart"))
    peta, _ = baca_geojson(geojson(kotak(110.4, {"kode": "33.74.01"}), kotak(110.5, {"kode": "33.74.02"})),
                           {"33.74.01", "33.74.02"})  # fmt: skip
    simpan_peta(engine, peta, "batas.geojson", "admin")
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == tanpa_peta + 1
    assert any('"choropleth"' in c.proto.spec for c in at.get("plotly_chart"))


def _rupiah(teks: str) -> int:
    return int(teks.removeprefix("Rp").replace(".", ""))


def test_iuran_tables_per_unit_and_per_sponsor_add_up_to_the_cli_totals(monkeypatch, demo_url, r):
    at = buka(app(monkeypatch, demo_url), "iuran")
    _, per_opd, per_kec, daftar = (tampak(d) for d in at.dataframe)
    assert per_kec["Dibayar"].map(_rupiah).sum() == r["iuran_dibayar_bulan"]
    assert per_kec["Tunggakan"].map(_rupiah).sum() == r["tunggakan"]
    dibayar_opd = dict(zip(per_opd["OPD"], per_opd["Dibayar"].map(_rupiah)))
    assert len(dibayar_opd) > 40
    assert dibayar_opd == {o["nama"]: o["iuran_dibayar_bulan"] for o in r["per_opd"] if o["nama"] in dibayar_opd}
    # The arrears list of the OPD with the most arrears (the first offered): its stated total is its row in the
    # OPD table; its first page is the largest arrears, largest first.
    pertama = per_opd.assign(t=per_opd["Tunggakan"].map(_rupiah)).sort_values("t", ascending=False).iloc[0]
    assert f"Jumlah tunggakan: **Rp{_id(pertama['t'])}**" in teks(at)
    tunggakan = daftar["Tunggakan"].map(_rupiah)
    assert 0 < len(daftar) <= 50 and tunggakan.is_monotonic_decreasing and tunggakan.sum() <= pertama["t"]


def test_the_arrears_per_sponsor_caption_says_since_the_start_with_lapsed_workers_and_inactive_asn(
    monkeypatch, tmp_path
):
    # The small city in April 2025, with B (Budi) left out of a complete roster (inactive) and April paid for W1
    # only. DINSOS's list: Budi, whose only worker W3 lapsed in April (Feb-Apr unpaid: Feb and Mar still owed,
    # 2 x 16.800 = 33.600), and Ani, whose W2 owes April (16.800); 50.400 in all. Only W2 is menunggak in April,
    # so a list of sponsors "whose workers are still in arrears" would hold Ani alone: the caption must say since
    # the start of the programme, lapsed workers included, and inactive ASN included.
    from ptr_core.db import buat_engine, migrasi
    from ptr_core.impor import impor
    from tests.factory import A, C, D, W, kota_kecil

    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    kota_kecil(engine)
    roster = f"nip,nama,kode_opd,status\n{A},Ani,DINSOS,PNS\n{C},Citra,DINSOS,PPPK\n{D},Dedi,DISNAKER,PNS\n"
    assert impor(engine, "asn", roster.encode(), "roster.csv", roster_lengkap=True, settings=SETTINGS).unggahan_id
    april = f"nik,periode,jumlah,tanggal_bayar\n{W[1]},2025-04,16800,2025-04-05\n"
    assert impor(engine, "iuran", april.encode(), "april.csv", settings=SETTINGS).unggahan_id
    at = buka(app(monkeypatch, url, bulan="2025-04"), "iuran")
    at.selectbox(key="tunggakan_opd").set_value("DINSOS").run()
    daftar = tampak(at.dataframe[-1])
    assert daftar[["Nama", "Tunggakan"]].values.tolist() == [["Budi", "Rp33.600"], ["Ani", "Rp16.800"]]
    assert (
        "ASN Dinas Sosial (termasuk yang sudah tidak aktif) yang pekerja sponsorannya punya iuran tertunggak sejak "
        "awal program sampai April 2025, termasuk pekerja yang kini sudah nonaktif atau berhenti; urut dari "
        "tunggakan terbesar. Jumlah tunggakan: **Rp50.400**."
    ) in [c.value for c in at.caption]


def test_target_page_keeps_a_kecamatan_whose_latest_snapshot_is_older_than_the_previous_year(monkeypatch, tmp_path):
    # As in test_cli: 16 kecamatan at 100 on 31 Dec 2024, 33.74.01 at 110 on 30 Jun 2025; 33.74.16 again at 100
    # on 31 Jan 2026 (so January 2026 is the latest month). Target 2026 = ceil(1,2 x 1.610) = 1.932, gap 322.
    baris = [f"2024-12-31,33.74.{k:02d},1000,100" for k in range(1, 17)]
    baris += ["2025-06-30,33.74.01,1000,110", "2026-01-31,33.74.16,1000,100"]
    path = tmp_path / "cakupan.csv"
    path.write_text("tanggal_data,kode_kecamatan,pekerja_informal,peserta_aktif\n" + "\n".join(baris) + "\n")
    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    assert cli(url, "import", "cakupan", str(path)).returncode == 0
    at = buka(app(monkeypatch, url), "target")
    nilai = metrik(at)
    assert (nilai["Target 2026"], nilai["Peserta aktif"], nilai["Kekurangan"]) == ("1.932", "1.610", "322")


def test_a_filter_is_shown_only_on_the_pages_it_changes(monkeypatch, demo_url):
    at = app(monkeypatch, demo_url)
    kunci = {
        halaman: {s.key for s in buka(at, halaman).selectbox} & {"bulan", "jenis", "kecamatan"}
        for halaman in ("ringkasan", "opd", "kecamatan", "iuran", "target", "unggah", "metodologi")
    }
    assert kunci == {
        "ringkasan": {"bulan", "jenis"}, "opd": {"bulan", "jenis"}, "kecamatan": {"bulan", "kecamatan"},
        "iuran": {"bulan"}, "target": {"bulan"}, "unggah": set(), "metodologi": set(),
    }  # fmt: skip
    # The Kecamatan page names one kecamatan: no "all kecamatan" that silently shows the first.
    assert "" not in buka(at, "kecamatan").selectbox(key="kecamatan").options


def test_a_jenis_filter_says_what_is_filtered_and_the_opd_list_follows(monkeypatch, demo_url):
    at = buka(app(monkeypatch, demo_url, jenis="kecamatan"), "opd")
    assert "Disaring: OPD jenis Kecamatan (daftar OPD)" in teks(at)
    assert all(o.startswith("Kecamatan ") for o in at.selectbox(key="opd").options)
    assert at.query_params["jenis"] == "kecamatan"


@pytest.mark.parametrize(
    ("jenis", "judul", "info"),
    [
        # 16 kecamatan offices: 8 highest and the other 8 (ten and ten would have shared four).
        ("kecamatan", ["8 OPD dengan partisipasi ASN tertinggi", "8 OPD dengan partisipasi ASN terendah"], False),
        # One RSUD: the top chart alone, and a sentence where the bottom chart would be.
        ("rsud", ["1 OPD dengan partisipasi ASN tertinggi"], True),
    ],
)
def test_ringkasan_top_and_bottom_opd_charts_never_share_an_opd_and_say_how_many(
    monkeypatch, demo_url, jenis, judul, info
):
    at = app(monkeypatch, demo_url, jenis=jenis)
    assert [m.value.removeprefix("#### ") for m in at.markdown if "OPD dengan partisipasi ASN" in m.value] == judul
    tabel = [set(d.value["Nama"]) for d in at.dataframe if "Partisipasi ASN" in d.value.columns]
    assert [len(t) for t in tabel] == [int(j.split()[0]) for j in judul]
    assert len(set.union(*tabel)) == sum(map(len, tabel))
    assert ("tidak ada OPD lain untuk dibandingkan" in teks(at)) == info


def test_ringkasan_registration_funnel_and_counts_match_the_cli(monkeypatch, tmp_path):
    # The small city (March 2025 its latest month) with one submission dated 10 March, still pending: the page's
    # funnel and its four registration counts are the CLI's for that month.
    import datetime as dt

    from sqlalchemy import update

    from ptr_core.akses import ASN, Akses
    from ptr_core.db import buat_engine, migrasi
    from ptr_core.models import Pengajuan
    from ptr_core.pengajuan import Ajuan, ajukan
    from ptr_core.ringkasan import corong
    from tests.factory import A, kota_kecil

    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    kota_kecil(engine)
    ani = Akses("ani@x.id", ASN, "DINSOS", nip=A)
    assert ajukan(engine, ani, Ajuan("3374015506880001", "Sri", "Penjahit", "33.74.01.1002", "081234567890"))[0]
    with engine.begin() as conn:
        conn.execute(update(Pengajuan).values(diajukan_pada=dt.datetime(2025, 3, 10, 9)))
    r = json.loads(cli(url, "summary", "--bulan", "2025-03", "--json").stdout)
    assert r["pendaftaran_bulan"] == {"diajukan": 1, "disetujui": 0, "ditolak": 0, "menunggu": 1}
    at = app(monkeypatch, url)
    nilai = metrik(at)
    assert [nilai[k] for k in ("Diajukan ASN", "Disetujui", "Ditolak", "Menunggu verifikasi")] == [
        _id(r["pendaftaran_bulan"][k]) for k in ("diajukan", "disetujui", "ditolak", "menunggu")
    ]
    [tabel] = [tampak(d) for d in at.dataframe if "Terdaftar" in d.value.to_string()]
    assert [tuple(x) for x in tabel.values.tolist()] == [(tahap, _id(n)) for tahap, n in corong(r)]


def test_a_tile_whose_figure_did_not_change_says_so_without_an_arrow_and_a_rupiah_change_reads_like_its_figure(r):
    # "↑ +0 dari bulan lalu" read as a rise; "+Rp6.568.800" beside "Rp109,9 juta" read as two kinds of number.
    from ui.grafik import SAMA, _kelas_selisih, angka_utama

    lalu = {**r, "iuran_dibayar_bulan": r["iuran_dibayar_bulan"] - 6_568_800,
            "peserta_aktif": r["peserta_aktif"] - 1}  # fmt: skip
    arah = {"tahun_target": 2026}
    kartu = {a.label: a for a in angka_utama(r, lalu, arah)}
    assert kartu["Pekerja informal"].selisih == kartu["Cakupan"].selisih == SAMA
    assert (kartu["Pekerja informal"].warna, kartu["Pekerja informal"].panah) == ("off", False)
    assert _kelas_selisih(kartu["Cakupan"]) == ("netral", "")
    assert kartu["Peserta aktif"].selisih == "+1 dari bulan lalu" and kartu["Peserta aktif"].panah
    assert kartu["Iuran terkumpul bulan ini"].selisih == "+Rp6,6 juta dari bulan lalu"
