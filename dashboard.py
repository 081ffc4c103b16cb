"""Entry point: `streamlit run dashboard.py`. Builds the navigation; pages live in pages/."""

import streamlit as st

from pages import komponen

st.set_page_config(page_title="PTR Kota Semarang", page_icon=":material/handshake:", layout="wide")
st.session_state["_lewat_dashboard"] = True
komponen.engine()
komponen.baca_url()

layar = st.query_params.get("mode") == "layar"
halaman = [
    st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=not layar),
    st.Page("pages/opd.py", title="OPD", icon=":material/apartment:", url_path="opd"),
    st.Page("pages/kecamatan.py", title="Kecamatan", icon=":material/map:", url_path="kecamatan"),
    st.Page("pages/iuran.py", title="Iuran", icon=":material/payments:", url_path="iuran"),
    st.Page("pages/target.py", title="Target & simulasi", icon=":material/flag:", url_path="target"),
    st.Page("pages/unggah.py", title="Unggah Data", icon=":material/upload_file:", url_path="unggah"),
    st.Page("pages/riwayat.py", title="Riwayat Unggahan", icon=":material/history:", url_path="riwayat"),
    st.Page("pages/metodologi.py", title="Metodologi", icon=":material/menu_book:", url_path="metodologi"),
    st.Page("pages/layar.py", title="Mode layar", icon=":material/slideshow:", url_path="layar", default=layar),
]
navigasi = st.navigation(halaman, position="hidden" if layar else "sidebar")
if not layar:
    komponen.sidebar()
navigasi.run()
