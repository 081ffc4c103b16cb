"""The one factory for test worlds: small frames written by hand, so each answer can be worked out."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import json
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

from ptr_core.agregat import Agregat, agregat_dari_baris
from ptr_core.cli import main
from ptr_core.dataset import Data, buat_data
from ptr_core.impor import impor
from ptr_core.keanggotaan import panel_status
from ptr_core.models import Base
from ptr_core.periode import ke_indeks
from ptr_core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("PTR_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SETTINGS = Settings()
RATE = SETTINGS.iuran_bulanan
NIP_A = "198001012005011001"
NIP_B = "198502022010012002"
NIP_C = "199003032015031003"
KEC_1, KEC_2 = "33.74.01", "33.74.02"


def nik(n: int) -> str:
    """A structurally valid NIK (born 1 Jan 1990) with serial n."""
    return f"337401010190{n:04d}"


def pekerja(
    n: int,
    sponsor: str = NIP_A,
    daftar: str = "2025-01-10",
    berhenti: str | None = None,
    kec: str = KEC_1,
    pekerjaan: str = "Pedagang kaki lima",
) -> dict:
    return {
        "nik": nik(n),
        "nama": f"Pekerja {n}",
        "jenis_kelamin": "L",
        "pekerjaan": pekerjaan,
        "kode_kelurahan": f"{kec}.1001",
        "nama_kelurahan": f"Kelurahan {kec[-2:]}01",
        "kode_kecamatan": kec,
        "nomor_kpj": "",
        "nip_sponsor": sponsor,
        "tanggal_daftar": daftar,
        "tanggal_berhenti": berhenti,
    }


def bayar(n: int, periode: str, jumlah: int = RATE, tanggal: str | None = None) -> dict:
    return {"nik": nik(n), "periode": periode, "jumlah": jumlah, "tanggal_bayar": tanggal or f"{periode}-05"}


def bayar_rentang(n: int, dari: str, sampai: str) -> list[dict]:
    """Full payments for every month from `dari` to `sampai`, each paid in its own month."""
    return [bayar(n, p.strftime("%Y-%m")) for p in pd.period_range(dari, sampai, freq="M")]


def asn(nip: str, opd: str = "DINSOS", aktif: bool = True) -> dict:
    return {"nip": nip, "nama": f"ASN {nip[-3:]}", "kode_opd": opd, "status": "PNS", "aktif": aktif}


def snapshot(tanggal: str, kec: str, informal: int, peserta: int) -> dict:
    return {
        "tanggal_data": tanggal,
        "kode_kecamatan": kec,
        "pekerja_informal": informal,
        "peserta_aktif": peserta,
    }


KECAMATAN = [
    {"kode_kecamatan": KEC_1, "nama_kecamatan": "Semarang Tengah"},
    {"kode_kecamatan": KEC_2, "nama_kecamatan": "Semarang Utara"},
]
OPD = [
    {"kode_opd": "DINSOS", "nama_opd": "Dinas Sosial", "jenis": "dinas", "kode_kecamatan": None},
    {"kode_opd": "DISNAKER", "nama_opd": "Dinas Tenaga Kerja", "jenis": "dinas", "kode_kecamatan": None},
    {
        "kode_opd": "KEC-01",
        "nama_opd": "Kecamatan Semarang Tengah",
        "jenis": "kecamatan",
        "kode_kecamatan": KEC_1,
    },
]


def dunia(
    pekerja: list[dict] = (),
    iuran: list[dict] = (),
    asn: list[dict] = (),
    cakupan: list[dict] = (),
    target: list[dict] = (),
) -> Data:
    frames: dict[str, pd.DataFrame] = {
        "kecamatan": pd.DataFrame(KECAMATAN),
        "opd": pd.DataFrame(OPD),
    }
    if pekerja:
        p = pd.DataFrame(list(pekerja))
        p["tanggal_daftar"] = pd.to_datetime(p["tanggal_daftar"])
        p["tanggal_berhenti"] = pd.to_datetime(p["tanggal_berhenti"])
        frames["pekerja"] = p
    if iuran:
        i = pd.DataFrame(list(iuran))
        i["tanggal_bayar"] = pd.to_datetime(i["tanggal_bayar"])
        frames["iuran"] = i
    if asn:
        frames["asn"] = pd.DataFrame(list(asn))
    if cakupan:
        c = pd.DataFrame(list(cakupan))
        c["tanggal_data"] = pd.to_datetime(c["tanggal_data"])
        frames["cakupan"] = c
    if target:
        frames["target"] = pd.DataFrame(list(target))
    return buat_data(**frames)


def panel(data: Data, sampai: str, settings: Settings = SETTINGS) -> pd.DataFrame:
    return panel_status(data.pekerja, data.iuran, ke_indeks(sampai), settings)


def agregat(data: Data, sampai: str, settings: Settings = SETTINGS) -> Agregat:
    """The summaries the pages read, computed from the rows with statuses up to `sampai`."""
    return agregat_dari_baris(data, settings, ke_indeks(sampai))


def status_di(data: Data, bulan: str, n: int, settings: Settings = SETTINGS) -> str | None:
    """The status of worker n in a month, or None when not in the programme that month."""
    p = panel(data, bulan, settings)
    baris = p[(p["bulan"] == ke_indeks(bulan)) & (p["nik"] == nik(n))]
    return None if baris.empty else baris["status"].iloc[0]


# --- the small city: four files written by hand, as staff upload them (the figures of test_cli's hand-computed
# cases). A..D are ASN, W[n] workers.
A, B, C, D = "198001012005011001", "198502022010012002", "199003032015031003", "197812122003121001"
W = {n: f"337401010190000{n}" for n in range(1, 5)}

FILES = {
    "cakupan": "tanggal_data,kode_kecamatan,pekerja_informal,peserta_aktif\n"
    "2024-12-31,33.74.01,1000,100\n2024-12-31,33.74.02,500,50\n2025-02-28,33.74.01,1000,110\n",
    "asn": f"nip,nama,kode_opd,status\n{A},Ani,DINSOS,PNS\n{B},Budi,DINSOS,PNS\n{C},Citra,DINSOS,PPPK\n"
    f"{D},Dedi,DISNAKER,PNS\n",
    "pekerja": "nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,nomor_kpj,nip_sponsor,tanggal_daftar,"
    "tanggal_berhenti\n"
    f"{W[1]},Wati,P,Pedagang,33.74.01.1001,,{A},2025-01-10,\n"
    f"{W[2]},Warno,L,Ojek,33.74.02.1001,,{A},2025-03-05,\n"
    f"{W[3]},Wiwik,P,Penjahit,33.74.01.1002,,{B},2025-01-15,\n"
    f"{W[4]},Wawan,L,Buruh,33.74.01.1001,,{D},2025-03-20,\n",
    "iuran": "nik,periode,jumlah,tanggal_bayar\n"
    f"{W[1]},2025-01,16800,2025-01-10\n{W[1]},2025-02,16800,2025-01-10\n{W[1]},2025-03,16800,2025-01-10\n"
    f"{W[2]},2025-03,16800,2025-03-06\n{W[3]},2025-01,16800,2025-01-20\n{W[4]},2025-03,10000,2025-03-25\n",
}


def kota_kecil(engine: Engine, hari_ini: dt.date | None = None, settings: Settings = SETTINGS) -> int:
    """The small city uploaded file by file (its summaries computed with `settings`) into a fresh migrated
    database; the last upload's id. The four uploads run once per process for each backend, date and settings
    (0,3-0,6 s); every other fresh database gets a copy of that result (milliseconds). A database that is not fresh
    gets the uploads themselves."""
    kunci, isi = (engine.dialect.name, hari_ini, settings), _isi(engine)
    segar = isi == _KOSONG.setdefault(engine.dialect.name, isi)  # the first database asked for is a fresh one
    if segar and kunci in _KOTA_KECIL:
        templat, uid = _KOTA_KECIL[kunci]
        _salin_basis_data(engine, templat)
        return uid
    uid = 0
    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        uid = impor(engine, nama, FILES[nama].encode(), f"{nama}.csv", hari_ini=hari_ini, settings=settings).unggahan_id
        assert uid
    if segar:
        _KOTA_KECIL[kunci] = (_simpan_templat(engine), uid)
    return uid


_KOTA_KECIL: dict[tuple, tuple[str, int]] = {}  # (backend, hari_ini, settings) -> (its template, last upload id)
_KOSONG: dict[str, dict[str, int]] = {}  # each backend's fresh migrated database: its rows per table


def _isi(engine: Engine) -> dict[str, int]:
    """The rows of each table: a fresh database is told from one a test has already written to."""
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in Base.metadata.sorted_tables
        }


@functools.cache
def admin_pg() -> Engine:
    """An AUTOCOMMIT engine on the test server (PTR_TEST_DATABASE_URL), that creates and drops the databases."""
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


def url_pg(nama: str) -> str:
    """The URL of the test server's PostgreSQL database `nama`."""
    return make_url(PG_URL).set(database=nama).render_as_string(hide_password=False)


