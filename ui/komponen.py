"""Shared pieces of the pages: the database handle, cached calls into ptr_core keyed by data version,
the sidebar filters mirrored in the URL, and the chart frame (title, table tab, downloads)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from textwrap import wrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy import Engine

from ptr_core import agregat_db, daftar
from ptr_core import format as fmt
from ptr_core.agregat import Ikhtisar
from ptr_core.akses import Akses, cari_pengguna, kunci_lokal, mode_lokal
from ptr_core.audit import catat
from ptr_core.cakupan import tren_cakupan
from ptr_core.daftar import Halaman
from ptr_core.db import buat_engine, migrasi
from ptr_core.demo import ada_data_asli, ada_data_demo, muat_demo
from ptr_core.ekspor import ke_csv, ke_xlsx
from ptr_core.partisipasi import tren_partisipasi
from ptr_core.periode import ke_indeks
from ptr_core.peta import peta_terakhir
from ptr_core.queries import ada_unggahan, aktif_per_kelurahan, versi_data
from ptr_core.ringkasan import arah_target, ringkasan
from ptr_core.settings import Settings, load_settings

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
PALET = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
BULAN_TREN = 24
PESAN_KOSONG = "Belum ada data. Unggah data di halaman **Unggah Data**."


def settings() -> Settings:
    return load_settings()


@st.cache_resource(show_spinner="Menyiapkan basis data (pertama kali: memuat data contoh)...")
def _engine(url: str, demo_otomatis: bool) -> Engine:
    """One engine per database URL; on first use, migrate, and fill an empty embedded SQLite with demo data."""
    engine = buat_engine(url)
    migrasi(engine)
    if demo_otomatis and url.startswith("sqlite") and not ada_unggahan(engine):
        muat_demo(engine)
    return engine


def engine() -> Engine:
    s = settings()
    return _engine(s.database_url, s.demo_otomatis)


def versi() -> str:
    """The key of every cache below: the database and its data version (two databases in one process, as in
    the tests or a server pointed elsewhere, never share figures)."""
    return f"{settings().database_url}#{versi_data(engine())}"


# --- cached calls into ptr_core: keyed by the data version, so a commit shows at the next view.
@st.cache_resource(show_spinner=False, max_entries=4)
def _ikhtisar(versi_data: str) -> Ikhtisar:
    """The summaries stored at the last commit: all the dashboard's figures come from these small tables."""
    return agregat_db.muat(engine(), settings())


@st.cache_data(show_spinner=False, max_entries=32)
def _per_kelurahan(versi_data: str, kode: str) -> pd.DataFrame:
    return aktif_per_kelurahan(engine(), kode)


# --- the follow-up lists, a page at a time (ptr_core.daftar); keyed by the viewer too (masking, scope).
@st.cache_data(show_spinner=False, max_entries=64)
def _halaman_asn(versi_data: str, siapa: Akses, kode: str, bulan: int, status: str | None, nomor: int) -> Halaman:
    return daftar.halaman_asn_opd(engine(), siapa, kode, bulan, status, nomor)


@st.cache_data(show_spinner=False, max_entries=64)
def _halaman_pekerja(versi_data: str, siapa: Akses, kode: str, bulan: int, nomor: int, nik_penuh: bool) -> Halaman:
    return daftar.halaman_pekerja_opd(engine(), siapa, kode, bulan, settings(), nomor, nik_penuh=nik_penuh)


@st.cache_data(show_spinner=False, max_entries=64)
def _halaman_tunggakan(versi_data: str, siapa: Akses, kode: str, bulan: int, nomor: int) -> Halaman:
    return daftar.halaman_tunggakan_sponsor(engine(), siapa, kode, bulan, settings(), nomor)


@st.cache_data(show_spinner=False, max_entries=32)
def _ringkasan(versi_data: str, bulan: str) -> dict:
    return ringkasan(_ikhtisar(versi_data), bulan, settings())


@st.cache_data(show_spinner=False, max_entries=32)
def _arah(versi_data: str, bulan: str) -> dict:
    return arah_target(_ikhtisar(versi_data), bulan, settings())


@st.cache_data(show_spinner=False, max_entries=8)
def _tren_cakupan(versi_data: str, bulan: str) -> pd.DataFrame:
    return tren_cakupan(_ikhtisar(versi_data), awal_tren(bulan), ke_indeks(bulan))


