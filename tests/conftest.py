"""Real databases for the tests: a SQLite file and the PostgreSQL server, a database each test starts afresh
(a copied SQLite file; on PostgreSQL a new database, or a copy of the migrated one emptied after its last test)."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import OperationalError

from ptr_core.db import buat_engine, migrasi
from ptr_core.models import Base
from tests import peramban
from tests.factory import admin_pg, buat_basis_pg, cli, hapus_basis_pg, hapus_templat, url_pg

# The modules that take longest, longest first (seconds of one xdist worker in a full run on 2 cores, December
# 2026): masuk_oidc 84, unggah 44, browser 64, halaman_browser 38, sifat 34, masukan_berbahaya 34, agregat 32,
# layar_browser 30, halaman 28, cli 20, projek 17 (mypy without its cache), beban 15, halaman_unggah 12, akses 12,
# klaim_browser 11; every other module takes under 10 s. xdist (`--no-loadscope-reorder`) hands the modules out in
# this order, so that the run ends on short modules instead of one worker finishing a long one while the other
# waits. unggah comes second so that the two workers do not both start by waiting for the demo city.
LAMA = ["test_masuk_oidc", "test_unggah", "test_browser", "test_halaman_browser", "test_sifat",
        "test_masukan_berbahaya", "test_agregat", "test_layar_browser", "test_halaman", "test_cli", "test_projek",
        "test_beban", "test_halaman_unggah", "test_akses", "test_klaim_browser"]  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long modules first (LAMA), the others after them in their usual order; a module's tests keep theirs."""
    urutan = {nama: i for i, nama in enumerate(LAMA)}
    items.sort(key=lambda item: urutan.get(item.path.stem, len(LAMA)))


def _pg_admin() -> Engine | None:
    engine = admin_pg()
    try:
        with engine.connect():
            return engine
    except OperationalError:
        if os.environ.get("CI"):
            raise
        return None


@pytest.fixture(scope="session", autouse=True)
def komponen_dipindai_sekali() -> Iterator[None]:
    """Streamlit (1.67) scans every installed package's metadata for components at each new AppTest, about 1 s
    each here; the installed packages do not change during a session, so the scan is done once per process."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # a Streamlit without components v2 scans nothing
        yield
        return
    asli = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(asli)
    yield
    manifest_scanner.scan_component_manifests = asli


@pytest.fixture(scope="session", autouse=True)
def templat_dihapus() -> Iterator[None]:
    """The small city's templates (factory.kota_kecil) do not outlive the session."""
    yield
    hapus_templat()


