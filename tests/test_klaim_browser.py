"""The claims journey in Chromium with a real sign-in (oidc-provider-mock): programme staff upload BPJS's claims
list as Excel saves it on Unggah Data, read what to fix, save the valid rows; the Manfaat program page then shows
summary --json's `manfaat` for the month and the case list with the NIK masked. At 1366×768 and 1920×1080, measured:
the benefits tiles above the fold, nothing wider than the screen."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from ptr_core.db import buat_engine, migrasi
from ptr_core.privasi import samarkan_nik
from tests.factory import W, cli, kota_kecil
from tests.peramban import ARTEFAK, SIAP, TUNGGU_MASUK, dasbor_oidc, masuk, tunggu_selesai

pytestmark = pytest.mark.browser
OPERATOR = "staf.program@semarangkota.go.id"


@pytest.fixture(scope="module")
def kota(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """The small city (real rows, no demo) with a programme staff user, served with sign-in: (database, dashboard,
    provider)."""
    tmp = tmp_path_factory.mktemp("klaim")
    url_db = f"sqlite:///{tmp / 'ptr.db'}"
    engine = buat_engine(url_db)
    migrasi(engine)
    kota_kecil(engine)
    engine.dispose()
    assert cli(url_db, "user", "add", OPERATOR, "--peran", "operator").returncode == 0
    with dasbor_oidc(url_db, tmp) as (alamat, penyedia):
        yield url_db, alamat, penyedia


def _berkas_klaim(path) -> None:
    """BPJS's claims list as staff get it after Excel: a hidden summary sheet first, a title row, BPJS's own
    headers, dates as date cells, an amount typed with thousands dots, one NIK typed as a number, a TOTAL row."""
    buku = Workbook()
    rekap = buku.active
    rekap.title = "Rekap"
    rekap.append(["Jumlah klaim", 3])
    rekap.sheet_state = "hidden"
    ws = buku.create_sheet("Klaim")
    ws.append(["REKAP KLAIM PESERTA BPU PEMKOT SEMARANG TRIWULAN I 2025"])
    ws.append(["No", "NIK Peserta", "Jenis Manfaat", "Tgl Kecelakaan", "Tgl Bayar Klaim", "Nilai Klaim",
               "Persetujuan Publikasi"])  # fmt: skip
    ws.append([1, W[1], "Jaminan Kecelakaan Kerja", dt.datetime(2025, 2, 3), dt.datetime(2025, 2, 20), "5.000.000",
               "Ya"])  # fmt: skip
    ws.append([2, W[4], "JKM", dt.datetime(2025, 3, 25), dt.datetime(2025, 3, 31), 42000000, None])
    ws.append([3, int(W[3]), "JKK", dt.datetime(2025, 3, 10), dt.datetime(2025, 3, 20), 1000000, "Tidak"])
    ws.append(["TOTAL", None, None, None, None, "48.000.000", None])
    buku.save(path)


def _juta(rupiah: int) -> str:
    return f"Rp{rupiah / 1e6:.1f} juta".replace(".", ",")


def test_staff_upload_a_claims_excel_and_the_benefits_page_shows_the_contract_figures(kota, browser, tmp_path):
    url_db, alamat, penyedia = kota
    berkas = tmp_path / "Rekap Klaim BPU Triwulan I.xlsx"
    _berkas_klaim(berkas)
    page = masuk(browser, alamat, penyedia, OPERATOR, 1366, 768)
    tunggu_selesai(page, page.get_by_role("heading", name="Unggah Data", level=1))
    page.locator("input[type='file']").first.set_input_files(str(berkas))
    # The NIK typed as a number: refused with the way to mend it; the other two are saved.
    tunggu_selesai(page, page.get_by_text("1 baris ditolak", exact=False).first)
    expect(page.get_by_text("sebagai Teks di Excel", exact=False).first).to_be_visible()
    # Recognised from its headers; the first visible sheet, not the hidden Rekap.
    # Waited for: the combo box fills its input after the run has ended (Streamlit >= 1.67 draws a react-aria
    # combo box, whose value is the input's; older versions showed it as text).
    page.wait_for_function(PILIHAN_TERISI, arg=["klaim", "Klaim"], timeout=TUNGGU_MASUK)
    teks = page.evaluate(PILIHAN)
    assert not any("Rekap" in t for t in teks), teks
    # The check's counts, once the page has settled: two new rows, one refused.
    page.wait_for_function(SIAP, timeout=TUNGGU_MASUK)
    expect(page.get_by_test_id("stMetric").filter(has_text="Baris baru")).to_contain_text("2")
    expect(page.get_by_test_id("stMetric").filter(has_text="Ditolak")).to_contain_text("1")
    page.screenshot(path=str(ARTEFAK / "klaim_unggah_1366x768.png"))
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_text("Tersimpan sebagai unggahan", exact=False)).to_be_visible(timeout=TUNGGU_MASUK)

    r = json.loads(cli(url_db, "summary", "--json").stdout)
    m = r["manfaat"]
    # By hand: March 2025 paid W4's JKM, 42.000.000; since the start W1's 5.000.000 too, against 94.000 of
    # contributions for January-March (tests/factory.py): 47.000.000 / 94.000 = 500,00.
    assert (r["bulan"], m["manfaat_dibayar"], m["manfaat_dibayar_kumulatif"], m["rasio_manfaat_iuran"]) == (
        "2025-03", 42_000_000, 47_000_000, 500.0
    )  # fmt: skip
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Manfaat program").click()
    tunggu_selesai(page, page.get_by_role("heading", name="Manfaat program", level=1))
    for lebar, tinggi in ((1366, 768), (1920, 1080)):
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.wait_for_function(SIAP, timeout=TUNGGU_MASUK)
        tile = page.get_by_test_id("stMetric").filter(has_text="Manfaat dibayar Maret 2025")
        expect(tile).to_contain_text(_juta(m["manfaat_dibayar"]))
        expect(tile).to_contain_text("1 klaim")
        expect(page.get_by_test_id("stMetric").filter(has_text="Manfaat per Rp1 iuran")).to_contain_text("Rp500,00")
        # Measured: every benefits tile above the fold, its figure at least 24 px, nothing wider than the screen.
        ukuran = page.evaluate(UKUR_TILE)
        assert ukuran and all(u["bawah"] <= tinggi and u["kanan"] <= lebar and u["huruf"] >= 24 for u in ukuran), (
            lebar,
            ukuran,
        )
        assert page.evaluate("document.scrollingElement.scrollWidth") <= lebar
        # The case list for staff: both cases, the NIK masked, never a full NIK on the screen.
        kasus = page.get_by_test_id("stDataFrame").filter(has_text="Tanggal kejadian")
        expect(kasus).to_be_visible(timeout=TUNGGU_MASUK)
        isi = kasus.text_content()
        assert samarkan_nik(W[4]) in isi and samarkan_nik(W[1]) in isi, isi
        assert not any(nik in isi + page.inner_text("body") for nik in W.values())
        page.screenshot(path=str(ARTEFAK / f"klaim_manfaat_{lebar}x{tinggi}.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    page.context.close()


PILIHAN = """() => [...document.querySelectorAll('[data-testid="stSelectbox"]')].flatMap((e) =>
  [e.innerText, ...[...e.querySelectorAll('input')].map((i) => i.value)])"""
PILIHAN_TERISI = f"(cari) => cari.every((c) => ({PILIHAN})().some((t) => t.includes(c)))"

UKUR_TILE = """() => [...document.querySelectorAll('[data-testid="stMetric"]')].map((e) => {
  const r = e.getBoundingClientRect(), v = e.querySelector('[data-testid="stMetricValue"]');
  return {bawah: r.bottom, kanan: r.right, huruf: parseFloat(getComputedStyle(v).fontSize)};
})"""