@st.cache_data(show_spinner=False, max_entries=8)
def _tren_partisipasi(versi_data: str, bulan: str) -> pd.DataFrame:
    return tren_partisipasi(_ikhtisar(versi_data), awal_tren(bulan), ke_indeks(bulan))


@st.cache_data(show_spinner=False)
def _demo(versi_data: str) -> bool:
    return ada_data_demo(engine())


@st.cache_data(show_spinner=False)
def _peta(versi_data: str) -> dict | None:
    return peta_terakhir(engine())


def ikhtisar() -> Ikhtisar:
    return _ikhtisar(versi())


def per_kelurahan(kode_kecamatan: str) -> pd.DataFrame:
    """A kecamatan's workers aktif per month, kelurahan and pekerjaan (its rows of the kelurahan summary)."""
    return _per_kelurahan(versi(), kode_kecamatan)


def halaman_asn(kode_opd: str, bulan: int, status: str | None, nomor: int) -> Halaman:
    return _halaman_asn(versi(), pengguna(), kode_opd, bulan, status, nomor)


def halaman_pekerja(kode_opd: str, bulan: int, nomor: int, nik_penuh: bool) -> Halaman:
    return _halaman_pekerja(versi(), pengguna(), kode_opd, bulan, nomor, nik_penuh)


def halaman_tunggakan(kode_opd: str, bulan: int, nomor: int) -> Halaman:
    return _halaman_tunggakan(versi(), pengguna(), kode_opd, bulan, nomor)


def tunggakan_sponsor(kode_opd: str, bulan: int) -> Callable[[], bytes]:
    """The OPD's whole list of sponsors behind on payment as XLSX, built only when the download is clicked."""
    e, siapa, s = engine(), pengguna(), settings()
    return lambda: ke_xlsx(
        {"Tunggakan": daftar.halaman_tunggakan_sponsor(e, siapa, kode_opd, bulan, s, ukuran=None).baris}
    )


def tindak_lanjut(kode_opd: str, bulan: int, nik_penuh: bool) -> Callable[[], bytes]:
    """The OPD's follow-up workbook, built only when the download is clicked (the whole OPD's rows)."""
    e, siapa, s = engine(), pengguna(), settings()
    return lambda: ke_xlsx(daftar.tindak_lanjut_opd(e, siapa, kode_opd, bulan, s, nik_penuh))


def ringkasan_bulan(bulan: str) -> dict:
    return _ringkasan(versi(), bulan)


def arah_bulan(bulan: str) -> dict:
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
    return ikhtisar().tanggal_terakhir()


def daftar_bulan() -> list[str]:
    return ikhtisar().daftar_bulan()


def awal_tren(bulan: str) -> int:
    """The first month of a trend chart: up to two years back, not before the data begins."""
    semua = daftar_bulan()
    pertama = ke_indeks(semua[0]) if semua else ke_indeks(bulan)
    return max(ke_indeks(bulan) - BULAN_TREN + 1, min(pertama, ke_indeks(bulan)))


