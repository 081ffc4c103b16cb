"""Calon pekerja (issue 17, item 4): an ASN who knows no worker to sponsor is offered candidates from the lists
staff upload (`calon`: kelurahan or social-welfare data), reserves one, reaches them, and registers them through
Daftarkan Pekerja as any other worker.

The rules, each in one place here:
- who is offered (`tawaran`): a candidate whose NIK has no registration still running, no submission pending, is
  on no other programme's list, is held by no ASN, and is under BPJS's BPU age limit today; names and NIK masked;
- in which order (`urutan_kecamatan`): from the kecamatan furthest below its participant target first, then the
  nearest to the ASN's OPD kecamatan;
- reserving (`pesan`): one candidate, one ASN, for `Settings.hari_pesan_calon` days; one ASN, one candidate at a
  time. The database enforces both (the primary key and a unique NIP of `pesanan_calon`), so two ASN reserving
  the same candidate at the same moment cannot both succeed, on SQLite or PostgreSQL; the loser is told so.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, and_, case, delete, exists, insert, literal, or_, select
from sqlalchemy.exc import IntegrityError

from ptr_core import validasi as v
from ptr_core.akses import Akses, AksesDitolak
from ptr_core.audit import catat_dalam
from ptr_core.models import Asn, Calon, Kecamatan, Kelurahan, PesananCalon
from ptr_core.pengajuan import dilindungi_lain, dipegang, menunggu_verifikasi, terdaftar
from ptr_core.privasi import samarkan_nama, samarkan_nik
from ptr_core.settings import Settings

TAWARAN_MAKS = 10  # candidates shown at once: a phone screen's worth
_HALAMAN_MAKS = 20  # pages of candidates read while skipping those over the age limit


def urutan_kecamatan(
    per_kecamatan: Iterable[Mapping], kecamatan_opd: str | None, titik: Mapping[str, tuple[float, float]] | None
) -> list[str]:
    """Kecamatan codes in the order their candidates are offered: the largest `kekurangan_target` (participants
    still missing to this year's target, as the Kecamatan page shows it) first, a kecamatan without a target
    last; then nearest to the ASN's OPD kecamatan (its own first; by the distance between kecamatan centres on
    the latest boundary map, `titik`, when one was uploaded); then by code."""

    def jarak(kode: str) -> float:
        if not kecamatan_opd or kode == kecamatan_opd:
            return 0.0
        if titik and kode in titik and kecamatan_opd in titik:
            (x1, y1), (x2, y2) = titik[kode], titik[kecamatan_opd]
            return math.hypot(x1 - x2, y1 - y2)
        return math.inf

    def kunci(k: Mapping) -> tuple:
        kurang = k.get("kekurangan_target")
        return (kurang is None, -(kurang or 0), jarak(k["kode_kecamatan"]), k["kode_kecamatan"])

    return [k["kode_kecamatan"] for k in sorted(per_kecamatan, key=kunci)]


def _tersedia(sekarang: dt.datetime):
    """SQL: the candidate is free to be offered or reserved (the age limit is checked apart, from the NIK)."""
    return and_(
        ~exists().where(*terdaftar(Calon.nik, sekarang.date())),
        ~exists().where(*menunggu_verifikasi(Calon.nik)),
        ~exists().where(*dilindungi_lain(Calon.nik)),
        ~exists().where(*dipegang(Calon.nik, sekarang)),
    )


def _usia_boleh(nik: str, hari_ini: dt.date) -> int | None:
    """The candidate's age in years when BPJS's BPU membership allows it today, else None."""
    try:
        lahir = v.rincian_nik(nik, hari_ini).tanggal_lahir
    except v.NilaiSalah:
        return None
    return None if v.usia_bpu(lahir, hari_ini) else v.usia_bulan(lahir, hari_ini) // 12


def tawaran(engine: Engine, urutan: list[str], sekarang: dt.datetime, batas: int = TAWARAN_MAKS) -> pd.DataFrame:
    """Up to `batas` candidates to offer, in the order of `urutan` (kecamatan codes), names and NIK masked."""
    posisi = (
        case({kode: i for i, kode in enumerate(urutan)}, value=Kelurahan.kode_kecamatan, else_=len(urutan))
        if urutan
        else literal(0)
    )
    query = (
        select(
            Calon.id,
            Calon.nik,
            Calon.nama,
            Calon.jenis_kelamin,
            Calon.pekerjaan,
            Kelurahan.nama_kelurahan,
            Kecamatan.nama_kecamatan,
            Kecamatan.kode_kecamatan,
            Calon.sumber,
        )  # fmt: skip
        .join(Kelurahan, Kelurahan.kode_kelurahan == Calon.kode_kelurahan)
        .join(Kecamatan, Kecamatan.kode_kecamatan == Kelurahan.kode_kecamatan)
        .where(_tersedia(sekarang))
        .order_by(posisi, Calon.id)
    )
    dipilih: list[dict] = []
    with engine.connect() as conn:
        for halaman in range(_HALAMAN_MAKS):
            baris = conn.execute(query.limit(batas * 4).offset(halaman * batas * 4)).mappings().all()
            for b in baris:
                if (usia := _usia_boleh(b["nik"], sekarang.date())) is not None:
                    dipilih.append({**b, "usia": usia})
            if len(dipilih) >= batas or len(baris) < batas * 4:
                break
    frame = pd.DataFrame(
        dipilih[:batas],
        columns=["id", "nik", "nama", "jenis_kelamin", "pekerjaan", "nama_kelurahan", "nama_kecamatan",
                 "kode_kecamatan", "sumber", "usia"],
    )  # fmt: skip
    return frame.assign(nik=frame["nik"].map(samarkan_nik), nama=frame["nama"].map(samarkan_nama))


@dataclass(frozen=True)
class Pesanan:
    """The candidate an ASN holds, in full (the ASN needs the name and NIK to reach them and register them)."""

    calon_id: int
    nik: str
    nama: str
    jenis_kelamin: str
    pekerjaan: str
    kode_kelurahan: str
    nama_kelurahan: str
    nama_kecamatan: str
    sumber: str
    berlaku_sampai: dt.datetime


def pesanan_saya(engine: Engine, nip: str, sekarang: dt.datetime) -> Pesanan | None:
    """The candidate this ASN holds now, if any."""
    with engine.connect() as conn:
        b = conn.execute(
            select(
                Calon.id,
                Calon.nik,
                Calon.nama,
                Calon.jenis_kelamin,
                Calon.pekerjaan,
                Calon.kode_kelurahan,
                Kelurahan.nama_kelurahan,
                Kecamatan.nama_kecamatan,
                Calon.sumber,
                PesananCalon.berlaku_sampai,
            )  # fmt: skip
            .join(Calon, Calon.nik == PesananCalon.nik)
            .join(Kelurahan, Kelurahan.kode_kelurahan == Calon.kode_kelurahan)
            .join(Kecamatan, Kecamatan.kode_kecamatan == Kelurahan.kode_kecamatan)
            .where(PesananCalon.nip == nip, PesananCalon.berlaku_sampai >= sekarang)
        ).first()
    return Pesanan(*tuple(b)) if b else None


def pesan(engine: Engine, siapa: Akses, calon_id: int, sekarang: dt.datetime, settings: Settings) -> tuple[bool, str]:
    """Reserve a candidate for the signed-in ASN for `settings.hari_pesan_calon` days (audited)."""
    if not siapa.nip:
        return False, "Hanya ASN yang dapat memesan calon pekerja."
    with engine.connect() as conn:
        nik = conn.scalar(select(Calon.nik).where(Calon.id == calon_id, _tersedia(sekarang)))
    if nik is None or _usia_boleh(nik, sekarang.date()) is None:
        return False, "Calon ini sudah tidak tersedia (dipesan, didaftarkan, atau dilindungi program lain)."
    sampai = sekarang + dt.timedelta(days=settings.hari_pesan_calon)
    try:
        with engine.begin() as conn:
            # Lapsed holds, and holds on a candidate whose list was rolled back, free their candidate and their ASN.
            conn.execute(
                delete(PesananCalon).where(
                    or_(PesananCalon.berlaku_sampai < sekarang, PesananCalon.nik.not_in(select(Calon.nik)))
                )
            )
            conn.execute(insert(PesananCalon).values(nik=nik, nip=siapa.nip, dipesan_pada=sekarang,
                                                     berlaku_sampai=sampai))  # fmt: skip
            catat_dalam(conn, siapa.email, "calon_pesan", f"calon {calon_id}")
    except IntegrityError:
        with engine.connect() as conn:
            pemegang = conn.scalar(select(PesananCalon.nip).where(PesananCalon.nik == nik))
        if pemegang == siapa.nip:
            return False, "Anda sudah memesan calon ini."
        if pemegang is not None:
            return False, "Calon ini baru saja dipesan ASN lain. Pilih calon lain."
        return False, "Anda masih memesan calon lain: daftarkan atau lepaskan dulu, lalu pesan calon berikutnya."
    return True, f"Calon dipesan untuk Anda sampai {sampai:%d-%m-%Y %H:%M}."


def lepas(engine: Engine, siapa: Akses) -> tuple[bool, str]:
    """Give up the candidate this ASN holds (audited); they are offered to others again."""
    with engine.begin() as conn:
        if not conn.execute(delete(PesananCalon).where(PesananCalon.nip == (siapa.nip or ""))).rowcount:
            return False, "Anda tidak sedang memesan calon."
        catat_dalam(conn, siapa.email, "calon_lepas", f"nip {siapa.nip}")
    return True, "Pesanan dilepas; calon itu kembali ditawarkan kepada ASN lain."


def pesanan_opd(engine: Engine, akses: Akses, kode_opd: str, sekarang: dt.datetime) -> pd.DataFrame:
    """For an OPD head: the candidates the OPD's ASN hold now (NIK masked; names only where the role sees names)."""
    if not akses.boleh_opd(kode_opd):
        raise AksesDitolak(kode_opd)
    with engine.connect() as conn:
        frame = pd.read_sql(
            select(
                Asn.nip,
                Asn.nama.label("nama_asn"),
                Calon.nama,
                Calon.nik,
                Kelurahan.nama_kelurahan,
                PesananCalon.berlaku_sampai,
            )  # fmt: skip
            .join(PesananCalon, PesananCalon.nip == Asn.nip)
            .join(Calon, Calon.nik == PesananCalon.nik)
            .join(Kelurahan, Kelurahan.kode_kelurahan == Calon.kode_kelurahan)
            .where(Asn.kode_opd == kode_opd, PesananCalon.berlaku_sampai >= sekarang)
            .order_by(PesananCalon.berlaku_sampai),
            conn,
        )
    frame["nik"] = frame["nik"].map(samarkan_nik)
    frame["nama"] = frame["nama"] if akses.lihat_nama_pekerja else frame["nama"].map(samarkan_nama)
    return frame
