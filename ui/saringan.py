"""The filters: chosen in the sidebar, shown only on the pages they change, and mirrored in the URL so that a
link reproduces the view."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ptr_core import format as fmt
from ui.data import agregat, daftar_bulan, mode_demo, tanggal_data
from ui.masuk import pengguna

FILTER = ("bulan", "jenis", "kecamatan", "opd")
# The sidebar shows a filter only on the pages it changes: a filter shown is a filter honoured.
HALAMAN_FILTER = {
    "bulan": ("pekerja_saya", "ringkasan", "opd", "kecamatan", "iuran", "manfaat", "target"),
    "jenis": ("ringkasan", "opd"),
    "kecamatan": ("kecamatan",),
}


def halaman_aktif() -> str:
    return st.session_state.get("_halaman", "")


def keterangan_filter() -> str | None:
    """What the page is filtered by, in words ('Disaring: OPD jenis Dinas'), or None."""
    jenis = st.session_state.get("jenis")
    if jenis and halaman_aktif() in HALAMAN_FILTER["jenis"]:
        bagian = "grafik OPD teratas dan terbawah" if halaman_aktif() == "ringkasan" else "daftar OPD"
        return f"Disaring: OPD jenis {fmt.nama_jenis(jenis)} ({bagian}). Ubah di panel samping."
    return None


def baca_url() -> None:
    """On a session's first run, take the filters from the query string."""
    if st.session_state.get("_url_dibaca"):
        return
    for kunci in FILTER:
        if kunci in st.query_params:
            st.session_state[kunci] = st.query_params[kunci]
    st.session_state["_url_dibaca"] = True


def tulis_url() -> None:
    for kunci in FILTER:
        nilai = st.session_state.get(kunci)
        if nilai:
            st.query_params[kunci] = nilai
        elif kunci in st.query_params:
            del st.query_params[kunci]


def bulan_terpilih() -> str:
    """The month chosen in the sidebar (default: the latest month with data)."""
    semua = daftar_bulan()
    pilihan = st.session_state.get("bulan")
    if pilihan in semua:
        return pilihan
    return semua[-1] if semua else f"{dt.date.today():%Y-%m}"


def sidebar() -> None:
    semua = daftar_bulan()
    d = agregat()
    siapa = pengguna()
    with st.sidebar:
        if siapa.lokal:
            st.caption("MODE LOKAL: tanpa login; dengan data asli hanya terbuka dengan kunci lokal.")
        else:
            st.caption(f"Masuk sebagai {siapa.email} ({siapa.peran}{' ' + siapa.kode_opd if siapa.kode_opd else ''})")
            st.button("Keluar", on_click=st.logout, key="keluar")
        st.markdown(f"### Data per {fmt.tanggal(tanggal_data())}")
        if mode_demo():
            st.warning("DATA CONTOH: angka sintetis untuk peragaan, bukan data resmi.")
        halaman = halaman_aktif()
        if semua and halaman in HALAMAN_FILTER["bulan"]:
            if st.session_state.get("bulan") not in semua:
                st.session_state["bulan"] = semua[-1]
            st.selectbox("Bulan", semua[::-1], key="bulan", format_func=fmt.nama_bulan, placeholder="Pilih…")
        # A widget's key is dropped from the session when its widget is not drawn: keep the choice for the pages
        # that show it again (and for the address) under a key of its own.
        jenis = sorted(d.opd["jenis"].dropna().unique())
        if halaman in HALAMAN_FILTER["jenis"]:
            st.session_state.setdefault("jenis", st.session_state.get("_simpan_jenis", ""))
            if st.session_state.get("jenis") not in ("", *jenis):
                st.session_state["jenis"] = ""
            st.selectbox(
                "Jenis OPD",
                ["", *jenis],
                key="jenis",
                format_func=lambda j: fmt.nama_jenis(j) or "Semua jenis",
                placeholder="Pilih…",
            )
        kec = dict(zip(d.kecamatan["kode_kecamatan"], d.kecamatan["nama_kecamatan"]))
        if halaman in HALAMAN_FILTER["kecamatan"] and kec:
            # The Kecamatan page is about one kecamatan: it is always named, never an 'all' that shows another.
            st.session_state.setdefault("kecamatan", st.session_state.get("_simpan_kecamatan"))
            if st.session_state.get("kecamatan") not in kec:
                st.session_state["kecamatan"] = siapa.kode_kecamatan if siapa.kode_kecamatan in kec else next(iter(kec))
            st.selectbox("Kecamatan", list(kec), key="kecamatan", format_func=kec.__getitem__, placeholder="Pilih…")
        if siapa.boleh_halaman("layar"):
            # In a tab of its own, for the projector; on the month chosen here, or following the latest month.
            bulan = st.session_state.get("bulan")
            alamat = "?mode=layar" + (f"&bulan={bulan}" if semua and bulan in semua[:-1] else "")
            st.link_button("Mode layar (presentasi)", alamat, icon=":material/slideshow:")
    for kunci in ("jenis", "kecamatan"):
        if kunci in st.session_state:
            st.session_state[f"_simpan_{kunci}"] = st.session_state[kunci]
    tulis_url()
