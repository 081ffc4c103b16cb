"""Every upload path of the Unggah Data page and the rollback of Riwayat Unggahan, as staff click them (AppTest,
real SQLite files)."""

from __future__ import annotations

import json

import pytest

from ptr_core.db import buat_engine, migrasi
from ptr_core.impor import DATASET, impor
from ptr_core.peta import peta_terakhir
from tests.aplikasi import app as _app
from tests.aplikasi import buka as _buka
from tests.aplikasi import metrik as _metrik
from tests.aplikasi import teks as _teks
from tests.factory import FILES, SETTINGS, W, cli, geojson, kotak

PPPK = "199003152022211001"


@pytest.fixture
def kota(tmp_path) -> str:
    """The small city of test_cli: 4 active ASN, 4 workers, their payments, two kecamatan snapshots."""
    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        assert impor(engine, nama, FILES[nama].encode(), f"{nama}.csv", settings=SETTINGS).unggahan_id
    engine.dispose()
    return url


def _ringkas(url: str) -> dict:
    return json.loads(cli(url, "summary", "--bulan", "2025-03", "--json").stdout)


def _tombol(at, label: str):
    return next(b for b in at.button if b.label == label)


def _unggah(monkeypatch, url: str, nama: str, isi: bytes):
    at = _buka(_app(monkeypatch, url), "unggah")
    at.file_uploader(key="berkas_unggah").set_value((nama, isi, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_a_one_row_asn_file_adds_the_asn_and_leaves_the_roster_active(monkeypatch, kota):
    # A PPPK's NI (digits 13-14 = 21, not a month) joins the 4 ASN; nobody is deactivated: 5 ASN, 1 participating.
    at = _unggah(monkeypatch, kota, "asn-baru.csv", f"nip,nama,kode_opd,status\n{PPPK},Putri,DINSOS,PPPK\n".encode())
    nilai = _metrik(at)
    assert (nilai["Baris baru"], nilai["Berubah"], nilai["Ditolak"]) == ("1", "0", "0")
    roster = at.checkbox(key="unggah_roster_lengkap")
    assert not roster.value and "4 ASN aktif" in roster.label
    _tombol(at, "Simpan").click().run()
    assert not at.exception and "Tersimpan sebagai unggahan" in _teks(at)
    r = _ringkas(kota)
    assert (r["asn_total"], r["asn_berpartisipasi"]) == (5, 1)


def test_replacing_the_roster_is_an_explicit_choice_with_its_count(monkeypatch, kota):
    # Declared as the whole roster, the one-row file deactivates the 4 others: Berubah 4, 1 ASN left, 0 participating.
    at = _unggah(monkeypatch, kota, "roster.csv", f"nip,nama,kode_opd,status\n{PPPK},Putri,DINSOS,PPPK\n".encode())
    at.checkbox(key="unggah_roster_lengkap").check().run()
    assert _metrik(at)["Berubah"] == "4"
    assert "4 ASN aktif tidak ada di file ini dan akan dianggap tidak aktif lagi" in _teks(at)
    _tombol(at, "Simpan").click().run()
    r = _ringkas(kota)
    assert (r["asn_total"], r["asn_berpartisipasi"]) == (1, 0)


def test_a_kecamatan_boundary_file_is_checked_and_saved_from_the_page(monkeypatch, kota):
    at = _buka(_app(monkeypatch, kota), "unggah")
    isi = geojson(kotak(110.4, {"KODE_KEC": "337401"}), kotak(110.5, {"kode": "33.74.02"}))
    at.file_uploader(key="berkas_peta").set_value(("batas.geojson", isi, "application/geo+json")).run()
    assert not at.exception, at.exception
    assert "2 kecamatan dikenali" in _teks(at)
    _tombol(at, "Simpan peta").click().run()
    assert not at.exception, at.exception
    kode = [f["properties"]["kode_kecamatan"] for f in peta_terakhir(buat_engine(kota))["features"]]
    assert kode == ["33.74.01", "33.74.02"]


def test_a_rollback_says_what_it_will_undo_and_waits_for_confirmation(monkeypatch, kota):
    sebelum = _ringkas(kota)
    impor(
        buat_engine(kota),
        "asn",
        f"nip,nama,kode_opd,status\n{PPPK},Putri,DINSOS,PPPK\n".encode(),
        "asn-baru.csv",
        settings=SETTINGS,
    )
    assert _ringkas(kota)["asn_total"] == 5
    at = _buka(_app(monkeypatch, kota), "riwayat")
    assert at.selectbox(key="batal_pilihan").value == 5  # the newest upload, offered first
    assert "1 baris yang dibawanya akan dihapus dan 0 baris yang diubahnya dikembalikan" in _teks(at)
    assert at.button(key="batal_tombol").disabled
    at.checkbox(key="batal_yakin_5").check().run()
    at.button(key="batal_tombol").click().run()
    assert not at.exception and "dibatalkan" in _teks(at)
    assert _ringkas(kota) == sebelum


def test_a_problem_value_is_shown_literally_and_a_nik_masked_in_the_list_and_its_download(monkeypatch, kota):
    # An OPD cell that would open a link in Markdown, and a payment for a NIK that is not registered.
    isi = f"nip,nama,kode_opd,status\n{PPPK},Putri,`x` [klik](http://jahat.example),PPPK\n"
    at = _unggah(monkeypatch, kota, "asn.csv", isi.encode())
    daftar = next(m.value for m in at.markdown if m.value.startswith("- Ditolak"))
    assert "\\[klik\\]\\(http" in daftar and "[klik](" not in daftar and "\\`x\\`" in daftar
    at = _unggah(
        monkeypatch, kota, "iuran.csv", b"nik,periode,jumlah,tanggal_bayar\n3374010101909999,2025-03,16800,2025-03-05\n"
    )
    tabel = at.dataframe[0].value
    assert tabel.columns.tolist() == ["Baris", "Kolom", "Nilai", "Jenis", "Pesan"]
    assert tabel["Nilai"].tolist() == ["3374••••••••9999"]
    assert "3374010101909999" not in "".join(m.value for m in at.markdown)


def test_streamlit_serves_no_unaudited_export_and_no_upload_larger_than_the_app_accepts():
    import tomllib

    from ptr_core import berkas
    from tests.factory import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True and config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == berkas.BATAS_BYTE


def test_the_demo_is_cleared_on_purpose_before_the_first_real_upload(monkeypatch, tmp_path):
    from ptr_core.impor import PENGGUNA_DEMO

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    for nama in ("cakupan", "asn"):
        impor(engine, nama, FILES[nama].encode(), f"demo_{nama}.csv", pengguna=PENGGUNA_DEMO, settings=SETTINGS)
    at = _buka(_app(monkeypatch, url), "unggah")
    assert "DATA CONTOH" in _teks(at) and not at.get("file_uploader")
    # The templates are there all along: staff prepare their real files before clearing the demo.
    assert [b.proto.label for b in at.get("download_button")] == list(DATASET)
    assert at.button(key="hapus_demo").disabled
    at.checkbox(key="hapus_demo_yakin").check().run()
    at.button(key="hapus_demo").click().run()
    assert "Data contoh dihapus (2 unggahan dibatalkan)" in _teks(at)
    at.button(key="hapus_demo_lanjut").click().run()
    assert at.file_uploader(key="berkas_unggah") is not None and _ringkas(url)["asn_total"] == 0


def test_a_whole_roster_with_a_rejected_row_says_nothing_was_saved_and_why(monkeypatch, kota):
    # Declared the whole roster, with one status mistyped: nothing is saved, and the page says so (it said
    # "Tersimpan sebagai unggahan None").
    isi = f"nip,nama,kode_opd,status\n{PPPK},Putri,DINSOS,PPPK\n198001012005011001,Ani,DINSOS,PNSS\n".encode()
    at = _unggah(monkeypatch, kota, "roster.csv", isi)
    at.checkbox(key="unggah_roster_lengkap").check().run()
    _tombol(at, "Simpan").click().run()
    assert not at.exception
    [galat] = [e.value for e in at.error if e.value.startswith("Tidak ada yang disimpan")]
    assert "Roster lengkap tidak disimpan: 1 baris ditolak" in galat and "Tersimpan" not in _teks(at)
    assert _ringkas(kota)["asn_total"] == 4


def test_a_save_computes_the_figures_the_ringkasan_opens_with_so_the_next_viewer_does_not_wait(monkeypatch, kota):
    # The reconciliation of the city (seconds at city scale) runs once, on the save; the Ringkasan then reads it.
    from ptr_core import rekonsiliasi
    from ui import data

    laporan = ("tanggal_laporan,nomor_kpj,nik,nama,status,tanggal_kepesertaan,bulan_terakhir_dibayar\n"
               f"2025-03-31,25000000001,{W[1]},WATI,AKTIF,2025-01-10,2025-03\n")  # fmt: skip
    assert impor(buat_engine(kota), "peserta_bpjs", laporan.encode(), "bpjs.csv", settings=SETTINGS).unggahan_id
    panggilan = []
    asli = rekonsiliasi.kelas_kota
    monkeypatch.setattr(data, "kelas_kota", lambda *a, **k: panggilan.append(1) or asli(*a, **k))
    at = _unggah(monkeypatch, kota, "asn-baru.csv", f"nip,nama,kode_opd,status\n{PPPK},Putri,DINSOS,PPPK\n".encode())
    _tombol(at, "Simpan").click().run()
    assert "Tersimpan sebagai unggahan" in _teks(at)
    dihitung = len(panggilan)
    assert dihitung >= 1
    at.switch_page("pages/ringkasan.py").run()
    assert not at.exception and len(panggilan) == dihitung


def test_a_payment_whose_date_was_corrected_is_flagged_on_the_page_before_it_is_saved(monkeypatch, kota):
    # W1's January is stored as paid on 2025-01-10 (upload 4). The same payment dated a day later is a second
    # payment unless the old upload is rolled back: the preview says so, and saving it is a choice.
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[1]},2025-01,16800,2025-01-11\n".encode()
    at = _unggah(monkeypatch, kota, "koreksi.csv", isi)
    assert "1 catatan/peringatan; tidak ada baris yang ditolak." in [w.value for w in at.warning]
    daftar = next(m.value for m in at.markdown if m.value.startswith("- Peringatan"))
    assert "tanggal\\_bayar 2025\\-01\\-10 \\(unggahan \\#4\\)" in daftar and "batalkan unggahan \\#4" in daftar
    assert W[1] not in daftar and "3374••••••••0001" in daftar  # the key's NIK masked, as every NIK in the list
    assert _metrik(at)["Baris baru"] == "1"
