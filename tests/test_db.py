"""Schema and migrations on SQLite and PostgreSQL (db.py, migrations/)."""

import datetime as dt

import pandas as pd
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pandas.testing import assert_frame_equal
from sqlalchemy import func, insert, inspect, select, text

from ptr_core import agregat_db, queries, tindak_lanjut
from ptr_core.akses import Akses
from ptr_core.db import alembic_config, buat_engine, isi_referensi, migrasi, segarkan_statistik, sisipkan
from ptr_core.impor import impor
from ptr_core.models import (
    AgregatAsn,
    AgregatGugur,
    AgregatKelurahan,
    Asn,
    Base,
    Cakupan,
    Iuran,
    Kecamatan,
    Kelurahan,
    Opd,
    Pekerja,
)
from ptr_core.periode import ke_indeks
from ptr_core.ringkasan import ringkasan
from ptr_core.settings import Settings
from tests.factory import FILES, SETTINGS


def test_migration_creates_every_table_on_an_empty_database(db_url):
    engine = buat_engine(db_url)
    migrasi(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_migrations_build_exactly_the_schema_the_models_describe(engine):
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_migration_is_idempotent_and_reference_data_is_loaded_once(engine):
    migrasi(engine)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Kecamatan)) == 16
        assert conn.scalar(select(func.count()).select_from(Kelurahan)) == 177
        assert conn.scalar(select(func.count()).select_from(Opd)) == 51


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    engine = buat_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_upgrade_from_the_previous_revision_keeps_the_data(db_url):
    engine = buat_engine(db_url)
    migrasi(engine, "0002")
    isi_referensi(engine)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO cakupan (tanggal_data, kode_kecamatan, pekerja_informal, peserta_aktif) "
                 "VALUES ('2024-12-31', '33.74.01', 1000, 100)")
        )  # fmt: skip
    migrasi(engine)
    assert {"versi_data", "unggahan_perubahan"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cakupan")).scalar() == 1
        assert conn.execute(text("SELECT nomor FROM versi_data")).scalar() == 0
    engine.dispose()


def test_a_bulk_insert_stores_what_a_plain_insert_stores(engine):
    """Batches of 1.000 rows or more bypass SQLAlchemy (COPY on PostgreSQL, the driver's executemany on
    SQLite); they must read back exactly as given, as the small batch inserted through SQLAlchemy does, dates,
    quotes and empty cells included."""

    def pekerja(i: int) -> dict:
        daftar, berhenti = dt.date(2025, 1, 1) + dt.timedelta(days=i % 400), dt.date(2026, 1, 31) if i % 3 else None
        return {"nik": f"33740101019{i:05d}", "nama": f"Wati '{i}\"", "jenis_kelamin": "P", "pekerjaan": "Ojek",
                "kode_kelurahan": "33.74.01.1001", "nomor_kpj": None, "nip_sponsor": "198001012005011001",
                "tanggal_daftar": daftar, "tanggal_berhenti": berhenti}  # fmt: skip

    satu, banyak = [pekerja(i) for i in range(5)], [pekerja(i) for i in range(5, 1205)]
    kolom = list(satu[0])
    with engine.begin() as conn:
        sisipkan(conn, Pekerja, satu)
        sisipkan(conn, Pekerja, banyak)
    with engine.connect() as conn:
        tersimpan = [dict(r) for r in conn.execute(select(*(getattr(Pekerja, k) for k in kolom))
                                                   .order_by(Pekerja.nik)).mappings()]  # fmt: skip
    assert tersimpan == satu + banyak
    assert all(type(r["tanggal_daftar"]) is dt.date for r in tersimpan)


def test_a_frame_is_inserted_as_its_records_would_be(engine):
    # The per-sponsor summaries are written straight from their frame (int64 columns), small batch or large.
    frame = pd.DataFrame({"nip": [f"19800101200501{i:04d}" for i in range(1_200)], "bulan": 24_300,
                          "aktif": range(1_200), "menunggak": 1, "kurang": 16_800})  # fmt: skip
    with engine.begin() as conn:
        sisipkan(conn, AgregatAsn, frame.iloc[:5])
        sisipkan(conn, AgregatAsn, frame.iloc[5:])
    with engine.connect() as conn:
        tersimpan = queries._frame(conn, select(*AgregatAsn.__table__.c).order_by(AgregatAsn.nip))
    assert_frame_equal(tersimpan[list(frame.columns)], frame, check_dtype=False)


def test_a_database_from_the_previous_revision_upgrades_and_shows_the_same_figures(db_url, tmp_path):
    """Revision 0004 had the rows but no summary tables: after the upgrade the dashboard computes them once
    and shows what a database built at the current revision shows."""

    baru = buat_engine(f"sqlite:///{tmp_path / 'baru.db'}")
    migrasi(baru)
    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        assert impor(baru, nama, FILES[nama].encode(), f"{nama}.csv", settings=SETTINGS).unggahan_id
    lama = buat_engine(db_url)
    migrasi(lama, "0004")
    isi_referensi(lama)
    with baru.connect() as sumber, lama.begin() as tujuan:
        for model in (Cakupan, Asn, Pekerja, Iuran):
            kolom = [c for c in model.__table__.c if c.name not in ("id", "unggahan_id", "email")]  # email: 0009
            rows = [dict(r) for r in sumber.execute(select(*kolom)).mappings()]
            tujuan.execute(model.__table__.insert(), rows)
    migrasi(lama)
    for bulan in ("2025-01", "2025-03"):
        assert ringkasan(agregat_db.muat(lama, Settings()), bulan, Settings()) == ringkasan(
            agregat_db.muat(baru, Settings()), bulan, Settings()
        )
    baru.dispose()
    lama.dispose()


def test_a_database_from_before_the_detail_summaries_fills_them_at_the_first_read(engine):
    """Revision 0006 had the other summaries, up to date, but none per sponsor or kelurahan: the upgrades mark
    them stale, so the first read recomputes them all, and the OPD's lists and the kecamatan's charts count what
    the rows say (see test_daftar, test_agregat)."""
    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        assert impor(engine, nama, FILES[nama].encode(), f"{nama}.csv", settings=SETTINGS).unggahan_id
    command.downgrade(alembic_config(engine), "0006")
    migrasi(engine)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(AgregatAsn)) == 0
        assert conn.scalar(select(func.count()).select_from(AgregatKelurahan)) == 0
    agregat_db.muat(engine, Settings())
    maret = ke_indeks("2025-03")
    admin = Akses("admin@semarangkota.go.id", "admin")
    asn = tindak_lanjut.halaman_asn_opd(engine, admin, "DINSOS", maret).baris
    assert asn["status_sponsor"].tolist() == ["mensponsori aktif", "menunggak", "belum"]
    assert asn["tunggakan"].sum() == 33_600
    kel = queries.aktif_per_kelurahan(engine, "33.74.01")
    assert kel[kel["bulan"] == maret][["nama_kelurahan", "aktif"]].values.tolist() == [["Miroto", 1]]


