"""Entry point: `streamlit run dashboard.py`. Signs the viewer in and builds the navigation their role allows."""

import streamlit as st

from pages import komponen

st.set_page_config(page_title="PTR Kota Semarang", page_icon=":material/handshake:", layout="wide")
st.session_state["_lewat_dashboard"] = True
komponen.engine()
akses = st.session_state["_akses"] = komponen.akses()
komponen.baca_url()

HALAMAN = [  # url path (also the file in pages/ and the name in ptr_core.akses.HALAMAN_PERAN), title, icon
    ("ringkasan", "Ringkasan", "dashboard"),
    ("opd", "OPD", "apartment"),
    ("kecamatan", "Kecamatan", "map"),
    ("iuran", "Iuran", "payments"),
    ("target", "Target & simulasi", "flag"),
    ("unggah", "Unggah Data", "upload_file"),
    ("riwayat", "Riwayat Unggahan", "history"),
    ("pengguna", "Pengguna", "group"),
    ("audit", "Jejak audit", "policy"),
    ("metodologi", "Metodologi", "menu_book"),
    ("layar", "Mode layar", "slideshow"),
]
boleh = [h for h in HALAMAN if akses.boleh_halaman(h[0])]
layar = st.query_params.get("mode") == "layar" and akses.boleh_halaman("layar")
awal = "layar" if layar else boleh[0][0]
navigasi = st.navigation(
    [st.Page(f"pages/{nama}.py", title=judul, icon=f":material/{ikon}:", url_path=nama, default=nama == awal)
     for nama, judul, ikon in boleh],
    position="hidden" if layar else "sidebar",
)  # fmt: skip
if not layar:
    komponen.sidebar()
navigasi.run()
