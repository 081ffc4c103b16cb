"""The audit trail (UU 27/2022 PDP): who signed in, uploaded, rolled back, changed users, revealed NIK or
exported, and when. Append-only; nothing personal goes in `rincian` (codes, file names and counts, never NIK or
names). Changes to data write their row in the transaction that changes the data, so an upload or a rollback
is recorded exactly when it happens, whether from a page or the command line."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from ptr_core.format import angka
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


# Each action as the Jejak audit page names it (the stored code is kept: it is what a query or an export filters on).
AKSI = {
    "masuk": "Masuk", "unggah": "Unggah data", "unggah_peta": "Unggah peta kecamatan",
    "batalkan": "Batalkan unggahan", "ekspor": "Unduh", "buka_nik": "Buka NIK lengkap",
    "pengguna_tambah": "Tambah pengguna", "pengguna_hapus": "Hapus pengguna", "ajuan_daftar": "Ajukan pekerja",
    "ajuan_setujui": "Setujui pengajuan", "ajuan_tolak": "Tolak pengajuan", "calon_pesan": "Pesan calon pekerja",
    "calon_lepas": "Lepas calon pekerja",
}  # fmt: skip
_HITUNGAN = re.compile(r"\b(baru|diubah|ditolak) ([0-9]+)\b")


def jejak_tampil(jejak: pd.DataFrame) -> pd.DataFrame:
    """The trail as people read it: each action in words, its details with an arrow and counts in id-ID form
    ('unggah', 'asn roster.csv -> unggahan 3: baru 16000' reads 'Unggah data', 'asn roster.csv → unggahan 3: baru
    16.000'). The stored rows are not changed."""

    def rincian(teks: object) -> object:
        if not isinstance(teks, str):
            return teks
        return _HITUNGAN.sub(lambda m: f"{m[1]} {angka(int(m[2]))}", teks.replace(" -> ", " → "))

    return jejak.assign(aksi=jejak["aksi"].map(lambda a: AKSI.get(a, a)), rincian=jejak["rincian"].map(rincian))
