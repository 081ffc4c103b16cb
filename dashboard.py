"""Entry point: `streamlit run dashboard.py`. Builds the navigation; pages live in pages/."""

import streamlit as st

from pages import komponen

st.set_page_config(page_title="PTR Kota Semarang", page_icon=":material/handshake:", layout="wide")
komponen.engine()

navigasi = st.navigation(
    [
        st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True),
        st.Page("pages/metodologi.py", title="Metodologi", icon=":material/menu_book:"),
    ]
)
komponen.sidebar_umum()
navigasi.run()