def buat_basis_pg(templat: str | None = None, nama: str | None = None) -> str:
    """A new PostgreSQL database (empty, or a copy of `templat`, which nobody may be connected to); its name."""
    nama = nama or f"ptr_test_{uuid.uuid4().hex[:12]}"
    salinan = f' TEMPLATE "{templat}"' if templat else ""
    with admin_pg().connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{nama}"{salinan}'))
    return nama


def hapus_basis_pg(nama: str) -> None:
    with admin_pg().connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)'))


def _simpan_templat(engine: Engine) -> str:
    """A copy of the engine's database, kept until the process ends (`hapus_templat`): a file or a database."""
    engine.dispose()  # SQLite folds its WAL back into the file; PostgreSQL copies only a database nobody is on
    if engine.dialect.name == "sqlite":
        tujuan = Path(tempfile.mkdtemp(prefix="kota-kecil-")) / "ptr.db"
        shutil.copyfile(str(engine.url.database), tujuan)
        return str(tujuan)
    return buat_basis_pg(str(engine.url.database))


def _salin_basis_data(engine: Engine, templat: str) -> None:
    """The engine's database replaced by a copy of `templat`; the engine's next connection opens the copy."""
    engine.dispose()
    if engine.dialect.name == "sqlite":
        for akhiran in ("-wal", "-shm"):
            Path(f"{engine.url.database}{akhiran}").unlink(missing_ok=True)
        shutil.copyfile(templat, str(engine.url.database))
        return
    hapus_basis_pg(str(engine.url.database))
    buat_basis_pg(templat, str(engine.url.database))


