"""Rekonsiliasi BPJS (staff, admin; an OPD head their unit's rows): the programme's workers against the latest
participant report of BPJS Ketenagakerjaan, each disagreement with what to do about it."""

import streamlit as st

from ptr_core import format as fmt
from ptr_core.rekonsiliasi import KELAS, angka_utama
from ui import data, masuk, tampilan

TAMPIL = 1_000  # rows drawn per class; the download holds them all

tampilan.judul("Rekonsiliasi BPJS")
siapa = masuk.pengguna()


def bagian_ganda() -> None:
    """Workers another programme covers too (a city-wide list: not for an OPD head)."""
    if siapa.peran != "opd":
        tampilan.dilindungi_program_lain(lambda n: f"Juga dilindungi program lain: {fmt.angka(n)} pekerja")


bulan, kelas = data.rekonsiliasi(siapa, nik_penuh=False)
if bulan is None:
    st.info(
        "Belum ada laporan peserta BPJS Ketenagakerjaan. Unggah laporannya (data **peserta_bpjs**, dengan tanggal "
        "laporan) di halaman Unggah Data; data program lalu dicocokkan di sini."
    )
    bagian_ganda()
    st.stop()

lingkup = f" (OPD {siapa.kode_opd})" if siapa.peran == "opd" else ""
st.markdown(
    f"Data program bulan **{fmt.nama_bulan(bulan)}**{lingkup} dicocokkan dengan laporan BPJS terbaru bulan itu: "
    "menurut NIK, atau nomor KPJ bila NIK tidak ditemukan. Lunas di BPJS = bulan terakhir dibayar sama dengan "
    "bulan ini atau sesudahnya. Satu pekerja bisa masuk lebih dari satu kelompok."
)
angka = angka_utama(kelas)
tile = st.columns(3)
tile[0].metric("Pekerja program bulan ini", fmt.angka(angka["pekerja_program"]))
tile[1].metric("Lunas menurut data program", fmt.angka(angka["lunas"]))
tile[2].metric(
    "Terkonfirmasi BPJS",
    fmt.angka(angka["terkonfirmasi_bpjs"]),
    f"{fmt.persen(angka['terkonfirmasi_persen'])} dari yang lunas",
    delta_color="off",
    delta_arrow="off",
    help="Lunas di data program, lunas dan berstatus aktif di laporan BPJS.",
)

if tampilan.buka_nik("rekonsiliasi_nik", "Rekonsiliasi BPJS"):  # the same classes, the NIKs whole
    bulan, kelas = data.rekonsiliasi(siapa, nik_penuh=True)
KOLOM = ["nik", "nama", "nomor_kpj", "nip_sponsor", "status", "nik_bpjs", "nomor_kpj_bpjs", "nama_bpjs",
         "status_bpjs", "bulan_terakhir_dibayar_bpjs", "nip_pembayar_bpjs", "cocok"]  # fmt: skip
for k in KELAS:
    baris = kelas[k.kunci]
    if k.kunci == "hanya_di_bpjs" and siapa.peran == "opd":
        continue
    with st.expander(f"{k.judul}: {fmt.angka(len(baris))} pekerja", expanded=bool(len(baris)) and len(baris) <= 20):
        st.markdown(f"**Yang perlu dilakukan:** {k.tindakan}")
        if baris.empty:
            st.caption("Tidak ada.")
            continue
        tabel = baris[[c for c in KOLOM if c in baris.columns]]
        if len(tabel) > TAMPIL:
            st.caption(f"{fmt.angka(TAMPIL)} baris pertama; unduh untuk semuanya.")
        tampilan.tabel(tabel.head(TAMPIL), kolom=tampilan.KOLOM_NIK)
        tampilan.unduh(tabel, f"rekonsiliasi_{k.kunci}_{bulan}", lembar=k.kunci[:31])

bagian_ganda()
