"""The Ringkasan's figures, built once and shown both on the page and in the presentation mode.

One module over ~350 lines because it is that one set of figures: the page and the presentation mode must draw the
same cards, sentences and charts, so they share these builders rather than each keeping a part."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from html import escape
from textwrap import wrap
from typing import Any, Literal

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from ptr_core import format as fmt
from ptr_core.cakupan import persen, tren_kota
from ptr_core.klaim import seri_bulanan
from ptr_core.partisipasi import teratas_terbawah
from ptr_core.periode import dari_indeks, ke_indeks
from ptr_core.ringkasan import AngkaBerubah, AngkaBulan, ArahTarget, dengan_target, garis_proyeksi, perubahan
from ptr_core.ringkasan import corong as tahap_corong
from ui import data, tampilan


def bulan_lalu(bulan: str) -> AngkaBulan | None:
    lalu = dari_indeks(ke_indeks(bulan) - 1)
    return data.ringkasan_bulan(lalu) if lalu in data.daftar_bulan() else None


SAMA = "sama dengan bulan lalu"


@dataclass(frozen=True)
class AngkaUtama:
    """One headline tile: an st.metric on the Ringkasan, an HTML card in the presentation mode (a metric's label
    is cut with '…' when its column is narrow, which a projected briefing must never do)."""

    label: str
    nilai: str
    selisih: str | None = None
    warna: Literal["normal", "inverse", "off"] = "normal"  # st.metric's delta_color
    panah: bool = True
    keterangan: str | None = None  # the tile's tooltip on the Ringkasan


def angka_utama(r: AngkaBulan, r0: AngkaBulan | None, arah: ArahTarget) -> list[AngkaUtama]:
    """The eight headline figures, each with its change against the previous month."""

    def selisih(kunci: AngkaBerubah, bentuk: Callable[[Any], str] = fmt.angka) -> str | None:
        beda = perubahan(r, r0, kunci)
        if beda is None or beda == 0:
            return None if beda is None else SAMA
        return f"{'-' if beda < 0 else '+'}{bentuk(abs(beda))} dari bulan lalu"

    beda_poin = perubahan(r, r0, "cakupan_persen")
    poin = None if beda_poin is None else f"{'-' if beda_poin < 0 else '+'}{fmt.persen(abs(beda_poin))[:-1]} poin"
    if beda_poin == 0:  # perubahan rounds points to the two decimals shown
        poin = SAMA
    angka = [
        AngkaUtama("Pekerja informal", fmt.angka(r["pekerja_informal"]), selisih("pekerja_informal"), "off"),
        AngkaUtama("Peserta aktif", fmt.angka(r["peserta_aktif"]), selisih("peserta_aktif")),
        AngkaUtama("Cakupan", fmt.persen(r["cakupan_persen"]), poin),
        AngkaUtama(
            f"Target {arah['tahun_target']}",
            fmt.angka(r["target_peserta"]),
            f"kekurangan {fmt.angka(r['kekurangan_target'])}",
            "off",
            panah=False,
        ),
        AngkaUtama(
            f"ASN berpartisipasi ({fmt.persen(r['partisipasi_asn_persen'])})",
            fmt.angka(r["asn_berpartisipasi"]),
            selisih("asn_berpartisipasi"),
            keterangan=f"dari {fmt.angka(r['asn_total'])} ASN aktif",
        ),
        AngkaUtama(
            "Pekerja disponsori: aktif", fmt.angka(r["pekerja_program_aktif"]), selisih("pekerja_program_aktif")
        ),
        AngkaUtama(
            "Pekerja disponsori: menunggak",
            fmt.angka(r["pekerja_program_menunggak"]),
            selisih("pekerja_program_menunggak"),
            "inverse",
        ),
        AngkaUtama(
            "Iuran terkumpul bulan ini",
            fmt.rupiah_ringkas(r["iuran_dibayar_bulan"]),
            selisih("iuran_dibayar_bulan", fmt.rupiah_ringkas),  # in the form of its figure: Rp109,9 juta, +Rp6,6 juta
            keterangan=fmt.rupiah(r["iuran_dibayar_bulan"]),
        ),
    ]
    # No change is neither good nor bad: no colour, no arrow ("↑ +0" read as a rise).
    return [replace(a, warna="off", panah=False) if a.selisih == SAMA else a for a in angka]


def kalimat_bawah(r: AngkaBulan) -> str:
    return (
        f"Nonaktif: {fmt.angka(r['pekerja_program_nonaktif'])} pekerja · iuran tahun berjalan "
        f"{fmt.rupiah(r['iuran_dibayar_tahun_berjalan'])} · tunggakan {fmt.rupiah(r['tunggakan'])}"
    )


def kartu_utama(r: AngkaBulan, r0: AngkaBulan | None, arah: ArahTarget) -> None:
    """The eight headline tiles as st.metric, in two rows of four."""
    angka = angka_utama(r, r0, arah)
    for baris in (angka[:4], angka[4:]):
        for tempat, a in zip(st.columns(4), baris):
            tempat.metric(
                a.label,
                a.nilai,
                a.selisih,
                delta_color=a.warna,
                delta_arrow="auto" if a.panah else "off",
                help=a.keterangan,
            )
    st.caption(kalimat_bawah(r))


def _kelas_selisih(a: AngkaUtama) -> tuple[str, str]:
    """st.metric's colours and arrow: a change is good when it rises, unless `inverse`; `off` is neutral."""
    turun = a.selisih is not None and a.selisih.startswith("-")
    panah = ("↓ " if turun else "↑ ") if a.panah else ""
    if a.warna == "off":
        return "netral", panah
    return ("buruk" if turun == (a.warna == "normal") else "baik"), panah


