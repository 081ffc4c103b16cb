"""Reading an uploaded file into a frame of text cells, as staff really make them: CSV from any Excel locale, and
XLSX workbooks with title rows above the header, hidden sheets, TOTAL rows, formulas and numbers where text
belongs, cells merged down over rows. The first stage of the upload pipeline; it knows nothing of datasets beyond
the header names to look for. Every failure is one short message, never an exception.

One module over ~350 lines because it is one reader: a CSV and a workbook become the same frame, through the same
header search, TOTAL rows, row numbers and notes, and each bound on a hostile file sits beside the step it bounds."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

BATAS_BYTE = 50 * 1024 * 1024
# An XLSX is a zip: 200 KB can unpack to gigabytes (one shared string of 200 MB; millions of empty styled cells).
BATAS_XLSX_TERBUKA = 300 * 1024 * 1024
BARIS_JUDUL_MAKS = 20  # title rows above the header that are looked through
KOLOM_MAKS = 100  # columns of a sheet read: a dataset has a dozen; a stray cell in column XFD is not one
# A cell that holds a formula whose value Excel never stored (the file was written by a program, not saved in
# Excel): the checker reports it on its row instead of reading it as empty.
RUMUS_TANPA_NILAI = "\x00rumus\x00"
_RUMUS = re.compile(rb"<(?:\w{1,10}:)?f[ >/]")  # <f>, <f t="shared" ...>, <x:f> of other writers
_GABUNGAN = re.compile(rb'<(?:\w{1,10}:)?mergeCell\s+ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')
GABUNGAN_MAKS = 10_000  # merged ranges of a sheet looked at
PESAN_GABUNGAN_BANYAK = "Terlalu banyak sel gabungan (merge); buka gabungannya (Unmerge) di Excel, lalu unggah lagi."
# A TOTAL row's label: TOTAL, Jumlah:, Grand Total, Subtotal, or with up to three words after it (Total Iuran,
# Jumlah Keseluruhan), at most 40 characters; a data row never holds such a cell.
_TOTAL = re.compile(r"(?i)^\s*(grand\s+|sub\s*)?(total|jumlah)(\s+[a-z]+){0,3}\s*:?\s*$")
_TOTAL_PANJANG = range(5, 41)


@dataclass
class Bacaan:
    """A file read: its cells as text (index: the row as Excel shows it), or None and why; notes on what was done
    to read it (the sheet chosen, title rows and TOTAL rows skipped)."""

    frame: pd.DataFrame | None
    galat: str | None = None
    catatan: list[str] = field(default_factory=list)


def normal_header(nama: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(nama).strip().lower()).strip("_")


def lembar_xlsx(isi: bytes) -> list[str]:
    """The sheets of a workbook, visible ones first (the first of them is read by default)."""
    from openpyxl import load_workbook

    try:
        buku = load_workbook(io.BytesIO(isi), read_only=True)
    except Exception:
        return []
    terlihat = [ws.title for ws in buku.worksheets if ws.sheet_state == "visible"]
    return terlihat + [ws.title for ws in buku.worksheets if ws.title not in terlihat]


def _teks_sel(nilai: object) -> str:
    """A cell as text. A number of 16 digits or more cannot be a whole NIK or NIP any more (Excel keeps 15
    significant digits): it is written the way Excel shows it, 3,37401E+15, which the checker rejects with how to
    fix it, instead of a different person's number."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return str(nilai).upper()
    if isinstance(nilai, int | float):
        if abs(nilai) >= 1e15:
            return f"{float(nilai):.5E}"
        return str(int(nilai)) if float(nilai).is_integer() else str(nilai)
    if isinstance(nilai, dt.datetime):
        return nilai.date().isoformat() if nilai.time() == dt.time() else nilai.isoformat(sep=" ")
    if isinstance(nilai, dt.date):
        return nilai.isoformat()
    return str(nilai)


