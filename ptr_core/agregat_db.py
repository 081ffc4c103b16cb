"""The summaries (ptr_core.agregat) in the database: rewritten inside every transaction that changes the data,
read by the dashboard instead of the rows."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, true, update

from ptr_core.agregat import KOLOM_BULANAN, KOLOM_SPONSOR, Ikhtisar, ringkas
from ptr_core.db import sisipkan
from ptr_core.models import AgregatBulanan, AgregatInfo, AgregatSponsor, Asn, VersiData
from ptr_core.queries import _frame, muat_referensi, muat_untuk_ikhtisar
from ptr_core.settings import Settings


def kunci(settings: Settings) -> str:
    """The settings the statuses depend on: summaries computed with other ones are stale."""
    return f"iuran={settings.iuran_bulanan};nonaktif={settings.bulan_sampai_nonaktif}"


def perbarui(conn: Connection, settings: Settings) -> Ikhtisar:
    """Recompute the summaries from the rows and store them, inside the caller's write transaction."""
    data, tanggal = muat_untuk_ikhtisar(conn)
    ikhtisar = ringkas(data, settings, tanggal=tanggal)
    conn.execute(delete(AgregatBulanan))
    conn.execute(delete(AgregatSponsor))
    conn.execute(delete(AgregatInfo))
    sisipkan(conn, AgregatBulanan, _baris(ikhtisar.bulanan))
    sisipkan(conn, AgregatSponsor, _baris(ikhtisar.sponsor))
    tanggal = {k: (t.isoformat() if t else None) for k, t in {**ikhtisar.tanggal, "awal": ikhtisar.awal}.items()}
    versi = conn.scalar(select(VersiData.nomor).where(VersiData.id == 1))
    conn.execute(insert(AgregatInfo).values(id=1, versi=versi, kunci=kunci(settings), tanggal=json.dumps(tanggal)))
    return ikhtisar


def _baris(frame: pd.DataFrame) -> list[dict]:
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def _info(conn: Connection) -> tuple[int | None, tuple | None]:
    versi = conn.scalar(select(VersiData.nomor).where(VersiData.id == 1))
    info = conn.execute(select(AgregatInfo.versi, AgregatInfo.kunci, AgregatInfo.tanggal)).first()
    return versi, (tuple(info) if info else None)


def _segar(versi: int | None, info: tuple | None, settings: Settings) -> bool:
    return info is not None and info[0] == versi and info[1] == kunci(settings)


def muat(engine: Engine, settings: Settings) -> Ikhtisar:
    """The stored summaries; recomputed first when missing (a database from before them) or computed with
    other settings. A commit between the reads below is noticed and the read repeated."""
    while True:
        with engine.connect() as conn:
            versi, info = _info(conn)
            if not _segar(versi, info, settings):
                conn.commit()
                with conn.begin():
                    # Take the writers' lock (a no-op update), then look again: another server may have done it.
                    conn.execute(update(VersiData).where(VersiData.id == 1).values(nomor=VersiData.nomor))
                    versi, info = _info(conn)
                    if not _segar(versi, info, settings):
                        return perbarui(conn, settings)
            ikhtisar = _baca(conn, info)
            if _info(conn)[0] == versi:
                return ikhtisar


def _baca(conn: Connection, info: tuple) -> Ikhtisar:
    ref = muat_referensi(conn)
    aktif = select(Asn.kode_opd, func.count().label("asn_total")).where(Asn.aktif.is_(true()))
    bulanan = _frame(conn, select(*(getattr(AgregatBulanan, k) for k in KOLOM_BULANAN)).order_by(AgregatBulanan.id))
    bulanan = bulanan.astype({k: "int64" for k in KOLOM_BULANAN if k not in ("kode_kecamatan", "kode_opd")})
    sponsor = _frame(conn, select(*(getattr(AgregatSponsor, k) for k in KOLOM_SPONSOR)))
    sponsor = sponsor.astype({"bulan": "int64", "asn_berpartisipasi": "int64", "asn_mendaftarkan": "int64"})
    tanggal = {k: (dt.date.fromisoformat(t) if t else None) for k, t in json.loads(info[2]).items()}
    awal = tanggal.pop("awal")
    return Ikhtisar(
        kecamatan=ref["kecamatan"],
        opd=ref["opd"],
        cakupan=ref["cakupan"],
        target=ref["target"],
        asn_opd=_frame(conn, aktif.group_by(Asn.kode_opd)).astype({"asn_total": "int64"}),
        bulanan=bulanan,
        sponsor=sponsor,
        tanggal=tanggal,
        awal=awal,
    )
