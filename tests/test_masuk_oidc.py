"""Sign-in end to end (issue 16): a real OpenID Connect provider on localhost (oidc-provider-mock, whose
authorization page signs in whoever's email is typed), a real `streamlit run dashboard.py` whose `[auth]` points at
it through a secrets file of its own, users registered with the CLI, and Debian's Chromium signing in as each role.

The pages each role sees (README, "Sign-in and roles"; ptr_core.akses.HALAMAN_PERAN) are written out here as the
specification, in the sidebar's order."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ptr_core.audit import jejak_audit
from ptr_core.db import buat_engine
from tests.factory import cli
from tests.peramban import ARTEFAK, TUNGGU_MASUK, dasbor_oidc, masuk, tunggu_selesai

pytestmark = pytest.mark.browser
TUNGGU = TUNGGU_MASUK

JUDUL_RINGKASAN = "Ringkasan PNS Peduli Pekerja Rentan"
SEMUA_HALAMAN = ["Ringkasan", "OPD", "Kecamatan", "Iuran", "Target & simulasi", "Unggah Data", "Riwayat Unggahan",
                 "Verifikasi Pendaftaran", "Rekonsiliasi BPJS", "Manfaat program", "Pengguna", "Jejak audit",
                 "Metodologi", "Mode layar"]  # fmt: skip


@dataclass(frozen=True)
class Pengguna:
    email: str
    peran: str
    halaman: list[str]  # the sidebar's navigation, in order
    judul_awal: str  # the title of the page a sign-in lands on
    kode_opd: str | None = None


PENGGUNA = {
    "admin": Pengguna("sekretariat@semarangkota.go.id", "admin", SEMUA_HALAMAN, JUDUL_RINGKASAN),
    "pimpinan": Pengguna(
        "walikota@semarangkota.go.id",
        "pimpinan",
        ["Ringkasan", "OPD", "Kecamatan", "Iuran", "Target & simulasi", "Manfaat program", "Metodologi", "Mode layar"],
        JUDUL_RINGKASAN,
    ),
    "opd": Pengguna(
        "kadis@dinsos.semarangkota.go.id",
        "opd",
        ["Ringkasan", "OPD", "Kecamatan", "Iuran", "Rekonsiliasi BPJS", "Manfaat program", "Metodologi"],
        JUDUL_RINGKASAN,
        "DINSOS",
    ),
    "operator": Pengguna(
        "staf.program@semarangkota.go.id",
        "operator",
        [
            "Unggah Data",
            "Riwayat Unggahan",
            "Verifikasi Pendaftaran",
            "Rekonsiliasi BPJS",
            "Manfaat program",
            "Metodologi",
        ],
        "Unggah Data",
    ),
}
TIDAK_TERDAFTAR = "orang.luar@example.id"


@dataclass
class Dasbor:
    alamat: str
    penyedia: str  # the OpenID Connect provider
    url_db: str
    log: Path  # the streamlit server's stdout and stderr
    halaman_layar_masuk_pertama: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def dasbor(browser, salin_demo, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dasbor]:
    """The provider, the demo database with one user per role, and a dashboard signing in through the provider;
    the sidebar of the first screen the fresh server shows is recorded before anyone signs in."""
    tmp = tmp_path_factory.mktemp("masuk")
    url_db = salin_demo(tmp)
    for p in PENGGUNA.values():
        opsi = ["--opd", p.kode_opd] if p.kode_opd else []
        hasil = cli(url_db, "user", "add", p.email, "--peran", p.peran, *opsi)
        assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    with dasbor_oidc(url_db, tmp) as (alamat, alamat_penyedia):
        d = Dasbor(alamat, alamat_penyedia, url_db, tmp / "streamlit.log")
        konteks = browser.new_context()
        page = konteks.new_page()
        page.goto(alamat)
        tunggu_selesai(page, page.get_by_role("button", name="Masuk"))
        d.halaman_layar_masuk_pertama = _halaman_sidebar(page)
        konteks.close()
        yield d


def _halaman_sidebar(page) -> list[str]:
    """The titles of the sidebar's navigation (each link reads "<icon name>\\n\\n<title>")."""
    lagi = page.get_by_test_id("stSidebarNavViewButton")
    if lagi.count() and lagi.inner_text().startswith("View") and "less" not in lagi.inner_text():
        lagi.click()
    return [t.splitlines()[-1].strip() for t in page.get_by_test_id("stSidebarNavLink").all_inner_texts()]