def _baris_xlsx(isi: bytes, lembar: str | None, catatan: list[str]) -> list[tuple[int, list[str]]]:
    """The sheet's rows that hold something, each with its number as Excel shows it and its cells as text up to
    the last one filled, in the first `KOLOM_MAKS` columns. A stray space typed in XFD1048576 makes a sheet a
    million rows of 16.384 cells: the empty rows are passed over, never kept, and the width is bounded."""
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
        if sum(i.file_size for i in arsip.infolist()) > BATAS_XLSX_TERBUKA:
            raise ValueError("terlalu besar")
    nilai = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    nama = lembar or lembar_xlsx(isi)[0]
    if nama not in nilai.sheetnames:
        raise KeyError(nama)
    lembar_semua = nilai.sheetnames
    if not lembar and len(lembar_semua) > 1:
        tersembunyi = [n for n in lembar_semua if nilai[n].sheet_state != "visible"]
        lain = f"; lembar tersembunyi dilewati: {', '.join(tersembunyi)}" if tersembunyi else ""
        catatan.append(f"Dibaca lembar '{nama}' (lembar pertama yang terlihat){lain}. Pilih lembar lain bila perlu.")
    baris = _terisi(nilai[nama].iter_rows(max_col=KOLOM_MAKS, values_only=True), _teks_sel)
    if (nilai[nama].max_column or 0) > KOLOM_MAKS:
        catatan.append(f"Hanya {KOLOM_MAKS} kolom pertama yang dibaca; kolom di kanannya dilewati.")
    jalur = getattr(nilai[nama], "_worksheet_path", None)
    nilai.close()
    # Formulas: a cell with no stored value reads as empty; look again at the formulas only when some are empty
    # and the sheet has a formula at all (a second reading costs as much as the first).
    if any("" in r for _, r in baris) and _ada_rumus(isi, jalur):
        rumus = load_workbook(io.BytesIO(isi), read_only=True, data_only=False)
        posisi = {nomor: r for nomor, r in baris}
        for nomor, r in _terisi(rumus[nama].iter_rows(max_col=KOLOM_MAKS, values_only=True), lambda x: x):
            sel = posisi.get(nomor, [])
            for j, x in enumerate(r):
                if isinstance(x, str) and x.startswith("=") and j < len(sel) and not sel[j]:
                    sel[j] = RUMUS_TANPA_NILAI + x[:40]
        rumus.close()
    if jalur and any("" in r for _, r in baris):
        _isi_gabungan(isi, jalur, baris, catatan)
    return baris


def _terisi(baris: Iterable[tuple], sel: Callable[[object], Any]) -> list[tuple[int, list[Any]]]:
    """The rows that hold a value, numbered from 1, each cut after its last value (`sel` reads a cell)."""
    hasil = []
    for nomor, r in enumerate(baris, start=1):
        if r.count(None) == len(r):  # in C: a million empty rows cost a second, not a million Python loops
            continue
        akhir = len(r)
        while r[akhir - 1] is None:
            akhir -= 1
        hasil.append((nomor, [sel(x) for x in r[:akhir]]))
    return hasil


def _ada_rumus(isi: bytes, jalur: str | None) -> bool:
    """Whether a sheet's XML holds a formula (an <f> element)."""
    return not jalur or bool(_cari_xml(isi, jalur, _RUMUS, 1))


def _cari_xml(
    isi: bytes, jalur: str, pola: re.Pattern[bytes], paling_banyak: int, kata: bytes = b""
) -> list[re.Match[bytes]]:
    """The first `paling_banyak` matches of `pola` (under 128 bytes long) in a sheet's XML, read as a stream, a
    megabyte at a time; a megabyte without the word `kata` (which every match holds) is passed over unsearched."""
    hasil: list[re.Match[bytes]] = []
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip, arsip.open(jalur) as xml:
        sisa = b""
        while potong := xml.read(1 << 20):
            teks = sisa + potong
            for m in pola.finditer(teks) if kata in teks else ():
                if m.end() > len(sisa):  # one wholly in the tail of the last megabyte was found with it
                    hasil.append(m)
                    if len(hasil) >= paling_banyak:
                        return hasil
            sisa = potong[-128:]
    return hasil


def _kolom_ke(huruf: bytes) -> int:
    """A column's letters as its position from 0: A -> 0, AA -> 26."""
    n = 0
    for c in huruf:
        n = n * 26 + c - 64
    return n - 1