# --- filters: in the sidebar, mirrored in the URL so that a link reproduces the view.
FILTER = ("bulan", "jenis", "kecamatan", "opd")
# The sidebar shows a filter only on the pages it changes: a filter shown is a filter honoured.
HALAMAN_FILTER = {
    "bulan": ("pekerja_saya", "ringkasan", "opd", "kecamatan", "iuran", "target"),
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
    d = ikhtisar()
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
            st.selectbox("Kecamatan", list(kec), key="kecamatan", format_func=kec.get, placeholder="Pilih…")
        if siapa.boleh_halaman("layar"):
            st.link_button("Mode layar (presentasi)", "?mode=layar", icon=":material/slideshow:")
    for kunci in ("jenis", "kecamatan"):
        if kunci in st.session_state:
            st.session_state[f"_simpan_{kunci}"] = st.session_state[kunci]
    tulis_url()


# --- who is looking.
def _login_diatur() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _berhenti_tanpa_navigasi() -> None:
    """Stop a screen shown before the viewer has a role (sign-in, an unregistered account, the local key refused).
    Until st.navigation has run once in the server process, Streamlit lists the files of pages/ in the sidebar:
    the pages are declared here, hidden."""
    from ui.navigasi import HALAMAN

    st.navigation([st.Page(f"pages/{nama}.py", title=judul, url_path=nama) for nama, judul, _ in HALAMAN],
                  position="hidden")  # fmt: skip
    st.stop()


def akses() -> Akses:
    """The viewer of this run. With `[auth]` configured: the signed-in user's role from the pengguna table.
    Without it: the local mode (the embedded default), which serves real data to this machine only."""
    e = engine()
    if _login_diatur():
        if not st.user.is_logged_in:
            st.title("PTR Kota Semarang")
            st.markdown("Dasbor program **PNS Peduli Pekerja Rentan**. Silakan masuk dengan akun kantor Anda.")
            st.button("Masuk", type="primary", on_click=st.login)
            _berhenti_tanpa_navigasi()
        klaim = settings().klaim_nip
        siapa = cari_pengguna(e, st.user.get("email"), str(st.user.get(klaim) or "") if klaim else None)
        if siapa is None:
            st.error(
                "Akun Anda belum terdaftar di dasbor ini. ASN: alamat email Anda belum ada di roster ASN aktif; minta "
                "bagian kepegawaian OPD Anda mencantumkannya. Staf: hubungi admin program (sekretariat PTR)."
            )
            st.button("Keluar", on_click=st.logout)
            _berhenti_tanpa_navigasi()
        if not st.session_state.get("_masuk_dicatat"):
            catat(e, siapa.email, "masuk", siapa.peran)
            st.session_state["_masuk_dicatat"] = True
        return siapa
    asli = ada_data_asli(e)
    kunci = kunci_lokal(settings().kunci_lokal) if asli else ""
    if asli and not st.session_state.get("_kunci_lokal"):
        _umumkan_kunci(kunci)
    boleh, pesan = mode_lokal(st.query_params.get("kunci") or st.session_state.get("_kunci_lokal"), kunci, asli)
    if not boleh:
        st.error(pesan)
        _berhenti_tanpa_navigasi()
    if asli:
        # Kept in the session and in the address, so that a reload of this tab stays open.
        st.session_state["_kunci_lokal"] = st.query_params["kunci"] = kunci
    return Akses("lokal", "admin", lokal=True)


@st.cache_resource(show_spinner=False)
def _umumkan_kunci(kunci: str) -> None:
    """Once per server process: the keyed address on the server's terminal, as Jupyter prints its token."""
    port = st.get_option("server.port")
    print(f"PTR mode lokal berisi data asli: buka http://localhost:{port}/?kunci={kunci}", flush=True)


def pengguna() -> Akses:
    """The viewer as dashboard.py established it for this run."""
    return st.session_state["_akses"]


def catat_unduhan(nama_file: str) -> None:
    catat(engine(), pengguna().email, "ekspor", nama_file)


# --- page furniture.
def lewat_dashboard() -> None:
    """Streamlit runs a file of `pages/` on its own (an old-style page) until st.navigation has run once in
    the process: a deep link that is the first request after a restart. Such a run builds the app's frame
    here (sign-in, navigation, sidebar; it runs this page inside it) and stops, instead of a rerun that
    would drop the click that started it."""
    if not st.session_state.pop("_lewat_dashboard", False):
        from ui import navigasi

        navigasi.jalankan()
        st.stop()


def judul(teks: str) -> None:
    lewat_dashboard()
    st.title(teks)
    keterangan = f"Data per {fmt.tanggal(tanggal_data())}"
    if mode_demo():
        st.error(f"**DATA CONTOH** — angka sintetis untuk peragaan. {keterangan}")
    else:
        st.caption(keterangan)


def gaya(fig: go.Figure, judul: str, tinggi: int = 480, huruf: int = 16) -> go.Figure:
    """Indonesian separators, large legible type, the colour-blind-safe palette, a title that states the finding.
    `huruf` scales every text of the chart (the presentation mode passes a larger one). The legend sits above
    the plot, where it covers no month of a time axis; a horizontal bar's value written after it gets room on
    the right, and long bar names go on two lines so that the bars keep their width on a narrow screen."""
    batang_h = list(fig.select_traces({"type": "bar", "orientation": "h"}))
    fig.update_layout(
        title={"text": judul, "font": {"size": round(huruf * 1.4), "color": "#111"}},
        separators=",.",
        font={"size": huruf, "color": "#111"},
        height=tinggi,
        colorway=PALET,
        margin={"l": 10, "r": round(huruf * 4) if batang_h else 10, "t": round(huruf * 4.5), "b": 10},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom",
                "font": {"size": huruf}},
        hoverlabel={"font_size": huruf},
    )  # fmt: skip
    for batang in batang_h:
        nama = [str(n) for n in batang.y]
        fig.update_yaxes(tickmode="array", tickvals=nama, ticktext=["<br>".join(wrap(n, 24)) for n in nama])
    sumbu = {
        "tickfont": {"size": huruf, "color": "#111"},
        "title_font": {"size": huruf, "color": "#111"},
        "automargin": True,
    }
    fig.update_xaxes(**sumbu)
    fig.update_yaxes(**sumbu)
    fig.update_traces(textfont_size=huruf, selector={"type": "bar"})
    return fig


