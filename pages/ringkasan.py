"""Ringkasan: the headline figures of the month, as `python -m ptr_core summary` prints them."""

import pandas as pd
import plotly.express as px
import streamlit as st

from pages import komponen
from ptr_core import format as fmt

komponen.judul("Ringkasan PNS Peduli Pekerja Rentan")
bulan = komponen.bulan_terpilih()
r = komponen.ringkasan_bulan(bulan)
arah = komponen.arah_bulan(bulan)
st.subheader(fmt.nama_bulan(bulan))

if not r["pekerja_informal"] and not r["asn_total"]:
    st.info("Belum ada data. Unggah data di halaman Unggah Data.")
    st.stop()

k1, k2, k3, k4 = st.columns(4)
k1.metric("Pekerja informal", fmt.angka(r["pekerja_informal"]))
k2.metric("Peserta aktif", fmt.angka(r["peserta_aktif"]))
k3.metric("Cakupan", fmt.persen(r["cakupan_persen"]))
k4.metric(
    f"Target {arah['tahun_target']} · kekurangan",
    fmt.angka(r["target_peserta"]),
    f"kurang {fmt.angka(r['kekurangan_target'])}",
    delta_color="off",
)
k5, k6, k7, k8 = st.columns(4)
k5.metric(
    "ASN berpartisipasi",
    fmt.angka(r["asn_berpartisipasi"]),
    f"{fmt.persen(r['partisipasi_asn_persen'])} dari {fmt.angka(r['asn_total'])} ASN",
    delta_color="off",
)
k6.metric(
    "Pekerja disponsori ASN (aktif)",
    fmt.angka(r["pekerja_program_aktif"]),
    f"menunggak {fmt.angka(r['pekerja_program_menunggak'])} · nonaktif {fmt.angka(r['pekerja_program_nonaktif'])}",
    delta_color="off",
)
k7.metric("Iuran terkumpul bulan ini", fmt.rupiah(r["iuran_dibayar_bulan"]))
k8.metric("Iuran tahun berjalan", fmt.rupiah(r["iuran_dibayar_tahun_berjalan"]))

if arah["sesuai_jalur"] is not None:
    kalimat = (
        f"Dengan laju tiga bulan terakhir, peserta akhir {arah['tahun_target']} diproyeksikan "
        f"{fmt.angka(round(arah['proyeksi_akhir_tahun']))}; target {fmt.angka(arah['target_peserta'])}. "
    )
    if arah["sesuai_jalur"]:
        st.success(kalimat + "Kota **sesuai jalur**.")
    else:
        st.warning(
            kalimat + f"Kota **belum sesuai jalur**: perlu tambahan {fmt.angka(round(arah['laju_dibutuhkan']))} "
            f"peserta per bulan selama {arah['sisa_bulan']} bulan tersisa."
        )

kec = pd.DataFrame(r["per_kecamatan"]).sort_values("cakupan_persen")
gambar = px.bar(
    kec,
    x="cakupan_persen",
    y="nama",
    orientation="h",
    text=[fmt.persen(x) for x in kec["cakupan_persen"]],
    title=f"Cakupan tertinggi: {kec.iloc[-1]['nama']}; terendah: {kec.iloc[0]['nama']}",
    labels={"cakupan_persen": "Cakupan (%)", "nama": ""},
    color_discrete_sequence=["#0072B2"],
)
gambar.update_layout(separators=",.", height=560, font_size=16, margin=dict(l=10, r=10, t=60, b=10))
st.plotly_chart(gambar)
