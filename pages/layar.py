"""Mode layar: the briefing for the shared screen. Large type, slides that advance on their own, data
re-read on every advance (a screen left on all day shows new uploads), and 'Data per' always visible."""

import time

import streamlit as st

from ptr_core import format as fmt
from ui import grafik, komponen

komponen.lewat_dashboard()
SLIDE = ["Angka utama", "Tren menuju target", "Cakupan per kecamatan", "Partisipasi OPD"]

st.html(
    """<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header, footer { display: none !important; }
    .block-container { padding-top: 1rem !important; max-width: 100% !important; }
    [data-testid="stMetricValue"] { font-size: 3.3rem !important; font-weight: 700; color: #000; }
    [data-testid="stMetricLabel"] p { font-size: 1.7rem !important; color: #111; }
    [data-testid="stMetricDelta"] { font-size: 1.4rem !important; }
    .stAlert p, .layar-kepala { font-size: 1.9rem !important; }
    .layar-kepala { display: flex; justify-content: space-between; font-weight: 700; border-bottom: 4px solid #0072B2;
                    padding-bottom: .4rem; margin-bottom: .6rem; color: #000; }
    .layar-demo { color: #b00020; }
    </style>"""
)

if "slide" not in st.session_state:
    st.session_state["slide"] = 0
    st.session_state["slide_waktu"] = time.monotonic()


def geser(langkah: int) -> None:
    st.session_state["slide"] = (st.session_state["slide"] + langkah) % len(SLIDE)
    st.session_state["slide_waktu"] = time.monotonic()


kendali = st.columns([1, 1, 2, 2, 6])
kendali[0].button("◀", on_click=geser, args=(-1,), key="slide_mundur", help="Slide sebelumnya")
kendali[1].button("▶", on_click=geser, args=(1,), key="slide_maju", help="Slide berikutnya")
detik = kendali[2].selectbox(
    "Ganti tiap",
    [10, 20, 30, 60],
    index=1,
    key="slide_detik",
    format_func=lambda d: f"{d} detik",
    label_visibility="collapsed",
)
jalan = kendali[3].toggle("Putar otomatis", value=True, key="slide_jalan")
kendali[4].link_button("Keluar dari mode layar", "/", icon=":material/close:")


@st.fragment(run_every=detik if jalan else None)
def tayang() -> None:
    if jalan and time.monotonic() - st.session_state["slide_waktu"] >= detik - 0.5:
        geser(1)
    if not komponen.daftar_bulan():
        st.info(komponen.PESAN_KOSONG)
        return
    bulan = komponen.daftar_bulan()[-1]
    r = komponen.ringkasan_bulan(bulan)
    arah = komponen.arah_bulan(bulan)
    demo = '<span class="layar-demo">DATA CONTOH</span>' if komponen.mode_demo() else ""
    nomor = st.session_state["slide"]
    st.html(
        f'<div class="layar-kepala"><span>PNS Peduli Pekerja Rentan · {fmt.nama_bulan(bulan)} · '
        f"{SLIDE[nomor]} ({nomor + 1}/{len(SLIDE)})</span>{demo}"
        f"<span>Data per {fmt.tanggal(komponen.tanggal_data())}</span></div>"
    )
    if nomor == 0:
        grafik.kartu_utama(r, grafik.bulan_lalu(bulan), arah)
        sesuai, kalimat = grafik.kalimat_jalur(arah)
        if sesuai is not None:
            (st.success if sesuai else st.warning)(kalimat)
    elif nomor == 1:
        fig, _ = grafik.tren(bulan, arah, tinggi=800, huruf=26)
        st.plotly_chart(fig, key="layar_tren")
    elif nomor == 2:
        batang, peta, _ = grafik.kecamatan(r, tinggi=820, huruf=24)
        fig = peta if peta is not None else batang
        if fig is not None:
            st.plotly_chart(fig, key="layar_kecamatan")
    else:
        for tempat, (fig, _, nama) in zip(st.columns(2), grafik.opd_teratas_terbawah(r, None, tinggi=820, huruf=20)):
            tempat.plotly_chart(fig, key=f"layar_{nama}")


tayang()
