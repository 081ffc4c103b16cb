"""Shared pieces of the pages: the database handle, cached loaders keyed by data version, tiles."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlalchemy import Engine

from ptr_core import format as fmt
from ptr_core.dataset import Data
from ptr_core.db import buat_engine, migrasi
from ptr_core.demo import ada_data_demo, muat_demo
from ptr_core.periode import bulan_dari_tanggal
from ptr_core.queries import muat_data, versi_data
from ptr_core.ringkasan import arah_target, ringkasan
from ptr_core.settings import Settings, load_settings


def settings() -> Settings:
    return load_settings()


@st.cache_resource(show_spinner="Menyiapkan basis data (pertama kali: memuat data contoh)...")
def _engine(url: str, demo_otomatis: bool) -> Engine:
    """One engine per database URL; on first use, migrate, and fill an empty embedded SQLite with demo data."""
    engine = buat_engine(url)
    migrasi(engine)
    if demo_otomatis and url.startswith("sqlite") and versi_data(engine) == "0-0":
        muat_demo(engine)
    return engine


def engine() -> Engine:
    s = settings()
    return _engine(s.database_url, s.demo_otomatis)


def versi() -> str:
    return versi_data(engine())


@st.cache_data(show_spinner=False, max_entries=4)
def _data(versi_data: str) -> Data:
    return muat_data(engine())


def data() -> Data:
    return _data(versi())


@st.cache_data(show_spinner=False, max_entries=32)
def _ringkasan(versi_data: str, bulan: str) -> dict:
    return ringkasan(_data(versi_data), bulan, settings())


@st.cache_data(show_spinner=False, max_entries=32)
def _arah(versi_data: str, bulan: str) -> dict:
    return arah_target(_data(versi_data), bulan, settings())


def ringkasan_bulan(bulan: str) -> dict:
    return _ringkasan(versi(), bulan)


def arah_bulan(bulan: str) -> dict:
    return _arah(versi(), bulan)


@st.cache_data(show_spinner=False)
def _demo(versi_data: str) -> bool:
    return ada_data_demo(engine())


def tanggal_data() -> dt.date | None:
    return data().tanggal_terakhir()


def bulan_terpilih() -> str:
    """The month chosen in the sidebar (default: the latest month with data)."""
    return st.session_state.get("bulan") or bulan_dari_tanggal(tanggal_data() or dt.date.today())


def sidebar_umum() -> None:
    terakhir = tanggal_data()
    with st.sidebar:
        st.markdown(f"**Data per {fmt.tanggal(terakhir)}**")
        if _demo(versi()):
            st.warning("DATA CONTOH: angka sintetis untuk peragaan, bukan data resmi.")


def judul(teks: str) -> None:
    st.title(teks)
    terakhir = tanggal_data()
    keterangan = f"Data per {fmt.tanggal(terakhir)}"
    if _demo(versi()):
        st.error(f"**DATA CONTOH** — angka sintetis untuk peragaan. {keterangan}")
    else:
        st.caption(keterangan)
