"""The audit trail (UU 27/2022 PDP): who signed in, uploaded, rolled back, changed users, revealed NIK or
exported, and when. Append-only; nothing personal goes in `rincian` (codes, file names and counts, never NIK or
names). Changes to data write their row in the transaction that changes the data, so an upload or a rollback
is recorded exactly when it happens, whether from a page or the command line."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from ptr_core.models import Audit


def catat_dalam(conn: Connection, email: str, aksi: str, rincian: str) -> None:
    """Append one event inside the caller's transaction."""
    conn.execute(insert(Audit).values(waktu=dt.datetime.now(), email=email, aksi=aksi, rincian=rincian))


def catat(engine: Engine, email: str, aksi: str, rincian: str) -> None:
    """Append one event on its own (sign-ins, reveals, exports: nothing else changes with them)."""
    with engine.begin() as conn:
        catat_dalam(conn, email, aksi, rincian)


def jejak_audit(engine: Engine, batas: int = 500) -> pd.DataFrame:
    """The latest events, newest first."""
    with engine.connect() as conn:
        return pd.read_sql(select(Audit).order_by(Audit.id.desc()).limit(batas), conn)
