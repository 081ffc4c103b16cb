"""Benchmark: `python -m ptr_core.bench --scale tiny|city|province [--backend sqlite|postgresql]`.

Generates a synthetic city with the demo generator, imports it through the upload pipeline, then times
everything the Ringkasan page computes from the stored summaries (cold, then warm from the per-data-version
cache), the same core figures computed by DuckDB from the rows as a reference near the hardware's limit, a
one-month payment upload with the recomputation of the summaries in it, and the peak memory of the process.
Prints a table.

One module over ~350 lines because it is one script: a single run whose steps share its temporary database and
files, and whose upload, dashboard and worst-workbook steps run this same module again in processes of their own
(`--impor`, `--dasbor`, `--xlsx`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict, TypeVar

import pandas as pd
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from ptr_core import agregat_db, berkas, tindak_lanjut
from ptr_core.akses import Akses
from ptr_core.cakupan import rincian_kecamatan, tren_cakupan
from ptr_core.dataset import Data
from ptr_core.db import buat_engine, migrasi
from ptr_core.demo import buat_demo, klaim_demo, laporan_bpjs_demo
from ptr_core.impor import Mode, impor
from ptr_core.klaim import manfaat_bulan, muat_klaim
from ptr_core.periode import IndeksBulan, dari_indeks, hari_terakhir, ke_indeks
from ptr_core.queries import aktif_per_kelurahan, muat_data, versi_data
from ptr_core.rekonsiliasi import kelas_kota, lingkup_penonton, tanggal_laporan, terkonfirmasi
from ptr_core.ringkasan import arah_target, ringkasan
from ptr_core.settings import Settings


class Skala(TypedDict):
    """The arguments of `demo.buat_demo` for a scale."""

    skala: float
    jumlah_pekerja: int
    daftar_awal: bool


SKALA: dict[str, Skala] = {
    "tiny": {"skala": 0.05, "jumlah_pekerja": 600, "daftar_awal": True},
    "city": {"skala": 1.0, "jumlah_pekerja": 60_000, "daftar_awal": True},
    "province": {"skala": 10.0, "jumlah_pekerja": 600_000, "daftar_awal": True},
}
# How the payment history arrives by default: a city's first load is one file (its whole history, as the
# programme's records are migrated once); a province's (half a gigabyte) one file per month, as BPJS sends them.
# The tiny scale goes month by month so that CI runs the recomputation from the first month a file touches.
DATASET = ("asn", "pekerja", "iuran", "cakupan", "peserta_bpjs", "klaim")  # in the order a programme loads them
IURAN_PER_BULAN = {"tiny": True, "city": False, "province": True}
# The reader's worst workbook: rows of six distinct strings, every row rejected and its problems kept for the list.
# At city scale (and above) it unpacks to just under what the reader accepts (`berkas.BATAS_XLSX_TERBUKA`).
XLSX_TERBURUK = {"tiny": 5_000, "city": 770_000, "province": 770_000}
BULAN = "2026-10"
PG_URL = os.environ.get("PTR_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _rss_mb() -> float:
    """Peak resident memory of this process. VmHWM, because ru_maxrss survives exec on Linux: a child started by
    a large process would report its parent's peak."""
    try:
        with open("/proc/self/status") as status:
            for regel in status:
                if regel.startswith("VmHWM:"):
                    return int(regel.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_T = TypeVar("_T")


def _waktu(fungsi: Callable[[], _T]) -> tuple[float, _T]:
    mulai = time.perf_counter()
    hasil = fungsi()
    return time.perf_counter() - mulai, hasil


def semua_angka_ringkasan(engine: Engine, bulan: str, settings: Settings) -> dict[str, Any]:
    """Everything the Ringkasan page shows: the month, the previous month, the target path and the trend."""
    agregat = agregat_db.muat(engine, settings)
    m = ke_indeks(bulan)
    return {
        "ringkasan": ringkasan(agregat, bulan, settings),
        "bulan_lalu": ringkasan(agregat, dari_indeks(m - 1), settings),
        "arah": arah_target(agregat, bulan, settings),
        "tren": tren_cakupan(agregat, IndeksBulan(m - 23), m),
    }


DUCKDB_SQL = """
WITH ep AS (
    SELECT *, year(tanggal_daftar) * 12 + month(tanggal_daftar) - 1 AS mulai,
           lead(year(tanggal_daftar) * 12 + month(tanggal_daftar) - 1) OVER (PARTITION BY nik ORDER BY tanggal_daftar)
               AS berikut,
           CASE WHEN tanggal_berhenti IS NULL THEN NULL
                ELSE year(tanggal_berhenti) * 12 + month(tanggal_berhenti) - 1 END AS berhenti,
           row_number() OVER () AS ep
    FROM pekerja),
batas AS (SELECT *, least($m, coalesce(berhenti, $m), coalesce(berikut - 1, $m)) AS akhir FROM ep),
panel AS (SELECT ep, nik, nip_sponsor, kode_kecamatan, tanggal_daftar, unnest(range(mulai, akhir + 1)) AS bulan
          FROM batas WHERE akhir >= mulai),
bayar AS (SELECT nik, CAST(substr(periode, 1, 4) AS INT) * 12 + CAST(substr(periode, 6, 2) AS INT) - 1 AS bulan,
                 sum(jumlah) AS dibayar FROM iuran GROUP BY ALL),
p AS (SELECT panel.*, coalesce(dibayar, 0) AS dibayar, coalesce(dibayar, 0) >= $rate AS lunas
      FROM panel LEFT JOIN bayar USING (nik, bulan)),
r AS (SELECT *, sum(lunas::INT) OVER (PARTITION BY ep ORDER BY bulan) AS putaran FROM p),
c AS (SELECT *, sum((NOT lunas)::INT) OVER (PARTITION BY ep, putaran ORDER BY bulan) AS beruntun FROM r),
s AS (SELECT *, CASE WHEN max((beruntun >= $lapse)::INT) OVER (PARTITION BY ep ORDER BY bulan) = 1 THEN 'nonaktif'
                     WHEN lunas THEN 'aktif' ELSE 'menunggak' END AS status FROM c)
SELECT
    (SELECT count(*) FILTER (WHERE status = 'aktif') FROM s WHERE bulan = $m) AS aktif,
    (SELECT count(*) FILTER (WHERE status = 'menunggak') FROM s WHERE bulan = $m) AS menunggak,
    (SELECT count(*) FILTER (WHERE status = 'nonaktif') FROM s WHERE bulan = $m) AS nonaktif,
    (SELECT coalesce(sum($rate - dibayar), 0) FROM s WHERE status = 'menunggak') AS tunggakan,
    (SELECT count(DISTINCT nip_sponsor) FROM s JOIN asn ON asn.nip = s.nip_sponsor
     WHERE bulan = $m AND s.status = 'aktif' AND asn.aktif) AS asn_berpartisipasi,
    (SELECT sum(jumlah) FROM iuran WHERE periode = $periode) AS iuran_bulan
"""


def referensi_duckdb(data: Data, bulan: str, settings: Settings) -> dict[str, Any]:
    """The core figures (statuses, arrears, participation, paid) computed by DuckDB over the same frames."""
    import duckdb

    con = duckdb.connect()
    for nama in ("pekerja", "iuran", "asn"):
        con.register(nama, getattr(data, nama))
    parameter = {"m": ke_indeks(bulan), "rate": settings.iuran_bulanan, "lapse": settings.bulan_sampai_nonaktif,
                 "periode": bulan}  # fmt: skip
    baris = con.execute(DUCKDB_SQL, parameter).fetchone()
    if baris is None:
        raise RuntimeError("DuckDB returned no row for the reference figures.")
    kolom = ["aktif", "menunggak", "nonaktif", "tunggakan", "asn_berpartisipasi", "iuran_bulan"]
    return dict(zip(kolom, [int(x or 0) for x in baris]))


def basis_data_sementara(backend: str, folder: str) -> tuple[str, Callable[[], None]]:
    if backend == "sqlite":
        return f"sqlite:///{folder}/bench.db", lambda: None
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    nama = f"ptr_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{nama}"'))

    def hapus() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)'))

    return make_url(PG_URL).set(database=nama).render_as_string(hide_password=False), hapus