PANJANG_NILAI = 12  # characters: Rp187,8 juta fits a tile at full size


def html_kartu(angka: list[AngkaUtama], bawah: str, kelas_grid: str = "") -> str:
    """The headline tiles as a grid of HTML cards whose labels wrap instead of being cut (presentation mode);
    `kelas_grid` an extra class of the grid (a slide's own layout)."""
    kartu = []
    for a in angka:
        kelas, panah = _kelas_selisih(a)
        # A figure stays on one line: a long one (Rp1,35 miliar) a size smaller to fit a quarter of a projector.
        nilai = "nilai panjang" if len(a.nilai) > PANJANG_NILAI else "nilai"
        baris = [f'<div class="label">{escape(a.label)}</div>', f'<div class="{nilai}">{escape(a.nilai)}</div>']
        if a.selisih is not None:
            baris.append(f'<div class="selisih {kelas}">{panah}{escape(a.selisih)}</div>')
        kartu.append(f'<div class="kartu">{"".join(baris)}</div>')
    return f'<div class="layar-kartu {kelas_grid}">{"".join(kartu)}<div class="bawah">{escape(bawah)}</div></div>'


def kalimat_jalur(arah: ArahTarget) -> tuple[bool | None, str]:
    # With a target there is a projection and a pace: `sesuai_jalur` is None exactly when either is.
    akhir, laju = arah["proyeksi_akhir_tahun"], arah["laju_dibutuhkan"]
    if arah["sesuai_jalur"] is None or akhir is None or laju is None:
        return None, ""
    teks = (
        f"Dengan laju tiga bulan terakhir, peserta akhir {arah['tahun_target']} diproyeksikan "
        f"{fmt.angka(round(akhir))}; target {fmt.angka(arah['target_peserta'])}. "
    )
    if arah["sesuai_jalur"]:
        return True, teks + "Kota **sesuai jalur**."
    return False, teks + (
        f"Kota **belum sesuai jalur**: perlu rata-rata {fmt.angka(round(laju))} peserta baru "
        f"per bulan selama {arah['sisa_bulan']} bulan tersisa (biaya menutup kekurangan "
        f"{fmt.rupiah(arah['biaya_menutup_gap_per_tahun'])} per tahun)."
    )


def tren(bulan: str, arah: ArahTarget, tinggi: int = 480, huruf: int = 16) -> tuple[go.Figure, pd.DataFrame]:
    kota = dengan_target(data.agregat(), tren_kota(data.tren_cakupan_bulan(bulan)), data.settings())
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
        line={"width": 3, "shape": "hv", "color": tampilan.PALET[3]},
    )
    if len(proyeksi):
        fig.add_scatter(
            x=[fmt.bulan_singkat(b) for b in proyeksi["bulan"]],
            y=proyeksi["peserta_aktif"],
            name="Proyeksi",
            mode="lines+markers",
            line={"dash": "dash", "width": 4, "color": tampilan.PALET[1]},
        )
    fig.update_yaxes(tickformat=",d", title="Peserta")
    status = "sesuai jalur" if arah["sesuai_jalur"] else "belum sesuai jalur"
    judul = f"Peserta aktif menuju target {arah['tahun_target']} ({fmt.angka(arah['target_peserta'])}): {status}"
    return tampilan.gaya(fig, judul, tinggi, huruf), kota.assign(bulan=kota["bulan"].map(fmt.nama_bulan))


def kecamatan(
    r: AngkaBulan, tinggi: int = 640, huruf: int = 16
) -> tuple[go.Figure | None, go.Figure | None, pd.DataFrame]:
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
    batang.update_traces(marker_color=tampilan.PALET[0], textposition="outside", cliponaxis=False)
    peta = data.peta()
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
        gambar_peta = tampilan.gaya(gambar_peta, judul, tinggi, huruf)
    return tampilan.gaya(batang, judul, tinggi, huruf), gambar_peta, kec


