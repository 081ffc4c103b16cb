"""Pengguna (admin): who may sign in, with which role and OPD."""

import streamlit as st

from ptr_core.akses import PERAN, daftar_pengguna, hapus_pengguna, tambah_pengguna
from ui import data, masuk, tampilan

tampilan.judul("Pengguna")
siapa = masuk.pengguna()


# The forms save in their callbacks, before the run that draws the list: a user just added is in the list at once.
def simpan() -> None:
    s = st.session_state
    s["_pengguna_tambah"] = tambah_pengguna(
        data.engine(), s["pengguna_email"], s["pengguna_peran"], s["pengguna_opd"] or None, siapa.email
    )


def hapus() -> None:
    s = st.session_state
    s["_pengguna_hapus"] = hapus_pengguna(data.engine(), s["pengguna_email_hapus"], siapa.email)


def hasil(kunci: str) -> None:
    if pesan := st.session_state.pop(kunci, None):
        (st.success if pesan[0] else st.error)(pesan[1])


pengguna = daftar_pengguna(data.engine())
if pengguna.empty:
    st.info(
        "Belum ada pengguna terdaftar. Tambahkan lewat formulir **Tambah atau ubah pengguna** di bawah ini. "
        "ASN aktif dalam daftar ASN terbaru dapat masuk ke halaman Pekerja Saya tanpa didaftarkan."
    )
else:
    tampilan.tabel(pengguna)
opd = data.agregat().opd
with st.form("tambah_pengguna"):
    st.markdown("**Tambah atau ubah pengguna**")
    st.text_input("Email", key="pengguna_email")
    st.selectbox("Peran", PERAN, placeholder="Pilih…", key="pengguna_peran")
    st.selectbox("OPD (hanya untuk peran opd)", ["", *opd["kode_opd"]], placeholder="Pilih…", key="pengguna_opd")
    st.form_submit_button("Simpan", on_click=simpan)
    hasil("_pengguna_tambah")
with st.form("hapus_pengguna"):
    st.text_input("Email yang dihapus", key="pengguna_email_hapus")
    st.form_submit_button("Hapus", on_click=hapus)
    hasil("_pengguna_hapus")
