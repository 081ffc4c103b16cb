"""The summaries (ptr_core.agregat) in the database: rewritten inside every transaction that changes the data,
read by the dashboard instead of the rows."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from ptr_core.agregat import (
    KOLOM_BULANAN,
    KOLOM_SPONSOR,
    Agregat,
    TabelAgregat,
    bulan_akhir,
    gabung,
    hitung,
    tanggal_awal,
)
from ptr_core.dataset import Data
from ptr_core.db import sisipkan
from ptr_core.keanggotaan import STATUS, status_inti
from ptr_core.models import (
    AgregatAsn,
    AgregatBulanan,
    AgregatGugur,
    AgregatInfo,
    AgregatKelurahan,
    AgregatSponsor,
    Asn,
    VersiData,
)
from ptr_core.partisipasi import asn_per_opd
from ptr_core.periode import IndeksBulan
from ptr_core.queries import _frame, iuran_untuk_agregat, muat_referensi, muat_untuk_agregat, tanggal_terakhir
from ptr_core.settings import Settings

# Workers per block of the summaries' computation: a block's payments and worker-months are what is held at once.
BLOK_PEKERJA = 100_000
# The summaries kept per month: a recomputation from a month on replaces their rows from that month on.
PER_BULAN = (AgregatBulanan, AgregatSponsor, AgregatAsn, AgregatKelurahan)


class _Info(NamedTuple):
    """The row of agregat_info: the data version and settings the stored summaries were computed at, and the
    datasets' dates (JSON)."""

    versi: int
    kunci: str
    tanggal: str


def kunci(settings: Settings) -> str:
    """The settings the statuses depend on: summaries computed with other ones are stale."""
    return f"iuran={settings.iuran_bulanan};nonaktif={settings.bulan_sampai_nonaktif}"


def perbarui(conn: Connection, settings: Settings, sejak: IndeksBulan | None = None) -> Agregat:
    """Recompute the summaries and store them, inside the caller's write transaction (which has bumped the data
    version). `sejak`: the change touched payments only, none covering a month before that month index; then,
    when the stored summaries are those of the version before, only the months from `sejak` on are recomputed,
    from the payments of the last few months and the stored lapses (agregat.hitung). Otherwise all of them."""
    versi, info = _info(conn)
    lama = info if info is not None and _segar(versi - 1, info, settings) else None  # the version before's
    if sejak is None or lama is None or not _perbarui_sejak(conn, settings, sejak, _tanggal(lama)):
        _perbarui_semua(conn, settings)
    conn.execute(update(AgregatInfo).values(versi=versi, kunci=kunci(settings)))
    _, info = _info(conn)
    if info is None:
        raise RuntimeError("agregat_info has no row after the summaries were stored.")
    return _baca(conn, info)


def bawa_maju(conn: Connection, settings: Settings) -> None:
    """Inside a write transaction that has bumped the data version with rows the summaries do not read (a BPJS
    report, claims, candidates: `Dataset.mengubah_angka` false): the stored summaries, if they were the version
    before's, are this version's too. Without it the first viewer after such an upload recomputed them all."""
    versi, info = _info(conn)
    if info is not None and _segar(versi - 1, info, settings):
        conn.execute(update(AgregatInfo).values(versi=versi))


def sebelum_unggahan(conn: Connection, settings: Settings) -> Agregat:
    """Inside a write transaction that has bumped the data version: the summaries as they were before it, read
    from the tables (not from every row) unless they are stale, then recomputed (and stored, in the transaction)."""
    versi, info = _info(conn)
    if info is not None and _segar(versi - 1, info, settings):
        return _baca(conn, info)
    return perbarui(conn, settings)


def _hitung_per_blok(
    conn: Connection,
    data: Data,
    settings: Settings,
    akhir: IndeksBulan,
    sejak: IndeksBulan | None = None,
    gugur_sejak: np.ndarray | None = None,
) -> TabelAgregat:
    """`agregat.hitung` a block of workers at a time, each block with its own payments read from the database
    (every worker's enrolments and payments in one block), then added up (`agregat.gabung`): memory follows the
    block, not the number of payments (a full recomputation once read every payment at once)."""
    iuran_dari = None if sejak is None else sejak - settings.bulan_sampai_nonaktif + 1
    nik = data.pekerja["nik"].to_numpy(dtype="int64")
    unik = np.unique(nik)
    bagian, posisi = [], []
    for awal in range(0, len(unik), BLOK_PEKERJA):
        dari, sampai = unik[awal], unik[min(awal + BLOK_PEKERJA, len(unik)) - 1]
        pilih = np.flatnonzero((nik >= dari) & (nik <= sampai))
        blok = replace(
            data,
            pekerja=data.pekerja.iloc[pilih].reset_index(drop=True),
            iuran=iuran_untuk_agregat(conn, int(dari), int(sampai), iuran_dari),
        )
        bagian.append(hitung(blok, settings, akhir, sejak, None if gugur_sejak is None else gugur_sejak[pilih]))
        posisi.append(pilih)
    if not bagian:
        return hitung(data, settings, akhir, sejak, gugur_sejak)
    h = gabung(bagian, data.asn)
    gugur = np.empty(len(nik), dtype="int64")
    gugur[np.concatenate(posisi)] = h.gugur
    return replace(h, gugur=gugur)


