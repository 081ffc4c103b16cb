"""Load: `python -m ptr_core.beban --sesi N [--backend sqlite|postgresql] [--basis-data URL]` (N from 1 to 50).

N ASN of the demo city sign in at the same moment through a real OpenID Connect provider on localhost
(oidc-provider-mock) and each registers a worker on Daftarkan Pekerja, in Debian's Chromium, against a real
`streamlit run dashboard.py` bound to 127.0.0.1 (nothing here reaches beyond this machine). Prints the sessions
per second and the slowest responses, and checks that exactly N registrations are pending afterwards. Needs the
development requirements (Playwright, oidc-provider-mock) and the `chromium` package.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from ptr_core.bench import basis_data_sementara
from ptr_core.db import buat_engine, migrasi
from ptr_core.demo import muat_demo
from ptr_core.models import Pengajuan
from ptr_core.pengajuan import MENUNGGU
from ptr_core.settings import load_settings

SESI_MAKS = 50  # a bound on what one machine is asked to open at once
TUNGGU_MS = 180_000


def _nik(i: int) -> str:
    """A man born 15 January 2007 with serial i: outside the demo city's birth years, so never registered."""
    return f"337401150107{i:04d}"


async def _sesi(browser, alamat: str, penyedia: str, email: str, nik: str) -> dict[str, float]:
    """One ASN: sign in, open Daftarkan Pekerja, submit a worker; the time of each step in seconds."""
    konteks = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await konteks.new_page()
    try:
        return await _langkah(page, alamat, penyedia, email, nik)
    except Exception as e:
        await page.screenshot(path=f"/tmp/beban-{nik}.png")
        raise RuntimeError(f"{email}: {str(e).splitlines()[0]} ({page.url})") from e
    finally:
        await konteks.close()


async def _langkah(page, alamat: str, penyedia: str, email: str, nik: str) -> dict[str, float]:
    from playwright.async_api import expect

    mulai = time.perf_counter()
    await page.goto(alamat)
    await page.get_by_role("button", name="Masuk").click(timeout=TUNGGU_MS)
    await page.wait_for_url(f"{penyedia}/oauth2/authorize?**", timeout=TUNGGU_MS)
    await page.locator("input[name='sub']").fill(email)
    await page.get_by_role("button", name="Authorize").click()
    await expect(page.get_by_role("heading", name="Pekerja Saya", level=1)).to_be_visible(timeout=TUNGGU_MS)
    masuk = time.perf_counter()
    await page.get_by_test_id("stSidebarNav").get_by_role("link", name="Daftarkan Pekerja").click()
    await expect(page.get_by_role("heading", name="Daftarkan Pekerja", level=1)).to_be_visible(timeout=TUNGGU_MS)
    halaman = time.perf_counter()
    await page.get_by_label("NIK pekerja (16 angka, dari KTP)").fill(nik)
    await page.get_by_label("NIK pekerja (16 angka, dari KTP)").press("Tab")
    await expect(page.get_by_text("Dari NIK: Laki-laki, lahir 15 Januari 2007.")).to_be_visible(timeout=TUNGGU_MS)
    await page.get_by_label("Nama sesuai KTP").fill("Pekerja Uji Beban")
    await page.get_by_label("Nama sesuai KTP").press("Tab")
    await page.get_by_role("combobox", name="Pekerjaan").click()
    await page.get_by_role("option", name="Penjahit").click()
    await page.get_by_role("combobox", name="Kelurahan domisili").fill("Pekunden")
    await page.get_by_role("option", name=re.compile("^Pekunden")).click()
    await page.get_by_label("Nomor telepon/WhatsApp pekerja").fill("081234567890")
    await page.get_by_label("Nomor telepon/WhatsApp pekerja").press("Tab")
    kirim = time.perf_counter()
    await page.get_by_role("button", name="Ajukan pendaftaran").click()
    await expect(page.get_by_text("Pendaftaran Pekerja Uji Beban diajukan", exact=False)).to_be_visible(
        timeout=TUNGGU_MS
    )
    selesai = time.perf_counter()
    return {"masuk": masuk - mulai, "halaman": halaman - masuk, "kirim": selesai - kirim, "total": selesai - mulai}


