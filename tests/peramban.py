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

import pytest

from ptr_core.akses import kunci_lokal
from ptr_core.bench import HALAMAN_SIAP

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
