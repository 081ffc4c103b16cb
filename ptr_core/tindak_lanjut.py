"""The follow-up lists a user opens (an OPD's ASN, the workers they sponsor, the sponsors behind on payment), a
page at a time: each page reads its own rows through the indexes, however large the unit. The status filter
and each ASN's arrears come from the sponsor summaries stored at commit (agregat_asn); statuses of workers are
computed for the page's workers only, with the same rules as every other figure (keanggotaan). The counts and
totals above the lists are the summaries' (partisipasi.status_sponsor, iuran.tunggakan_per)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Engine, Select, and_, case, func, or_, select, true
from sqlalchemy.orm import aliased

from ptr_core.akses import Akses, AksesDitolak, rincian_terlindungi
from ptr_core.iuran import tunggakan_per_sponsor
from ptr_core.keanggotaan import daftar_pekerja, panel_status
from ptr_core.models import AgregatAsn, Asn, Pekerja
from ptr_core.partisipasi import ATURAN_SPONSOR, SPONSOR_BELUM, status_sponsor_asn
from ptr_core.periode import IndeksBulan, dari_indeks, hari_pertama, hari_terakhir
from ptr_core.queries import _frame, lingkup_opd, muat_data
from ptr_core.settings import Settings

UKURAN = 50
KOLOM_ASN = ["nip", "nama", "status_asn", "status_sponsor", "pekerja_aktif", "pekerja_menunggak", "tunggakan"]
KOLOM_PEKERJA = ["nik", "nama", "pekerjaan", "nama_kelurahan", "nip_sponsor", "status"]
KOLOM_TUNGGAKAN = ["nip_sponsor", "nama", "pekerja", "bulan_tertunggak", "tunggakan"]


@dataclass(frozen=True)
class Halaman:
    """One page of a list: its rows, the length of the whole list, and which page this is (from 1)."""

    baris: pd.DataFrame
    total: int
    nomor: int
    ukuran: int

    @property
    def jumlah(self) -> int:
        """How many pages the list has (at least one, an empty one)."""
        return max(1, math.ceil(self.total / self.ukuran))

    @property
    def dari(self) -> int:
        """The position in the whole list of the page's first row (from 1; 0 on an empty list)."""
        return min((self.nomor - 1) * self.ukuran + 1, self.total)


def _periksa_opd(akses: Akses, kode_opd: str) -> None:
    if not akses.boleh_opd(kode_opd):
        raise AksesDitolak(f"{akses.email} tidak berhak melihat rincian OPD {kode_opd}")


def _baca_halaman(
    conn: Connection, query: Select, urutan: tuple, nomor: int, ukuran: int | None
) -> tuple[pd.DataFrame, int, int, int]:
    """One page of `query` in the order `urutan`: its rows, the whole list's length, the page number within the
    list, and the page size (`ukuran=None`: the whole list as one page)."""
    total = conn.scalar(select(func.count()).select_from(query.subquery())) or 0
    ukuran = max(total, 1) if ukuran is None else ukuran
    # Within the list: it may have shrunk since the page was chosen.
    nomor = min(max(1, int(nomor)), max(1, math.ceil(total / ukuran)))
    return _frame(conn, query.order_by(*urutan).limit(ukuran).offset((nomor - 1) * ukuran)), total, nomor, ukuran


# --- an OPD's active ASN and their sponsorship in a month (partisipasi.status_sponsor's statuses, per ASN).
def _asn_opd(kode_opd: str, bulan: IndeksBulan) -> tuple[Select, ColumnElement[str]]:
    a = aliased(AgregatAsn)
    jumlah = {"aktif": func.coalesce(a.aktif, 0), "menunggak": func.coalesce(a.menunggak, 0)}
    aktif, menunggak = jumlah["aktif"], jumlah["menunggak"]
    # partisipasi.status_sponsor_asn's rule table as SQL, for the status filter.
    status = case(*((jumlah[kolom] > 0, nama) for nama, kolom in ATURAN_SPONSOR), else_=SPONSOR_BELUM)
    query = (
        select(
            Asn.nip,
            Asn.nama,
            Asn.status.label("status_asn"),
            aktif.label("pekerja_aktif"),
            menunggak.label("pekerja_menunggak"),
        )
        .outerjoin(a, and_(a.nip == Asn.nip, a.bulan == bulan))
        .where(Asn.kode_opd == kode_opd, Asn.aktif.is_(true()))
    )
    return query, status


