"""Riwayat Unggahan: every upload, and rolling one back to restore exactly the state before it."""

import streamlit as st

from pages import komponen
from ptr_core.akses import catat
from ptr_core.ingest import batalkan, riwayat

komponen.judul("Riwayat Unggahan")
daftar = riwayat(komponen.engine())
if daftar.empty:
    st.info("Belum ada unggahan.")
    st.stop()
st.dataframe(daftar, hide_index=True)
siapa = komponen.pengguna()
if not siapa.boleh_batalkan:
    st.caption("Pembatalan unggahan hanya dapat dilakukan admin.")
    st.stop()
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
        ok, pesan = batalkan(komponen.engine(), int(pilihan), siapa.email)
        if ok:
            catat(komponen.engine(), siapa.email, "batalkan", f"unggahan {pilihan}")
        (st.success if ok else st.error)(pesan)
