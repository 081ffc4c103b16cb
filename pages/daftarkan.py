"""Daftarkan Pekerja (ASN): register a worker you sponsor, or reserve a candidate from the city's lists when you
know none; programme staff verify a registration before it counts."""

import datetime as dt

import streamlit as st

from ptr_core import format as fmt
from ptr_core import validasi as v
from ptr_core.calon import lepas, pesan, pesanan_saya, tawaran, urutan_kecamatan
from ptr_core.pengajuan import PEKERJAAN, Ajuan, ajukan, daftar_kelurahan
from ptr_core.peta import titik_tengah
from ui import data, masuk, tampilan

KENAL, CALON = "Pekerja yang Anda kenal", "Cari calon pekerja"
tampilan.judul("Daftarkan Pekerja")
siapa = masuk.pengguna()
st.markdown(
    "Daftarkan pekerja rentan (pekerja informal) yang akan Anda sponsori: iurannya "
    f"{fmt.rupiah(data.settings().iuran_bulanan)} per bulan. Pendaftaran **menunggu verifikasi** staf program; "
    "statusnya tampil di halaman Pekerja Saya."
)
if hasil := st.session_state.pop("_daftar_pesan", None):
    st.success(hasil)
if hasil := st.session_state.pop("_calon_hasil", None):
    (st.success if hasil[0] else st.error)(hasil[1])
sekarang = dt.datetime.now()
dipesan = pesanan_saya(data.engine(), siapa.nip or "", sekarang)


def _isi_dari_calon() -> None:
    # The reserved candidate's data into the form (the ASN adds the phone number they got from the candidate).
    if dipesan is None:
        return
    st.session_state.update(daftar_nik=dipesan.nik, daftar_nama=dipesan.nama, daftar_kelurahan=dipesan.kode_kelurahan)
    lain = dipesan.pekerjaan not in PEKERJAAN
    st.session_state["daftar_kerja"] = "Lainnya" if lain else dipesan.pekerjaan
    if lain:
        st.session_state["daftar_kerja_lain"] = dipesan.pekerjaan
    st.session_state["daftar_cara"] = KENAL


def _lepas() -> None:
    st.session_state["_calon_hasil"] = lepas(data.engine(), siapa)


def _pesan(calon_id: int) -> None:
    st.session_state["_calon_hasil"] = pesan(data.engine(), siapa, calon_id, dt.datetime.now(), data.settings())


if dipesan:
    with st.container(border=True):
        # Names, occupations and sources come from staff's files: shown literally, never as Markdown.
        st.markdown(
            f"**Calon yang Anda pesan** (untuk Anda sampai {fmt.tanggal(dipesan.berlaku_sampai.date())}): "
            f"**{fmt.md_aman(dipesan.nama)}**, NIK {dipesan.nik}, {fmt.jenis_kelamin(dipesan.jenis_kelamin)}, "
            f"{fmt.md_aman(dipesan.pekerjaan)}, Kelurahan {fmt.md_aman(dipesan.nama_kelurahan)}, "
            f"Kecamatan {fmt.md_aman(dipesan.nama_kecamatan)} (sumber: {fmt.md_aman(dipesan.sumber)})."
        )
        st.caption(
            "Hubungi calon lewat kelurahan atau pendamping sosialnya, minta persetujuannya dan nomor teleponnya, "
            "lalu daftarkan dengan formulir di bawah."
        )
        kiri, kanan = st.columns(2)
        kiri.button("Isi formulir dengan calon ini", on_click=_isi_dari_calon, key="calon_isi", type="primary")
        kanan.button("Lepaskan pesanan", on_click=_lepas, key="calon_lepas")
