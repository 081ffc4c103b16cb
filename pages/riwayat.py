"""Riwayat Unggahan: every upload, and rolling one back to restore exactly the state before it."""

import streamlit as st

from pages import komponen
from ptr_core.ingest import batalkan, riwayat

komponen.judul("Riwayat Unggahan")
daftar = riwayat(komponen.engine())
if daftar.empty:
    st.info("Belum ada unggahan.")
    st.stop()
st.dataframe(daftar, hide_index=True)
aktif = daftar[daftar["dibatalkan_pada"].isna()]
with st.form("batalkan"):
    st.markdown("**Batalkan unggahan**: baris yang dibawanya dihapus dan baris yang diubahnya dikembalikan.")
    pilihan = st.selectbox(
        "Unggahan",
        aktif["id"].tolist(),
        format_func=lambda i: (
            f"{i} · {aktif.set_index('id').loc[i, 'dataset']} · {aktif.set_index('id').loc[i, 'nama_file']}"
        ),
    )
    if st.form_submit_button("Batalkan unggahan ini", type="primary") and pilihan is not None:
        ok, pesan = batalkan(komponen.engine(), int(pilihan), "dasbor")
        (st.success if ok else st.error)(pesan)
