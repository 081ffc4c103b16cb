"""Iuran: contributions paid against expected, per month, per OPD and per kecamatan, and who is behind."""

import streamlit as st

from ptr_core import format as fmt
from ptr_core.akses import saring_opd
from ptr_core.iuran import iuran_per_bulan, iuran_per_unit
from ptr_core.periode import dari_indeks, ke_indeks
from ui import data, grafik, masuk, tampilan

bulan = tampilan.awal_halaman("Iuran")
m = ke_indeks(bulan)
ik = data.agregat()
s = data.settings()
r = data.ringkasan_bulan(bulan)

k = st.columns(3)
k[0].metric(f"Dibayar untuk {fmt.nama_bulan(bulan)}", fmt.rupiah(r["iuran_dibayar_bulan"]))
k[1].metric("Tahun berjalan", fmt.rupiah(r["iuran_dibayar_tahun_berjalan"]))
k[2].metric("Tunggakan s.d. bulan ini", fmt.rupiah(r["tunggakan"]))

per_bulan = iuran_per_bulan(ik, data.awal_tren(bulan), m, s)
per_bulan["bulan"] = [dari_indeks(int(b)) for b in per_bulan["bulan"]]
terakhir = per_bulan.iloc[-1]
judul = (
    f"{fmt.nama_bulan(bulan)}: dibayar {fmt.rupiah(int(terakhir['dibayar']))} "
    f"dari {fmt.rupiah(int(terakhir['diharapkan']))} yang diharapkan"
)
batang = [
    ("Diharapkan", per_bulan["diharapkan"], tampilan.PALET[5]),
    ("Dibayar", per_bulan["dibayar"], tampilan.PALET[0]),
]
fig = grafik.batang_bulanan(list(per_bulan["bulan"]), batang, judul)
tampilan.tampilkan(fig, per_bulan, f"iuran_per_bulan_{bulan}")

per_opd = iuran_per_unit(ik, m, s, "kode_opd").merge(ik.opd[["kode_opd", "nama_opd"]], on="kode_opd")
per_kec = iuran_per_unit(ik, m, s, "kode_kecamatan").merge(ik.kecamatan, on="kode_kecamatan")
tab_opd, tab_kec, tab_tunggak = st.tabs(["Per OPD", "Per kecamatan", "Tunggakan per sponsor"])
belum_ada = f"Belum ada iuran yang diharapkan, dibayar, atau tertunggak sampai {fmt.nama_bulan(bulan)}."
with tab_opd:
    tabel = per_opd[["nama_opd", "diharapkan", "dibayar", "tunggakan"]].sort_values("tunggakan", ascending=False)
    tampilan.tabel_unduh(tabel, f"iuran_opd_{bulan}", belum_ada)
with tab_kec:
    tabel = per_kec[["nama_kecamatan", "diharapkan", "dibayar", "tunggakan"]].sort_values("tunggakan", ascending=False)
    tampilan.tabel_unduh(tabel, f"iuran_kecamatan_{bulan}", belum_ada)
with tab_tunggak:
    # One OPD at a time: its rows come through indexed queries, never the whole city's payments.
    urutan = per_opd[per_opd["tunggakan"] > 0].sort_values("tunggakan", ascending=False)
    siapa = masuk.pengguna()
    boleh = saring_opd(siapa, list(urutan["kode_opd"]))
    if not boleh:
        st.info("Tidak ada tunggakan sampai bulan ini.")
    else:
        nama = dict(zip(urutan["kode_opd"], urutan["nama_opd"]))
        jumlah = dict(zip(urutan["kode_opd"], urutan["tunggakan"]))
        kode = (
            st.selectbox(
                "OPD (urut dari tunggakan terbesar)",
                boleh,
                format_func=lambda k: nama.get(k, k),
                key="tunggakan_opd",
                placeholder="Pilih…",
            )
            or boleh[0]
        )
        # Not the ASN whose workers owe this month: every unpaid worker-month since the start stays owed, also
        # when the worker has since lapsed or stopped, and so does a sponsor who has left (tindak_lanjut).
        st.caption(
            f"ASN {nama[kode]} (termasuk yang sudah tidak aktif) yang pekerja sponsorannya punya iuran tertunggak "
            f"sejak awal program sampai {fmt.nama_bulan(bulan)}, termasuk pekerja yang kini sudah nonaktif atau "
            f"berhenti; urut dari tunggakan terbesar. Jumlah tunggakan: **{fmt.rupiah(int(jumlah[kode]))}**."
        )
        tampilan.tabel_halaman(
            lambda nomor: data.halaman_tunggakan(siapa, kode, m, nomor),
            f"halaman_tunggakan_{kode}",
            "ASN",
        )
        tampilan.tombol_unduh(
            st,
            "Unduh seluruh daftar (XLSX)",
            data.tunggakan_sponsor(siapa, kode, m),
            f"tunggakan_sponsor_{kode}_{bulan}.xlsx",
            tampilan.MIME_XLSX,
        )