@pytest.fixture(autouse=True)
def kunci_lokal_sementara(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The local mode's key of a test lives in its own temporary folder, never in the project's data/."""
    monkeypatch.setenv("PTR_KUNCI_LOKAL", str(tmp_path_factory.mktemp("kunci") / "kunci-lokal"))


@pytest.fixture(scope="session")
def sqlite_termigrasi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated with the reference data once per session: each `engine` test gets a copy."""
    path = tmp_path_factory.mktemp("templat") / "ptr.db"
    e = buat_engine(f"sqlite:///{path}")
    migrasi(e)
    e.dispose()  # the last connection closing folds the WAL back into the file
    return path


@contextlib.contextmanager
def _basis_pg() -> Iterator[str]:
    """A new empty PostgreSQL database, dropped afterwards; its name."""
    nama = buat_basis_pg()
    try:
        yield nama
    finally:
        hapus_basis_pg(nama)


@pytest.fixture(scope="session")
def _pg_admin_sesi() -> Iterator[Engine]:
    admin = _pg_admin()
    if admin is None:
        pytest.skip("PostgreSQL is not reachable at PTR_TEST_DATABASE_URL (CI requires it)")
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def _pg_termigrasi(_pg_admin_sesi: Engine) -> Iterator[str]:
    """A PostgreSQL database migrated with the reference data once per session (per xdist worker): the template
    each `engine` test's database is created from. Nothing stays connected to it, as CREATE DATABASE requires."""
    with _basis_pg() as nama:
        e = buat_engine(url_pg(nama))
        migrasi(e)
        e.dispose()
        yield nama


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new database on each backend: empty, or, when the test also asks for `engine`, a copy of the
    session's migrated database (the migrations run once per session, not once per test)."""
    termigrasi = "engine" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "ptr.db"
        if termigrasi:
            shutil.copyfile(request.getfixturevalue("sqlite_termigrasi"), path)
        yield f"sqlite:///{path}"
        return
    request.getfixturevalue("_pg_admin_sesi")  # skips when the server is not reachable
    if termigrasi:
        kolam = request.getfixturevalue("_pg_kolam")
        nama = kolam.pinjam()
        try:
            yield url_pg(nama)
        finally:
            kolam.kembalikan(nama)
        return
    with _basis_pg() as nama:
        yield url_pg(nama)


class KolamPg:
    """Copies of the migrated PostgreSQL database, reused from test to test: after a test its copy is emptied
    (TRUNCATE, then the rows and sequences the migrations left put back: ~0,08 s) rather than dropped and created
    again (~0,25 s of the server's work, most of it copying the empty catalogs). A copy whose schema a test changed
    (a downgrade, a table's storage option) is dropped instead."""

    def __init__(self, templat: str) -> None:
        self.templat, self.bebas, self.semua = templat, [], []
        e = buat_engine(url_pg(templat))
        with e.connect() as conn:
            self.skema = conn.execute(text(SIDIK_SKEMA)).scalar_one()
            # The rows the migrations wrote (reference data, the data version) and where each sequence stands.
            self.isi = {
                t: rows for t in Base.metadata.sorted_tables if (rows := conn.execute(select(t)).mappings().all())
            }
            self.urutan = conn.execute(text(URUTAN)).all()
        e.dispose()  # CREATE DATABASE copies only a database nobody is connected to

    def pinjam(self) -> str:
        if self.bebas:
            return self.bebas.pop()
        nama = buat_basis_pg(self.templat)
        self.semua.append(nama)
        return nama

    def kembalikan(self, nama: str) -> None:
        with admin_pg().connect() as conn:  # whatever a test left connected (threads, other engines)
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": nama})
        e = buat_engine(url_pg(nama))
        try:
            with e.begin() as conn:
                if conn.execute(text(SIDIK_SKEMA)).scalar_one() != self.skema:
                    raise LookupError(nama)
                tabel = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
                conn.execute(text(f"TRUNCATE {tabel} RESTART IDENTITY CASCADE"))
                for t, rows in self.isi.items():
                    conn.execute(insert(t), [dict(r) for r in rows])
                for urutan, nilai in self.urutan:
                    conn.execute(text("SELECT setval(:s, :v)"), {"s": urutan, "v": nilai})
            self.bebas.append(nama)
        except LookupError:
            hapus_basis_pg(nama)
        finally:
            e.dispose()

    def tutup(self) -> None:
        for nama in self.semua:
            hapus_basis_pg(nama)


URUTAN = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL"

# What a test could change in a copy's schema besides its rows: tables, columns, constraints, indexes, sequences,
# storage options and the migration it stands at.
SIDIK_SKEMA = """SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
  SELECT c.relname::text || ':' || c.relkind::text || ':' || coalesce(array_to_string(c.reloptions, ' '), '') AS x
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
  UNION ALL SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' ||
    coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public'
  UNION ALL SELECT conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace
  UNION ALL SELECT 'versi:' || version_num FROM alembic_version
) s"""


@pytest.fixture(scope="session")
def _pg_kolam(_pg_termigrasi: str) -> Iterator[KolamPg]:
    kolam = KolamPg(_pg_termigrasi)
    yield kolam
    kolam.tutup()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated database with the shipped reference data, on each backend (at `db_url`)."""
    e = buat_engine(db_url)
    yield e
    e.dispose()


SalinDemo = Callable[[Path], str]


@pytest.fixture(scope="session")
def salin_demo(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> SalinDemo:
    """The demo city built once per session (`python -m ptr_core demo`, run in this process), shared by the xdist
    workers through their common temporary folder (the first to need it builds it while the others wait on a
    lock), and a function that copies it into a folder, for a test or module that reads or writes it; the copy's
    URL."""
    bersama = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        bersama = bersama.parent  # the session's folder, above each worker's own
    templat = bersama / "demo-templat.db"
    with open(bersama / "demo-templat.lock", "w") as kunci:
        fcntl.flock(kunci, fcntl.LOCK_EX)
        if not templat.exists():
            sementara = bersama / f"demo-{worker_id}.db"
            hasil = cli(f"sqlite:///{sementara}", "demo")
            assert hasil.returncode == 0, hasil.stdout + hasil.stderr
            sementara.rename(templat)

    def salin(folder: Path) -> str:
        shutil.copyfile(templat, folder / "ptr.db")
        return f"sqlite:///{folder / 'ptr.db'}"

    return salin


@pytest.fixture(scope="module")
def demo_url(salin_demo: SalinDemo, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the demo database for one test module."""
    return salin_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def server(salin_demo: SalinDemo, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real dashboard server on a copy of the demo data, one per xdist process for the browser test files that
    upload nothing (each opens its own tabs: Streamlit's sessions share nothing but the server's caches);
    its address. A test that writes uploads starts a server of its own."""
    folder = tmp_path_factory.mktemp("e2e")
    with peramban.server_streamlit(salin_demo(folder), folder) as alamat:
        yield alamat


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's Chromium, one per xdist process (each test file opens its own tabs or browser contexts)."""
    with peramban.chromium() as b:
        yield b
