"""The PostgreSQL test databases are reused only when they are as the migrations left them (conftest.KolamPg): a
test's rows are emptied and the migrations' rows and sequences put back; a copy whose schema a test changed is
dropped, so that no later test runs on it."""

from __future__ import annotations

from sqlalchemy import text

from ptr_core.db import buat_engine
from tests.factory import admin_pg, url_pg


def _ada(nama: str) -> bool:
    with admin_pg().connect() as conn:
        return conn.scalar(text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": nama}) == 1


def test_a_returned_database_comes_back_as_migrated_and_one_whose_schema_changed_is_dropped(_pg_kolam):
    nama = _pg_kolam.pinjam()
    e = buat_engine(url_pg(nama))
    with e.begin() as conn:
        sebelum = conn.execute(text("SELECT count(*), min(nama_opd) FROM opd")).one()
        conn.execute(text("UPDATE opd SET nama_opd = 'DIUBAH UJI'"))
        conn.execute(text("DELETE FROM kelurahan"))
    e.dispose()
    _pg_kolam.kembalikan(nama)
    assert nama in _pg_kolam.bebas

    assert _pg_kolam.pinjam() == nama  # the same copy, lent again
    e = buat_engine(url_pg(nama))
    with e.begin() as conn:
        assert conn.execute(text("SELECT count(*), min(nama_opd) FROM opd")).one() == sebelum
        assert conn.scalar(text("SELECT count(*) FROM kelurahan")) == 177
        conn.execute(text("ALTER TABLE opd ADD COLUMN catatan_uji text"))
    e.dispose()
    _pg_kolam.kembalikan(nama)
    assert nama not in _pg_kolam.bebas and not _ada(nama)