def _iuran_bulan_berikut(data: Data) -> pd.DataFrame:
    """One month of payments (November 2026) for every enrolled worker, as the next BPJS file would bring."""
    nik = data.pekerja["nik"].drop_duplicates()
    return pd.DataFrame({"nik": nik, "periode": "2026-11", "jumlah": 16_800, "tanggal_bayar": "2026-11-05"})


def _satu_dari_seribu_rusak(iuran: pd.DataFrame) -> pd.DataFrame:
    """The payments with every 1.000th row's payment date impossible (31 February), as a typo would make it."""
    rusak = iuran.astype({"tanggal_bayar": str}).copy()
    rusak.iloc[::1000, rusak.columns.get_loc("tanggal_bayar")] = "2025-02-31"
    return rusak


class _Tabel(list[tuple[str, str]]):
    """The table's rows, each printed as soon as it is measured (a province run takes half an hour)."""

    def append(self, baris: tuple[str, str]) -> None:
        super().append(baris)
        print(f"{baris[0]:<58}  {baris[1]}", flush=True)


def jalankan(skala: str, backend: str, per_bulan: bool) -> list[tuple[str, str]]:
    settings = Settings()
    baris = _Tabel()
    baris.append(("skala / backend", f"{skala} / {backend}"))
    with tempfile.TemporaryDirectory() as folder:
        url, hapus = basis_data_sementara(backend, folder)
        try:
            engine = buat_engine(url)
            migrasi(engine)
            detik, berkas = _waktu(lambda: buat_demo(**SKALA[skala]))
            berkas = {**berkas, "peserta_bpjs": laporan_bpjs_demo(berkas), "klaim": klaim_demo(berkas)}
            baris.append(("generate synthetic data", f"{detik:.1f} s"))
            for nama in DATASET:
                frame = berkas[nama]
                bagian = (
                    [g for _, g in frame.groupby(frame["tanggal_bayar"].astype(str).str.slice(0, 7))]
                    if nama == "iuran" and per_bulan
                    else [frame]
                )
                for i, potong in enumerate(bagian):
                    (Path(folder) / f"{nama}-{i:03d}.csv").write_bytes(potong.to_csv(index=False).encode())
            # The cost of errors: the whole payment history checked again, clean and with one row in 1.000 bad.
            rusak = _satu_dari_seribu_rusak(berkas["iuran"])
            # Windows line ends: the same rows in other bytes than the imported file, which would be skipped unread.
            for nama, frame in (("bersih", berkas["iuran"]), ("rusak", rusak)):
                isi = frame.to_csv(index=False, lineterminator="\r\n").encode()
                (Path(folder) / f"cek-{nama}.csv").write_bytes(isi)
            del berkas, rusak, isi
            # The files are imported by a process of its own, as a server doing uploads would: its peak memory
            # is an upload's, not the generator's.
            impor_proses = _subproses("--impor", url, "--folder", folder)
            total_impor = 0.0
            for nama in DATASET:
                d = impor_proses["dataset"][nama]
                total_impor += d["detik"]
                laju = d["baris"] / max(d["detik"], 1e-9)
                keterangan = f"{d['baris']:,} rows in {d['berkas']} file(s), {d['detik']:.1f} s, {laju:,.0f} rows/s"
                baris.append((f"import {nama}", f"{keterangan}, rejected {d['ditolak']}"))
            baris.append(("import total", f"{total_impor:.1f} s"))
            baris.append(("upload process: peak memory (RSS)", f"{impor_proses['rss']:,.0f} MB"))

            dingin, angka = _waktu(lambda: semua_angka_ringkasan(engine, BULAN, settings))
            baris.append(("Ringkasan cold (read + compute)", f"{dingin * 1000:,.0f} ms"))
            cache: dict[tuple[str, str], Any] = {(versi_data(engine), BULAN): angka}
            hangat, _ = _waktu(lambda: cache[(versi_data(engine), BULAN)])
            baris.append(("Ringkasan warm (cache by data version)", f"{hangat * 1000:,.1f} ms"))
            baca, data = _waktu(lambda: muat_data(engine))
            baris.append(("reading all rows into frames (DuckDB's input)", f"{baca * 1000:,.0f} ms"))
            duck, ref = _waktu(functools.partial(referensi_duckdb, data, BULAN, settings))
            baris.append(("DuckDB reference (core figures, same frames)", f"{duck * 1000:,.0f} ms"))
            baris.append(("cold / DuckDB ratio", f"{dingin / duck:.1f}x"))
            r = angka["ringkasan"]
            sama = (ref["aktif"], ref["menunggak"], ref["nonaktif"], ref["tunggakan"], ref["asn_berpartisipasi"]) == (
                r["pekerja_program_aktif"], r["pekerja_program_menunggak"], r["pekerja_program_nonaktif"],
                r["tunggakan"], r["asn_berpartisipasi"],
            )  # fmt: skip
            baris.append(("DuckDB figures equal ptr_core's", "yes" if sama else f"NO: {ref}"))

            waktu_cek = {}
            for jenis in ("bersih", "rusak"):
                isi = (Path(folder) / f"cek-{jenis}.csv").read_bytes()
                waktu_cek[jenis], h = _waktu(
                    functools.partial(
                        impor, engine, "iuran", isi, "cek.csv", "bench", mode=Mode.PERIKSA, settings=settings
                    )
                )
                assert not h.sudah_pernah, "the check must read the file"
                waktu_cek[f"{jenis}_masalah"], waktu_cek["baris"] = len(h.masalah), h.jumlah_baris
            bersih = f"{waktu_cek['bersih']:.1f} s"
            baris.append((f"check {waktu_cek['baris']:,} payments again (dry run), clean", bersih))
            baris.append((
                "... with one row in 1.000 bad",
                f"{waktu_cek['rusak']:.1f} s, {waktu_cek['rusak_masalah']:,} problems, "
                f"{waktu_cek['rusak'] / max(waktu_cek['bersih'], 1e-9):.2f}x the clean file",
            ))  # fmt: skip
            bulan_baru = _iuran_bulan_berikut(data).to_csv(index=False).encode()
            del data  # the rows are not needed any more: peak memory is the dashboard's
            unggah, _ = _waktu(
                lambda: impor(engine, "iuran", bulan_baru, "iuran-2026-11.csv", "bench", settings=settings)
            )
            baris.append(("upload one month of payments (incl. summaries)", f"{unggah:.1f} s"))
            with engine.begin() as conn:
                ulang, _ = _waktu(lambda: agregat_db.perbarui(conn, settings))
            baris.append(("full recomputation of the summaries (any other upload)", f"{ulang:.1f} s"))
            ulang, _ = _waktu(lambda: semua_angka_ringkasan(engine, "2026-11", settings))
            baris.append(("Ringkasan cold after it", f"{ulang * 1000:,.0f} ms"))
            # A dashboard server only reads the summaries: its memory, measured in a process of its own.
            dasbor = _subproses("--dasbor", url, "--bulan", "2026-11")
            baris.append(("dashboard process: Ringkasan cold", f"{dasbor['ms']:,.0f} ms"))
            baris.append(("dashboard process: peak memory (RSS)", f"{dasbor['rss']:,.0f} MB"))
            rinci = f"{dasbor['rinci_ms']:,.0f} ms, {dasbor['rinci_baris']:,} rows shown"
            baris.append((f"dashboard process: largest OPD's first pages ({dasbor['opd']})", rinci))
            baris.append(("dashboard process: peak memory after them", f"{dasbor['rinci_rss']:,.0f} MB"))
            baris.append((f"dashboard process: kecamatan page's charts ({dasbor['kecamatan']})",
                          f"{dasbor['kecamatan_ms']:,.0f} ms"))  # fmt: skip
            unduh = f"{dasbor['unduh_ms']:,.0f} ms, {dasbor['unduh_baris']:,} rows"
            baris.append(("dashboard process: its whole follow-up download", unduh))
            baris.append(("dashboard process: peak memory after it", f"{dasbor['unduh_rss']:,.0f} MB"))
            if "terkonfirmasi_ms" in dasbor:
                baris.append(("dashboard process: the city's reconciliation classes (kelas_kota, cold)",
                              f"{dasbor['terkonfirmasi_ms']:,.0f} ms"))  # fmt: skip
                baris.append(("dashboard process: from them, Terkonfirmasi BPJS and a viewer's Rekonsiliasi page",
                              f"{dasbor['rekonsiliasi_ms']:,.0f} ms"))  # fmt: skip
            baris.append(("dashboard process: claims and their month (manfaat)", f"{dasbor['manfaat_ms']:,.0f} ms"))
            baris.append(("dashboard process: peak memory after them", f"{dasbor['rekonsiliasi_rss']:,.0f} MB"))
            xlsx = str(Path(folder) / "terburuk.xlsx")
            _xlsx_terburuk(xlsx, XLSX_TERBURUK[skala])
            terburuk = _subproses("--xlsx", url, "--folder", xlsx)
            baris.append((
                f"worst XLSX checked (dry run): {terburuk['baris']:,} rows x 6 distinct strings, "
                f"{terburuk['mb']:,.0f} MB unpacked, every row rejected",
                f"{terburuk['detik']:.1f} s, peak memory {terburuk['rss']:,.0f} MB (target < 1 GB)",
            ))  # fmt: skip
            for nama, nilai in waktu_halaman(url, Path(folder)):
                baris.append((nama, nilai))
            baris.append(("benchmark process: peak memory (generation, DuckDB)", f"{_rss_mb():,.0f} MB"))
            engine.dispose()
        finally:
            hapus()
    return baris


