"""Manfaat program: what the cover paid out to the programme's workers (JKK, JKM, beasiswa) against the
contributions paid, per month, per kecamatan and per OPD of the sponsor; for programme staff, the cases, with
whether the family agreed that a case be told in public. Every figure is `summary --json`'s `manfaat`."""

import streamlit as st

from ptr_core import format as fmt
from ptr_core.akses import rincian_terlindungi
from ptr_core.klaim import daftar_kasus, manfaat_per
from ptr_core.periode import ke_indeks
from ui import data, grafik, masuk, tampilan

bulan = tampilan.awal_halaman("Manfaat program")
m = ke_indeks(bulan)
ik = data.agregat()
klaim = data.klaim()
siapa = masuk.pengguna()

grafik.kartu_manfaat(bulan)
if klaim.empty:
    st.info(
        "Belum ada klaim yang tercatat. Unggah data klaim dari BPJS Ketenagakerjaan (data **klaim**) di halaman "
        "Unggah Data: satu baris per pembayaran JKK, JKM atau beasiswa untuk pekerja program."
    )
fig, seri = grafik.manfaat_bulanan(bulan)
tampilan.tampilkan(fig, seri, f"manfaat_per_bulan_{bulan}")

per_kec = manfaat_per(klaim, ik.bulanan, m, "kode_kecamatan").merge(ik.kecamatan, on="kode_kecamatan")
per_opd = manfaat_per(klaim, ik.bulanan, m, "kode_opd").merge(ik.opd[["kode_opd", "nama_opd"]], on="kode_opd")
st.caption(f"Sejak awal program sampai {fmt.nama_bulan(bulan)}. Manfaat per Rp1 iuran: lihat Metodologi.")
tab_kec, tab_opd = st.tabs(["Per kecamatan", "Per OPD sponsor"])
belum_ada = f"Belum ada iuran maupun klaim sampai {fmt.nama_bulan(bulan)}."
with tab_kec:
    tabel = per_kec[["nama_kecamatan", "klaim", "manfaat", "iuran", "rasio"]]
    tampilan.tabel_unduh(tabel, f"manfaat_kecamatan_{bulan}", belum_ada)
with tab_opd:
    tabel = per_opd[["nama_opd", "klaim", "manfaat", "iuran", "rasio"]]
    tampilan.tabel_unduh(tabel, f"manfaat_opd_{bulan}", belum_ada)

if siapa.peran in ("admin", "operator") and not klaim.empty:
    st.markdown("#### Daftar kasus (untuk staf program)")
    st.caption(
        "Nama dan NIK tidak pernah tampil di layar umum. Ceritakan kasus di depan umum hanya bila pekerja atau "
        "keluarganya setuju (kolom *Boleh dipublikasikan*)."
    )
    kiri, kanan = st.columns(2)
    hanya_setuju = kiri.toggle("Hanya yang boleh dipublikasikan", key="kasus_setuju")
    nik_penuh = tampilan.buka_nik("kasus_nik", "Manfaat program: daftar kasus", kanan)
    kasus = daftar_kasus(klaim, siapa, nik_penuh, sampai=m, hanya_setuju=hanya_setuju)
    if kasus.empty:
        yang = "kasus yang boleh dipublikasikan" if hanya_setuju else "klaim yang dibayar"
        st.info(f"Belum ada {yang} sampai {fmt.nama_bulan(bulan)}.")
    else:
        tampilan.tabel(kasus, kolom=tampilan.KOLOM_NIK)
        tampilan.unduh(kasus, f"kasus_klaim_{bulan}")

if siapa.peran in ("admin", "operator") and len(lepas := data.klaim_tanpa_pendaftaran()):
    st.warning(
        f"{fmt.angka(len(lepas))} klaim tidak dihitung: pada hari kejadiannya pekerja itu tidak lagi tercatat "
        "terdaftar di program (data pekerjanya diubah setelah klaim diunggah). Periksa tanggal daftar dan tanggal "
        "berhenti pekerja itu, atau batalkan unggahan klaimnya bila klaim itu memang bukan manfaat program."
    )
    with st.expander("Klaim yang tidak dihitung"):
        tabel = rincian_terlindungi(
            siapa,
            lepas[["nik", "jenis", "tanggal_kejadian", "tanggal_bayar", "jumlah", "unggahan_id"]].rename(
                columns={"jumlah": "manfaat"}
            ),
        )
        tampilan.tabel(tabel)