def _tunggakan(conn: Connection, nip: list[str] | Select, bulan: IndeksBulan) -> pd.Series:
    """Arrears up to the month per sponsor NIP (the arrears of each month summed)."""
    query = (
        select(AgregatAsn.nip, func.sum(AgregatAsn.kurang).label("tunggakan"))
        .where(AgregatAsn.nip.in_(nip), AgregatAsn.bulan <= bulan)
        .group_by(AgregatAsn.nip)
    )
    return _frame(conn, query).set_index("nip")["tunggakan"]


def halaman_asn_opd(
    engine: Engine,
    akses: Akses,
    kode_opd: str,
    bulan: IndeksBulan,
    status: str | None = None,
    nomor: int = 1,
    ukuran: int | None = UKURAN,
) -> Halaman:
    """A page of the OPD's active ASN, by name then NIP, with their sponsorship status in the month, their
    workers aktif and menunggak, and their arrears up to the month; only those of `status` when given.
    `ukuran=None`: the whole list as one page (the follow-up download)."""
    _periksa_opd(akses, kode_opd)
    query, status_sponsor = _asn_opd(kode_opd, bulan)
    if status is not None:
        query = query.where(status_sponsor == status)
    semua = ukuran is None
    with engine.connect() as conn:
        baris, total, nomor, ukuran = _baca_halaman(conn, query, (Asn.nama, Asn.nip), nomor, ukuran)
        # The whole list: one grouped read of the OPD's sponsors instead of a long IN list.
        nip = select(Asn.nip).where(Asn.kode_opd == kode_opd) if semua else list(baris["nip"])
        tunggakan = _tunggakan(conn, nip, bulan)
    baris["tunggakan"] = baris["nip"].map(tunggakan).fillna(0)
    jumlah = baris.rename(columns={"pekerja_aktif": "aktif", "pekerja_menunggak": "menunggak"})
    baris["status_sponsor"] = status_sponsor_asn(jumlah)
    jumlah = baris.rename(columns={"pekerja_aktif": "aktif", "pekerja_menunggak": "menunggak"})
    baris["status_sponsor"] = status_sponsor_asn(jumlah)
    baris = baris.astype({"pekerja_aktif": "int64", "pekerja_menunggak": "int64", "tunggakan": "int64"})
    return Halaman(baris[KOLOM_ASN], total, nomor, ukuran)


# --- the workers an OPD's ASN sponsor in a month.
URUTAN_PEKERJA = (Pekerja.nama, Pekerja.nik)


def _pekerja_opd(kode_opd: str, bulan: IndeksBulan) -> Select:
    """The workers in the OPD's list in the month, through the enrolment the month belongs to (keanggotaan):
    registered by the month's last day, no later registration by then, not stopped before the month's first
    day, and sponsored by an ASN of the OPD (in the roster, active or not). Lapsed ones stay, as nonaktif. This is
    keanggotaan.status_inti's ownership rule written in SQL to page the list; a property test (tests/test_sifat.py)
    holds the two, and the lists' statuses and arrears, to the same answers on random worlds on both backends."""
    b = dari_indeks(bulan)
    lain = aliased(Pekerja)
    kemudian = select(lain.id).where(
        lain.nik == Pekerja.nik, lain.tanggal_daftar > Pekerja.tanggal_daftar, lain.tanggal_daftar <= hari_terakhir(b)
    )
    return (
        select(Pekerja.nik, Pekerja.nama)
        .join(Asn, Asn.nip == Pekerja.nip_sponsor)
        .where(
            Asn.kode_opd == kode_opd,
            Pekerja.tanggal_daftar <= hari_terakhir(b),
            or_(Pekerja.tanggal_berhenti.is_(None), Pekerja.tanggal_berhenti >= hari_pertama(b)),
            ~kemudian.exists(),
        )
    )


def _pekerja(engine: Engine, kode_opd: str, nik: list[str], bulan: IndeksBulan, settings: Settings) -> pd.DataFrame:
    """The workers `nik` of the OPD's list in the month (_pekerja_opd), in that order, with their status."""
    sponsor = select(Pekerja.nip_sponsor).where(Pekerja.nik.in_(nik))
    data = muat_data(engine, (nik, sponsor))
    panel = panel_status(data.pekerja, data.iuran, bulan, settings)
    hasil = daftar_pekerja(data.pekerja, panel, bulan)
    hasil = hasil[hasil["nip_sponsor"].isin(data.asn.loc[data.asn["kode_opd"] == kode_opd, "nip"])]
    urutan = pd.Series(range(len(nik)), index=nik)
    return hasil.iloc[urutan[hasil["nik"]].argsort()].reset_index(drop=True)


