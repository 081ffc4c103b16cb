"""Mode layar: the briefing for the shared screen. Large type, slides that advance on their own, data
re-read on every advance (a screen left on all day shows new uploads), and 'Data per' always visible.

Every slide is laid out for a 1280×720 projector and zoomed in steps to larger screens (as a browser at 150% or
300% would), so the chart text Plotly draws in pixels grows with the screen as the rest does; the slide takes
the height the screen has left, and a chart the height the slide has left."""

import time

import plotly.graph_objects as go
import streamlit as st

from ptr_core import format as fmt
from ptr_core.pengajuan import hitung_pendaftaran
from ui import data, grafik, navigasi, tampilan

navigasi.lewat_dashboard()
SLIDE = ["Angka utama", "Tren menuju target", "Cakupan per kecamatan", "Partisipasi OPD", "Pendaftaran pekerja",
         "Manfaat bagi pekerja"]  # fmt: skip
HURUF_GRAFIK = 20
# From 1280×720 up the slide is zoomed by the largest step the screen holds in both directions: 1366×768 by
# 1,05, 1920×1080 by 1,5, a 3840×2160 television by 3.
ZOOM = (1.05, 1.1, 1.2, 1.35, 1.5, 1.75, 2, 2.5, 3)
GAYA = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header, footer { display: none !important; }
[data-testid="stMainBlockContainer"] { zoom: var(--layar-zoom); height: calc(100vh / var(--layar-zoom));
    max-width: 100% !important; padding: 8px 20px 10px !important; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%; gap: 6px; }
[data-testid="stMainBlockContainer"] :is([data-testid="stLayoutWrapper"], [data-testid="stVerticalBlock"]):has(
    .st-key-layar_slide), .st-key-layar_slide { flex: 1 1 0; min-height: 0; }
.st-key-layar_slide { gap: 10px; }
.st-key-layar_slide [data-testid="stElementContainer"]:has(.layar-kartu),
[data-testid="stLayoutWrapper"]:has(> .st-key-layar_grafik), .st-key-layar_grafik { flex: 1 1 0; min-height: 0; }
.st-key-layar_slide [data-testid="stHtml"]:has(.layar-kartu) { height: 100%; }
/* Streamlit sizes a chart to its frame as measured on the screen, zoom included, and Plotly then draws that
   many pixels inside the zoom: a frame 1/zoom as large, overflowing visibly, makes the drawing fill the box. */
.st-key-layar_slide [data-testid="stFullScreenFrame"] { width: calc(100% / var(--layar-zoom));
    height: calc(100% / var(--layar-zoom)); }
