"""OPD: one unit's participation against the city and its peers, its ASN and workers, and arrears."""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ptr_core import format as fmt
from ptr_core.akses import saring_opd
from ptr_core.calon import pesanan_opd
from ptr_core.iuran import tunggakan_per
from ptr_core.partisipasi import (
    SPONSOR_AKTIF,
    SPONSOR_BELUM,
    SPONSOR_MENUNGGAK,
    STATUS_SPONSOR,
    partisipasi_kota_per_bulan,
    partisipasi_opd,
    partisipasi_per_jenis,
    status_sponsor,
)
from ptr_core.pengajuan import MENUNGGU, pengajuan_opd
from ptr_core.periode import dari_indeks, ke_indeks
from ui import data, masuk, saringan, tampilan

bulan = tampilan.awal_halaman("Partisipasi OPD")
m = ke_indeks(bulan)
r = data.ringkasan_bulan(bulan)
per_opd = pd.DataFrame(r["per_opd"]).merge(data.agregat().opd[["kode_opd", "jenis"]], on="kode_opd")
siapa = masuk.pengguna()
pilihan = per_opd if not st.session_state.get("jenis") else per_opd[per_opd["jenis"] == st.session_state["jenis"]]
pilihan = pilihan[pilihan["kode_opd"].isin(saring_opd(siapa, list(pilihan["kode_opd"])))]
nama = dict(zip(pilihan["kode_opd"], pilihan["nama"]))
if st.session_state.get("opd") not in nama:
    st.session_state["opd"] = next(iter(nama), None)
kode = st.selectbox("OPD", list(nama), key="opd", format_func=lambda k: nama.get(k, k), placeholder="Pilih…")
if kode is None:
    st.info("Tidak ada OPD untuk jenis ini.")
    st.stop()
saringan.tulis_url()
unit = per_opd.set_index("kode_opd").loc[kode]
jenis = partisipasi_per_jenis(per_opd).set_index("jenis").loc[unit["jenis"]]

st.subheader(f"{unit['nama']} — {fmt.nama_bulan(bulan)}")
k = st.columns(4)
k[0].metric(
    "Partisipasi ASN",
    fmt.persen(unit["partisipasi_asn_persen"]),
    f"{fmt.angka(unit['asn_berpartisipasi'])} dari {fmt.angka(unit['asn_total'])} ASN",
    delta_color="off",
    delta_arrow="off",
)
k[1].metric("Kota", fmt.persen(r["partisipasi_asn_persen"]), delta_arrow="off")
k[2].metric(
    f"Semua OPD jenis {fmt.nama_jenis(unit['jenis'])}",  # summed counts, then divided: not an average of percentages
    fmt.persen(jenis["partisipasi_asn_persen"]),
    f"{fmt.angka(jenis['asn_berpartisipasi'])} dari {fmt.angka(jenis['asn_total'])} ASN",
    delta_color="off",
    delta_arrow="off",
)
k[3].metric("Pekerja aktif disponsori", fmt.angka(unit["pekerja_program_aktif"]))

nik_penuh = tampilan.buka_nik("buka_nik", f"OPD {kode}")
ik = data.agregat()
status = status_sponsor(partisipasi_opd(ik, m).set_index("kode_opd").loc[kode])
tunggakan = int(tunggakan_per(ik, m, "kode_opd").get(kode, 0))
st.markdown(
    f"**{fmt.angka(status[SPONSOR_AKTIF])}** ASN mensponsori pekerja aktif, "
    f"**{fmt.angka(status[SPONSOR_MENUNGGAK])}** hanya mensponsori pekerja yang menunggak, "
    f"**{fmt.angka(status[SPONSOR_BELUM])}** belum mensponsori. "
    f"Tunggakan pekerja yang disponsori ASN OPD ini: **{fmt.rupiah(tunggakan)}**."
)

