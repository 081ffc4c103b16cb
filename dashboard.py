"""Entry point: `streamlit run dashboard.py`. Builds the navigation; pages live in pages/."""

import streamlit as st

from pages import komponen

st.set_page_config(page_title="PTR Kota Semarang", page_icon="🤝", layout="wide")
komponen.siapkan_basis_data()

navigasi = st.navigation(
    [
        st.Page("pages/ringkasan.py", title="Ringkasan", icon="📊", default=True),
        st.Page("pages/metodologi.py", title="Metodologi", icon="📐"),
    ]
)
komponen.sidebar_umum()
navigasi.run()
