"""End to end: a real `streamlit run` server on the demo data, driven by Debian's Chromium through Playwright.
Screenshots of every page at 1920x1080 and 1366x768 are saved in test-artifacts/ for review."""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ptr_core.audit import jejak_audit
from ptr_core.db import buat_engine
from tests.peramban import ARTEFAK, BASIS_DATA, SIAP, TUNGGU, buka, pindah, server_streamlit

pytestmark = pytest.mark.browser
# Ringkasan, OPD, Kecamatan, Iuran and Target are loaded and measured at three widths in test_halaman_browser.py.
HALAMAN = {"unggah": "Unggah Data", "metodologi": "Metodologi"}


@pytest.fixture(scope="module")
def pembuka(server, browser) -> Iterator[tuple]:
    """One tab at 1920x1080, opened once from a link to the Kecamatan page of Tugu with DISDIK as the OPD to show,
    with the text and address it first showed (a tab's first load costs seconds of Chromium's CPU; a click, a
    fraction)."""
    page = buka(browser, f"{server}/kecamatan?kecamatan=33.74.16&opd=DISDIK")
    yield page, page.inner_text("body"), page.url
    page.close()


@pytest.fixture
def tab(pembuka):
    """That tab, which the tests take from page to page by the sidebar's links, as a person does."""
    return pembuka[0]


