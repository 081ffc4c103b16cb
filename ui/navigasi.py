"""The app's frame: sign-in, the pages the viewer's role allows, the sidebar. `dashboard.py` runs it; so does a
page that Streamlit ran on its own (see `komponen.lewat_dashboard`)."""

import streamlit as st

from ui import komponen

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


def jalankan() -> None:
    """Sign the viewer in, build the navigation their role allows and run the chosen page."""
    st.set_page_config(page_title="PTR Kota Semarang", page_icon=":material/handshake:", layout="wide")
    st.session_state["_lewat_dashboard"] = True
    komponen.engine()
    akses = st.session_state["_akses"] = komponen.akses()
    komponen.baca_url()
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
