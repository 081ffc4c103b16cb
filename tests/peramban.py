"""Driving the real dashboard in Chromium, for every browser test: a `streamlit run dashboard.py` server on a
database of the test's, Debian's Chromium (never a downloaded browser), and waiting for the state a test reads
(Streamlit idle, nothing stale, every chart drawn), never for a fixed time. The fixtures are in conftest.py."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ptr_core.akses import kunci_lokal
from ptr_core.bench import HALAMAN_BERGANTI, HALAMAN_SIAP

ROOT = Path(__file__).resolve().parent.parent
ARTEFAK = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TUNGGU = 120_000  # ms: a page's first run on 2 busy cores
KUNCI: dict[str, str] = {}  # each server's local key, by its address
BASIS_DATA: dict[str, str] = {}  # each server's database, by its address

# The page has run to its end and is drawn (one definition, shared with the benchmark's page times).
SIAP = HALAMAN_SIAP


def tidak_tersedia(pesan: str) -> None:
    """What a test needs is missing: CI must have it (fail); a developer's machine may not (skip)."""
    if os.environ.get("CI"):
        pytest.fail(pesan)
    pytest.skip(pesan)


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server_streamlit(url_db: str, folder: Path, *opsi: str, port: int | None = None) -> Iterator[str]:
    """A real `streamlit run dashboard.py` on a database, its local key in `folder`, its output in
    folder/streamlit.log; yields its address once it answers (fails with its log if it dies first)."""
    if not Path(CHROMIUM).exists():
        tidak_tersedia("Chromium is missing: .ci/run installs Debian's chromium package")
    port = port or port_bebas()
    env = {**os.environ, "PTR_DATABASE_URL": url_db, "PTR_KUNCI_LOKAL": str(folder / "kunci-lokal"),
           "PTR_DEMO_OTOMATIS": "0"}  # fmt: skip
    log = folder / "streamlit.log"
    with log.open("w") as keluaran:
        proses = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1", *opsi],
            cwd=ROOT, env=env, stdout=keluaran, stderr=subprocess.STDOUT,
        )  # fmt: skip
    alamat = f"http://127.0.0.1:{port}"
    KUNCI[alamat], BASIS_DATA[alamat] = kunci_lokal(folder / "kunci-lokal"), url_db
    try:
        batas = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{alamat}/_stcore/health", timeout=1)
                break
            except OSError:
                assert proses.poll() is None and time.monotonic() < batas, log.read_text()
                time.sleep(0.2)  # polling the server's health, not waiting for a page state
        yield alamat
    finally:
        proses.terminate()
        proses.wait(timeout=20)


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium through Playwright."""
    if not Path(CHROMIUM).exists():
        tidak_tersedia("Chromium is missing: .ci/run installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    ARTEFAK.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield b
        b.close()


def dengan_kunci(url: str) -> str:
    """The URL with its server's local key (a server with real data opens only with it)."""
    kunci = next((k for alamat, k in KUNCI.items() if url.startswith(alamat)), None)
    return url + ("&" if "?" in url else "?") + f"kunci={kunci}" if kunci else url


def buka(browser, url: str, lebar: int = 1920, tinggi: int = 1080):
    """A new page at `url` (with its server's key) in a window of the given size, once it is drawn."""
    page = browser.new_page(viewport={"width": lebar, "height": tinggi}, accept_downloads=True)
    page.goto(dengan_kunci(url))
    page.wait_for_function(SIAP, timeout=TUNGGU)
    return page


def pindah(page, tautan: str) -> None:
    """A click on the page's link in the sidebar, and the wait until the new page is drawn; nothing when the tab is
    on that page already."""
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=tautan, exact=True)
    if urlparse(link.get_attribute("href")).path == urlparse(page.url).path:
        return
    page.evaluate("() => { window.__judul = document.querySelector('h1')?.innerText; }")
    link.click()
    page.wait_for_function(HALAMAN_BERGANTI, timeout=TUNGGU)


# --- Signing in for real: oidc-provider-mock (a real OpenID Connect provider on localhost, whose authorization page
# signs in whoever's email is typed) and a dashboard whose `[auth]` points at it through a secrets file of its own.
TUNGGU_MASUK = 90_000  # ms: a page's first run on 2 busy cores, or a sign-in's round trip through the provider


@contextlib.contextmanager
def dasbor_oidc(url_db: str, folder: Path) -> Iterator[tuple[str, str]]:
    """The provider and a dashboard server on `url_db` signing in through it; yields (dashboard, provider)
    addresses. The project's .streamlit/ and the home directory's stay untouched."""
    try:
        from oidc_provider_mock import run_server_in_thread
    except ImportError:
        tidak_tersedia("oidc-provider-mock is not installed: python -m pip install -r requirements-dev.txt")
    with contextlib.ExitStack() as tumpukan:
        try:
            penyedia = tumpukan.enter_context(run_server_in_thread(port=0))
        except OSError as e:
            tidak_tersedia(f"oidc-provider-mock could not start: {e}")
        alamat_penyedia = f"http://127.0.0.1:{penyedia.server_port}"
        port = port_bebas()
        rahasia = folder / "secrets.toml"
        rahasia.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "rahasia-cookie-uji-masuk-oidc-0123456789"\n'
            'client_id = "ptr-dashboard"\n'
            'client_secret = "rahasia-klien"\n'
            f'server_metadata_url = "{alamat_penyedia}/.well-known/openid-configuration"\n'
        )
        alamat = tumpukan.enter_context(server_streamlit(url_db, folder, "--secrets.files", str(rahasia), port=port))
        yield alamat, alamat_penyedia


def tunggu_selesai(page, penanda) -> None:
    """Wait for what the run shows (`penanda`), then for the run to end: only then is every box on the page."""
    from playwright.sync_api import expect

    expect(penanda).to_be_visible(timeout=TUNGGU_MASUK)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TUNGGU_MASUK)


def masuk(browser, alamat: str, penyedia: str, email: str, lebar: int = 1366, tinggi: int = 768):
    """A new browser (no cookie) signs in through the provider's authorization page as `email`."""
    page = browser.new_context(viewport={"width": lebar, "height": tinggi}, accept_downloads=True).new_page()
    page.goto(alamat)
    tunggu_selesai(page, page.get_by_role("button", name="Masuk"))
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{penyedia}/oauth2/authorize?**", timeout=TUNGGU_MASUK)
    page.locator("input[name='sub']").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{alamat}/**", timeout=TUNGGU_MASUK)
    return page