def test_reading_in_blocks_gives_the_frames_read_at_once(engine, monkeypatch):
    # Blocks of 2 rows: some blocks hold only empty tanggal_berhenti or nomor_kpj, the rest values.
    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        assert impor(engine, nama, FILES[nama].encode(), f"{nama}.csv", settings=SETTINGS).unggahan_id
    sekaligus = queries.muat_data(engine)
    monkeypatch.setattr(queries, "BLOK_BACA", 2)
    per_blok = queries.muat_data(engine)
    for nama in ("asn", "pekerja", "iuran", "cakupan", "kecamatan", "opd"):
        assert_frame_equal(getattr(per_blok, nama), getattr(sekaligus, nama))
        assert len(getattr(sekaligus, nama)) > 2


def test_postgresql_statistics_are_refreshed_once_a_tenth_of_the_table_changed(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")

    def tambah(dari: int, sampai: int) -> None:
        with engine.begin() as conn:
            conn.execute(insert(AgregatGugur), [{"pekerja_id": i, "bulan": 1} for i in range(dari, sampai)])
            conn.exec_driver_sql("SELECT pg_stat_force_next_flush()")

    def perkiraan() -> float:
        with engine.begin() as conn:
            segarkan_statistik(conn, AgregatGugur)
            return conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'agregat_gugur'").scalar()

    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE agregat_gugur SET (autovacuum_enabled = false)")
    tambah(0, 1000)
    assert perkiraan() == 1000  # never analysed: every row is a change
    tambah(1000, 1050)
    assert perkiraan() == 1000  # 5% changed: the plans still hold
    tambah(1050, 1200)
    assert perkiraan() == 1200  # 20% changed since the last ANALYZE