def opd_teratas_terbawah(
    r: AngkaBulan, jenis: str | None, tinggi: int = 520, huruf: int = 16
) -> list[tuple[go.Figure, pd.DataFrame, str]]:
    """The OPDs of the highest and of the lowest participation (`partisipasi.teratas_terbawah`: no OPD in both), a
    bar chart each whose title says how many OPDs it shows; a list without OPDs has no chart, so one OPD gives
    the top chart alone."""
    opd = pd.DataFrame(r["per_opd"]).merge(data.agregat().opd[["kode_opd", "jenis"]], on="kode_opd")
    if jenis:
        opd = opd[opd["jenis"] == jenis]
    atas, bawah = teratas_terbawah(opd)
    hasil = []
    for bagian, urutan, nama in ((atas, "tertinggi", "opd_tertinggi"), (bawah, "terendah", "opd_terendah")):
        if bagian.empty:
            continue
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
        fig.update_traces(marker_color=tampilan.PALET[2], textposition="outside", cliponaxis=False)
        judul = f"{fmt.angka(len(bagian))} OPD dengan partisipasi ASN {urutan}"
        hasil.append((tampilan.gaya(fig, judul, tinggi, huruf), bagian, nama))
    return hasil


def corong(r: AngkaBulan, tinggi: int = 360, huruf: int = 16) -> tuple[go.Figure, pd.DataFrame]:
    """From registered to paid up this month (`ringkasan.corong`) as a funnel; the title states the share paid up."""
    tabel = pd.DataFrame(tahap_corong(r), columns=["tahap", "pekerja"])
    awal, lunas = int(tabel["pekerja"].iloc[0]), int(tabel["pekerja"].iloc[-1])
    teks = [fmt.angka(n) + (f" ({fmt.persen(persen(n, awal))})" if awal else "") for n in tabel["pekerja"]]
    fig = go.Figure(
        go.Funnel(y=tabel["tahap"], x=tabel["pekerja"], text=teks, textinfo="text", textposition="inside",
                  marker={"color": [tampilan.PALET[0], tampilan.PALET[1], tampilan.PALET[2]]}, hoverinfo="skip")
    )  # fmt: skip
    # White on the blue, black on the orange and the green: each at least 4,5:1.
    fig.update_traces(textfont={"size": huruf, "color": ["#fff", "#111", "#111"]}, connector={"fillcolor": "#ddd"})
    bagian = fmt.persen(persen(lunas, awal))
    judul = f"{fmt.angka(lunas)} dari {fmt.angka(awal)} pekerja terdaftar lunas bulan ini ({bagian})"
    judul = judul if awal else "Belum ada pekerja terdaftar"
    return tampilan.gaya(fig, judul, tinggi, huruf), tabel


def untuk_layar(fig: go.Figure, huruf: int, sumbu_bulan: bool = False) -> go.Figure:
    """A chart for the presentation mode: as tall as the space left on the screen (the page gives the chart's
    container its height; a figure with a height of its own would run below the screen), the title at the top
    edge, the legend between the title and the plot, where it covers no month of the time axis, room on the
    right for a bar's value written after it (81,67% on an axis that ends at 100), long bar names on two lines
    so that the bars keep their width, and on a time axis at most nine month labels, upright."""
    ada_legenda = len(fig.data) > 1 and fig.layout.showlegend is not False
    fig.update_layout(
        height=None,
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": round(huruf * 0.5)}},
        margin={"t": round(huruf * (3.7 if ada_legenda else 2.5)), "r": round(huruf * 3.5)},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom"},
    )
    for batang in fig.select_traces({"type": "bar", "orientation": "h"}):
        nama = list(batang.y)
        fig.update_yaxes(tickmode="array", tickvals=nama, ticktext=["<br>".join(wrap(n, 30)) for n in nama])
    if sumbu_bulan:
        fig.update_xaxes(tickangle=0, nticks=9)
    return fig


def batang_bulanan(
    bulan: list[str], batang: list[tuple[str, pd.Series, str]], judul: str, huruf: int = 16
) -> go.Figure:
    """Rupiah per month ('YYYY-MM', shown short) as grouped bars, one per (name, values, colour)."""
    x = [fmt.bulan_singkat(b) for b in bulan]
    fig = go.Figure()
    for nama, nilai, warna in batang:
        fig.add_bar(x=x, y=nilai, name=nama, marker_color=warna)
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickprefix="Rp", tickformat=",d")
    return tampilan.gaya(fig, judul, huruf=huruf)


