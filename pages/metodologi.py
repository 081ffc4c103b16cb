"""Metodologi: every metric's definition in plain Bahasa Indonesia, the sources and each dataset's date."""

import streamlit as st

from ptr_core import format as fmt
from ptr_core.metodologi import TEKS
from ui import data, tampilan

tampilan.judul("Metodologi")
s = data.settings()
st.markdown(
    TEKS.format(
        iuran=fmt.rupiah(s.iuran_bulanan),
        pertumbuhan=fmt.persen(float(s.pertumbuhan_target) * 100, 0),
        bulan_nonaktif=s.bulan_sampai_nonaktif,
        bulan_piagam=s.bulan_piagam,
        hari_pesan=s.hari_pesan_calon,
    )
)
st.markdown("### Data per")
for nama, tanggal in data.agregat().tanggal.items():
    st.markdown(f"- **{nama}**: {fmt.tanggal(tanggal)}")
