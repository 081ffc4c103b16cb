"""Daftarkan Pekerja (ASN): register a worker you sponsor; programme staff verify it before it counts."""

import datetime as dt

import streamlit as st

from ptr_core import format as fmt
from ptr_core import validasi as v
from ptr_core.pengajuan import PEKERJAAN, Ajuan, ajukan, daftar_kelurahan
from ui import komponen

komponen.judul("Daftarkan Pekerja")
siapa = komponen.pengguna()
st.markdown(
    "Daftarkan pekerja rentan (pekerja informal) yang akan Anda sponsori: iurannya "
    f"{fmt.rupiah(komponen.settings().iuran_bulanan)} per bulan. Pendaftaran **menunggu verifikasi** staf program; "
    "statusnya tampil di halaman Pekerja Saya."
)
if pesan := st.session_state.pop("_daftar_pesan", None):
    st.success(pesan)
nik = st.text_input("NIK pekerja (16 angka, dari KTP)", max_chars=16, key="daftar_nik").strip()
if nik:
    try:
        data = v.rincian_nik(nik, dt.date.today())
        jenis = "Perempuan" if data.jenis_kelamin == "P" else "Laki-laki"
        st.caption(f"Dari NIK: {jenis}, lahir {fmt.tanggal(data.tanggal_lahir)}.")
        if usia := v.usia_bpu(data.tanggal_lahir, dt.date.today()):
            st.error(usia)
    except v.NilaiSalah as e:
        st.error(str(e))
nama = st.text_input("Nama sesuai KTP", max_chars=200, key="daftar_nama")
pilihan = st.selectbox("Pekerjaan", [*PEKERJAAN, "Lainnya"], index=None, placeholder="Pilih…", key="daftar_kerja")
pekerjaan = (
    st.text_input("Pekerjaan lainnya", max_chars=100, key="daftar_kerja_lain") if pilihan == "Lainnya" else pilihan
)
kelurahan = daftar_kelurahan(komponen.engine())
kode_kel = st.selectbox(
    "Kelurahan domisili", list(kelurahan), index=None, format_func=kelurahan.get, placeholder="Pilih…",
    key="daftar_kelurahan",
)  # fmt: skip
telepon = st.text_input("Nomor telepon/WhatsApp pekerja", max_chars=20, key="daftar_telepon")


def _ajukan() -> None:
    # From the widgets' state, not this run's variables: a click sends the fields typed just before it.
    isi = st.session_state
    pilihan = isi.get("daftar_kerja")
    pekerjaan = isi.get("daftar_kerja_lain", "") if pilihan == "Lainnya" else pilihan
    nama = isi.get("daftar_nama", "")
    ajuan = Ajuan(isi.get("daftar_nik", ""), nama, pekerjaan or "", isi.get("daftar_kelurahan") or "",
                  isi.get("daftar_telepon", ""))  # fmt: skip
    ok, alasan = ajukan(komponen.engine(), siapa, ajuan)
    if ok:
        st.session_state["_daftar_pesan"] = (
            f"Pendaftaran {' '.join(nama.split())} diajukan dan menunggu verifikasi staf program."
        )
        for kunci in ("daftar_nik", "daftar_nama", "daftar_kerja", "daftar_kerja_lain", "daftar_kelurahan",
                      "daftar_telepon"):  # fmt: skip
            st.session_state.pop(kunci, None)
    else:
        st.session_state["_daftar_alasan"] = alasan


st.button("Ajukan pendaftaran", type="primary", on_click=_ajukan, key="daftar_ajukan")
for alasan in st.session_state.pop("_daftar_alasan", []):
    st.error(alasan)