def _isi_gabungan(isi: bytes, jalur: str, baris: list[tuple[int, list[str]]], catatan: list[str]) -> None:
    """A cell merged down over several rows (an OPD written once beside its staff) holds its value in its top row
    only: each row of the merge gets that value, in that column only, with a note naming the merges. A merge across
    columns is layout: nothing is copied sideways. Bounded: at most `GABUNGAN_MAKS` merges and as many row visits
    as the sheet has rows, twice, so that overlapping merges in a hostile file cost no more than reading it."""
    posisi = {nomor: r for nomor, r in baris}
    nomor_baris = [nomor for nomor, _ in baris]
    sisa_kunjungan, diisi = 2 * len(baris) + 1000, list[tuple[int, int, str]]()
    for m in _cari_xml(isi, jalur, _GABUNGAN, GABUNGAN_MAKS, b"mergeCell"):
        kolom, atas, bawah = _kolom_ke(m[1]), int(m[2]), int(m[4])
        asal = posisi.get(atas)
        if bawah <= atas or kolom >= KOLOM_MAKS or not asal or kolom >= len(asal) or not asal[kolom]:
            continue
        for nomor in nomor_baris[bisect.bisect_right(nomor_baris, atas) : bisect.bisect_right(nomor_baris, bawah)]:
            sisa_kunjungan -= 1
            if sisa_kunjungan < 0:
                catatan.append(PESAN_GABUNGAN_BANYAK)
                return
            r = posisi[nomor]
            r.extend([""] * (kolom + 1 - len(r)))
            if not r[kolom]:
                r[kolom] = asal[kolom]
        diisi.append((atas, kolom, f"{m[1].decode()}{atas}:{m[3].decode()}{bawah}"))
    if diisi:
        diisi.sort()  # in the sheet's order: a workbook lists its merges in any order
        contoh = ", ".join(r for *_, r in diisi[:5]) + (f" dan {len(diisi) - 5} lainnya" if len(diisi) > 5 else "")
        catatan.append(f"Sel gabungan (merge) {contoh}: nilainya dipakai untuk setiap baris yang digabung.")


def _baris_header(baris: Iterable[list[str]], dikenal: set[str]) -> int:
    """The header row among the first rows: the one naming most known columns (0 when none does better)."""
    terbaik, skor_terbaik = 0, 0
    for i, r in enumerate(baris):
        if i >= BARIS_JUDUL_MAKS:
            break
        skor = sum(1 for x in r if normal_header(x) in dikenal)
        if skor > skor_terbaik:
            terbaik, skor_terbaik = i, skor
    return terbaik


def _dari_baris(baris: list[tuple[int, list[str]]], h: int) -> pd.DataFrame:
    """The frame under the header `baris[h]`, indexed by the rows' numbers as Excel shows them."""
    kepala: list[str] = []
    for j, x in enumerate(baris[h][1]):
        nama = x or f"kolom_{j + 1}"
        kepala.append(nama if nama not in kepala else f"{nama}_{j + 1}")
    lebar = len(kepala)
    data = [r for _, r in baris[h + 1 :]]
    for r in data:  # in place: a copy of every row would double the largest workbook's memory
        if len(r) < lebar:
            r.extend([""] * (lebar - len(r)))
        elif len(r) > lebar:
            del r[lebar:]
    frame = pd.DataFrame(data, columns=kepala, dtype=object)
    frame.index = pd.Index([nomor for nomor, _ in baris[h + 1 :]])
    return frame


