"""Unggah Data: check a file first (nothing is saved), then commit its valid rows in one transaction."""

import pandas as pd
import streamlit as st

from pages import komponen
from ptr_core.ekspor import ke_xlsx
from ptr_core.ingest import DATASET, impor
from ptr_core.peta import baca_geojson, simpan_peta

komponen.judul("Unggah Data")
st.markdown(
    "Pilih jenis data dan file (CSV atau XLSX). File **diperiksa dulu**; tidak ada yang disimpan sampai "
    "Anda menekan **Simpan**. Nama kolom harus sesuai templat."
)
kiri, kanan = st.columns([1, 2])
dataset = kiri.selectbox("Jenis data", list(DATASET), key="unggah_dataset")
kolom = DATASET[dataset].nama_kolom
kanan.markdown("Kolom: " + ", ".join(f"`{k}`" for k in kolom))
kanan.download_button(
    f"Unduh templat {dataset} (XLSX)",
    ke_xlsx({dataset: pd.DataFrame(columns=kolom)}),
    f"templat_{dataset}.xlsx",
    icon=":material/download:",
)
berkas = st.file_uploader("File", type=["csv", "xlsx"], key=f"berkas_{dataset}")
if berkas is not None:
    isi = berkas.getvalue()
    periksa = impor(komponen.engine(), dataset, isi, berkas.name, pengguna="dasbor", dry_run=True)
    if periksa.sudah_pernah:
        st.info("File ini sudah pernah diunggah; tidak ada yang berubah.")
    else:
        k = st.columns(4)
        k[0].metric("Baris baru", periksa.baru)
        k[1].metric("Berubah", periksa.diubah)
        k[2].metric("Sama", periksa.sama)
        k[3].metric("Ditolak", periksa.ditolak)
        if periksa.masalah:
            masalah = pd.DataFrame([m.__dict__ for m in periksa.masalah])
            st.error(
                f"{len(masalah)} masalah ditemukan. Perbaiki di file lalu unggah lagi, "
                "atau simpan baris yang valid saja."
            )
            st.dataframe(masalah, hide_index=True)
            st.download_button("Unduh daftar masalah (XLSX)", ke_xlsx({"Masalah": masalah}), "masalah_unggahan.xlsx")
        bisa_simpan = periksa.baru or periksa.diubah or dataset == "asn"
        if bisa_simpan and st.button("Simpan baris yang valid", type="primary"):
            hasil = impor(komponen.engine(), dataset, isi, berkas.name, pengguna="dasbor")
            st.success(f"Tersimpan: {hasil.baru} baru, {hasil.diubah} diubah. Angka di dasbor sudah diperbarui.")

with st.expander("Peta batas kecamatan (GeoJSON)"):
    peta = st.file_uploader("GeoJSON dari kantor GIS kota", type=["geojson", "json"], key="berkas_peta")
    if peta is not None:
        hasil, pesan = baca_geojson(peta.getvalue(), set(komponen.data().kecamatan["kode_kecamatan"]))
        (st.success if hasil else st.error)(pesan)
        if hasil and st.button("Simpan peta"):
            simpan_peta(komponen.engine(), hasil, peta.name, "dasbor")
            st.success("Peta tersimpan; peta cakupan tampil di Ringkasan.")
