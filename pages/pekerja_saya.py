"""Pekerja Saya (ASN): the workers I sponsor, their status this month, what is owed and how to settle it."""

import datetime as dt
from html import escape

import plotly.express as px
import streamlit as st

from ptr_core import format as fmt
from ptr_core.pengajuan import DISETUJUI, DITOLAK, MENUNGGU, pengajuan
from ptr_core.periode import dari_indeks, ke_indeks
from ptr_core.sponsor import BERHENTI, menjelang_65, muat_pekerja_saya
from ui import data, masuk, tampilan

bulan = tampilan.awal_halaman("Pekerja Saya")
siapa = masuk.pengguna()
s = data.settings()
saya = muat_pekerja_saya(data.engine(), siapa.nip or "", ke_indeks(bulan), s)
st.subheader(f"{saya.nama_asn or siapa.email} (NIP {siapa.nip}) — {fmt.nama_bulan(bulan)}")
daftar = saya.pekerja
ajuan = pengajuan(data.engine(), nip=siapa.nip or "")
terbuka = ajuan[ajuan["status"] != DISETUJUI]
if len(terbuka):
    st.markdown("#### Pendaftaran yang Anda ajukan")
    tabel_ajuan = terbuka.assign(
        status=terbuka["status"].map({MENUNGGU: "menunggu verifikasi", DITOLAK: "ditolak"}),
        diajukan=terbuka["diajukan_pada"].dt.normalize(),
    )[["nama", "nik", "diajukan", "status", "alasan"]]
    tampilan.tabel(tabel_ajuan)
if daftar.empty:
    st.info(
        "Anda belum tercatat mensponsori pekerja. Daftarkan pekerja di halaman Daftarkan Pekerja: setelah staf "
        "program memverifikasinya, pekerja itu tampil di sini."
    )
    st.stop()

sekarang = daftar[daftar["status"] != BERHENTI]
k = st.columns(3)
k[0].metric("Pekerja aktif", fmt.angka(int((sekarang["status"] == "aktif").sum())))
k[1].metric("Menunggak", fmt.angka(int((sekarang["status"] == "menunggak").sum())))
k[2].metric("Tunggakan", fmt.rupiah(int(daftar["tunggakan"].sum())))

for w in daftar[daftar["tunggakan"] > 0].itertuples():
    bulan_nama = ", ".join(fmt.nama_bulan(b) for b in w.bulan_tertunggak)
    kpj = f" (nomor KPJ {fmt.md_aman(w.nomor_kpj)})" if w.nomor_kpj else ""
    st.warning(
        f"**{fmt.md_aman(w.nama)}**{kpj}: iuran {bulan_nama} belum lunas, kurang {fmt.rupiah(int(w.tunggakan))}. "
        f"Bayar iuran bulan-bulan itu ({fmt.rupiah(s.iuran_bulanan)} per bulan) lewat kanal pembayaran BPJS "
        "Ketenagakerjaan dengan nomor KPJ pekerja, lalu kirim bukti bayarnya ke staf program PTR."
    )
for w in menjelang_65(sekarang, dt.date.today()).itertuples():
    kapan = "sudah" if w.tanggal_65 <= dt.date.today() else "akan"
    st.info(
        f"**{fmt.md_aman(w.nama)}** {kapan} berusia 65 tahun pada {fmt.tanggal(w.tanggal_65)}: kepesertaan BPU BPJS "
        "Ketenagakerjaan hanya sampai usia 64 tahun 11 bulan. Bicarakan dengan staf program kapan sponsor Anda "
        "untuk pekerja ini berakhir; Anda dapat mendaftarkan pekerja lain."
    )
nonaktif = sekarang[sekarang["status"] == "nonaktif"]
if len(nonaktif):
    st.info(
        f"{len(nonaktif)} pekerja nonaktif: iurannya tidak dibayar {s.bulan_sampai_nonaktif} bulan berturut-turut. "
        "Untuk mengaktifkannya lagi, daftarkan ulang pekerja itu lewat staf program."
    )

tabel = daftar.assign(bulan_tertunggak=[", ".join(fmt.nama_bulan(b) for b in x) for x in daftar["bulan_tertunggak"]])
tabel = tabel[["nama", "nik", "pekerjaan", "nama_kelurahan", "tanggal_daftar", "status", "bulan_lunas",
               "tunggakan", "bulan_tertunggak"]]  # fmt: skip
# The sponsoring ASN sees their own workers' NIK whole (issue 17): the list holds no one else's.
tampilan.tabel(tabel)

riwayat = saya.riwayat.assign(bulan=[dari_indeks(int(b)) for b in saya.riwayat["bulan"]])
riwayat = riwayat[riwayat["bulan"] >= dari_indeks(data.awal_tren(bulan))]
warna = {"aktif": tampilan.PALET[2], "menunggak": tampilan.PALET[1], "nonaktif": "#9e9e9e"}
fig = px.scatter(
    riwayat.assign(bulan_nama=riwayat["bulan"].map(fmt.bulan_singkat)),
    x="bulan_nama", y="nama", color="status", color_discrete_map=warna, symbol_sequence=["square"],
    labels={"bulan_nama": "", "nama": "", "status": "Status"},
)  # fmt: skip
fig.update_traces(marker={"size": 18})
judul = "Status iuran per bulan" if len(daftar) > 1 else f"Status iuran {daftar['nama'].iloc[0]} per bulan"
tampilan.tampilkan(tampilan.gaya(fig, judul, 140 + 50 * daftar["nik"].nunique()), riwayat, f"riwayat_saya_{bulan}")

layak = daftar[daftar["bulan_lunas"] >= s.bulan_piagam]
if len(layak):
    st.markdown(f"#### Piagam partisipasi ({s.bulan_piagam} bulan aktif atau lebih)")
    for w in layak.itertuples():
        html = f"""<!doctype html><html lang="id"><meta charset="utf-8"><title>Piagam PTR</title>
<style>@page {{ size: A4 landscape; margin: 2cm; }} body {{ font-family: sans-serif; text-align: center; }}
h1 {{ font-size: 40px; margin-top: 3cm; }} p {{ font-size: 22px; }}</style>
<h1>Piagam Partisipasi</h1><p>Program PNS Peduli Pekerja Rentan — Pemerintah Kota Semarang</p>
<p>diberikan kepada</p><h2>{escape(saya.nama_asn)} (NIP {escape(siapa.nip or "")})</h2>
<p>atas kepesertaan BPJS Ketenagakerjaan <b>{escape(w.nama)}</b> yang iurannya lunas
{fmt.angka(int(w.bulan_lunas))} bulan sampai {fmt.nama_bulan(bulan)}.</p></html>"""
        tampilan.tombol_unduh(st, f"Piagam: {w.nama}", html.encode(), f"piagam_{w.nik[-4:]}_{bulan}.html", "text/html",
                              icon=":material/workspace_premium:")  # fmt: skip