def hapus_templat() -> None:
    """The small city's templates removed (conftest calls it as the session ends)."""
    for (backend, *_), (templat, _) in _KOTA_KECIL.items():
        if backend == "sqlite":
            shutil.rmtree(Path(templat).parent, ignore_errors=True)
            continue
        hapus_basis_pg(templat)
    _KOTA_KECIL.clear()


def cli(db_url: str, *args: str) -> subprocess.CompletedProcess:
    """`python -m ptr_core ARGS` on a database, run in this process (a new interpreter costs 2-3 s a call); its
    exit code and output as a finished process's. `test_cli.test_the_module_runs_as_a_program...` runs the real one."""
    keluar, galat, lama = io.StringIO(), io.StringIO(), os.environ.get("PTR_DATABASE_URL")
    os.environ["PTR_DATABASE_URL"] = db_url
    try:
        with contextlib.redirect_stdout(keluar), contextlib.redirect_stderr(galat):
            try:
                kode = main(list(args))
            except SystemExit as e:  # argparse's usage errors and --help
                kode = e.code if isinstance(e.code, int) else 2
    finally:
        if lama is None:
            os.environ.pop("PTR_DATABASE_URL")
        else:
            os.environ["PTR_DATABASE_URL"] = lama
    return subprocess.CompletedProcess(["python", "-m", "ptr_core", *args], kode, keluar.getvalue(), galat.getvalue())


def kotak(x: float, props: dict) -> dict:
    """A square GeoJSON feature near Semarang with the given properties."""
    cincin = [[x, -7.0], [x + 0.1, -7.0], [x + 0.1, -6.9], [x, -6.9], [x, -7.0]]
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [cincin]}}


def geojson(*fitur: dict) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(fitur)}).encode()
