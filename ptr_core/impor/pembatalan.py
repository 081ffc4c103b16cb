"""History and rollback: every upload newest first, and undoing one exactly from its journal, refused while a
later upload (or a user of its OPD) depends on it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, delete, select, update

from ptr_core.agregat_db import bawa_maju, perbarui
from ptr_core.audit import catat_dalam
from ptr_core.impor.kontrak import DATASET
from ptr_core.impor.rencana import dari_json, ke_json, kunci_tulis, sejak, syarat_kunci
from ptr_core.klaim import klaim_lepas
from ptr_core.models import Pengguna, Unggahan, UnggahanPerubahan
from ptr_core.settings import Settings


def riwayat(engine: Engine) -> pd.DataFrame:
    """Every upload, newest first (the original files stay in the database)."""
    kolom = [Unggahan.id, Unggahan.waktu, Unggahan.pengguna, Unggahan.dataset, Unggahan.nama_file,
             Unggahan.baris_baru, Unggahan.baris_diubah, Unggahan.baris_ditolak, Unggahan.sha256,
             Unggahan.dibatalkan_pada, Unggahan.dibatalkan_oleh]  # fmt: skip
    with engine.connect() as conn:
        return pd.read_sql(select(*kolom).order_by(Unggahan.id.desc()), conn)


def _penghalang(conn: Connection, unggahan: Any) -> tuple[list[int], list[str]]:
    """What stops a rollback: later uploads, not rolled back, that changed the same rows or depend on rows this one
    brought (the dataset's `dirujuk_*`: payments of its workers, workers sponsored by its ASN, ASN of its OPD), and
    users of its OPD."""
    dataset = DATASET[unggahan.dataset]
    sendiri = conn.execute(
        select(UnggahanPerubahan.kunci, UnggahanPerubahan.sebelum).where(UnggahanPerubahan.unggahan_id == unggahan.id)
    ).all()
    kunci = {k for k, _ in sendiri}
    baru = sorted({json.loads(k)[0] for k, s in sendiri if s is None})
    baru_dirujuk = set(baru) if dataset.dirujuk_unggahan else set()
    later = (
        select(UnggahanPerubahan.unggahan_id, UnggahanPerubahan.tabel, UnggahanPerubahan.kunci)
        .join(Unggahan, Unggahan.id == UnggahanPerubahan.unggahan_id)
        .where(Unggahan.id > unggahan.id, Unggahan.dibatalkan_pada.is_(None))
    )
    hasil = set()
    for uid, tabel, k in conn.execute(later):
        if (tabel == unggahan.dataset and k in kunci) or (
            tabel in dataset.dirujuk_unggahan and json.loads(k)[0] in baru_dirujuk
        ):
            hasil.add(uid)
    pengguna: list[str] = []
    # A sponsor or an OPD that others now point at cannot vanish from under them (a worker without a sponsor in
    # the roster; an ASN or a user of an OPD that is gone).
    for i in range(0, len(baru), 1000):
        bagian = baru[i : i + 1000]
        for merujuk in dataset.dirujuk_oleh:
            pemuat = merujuk.class_.__table__.c.unggahan_id  # the upload that stored the rows that point
            hasil |= set(conn.scalars(select(pemuat).where(merujuk.in_(bagian))))
        if dataset.dirujuk_pengguna is not None:
            pengguna += conn.scalars(select(Pengguna.email).where(dataset.dirujuk_pengguna.in_(bagian))).all()
    return sorted(u for u in hasil if u is not None and u != unggahan.id), sorted(pengguna)


def _nama_unggahan(conn: Connection, ids: list[int]) -> str:
    """Uploads as people recognise them: number, data, file, when and who."""
    baris = conn.execute(
        select(Unggahan.id, Unggahan.dataset, Unggahan.nama_file, Unggahan.waktu, Unggahan.pengguna)
        .where(Unggahan.id.in_(ids))
        .order_by(Unggahan.id)
    ).all()
    return "; ".join(
        f"unggahan {u.id} ({u.dataset}, {u.nama_file[:40]}, {u.waktu:%d-%m-%Y %H.%M}, oleh {u.pengguna})" for u in baris
    )


def batalkan(engine: Engine, unggahan_id: int, pengguna: str, settings: Settings) -> tuple[bool, str]:
    """Roll an upload back: every row it inserted is removed and every row it changed gets its old values; the
    summaries are recomputed with `settings` in the same transaction."""
    unggahan_id = int(unggahan_id)
    with engine.connect() as conn, conn.begin() as transaksi:
        kunci_tulis(conn)
        u = conn.execute(select(Unggahan).where(Unggahan.id == unggahan_id)).first()
        if u is None:
            return False, f"Unggahan {unggahan_id} tidak ada."
        if u.dibatalkan_pada is not None:
            return False, f"Unggahan {unggahan_id} sudah dibatalkan pada {u.dibatalkan_pada:%Y-%m-%d %H:%M}."
        penghalang, pengguna_opd = _penghalang(conn, u)
        if penghalang or pengguna_opd:
            daftar = _nama_unggahan(conn, penghalang)
            transaksi.rollback()
            alasan = []
            if daftar:
                alasan.append(f"batalkan dulu unggahan yang lebih baru dan bergantung padanya: {daftar}")
            if pengguna_opd:
                alasan.append(f"pengguna dasbor masih terdaftar untuk OPD-nya: {', '.join(pengguna_opd[:10])}")
            return False, f"Unggahan {unggahan_id} tidak bisa dibatalkan: " + "; ".join(alasan) + "."
        # A claim was accepted for the registration in force on its incident day: undoing the registration would
        # drop the claim from every figure without a word.
        dataset = DATASET[u.dataset]
        lepas_sebelum = set(klaim_lepas(conn)["id"]) if dataset.dasar_klaim else set()
        model = dataset.model
        jurnal = conn.execute(
            select(UnggahanPerubahan.kunci, UnggahanPerubahan.sebelum).where(UnggahanPerubahan.unggahan_id == u.id)
        ).all()
        kunci_nilai = [
            {f"k_{k}": dari_json(ke_json({k: x}))[k] for k, x in zip(dataset.kunci, json.loads(kunci))}
            for kunci, _ in jurnal
        ]
        hapus = [p for p, (_, sebelum) in zip(kunci_nilai, jurnal) if sebelum is None]
        pulih = [(p, dari_json(s)) for p, (_, s) in zip(kunci_nilai, jurnal) if s is not None]
        if hapus:
            conn.execute(delete(model).where(syarat_kunci(model, dataset.kunci)), hapus)
        if pulih:
            kolom = [c for c in dataset.kolom_simpan if c not in dataset.kunci]
            conn.execute(
                update(model)
                .where(syarat_kunci(model, dataset.kunci))
                .values(**{c: bindparam(f"v_{c}") for c in kolom}),
                [{**p, **{f"v_{c}": s[c] for c in kolom}} for p, s in pulih],
            )
        if dataset.dasar_klaim:
            lepas = klaim_lepas(conn)
            lepas = lepas[~lepas["id"].isin(lepas_sebelum)]
            if len(lepas):
                daftar = _nama_unggahan(conn, sorted({int(i) for i in lepas["unggahan_id"].dropna()}))
                transaksi.rollback()
                return False, (
                    f"Unggahan {unggahan_id} tidak bisa dibatalkan: {len(lepas)} klaim yang sudah tercatat tidak akan "
                    f"punya pendaftaran program pada hari kejadiannya; batalkan dulu unggahan klaimnya: {daftar}."
                )
        if dataset.riwayat:
            model_riwayat = dataset.riwayat[0]
            conn.execute(delete(model_riwayat).where(model_riwayat.__table__.c.unggahan_id == u.id))
        conn.execute(
            update(Unggahan)
            .where(Unggahan.id == u.id)
            .values(dibatalkan_pada=dt.datetime.now(), dibatalkan_oleh=pengguna)
        )
        periode: set[str] = set()
        if dataset.kunci_periode:
            posisi = dataset.kunci.index(dataset.kunci_periode)
            periode = {json.loads(k)[posisi] for k, _ in jurnal}
        if dataset.mengubah_angka:
            perbarui(conn, settings, sejak(dataset, periode))
        else:
            bawa_maju(conn, settings)
        catat_dalam(conn, pengguna, "batalkan", f"unggahan {unggahan_id} ({u.dataset}, {u.nama_file})")
    return True, f"Unggahan {unggahan_id} ({u.dataset}, {u.nama_file}) dibatalkan; data kembali seperti sebelumnya."
