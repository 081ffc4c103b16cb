"""Real databases for the tests: a SQLite file and the PostgreSQL server, one fresh database each."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from ptr_core.db import buat_engine, migrasi
from tests import peramban

PG_URL = os.environ.get("PTR_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_admin() -> Engine | None:
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            return engine
    except OperationalError:
        if os.environ.get("CI"):
            raise
        return None


@pytest.fixture(autouse=True)
def kunci_lokal_sementara(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The local mode's key of a test lives in its own temporary folder, never in the project's data/."""
    monkeypatch.setenv("PTR_KUNCI_LOKAL", str(tmp_path_factory.mktemp("kunci") / "kunci-lokal"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The URL of a new, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ptr.db'}"
        return
    admin = _pg_admin()
    if admin is None:
        pytest.skip("PostgreSQL is not reachable at PTR_TEST_DATABASE_URL (CI requires it)")
    nama = f"ptr_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{nama}"'))
    try:
        yield make_url(PG_URL).set(database=nama).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated database with the shipped reference data, on each backend."""
    e = buat_engine(db_url)
    migrasi(e)
    yield e
    e.dispose()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real dashboard server on the demo data (one per test module); its address."""
    from tests.factory import cli

    folder = tmp_path_factory.mktemp("e2e")
    url_db = f"sqlite:///{folder / 'ptr.db'}"
    assert cli(url_db, "demo").returncode == 0
    with peramban.server_streamlit(url_db, folder) as alamat:
        yield alamat


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Debian's Chromium (one per test module)."""
    with peramban.chromium() as b:
        yield b


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'ptr.db'}"
    from tests.factory import cli

    assert cli(url, "demo").returncode == 0
    return url