.st-key-layar_slide :is([data-testid="stPlotlyChart"], .js-plotly-plot) { overflow: visible !important; }
.layar-kepala { display: flex; gap: 1.2em; white-space: nowrap; font-size: 21px; font-weight: 700; color: #000;
    border-bottom: 4px solid #0072B2; padding-bottom: 4px; }
.layar-kepala span:first-child { flex: 1; }
.layar-demo { color: #b00020; }
.layar-kartu { height: 100%; display: grid; grid-template-columns: repeat(4, minmax(0, 1fr));
    grid-template-rows: 1fr 1fr auto; gap: 10px 14px; color: #000; }
.layar-kartu .kartu { display: flex; flex-direction: column; justify-content: center; gap: 6px;
    border-left: 6px solid #0072B2; background: #f3f6fa; padding: 6px 10px 6px 14px; }
.layar-kartu .label { font-size: 21px; line-height: 1.2; }
.layar-kartu .nilai { font-size: 46px; font-weight: 700; line-height: 1.05; white-space: nowrap; }
.layar-kartu .nilai.panjang { font-size: 38px; }
.layar-kartu .selisih { font-size: 19px; align-self: flex-start; padding: 1px 10px; border-radius: 14px; }
.layar-kartu .baik { color: #0a6b2e; background: #dcf0e2; }
.layar-kartu .buruk { color: #a3001b; background: #fbe3e7; }
.layar-kartu .netral { color: #222; background: #e6e6e6; }
.layar-kartu .bawah { grid-column: 1 / -1; font-size: 19px; color: #222; }
.st-key-layar_slide .stAlert p { font-size: 21px !important; line-height: 1.4; }
.st-key-layar_grafik [data-testid="stElementContainer"]:has(.layar-daftar) { flex: 0 0 30%; height: 100%; }
.st-key-layar_grafik [data-testid="stHtml"]:has(.layar-daftar) { height: 100%; }
.layar-daftar { height: 100%; display: grid; grid-template-rows: auto repeat(4, minmax(0, 1fr)); gap: 8px;
    color: #000; }
.layar-daftar .judul { font-size: 21px; font-weight: 700; }
.layar-daftar .kartu { display: flex; align-items: center; justify-content: space-between; gap: 10px;
    border-left: 6px solid #0072B2; background: #f3f6fa; padding: 4px 12px; font-size: 21px; }
.layar-daftar .nilai { font-size: 40px; font-weight: 700; }
.st-key-layar_slide [data-testid="stElementContainer"]:has(.layar-kartu.manfaat) { flex: 0 0 auto; }
.st-key-layar_slide [data-testid="stHtml"]:has(.layar-kartu.manfaat) { height: auto; }
.layar-kartu.manfaat { grid-template-rows: auto auto; }
"""

st.html(
    "<style>:root { --layar-zoom: 1; }"
    + "".join(
        f"@media (min-width: {1280 * z:g}px) and (min-height: {720 * z:g}px) {{ :root {{ --layar-zoom: {z}; }} }}"
        for z in ZOOM
    )
    + GAYA
    + "</style>"
)


def mulai_hitung() -> None:
    """The slide on screen gets the whole interval from now: after a click, a new interval, or play turned on."""
    st.session_state["slide_waktu"] = time.monotonic()


def geser(langkah: int) -> None:
    st.session_state["slide"] = (st.session_state["slide"] + langkah) % len(SLIDE)
    mulai_hitung()


if "slide" not in st.session_state:
    st.session_state["slide"] = 0
    mulai_hitung()


with st.container(horizontal=True, vertical_alignment="center", key="layar_kendali"):
    # No tooltips: one would stay over the slide's title while the pointer rests on the button.
    st.button("◀", on_click=geser, args=(-1,), key="slide_mundur")
    st.button("▶", on_click=geser, args=(1,), key="slide_maju")
    detik = st.selectbox(
        "Ganti tiap",
        [10, 20, 30, 60],
        index=1,
        key="slide_detik",
        format_func=lambda d: f"{d} detik",
        label_visibility="collapsed",
        width=130,
        on_change=mulai_hitung,
    )
    jalan = st.toggle("Putar otomatis", value=True, key="slide_jalan", on_change=mulai_hitung)
    keluar = st.button("Keluar dari mode layar", icon=":material/close:", key="layar_keluar")
if keluar:  # back to the dashboard in this tab, the month kept
    st.switch_page("pages/ringkasan.py", query_params={k: v for k, v in st.query_params.items() if k != "mode"})


def grafik_penuh(fig: go.Figure, key: str, sumbu_bulan: bool = False) -> None:
    st.plotly_chart(
        grafik.untuk_layar(fig, HURUF_GRAFIK, sumbu_bulan),
        key=key,
        height="stretch",
        config={"staticPlot": True, "locale": "id"},
    )


def bulan_layar(semua: list[str]) -> str:
    """The month of the address (`?bulan=`, as the dashboard's filter writes it), else the latest: a screen left
    on shows the next month once its data is uploaded."""
    pilihan = st.query_params.get("bulan")
    return pilihan if pilihan in semua else semua[-1]


@st.fragment(run_every=detik if jalan else None)
def tayang() -> None:
    if jalan and time.monotonic() - st.session_state["slide_waktu"] >= detik - 0.5:
        geser(1)
    data.baca_versi()
    if not data.daftar_bulan():
        st.info(tampilan.PESAN_KOSONG)
        return
    bulan = bulan_layar(data.daftar_bulan())
    r = data.ringkasan_bulan(bulan)
    arah = data.arah_bulan(bulan)
    demo = '<span class="layar-demo">DATA CONTOH</span>' if data.mode_demo() else ""
    nomor = st.session_state["slide"]
    with st.container(key="layar_slide"):
        st.html(
            f'<div class="layar-kepala"><span>PNS Peduli Pekerja Rentan · {fmt.nama_bulan(bulan)} · '
            f"{SLIDE[nomor]} ({nomor + 1}/{len(SLIDE)})</span>{demo}"
            f"<span>Data per {fmt.tanggal(data.tanggal_data())}</span></div>"
        )
        if nomor == 0:
            st.html(grafik.html_kartu(grafik.angka_utama(r, grafik.bulan_lalu(bulan), arah), grafik.kalimat_bawah(r)))
            sesuai, kalimat = grafik.kalimat_jalur(arah)
            if sesuai is not None:
                (st.success if sesuai else st.warning)(kalimat)
        elif nomor == 1:
            grafik_penuh(grafik.tren(bulan, arah, huruf=HURUF_GRAFIK)[0], "layar_tren", sumbu_bulan=True)
        elif nomor == 2:
            batang, peta, _ = grafik.kecamatan(r, huruf=HURUF_GRAFIK)
            if peta is not None or batang is not None:
                grafik_penuh(peta if peta is not None else batang, "layar_kecamatan")
        elif nomor == 3:
            with st.container(horizontal=True, key="layar_grafik"):
                for fig, _, nama in grafik.opd_teratas_terbawah(r, None, huruf=HURUF_GRAFIK):
                    grafik_penuh(fig, f"layar_{nama}")
        elif nomor == 4:
            daftar = hitung_pendaftaran(data.engine(), bulan)
            baris = [("Diajukan ASN", daftar["diajukan"]), ("Disetujui", daftar["disetujui"]),
                     ("Ditolak", daftar["ditolak"]), ("Menunggu verifikasi", daftar["menunggu"])]  # fmt: skip
            kartu = "".join(
                f'<div class="kartu"><span>{label}</span><span class="nilai">{fmt.angka(n)}</span></div>'
                for label, n in baris
            )
            with st.container(horizontal=True, key="layar_grafik"):
                grafik_penuh(grafik.corong(r, huruf=HURUF_GRAFIK)[0], "layar_corong")
                st.html(f'<div class="layar-daftar"><div class="judul">Pendaftaran lewat dasbor</div>{kartu}</div>')
        else:
            st.html(grafik.html_kartu(grafik.angka_manfaat(bulan), grafik.kalimat_manfaat(bulan), "manfaat"))
            with st.container(horizontal=True, key="layar_grafik"):
                grafik_penuh(grafik.manfaat_bulanan(bulan, huruf=HURUF_GRAFIK)[0], "layar_manfaat", sumbu_bulan=True)


tayang()
