"""The pages people read (Ringkasan, OPD, Kecamatan, Iuran, Target) are readable on a 1366×768 laptop, a 1920×1080
screen and a 390 px phone (issue 16), measured in Chromium: nothing wider than the screen, no text cut or
ellipsised, every chart's texts (titles, ticks, bar values, legend) inside the chart and the legend clear of the
plot, no text under 12 px. Each page at each size is saved as test-artifacts/halaman-<page>-<w>.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.peramban import ARTEFAK, SIAP, dengan_kunci, pindah

pytestmark = pytest.mark.browser
UKURAN = [(1920, 1080), (1366, 768), (390, 844)]  # a full HD screen, a laptop or projector, a phone
# Each page and its link in the sidebar. The first is opened with the OPD and kecamatan to show in the URL (they
# change neither Ringkasan nor the pages after it until OPD and Kecamatan, which show DISDIK and Tugu).
HALAMAN = {"ringkasan": "Ringkasan", "iuran": "Iuran", "target": "Target & simulasi",
           "rekonsiliasi": "Rekonsiliasi BPJS", "manfaat": "Manfaat program", "opd": "OPD",
           "kecamatan": "Kecamatan"}  # fmt: skip
URL_AWAL = "?opd=DISDIK&kecamatan=33.74.16"
BERGRAFIK = {"ringkasan", "opd", "kecamatan", "iuran", "manfaat"}  # the pages with a chart in view

UKUR = """() => {
  const main = document.querySelector('[data-testid="stMain"]'), vw = innerWidth;
  const terlihat = (e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true}) &&
    e.getBoundingClientRect().width > 0;
  const nama = (e) => `${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') || e.getAttribute('class') || ''}]`;
  const hasil = {vw, lebar: Math.max(document.scrollingElement.scrollWidth, main.scrollWidth), terpotong: [],
    elipsis: [], grafik_keluar: [], legenda_menutupi: [], huruf_kecil: [], grafik: 0,
    galat: document.querySelectorAll('[data-testid="stException"]').length,
    data_per: document.body.innerText.includes('Data per')};
  const jalan = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = jalan.nextNode(); n; n = jalan.nextNode()) {
    const teks = n.textContent.trim(), e = n.parentElement;
    if (!teks || !terlihat(e) || e.closest('[data-testid="stDataFrame"], [data-testid="stTooltipIcon"]')) continue;
    if (teks.includes('…')) hasil.elipsis.push(teks);
    const ukuran = parseFloat(getComputedStyle(e).fontSize);
    if (ukuran < 12) hasil.huruf_kecil.push(`${ukuran}px ${teks}`);
    if (e instanceof SVGElement) continue;
    for (let a = e; a && a !== main; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (a.scrollWidth > a.clientWidth + 1 && s.overflowX !== 'visible' && !/(auto|scroll)/.test(s.overflowX)) {
        hasil.terpotong.push(`${nama(a)}: ${teks}`);
        break;
      }
    }
  }
  for (const c of main.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!terlihat(c)) continue;
    hasil.grafik += 1;
    const svg = c.querySelector('svg.main-svg').getBoundingClientRect();
    for (const t of c.querySelectorAll('svg text')) {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim() || r.width === 0) continue;
      if (r.left < svg.left - 1 || r.right > svg.right + 1 || r.top < svg.top - 1 || r.bottom > svg.bottom + 1)
        hasil.grafik_keluar.push(t.textContent);
    }
    const legenda = c.querySelector('g.legend'), plot = c.querySelector('rect.nsewdrag');
    if (legenda && plot) {
      const a = legenda.getBoundingClientRect(), b = plot.getBoundingClientRect();
      const lebar = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      if (lebar > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2)
        hasil.legenda_menutupi.push([...legenda.querySelectorAll('text')].map((t) => t.textContent).join(', '));
    }
  }
  return hasil;
}"""


# After a resize: every chart has been laid out again to the box the page now gives it, and every table (whose
# width Streamlit sets a frame after its box changes) fits its box again; a table in a closed expander keeps its
# old width until it is opened.
GRAFIK_PAS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every((c) => {
  const svg = c.querySelector('svg.main-svg');
  return svg && Math.abs(svg.getBoundingClientRect().width - c.getBoundingClientRect().width) < 3;
}) && [...document.querySelectorAll('[data-testid="stDataFrame"]')].every((t) => !t.checkVisibility() ||
  t.getBoundingClientRect().width <= t.parentElement.getBoundingClientRect().width + 1)"""