ajuan = pengajuan_opd(data.engine(), siapa, kode)
menunggu = int((ajuan["status"] == MENUNGGU).sum())
tab_asn, tab_pekerja, tab_ajuan, tab_tren = st.tabs(
    ["ASN", "Pekerja yang disponsori", f"Pendaftaran ({fmt.angka(menunggu)} menunggu)", "Tren"]
)
with tab_asn:
    saring = st.segmented_control("Tampilkan", ["semua", *STATUS_SPONSOR], default="semua", key="saring_asn")
    status_dipilih = None if saring in (None, "semua") else saring
    st.caption(
        f"Status sponsor pada {fmt.nama_bulan(bulan)}: *mensponsori aktif* (ada pekerja aktif), *menunggak* (ada "
        "pekerja menunggak, tidak ada yang aktif), *belum* (tidak ada pekerja aktif atau menunggak). Tunggakan: iuran "
        "yang belum dibayar sejak awal program, termasuk untuk pekerja yang kini nonaktif, sehingga ASN berstatus "
        "*belum* pun bisa punya tunggakan."
    )
    tampilan.tabel_halaman(
        lambda nomor: data.halaman_asn(siapa, kode, m, status_dipilih, nomor),
        f"halaman_asn_{kode}_{saring}",
        "ASN",
        kosong="OPD ini tidak punya ASN aktif dalam daftar ASN terbaru."
        if status_dipilih is None
        else f"Tidak ada ASN berstatus *{status_dipilih}* pada {fmt.nama_bulan(bulan)}.",
    )
with tab_pekerja:
    tampilan.tabel_halaman(
        lambda nomor: data.halaman_pekerja(siapa, kode, m, nomor, nik_penuh),
        f"halaman_pekerja_{kode}",
        "Pekerja",
        kosong=f"Belum ada pekerja yang disponsori ASN OPD ini pada {fmt.nama_bulan(bulan)}.",
    )
with tab_ajuan:
    dipesan = pesanan_opd(data.engine(), siapa, kode, dt.datetime.now())
    if len(dipesan):
        st.markdown(f"**{fmt.angka(len(dipesan))} calon pekerja sedang dipesan ASN OPD ini** (belum didaftarkan):")
        dipesan = dipesan.assign(berlaku_sampai=dipesan["berlaku_sampai"].dt.normalize())
        tampilan.tabel(dipesan)
    if ajuan.empty:
        st.info("ASN OPD ini belum mengajukan pendaftaran pekerja lewat dasbor.")
    else:
        tabel = ajuan.assign(status=ajuan["status"].replace({MENUNGGU: "menunggu verifikasi"}),
                             diajukan=ajuan["diajukan_pada"].dt.normalize())  # fmt: skip
        tampilan.tabel(tabel[["nama_asn", "nip", "nama", "nik", "diajukan", "status", "alasan"]])
with tab_tren:
    tren = data.tren_partisipasi_bulan(bulan)
    tren_unit = tren[tren["kode_opd"] == kode]
    kota = partisipasi_kota_per_bulan(tren)
    fig = go.Figure()
    x = [fmt.bulan_singkat(dari_indeks(i)) for i in tren_unit["bulan"]]
    fig.add_scatter(x=x, y=tren_unit["partisipasi_asn_persen"], name=unit["nama"], line={"width": 4})
    fig.add_scatter(x=x, y=kota["partisipasi_asn_persen"], name="Kota", line={"width": 3, "dash": "dot"})
    fig.update_yaxes(range=[0, 100], title="Partisipasi ASN (%)")
    tampilan.tampilkan(tampilan.gaya(fig, f"Partisipasi {unit['nama']} dibanding kota"), tren_unit, f"tren_{kode}")

tampilan.tombol_unduh(
    st,
    "Unduh daftar tindak lanjut (XLSX)",
    data.tindak_lanjut(siapa, kode, m, nik_penuh),
    f"tindak_lanjut_{kode}_{bulan}.xlsx",
    tampilan.MIME_XLSX,
)
