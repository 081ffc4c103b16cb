"""Engine, migrations and reference data: everything needed to get a working database."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Date, Engine, create_engine, event, func, insert, select
from sqlalchemy.engine import make_url

from ptr_core.models import Base, Kecamatan, Kelurahan, Opd

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DATA = Path(__file__).resolve().parent / "data"
TUNGGU_PENULIS_MS = 3_600_000


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # Staff uploading at once wait for each other, however long the other upload takes (a province's month of
    # payments commits in about a minute; 30 s made the second of four 300.000-row uploads fail): up to an hour.
    cursor.execute(f"PRAGMA busy_timeout={TUNGGU_PENULIS_MS}")
    cursor.close()


def buat_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


@functools.cache
def revisi_terakhir() -> str | None:
    """The newest migration shipped (read once per process: alembic reads every migration file to find it)."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def migrasi(engine: Engine, revisi: str = "head") -> None:
    """Create or upgrade the schema, then make sure the shipped reference data is there. A database already at
    the newest migration is only checked (one query), as every CLI command and server start does."""
    if revisi != "head" or revisi_sekarang(engine) != revisi_terakhir():
        command.upgrade(alembic_config(engine), revisi)
    if revisi == "head":
        isi_referensi(engine)


def revisi_sekarang(engine: Engine) -> str | None:
    """The migration the database stands at (None: not migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def isi_referensi(engine: Engine) -> None:
    """Load kecamatan, kelurahan and the starting OPD list when the tables are empty."""
    with engine.begin() as conn:
        for model, berkas in ((Kecamatan, "kecamatan"), (Kelurahan, "kelurahan"), (Opd, "opd")):
            if conn.scalar(select(func.count()).select_from(model)):
                continue
            frame = pd.read_csv(DATA / f"{berkas}.csv", dtype=str, keep_default_na=False)
            rows = [{k: (v if v != "" else None) for k, v in row.items()} for row in frame.to_dict("records")]
            conn.execute(insert(model), rows)


def koneksi_driver(conn: Connection) -> Any:
    """The driver's own connection under `conn` (sqlite3's or psycopg's: their APIs differ, hence Any), for what
    SQLAlchemy does not offer as fast: executemany, COPY, a cursor read in blocks."""
    driver = conn.connection.driver_connection
    if driver is None:
        raise RuntimeError("The connection has no driver connection any more (closed or invalidated).")
    return driver


def _kelas_model(model: type) -> type[Base]:
    """`model` as a mapped class of ptr_core.models (the datasets declare theirs as a plain `type`)."""
    if not issubclass(model, Base):
        raise TypeError(f"{model!r} is not a table of ptr_core.models")
    return model


def sisipkan(conn: Connection, model: type, rows: list[dict[str, Any]] | pd.DataFrame) -> None:
    """Bulk insert with what each engine does best: COPY on PostgreSQL, the driver's executemany on SQLite; both
    inside the caller's transaction. Large batches skip SQLAlchemy's per-row parameter processing, which cost
    more than the database's own work. `rows` may be a frame whose columns are
    the table's: no dict per row (for the summaries, building them took longer than inserting)."""
    if len(rows) == 0:
        return
    if len(rows) < 1000:
        conn.execute(insert(model), rows.to_dict("records") if isinstance(rows, pd.DataFrame) else rows)
        return
    if isinstance(rows, pd.DataFrame):
        kolom = list(rows.columns)
        nilai = [rows[k].tolist() for k in kolom]
    else:
        kolom = list(rows[0])
        nilai = [[r[k] for r in rows] for k in kolom]
    kelas = _kelas_model(model)
    tabel = kelas.__tablename__
    if conn.dialect.name != "postgresql":
        for i, k in enumerate(kolom):
            if isinstance(kelas.__table__.c[k].type, Date):  # stored as SQLAlchemy stores it: 'YYYY-MM-DD'
                nilai[i] = [None if t is None else t.isoformat() for t in nilai[i]]
        perintah = f"INSERT INTO {tabel} ({', '.join(kolom)}) VALUES ({', '.join('?' * len(kolom))})"
        koneksi_driver(conn).cursor().executemany(perintah, zip(*nilai))
        return
    perintah = f"COPY {tabel} ({', '.join(kolom)}) FROM STDIN"
    with koneksi_driver(conn).cursor() as cursor, cursor.copy(perintah) as copy:
        for row in zip(*nilai):
            copy.write_row(row)
    segarkan_statistik(conn, model, len(nilai[0]))


def segarkan_statistik(conn: Connection, model: type, baru: int = 0) -> None:
    """PostgreSQL plans an upload's lookups (`nik IN (...) AND periode IN (...)`) from the table's statistics,
    and stale ones are ruinous: planned for the table as it was (often empty), the lookups of an upload's enrolments
    ran sequential scans; planned while a month's payments still looked rare, each lookup
    read all that month's payments through an index on periode (that index is gone since migration 0006). So the
    table is analysed when the rows changed since its last ANALYZE
    (committed, plus `baru` just written in this transaction, which ANALYZE sees) exceed a tenth of it.
    Autovacuum does the same, but later."""
    if conn.dialect.name != "postgresql":
        return
    tabel = _kelas_model(model).__tablename__
    baris, berubah = conn.exec_driver_sql(
        "SELECT c.reltuples, coalesce(s.n_mod_since_analyze, 0) FROM pg_class c "
        "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = %(tabel)s",
        {"tabel": tabel},
    ).one()
    if berubah + baru > 0.1 * max(baris, 0):
        conn.exec_driver_sql(f"ANALYZE {tabel}")