@pytest.fixture(scope="module")
def ukuran(server, browser) -> dict[tuple[str, int], dict]:
    """Every page at every size, measured once, in one browser tab as a person goes through them: the first page
    opened from its address at the widest size, each next one by its link in the sidebar (a tab's first load costs
    seconds of Chromium's CPU; a click, a fraction). At each page the window is narrowed size by size, as the
    page's layout (CSS and the charts' own resizing) answers a window's size alone: the server draws nothing by
    width. Widest first, as a fresh load would have it: the sidebar stays open down to a laptop, folds away on a
    phone and opens again when the window is widened for the next page. After each measure a tall window lays out
    the whole page for its screenshot."""
    ARTEFAK.mkdir(exist_ok=True)
    hasil = {}
    page = browser.new_page(viewport={"width": UKURAN[0][0], "height": UKURAN[0][1]})
    page.goto(dengan_kunci(f"{server}/{URL_AWAL}"))
    page.wait_for_function(SIAP, timeout=120_000)
    for nama, tautan in HALAMAN.items():
        page.set_viewport_size({"width": UKURAN[0][0], "height": UKURAN[0][1]})
        if nama != "ringkasan":
            pindah(page, tautan)
        if nama == "opd":  # its chart is in the third tab
            page.get_by_role("tab", name="Tren").click()
            page.wait_for_function(SIAP, timeout=60_000)
        if nama == "rekonsiliasi":  # the demo's workers another programme covers too, opened: measured with the page
            page.get_by_text("Juga dilindungi program lain", exact=False).click()
            expect(page.get_by_text("Iuran dibayar dua kali", exact=False)).to_be_visible(timeout=60_000)
            page.wait_for_function(f"() => ({SIAP})() && ({TERBUKA_PENUH})()", timeout=60_000)
        for lebar, tinggi in UKURAN:
            page.set_viewport_size({"width": lebar, "height": tinggi})
            page.wait_for_function(f"() => innerWidth === {lebar} && ({SIAP})() && ({GRAFIK_PAS})()", timeout=60_000)
            hasil[nama, lebar] = page.evaluate(UKUR)
            panjang = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
            page.set_viewport_size({"width": lebar, "height": min(panjang, 8000)})
            page.wait_for_function(f"() => ({SIAP})() && ({GRAFIK_PAS})()", timeout=60_000)
            page.screenshot(path=str(ARTEFAK / f"halaman-{nama}-{lebar}.png"))
    assert "opd=DISDIK" in page.url and "kecamatan=33.74.16" in page.url, page.url
    page.close()
    return hasil


# Every open expander has finished its opening animation: its content is as tall as what it holds.
TERBUKA_PENUH = """() => [...document.querySelectorAll('[data-testid="stExpander"] details[open]')].every((d) => {
  const isi = d.querySelector('[data-testid="stExpanderDetails"]');
  return isi && isi.scrollHeight <= isi.getBoundingClientRect().height + 1;
})"""

semua = pytest.mark.parametrize(("nama", "lebar"), [(n, u[0]) for u in UKURAN for n in HALAMAN])


@semua
def test_the_page_loads_without_error_and_says_how_recent_its_data_is(ukuran, nama, lebar):
    assert (ukuran[nama, lebar]["galat"], ukuran[nama, lebar]["data_per"]) == (0, True)


@semua
def test_the_page_is_no_wider_than_the_screen(ukuran, nama, lebar):
    u = ukuran[nama, lebar]
    assert u["lebar"] <= u["vw"] + 1 and (u["grafik"] > 0) == (nama in BERGRAFIK)


@semua
def test_no_text_is_cut_or_ellipsised(ukuran, nama, lebar):
    u = ukuran[nama, lebar]
    assert (u["terpotong"], u["elipsis"]) == ([], [])


@semua
def test_every_chart_text_is_inside_its_chart_and_the_legend_covers_no_data(ukuran, nama, lebar):
    u = ukuran[nama, lebar]
    assert (u["grafik_keluar"], u["legenda_menutupi"]) == ([], [])


@semua
def test_no_text_is_smaller_than_12_px(ukuran, nama, lebar):
    assert ukuran[nama, lebar]["huruf_kecil"] == []
