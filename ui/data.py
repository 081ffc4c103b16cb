"""The dashboard's data: the settings, the database handle, and the cached calls into ptr_core, keyed by the
database and its data version so that a commit shows at the next view."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import lru_cache, partial

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from ptr_core import agregat_db
from ptr_core.agregat import Agregat
from ptr_core.akses import Akses
from ptr_core.cakupan import tren_cakupan
from ptr_core.db import buat_engine, migrasi
from ptr_core.demo import ada_data_demo, muat_demo
from ptr_core.ekspor import ke_xlsx
from ptr_core.klaim import klaim_lepas, manfaat_bulan, muat_klaim
from ptr_core.partisipasi import tren_partisipasi
from ptr_core.periode import IndeksBulan, ke_indeks
from ptr_core.peta import peta_terakhir
from ptr_core.program_lain import DuaKali
from ptr_core.program_lain import muat as muat_dua_kali
from ptr_core.queries import ada_unggahan, aktif_per_kelurahan, versi_data
from ptr_core.rekonsiliasi import kelas_kota, rekonsiliasi_db, terkonfirmasi_bpjs
from ptr_core.ringkasan import AngkaBulan, ArahTarget, Manfaat, RekonsiliasiBpjs, arah_target, ringkasan
from ptr_core.settings import SECRETS, Settings, load_settings
from ptr_core.tindak_lanjut import (
    Halaman,
    halaman_asn_opd,
    halaman_pekerja_opd,
    halaman_tunggakan_sponsor,
    tindak_lanjut_opd,
)

BULAN_TREN = 24


def settings() -> Settings:
    """The settings (ptr_core.settings), read once for each environment and secrets file rather than at every call:
    a changed `PTR_*` variable (each test sets its own) or an edited secrets file is still seen at once."""
    lingkungan = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("PTR_")))
    try:
        secrets = SECRETS.stat().st_mtime_ns
    except FileNotFoundError:
        secrets = None
    return _settings(lingkungan, secrets)


@lru_cache(maxsize=8)
def _settings(lingkungan: tuple[tuple[str, str], ...], secrets: int | None) -> Settings:
    """The arguments are only the cache's key: what load_settings reads."""
    return load_settings()


@st.cache_resource(show_spinner="Menyiapkan basis data (pertama kali: memuat data contoh)...")
def _engine(s: Settings) -> Engine:
    """One engine per database URL (and settings); on first use, migrate, and fill an empty embedded SQLite with
    demo data."""
    engine = buat_engine(s.database_url)
    migrasi(engine)
    if s.demo_otomatis and s.database_url.startswith("sqlite") and not ada_unggahan(engine):
        muat_demo(engine, s)
    return engine


def engine() -> Engine:
    s = settings()
    return _engine(s)


def baca_versi() -> str:
    """Read the data version now and make it this run's. The app's frame calls it once at the top of every run;
    the presentation mode at every advance of its slides (a fragment's rerun runs no frame)."""
    st.session_state["_versi"] = f"{settings().database_url}#{versi_data(engine())}"
    return st.session_state["_versi"]


def versi() -> str:
    """The key of every cache below: the database and its data version (two databases in one process, as in
    the tests or a server pointed elsewhere, never share figures), read once per run so that one page never
    mixes figures of two versions when an upload commits while it is drawn."""
    return st.session_state.get("_versi") or baca_versi()


# --- cached calls into ptr_core: keyed by the data version, so a commit shows at the next view.
@st.cache_resource(show_spinner=False, max_entries=4)
def _agregat(versi_data: str) -> Agregat:
    """The summaries stored at the last commit: all the dashboard's figures come from these small tables."""
    return agregat_db.muat(engine(), settings())


@st.cache_data(show_spinner=False, max_entries=32)
def _per_kelurahan(versi_data: str, kode: str) -> pd.DataFrame:
    return aktif_per_kelurahan(engine(), kode)


# --- the follow-up lists, a page at a time (ptr_core.tindak_lanjut); keyed by the viewer too (masking, scope).
@st.cache_data(show_spinner="Mencocokkan data program dengan laporan BPJS…", max_entries=4)
def _kelas_kota(versi_data: str, tanggal: dt.date) -> tuple[str, dict[str, pd.DataFrame]]:
    # Once per data version and report, for every viewer and for both the page and the Terkonfirmasi tile.
    return kelas_kota(engine(), settings(), tanggal)