def _baca_csv(isi: bytes, dikenal: set[str], catatan: list[str]) -> pd.DataFrame:
    if b"\x00" in isi[:8192]:
        raise ValueError("biner")
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        teks = _dekode_per_baris(isi, catatan)
    awal = teks[:65536]
    try:
        pemisah = csv.Sniffer().sniff(awal[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        pemisah = ","
    h = _baris_header(csv.reader(io.StringIO(awal), delimiter=pemisah), dikenal)
    # The header as written (pandas renames a repeated name, jumlah.1, which would hide it), and its width: the
    # first KOLOM_MAKS columns are read, as of a workbook.
    kepala, pertama = _dua_baris(teks, pemisah, h)
    # pandas wants the columns it keeps to exist in the first row it reads
    kolom = list(range(min(KOLOM_MAKS, len(pertama)))) if max(len(kepala), len(pertama)) > KOLOM_MAKS else None
    if kolom:
        catatan.append(f"Hanya {KOLOM_MAKS} kolom pertama yang dibaca; kolom di kanannya dilewati.")
    # Blank lines kept (as empty rows, dropped later with the others): the rows keep the numbers Excel shows.
    # index_col=False: a comma at the end of every data row is an empty field, not the first column as an index.
    # (A value past the header's last column has no column to be read as: pandas warns that it is left out.)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            # header=None: the header is `kepala`; pandas' renaming of repeated names is quadratic in their number.
            frame = pd.read_csv(io.StringIO(teks), sep=pemisah, dtype=str, keep_default_na=False, skiprows=h + 1,
                                header=None, skip_blank_lines=False, index_col=False, usecols=kolom)  # fmt: skip
    except pd.errors.EmptyDataError:  # the header alone
        frame = pd.DataFrame(columns=range(len(kepala)), dtype=str)
    except pd.errors.ParserError as e:
        if cocok := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(e)):
            judul, baris, ada = cocok.groups()  # the line counted from the file's first, title rows included
            raise BarisRusak(int(baris), int(ada), int(judul)) from None
        raise
    if kepala:
        # A comma closing every row is an empty field past the header; rows shorter than it, empty cells.
        lebar = min(len(kepala), KOLOM_MAKS)
        if len(frame.columns) != lebar:  # (a copy of a million rows only when needed)
            frame = frame.iloc[:, :lebar].reindex(columns=range(lebar), fill_value="")
        frame.columns = kepala[:lebar]
    frame.index = pd.RangeIndex(h + 2, h + 2 + len(frame))
    return frame


def _dekode_per_baris(isi: bytes, catatan: list[str]) -> str:
    """A file that is not UTF-8 throughout: each line in UTF-8 when it is, else in Windows-1252 (Excel's CSV on
    Windows). One file may be both (two exports pasted together): read whole as Windows-1252, José would be
    JosÃ©; the note names the lines read so, for a person to check."""
    baris, lain = [], []
    for nomor, b in enumerate(isi.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:
            baris.append(b.decode("utf-8"))
        except UnicodeDecodeError:
            baris.append(b.decode("cp1252", errors="replace"))
            lain.append(nomor)
    lain_set = set(lain)
    if any(not t.isascii() for n, t in enumerate(baris, start=1) if n not in lain_set):
        daftar = ", ".join(map(str, lain[:10])) + (" dan lainnya" if len(lain) > 10 else "")
        catatan.append(f"File bercampur UTF-8 dan Windows-1252; baris {daftar} dibaca sebagai Windows-1252: periksa "
                       "nama di baris itu.")  # fmt: skip
    return "\n".join(baris)


def _dua_baris(teks: str, pemisah: str, h: int) -> tuple[list[str], list[str]]:
    """The header (record `h`) and the first row under it, each empty when it cannot be read as CSV (a field over
    the csv module's 128 KB)."""
    baris: list[list[str]] = []
    pembaca = csv.reader(io.StringIO(teks), delimiter=pemisah)
    for _ in range(h + 2):
        try:
            baris.append(next(pembaca))
        except StopIteration:
            break
        except csv.Error:
            baris.append([])
    baris += [[], []]
    return baris[h], baris[h + 1]


class BarisRusak(ValueError):
    """A CSV line with more fields than the header (a comma inside a value that is not quoted)."""

    def __init__(self, baris: int, ada: int, judul: int) -> None:
        super().__init__(baris, ada, judul)
        self.baris, self.ada, self.judul = baris, ada, judul


def baca(isi: bytes, nama_file: str, lembar: str | None = None, dikenal: Iterable[str] = ()) -> Bacaan:
    """Any bytes -> a frame of text cells whose index is the row as Excel shows it. CSV with , ; or tab, in UTF-8
    (BOM or not) or Windows-1252, or XLSX (the first visible sheet, or `lembar`). The header is the row among the
    first 20 that names most of the `dikenal` columns (title rows above it are skipped); empty rows and TOTAL or
    JUMLAH rows are skipped with a note. Never raises."""
    if len(isi) > BATAS_BYTE:
        return Bacaan(None, f"File lebih dari {BATAS_BYTE // (1024 * 1024)} MB; pecah menjadi beberapa file.")
    if not isi.strip():
        return Bacaan(None, "File kosong.")
    dikenal = set(dikenal)
    catatan: list[str] = []
    try:
        if isi[:4] == b"PK\x03\x04":
            baris = _baris_xlsx(isi, lembar, catatan)
            if not baris:
                return Bacaan(None, "Lembar ini kosong.")
            h = _baris_header((r for _, r in baris), dikenal)
            frame = _dari_baris(baris, h)
            h = baris[h][0] - 1  # the rows above the header
            del baris  # the frame holds the cells now
        else:
            frame = _baca_csv(isi, dikenal, catatan)
            h = int(frame.index[0]) - 2 if len(frame) else 0
    except KeyError:
        return Bacaan(None, f"Lembar '{str(lembar)[:40]}' tidak ada di file ini.")
    except BarisRusak as e:
        return Bacaan(
            None,
            f"Baris {e.baris} berisi {e.ada} kolom, judul kolomnya {e.judul}: ada koma (atau titik koma) di dalam "
            "nilai yang tidak diapit tanda kutip, misalnya gelar 'Sri, S.Pd'. Perbaiki baris itu, atau simpan ulang "
            "dari Excel sebagai CSV (Excel memberi tanda kutip sendiri).",
        )
    except ValueError as e:
        if "terlalu besar" in str(e):
            batas = BATAS_XLSX_TERBUKA // (1024 * 1024)
            return Bacaan(None, f"Isi file XLSX ini lebih dari {batas} MB setelah dibuka; simpan ulang sebagai CSV.")
        return Bacaan(
            None, "File tidak bisa dibaca sebagai CSV atau XLSX; simpan ulang dari Excel sebagai CSV atau XLSX."
        )
    except Exception:
        return Bacaan(
            None, "File tidak bisa dibaca sebagai CSV atau XLSX; simpan ulang dari Excel sebagai CSV atau XLSX."
        )
    if h:
        catatan.append(f"Judul kolom ditemukan di baris {h + 1}; {h} baris judul di atasnya dilewati.")
    nama: list[str] = []
    ke: dict[str, int] = {}  # each name's column
    for j, c in enumerate(frame.columns):
        n = normal_header(c) or f"kolom_{j + 1}"
        if n in ke and n in dikenal:
            # Which of the two holds the data is not for the reader to guess.
            return Bacaan(None, f"Judul kolom '{n}' ada dua kali (kolom {ke[n] + 1} dan {j + 1}); hapus salah satunya.")
        n = n if n not in ke else f"{n}_{j + 1}"
        nama.append(n)
        ke[n] = j
    frame.columns = nama
    # Vectorised, column by column: a per-cell Python call costs seconds on a million-row file.
    frame = frame.apply(lambda kolom: kolom.astype(str).str.strip())
    kosong = pd.Series(True, index=frame.index)
    total = pd.Series(False, index=frame.index)
    for kolom in frame.columns:
        sel = frame[kolom]
        kosong &= sel == ""
        # Each distinct value is matched once: a month of payments repeats a dozen periods a million times.
        label = [u for u in sel.unique() if len(u) in _TOTAL_PANJANG and _TOTAL.match(u)]
        if label:
            total |= sel.isin(label)
    if total.any():
        catatan.append(f"Baris {', '.join(map(str, frame.index[total][:10]))} (TOTAL/JUMLAH) dilewati.")
    frame = frame[~(kosong | total)]
    if frame.empty:
        return Bacaan(None, "File hanya berisi judul kolom, tidak ada baris data.", catatan)
    return Bacaan(frame, None, catatan)
