"""Unggah Data: check a file first (nothing is saved), see what would change, then commit in one transaction."""

import hashlib
from functools import partial

import pandas as pd
import streamlit as st

from ptr_core import format as fmt
from ptr_core.berkas import lembar_xlsx
from ptr_core.demo import hapus_demo
from ptr_core.ekspor import ke_xlsx
from ptr_core.impor import DATASET, Mode, baca, impor, tabel_masalah, tebak_dataset
from ptr_core.peta import baca_geojson, simpan_peta
from ptr_core.templat import templat_xlsx
from ui import data, masuk, tampilan

tampilan.judul("Unggah Data")
st.markdown(
    "1. Pilih file (CSV atau XLSX).\n2. Periksa hasil pemeriksaan: **belum ada yang disimpan**.\n"
    "3. Tekan **Simpan**. Setiap unggahan tercatat dan bisa dibatalkan di halaman Riwayat Unggahan."
)
# Before the demo's stop: staff preparing their first real files need the templates while the demo is still shown.
with st.expander("Unduh templat"):
    baris = st.container(horizontal=True)
    aturan = data.settings()
    for nama in DATASET:
        # Built when clicked: the workbook's checks carry the day of the download and the app's rate.
        baris.download_button(
            nama, partial(templat_xlsx, nama, settings=aturan), f"templat_{nama}.xlsx", icon=":material/download:"
        )

if data.mode_demo():
    # Real rows are never mixed into the synthetic city (ptr_core.impor refuses them): clear it first, on purpose.
    st.warning(
        "Basis data ini berisi **DATA CONTOH** (angka sintetis). Sebelum mengunggah data asli, hapus data contoh: "
        "semua unggahan contoh dibatalkan dan basis data kembali kosong."
    )
    yakin = st.checkbox("Ya, hapus semua data contoh", key="hapus_demo_yakin")
    if st.button("Hapus data contoh", disabled=not yakin, key="hapus_demo"):
        ok, pesan = hapus_demo(data.engine(), masuk.pengguna().email, data.settings())
        (st.success if ok else st.error)(pesan)
        if ok:
            st.button("Lanjut mengunggah", key="hapus_demo_lanjut")
    st.stop()

