"""Planning and applying: accepted rows split into new, changed and unchanged against the database, then
written with a journal (each key, and the row as it was before) from which a rollback restores them exactly."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii
from typing import Any

from sqlalchemy import Connection, and_, bindparam, select, update

from ptr_core import validasi as v
from ptr_core.db import sisipkan
from ptr_core.impor.kontrak import DATASET, Dataset
from ptr_core.models import UnggahanPerubahan, VersiData
from ptr_core.periode import IndeksBulan, ke_indeks

# The columns read as dates, from the registry: the journal keeps them as text and a rollback restores dates.
KOLOM_TANGGAL = {k.nama for d in DATASET.values() for k in d.kolom if k.baca is v.tanggal}


@dataclass
class Rencana:
    baru: list[dict] = field(default_factory=list)
    diubah: list[tuple[dict, dict]] = field(default_factory=list)  # (new, before)
    sama: int = 0
    tidak_ada: int = 0
    # New rows sharing `Dataset.kunci_koreksi` with stored rows the chunk does not bring again: each new row with
    # those stored rows (as dicts), which it may be meant to correct.
    mirip: list[tuple[dict, list[dict]]] = field(default_factory=list)


def kunci_tulis(conn: Connection) -> None:
    """Bump the data version first: its row lock makes concurrent writers wait for each other."""
    conn.execute(update(VersiData).where(VersiData.id == 1).values(nomor=VersiData.nomor + 1))


def rencanakan(conn: Connection, dataset: Dataset, rows: list[dict], roster_lengkap: bool = False) -> Rencana:
    """Split accepted rows into new, changed and unchanged against what the database holds. For a roster
    (`Dataset.roster`), a file that is the whole roster (`roster_lengkap`) also takes off it the rows on it that the
    file lacks (the active ASN it lacks become inactive); `Rencana.tidak_ada` counts them either way."""
    model, kolom, aktif = dataset.model, dataset.kolom_simpan, dataset.roster
    query = select(*(getattr(model, c) for c in kolom))
    if dataset.kunci_periode:
        # Only the rows of the chunk's covered months (with the workers below, through the unique index): a month
        # of payments must not read every payment ever made (at province scale, minutes per file).
        periode = dataset.kunci_periode
        query = query.where(getattr(model, periode).in_(sorted({r[periode] for r in rows})))
    if aktif:
        # A roster file may be the whole roster, so all of it is compared.
        lama_rows = conn.execute(query).all()
    else:
        # Only the rows that share the chunk's first key, fetched in batches: the cost follows the file.
        pertama = getattr(model, dataset.kunci[0])
        nilai = sorted({r[dataset.kunci[0]] for r in rows})
        lama_rows = [
            r
            for i in range(0, len(nilai), 1000)
            for r in conn.execute(query.where(pertama.in_(nilai[i : i + 1000]))).all()
        ]
    posisi = [kolom.index(k) for k in dataset.kunci]
    lama = {tuple(r[i] for i in posisi): r for r in lama_rows}
    dibandingkan = [(i, c) for i, c in enumerate(kolom) if c != "unggahan_id"]
    koreksi: dict[tuple, list[dict]] = {}
    if dataset.kunci_koreksi:
        di_file = {tuple(r[k] for k in dataset.kunci) for r in rows}
        for kunci, r in lama.items():
            if kunci not in di_file:
                tersimpan = dict(zip(kolom, r))
                koreksi.setdefault(tuple(tersimpan[k] for k in dataset.kunci_koreksi), []).append(tersimpan)
    pelengkap = [k.nama for k in dataset.kolom if k.pelengkap]
    rencana = Rencana()
    for row in rows:
        if aktif:
            row = {**row, aktif: True}
        ada = lama.pop(tuple(row[k] for k in dataset.kunci), None)
        # A supplementary column the file does not have keeps what is stored (None for a new row).
        row = {**{k: None if ada is None else ada[kolom.index(k)] for k in pelengkap if k not in row}, **row}
        if ada is None:
            rencana.baru.append(row)
            if mirip := koreksi.get(tuple(row[k] for k in dataset.kunci_koreksi)):
                rencana.mirip.append((row, mirip))
        elif any(ada[i] != row[c] for i, c in dibandingkan):
            rencana.diubah.append((row, dict(zip(kolom, ada))))
        else:
            rencana.sama += 1
    if aktif:
        # Only a file the user declares to be the whole roster replaces it: a partial file (one OPD's new staff)
        # must never deactivate everyone else.
        sisa = [dict(zip(kolom, r)) for r in lama.values() if r[kolom.index(aktif)]]
        rencana.tidak_ada = len(sisa)
        if roster_lengkap:
            rencana.diubah += [({**r, aktif: False}, r) for r in sisa]
    return rencana


_JSON = json.JSONEncoder(default=str, sort_keys=True)  # one encoder: json.dumps with options builds one per call


def ke_json(row: dict) -> str:
    return _JSON.encode(row)


def _json_kunci(nilai: list) -> str:
    """ke_json of a natural key (text, dates, whole numbers) without an encoder set up per key (json.dumps set one up
    per key, the slow part of a large upload's journal). Byte for byte the same text, as older uploads compare by it."""
    return "[" + ", ".join(str(x) if type(x) is int else encode_basestring_ascii(str(x)) for x in nilai) + "]"


def dari_json(teks: str) -> dict:
    return {k: (dt.date.fromisoformat(x) if k in KOLOM_TANGGAL and x else x) for k, x in json.loads(teks).items()}


def pesan_mirip(dataset: Dataset, tersimpan: list[dict]) -> str:
    """The warning of a new row sharing `Dataset.kunci_koreksi` with the stored rows `tersimpan`: what is stored,
    by which upload, and how a correction is made (a rollback of that upload, then the corrected file)."""
    sama = " dan ".join(dataset.kunci_koreksi)
    lain = [k for k in dataset.nama_kolom if k not in dataset.kunci_koreksi]
    uraian = "; ".join(
        ", ".join(f"{k} {r[k]}" for k in lain) + (f" (unggahan #{r['unggahan_id']})" if r.get("unggahan_id") else "")
        for r in tersimpan
    )
    batal = sorted({f"#{r['unggahan_id']}" for r in tersimpan if r.get("unggahan_id")})
    return (
        f"Sudah tersimpan baris lain dengan {sama} yang sama: {uraian}. Baris ini disimpan sebagai tambahan (misalnya "
        f"pembayaran bertahap). Bila baris ini koreksi, batalkan unggahan {', '.join(batal) or 'lama'} di halaman "
        "Riwayat Unggahan, lalu unggah file yang benar."
    )


def syarat_kunci(model: type, kunci: tuple[str, ...]):
    return and_(*(getattr(model, k) == bindparam(f"k_{k}") for k in kunci))


def terapkan(conn: Connection, dataset: Dataset, rencana: Rencana, unggahan_id: int) -> None:
    model, kunci = dataset.model, dataset.kunci
    punya_id = hasattr(model, "unggahan_id")
    jurnal = [{"unggahan_id": unggahan_id, "tabel": dataset.nama, "kunci": _json_kunci([r[k] for k in kunci]),
               "sebelum": None} for r in rencana.baru]  # fmt: skip
    jurnal += [{"unggahan_id": unggahan_id, "tabel": dataset.nama, "kunci": _json_kunci([r[k] for k in kunci]),
                "sebelum": ke_json(lama)} for r, lama in rencana.diubah]  # fmt: skip
    sisipkan(conn, UnggahanPerubahan, jurnal)
    sisipkan(conn, model, [{**r, "unggahan_id": unggahan_id} if punya_id else r for r in rencana.baru])
    if rencana.diubah:
        kolom = [c for c in rencana.diubah[0][0] if c not in kunci]
        nilai: dict[str, Any] = {c: bindparam(f"v_{c}") for c in kolom}
        if punya_id:
            nilai["unggahan_id"] = bindparam("v_unggahan_id")
        parameter = [
            {**{f"k_{k}": r[k] for k in kunci}, **{f"v_{c}": r[c] for c in kolom}, "v_unggahan_id": unggahan_id}
            for r, _ in rencana.diubah
        ]
        conn.execute(update(model).where(syarat_kunci(model, kunci)).values(**nilai), parameter)


def sejak(dataset: Dataset, periode: set[str]) -> IndeksBulan | None:
    """The first month whose summaries a change can alter: for a dataset keyed by period (payments), the first
    covered month it touched; None (all months) for any other dataset."""
    return ke_indeks(min(periode)) if dataset.kunci_periode and periode else None
