"""Target & simulasi: what raising participation or the enrolment pace would do to coverage, the gap and cost."""

import pandas as pd
import streamlit as st

from ptr_core import format as fmt
from ptr_core.partisipasi import partisipasi_per_jenis
from ptr_core.target import simulasi
from ui import data, tampilan

bulan = tampilan.awal_halaman("Target & simulasi")
r = data.ringkasan_bulan(bulan)
arah = data.arah_bulan(bulan)
opd = data.agregat().opd
per_jenis = partisipasi_per_jenis(pd.DataFrame(r["per_opd"]).merge(opd[["kode_opd", "jenis"]], on="kode_opd"))
per_jenis = per_jenis[per_jenis["asn_total"] > 0]

k = st.columns(4)
k[0].metric(f"Target {arah['tahun_target']}", fmt.angka(arah["target_peserta"]))
k[1].metric("Peserta aktif", fmt.angka(r["peserta_aktif"]))
k[2].metric("Kekurangan", fmt.angka(arah["kekurangan_target"]))
# A tile cuts a long figure with '…': the short form, the exact amount in its tooltip.
biaya = arah["biaya_menutup_gap_per_tahun"]
k[3].metric("Biaya per tahun", fmt.rupiah_ringkas(biaya), help=f"Menutup kekurangan: {fmt.rupiah(biaya)} per tahun")

st.markdown("#### Simulasi: bagaimana jika...")
kiri, kanan = st.columns([2, 1])
sasaran: dict[str, float] = {}
with kiri:
    for row in per_jenis.itertuples():
        sasaran[row.jenis] = st.slider(
            f"Partisipasi ASN {fmt.nama_jenis(row.jenis)} ({fmt.angka(row.asn_total)} ASN, "
            f"kini {fmt.persen(row.partisipasi_asn_persen)})",
            0,
            100,
            int(row.partisipasi_asn_persen or 0),
            step=1,
            key=f"sim_{row.jenis}",
            format="%d%%",
        )
with kanan:
    laju = st.number_input("Pendaftaran tambahan per bulan (pekerja)", 0, 100_000, 0, step=50, key="sim_laju")
    lama = st.number_input("Selama (bulan)", 0, 36, int(arah["sisa_bulan"]), key="sim_bulan")
hasil = simulasi(
    r["peserta_aktif"],
    r["pekerja_informal"],
    r["pekerja_program_aktif"],
    per_jenis,
    sasaran,
    int(laju),
    int(lama),
    arah["target_peserta"],
    data.settings(),
)
h = st.columns(4)
h[0].metric("Peserta akhir", fmt.angka(hasil["peserta_akhir"]), f"+{fmt.angka(hasil['pekerja_tambahan'])}")
h[1].metric(
    "Cakupan akhir",
    fmt.persen(hasil["cakupan_akhir_persen"]),
    f"kini {fmt.persen(r['cakupan_persen'])}",
    delta_color="off",
    delta_arrow="off",
)
h[2].metric("Sisa kekurangan", fmt.angka(hasil["kekurangan_target"]))
h[3].metric(
    "Biaya program / tahun", fmt.rupiah_ringkas(hasil["biaya_program_per_tahun"]),
    help=fmt.rupiah(hasil["biaya_program_per_tahun"]),
)  # fmt: skip
if hasil["kekurangan_target"] == 0:
    st.success(f"Dengan asumsi ini target {arah['tahun_target']} tercapai.")
else:
    st.warning(
        f"Dengan asumsi ini masih kurang {fmt.angka(hasil['kekurangan_target'])} peserta; menutupnya "
        f"memerlukan {fmt.rupiah(hasil['biaya_menutup_gap_per_tahun'])} per tahun."
    )
st.caption(
    "Setiap ASN baru yang berpartisipasi dihitung mendaftarkan satu pekerja; biaya = pekerja × "
    f"{fmt.rupiah(data.settings().iuran_bulanan)} × 12."
)