berkas = st.file_uploader("File", type=["csv", "xlsx", "txt"], key="berkas_unggah")
if berkas is not None:
    isi = berkas.getvalue()
    sha = hashlib.sha256(isi).hexdigest()
    # The file is read to recognise its dataset once, not at every rerun of the page (a 50 MB file takes seconds).
    if st.session_state.get("_tebakan", (None,))[0] != sha:
        frame, _ = baca(isi, berkas.name)
        st.session_state["_tebakan"] = (sha, tebak_dataset(frame) if frame is not None else None)
        del frame
    tebakan = st.session_state["_tebakan"][1]
    pilihan = list(DATASET)
    kiri, kanan = st.columns(2)
    dataset = kiri.selectbox(
        "Jenis data", pilihan, index=pilihan.index(tebakan) if tebakan else 0, key="unggah_dataset",
        help="Dikenali otomatis dari nama kolom; ubah bila keliru.",
        placeholder="Pilih…",
    )  # fmt: skip
    lembar = None
    if isi[:4] == b"PK\x03\x04":
        nama_lembar = lembar_xlsx(isi)
        lembar = kanan.selectbox("Lembar", nama_lembar, key="unggah_lembar", placeholder="Pilih…")
    s = data.settings()
    siapa = masuk.pengguna()
    # A partial ASN file (one OPD's new staff) must never deactivate the rest: replacing the roster is a choice
    # the user makes, with the count in front of them, never the default.
    roster = DATASET[dataset].roster is not None
    roster_lengkap = roster and st.session_state.get("unggah_roster_lengkap", False)
    # The check runs once per file, dataset, sheet and data version: pressing Simpan does not redo it.
    kunci = (sha, dataset, lembar, roster_lengkap, data.versi())
    if st.session_state.get("_periksa_kunci") != kunci:
        with st.spinner("Memeriksa file… (bila unggahan lain sedang disimpan, menunggu unggahan itu selesai)"):
            st.session_state["_periksa"] = impor(
                data.engine(), dataset, isi, berkas.name, siapa.email, mode=Mode.PRATINJAU, settings=s,
                lembar=lembar, roster_lengkap=roster_lengkap,
            )  # fmt: skip
        st.session_state["_periksa_kunci"] = kunci
    periksa = st.session_state["_periksa"]
    if periksa.sudah_pernah:
        st.info("File ini sudah pernah diunggah; tidak ada yang berubah.")
        st.stop()
    if roster and (periksa.asn_tidak_ada or roster_lengkap):
        st.checkbox(
            f"File ini roster lengkap: {fmt.angka(periksa.asn_tidak_ada)} ASN aktif yang tidak ada di file akan "
            "dianggap tidak aktif lagi",
            key="unggah_roster_lengkap",
            help="Biarkan kosong bila file hanya berisi ASN baru atau perubahan: ASN lain tetap aktif.",
        )
    k = st.columns(4)
    k[0].metric("Baris baru", fmt.angka(periksa.baru))
    k[1].metric("Berubah", fmt.angka(periksa.diubah))
    k[2].metric("Sama", fmt.angka(periksa.sama))
    k[3].metric("Ditolak", fmt.angka(periksa.ditolak))
    if periksa.masalah:
        masalah = tabel_masalah(periksa.masalah)
        catatan = fmt.angka(periksa.jumlah_peringatan)
        if periksa.ada_galat:
            st.error(
                f"{fmt.angka(periksa.ditolak)} baris ditolak, {catatan} catatan/peringatan. Perbaiki di file lalu "
                "unggah lagi."
            )
        else:
            st.warning(f"{catatan} catatan/peringatan; tidak ada baris yang ditolak.")
        if periksa.masalah_lain:
            st.caption(
                f"Daftar memuat {fmt.angka(len(masalah))} masalah pertama; {fmt.angka(periksa.masalah_lain)} masalah "
                "lain di baris sesudahnya tidak dicantumkan. Perbaiki yang tercantum dulu, lalu unggah lagi."
            )
        st.markdown(
            "\n".join(
                f"- {m.Jenis}: baris {m.Baris}" + (f", kolom {fmt.md_aman(m.Kolom)}" if m.Kolom else "")
                + (f" ('{fmt.md_aman(m.Nilai)}')" if m.Nilai else "") + f": {fmt.md_aman(m.Pesan)}"
                for m in masalah.head(20).itertuples()
            )
        )  # fmt: skip
        if len(masalah) > 20:
            st.caption(f"20 dari {fmt.angka(len(masalah))} masalah; semuanya ada di tabel dan unduhan di bawah.")
        st.dataframe(masalah, hide_index=True)
        tampilan.tombol_unduh(st, "Unduh daftar masalah (XLSX)", ke_xlsx({"Masalah": masalah}),
                              "masalah_unggahan.xlsx", tampilan.MIME_XLSX)  # fmt: skip
    if periksa.sebelum and periksa.sesudah:
        berubah = [
            (fmt.LABEL_ANGKA.get(k, k), fmt.angka_utama(k, periksa.sebelum.get(k)), fmt.angka_utama(k, v))
            for k, v in periksa.sesudah.items()
            if periksa.sebelum.get(k) != v
        ]
        if berubah:
            st.markdown("**Angka utama bila disimpan:**")
            st.dataframe(pd.DataFrame(berubah, columns=["Angka", "Sekarang", "Sesudah"]), hide_index=True)
    if periksa.baru or periksa.diubah:
        mode = st.radio(
            "Simpan",
            ["Simpan baris yang valid saja", "Jangan simpan apa pun sampai file bersih"],
            disabled=not periksa.ada_galat,
            key="unggah_mode",
        )
        bersih_saja = mode.startswith("Jangan")
        if st.button("Simpan", type="primary", disabled=bersih_saja and periksa.ada_galat, key="unggah_simpan"):
            with st.spinner("Menyimpan… (bila unggahan lain sedang disimpan, menunggu unggahan itu selesai)"):
                hasil = impor(
                    data.engine(),
                    dataset,
                    isi,
                    berkas.name,
                    siapa.email,
                    settings=s,
                    mode=Mode.SIMPAN_JIKA_BERSIH if bersih_saja else Mode.SIMPAN,
                    lembar=lembar,
                    roster_lengkap=roster_lengkap,
                )
            if hasil.unggahan_id:
                with st.spinner("Memperbarui angka dasbor…"):
                    data.siapkan_ringkasan()
                st.success(
                    f"Tersimpan sebagai unggahan {hasil.unggahan_id}: {fmt.angka(hasil.baru)} baru, "
                    f"{fmt.angka(hasil.diubah)} diubah. Angka di dasbor sudah diperbarui."
                )
            elif hasil.sudah_pernah:
                st.info("File ini sudah disimpan (oleh Anda atau pengguna lain); tidak ada yang berubah.")
            else:
                # A whole roster with a rejected row, a file left with errors, or rows another upload saved first.
                alasan = next((m.pesan for m in hasil.masalah if m.baris == 1 and not m.kolom), None)
                st.error("Tidak ada yang disimpan. " + (alasan or "Tidak ada baris baru atau berubah."))
    elif not periksa.masalah:
        st.info("Tidak ada yang berubah.")

with st.expander("Peta batas kecamatan (GeoJSON)"):
    peta = st.file_uploader("GeoJSON dari kantor GIS kota", type=["geojson", "json"], key="berkas_peta")
    if peta is not None:
        hasil_peta, pesan = baca_geojson(peta.getvalue(), set(data.agregat().kecamatan["kode_kecamatan"]))
        (st.success if hasil_peta else st.error)(pesan)
        if hasil_peta and st.button("Simpan peta"):
            simpan_peta(data.engine(), hasil_peta, peta.name, masuk.pengguna().email)
            st.success("Peta tersimpan; peta cakupan tampil di Ringkasan.")