# A page has run to its end and is drawn: Streamlit idle, a title, nothing stale or loading, the fonts in, every
# chart drawn. The browser tests wait for the same state (tests/peramban.py).
HALAMAN_SIAP = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (app?.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!app.querySelector('h1, .layar-kepala')) return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  if (document.fonts.status !== 'loaded') return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every((c) => c.querySelector('svg.main-svg'));
}"""
# After a click on a sidebar link: the title is no longer the one saved in window.__judul, and the page is drawn.
HALAMAN_BERGANTI = f"() => document.querySelector('h1')?.innerText !== window.__judul && ({HALAMAN_SIAP})()"
TUNGGU_HALAMAN_MS = 600_000
HALAMAN_SIDEBAR = ["OPD", "Kecamatan", "Iuran", "Target & simulasi", "Unggah Data", "Riwayat Unggahan",
                   "Rekonsiliasi BPJS", "Manfaat program", "Metodologi", "Ringkasan"]  # fmt: skip


def waktu_halaman(url: str, folder: Path) -> list[tuple[str, str]]:
    """Every page as a person meets it: a real `streamlit run dashboard.py` on the database and Debian's Chromium
    at 1366x768; the time from a click on the page's link in the sidebar until Streamlit is idle with the page
    drawn, first visit (the server's caches cold) and second. Skipped when Playwright or Chromium is missing."""
    import shutil
    import socket
    import urllib.request

    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if not chromium:
        return [("browser: page times", "skipped (Playwright or Debian's chromium not installed)")]
    from ptr_core.akses import kunci_lokal

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PTR_DATABASE_URL": url, "PTR_KUNCI_LOKAL": str(folder / "kunci"), "PTR_DEMO_OTOMATIS": "0"}
    proses = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port), "--server.headless",
         "true", "--server.address", "127.0.0.1"],
        cwd=Path(__file__).resolve().parent.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    alamat, hasil = f"http://127.0.0.1:{port}", []
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{alamat}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            mulai = time.perf_counter()
            page.goto(f"{alamat}/?kunci={kunci_lokal(folder / 'kunci')}")
            page.wait_for_function(HALAMAN_SIAP, timeout=TUNGGU_HALAMAN_MS)
            hasil.append(
                ("browser: first load of the dashboard (Ringkasan)", f"{(time.perf_counter() - mulai) * 1000:,.0f} ms")
            )
            waktu: dict[str, list[float]] = {}
            for _ in range(2):
                for nama in HALAMAN_SIDEBAR:
                    page.evaluate("() => { window.__judul = document.querySelector('h1')?.innerText; }")
                    mulai = time.perf_counter()
                    page.get_by_test_id("stSidebarNav").get_by_role("link", name=nama, exact=True).click()
                    page.wait_for_function(HALAMAN_BERGANTI, timeout=TUNGGU_HALAMAN_MS)
                    waktu.setdefault(nama, []).append((time.perf_counter() - mulai) * 1000)
            browser.close()
        for nama, (pertama, kedua) in waktu.items():
            hasil.append((f"browser: {nama} (click until drawn; 1st / 2nd visit)", f"{pertama:,.0f} / {kedua:,.0f} ms"))
    finally:
        proses.terminate()
        proses.wait(timeout=30)
    return hasil