def tampilkan(fig: go.Figure, tabel: pd.DataFrame, nama_file: str) -> None:
    """A chart with the data behind it in a table tab and downloads of that data (CSV, XLSX). The chart's title,
    the finding it states, is written above both as text, which wraps on a narrow screen (Plotly cuts it)."""
    if judul := fig.layout.title.text:
        st.markdown(f"#### {fmt.md_aman(judul)}")
        ada_legenda = len(fig.data) > 1 and fig.layout.showlegend is not False
        atas = round(fig.layout.font.size * 2.5) if ada_legenda else 10
        fig = go.Figure(fig).update_layout(title=None, margin_t=atas)
    tab_grafik, tab_tabel = st.tabs(["Grafik", "Tabel"])
    with tab_grafik:
        st.plotly_chart(fig, config={"displaylogo": False, "locale": "id"}, key=f"grafik-{nama_file}")
    with tab_tabel:
        st.dataframe(fmt.tabel_tampil(tabel), hide_index=True)
    unduh(tabel, nama_file)


MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tombol_unduh(
    tempat, label: str, isi: bytes | Callable[[], bytes], nama_file: str, mime: str,
    icon: str = ":material/download:", help: str | None = None,
) -> None:  # fmt: skip
    """A download button whose click is recorded in the audit trail (`isi` a callable: built on the click)."""
    tempat.download_button(label, isi, nama_file, mime, key=f"unduh-{nama_file}", icon=icon, help=help,
                           on_click=catat_unduhan, args=(nama_file,))  # fmt: skip


def unduh(tabel: pd.DataFrame, nama_file: str, lembar: str = "Data") -> None:
    baris = st.container(horizontal=True)
    tombol_unduh(baris, "Unduh CSV", ke_csv(tabel), f"{nama_file}.csv", "text/csv")
    tombol_unduh(baris, "Unduh XLSX", ke_xlsx({lembar: tabel}), f"{nama_file}.xlsx", MIME_XLSX)


def tabel(frame: pd.DataFrame, rupiah: tuple[str, ...] = (), angka: tuple[str, ...] = ()) -> None:
    """A table for reading: Indonesian headers, Rupiah and counts in id-ID form (downloads keep the plain names
    and numbers)."""
    tampil = frame.assign(
        **{k: frame[k].map(fmt.rupiah) for k in rupiah}, **{k: frame[k].map(fmt.angka) for k in angka}
    )
    st.dataframe(tampil.rename(columns=fmt.LABEL_KOLOM), hide_index=True)


def tabel_halaman(ambil: Callable[[int], Halaman], kunci: str, satuan: str, rupiah: tuple[str, ...] = ()) -> Halaman:
    """A long list a page at a time: `ambil(nomor)` reads one page; the page number is chosen under the table
    and kept in the session under `kunci`."""
    h = ambil(int(st.session_state.get(kunci, 1)))
    st.session_state[kunci] = h.nomor  # the list may have shrunk since the page was chosen
    tabel(h.baris, rupiah)
    kiri, kanan = st.columns([1, 3], vertical_alignment="bottom")
    if h.jumlah > 1:
        kiri.number_input(f"Halaman (dari {fmt.angka(h.jumlah)})", min_value=1, max_value=h.jumlah, step=1, key=kunci)
    sampai = h.dari + len(h.baris) - 1
    keterangan = f"{satuan} {fmt.angka(h.dari)}–{fmt.angka(sampai)} dari {fmt.angka(h.total)}"
    kanan.caption(keterangan if h.total else f"Tidak ada {satuan} dalam daftar ini.")
    return h


def awal_halaman(teks: str) -> str:
    """A dashboard page's head: title, 'Data per', what it is filtered by, and the friendly stop on an empty
    database. Returns the chosen month."""
    judul(teks)
    if not ada_data():
        st.stop()
    if keterangan := keterangan_filter():
        st.info(keterangan, icon=":material/filter_alt:")
    return bulan_terpilih()


def ada_data() -> bool:
    if daftar_bulan():
        return True
    st.info(PESAN_KOSONG)
    return False
