"""Pekerja Saya: the workers one ASN sponsors, as that ASN sees them (issue 17).

For each registration by the ASN (a `pekerja` row whose nip_sponsor is theirs): its status in the month shown
(the one definition in `keanggotaan`: aktif, menunggak, nonaktif; `berhenti` once the registration has
ended, by its tanggal_berhenti or by a later registration of the same worker; `belum mulai` before its first
month), the months paid up to then, and what is
owed (`iuran.kekurangan_bayar`: the rate minus what was paid for each menunggak month) with those months named,
so that the ASN knows exactly what to pay. Every registration of the ASN's workers is read, whoever sponsored it,
so that each membership is seen whole; only the ASN's own registrations are returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from ptr_core import validasi as v
from ptr_core.akses import Akses
from ptr_core.iuran import kekurangan_bayar
from ptr_core.keanggotaan import AKTIF, panel_status
from ptr_core.models import Pekerja
from ptr_core.pengajuan import berjalan
from ptr_core.periode import IndeksBulan, dari_indeks, indeks_tanggal
from ptr_core.privasi import samarkan
from ptr_core.queries import muat_data
from ptr_core.settings import Settings

BERHENTI = "berhenti"  # the registration has ended (its stop date, or a later registration of the worker)
BELUM_MULAI = "belum mulai"  # registered from a month after the one shown


@dataclass(frozen=True)
class PekerjaSaya:
    pekerja: pd.DataFrame  # one row per registration by the ASN, newest first; bulan_tertunggak a list of months
    riwayat: pd.DataFrame  # bulan (index), nik, nama, status, dibayar: every month of those registrations
    nama_asn: str = ""


def pekerja_saya(
    pekerja: pd.DataFrame, iuran: pd.DataFrame, nip: str, bulan: IndeksBulan, settings: Settings
) -> PekerjaSaya:
    """The registrations sponsored by `nip` with their status in month index `bulan`, months paid up, arrears up
    to that month (amount and months), and their month-by-month history. `pekerja` and `iuran` hold at least
    every registration and payment of the ASN's workers."""
    kolom = ["nik", "nama", "pekerjaan", "nama_kelurahan", "nomor_kpj", "tanggal_daftar", "tanggal_berhenti"]
    if pekerja.empty:
        kosong = pd.DataFrame(columns=[*kolom, "status", "bulan_lunas", "tunggakan", "bulan_tertunggak"])
        return PekerjaSaya(kosong, pd.DataFrame(columns=["bulan", "nik", "nama", "status", "dibayar"]))
    pekerja = pekerja.reset_index(drop=True)
    panel = panel_status(pekerja, iuran, bulan, settings)
    milik = pekerja.index[pekerja["nip_sponsor"] == nip]
    panel = panel[panel["keanggotaan"].isin(milik)]
    sekarang = panel[panel["bulan"] == bulan].set_index("keanggotaan")["status"]
    lunas = panel[panel["status"] == AKTIF].groupby("keanggotaan").size()
    kurang = kekurangan_bayar(panel, bulan, settings)
    utang = kurang.groupby("keanggotaan").agg(
        tunggakan=("kurang", "sum"), bulan_tertunggak=("bulan", lambda b: [dari_indeks(int(x)) for x in b])
    )
    hasil = pekerja.loc[milik, kolom].copy()
    mulai_nanti = indeks_tanggal(pekerja.loc[milik, "tanggal_daftar"]) > bulan
    hasil["status"] = sekarang.reindex(milik).fillna(BERHENTI).where(~mulai_nanti, BELUM_MULAI).to_numpy()
    hasil["bulan_lunas"] = lunas.reindex(milik).fillna(0).astype("int64").to_numpy()
    hasil["tunggakan"] = utang["tunggakan"].reindex(milik).fillna(0).astype("int64").to_numpy()
    tertunggak = utang["bulan_tertunggak"].reindex(milik)
    hasil["bulan_tertunggak"] = [b if isinstance(b, list) else [] for b in tertunggak]
    hasil = hasil.sort_values("tanggal_daftar", ascending=False).reset_index(drop=True)
    riwayat = panel.assign(nama=pekerja["nama"].to_numpy()[panel["keanggotaan"].to_numpy()])
    return PekerjaSaya(hasil, riwayat[["bulan", "nik", "nama", "status", "dibayar"]].reset_index(drop=True))


def muat_pekerja_saya(engine: Engine, nip: str, bulan: IndeksBulan, settings: Settings) -> PekerjaSaya:
    """`pekerja_saya` from the database: the ASN's workers' registrations and payments only (through the
    indexes on nip_sponsor and nik)."""
    nik = select(Pekerja.nik).where(Pekerja.nip_sponsor == nip)
    data = muat_data(engine, (nik, [nip]))
    hasil = pekerja_saya(data.pekerja, data.iuran, nip, bulan, settings)
    nama = data.asn["nama"].iloc[0] if len(data.asn) else ""
    return PekerjaSaya(hasil.pekerja, hasil.riwayat, nama)


BULAN_PERINGATAN_USIA = 3  # how far ahead sponsors and staff are told that a worker reaches 65


def menjelang_65(pekerja: pd.DataFrame, hari_ini: dt.date, bulan: int = BULAN_PERINGATAN_USIA) -> pd.DataFrame:
    """The registrations still running on `hari_ini` (no stop date, or one still ahead) whose worker turns 65 (the
    BPU limit: membership up to 64 years 11 months) on or before `bulan` months from today, or already has,
    earliest first, with `tanggal_65`. The birth date is the NIK's (`validasi.rincian_nik`)."""
    berhenti = pd.to_datetime(pekerja["tanggal_berhenti"])
    berjalan = pekerja[berhenti.isna() | (berhenti >= pd.Timestamp(hari_ini))]
    tanggal_65 = berjalan["nik"].map(lambda nik: _ulang_tahun_65(nik, hari_ini))
    batas = (pd.Timestamp(hari_ini) + pd.DateOffset(months=bulan)).date()
    hasil = berjalan.assign(tanggal_65=tanggal_65)
    # As booleans: mapped over no row, the mask would be an empty float Series, which selects columns instead.
    segera = hasil[hasil["tanggal_65"].map(lambda t: t is not None and t <= batas).astype(bool)]
    return segera.sort_values(["tanggal_65", "nik"]).reset_index(drop=True)


def menjelang_65_semua(engine: Engine, akses: Akses, hari_ini: dt.date, nik_penuh: bool = False) -> pd.DataFrame:
    """For staff: `menjelang_65` over every registration, with its sponsor; NIK masked unless an admin revealed it
    (`nik_penuh`, which the page records in the audit trail)."""
    with engine.connect() as conn:
        pekerja = pd.read_sql(
            select(
                Pekerja.nik, Pekerja.nama, Pekerja.nip_sponsor, Pekerja.tanggal_daftar, Pekerja.tanggal_berhenti
            ).where(berjalan(hari_ini)),
            conn,
        )
    hasil = menjelang_65(pekerja, hari_ini)
    return samarkan(hasil, tampilkan_nik=akses.nik_utuh(nik_penuh))


def _ulang_tahun_65(nik: str, hari_ini: dt.date) -> dt.date | None:
    """None for a NIK whose digits 7-12 are no birth date (accepted by uploads made before this was checked)."""
    try:
        return v.ulang_tahun_65(v.rincian_nik(nik, hari_ini).tanggal_lahir)
    except v.NilaiSalah:
        return None
