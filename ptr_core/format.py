"""Indonesian (id-ID) formats for every figure a person reads: 215.243, 18,67%, Rp16.800, Januari 2025."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal

from ptr_core.periode import dari_indeks, hari_pertama

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

KOSONG = "–"


def angka(nilai: float | int | None) -> str:
    if nilai is None:
        return KOSONG
    return format_decimal(nilai, format="#,##0", locale="id_ID")


def persen(nilai: float | None, desimal: int = 2) -> str:
    if nilai is None or nilai != nilai:  # NaN: pandas' empty value (an OPD without active ASN), shown as none
        return KOSONG
    return format_decimal(nilai, format="#,##0." + "0" * desimal, locale="id_ID") + "%"


def rupiah(nilai: int | None) -> str:
    if nilai is None:
        return KOSONG
    tanda = "-" if nilai < 0 else ""
    return f"{tanda}Rp{angka(abs(nilai))}"


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|~$:"})


def md_aman(teks: object) -> str:
    """Text from a file or a user as Markdown shows it literally: no code span, link or image can be opened by
    a backtick or bracket in a cell."""
    return str(teks).translate(_MARKDOWN)


def jenis_kelamin(kode: str) -> str:
    """'P' -> 'perempuan', 'L' -> 'laki-laki' (as NIK and uploads write it)."""
    return "perempuan" if kode == "P" else "laki-laki"


def nama_bulan(bulan: str) -> str:
    """'2025-01' -> 'Januari 2025'."""
    return format_date(hari_pertama(bulan), "MMMM yyyy", locale="id_ID")


def tanggal(nilai: dt.date | None) -> str:
    """2024-12-31 -> '31 Desember 2024'."""
    if nilai is None:
        return KOSONG
    return format_date(nilai, "d MMMM yyyy", locale="id_ID")


def waktu(nilai: dt.datetime | None) -> str:
    """2025-01-31 14:05 -> '31 Januari 2025 14.05' (an empty or missing time: '–')."""
    if nilai is None or nilai != nilai:  # None, NaT or NaN
        return KOSONG
    return f"{format_date(nilai, 'd MMMM yyyy', locale='id_ID')} {nilai:%H.%M}"


def bulan_singkat(bulan: str) -> str:
    """'2025-08' -> 'Agu 2025' (chart axes)."""
    return format_date(hari_pertama(bulan), "MMM yyyy", locale="id_ID")


def nama_jenis(jenis: str) -> str:
    """A kind of OPD as a label: 'dinas' -> 'Dinas', 'rsud' -> 'RSUD' (an acronym)."""
    return jenis.upper() if jenis == "rsud" else jenis.capitalize()


def rasio(nilai: float | None, awalan: str = "") -> str:
    """A ratio as a number with two decimals after `awalan`: 1.08 -> '1,08' (awalan 'Rp': 'Rp1,08'); none: '–'."""
    return KOSONG if nilai is None else awalan + format_decimal(nilai, format="#,##0.00", locale="id_ID")


def rupiah_ringkas(nilai: int | None) -> str:
    """A large Rupiah amount short enough for a tile: 109.872.000 -> 'Rp109,9 juta'; 1.620.864.000 ->
    'Rp1,62 miliar'."""
    if nilai is None:
        return KOSONG
    for batas, satuan, desimal in ((10**12, "triliun", 2), (10**9, "miliar", 2), (10**6, "juta", 1)):
        if abs(nilai) >= batas:
            return f"Rp{format_decimal(nilai / batas, format='#,##0.' + '0' * desimal, locale='id_ID')} {satuan}"
    return rupiah(nilai)


# The headline figures of `ringkasan` as a person reads them (the upload preview's before/after table).
LABEL_ANGKA = {
    "bulan": "Bulan", "pekerja_informal": "Pekerja informal", "peserta_aktif": "Peserta aktif",
    "cakupan_persen": "Cakupan", "target_peserta": "Target peserta", "kekurangan_target": "Kekurangan dari target",
    "asn_total": "ASN aktif", "asn_berpartisipasi": "ASN berpartisipasi", "partisipasi_asn_persen": "Partisipasi ASN",
    "pekerja_program_aktif": "Pekerja disponsori: aktif", "pekerja_program_menunggak": "Pekerja disponsori: menunggak",
    "pekerja_program_nonaktif": "Pekerja disponsori: nonaktif", "iuran_dibayar_bulan": "Iuran dibayar bulan ini",
    "iuran_dibayar_tahun_berjalan": "Iuran dibayar tahun berjalan", "tunggakan": "Tunggakan",
}  # fmt: skip


def angka_utama(kunci: str, nilai: Any) -> str:
    """One headline figure in its own format: 'bulan' as a month, *_persen as a percentage, iuran and arrears
    in Rupiah, counts as whole numbers."""
    if kunci == "bulan":
        return nama_bulan(str(nilai))
    if kunci.endswith("_persen"):
        return persen(nilai)
    if kunci.startswith("iuran_") or kunci == "tunggakan":
        return rupiah(nilai)
    return angka(nilai)


# Column headers of the tables people read (downloads keep the plain names, which are stable for spreadsheets).
LABEL_KOLOM = {
    "nip": "NIP", "nama": "Nama", "status_asn": "Status ASN", "status_sponsor": "Status sponsor",
    "pekerja_aktif": "Pekerja aktif", "pekerja_menunggak": "Pekerja menunggak", "tunggakan": "Tunggakan",
    "nik": "NIK", "pekerjaan": "Pekerjaan", "nama_kelurahan": "Kelurahan", "nip_sponsor": "NIP sponsor",
    "status": "Status", "pekerja": "Pekerja", "bulan_tertunggak": "Bulan tertunggak", "nama_opd": "OPD",
    "nama_kecamatan": "Kecamatan", "diharapkan": "Diharapkan", "dibayar": "Dibayar",
    "id": "No.", "waktu": "Waktu", "pengguna": "Pengguna", "dataset": "Jenis data", "nama_file": "Nama file",
    "baris_baru": "Baris baru", "baris_diubah": "Baris diubah", "baris_ditolak": "Baris ditolak",
    "dibatalkan_pada": "Dibatalkan pada", "dibatalkan_oleh": "Dibatalkan oleh",
    "email": "Email", "peran": "Peran", "kode_opd": "Kode OPD", "kode_kecamatan": "Kode kecamatan",
    "aksi": "Aksi", "rincian": "Rincian", "bulan_lunas": "Bulan lunas", "tanggal_daftar": "Terdaftar",
    "tanggal_berhenti": "Berhenti", "nomor_kpj": "Nomor KPJ", "diajukan": "Diajukan", "alasan": "Alasan",
    "nama_asn": "Nama ASN", "program_lain": "Program lain", "sumber": "Sumber",
    "iuran_dibayar": "Iuran dibayar", "bulan_ganda": "Bulan dibayar dua kali", "iuran_ganda": "Iuran dibayar dua kali",
    "berlaku_sampai": "Dipesan sampai", "usia": "Usia", "tanggal_65": "Usia 65 pada",
    "bulan_dibayar": "Bulan dibayar", "nik_bpjs": "NIK di BPJS", "nomor_kpj_bpjs": "KPJ di BPJS",
    "nama_bpjs": "Nama di BPJS", "status_bpjs": "Status di BPJS", "bulan_terakhir_dibayar_bpjs": "Lunas s.d. (BPJS)",
    "cocok": "Dicocokkan lewat", "nip_pembayar_bpjs": "Pembayar (BPJS)", "klaim": "Klaim dibayar",
    "manfaat": "Manfaat dibayar",
    "rasio": "Manfaat per Rp1 iuran", "jenis": "Jenis", "tanggal_kejadian": "Tanggal kejadian",
    "tanggal_bayar": "Tanggal bayar", "boleh_dipublikasikan": "Boleh dipublikasikan", "unggahan_id": "Unggahan",
}  # fmt: skip


_RUPIAH = ("iuran", "tunggakan", "dibayar", "diharapkan", "kurang", "biaya", "jumlah_rp", "manfaat")
_BULAN = re.compile(r"^[0-9]{4}-[0-9]{2}$")


def judul_kolom(nama: str) -> str:
    """A header as people read it: the label of `LABEL_KOLOM`, else the words of the name ('asn_total' -> 'Asn
    total' is not good enough for known names, which is why they are listed)."""
    return LABEL_KOLOM.get(nama) or LABEL_ANGKA.get(nama) or nama.replace("_", " ").capitalize()


def pemformat(nama: str, kolom: pd.Series) -> Callable[[Any], str]:
    """How a value of the column `nama` (holding `kolom`) reads in a table for people, in id-ID: counts 215.243,
    percentages 18,67%, Rupiah Rp16.800, months Januari 2025, dates 31 Januari 2025 (with 14.05 when a column holds
    times), yes/no as ya/tidak, nothing shown as None or NaN."""
    if nama == "bulan" and pd.api.types.is_integer_dtype(kolom):  # a month index (year x 12 + month - 1)
        return lambda x: nama_bulan(dari_indeks(int(x)))
    if nama.endswith("_persen") or nama in ("cakupan", "partisipasi"):
        return lambda x: persen(None if pd.isna(x) else float(x))
    if nama == "rasio":
        return lambda x: rasio(None if pd.isna(x) else float(x))
    if pd.api.types.is_bool_dtype(kolom):
        return lambda x: KOSONG if pd.isna(x) else "ya" if x else "tidak"
    uang = any(kata in nama for kata in _RUPIAH) and not nama.startswith("bulan_")  # bulan_dibayar: months

    def bilangan(x: Any) -> str:
        if uang:
            return rupiah(None if pd.isna(x) else int(x))
        return angka(None if pd.isna(x) else round(float(x)))

    if pd.api.types.is_numeric_dtype(kolom):
        return bilangan
    if pd.api.types.is_datetime64_any_dtype(kolom):
        if (kolom.dropna().dt.normalize() == kolom.dropna()).all():
            return lambda x: tanggal(None if pd.isna(x) else x.date())  # dates: no 00.00
        return lambda x: waktu(None if pd.isna(x) else x.to_pydatetime())
    return lambda x: (
        KOSONG if x is None or (isinstance(x, float) and x != x)
        else nama_bulan(x) if isinstance(x, str) and _BULAN.match(x)
        else bilangan(x) if isinstance(x, (int, float)) and not isinstance(x, bool)  # a count beside None: object
        else str(x)
    )  # fmt: skip


def tabel_tampil(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as a table of text for people: each column in its form (`pemformat`), Indonesian headers. Downloads
    keep the plain frame (stable names and numbers for spreadsheets)."""
    return pd.DataFrame(
        {judul_kolom(str(n)): frame[n].map(pemformat(str(n), frame[n])) for n in frame.columns}, index=frame.index
    )


def tabel_gaya(frame: pd.DataFrame) -> Styler:
    """The same table over the values themselves (a pandas Styler): each column reads as in `tabel_tampil` but sorts
    by its numbers, dates and months, not by the text shown (Rp9.777.600 below Rp13.423.200)."""
    bentuk = {judul_kolom(str(n)): pemformat(str(n), frame[n]) for n in frame.columns}
    # A fresh index: a Styler refuses to style a frame whose index repeats (a filtered, concatenated list).
    return frame.rename(columns=lambda n: judul_kolom(str(n))).reset_index(drop=True).style.format(bentuk)
