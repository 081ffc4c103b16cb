"""Verifikasi Pendaftaran (staff): the registrations ASN submitted, approved into the data or rejected with a
reason the ASN sees."""

import datetime as dt

import streamlit as st

from ptr_core import format as fmt
from ptr_core.pengajuan import MENUNGGU, daftar_kelurahan, pengajuan, setujui, tolak
from ptr_core.privasi import samarkan_nik
from ptr_core.sponsor import BULAN_PERINGATAN_USIA, menjelang_65_semua
from ui import data, masuk, tampilan

tampilan.judul("Verifikasi Pendaftaran")
siapa = masuk.pengguna()
TAMPIL = 50


def _putus(nomor: int, setuju: bool) -> None:
    if setuju:
        kpj = st.session_state.get(f"kpj_{nomor}", "")
        ok, pesan = setujui(data.engine(), nomor, siapa.email, kpj, data.settings())
    else:
        ok, pesan = tolak(data.engine(), nomor, siapa.email, st.session_state.get(f"alasan_{nomor}", ""))
    st.session_state["_verifikasi_pesan"] = (ok, pesan)


if hasil := st.session_state.pop("_verifikasi_pesan", None):
    (st.success if hasil[0] else st.error)(hasil[1])
tampilan.dilindungi_program_lain(lambda n: f"{fmt.angka(n)} pekerja program ini juga dilindungi program lain")
tua = menjelang_65_semua(data.engine(), siapa, dt.date.today())
if len(tua):
    with st.expander(f"{fmt.angka(len(tua))} pekerja mencapai usia 65 tahun dalam {BULAN_PERINGATAN_USIA} bulan"):
        st.caption(
            "Kepesertaan BPU BPJS Ketenagakerjaan hanya sampai usia 64 tahun 11 bulan: beri tahu sponsornya, dan catat "
            "tanggal berhentinya bila BPJS mengakhiri kepesertaannya."
        )
        if tampilan.buka_nik("tua_nik", "Menjelang usia 65"):
            tua = menjelang_65_semua(data.engine(), siapa, dt.date.today(), nik_penuh=True)
        tampilan.tabel(tua, kolom=tampilan.KOLOM_NIK)
menunggu = pengajuan(data.engine(), status=MENUNGGU).iloc[::-1]  # oldest first
if menunggu.empty:
    st.info("Tidak ada pendaftaran yang menunggu verifikasi.")
    st.stop()
st.markdown(
    f"**{fmt.angka(len(menunggu))}** pendaftaran menunggu verifikasi (terlama di atas). Setujui bila data pekerja "
    "cocok dengan KTP dan pendaftaran BPJS Ketenagakerjaan; pekerja terdaftar mulai hari ini, disponsori ASN pengaju. "
    "Tolak dengan alasan yang jelas: ASN pengaju membacanya di halaman Pekerja Saya."
)
kelurahan = daftar_kelurahan(data.engine())
for p in menunggu.head(TAMPIL).itertuples():
    # Whole for an admin without a switch: approving is checking this NIK against the KTP and BPJS's record.
    nik = p.nik if siapa.boleh_buka_nik else samarkan_nik(p.nik)
    with st.container(border=True):
        st.markdown(
            f"**Pengajuan {p.id}: {fmt.md_aman(p.nama)}** · NIK {nik} · "
            f"{fmt.jenis_kelamin(p.jenis_kelamin).capitalize()} · {fmt.md_aman(p.pekerjaan)} · "
            f"{fmt.md_aman(kelurahan.get(p.kode_kelurahan, p.kode_kelurahan))} · telepon {fmt.md_aman(p.telepon)}  \n"
            f"Sponsor NIP {p.nip_sponsor} ({fmt.md_aman(p.diajukan_oleh)}), diajukan {fmt.waktu(p.diajukan_pada)}"
        )
        kiri, kanan = st.columns(2)
        kiri.text_input("Nomor KPJ (bila sudah terbit)", max_chars=20, key=f"kpj_{p.id}")
        kiri.button("Setujui", type="primary", key=f"setujui_{p.id}", on_click=_putus, args=(p.id, True))
        kanan.text_input("Alasan penolakan", max_chars=500, key=f"alasan_{p.id}")
        kanan.button("Tolak", key=f"tolak_{p.id}", on_click=_putus, args=(p.id, False))
if len(menunggu) > TAMPIL:
    st.caption(f"{TAMPIL} dari {fmt.angka(len(menunggu))} ditampilkan; yang lain tampil setelah ini diputus.")
