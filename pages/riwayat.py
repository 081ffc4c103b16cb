"""Riwayat Unggahan: every upload, and rolling one back to restore exactly the state before it."""

import streamlit as st

from ptr_core import format as fmt
from ptr_core.impor import batalkan, riwayat
from ui import data, masuk, tampilan

tampilan.judul("Riwayat Unggahan")
daftar = riwayat(data.engine())
if daftar.empty:
    st.info("Belum ada unggahan.")
    st.stop()
tampilan.tabel(daftar.drop(columns=["sha256"]))
siapa = masuk.pengguna()
if not siapa.boleh_batalkan:
    st.caption("Pembatalan unggahan hanya dapat dilakukan admin.")
    st.stop()
aktif = daftar[daftar["dibatalkan_pada"].isna()].set_index("id")
if aktif.empty:
    st.caption("Semua unggahan sudah dibatalkan.")
    st.stop()
st.markdown("**Batalkan unggahan**: baris yang dibawanya dihapus dan baris yang diubahnya dikembalikan.")
pilihan = st.selectbox(
    "Unggahan",
    aktif.index.tolist(),
    format_func=lambda i: f"{i} · {aktif.loc[i, 'dataset']} · {aktif.loc[i, 'nama_file']}",
    key="batal_pilihan",
    placeholder="Pilih…",
)
u = aktif.loc[pilihan]
# A rollback cannot itself be undone except by uploading the file again: say what it does before it is done.
st.warning(
    f"Unggahan {pilihan} ({u['dataset']}, {u['nama_file']}, oleh {u['pengguna']} pada {fmt.waktu(u['waktu'])}): "
    f"{fmt.angka(u['baris_baru'])} baris yang dibawanya akan dihapus dan {fmt.angka(u['baris_diubah'])} baris yang "
    "diubahnya dikembalikan ke nilai sebelumnya. Angka di dasbor dihitung ulang."
)
yakin = st.checkbox(f"Ya, saya yakin membatalkan unggahan {pilihan}", key=f"batal_yakin_{pilihan}")
if st.button("Batalkan unggahan ini", type="primary", disabled=not yakin, key="batal_tombol"):
    ok, pesan = batalkan(data.engine(), int(pilihan), siapa.email, data.settings())
    (st.success if ok else st.error)(pesan)