def _subproses(*argumen: str) -> dict[str, Any]:
    """Run a step of the benchmark in a process of its own; its last line of output is its JSON result."""
    keluaran = subprocess.run([sys.executable, "-m", "ptr_core.bench", *argumen], capture_output=True, text=True)
    if keluaran.returncode:
        raise SystemExit(f"{argumen[0]} failed:\n{keluaran.stderr or keluaran.stdout}")
    return json.loads(keluaran.stdout.splitlines()[-1])


def _impor_berkas(engine: Engine, folder: str, settings: Settings) -> dict[str, Any]:
    """Import the files the benchmark wrote, dataset by dataset, each dataset's files in order: per dataset its
    rows, files, seconds and rejected rows; and this process's peak memory."""
    # A province's enrolment file is larger than the upload page's limit; the benchmark lifts it.
    berkas.BATAS_BYTE = 2 * 1024**3
    hasil = {}
    for nama in DATASET:
        d = {"baris": 0, "berkas": 0, "detik": 0.0, "ditolak": 0}
        for path in sorted(Path(folder).glob(f"{nama}-*.csv")):
            isi = path.read_bytes()
            lama, h = _waktu(functools.partial(impor, engine, nama, isi, path.name, "bench", settings=settings))
            if h.masalah and not (h.baru or h.diubah):
                raise SystemExit(f"import {path.name} failed: {h.masalah[0].pesan}")
            d = {"baris": d["baris"] + h.jumlah_baris, "berkas": d["berkas"] + 1, "detik": d["detik"] + lama,
                 "ditolak": d["ditolak"] + h.ditolak}  # fmt: skip
        hasil[nama] = d
    return {"dataset": hasil, "rss": _rss_mb()}


