"""Ringkasan: the Walikota's briefing. Every figure is `python -m ptr_core summary` for the chosen month."""

import streamlit as st

from ptr_core import format as fmt
from ptr_core.laporan import html_ringkasan
from ptr_core.pengajuan import hitung_pendaftaran
from ui import data, grafik, tampilan

bulan = tampilan.awal_halaman("Ringkasan PNS Peduli Pekerja Rentan")
r = data.ringkasan_bulan(bulan)
arah = data.arah_bulan(bulan)

st.subheader(fmt.nama_bulan(bulan))
grafik.kartu_utama(r, grafik.bulan_lalu(bulan), arah)
sesuai, kalimat = grafik.kalimat_jalur(arah)
if sesuai is not None:
    (st.success if sesuai else st.warning)(kalimat)

fig, tabel = grafik.tren(bulan, arah)
tampilan.tampilkan(fig, tabel, f"tren_peserta_{bulan}")

batang, peta, kec = grafik.kecamatan(r)
if peta is not None:
    tampilan.tampilkan(peta, kec, f"peta_cakupan_{bulan}")
if batang is not None:
    tampilan.tampilkan(batang, kec, f"cakupan_kecamatan_{bulan}")

kolom = st.columns(2)
grafik_opd = grafik.opd_teratas_terbawah(r, st.session_state.get("jenis"))
for tempat, (fig_opd, bagian, nama) in zip(kolom, grafik_opd):
    with tempat:
        tampilan.tampilkan(fig_opd, bagian, f"{nama}_{bulan}")
if not grafik_opd:
    kolom[0].info("Tidak ada OPD dengan ASN aktif pada saringan ini.")
elif len(grafik_opd) == 1:
    kolom[1].info("Hanya satu OPD dengan ASN aktif pada saringan ini: tidak ada OPD lain untuk dibandingkan.")

kiri, kanan = st.columns([3, 2])
with kiri:
    fig_corong, tabel_corong = grafik.corong(r)
    tampilan.tampilkan(fig_corong, tabel_corong, f"corong_{bulan}")
with kanan:
    daftar = hitung_pendaftaran(data.engine(), bulan)
    st.markdown(f"#### Pendaftaran lewat dasbor, {fmt.nama_bulan(bulan)}")
    k = st.columns(2)
    k[0].metric("Diajukan ASN", fmt.angka(daftar["diajukan"]))
    k[1].metric("Disetujui", fmt.angka(daftar["disetujui"]))
    k = st.columns(2)
    k[0].metric("Ditolak", fmt.angka(daftar["ditolak"]))
    k[1].metric("Menunggu verifikasi", fmt.angka(daftar["menunggu"]), help="Pada akhir bulan (bulan ini: saat ini)")

st.markdown("#### Manfaat bagi pekerja dan konfirmasi BPJS")
grafik.kartu_manfaat(bulan)

tampilan.tombol_unduh(
    st,
    "Cetak ringkasan (A4 lanskap)",
    html_ringkasan(r, arah, data.tanggal_data(), data.mode_demo()),
    f"ringkasan_ptr_{bulan}.html",
    "text/html",
    icon=":material/print:",
    help="Halaman siap cetak: buka lalu Ctrl+P (satu halaman A4 lanskap), atau simpan sebagai PDF.",
)
