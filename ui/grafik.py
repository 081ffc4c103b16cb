"""The Ringkasan's figures, built once and shown both on the page and in the presentation mode."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from ptr_core import format as fmt
from ptr_core.cakupan import tren_kota
from ptr_core.periode import dari_indeks, ke_indeks
from ptr_core.ringkasan import dengan_target, garis_proyeksi, perubahan
from ui import komponen


def bulan_lalu(bulan: str) -> dict | None:
    lalu = dari_indeks(ke_indeks(bulan) - 1)
    return komponen.ringkasan_bulan(lalu) if lalu in komponen.daftar_bulan() else None


def kartu_utama(r: dict, r0: dict | None, arah: dict) -> None:
    """The eight headline tiles, each with its change against the previous month."""

    def selisih(kunci: str, bentuk=fmt.angka) -> str | None:  # noqa: ANN001
        beda = perubahan(r, r0, kunci)
        return None if beda is None else f"{'-' if beda < 0 else '+'}{bentuk(abs(beda))} dari bulan lalu"

    def selisih_rupiah(kunci: str) -> str | None:
        return selisih(kunci, fmt.rupiah)

    baris1 = st.columns(4)
    baris1[0].metric(
        "Pekerja informal", fmt.angka(r["pekerja_informal"]), selisih("pekerja_informal"), delta_color="off"
    )
    baris1[1].metric("Peserta aktif", fmt.angka(r["peserta_aktif"]), selisih("peserta_aktif"))
    beda_poin = perubahan(r, r0, "cakupan_persen")
    poin = None if beda_poin is None else f"{'-' if beda_poin < 0 else '+'}{fmt.persen(abs(beda_poin))[:-1]} poin"
    baris1[2].metric("Cakupan", fmt.persen(r["cakupan_persen"]), poin)
    baris1[3].metric(
        f"Target {arah['tahun_target']}",
        fmt.angka(r["target_peserta"]),
        f"kekurangan {fmt.angka(r['kekurangan_target'])}",
        delta_color="off",
        delta_arrow="off",
    )
    baris2 = st.columns(4)
    baris2[0].metric(
        f"ASN berpartisipasi ({fmt.persen(r['partisipasi_asn_persen'])})",
        fmt.angka(r["asn_berpartisipasi"]),
        selisih("asn_berpartisipasi"),
        help=f"dari {fmt.angka(r['asn_total'])} ASN aktif",
    )
    baris2[1].metric(
        "Pekerja disponsori: aktif", fmt.angka(r["pekerja_program_aktif"]), selisih("pekerja_program_aktif")
    )
    baris2[2].metric(
        "Pekerja disponsori: menunggak",
        fmt.angka(r["pekerja_program_menunggak"]),
        selisih("pekerja_program_menunggak"),
        delta_color="inverse",
    )
    baris2[3].metric(
        "Iuran terkumpul bulan ini",
        fmt.rupiah_ringkas(r["iuran_dibayar_bulan"]),
        selisih_rupiah("iuran_dibayar_bulan"),
        help=fmt.rupiah(r["iuran_dibayar_bulan"]),
    )
    st.caption(
        f"Nonaktif: {fmt.angka(r['pekerja_program_nonaktif'])} pekerja · iuran tahun berjalan "
        f"{fmt.rupiah(r['iuran_dibayar_tahun_berjalan'])} · tunggakan {fmt.rupiah(r['tunggakan'])}"
    )


def kalimat_jalur(arah: dict) -> tuple[bool | None, str]:
    if arah["sesuai_jalur"] is None:
        return None, ""
    teks = (
        f"Dengan laju tiga bulan terakhir, peserta akhir {arah['tahun_target']} diproyeksikan "
        f"{fmt.angka(round(arah['proyeksi_akhir_tahun']))}; target {fmt.angka(arah['target_peserta'])}. "
    )
    if arah["sesuai_jalur"]:
        return True, teks + "Kota **sesuai jalur**."
    return False, teks + (
        f"Kota **belum sesuai jalur**: perlu rata-rata {fmt.angka(round(arah['laju_dibutuhkan']))} peserta baru "
        f"per bulan selama {arah['sisa_bulan']} bulan tersisa (biaya menutup kekurangan "
        f"{fmt.rupiah(arah['biaya_menutup_gap_per_tahun'])} per tahun)."
    )


def tren(bulan: str, arah: dict, tinggi: int = 480, huruf: int = 16) -> tuple[go.Figure, pd.DataFrame]:
    kota = dengan_target(komponen.ikhtisar(), tren_kota(komponen.tren_cakupan_bulan(bulan)), komponen.settings())
    proyeksi = garis_proyeksi(arah, bulan)
    x = [fmt.bulan_singkat(b) for b in kota["bulan"]]
    fig = go.Figure()
    fig.add_scatter(
        x=x, y=kota["peserta_aktif"], name="Peserta aktif", mode="lines+markers", line={"width": 5}, marker={"size": 8}
    )
    fig.add_scatter(
        x=x,
        y=kota["target_peserta"],
        name="Target",
        mode="lines",
        line={"width": 3, "shape": "hv", "color": komponen.PALET[3]},
    )
    if len(proyeksi):
        fig.add_scatter(
            x=[fmt.bulan_singkat(b) for b in proyeksi["bulan"]],
            y=proyeksi["peserta_aktif"],
            name="Proyeksi",
            mode="lines+markers",
            line={"dash": "dash", "width": 4, "color": komponen.PALET[1]},
        )
    fig.update_yaxes(tickformat=",d", title="Peserta")
    status = "sesuai jalur" if arah["sesuai_jalur"] else "belum sesuai jalur"
    judul = f"Peserta aktif menuju target {arah['tahun_target']} ({fmt.angka(arah['target_peserta'])}): {status}"
    return komponen.gaya(fig, judul, tinggi, huruf), kota.assign(bulan=kota["bulan"].map(fmt.nama_bulan))


def kecamatan(r: dict, tinggi: int = 640, huruf: int = 16) -> tuple[go.Figure | None, go.Figure | None, pd.DataFrame]:
    """The sorted bar chart always; the choropleth too when a boundary file is loaded."""
    kec = pd.DataFrame(r["per_kecamatan"])
    ada = kec.dropna(subset=["cakupan_persen"]).sort_values("cakupan_persen")
    if ada.empty:
        return None, None, kec
    atas, bawah = ada.iloc[-1], ada.iloc[0]
    judul = (
        f"Cakupan tertinggi di {atas['nama']} ({fmt.persen(atas['cakupan_persen'])}), "
        f"terendah di {bawah['nama']} ({fmt.persen(bawah['cakupan_persen'])})"
    )
    batang = px.bar(
        ada,
        x="cakupan_persen",
        y="nama",
        orientation="h",
        text=[fmt.persen(x) for x in ada["cakupan_persen"]],
        labels={"cakupan_persen": "Cakupan (%)", "nama": ""},
    )
    batang.update_traces(marker_color=komponen.PALET[0], textposition="outside", cliponaxis=False)
    peta = komponen.peta()
    gambar_peta = None
    if peta:
        gambar_peta = px.choropleth(
            kec,
            geojson=peta,
            locations="kode_kecamatan",
            featureidkey="properties.kode_kecamatan",
            color="cakupan_persen",
            hover_name="nama",
            color_continuous_scale="Blues",
            labels={"cakupan_persen": "Cakupan (%)"},
        )
        gambar_peta.update_geos(fitbounds="locations", visible=False)
        gambar_peta = komponen.gaya(gambar_peta, judul, tinggi, huruf)
    return komponen.gaya(batang, judul, tinggi, huruf), gambar_peta, kec


def opd_teratas_terbawah(
    r: dict, jenis: str | None, tinggi: int = 520, huruf: int = 16
) -> list[tuple[go.Figure, pd.DataFrame, str]]:
    opd = pd.DataFrame(r["per_opd"]).merge(komponen.ikhtisar().opd[["kode_opd", "jenis"]], on="kode_opd")
    if jenis:
        opd = opd[opd["jenis"] == jenis]
    opd = opd[opd["asn_total"] > 0].sort_values("partisipasi_asn_persen", ascending=False)
    hasil = []
    for bagian, judul, nama in (
        (opd.head(10), "10 OPD dengan partisipasi ASN tertinggi", "opd_tertinggi"),
        (opd.tail(10).iloc[::-1], "10 OPD dengan partisipasi ASN terendah", "opd_terendah"),
    ):
        urut = bagian.iloc[::-1]
        fig = px.bar(
            urut,
            x="partisipasi_asn_persen",
            y="nama",
            orientation="h",
            range_x=[0, 100],
            text=[fmt.persen(x) for x in urut["partisipasi_asn_persen"]],
            labels={"partisipasi_asn_persen": "Partisipasi ASN (%)", "nama": ""},
        )
        fig.update_traces(marker_color=komponen.PALET[2], textposition="outside", cliponaxis=False)
        hasil.append((komponen.gaya(fig, judul, tinggi, huruf), bagian, nama))
    return hasil