def _dasbor(engine: Engine, bulan: str, settings: Settings) -> dict[str, Any]:
    """A dashboard server's cold Ringkasan; then the largest OPD's page as it opens (the
    first page of its ASN, of its workers and of its sponsors behind on payment); the charts of the kecamatan
    with the most active workers; then that OPD's whole follow-up download; with the peak memory after each."""
    detik, _ = _waktu(lambda: semua_angka_ringkasan(engine, bulan, settings))
    hasil = {"ms": detik * 1000, "rss": _rss_mb()}
    asn_opd = agregat_db.muat(engine, settings).asn_opd
    kode = asn_opd.sort_values("asn_total").iloc[-1]["kode_opd"]
    siapa, m = Akses("bench", "admin"), ke_indeks(bulan)

    def halaman_pertama() -> int:
        halaman = (
            tindak_lanjut.halaman_asn_opd(engine, siapa, kode, m),
            tindak_lanjut.halaman_pekerja_opd(engine, siapa, kode, m, settings),
            tindak_lanjut.halaman_tunggakan_sponsor(engine, siapa, kode, m, settings),
        )
        return sum(len(h.baris) for h in halaman)

    detik, baris = _waktu(halaman_pertama)
    hasil = {**hasil, "opd": kode, "rinci_ms": detik * 1000, "rinci_baris": baris, "rinci_rss": _rss_mb()}
    ik = agregat_db.muat(engine, settings)
    kec = ik.bulan(m).groupby("kode_kecamatan")["aktif"].sum().idxmax()
    detik, _ = _waktu(lambda: rincian_kecamatan(ik, aktif_per_kelurahan(engine, kec), m, kec))
    hasil = {**hasil, "kecamatan": kec, "kecamatan_ms": detik * 1000}
    detik, lembar = _waktu(lambda: tindak_lanjut.tindak_lanjut_opd(engine, siapa, kode, m, settings))
    baris = sum(len(f) for f in lembar.values())
    hasil = {**hasil, "unduh_ms": detik * 1000, "unduh_baris": baris, "unduh_rss": _rss_mb()}
    # Issue 18's figures, computed from the rows when first asked for after a change (then cached per version and
    # report): the city's classes once, then each figure and each viewer's view from them, as ui.data does.
    tanggal = tanggal_laporan(engine, hari_terakhir(bulan))
    if tanggal is not None:
        detik, (bulan_laporan, kelas) = _waktu(lambda: kelas_kota(engine, settings, tanggal))
        hasil["terkonfirmasi_ms"] = detik * 1000
        detik, _ = _waktu(lambda: (terkonfirmasi(bulan_laporan, kelas), lingkup_penonton(engine, kelas, siapa)))
        hasil["rekonsiliasi_ms"] = detik * 1000
    detik, _ = _waktu(lambda: manfaat_bulan(muat_klaim(engine), ik.bulanan, m))
    return {**hasil, "manfaat_ms": detik * 1000, "rekonsiliasi_rss": _rss_mb()}