@st.cache_data(show_spinner=False, max_entries=16)
def _rekonsiliasi(versi_data: str, siapa: Akses, nik_penuh: bool) -> tuple[str | None, dict[str, pd.DataFrame]]:
    return rekonsiliasi_db(engine(), siapa, settings(), partial(_kelas_kota, versi_data), nik_penuh)


def rekonsiliasi(siapa: Akses, nik_penuh: bool) -> tuple[str | None, dict[str, pd.DataFrame]]:
    """The latest BPJS report's month and the reconciliation's classes as `siapa` may see them (`nik_penuh`: an
    admin revealed the NIKs)."""
    return _rekonsiliasi(versi(), siapa, nik_penuh)


@st.cache_data(show_spinner=False, max_entries=64)
def _halaman_asn(
    versi_data: str, siapa: Akses, kode: str, bulan: IndeksBulan, status: str | None, nomor: int
) -> Halaman:
    return halaman_asn_opd(engine(), siapa, kode, bulan, status, nomor)


@st.cache_data(show_spinner=False, max_entries=64)
def _halaman_pekerja(
    versi_data: str, siapa: Akses, kode: str, bulan: IndeksBulan, nomor: int, nik_penuh: bool
) -> Halaman:
    return halaman_pekerja_opd(engine(), siapa, kode, bulan, settings(), nomor, nik_penuh=nik_penuh)


@st.cache_data(show_spinner=False, max_entries=64)
def _halaman_tunggakan(versi_data: str, siapa: Akses, kode: str, bulan: IndeksBulan, nomor: int) -> Halaman:
    return halaman_tunggakan_sponsor(engine(), siapa, kode, bulan, settings(), nomor)


@st.cache_data(show_spinner=False, max_entries=32)
def _ringkasan(versi_data: str, bulan: str) -> AngkaBulan:
    return ringkasan(_agregat(versi_data), bulan, settings())


@st.cache_data(show_spinner=False, max_entries=32)
def _arah(versi_data: str, bulan: str) -> ArahTarget:
    return arah_target(_agregat(versi_data), bulan, settings())


@st.cache_data(show_spinner=False, max_entries=8)
def _tren_cakupan(versi_data: str, bulan: str) -> pd.DataFrame:
    ik = _agregat(versi_data)
    return tren_cakupan(ik, _awal_tren(ik, bulan), ke_indeks(bulan))


@st.cache_data(show_spinner=False, max_entries=8)
def _tren_partisipasi(versi_data: str, bulan: str) -> pd.DataFrame:
    ik = _agregat(versi_data)
    return tren_partisipasi(ik, _awal_tren(ik, bulan), ke_indeks(bulan))


@st.cache_data(show_spinner=False)
def _demo(versi_data: str) -> bool:
    return ada_data_demo(engine())


@st.cache_data(show_spinner=False)
def _peta(versi_data: str) -> dict | None:
    return peta_terakhir(engine())


def agregat() -> Agregat:
    return _agregat(versi())


def per_kelurahan(kode_kecamatan: str) -> pd.DataFrame:
    """A kecamatan's workers aktif per month, kelurahan and pekerjaan (its rows of the kelurahan summary)."""
    return _per_kelurahan(versi(), kode_kecamatan)


def halaman_asn(siapa: Akses, kode_opd: str, bulan: IndeksBulan, status: str | None, nomor: int) -> Halaman:
    return _halaman_asn(versi(), siapa, kode_opd, bulan, status, nomor)


def halaman_pekerja(siapa: Akses, kode_opd: str, bulan: IndeksBulan, nomor: int, nik_penuh: bool) -> Halaman:
    return _halaman_pekerja(versi(), siapa, kode_opd, bulan, nomor, nik_penuh)


def halaman_tunggakan(siapa: Akses, kode_opd: str, bulan: IndeksBulan, nomor: int) -> Halaman:
    return _halaman_tunggakan(versi(), siapa, kode_opd, bulan, nomor)


def tunggakan_sponsor(siapa: Akses, kode_opd: str, bulan: IndeksBulan) -> Callable[[], bytes]:
    """The OPD's whole list of sponsors behind on payment as XLSX, built only when the download is clicked."""
    e, s = engine(), settings()
    return lambda: ke_xlsx({"Tunggakan": halaman_tunggakan_sponsor(e, siapa, kode_opd, bulan, s, ukuran=None).baris})