def _perbarui_semua(conn: Connection, settings: Settings) -> None:
    data, tanggal = muat_untuk_agregat(conn)
    h = _hitung_per_blok(conn, data, settings, bulan_akhir(tanggal) or IndeksBulan(0))
    for model in (*PER_BULAN, AgregatGugur, AgregatInfo):
        conn.execute(delete(model))
    _simpan(conn, h, data.pekerja["id"].to_numpy(), h.gugur)
    tanggal = {**tanggal, "awal": tanggal_awal(data)}
    conn.execute(insert(AgregatInfo).values(id=1, versi=0, kunci="", tanggal=_json_tanggal(tanggal)))


def _perbarui_sejak(
    conn: Connection, settings: Settings, sejak: IndeksBulan, tanggal_lama: dict[str, dt.date | None]
) -> bool:
    """The months from `sejak` on (see perbarui). False when there is nothing stored to build on."""
    tanggal = tanggal_terakhir(conn)
    akhir, akhir_lama = bulan_akhir(tanggal), bulan_akhir({k: t for k, t in tanggal_lama.items() if k != "awal"})
    if akhir is None or akhir_lama is None:
        return False
    # Months the data did not reach before, or no longer reaches, are recomputed (or dropped) too.
    sejak = IndeksBulan(min(sejak, akhir + 1, akhir_lama + 1))
    data, _ = muat_untuk_agregat(conn)
    id_pekerja = data.pekerja["id"].to_numpy()
    gugur_sejak = _gugur_sebelum(conn, id_pekerja, sejak)
    h = _hitung_per_blok(conn, data, settings, akhir, sejak, gugur_sejak)
    for model in (*PER_BULAN, AgregatGugur):
        conn.execute(delete(model).where(model.bulan >= sejak))
    _simpan(conn, h, id_pekerja, np.where(gugur_sejak < sejak, -1, h.gugur))
    tanggal = {**tanggal, "awal": tanggal_lama.get("awal")}
    conn.execute(update(AgregatInfo).values(tanggal=_json_tanggal(tanggal)))
    return True