def _tanpa_galat(page, dasbor: Dasbor) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")
    assert "Traceback" not in page.inner_text("body")
    assert "Traceback" not in dasbor.log.read_text()


@pytest.fixture(scope="module")
def sesi() -> Iterator[dict]:
    """The browsers signed in so far, by email: a test that needs a staff role signed in opens a tab in that role's
    browser, as a person opens another tab, instead of signing in again (a sign-in costs three page loads)."""
    masuk_sudah: dict = {}
    yield masuk_sudah
    for konteks in masuk_sudah.values():
        konteks.close()


def _masuk(browser, dasbor: Dasbor, email: str, sesi: dict | None = None, jalur: str = ""):
    """A tab signed in as `email` at the address `jalur` (default: where a sign-in lands): a new tab of the browser
    signed in before as `email` (kept in `sesi`), or a new browser signing in through the provider."""
    if sesi is not None and email in sesi:
        page = sesi[email].new_page()
        page.goto(f"{dasbor.alamat}/{jalur}")
        return page
    page = masuk(browser, dasbor.alamat, dasbor.penyedia, email)
    if sesi is not None:
        sesi[email] = page.context
    if jalur:
        tunggu_selesai(page, page.get_by_role("heading", level=1).first)
        page.goto(f"{dasbor.alamat}/{jalur}")
    return page