def tindak_lanjut(siapa: Akses, kode_opd: str, bulan: IndeksBulan, nik_penuh: bool) -> Callable[[], bytes]:
    """The OPD's follow-up workbook, built only when the download is clicked (the whole OPD's rows)."""
    e, s = engine(), settings()
    return lambda: ke_xlsx(tindak_lanjut_opd(e, siapa, kode_opd, bulan, s, nik_penuh))


def ringkasan_bulan(bulan: str) -> AngkaBulan:
    return _ringkasan(versi(), bulan)


def arah_bulan(bulan: str) -> ArahTarget:
    return _arah(versi(), bulan)


def tren_cakupan_bulan(bulan: str) -> pd.DataFrame:
    return _tren_cakupan(versi(), bulan)


def tren_partisipasi_bulan(bulan: str) -> pd.DataFrame:
    return _tren_partisipasi(versi(), bulan)


def peta() -> dict | None:
    return _peta(versi())


def mode_demo() -> bool:
    return _demo(versi())


def tanggal_data() -> dt.date | None:
    return agregat().tanggal_terakhir()


def siapkan_ringkasan() -> None:
    """After a save on this page: the data version read again, and the figures the Ringkasan opens with computed
    now for it (the month's summary, the trend, and the BPJS confirmation, whose reconciliation of the city takes
    seconds), so that the staff member who saved waits for them here, not the next viewer (the Walikota's screen).
    The caches are shared by every session of the server."""
    baca_versi()
    if semua := daftar_bulan():
        terakhir = semua[-1]
        ringkasan_bulan(terakhir)
        tren_cakupan_bulan(terakhir)
        terkonfirmasi(terakhir)


def daftar_bulan() -> list[str]:
    return agregat().daftar_bulan()


def awal_tren(bulan: str) -> IndeksBulan:
    return _awal_tren(agregat(), bulan)


def _awal_tren(ik: Agregat, bulan: str) -> IndeksBulan:
    """The first month of a trend chart: up to two years back, not before the data begins (in the summaries of
    the version a cached trend is keyed by, not the current one)."""
    semua = ik.daftar_bulan()
    pertama = ke_indeks(semua[0]) if semua else ke_indeks(bulan)
    return IndeksBulan(max(ke_indeks(bulan) - BULAN_TREN + 1, min(pertama, ke_indeks(bulan))))


# --- klaim and the BPJS confirmation beside the headline figures (issue 18).
@st.cache_data(show_spinner=False, max_entries=4)
def _klaim(versi_data: str) -> pd.DataFrame:
    return muat_klaim(engine())


@st.cache_data(show_spinner=False, max_entries=16)
def _terkonfirmasi(versi_data: str, bulan: str) -> RekonsiliasiBpjs | None:
    return terkonfirmasi_bpjs(engine(), settings(), bulan, partial(_kelas_kota, versi_data))


@st.cache_data(show_spinner=False, max_entries=4)
def _klaim_lepas(versi_data: str) -> pd.DataFrame:
    with engine().connect() as conn:
        return klaim_lepas(conn)


@st.cache_data(show_spinner=False, max_entries=4)
def _dua_kali(versi_data: str) -> DuaKali:
    return muat_dua_kali(engine())


def dua_kali() -> DuaKali:
    """The programme's workers another programme covers too, with what was paid for them (ptr_core.program_lain)."""
    return _dua_kali(versi())


def klaim_tanpa_pendaftaran() -> pd.DataFrame:
    """The claims no registration was in force for on their incident day (ptr_core.klaim.klaim_lepas)."""
    return _klaim_lepas(versi())


def klaim() -> pd.DataFrame:
    """Every claim stored, with the registration it belongs to (ptr_core.klaim.muat_klaim)."""
    return _klaim(versi())


def manfaat(bulan: str) -> Manfaat:
    """summary --json's `manfaat` for month `bulan`."""
    return manfaat_bulan(klaim(), agregat().bulanan, ke_indeks(bulan))


def terkonfirmasi(bulan: str) -> RekonsiliasiBpjs | None:
    """summary --json's `rekonsiliasi_bpjs` for month `bulan`: the latest BPJS report up to it, or None."""
    return _terkonfirmasi(versi(), bulan)