def _xlsx_terburuk(path: str, jumlah: int) -> None:
    """The reader's worst workbook (`XLSX_TERBURUK`): a payments sheet whose every cell is a distinct string that
    no column accepts."""
    from openpyxl import Workbook

    buku = Workbook(write_only=True)
    lembar = buku.create_sheet("Iuran")
    lembar.append(["nik", "periode", "jumlah", "tanggal_bayar", "nama", "catatan"])
    for i in range(jumlah):
        lembar.append([f"NIK-{i:012d}", f"bulan ke-{i}", f"Rp{i},50", f"tanggal {i}", f"Nama {i}", f"catatan {i}"])
    buku.save(path)


def _cek_xlsx(engine: Engine, path: str, settings: Settings) -> dict[str, Any]:
    """The worst workbook checked as a dry run by a process of its own, as the upload page does: its time, rows,
    unpacked size and this process's peak memory."""
    import zipfile

    berkas.BATAS_BYTE = 2 * 1024**3  # its zip may be larger than the page takes; the bound that matters is unpacked
    isi = Path(path).read_bytes()
    with zipfile.ZipFile(path) as arsip:
        mb = sum(i.file_size for i in arsip.infolist()) / 1024**2
    detik, h = _waktu(
        lambda: impor(engine, "iuran", isi, "terburuk.xlsx", "bench", mode=Mode.PERIKSA, settings=settings)
    )
    if h.jumlah_baris == 0:
        raise SystemExit(f"the worst workbook was not read: {h.masalah[:1]}")
    return {"detik": detik, "baris": h.jumlah_baris, "mb": mb, "rss": _rss_mb()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ptr_core.bench")
    parser.add_argument("--scale", choices=sorted(SKALA), default="tiny")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default=None)
    parser.add_argument(
        "--iuran", choices=["satu-file", "per-bulan"], default=None,
        help="payments as one file or one file per month of payment (default: per-bulan except at city scale)",
    )  # fmt: skip
    parser.add_argument("--dasbor", help=argparse.SUPPRESS)  # internal: a dashboard's cold read of URL
    parser.add_argument("--impor", help=argparse.SUPPRESS)  # internal: an upload process importing into URL
    parser.add_argument("--folder", help=argparse.SUPPRESS)  # internal: ... the files of this folder
    parser.add_argument("--xlsx", help=argparse.SUPPRESS)  # internal: the worst workbook (--folder) checked on URL
    parser.add_argument("--bulan", default=BULAN, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.impor:
        print(json.dumps(_impor_berkas(buat_engine(args.impor), args.folder, Settings())))
        return 0
    if args.xlsx:
        print(json.dumps(_cek_xlsx(buat_engine(args.xlsx), args.folder, Settings())))
        return 0
    if args.dasbor:
        print(json.dumps(_dasbor(buat_engine(args.dasbor), args.bulan, Settings())))
        return 0
    backend = args.backend or ("postgresql" if args.scale == "province" else "sqlite")
    print(f"ptr_core benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores", flush=True)
    per_bulan = IURAN_PER_BULAN[args.scale] if args.iuran is None else args.iuran == "per-bulan"
    jalankan(args.scale, backend, per_bulan)
    return 0


if __name__ == "__main__":
    sys.exit(main())