cara = st.segmented_control("Cara mendaftarkan", [KENAL, CALON], default=KENAL, key="daftar_cara")
if cara == CALON:
    if dipesan:
        st.info("Anda sedang memesan satu calon: daftarkan atau lepaskan dulu untuk memesan calon lain.")
    else:
        s = data.settings()
        st.markdown(
            "Belum mengenal pekerja rentan? Pilih calon dari daftar kelurahan dan data sosial kota, mulai dari "
            "kecamatan yang paling jauh dari targetnya. Calon yang Anda pesan disimpan untuk Anda "
            f"{s.hari_pesan_calon} hari; nama dan NIK-nya tampil setelah dipesan."
        )
        semua_bulan = data.daftar_bulan()
        per_kec = data.ringkasan_bulan(semua_bulan[-1])["per_kecamatan"] if semua_bulan else []
        kurang = {k["kode_kecamatan"]: k["kekurangan_target"] for k in per_kec}
        urutan = urutan_kecamatan(per_kec, siapa.kode_kecamatan, titik_tengah(data.peta()))
        calon = tawaran(data.engine(), urutan, sekarang)
        if calon.empty:
            st.info("Belum ada calon pekerja yang tersedia. Staf program mengunggah daftar calon dari kelurahan.")
        for c in calon.itertuples():
            with st.container(border=True):
                teks, tombol = st.columns([4, 1], vertical_alignment="center")
                teks.markdown(
                    f"**{fmt.md_aman(c.nama)}** · {fmt.jenis_kelamin(c.jenis_kelamin)}, {c.usia} tahun · "
                    f"{fmt.md_aman(c.pekerjaan)}  \nKelurahan {fmt.md_aman(c.nama_kelurahan)}, "
                    f"Kecamatan {fmt.md_aman(c.nama_kecamatan)}"
                )
                if kurang.get(c.kode_kecamatan):
                    teks.caption(
                        f"Kecamatan ini masih kurang {fmt.angka(kurang[c.kode_kecamatan])} peserta dari target."
                    )
                tombol.button("Pesan", key=f"pesan_{c.id}", on_click=_pesan, args=(int(c.id),))
else:
    nik = st.text_input("NIK pekerja (16 angka, dari KTP)", max_chars=16, key="daftar_nik").strip()
    if nik:
        try:
            rincian = v.rincian_nik(nik, dt.date.today())
            st.caption(
                f"Dari NIK: {fmt.jenis_kelamin(rincian.jenis_kelamin).capitalize()}, lahir "
                f"{fmt.tanggal(rincian.tanggal_lahir)}."
            )
            if usia := v.usia_bpu(rincian.tanggal_lahir, dt.date.today()):
                st.error(usia)
        except v.NilaiSalah as e:
            st.error(str(e))
    nama = st.text_input("Nama sesuai KTP", max_chars=200, key="daftar_nama")
    pilihan = st.selectbox("Pekerjaan", [*PEKERJAAN, "Lainnya"], index=None, placeholder="Pilih…", key="daftar_kerja")
    pekerjaan = (
        st.text_input("Pekerjaan lainnya", max_chars=100, key="daftar_kerja_lain") if pilihan == "Lainnya" else pilihan
    )
    kelurahan = daftar_kelurahan(data.engine())
    kode_kel = st.selectbox(
        "Kelurahan domisili", list(kelurahan), index=None, format_func=lambda k: kelurahan.get(k, k),
        placeholder="Pilih…", key="daftar_kelurahan",
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
    ok, alasan = ajukan(data.engine(), siapa, ajuan)
    if ok:
        st.session_state["_daftar_pesan"] = (
            f"Pendaftaran {' '.join(nama.split())} diajukan dan menunggu verifikasi staf program."
        )
        for kunci in ("daftar_nik", "daftar_nama", "daftar_kerja", "daftar_kerja_lain", "daftar_kelurahan",
                      "daftar_telepon"):  # fmt: skip
            st.session_state.pop(kunci, None)
    else:
        st.session_state["_daftar_alasan"] = alasan


if cara != CALON:
    st.button("Ajukan pendaftaran", type="primary", on_click=_ajukan, key="daftar_ajukan")
    for alasan in st.session_state.pop("_daftar_alasan", []):
        st.error(alasan)
