"""Jejak audit (admin): sign-ins, uploads, rollbacks, user changes, NIK reveals and exports."""

import streamlit as st

from ptr_core.audit import jejak_audit, jejak_tampil
from ui import data, tampilan

tampilan.judul("Jejak audit")
st.caption("Catatan hanya ditambah, tidak pernah diubah dari dasbor. 500 kejadian terakhir.")
jejak = jejak_audit(data.engine())
if jejak.empty:
    st.info("Belum ada kejadian yang tercatat.")
else:
    tampilan.tabel(jejak_tampil(jejak))