def _keluar(page, dasbor: Dasbor, tombol) -> None:
    """Sign out: the dashboard sends the browser to the provider's end-session page, which sends it back to a new
    session of the dashboard: the sign-in screen again, the identity cookies gone."""
    tombol.click()
    page.wait_for_url(f"{dasbor.penyedia}/oauth2/end_session?**", timeout=TUNGGU)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{dasbor.alamat}/**", timeout=TUNGGU)
    tunggu_selesai(page, page.get_by_role("button", name="Masuk"))
    assert not [c for c in page.context.cookies() if c["name"].startswith("_streamlit_user")]
    assert "Data per" not in page.inner_text("body")
    _tanpa_galat(page, dasbor)


def test_the_sign_in_screen_of_a_fresh_server_lists_no_pages(dasbor):
    assert dasbor.halaman_layar_masuk_pertama == []


@pytest.mark.parametrize("peran", list(PENGGUNA))
def test_each_role_signs_in_sees_exactly_its_pages_and_signs_out(dasbor, browser, sesi, peran):
    siapa = PENGGUNA[peran]
    sesi.pop(siapa.email, None)  # a sign-in of its own
    page = _masuk(browser, dasbor, siapa.email, sesi)
    tunggu_selesai(page, page.get_by_role("heading", name=siapa.judul_awal, level=1))
    assert _halaman_sidebar(page) == siapa.halaman
    kode = f" {siapa.kode_opd}" if siapa.kode_opd else ""
    assert f"Masuk sebagai {siapa.email} ({siapa.peran}{kode})" in page.get_by_test_id("stSidebar").inner_text()
    _tanpa_galat(page, dasbor)
    engine = buat_engine(dasbor.url_db)
    audit = jejak_audit(engine)
    engine.dispose()
    assert ((audit["email"] == siapa.email) & (audit["aksi"] == "masuk") & (audit["rincian"] == peran)).any()
    # Signing out is the same button for every role: a staff role here, the ASN and the unregistered email below.
    # The others stay signed in for the tests below.
    if peran == "pimpinan":
        _keluar(page, dasbor, page.get_by_test_id("stSidebar").get_by_role("button", name="Keluar"))
        sesi.pop(siapa.email).close()
    else:
        expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Keluar")).to_be_visible()
        page.close()


def test_an_unregistered_email_is_told_so_sees_no_data_and_can_sign_out(dasbor, browser):
    page = _masuk(browser, dasbor, TIDAK_TERDAFTAR)
    tunggu_selesai(page, page.get_by_text("Akun Anda belum terdaftar", exact=False))
    teks = page.inner_text("body")
    assert "hubungi admin program" in teks
    assert "Data per" not in teks and "DATA CONTOH" not in teks
    assert page.get_by_test_id("stMetric").count() == 0 and page.get_by_role("heading", level=1).count() == 0
    assert not [h for h in _halaman_sidebar(page) if h in SEMUA_HALAMAN]
    _tanpa_galat(page, dasbor)
    _keluar(page, dasbor, page.get_by_role("button", name="Keluar"))
    page.context.close()


def test_an_opd_user_reaches_neither_another_opd_nor_a_page_outside_its_role_by_url(dasbor, browser, sesi):
    siapa = PENGGUNA["opd"]
    # DISDIK (Dinas Pendidikan) asked for in the URL: the page shows the viewer's own OPD, and says so in the URL.
    page = _masuk(browser, dasbor, siapa.email, sesi, jalur="opd?opd=DISDIK")
    tunggu_selesai(page, page.get_by_role("heading", name="Partisipasi OPD", level=1))
    expect(page.get_by_role("heading", name=re.compile(r"^Dinas Sosial — "), level=3)).to_be_visible()
    assert "Dinas Pendidikan" not in page.get_by_test_id("stMain").inner_text()
    assert "opd=DINSOS" in page.url and "DISDIK" not in page.url
    _tanpa_galat(page, dasbor)

    # Pages of other roles asked for in the URL: whatever the dashboard shows instead, nothing of theirs.
    for nama, judul in (("unggah", "Unggah Data"), ("pengguna", "Pengguna"), ("audit", "Jejak audit")):
        page.goto(f"{dasbor.alamat}/{nama}")
        tunggu_selesai(page, page.get_by_role("heading", level=1).first)
        assert page.get_by_role("heading", name=judul, exact=True, level=1).count() == 0
        assert page.get_by_test_id("stFileUploader").count() == 0
        assert _halaman_sidebar(page) == siapa.halaman
        _tanpa_galat(page, dasbor)
    page.close()


def test_an_asn_signs_in_without_being_registered_and_sees_only_pekerja_saya(dasbor, browser):
    # Any ASN of the demo roster who sponsors a worker; recognised by the roster's email column.
    from sqlalchemy import text

    engine = buat_engine(dasbor.url_db)
    with engine.connect() as conn:
        nip, email = conn.execute(text(
            "SELECT a.nip, a.email FROM asn a JOIN pekerja p ON p.nip_sponsor = a.nip WHERE a.aktif "
            "ORDER BY a.nip LIMIT 1"
        )).one()  # fmt: skip
    engine.dispose()
    page = _masuk(browser, dasbor, email)
    tunggu_selesai(page, page.get_by_role("heading", name="Pekerja Saya", level=1))
    assert _halaman_sidebar(page) == ["Pekerja Saya", "Daftarkan Pekerja", "Metodologi"]
    assert f"(NIP {nip})" in page.get_by_test_id("stMain").inner_text()
    page.get_by_test_id("stDataFrame").first.wait_for(state="visible", timeout=30_000)
    page.screenshot(path=str(ARTEFAK / "pekerja_saya_1366x768.png"), full_page=True)
    _tanpa_galat(page, dasbor)
    page.goto(f"{dasbor.alamat}/opd")
    tunggu_selesai(page, page.get_by_role("heading", level=1).first)
    assert page.get_by_role("heading", name="Partisipasi OPD", level=1).count() == 0
    _keluar(page, dasbor, page.get_by_test_id("stSidebar").get_by_role("button", name="Keluar"))
    page.context.close()


def test_an_asn_registers_a_worker_staff_approve_and_the_asn_then_follows_it(dasbor, browser, sesi):
    # The self-service journey through the real sign-in: a demo ASN submits a worker on Daftarkan Pekerja, the
    # admin approves it on Verifikasi Pendaftaran, the ASN finds the worker in Pekerja Saya and the CLI counts it.
    from sqlalchemy import text

    nik = "3374015506880001"  # a woman born 15 June 1988
    engine = buat_engine(dasbor.url_db)
    with engine.connect() as conn:
        email, kode_opd = conn.execute(
            text("SELECT email, kode_opd FROM asn WHERE aktif ORDER BY nip DESC LIMIT 1")
        ).one()
    engine.dispose()
    bulan = f"{dt.date.today():%Y-%m}"  # the worker is registered from the day of the approval
    sebelum = json.loads(cli(dasbor.url_db, "summary", "--bulan", bulan, "--json").stdout)

    page = _masuk(browser, dasbor, email)
    tunggu_selesai(page, page.get_by_role("heading", name="Pekerja Saya", level=1))
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Daftarkan Pekerja").click()
    tunggu_selesai(page, page.get_by_role("heading", name="Daftarkan Pekerja", level=1))
    page.get_by_label("NIK pekerja (16 angka, dari KTP)").fill(nik)
    page.get_by_label("NIK pekerja (16 angka, dari KTP)").press("Tab")
    expect(page.get_by_text("Dari NIK: Perempuan, lahir 15 Juni 1988.")).to_be_visible(timeout=TUNGGU)
    page.get_by_label("Nama sesuai KTP").fill("Sri Wahyuni")
    page.get_by_label("Nama sesuai KTP").press("Tab")
    page.get_by_role("combobox", name="Pekerjaan").click()
    page.get_by_role("option", name="Penjahit").click()
    page.get_by_role("combobox", name="Kelurahan domisili").fill("Pekunden")
    page.get_by_role("option", name=re.compile("^Pekunden")).click()
    page.get_by_label("Nomor telepon/WhatsApp pekerja").fill("081234567890")
    page.get_by_label("Nomor telepon/WhatsApp pekerja").press("Tab")
    page.get_by_role("button", name="Ajukan pendaftaran").click()
    expect(page.get_by_text("diajukan dan menunggu verifikasi staf program")).to_be_visible(timeout=TUNGGU)
    page.screenshot(path=str(ARTEFAK / "daftarkan_1366x768.png"))
    _tanpa_galat(page, dasbor)

    admin = _masuk(browser, dasbor, PENGGUNA["admin"].email, sesi, jalur="verifikasi")
    tunggu_selesai(admin, admin.get_by_role("heading", name="Verifikasi Pendaftaran", level=1))
    expect(admin.get_by_text(nik, exact=False)).to_be_visible(timeout=TUNGGU)
    admin.screenshot(path=str(ARTEFAK / "verifikasi_1366x768.png"))
    admin.get_by_role("button", name="Setujui").first.click()
    expect(admin.get_by_text("disetujui: pekerja terdaftar mulai", exact=False)).to_be_visible(timeout=TUNGGU)
    _tanpa_galat(admin, dasbor)
    # The OPD page of the ASN's unit shows the registration as approved, with the ASN who submitted it.
    admin.goto(f"{dasbor.alamat}/opd?opd={kode_opd}")
    tunggu_selesai(admin, admin.get_by_role("tab", name="Pendaftaran (0 menunggu)"))
    admin.get_by_role("tab", name="Pendaftaran (0 menunggu)").click()
    tabel = admin.get_by_test_id("stDataFrame").filter(has_text="Sri Wahyuni")
    expect(tabel).to_be_visible(timeout=TUNGGU)
    assert "disetujui" in tabel.text_content()
    admin.close()

    # Registered today and not paid yet: the ASN, back on Pekerja Saya in the tab left open, is told what to pay
    # for this month, by the worker's name.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Pekerja Saya").click()
    tunggu_selesai(page, page.get_by_role("heading", name="Pekerja Saya", level=1))
    expect(page.get_by_text("Sri Wahyuni: iuran", exact=False)).to_be_visible(timeout=TUNGGU)
    _tanpa_galat(page, dasbor)
    page.context.close()
    sesudah = json.loads(cli(dasbor.url_db, "summary", "--bulan", bulan, "--json").stdout)
    assert sesudah["pekerja_program_menunggak"] == sebelum["pekerja_program_menunggak"] + 1
    assert sesudah["pekerja_program_aktif"] == sebelum["pekerja_program_aktif"]


@pytest.mark.parametrize("lebar,tinggi", [(390, 844), (1366, 768)])
def test_an_asn_reserves_a_candidate_from_a_phone_or_a_laptop(dasbor, browser, lebar, tinggi):
    # An ASN who knows no worker: Daftarkan Pekerja → Cari calon pekerja → Pesan on the first candidate, then the
    # form filled from the hold. Measured: nothing wider than the screen, the Pesan buttons inside it, the
    # candidate lines readable (at least 14 px), the held candidate's name and NIK shown whole.
    from sqlalchemy import text

    engine = buat_engine(dasbor.url_db)
    with engine.connect() as conn:
        urut = 1 if lebar < 1000 else 2  # another demo ASN for each size (one hold each)
        email = conn.execute(
            text("SELECT email FROM asn WHERE aktif ORDER BY nip LIMIT 1 OFFSET :n"), {"n": urut}
        ).scalar_one()
    engine.dispose()
    page = _masuk(browser, dasbor, email)
    tunggu_selesai(page, page.get_by_role("heading", name="Pekerja Saya", level=1))
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Daftarkan Pekerja").click()
    tunggu_selesai(page, page.get_by_role("heading", name="Daftarkan Pekerja", level=1))
    page.set_viewport_size({"width": lebar, "height": tinggi})
    page.get_by_role("radio", name="Cari calon pekerja").click()
    tombol = page.get_by_role("button", name="Pesan", exact=True)
    tunggu_selesai(page, tombol.first)
    assert tombol.count() == 10
    ukuran = page.evaluate(
        """() => ({lebar: document.documentElement.scrollWidth, layar: window.innerWidth,
                   huruf: Math.min(...[...document.querySelectorAll('[data-testid="stMarkdownContainer"] p')]
                       .filter(p => p.innerText.includes(' · ')).map(p => parseFloat(getComputedStyle(p).fontSize))),
                   tombol: Math.max(...[...document.querySelectorAll('button')].filter(b => b.innerText === 'Pesan')
                       .map(b => b.getBoundingClientRect().right))})"""
    )
    assert ukuran["lebar"] <= ukuran["layar"] and ukuran["tombol"] <= ukuran["layar"], ukuran
    assert ukuran["huruf"] >= 14, ukuran
    page.screenshot(path=str(ARTEFAK / f"calon_{lebar}x{tinggi}.png"), full_page=True)
    tombol.first.click()
    expect(page.get_by_text("Calon dipesan untuk Anda sampai", exact=False)).to_be_visible(timeout=TUNGGU)
    expect(page.get_by_text(re.compile(r"NIK 3374\d{12}"))).to_be_visible(timeout=TUNGGU)
    page.get_by_role("button", name="Isi formulir dengan calon ini").click()
    expect(page.get_by_label("NIK pekerja (16 angka, dari KTP)")).to_have_value(re.compile(r"^3374\d{12}$"))
    page.screenshot(path=str(ARTEFAK / f"calon_dipesan_{lebar}x{tinggi}.png"), full_page=True)
    _tanpa_galat(page, dasbor)
    page.context.close()