def _gugur_sebelum(conn: Connection, id_pekerja: np.ndarray, sebelum: IndeksBulan) -> np.ndarray:
    """status_inti's `gugur_sejak` from the stored lapses: per enrolment (`id_pekerja`), the month its membership
    lapsed when that is before `sebelum`, a larger value otherwise."""
    gugur = np.full(len(id_pekerja), np.iinfo("int64").max // 2, dtype="int64")
    baris = conn.execute(select(AgregatGugur.pekerja_id, AgregatGugur.bulan).where(AgregatGugur.bulan < sebelum))
    tersimpan = np.array(baris.all(), dtype="int64").reshape(-1, 2)
    posisi = pd.Index(id_pekerja).get_indexer(tersimpan[:, 0])
    gugur[posisi[posisi >= 0]] = tersimpan[posisi >= 0, 1]
    return gugur


def _simpan(conn: Connection, h: TabelAgregat, id_pekerja: np.ndarray, gugur: np.ndarray) -> None:
    sisipkan(conn, AgregatBulanan, _baris(h.bulanan))
    sisipkan(conn, AgregatSponsor, _baris(h.sponsor))
    # Plain columns without missing values, hundreds of thousands of rows: the frames as they are.
    sisipkan(conn, AgregatAsn, h.asn)
    sisipkan(conn, AgregatKelurahan, h.kelurahan)
    lapse = gugur >= 0
    sisipkan(
        conn, AgregatGugur, [{"pekerja_id": int(i), "bulan": int(b)} for i, b in zip(id_pekerja[lapse], gugur[lapse])]
    )


def _tanggal(info: _Info) -> dict[str, dt.date | None]:
    """The dates stored with the summaries: each dataset's latest, and the data's first (`awal`)."""
    return {k: (dt.date.fromisoformat(t) if t else None) for k, t in json.loads(info.tanggal).items()}


def _json_tanggal(tanggal: dict[str, dt.date | None]) -> str:
    return json.dumps({k: (t.isoformat() if t else None) for k, t in tanggal.items()})


def _baris(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def _info(conn: Connection) -> tuple[int, _Info | None]:
    """The data version, and the stored summaries' row (None before the first computation)."""
    versi = conn.scalar(select(VersiData.nomor).where(VersiData.id == 1))
    if versi is None:
        raise RuntimeError("versi_data has no row: the database's migrations have not run (ptr_core.db.migrasi).")
    info = conn.execute(select(AgregatInfo.versi, AgregatInfo.kunci, AgregatInfo.tanggal)).first()
    return versi, (None if info is None else _Info(info.versi, info.kunci, info.tanggal))


def _segar(versi: int, info: _Info, settings: Settings) -> bool:
    """The stored summaries are those of data version `versi`, computed with these settings."""
    return info.versi == versi and info.kunci == kunci(settings)


def muat(engine: Engine, settings: Settings) -> Agregat:
    """The stored summaries; recomputed first when missing (a database from before them) or computed with
    other settings. A commit between the reads below is noticed and the read repeated."""
    while True:
        with engine.connect() as conn:
            versi, info = _info(conn)
            if info is None or not _segar(versi, info, settings):
                conn.commit()
                with conn.begin():
                    # Take the writers' lock (a no-op update), then look again: another server may have done it.
                    conn.execute(update(VersiData).where(VersiData.id == 1).values(nomor=VersiData.nomor))
                    versi, info = _info(conn)
                    if info is None or not _segar(versi, info, settings):
                        return perbarui(conn, settings)
            agregat = _baca(conn, info)
            if _info(conn)[0] == versi:
                return agregat


def _baca(conn: Connection, info: _Info) -> Agregat:
    ref = muat_referensi(conn)
    bulanan = _frame(conn, select(*(getattr(AgregatBulanan, k) for k in KOLOM_BULANAN)).order_by(AgregatBulanan.id))
    bulanan = bulanan.astype({k: "int64" for k in KOLOM_BULANAN if k not in ("kode_kecamatan", "kode_opd")})
    sponsor = _frame(conn, select(*(getattr(AgregatSponsor, k) for k in KOLOM_SPONSOR)))
    sponsor = sponsor.astype({"bulan": "int64", "asn_berpartisipasi": "int64", "asn_mendaftarkan": "int64"})
    tanggal = _tanggal(info)
    awal = tanggal.pop("awal")
    return Agregat(
        kecamatan=ref["kecamatan"],
        opd=ref["opd"],
        cakupan=ref["cakupan"],
        target=ref["target"],
        asn_opd=asn_per_opd(_frame(conn, select(Asn.kode_opd, Asn.aktif))),
        bulanan=bulanan,
        sponsor=sponsor,
        tanggal=tanggal,
        awal=awal,
    )


def status_bulan(conn: Connection, settings: Settings, bulan: IndeksBulan) -> pd.DataFrame | None:
    """Each enrolment's status in month index `bulan` (pekerja `id`, `status`, `dibayar`), the months it is enrolled
    in only, from the stored lapses and the payments of the last `bulan_sampai_nonaktif` months: status_inti's
    window, the rule `hitung` recomputes the summaries from after a payment upload, so the same answers as the whole
    history. None when the stored summaries are not the current data version's with these settings, or the month
    lies after the data's last month (lapses there are not stored): the caller then computes from every payment."""
    versi, info = _info(conn)
    if info is None or not _segar(versi, info, settings):
        return None
    akhir = bulan_akhir({k: t for k, t in _tanggal(info).items() if k != "awal"})
    if akhir is None or bulan > akhir:
        return None
    data, _ = muat_untuk_agregat(conn)
    id_pekerja = data.pekerja["id"].to_numpy()
    gugur_sejak = _gugur_sebelum(conn, id_pekerja, bulan)
    dari = IndeksBulan(bulan - settings.bulan_sampai_nonaktif + 1)
    iuran = iuran_untuk_agregat(conn, 0, 10**16 - 1, dari)  # every NIK (16 digits): the months from `dari` on
    inti = status_inti(data.pekerja, iuran, bulan, settings, dari, gugur_sejak)
    inti = inti[inti["bulan"].to_numpy() == bulan]
    if _info(conn)[0] != versi:  # a commit between the reads: the caller computes from the rows
        return None
    return pd.DataFrame(
        {
            "id": id_pekerja[inti["keanggotaan"].to_numpy()],
            "status": STATUS[inti["kode"].to_numpy()],
            "dibayar": inti["dibayar"].to_numpy(),
        }
    )