def halaman_pekerja_opd(
    engine: Engine,
    akses: Akses,
    kode_opd: str,
    bulan: IndeksBulan,
    settings: Settings,
    nomor: int = 1,
    ukuran: int = UKURAN,
    nik_penuh: bool = False,
) -> Halaman:
    """A page of the workers sponsored by the OPD's ASN in the month, by name then NIK, with their status (NIK
    masked and names hidden as the viewer's role requires)."""
    _periksa_opd(akses, kode_opd)
    with engine.connect() as conn:
        urut, total, nomor, ukuran = _baca_halaman(conn, _pekerja_opd(kode_opd, bulan), URUTAN_PEKERJA, nomor, ukuran)
    baris = _pekerja(engine, kode_opd, list(urut["nik"]), bulan, settings)[KOLOM_PEKERJA]
    return Halaman(rincian_terlindungi(akses, baris, nik_penuh), total, nomor, ukuran)


def semua_pekerja_opd(
    engine: Engine,
    akses: Akses,
    kode_opd: str,
    bulan: IndeksBulan,
    settings: Settings,
    nik_penuh: bool = False,
    blok: int = 5_000,
) -> Iterator[pd.DataFrame]:
    """The whole list of halaman_pekerja_opd, in blocks of `blok` workers (memory bounded by a block); the
    list's order is read once, not a count and an OFFSET per block."""
    _periksa_opd(akses, kode_opd)
    with engine.connect() as conn:
        nik = list(conn.scalars(_pekerja_opd(kode_opd, bulan).order_by(*URUTAN_PEKERJA)))
    for awal in range(0, max(len(nik), 1), blok):
        baris = _pekerja(engine, kode_opd, nik[awal : awal + blok], bulan, settings)[KOLOM_PEKERJA]
        yield rincian_terlindungi(akses, baris, nik_penuh)


# --- sponsors behind on payment.
def halaman_tunggakan_sponsor(
    engine: Engine,
    akses: Akses,
    kode_opd: str,
    bulan: IndeksBulan,
    settings: Settings,
    nomor: int = 1,
    ukuran: int | None = UKURAN,
) -> Halaman:
    """A page of the OPD's ASN (in the roster, active or not) whose workers owe contributions up to the month,
    largest arrears first: the workers behind, the unpaid worker-months and the amount
    (iuran.tunggakan_per_sponsor's definitions). `ukuran=None`: the whole list (a download)."""
    _periksa_opd(akses, kode_opd)
    tunggakan = func.sum(AgregatAsn.kurang)
    query = (
        select(
            Asn.nip.label("nip_sponsor"),
            Asn.nama,
            func.sum(AgregatAsn.menunggak).label("bulan_tertunggak"),
            tunggakan.label("tunggakan"),
        )
        .join(AgregatAsn, AgregatAsn.nip == Asn.nip)
        .where(Asn.kode_opd == kode_opd, AgregatAsn.bulan <= bulan)
        .group_by(Asn.nip, Asn.nama)
        .having(tunggakan > 0)
    )
    semua = ukuran is None
    with engine.connect() as conn:
        baris, total, nomor, ukuran = _baca_halaman(conn, query, (tunggakan.desc(), Asn.nip), nomor, ukuran)
    # Distinct workers behind is not additive over months: counted from the sponsors' own rows.
    nip = list(baris["nip_sponsor"])
    lingkup = lingkup_opd(kode_opd) if semua else (select(Pekerja.nik).where(Pekerja.nip_sponsor.in_(nip)), nip)
    data = muat_data(engine, lingkup)
    panel = panel_status(data.pekerja, data.iuran, bulan, settings)
    pekerja = tunggakan_per_sponsor(panel, bulan, settings).set_index("nip_sponsor")["pekerja"]
    baris["pekerja"] = baris["nip_sponsor"].map(pekerja).fillna(0)
    baris = baris.astype({"pekerja": "int64", "bulan_tertunggak": "int64", "tunggakan": "int64"})
    return Halaman(baris[KOLOM_TUNGGAKAN], total, nomor, ukuran)


def tindak_lanjut_opd(
    engine: Engine, akses: Akses, kode_opd: str, bulan: IndeksBulan, settings: Settings, nik_penuh: bool = False
) -> dict[str, pd.DataFrame]:
    """The OPD's whole follow-up lists for a download: its active ASN, the workers they sponsor, and the
    registrations they submitted (pending, approved or rejected with the reason)."""
    from ptr_core.pengajuan import pengajuan_opd

    asn = halaman_asn_opd(engine, akses, kode_opd, bulan, ukuran=None).baris
    pekerja = pd.concat(semua_pekerja_opd(engine, akses, kode_opd, bulan, settings, nik_penuh), ignore_index=True)
    return {"ASN": asn, "Pekerja": pekerja, "Pengajuan": pengajuan_opd(engine, akses, kode_opd)}
