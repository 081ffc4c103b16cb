"""Kecamatan: one kecamatan's coverage against its own target, its programme workers and their sponsors."""

import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from ptr_core import format as fmt
from ptr_core.cakupan import rincian_kecamatan
from ptr_core.periode import ke_indeks
from ptr_core.ringkasan import dengan_target
from ui import data, masuk, tampilan

bulan = tampilan.awal_halaman("Cakupan Kecamatan")
m = ke_indeks(bulan)
r = data.ringkasan_bulan(bulan)
arah = data.arah_bulan(bulan)
per_kec = {k["kode_kecamatan"]: k for k in r["per_kecamatan"]}
dipilih = st.session_state.get("kecamatan")
kode: str = dipilih if isinstance(dipilih, str) and dipilih in per_kec else next(iter(per_kec))
kec = per_kec[kode]
st.caption("Pilih kecamatan di panel samping.")

st.subheader(f"Kecamatan {kec['nama']} — {fmt.nama_bulan(bulan)}")
k = st.columns(4)
k[0].metric("Pekerja informal", fmt.angka(kec["pekerja_informal"]))
k[1].metric("Peserta aktif", fmt.angka(kec["peserta_aktif"]))
k[2].metric(
    "Cakupan",
    fmt.persen(kec["cakupan_persen"]),
    f"kota {fmt.persen(r['cakupan_persen'])}",
    delta_color="off",
    delta_arrow="off",
)
k[3].metric(
    f"Target {arah['tahun_target']}",
    fmt.angka(kec["target_peserta"]),
    f"kekurangan {fmt.angka(kec['kekurangan_target'])}",
    delta_color="off",
    delta_arrow="off",
)

tren = data.tren_cakupan_bulan(bulan)
# Each month against the target of its own year, as the city's chart: a 2025 month is not held to the 2026 target.
tren = dengan_target(data.agregat(), tren[tren["kode_kecamatan"] == kode], data.settings(), kode)
x = [fmt.bulan_singkat(b) for b in tren["bulan"]]
fig = go.Figure()
fig.add_scatter(x=x, y=tren["peserta_aktif"], name="Peserta aktif", mode="lines+markers", line={"width": 4})
if tren["target_peserta"].notna().any():
    fig.add_scatter(x=x, y=tren["target_peserta"], name="Target", mode="lines",
                    line={"width": 3, "shape": "hv", "color": tampilan.PALET[3]})  # fmt: skip
fig.update_yaxes(tickformat=",d", title="Peserta")
kurang = kec["kekurangan_target"]
judul_tren = f"{kec['nama']}: " + (f"kurang {fmt.angka(kurang)} peserta dari target" if kurang else "target tercapai")
tampilan.tampilkan(tampilan.gaya(fig, judul_tren), tren, f"tren_{kode}")

if not masuk.pengguna().boleh_kecamatan(kode):
    st.info("Rincian pekerja per kelurahan hanya untuk pimpinan, admin, dan kecamatan yang bersangkutan.")
    st.stop()
rincian = rincian_kecamatan(data.agregat(), data.per_kelurahan(kode), m, kode)
kelurahan, kerja = rincian["kelurahan"], rincian["pekerjaan"]
if kelurahan.empty:
    st.info(f"Belum ada pekerja program aktif di Kecamatan {kec['nama']} pada {fmt.nama_bulan(bulan)}.")
    st.stop()
kiri, kanan = st.columns(2)
with kiri:
    fig_kel = px.bar(kelurahan, x="pekerja_aktif", y="nama_kelurahan", orientation="h",
                     labels={"pekerja_aktif": "Pekerja aktif", "nama_kelurahan": ""})  # fmt: skip
    judul_kel = f"Pekerja program aktif terbanyak di {kelurahan.iloc[-1]['nama_kelurahan']}"
    tampilan.tampilkan(tampilan.gaya(fig_kel, judul_kel, 520), kelurahan, f"kelurahan_{kode}")
with kanan:
    fig_kerja = px.bar(kerja, x="pekerja_aktif", y="pekerjaan", orientation="h",
                       labels={"pekerja_aktif": "Pekerja aktif", "pekerjaan": ""})  # fmt: skip
    judul_kerja = f"Terbanyak: {kerja.iloc[-1]['pekerjaan']}"
    tampilan.tampilkan(tampilan.gaya(fig_kerja, judul_kerja, 520), kerja, f"pekerjaan_{kode}")

st.markdown("#### OPD yang ASN-nya mensponsori pekerja di kecamatan ini")
tampilan.tabel(rincian["opd"])
tampilan.unduh(rincian["opd"], f"opd_sponsor_{kode}_{bulan}")
