"""The app's frame: sign-in, the pages the viewer's role allows, the sidebar. `dashboard.py` runs it; so does a
page that Streamlit ran on its own (see `lewat_dashboard`)."""

from pathlib import Path

import streamlit as st

from ui import data, masuk, saringan

IKON = Path(__file__).with_name("favicon.png")
HALAMAN = [  # url path (also the file in pages/ and the name in ptr_core.akses.HALAMAN_PERAN), title, icon
    ("pekerja_saya", "Pekerja Saya", "volunteer_activism"),
    ("daftarkan", "Daftarkan Pekerja", "person_add"),
    ("ringkasan", "Ringkasan", "dashboard"),
    ("opd", "OPD", "apartment"),
    ("kecamatan", "Kecamatan", "map"),
    ("iuran", "Iuran", "payments"),
    ("target", "Target & simulasi", "flag"),
    ("unggah", "Unggah Data", "upload_file"),
    ("riwayat", "Riwayat Unggahan", "history"),
    ("verifikasi", "Verifikasi Pendaftaran", "fact_check"),
    ("rekonsiliasi", "Rekonsiliasi BPJS", "compare_arrows"),
    ("manfaat", "Manfaat program", "health_and_safety"),
    ("pengguna", "Pengguna", "group"),
    ("audit", "Jejak audit", "policy"),
    ("metodologi", "Metodologi", "menu_book"),
    ("layar", "Mode layar", "slideshow"),
]


# Streamlit's own words a user meets that no parameter translates: the file uploader's button and hint, and the
# "Running… Stop" status in the corner. Hidden, and the uploader's words written in Bahasa Indonesia.
GAYA_ID = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none; }
[data-testid="stFileUploaderDropzone"] button span[data-has-shortcut]::after { content: "Pilih file"; }
[data-testid="stFileUploaderDropzoneInstructions"] > div > span { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "atau tarik file ke sini · paling besar 50 MB"; }
[data-testid="stStatusWidget"] { display: none; }
</style>"""


def jalankan() -> None:
    """Sign the viewer in, build the navigation their role allows and run the chosen page."""
    # The icon ships with the app: a briefing room without internet still shows it.
    st.set_page_config(page_title="PTR Kota Semarang", page_icon=str(IKON), layout="wide")
    st.session_state["_lewat_dashboard"] = True
    st.html(GAYA_ID)
    data.engine()
    akses = st.session_state["_akses"] = masuk.akses()
    data.baca_versi()
    saringan.baca_url()
    boleh = [h for h in HALAMAN if akses.boleh_halaman(h[0])]
    layar = st.query_params.get("mode") == "layar" and akses.boleh_halaman("layar")
    awal = "layar" if layar else boleh[0][0]
    halaman = [st.Page(f"pages/{nama}.py", title=judul, icon=f":material/{ikon}:", url_path=nama,
                       default=layar and nama == awal) for nama, judul, ikon in boleh]  # fmt: skip
    if not layar:
        # "/" leads to the viewer's first page at its own address, so that a bookmark of that address (/ringkasan)
        # is a page Streamlit knows, not its English "Page not found" over the page.
        pertama = halaman[0]
        halaman.append(st.Page(lambda: st.switch_page(pertama, query_params=dict(st.query_params)), title="Beranda",
                               url_path="beranda", default=True, visibility="hidden"))  # fmt: skip
    # The address of a page outside the viewer's role says so in Bahasa Indonesia, not Streamlit's "Page not found".
    halaman += [st.Page(_tidak_tersedia, title=judul, url_path=nama, visibility="hidden")
                for nama, judul, _ in HALAMAN if nama not in {h[0] for h in boleh}]  # fmt: skip
    # Every page listed (Streamlit folds a list of more than ten behind "View more": Metodologi and Mode layar
    # would hide from an admin).
    navigasi = st.navigation(halaman, position="hidden" if layar else "sidebar", expanded=True)
    if layar and navigasi is not (slide := halaman[[h[0] for h in boleh].index("layar")]):  # ?mode=layar elsewhere
        st.switch_page(slide, query_params=dict(st.query_params))
    st.session_state["_halaman"] = navigasi.url_path
    if not layar:
        saringan.sidebar()
    navigasi.run()


def lewat_dashboard() -> None:
    """Streamlit runs a file of `pages/` on its own (an old-style page) until st.navigation has run once in
    the process: a deep link that is the first request after a restart. Such a run builds the app's frame
    here (sign-in, navigation, sidebar; it runs this page inside it) and stops, instead of a rerun that
    would drop the click that started it."""
    if not st.session_state.pop("_lewat_dashboard", False):
        jalankan()
        st.stop()


def _tidak_tersedia() -> None:
    st.title("Halaman tidak tersedia")
    st.error("Halaman ini tidak tersedia untuk peran Anda. Pilih halaman lain di menu samping.")
