"""Page furniture: the page head, chart styling (the palette, Indonesian separators, large type), a chart with its
table and downloads, tables for reading and long lists a page at a time. Every download is recorded in the audit
trail."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import wrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ptr_core import format as fmt
from ptr_core import privasi
from ptr_core.audit import catat
from ptr_core.ekspor import ke_csv, ke_xlsx
from ptr_core.program_lain import dilindungi_dua_kali, jumlah_ganda
from ptr_core.tindak_lanjut import Halaman
from ui.data import daftar_bulan, dua_kali, engine, mode_demo, tanggal_data
from ui.masuk import pengguna
from ui.navigasi import lewat_dashboard
from ui.saringan import bulan_terpilih, keterangan_filter

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
PALET = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
PESAN_KOSONG = "Belum ada data. Unggah data di halaman **Unggah Data**."
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A list that may reveal whole NIKs: the grid sizes a column to its header and to the masked NIKs it first shows,
# and would cut a revealed NIK to 14 digits.
KOLOM_NIK = {fmt.LABEL_KOLOM[k]: st.column_config.TextColumn(width="medium") for k in privasi.KOLOM_NIK}


def catat_unduhan(nama_file: str) -> None:
    catat(engine(), pengguna().email, "ekspor", nama_file)


def _nik_berubah(kunci: str) -> None:
    st.session_state["_nik_dicatat"] = {d for d in st.session_state.get("_nik_dicatat", set()) if d[0] != kunci}


def buka_nik(kunci: str, daftar: str, tempat=st) -> bool:
    """The admin's switch to show a list's NIKs whole (`daftar`: the list, as the audit trail names it); off by
    default, and shown to no other role. One audit row each time it is turned on for a list (and when the list
    changes under it, e.g. another OPD), not one per rerun."""
    siapa = pengguna()
    if not siapa.boleh_buka_nik:
        return False
    if not tempat.toggle("Tampilkan NIK lengkap (tercatat di jejak audit)", key=kunci, on_change=_nik_berubah,
                         args=(kunci,)):  # fmt: skip
        return False
    dicatat = st.session_state.setdefault("_nik_dicatat", set())
    if (kunci, daftar) not in dicatat:
        catat(engine(), siapa.email, "buka_nik", daftar)
        dicatat.add((kunci, daftar))
    return True


def judul(teks: str) -> None:
    lewat_dashboard()
    st.title(teks)
    keterangan = f"Data per {fmt.tanggal(tanggal_data())}"
    if mode_demo():
        st.error(f"**DATA CONTOH** — angka sintetis untuk peragaan. {keterangan}")
    else:
        st.caption(keterangan)


def gaya(fig: go.Figure, judul: str, tinggi: int = 480, huruf: int = 16) -> go.Figure:
    """Indonesian separators, large legible type, the colour-blind-safe palette, a title that states the finding.
    `huruf` scales every text of the chart (the presentation mode passes a larger one). The legend sits above
    the plot, where it covers no month of a time axis; a horizontal bar's value written after it gets room on
    the right, and long bar names go on two lines so that the bars keep their width on a narrow screen."""
    batang_h = list(fig.select_traces({"type": "bar", "orientation": "h"}))
    fig.update_layout(
        title={"text": judul, "font": {"size": round(huruf * 1.4), "color": "#111"}},
        separators=",.",
        font={"size": huruf, "color": "#111"},
        height=tinggi,
        colorway=PALET,
        margin={"l": 10, "r": round(huruf * 4) if batang_h else 10, "t": round(huruf * 4.5), "b": 10},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom",
                "font": {"size": huruf}},
        hoverlabel={"font_size": huruf},
    )  # fmt: skip
    for batang in batang_h:
        nama = [str(n) for n in batang.y]
        fig.update_yaxes(tickmode="array", tickvals=nama, ticktext=["<br>".join(wrap(n, 24)) for n in nama])
    sumbu = {
        "tickfont": {"size": huruf, "color": "#111"},
        "title_font": {"size": huruf, "color": "#111"},
        "automargin": True,
    }
    fig.update_xaxes(**sumbu)
    fig.update_yaxes(**sumbu)
    fig.update_traces(textfont_size=huruf, selector={"type": "bar"})
    return fig


def tampilkan(fig: go.Figure, data_grafik: pd.DataFrame, nama_file: str) -> None:
    """A chart with the data behind it in a table tab and downloads of that data (CSV, XLSX). The chart's title,
    the finding it states, is written above both as text, which wraps on a narrow screen (Plotly cuts it)."""
    if judul := fig.layout.title.text:
        st.markdown(f"#### {fmt.md_aman(judul)}")
        ada_legenda = len(fig.data) > 1 and fig.layout.showlegend is not False
        atas = round(fig.layout.font.size * 2.5) if ada_legenda else 10
        fig = go.Figure(fig).update_layout(title=None, margin_t=atas)
    tab_grafik, tab_tabel = st.tabs(["Grafik", "Tabel"])
    with tab_grafik:
        st.plotly_chart(fig, config={"displaylogo": False, "locale": "id"}, key=f"grafik-{nama_file}")
    with tab_tabel:
        tabel(data_grafik)
    unduh(data_grafik, nama_file)


def tombol_unduh(
    tempat, label: str, isi: str | bytes | Callable[[], bytes], nama_file: str, mime: str,
    icon: str = ":material/download:", help: str | None = None,
) -> None:  # fmt: skip
    """A download button whose click is recorded in the audit trail (`isi` a callable: built on the click)."""
    tempat.download_button(label, isi, nama_file, mime, key=f"unduh-{nama_file}", icon=icon, help=help,
                           on_click=catat_unduhan, args=(nama_file,))  # fmt: skip


def unduh(tabel: pd.DataFrame, nama_file: str, lembar: str = "Data") -> None:
    baris = st.container(horizontal=True)
    # Built when clicked, not at every run: a page with five tables would build ten files nobody asked for.
    tombol_unduh(baris, "Unduh CSV", lambda: ke_csv(tabel), f"{nama_file}.csv", "text/csv")
    tombol_unduh(baris, "Unduh XLSX", lambda: ke_xlsx({lembar: tabel}), f"{nama_file}.xlsx", MIME_XLSX)


def tabel(frame: pd.DataFrame, kolom: dict | None = None) -> None:
    """A table for reading: Indonesian headers, each column in its id-ID form (by its name: Rupiah, counts,
    percentages, months) and sorted by its values, not by the text shown (`fmt.tabel_gaya`); `kolom` the grid's
    column settings by header. Downloads keep the plain names and numbers."""
    st.dataframe(fmt.tabel_gaya(frame), hide_index=True, column_config=kolom, placeholder=fmt.KOSONG)


def tabel_unduh(frame: pd.DataFrame, nama_file: str, kosong: str) -> None:
    """A list for reading (`tabel`) and its downloads; the sentence `kosong` instead when it has no row (Streamlit
    writes "empty" in an empty table)."""
    if frame.empty:
        st.info(kosong)
        return
    tabel(frame)
    unduh(frame, nama_file)


def tabel_halaman(ambil: Callable[[int], Halaman], kunci: str, satuan: str, kosong: str | None = None) -> Halaman:
    """A long list a page at a time: `ambil(nomor)` reads one page; the page number is chosen under the table
    and kept in the session under `kunci`. An empty list is the sentence `kosong` instead of a table (Streamlit
    writes "empty" in an empty one)."""
    h = ambil(int(st.session_state.get(kunci, 1)))
    st.session_state[kunci] = h.nomor  # the list may have shrunk since the page was chosen
    if not h.total:
        st.info(kosong or f"Tidak ada {satuan} dalam daftar ini.")
        return h
    tabel(h.baris)
    kiri, kanan = st.columns([1, 3], vertical_alignment="bottom")
    if h.jumlah > 1:
        kiri.number_input(f"Halaman (dari {fmt.angka(h.jumlah)})", min_value=1, max_value=h.jumlah, step=1, key=kunci)
    sampai = h.dari + len(h.baris) - 1
    kanan.caption(f"{satuan} {fmt.angka(h.dari)}–{fmt.angka(sampai)} dari {fmt.angka(h.total)}")
    return h


def awal_halaman(teks: str) -> str:
    """A dashboard page's head: title, 'Data per', what it is filtered by, and the friendly stop on an empty
    database. Returns the chosen month."""
    judul(teks)
    if not ada_data():
        st.stop()
    if keterangan := keterangan_filter():
        st.info(keterangan, icon=":material/filter_alt:")
    return bulan_terpilih()


def ada_data() -> bool:
    if daftar_bulan():
        return True
    st.info(PESAN_KOSONG)
    return False


def dilindungi_program_lain(judul: Callable[[int], str]) -> None:
    """The programme's workers another programme covers too (ptr_core.program_lain), in an expander titled
    `judul(workers)`: the months and rupiah paid twice, what to do, the list (NIK masked; an admin may reveal it,
    recorded in the audit trail) and its download. Nothing when there are none."""
    data = dua_kali()
    ganda = jumlah_ganda(data)
    if not ganda["pekerja"]:
        return
    with st.expander(judul(ganda["pekerja"])):
        st.markdown(
            f"Iuran dibayar dua kali: **{fmt.angka(ganda['bulan_ganda'])} bulan, {fmt.rupiah(ganda['iuran_ganda'])}**."
            " **Yang perlu dilakukan:** putuskan program mana yang melanjutkan, lalu catat tanggal berhenti di program"
            " ini atau minta program lain mengakhirinya."
        )
        nik_penuh = buka_nik("ganda_nik", "Dilindungi program lain")
        daftar = dilindungi_dua_kali(data, pengguna(), nik_penuh)
        tabel(daftar, kolom=KOLOM_NIK)
        unduh(daftar, "dilindungi_dua_kali", lembar="dilindungi_dua_kali")