def ke(page, tautan: str):
    """The shared tab on the page of the sidebar's link `tautan`, at 1920x1080."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    pindah(page, tautan)
    return page


@pytest.mark.parametrize("nama", list(HALAMAN))
def test_each_page_loads_without_error_and_is_screenshotted(tab, nama):
    page = ke(tab, HALAMAN[nama])
    for lebar, tinggi in ((1920, 1080), (1366, 768)):
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.wait_for_function(SIAP, timeout=TUNGGU)
        assert page.locator("[data-testid='stException']").count() == 0
        assert "Data per" in page.inner_text("body")
        page.screenshot(path=str(ARTEFAK / f"{nama}_{lebar}x{tinggi}.png"), full_page=True)


def test_a_deep_link_keeps_the_navigation_and_filters(pembuka):
    _, teks, url = pembuka
    assert "Kecamatan Tugu" in teks and "Target & simulasi" in teks
    assert "/kecamatan?" in url and "kecamatan=33.74.16" in url and "opd=DISDIK" in url


def test_chart_data_downloads_as_csv(tab):
    ringkasan = ke(tab, "Ringkasan")
    with ringkasan.expect_download(timeout=TUNGGU) as unduhan:
        ringkasan.get_by_role("button", name="Unduh CSV").first.click()
    isi = Path(unduhan.value.path()).read_text(encoding="utf-8-sig")
    assert isi.splitlines()[0].startswith("bulan;") and "peserta_aktif" in isi.splitlines()[0]


def test_a_rupiah_column_holds_its_amounts_so_that_a_click_on_its_header_sorts_by_them(tab):
    # The grid sorts a column by the values it holds (its cells for screen readers show them): numbers, drawn as
    # Rp36.002.400. Held as that text, Rp9.777.600 sorted above Rp13.423.200. The grid writes its cells once it
    # is in view.
    page = ke(tab, "Iuran")
    tabel = page.locator("[data-testid='stDataFrame']").filter(visible=True).first  # per OPD (months: a tab)
    tabel.scroll_into_view_if_needed()
    expect(tabel.locator("th").first).to_have_text("OPD", timeout=TUNGGU)
    kepala = tabel.locator("th").all_inner_texts()
    nilai = tabel.locator(f"td[aria-colindex='{kepala.index('Dibayar') + 1}']").all_inner_texts()
    assert len(nilai) >= 5 and all(n.isdigit() for n in nilai), nilai


def test_the_opds_whole_follow_up_list_is_built_when_its_download_is_clicked(tab, tmp_path):
    # The page shows 50 rows at a time; the workbook holds every ASN and worker its counts speak of.
    import openpyxl

    page = ke(tab, "OPD")
    kalimat = page.get_by_text("ASN mensponsori pekerja aktif").inner_text()
    asn = sum(int(x.replace(".", "")) for x in re.findall(r"([\d.]+) (?:ASN|hanya|belum)", kalimat))
    with page.expect_download(timeout=TUNGGU) as unduhan:
        page.get_by_role("button", name="Unduh daftar tindak lanjut (XLSX)").click()
    berkas = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(berkas)
    assert re.fullmatch(r"tindak_lanjut_DISDIK_\d{4}-\d{2}\.xlsx", berkas.name)
    buku = openpyxl.load_workbook(berkas, read_only=True)
    assert buku["ASN"].max_row - 1 == asn > 50 and buku["Pekerja"].max_row - 1 > 50


def test_printed_briefing_fits_one_landscape_a4(server, browser, tab):
    ringkasan = ke(tab, "Ringkasan")
    with ringkasan.expect_download(timeout=TUNGGU) as unduhan:
        ringkasan.get_by_role("button", name=re.compile("Cetak ringkasan")).click()
    html = Path(unduhan.value.path()).read_text(encoding="utf-8")
    cetak = browser.new_page()
    cetak.set_content(html)
    pdf = cetak.pdf(prefer_css_page_size=True, print_background=True)
    cetak.close()
    (ARTEFAK / "ringkasan_cetak.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert "Rp" in html and "Data per" in html
    # Like every export, the printable briefing is in the audit trail (written by the click's callback).
    engine = buat_engine(BASIS_DATA[server])
    for _ in range(100):
        jejak = jejak_audit(engine)
        if ((jejak["aksi"] == "ekspor") & jejak["rincian"].str.startswith("ringkasan_ptr_")).any():
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"no audit row for the printable briefing: {jejak.to_dict('records')}")
    engine.dispose()


def test_upload_page_tells_staff_exactly_what_to_fix_then_saves_the_valid_rows(browser, tmp_path):
    # A city's first upload, on a database of its own (real rows are never mixed into the demo city).
    with server_streamlit(f"sqlite:///{tmp_path / 'ptr.db'}", tmp_path) as server:
        _unggah_roster_bermasalah(browser, server, tmp_path)


def _unggah_roster_bermasalah(browser, server: str, tmp_path: Path) -> None:
    # A roster as Excel in the Indonesian locale saves it: ';', Windows-1252, a NIP damaged into a number,
    # an OPD name with a typo.
    berkas = tmp_path / "roster ASN.csv"
    berkas.write_bytes(
        "NIP Baru;Nama;Unit Kerja;Status\r\n"
        "198001012005011001;Ani Suryani;Dinas Sosial;PNS\r\n"
        "1,98502E+17;Budi Santoso;Dinas Sosial;PNS\r\n"
        "199003032015031003;Citra Déwi;Dinas Sosail;PPPK\r\n".encode("cp1252")
    )
    page = buka(browser, f"{server}/unggah")
    page.locator("input[type='file']").first.set_input_files(str(berkas))
    # The problem list is drawn after the count above it: wait for the list itself (its last line), then read.
    page.wait_for_selector("text=Mungkin maksud Anda: Dinas Sosial?", timeout=180_000)
    page.wait_for_selector("text=baris ditolak", timeout=30_000)
    teks = page.inner_text("body")
    assert "Format kolom ini sebagai Teks" in teks
    assert "Mungkin maksud Anda: Dinas Sosial?" in teks
    page.screenshot(path=str(ARTEFAK / "unggah_pemeriksaan_1920x1080.png"), full_page=True)
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_selector("text=Tersimpan sebagai unggahan", timeout=180_000)
    page.close()


def test_the_favicon_is_served_by_the_app_itself(server, tab):
    # A briefing room without internet still shows the app's icon: it must not come from another host.
    page = ke(tab, "Ringkasan")
    page.wait_for_function(
        "() => document.querySelector('link[rel~=\"icon\"]')?.href.includes('media')", timeout=30_000
    )
    href = page.evaluate("() => document.querySelector('link[rel~=\"icon\"]').href")
    assert href.startswith(server), href
    assert urllib.request.urlopen(href, timeout=10).headers["Content-Type"].startswith("image/")