async def _semua(chromium: str, alamat: str, penyedia: str, email: list[str]) -> tuple[float, list]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        mulai = time.perf_counter()
        hasil = await asyncio.gather(
            *(_sesi(browser, alamat, penyedia, e, _nik(i)) for i, e in enumerate(email)), return_exceptions=True
        )
        lama = time.perf_counter() - mulai
        await browser.close()
    return lama, hasil


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far (Linux /proc)."""
    try:
        bagian = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(bagian[11]) + int(bagian[12])) / os.sysconf("SC_CLK_TCK")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def jalankan(sesi: int, backend: str, url_demo: str | None = None) -> int:
    chromium = shutil.which("chromium")
    try:
        from oidc_provider_mock import run_server_in_thread
    except ImportError:
        chromium = None
    if not chromium:
        print("Butuh Playwright, oidc-provider-mock (requirements-dev.txt) dan paket chromium.")
        return 2
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the provider's request log
    with tempfile.TemporaryDirectory() as folder, ExitStack() as tumpukan:
        if url_demo:
            url, engine = url_demo, buat_engine(url_demo)
        else:
            url, hapus = basis_data_sementara(backend, folder)
            tumpukan.callback(hapus)
            engine = buat_engine(url)
            migrasi(engine)
            print("Memuat kota contoh…", flush=True)
            muat_demo(engine, load_settings())
        try:
            with engine.connect() as conn:
                email = list(conn.scalars(text("SELECT email FROM asn WHERE aktif ORDER BY nip LIMIT :n"), {"n": sesi}))
        except DBAPIError:
            email = []
        if len(email) < sesi:
            print(f"Basis data {engine.url.render_as_string()} tidak berisi {sesi} ASN aktif kota contoh.")
            engine.dispose()
            return 2
        penyedia = tumpukan.enter_context(run_server_in_thread(port=0))
        alamat_penyedia = f"http://127.0.0.1:{penyedia.server_port}"
        port = _port()
        rahasia = Path(folder) / "secrets.toml"
        rahasia.write_text(
            f'[auth]\nredirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "rahasia-cookie-uji-beban-0123456789abcdef"\nclient_id = "ptr"\nclient_secret = "uji"\n'
            f'server_metadata_url = "{alamat_penyedia}/.well-known/openid-configuration"\n'
        )
        env = {**os.environ, "PTR_DATABASE_URL": url, "PTR_DEMO_OTOMATIS": "0"}
        proses = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1", "--secrets.files", str(rahasia)],
            cwd=Path(__file__).resolve().parent.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        tumpukan.callback(proses.wait, timeout=30)
        tumpukan.callback(proses.terminate)
        alamat = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{alamat}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)  # polling the server's health
        print(f"{sesi} sesi ASN serentak: masuk, buka Daftarkan Pekerja, ajukan satu pekerja…", flush=True)
        cpu_awal = _cpu(proses.pid)
        lama, hasil = asyncio.run(_semua(chromium, alamat, alamat_penyedia, email))
        cpu_server = _cpu(proses.pid) - cpu_awal
        berhasil = [h for h in hasil if isinstance(h, dict)]
        gagal = [h for h in hasil if not isinstance(h, dict)]
        with engine.connect() as conn:
            menunggu = conn.scalar(select(func.count()).select_from(Pengajuan).where(Pengajuan.status == MENUNGGU))
        engine.dispose()

    def detik(kunci: str) -> str:
        nilai = [h[kunci] for h in berhasil]
        if not nilai:
            return "-"
        return f"median {statistics.median(nilai):.1f} s, terlama {max(nilai):.1f} s"

    print(f"Basis data                      {engine.dialect.name}")
    print(f"Sesi berhasil                   {len(berhasil)} dari {sesi} (pengajuan tersimpan: {menunggu})")
    print(f"Waktu semua sesi                {lama:.1f} s")
    print(f"Sesi per detik                  {len(berhasil) / lama:.2f}")
    print(f"Masuk (sampai Pekerja Saya)     {detik('masuk')}")
    print(f"Buka Daftarkan Pekerja          {detik('halaman')}")
    print(f"Ajukan (klik sampai konfirmasi) {detik('kirim')}")
    print(f"Satu sesi utuh                  {detik('total')}")
    print(f"CPU server dashboard            {cpu_server:.1f} s ({cpu_server / sesi:.1f} s per sesi; "
          f"{os.cpu_count()} inti, juga dipakai Chromium)")  # fmt: skip
    for g in gagal[:3]:
        print(f"Gagal: {str(g).splitlines()[0][:200]}")
    return 0 if not gagal and menunggu == sesi else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ptr_core.beban", description=__doc__.splitlines()[0])
    parser.add_argument("--sesi", type=int, default=10, help=f"sesi ASN serentak (1-{SESI_MAKS})")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--basis-data", metavar="URL", help="basis data berisi kota contoh yang boleh ditulisi (bawaan: yang baru)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.sesi <= SESI_MAKS:
        parser.error(f"--sesi harus 1 sampai {SESI_MAKS}")
    return jalankan(args.sesi, args.backend, args.basis_data)


if __name__ == "__main__":
    sys.exit(main())