def manfaat_bulanan(bulan: str, huruf: int = 16) -> tuple[go.Figure, pd.DataFrame]:
    """Benefits paid (JKK, JKM, beasiswa) and contributions paid, month by month up to `bulan` (ptr_core.klaim)."""
    seri = seri_bulanan(data.klaim(), data.agregat().bulanan, data.awal_tren(bulan), ke_indeks(bulan))
    seri["bulan"] = [dari_indeks(int(b)) for b in seri["bulan"]]
    judul = (
        f"{fmt.nama_bulan(seri['bulan'].iloc[0])}–{fmt.nama_bulan(bulan)}: manfaat "
        f"{fmt.rupiah_ringkas(int(seri['manfaat'].sum()))} dari {fmt.angka(int(seri['klaim'].sum()))} klaim, "
        f"iuran {fmt.rupiah_ringkas(int(seri['iuran'].sum()))}"
    )
    batang = [
        ("Iuran dibayar", seri["iuran"], tampilan.PALET[5]),
        ("Manfaat dibayar", seri["manfaat"], tampilan.PALET[0]),
    ]
    fig = batang_bulanan(list(seri["bulan"]), batang, judul, huruf)
    # Short rupiah ticks without the zero, whose label would meet the first month's on a projector.
    maks = int(seri[["iuran", "manfaat"]].to_numpy().max())
    if maks > 0:
        pangkat = 10 ** (len(str(maks // 4)) - 1)
        langkah = next(k * pangkat for k in (1, 2, 5, 10) if k * pangkat * 4 >= maks)
        nilai = list(range(langkah, maks + 1, langkah))
        fig.update_yaxes(tickvals=nilai, ticktext=[fmt.rupiah_ringkas(v) for v in nilai], tickprefix="")
    return fig, seri


def angka_manfaat(bulan: str) -> list[AngkaUtama]:
    """The benefits beside the contributions, and the count BPJS confirms: the Ringkasan's tiles and a slide."""
    m, t = data.manfaat(bulan), data.terkonfirmasi(bulan)
    angka = [
        AngkaUtama(f"Manfaat dibayar {fmt.nama_bulan(bulan)}", fmt.rupiah_ringkas(m["manfaat_dibayar"]),
                   f"{fmt.angka(m['klaim_dibayar'])} klaim", "off", panah=False,
                   keterangan="JKK, JKM dan beasiswa yang dibayar BPJS Ketenagakerjaan kepada pekerja program"),
        AngkaUtama("Manfaat sejak awal program", fmt.rupiah_ringkas(m["manfaat_dibayar_kumulatif"]),
                   f"{fmt.angka(m['klaim_dibayar_kumulatif'])} klaim", "off", panah=False,
                   keterangan=fmt.rupiah(m["manfaat_dibayar_kumulatif"])),
        AngkaUtama("Manfaat per Rp1 iuran", fmt.rasio(m["rasio_manfaat_iuran"], "Rp"),
                   f"iuran {fmt.rupiah_ringkas(m['iuran_dibayar_kumulatif'])}", "off", panah=False,
                   keterangan="Manfaat sejak awal program dibagi iuran yang dibayar untuk bulan-bulan yang sama"),
    ]  # fmt: skip
    if t is None:
        angka.append(AngkaUtama("Terkonfirmasi BPJS", fmt.KOSONG, "belum ada laporan", "off", panah=False))
    else:
        angka.append(AngkaUtama(
            "Terkonfirmasi BPJS", fmt.angka(t["terkonfirmasi_bpjs"]),
            f"{fmt.persen(t['terkonfirmasi_persen'])} dari yang lunas", "off", panah=False,
            keterangan=f"Dari {fmt.angka(t['lunas'])} pekerja yang lunas di data program, yang juga lunas dan aktif "
            f"di laporan peserta BPJS Ketenagakerjaan {fmt.nama_bulan(t['bulan_laporan'])}",
        ))  # fmt: skip
    return angka


def kalimat_manfaat(bulan: str) -> str:
    """What the benefits' tiles rest on, in a sentence under them."""
    t = data.terkonfirmasi(bulan)
    laporan = ("belum ada laporan peserta BPJS sampai bulan ini" if t is None
               else f"laporan BPJS {fmt.nama_bulan(t['bulan_laporan'])}")  # fmt: skip
    return f"Manfaat per Rp1 iuran: manfaat ÷ iuran sejak awal program. Terkonfirmasi: {laporan}."


def kartu_manfaat(bulan: str) -> None:
    """`angka_manfaat` as st.metric tiles in a row of four."""
    for tempat, a in zip(st.columns(4), angka_manfaat(bulan)):
        tempat.metric(a.label, a.nilai, a.selisih, delta_color=a.warna, delta_arrow="off", help=a.keterangan)
    st.caption(kalimat_manfaat(bulan))
