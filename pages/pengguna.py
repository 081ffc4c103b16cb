"""Pengguna (admin): who may sign in, with which role and OPD."""

import streamlit as st

from ptr_core import format as fmt
from ptr_core.akses import PERAN, daftar_pengguna, hapus_pengguna, tambah_pengguna
from ui import data, masuk, tampilan

tampilan.judul("Pengguna")
siapa = masuk.pengguna()
st.dataframe(fmt.tabel_tampil(daftar_pengguna(data.engine())), hide_index=True)
opd = data.agregat().opd
with st.form("tambah_pengguna"):
    st.markdown("**Tambah atau ubah pengguna**")
    email = st.text_input("Email")
    peran = st.selectbox("Peran", PERAN, placeholder="Pilih…")
    kode_opd = st.selectbox("OPD (hanya untuk peran opd)", ["", *opd["kode_opd"]], placeholder="Pilih…")
    if st.form_submit_button("Simpan"):
        ok, pesan = tambah_pengguna(data.engine(), email, peran, kode_opd or None, siapa.email)
        (st.success if ok else st.error)(pesan)
with st.form("hapus_pengguna"):
    email_hapus = st.text_input("Email yang dihapus")
    if st.form_submit_button("Hapus"):
        ok, pesan = hapus_pengguna(data.engine(), email_hapus, siapa.email)
        (st.success if ok else st.error)(pesan)
