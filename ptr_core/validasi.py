"""Parsing and checking one cell at a time. Each failure is a message in Bahasa Indonesia that says
what is wrong and what to do; nothing here guesses a value."""

from __future__ import annotations

import datetime as dt
import re

_DIGIT = re.compile(r"^\d+$")
_EXCEL_ANGKA = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$|^\d+\.0+$")
_PERIODE = re.compile(r"^(\d{4})-(\d{2})$")

SARAN_EXCEL = (
    "Excel mengubahnya menjadi angka. Format kolom ini sebagai Teks di Excel, "
    "isi ulang nilainya dari sumber aslinya, lalu unggah lagi."
)


class NilaiSalah(ValueError):
    """A cell that cannot be accepted; the message is for the person who fixes the file."""


def _tanggal_lahir_masuk_akal(hari: int, bulan: int, tahun: int) -> bool:
    try:
        dt.date(tahun, bulan, hari)
    except ValueError:
        return False
    return True


def nik(nilai: str) -> str:
    """A NIK: 16 digits, and digits 7-12 a birth date DDMMYY (women's day + 40)."""
    if _EXCEL_ANGKA.match(nilai):
        raise NilaiSalah(f"NIK '{nilai}' rusak: {SARAN_EXCEL}")
    if not _DIGIT.match(nilai) or len(nilai) != 16:
        raise NilaiSalah(f"NIK harus 16 angka; '{nilai}' berisi {len(nilai)} karakter.")
    hari, bulan = int(nilai[6:8]), int(nilai[8:10])
    hari = hari - 40 if hari > 40 else hari
    if not _tanggal_lahir_masuk_akal(hari, bulan, 2000 + int(nilai[10:12])):
        raise NilaiSalah(
            f"NIK '{nilai}': angka ke-7 s.d. 12 bukan tanggal lahir yang mungkin (DDMMYY). "
            "Periksa kembali NIK dari KTP."
        )
    return nilai


def nip(nilai: str) -> str:
    """A NIP: 18 digits: birth date YYYYMMDD, appointment YYYYMM, sex (1/2), serial."""
    if _EXCEL_ANGKA.match(nilai):
        raise NilaiSalah(f"NIP '{nilai}' rusak: {SARAN_EXCEL}")
    if not _DIGIT.match(nilai) or len(nilai) != 18:
        raise NilaiSalah(f"NIP harus 18 angka; '{nilai}' berisi {len(nilai)} karakter.")
    tahun_lahir = int(nilai[0:4])
    if not _tanggal_lahir_masuk_akal(int(nilai[6:8]), int(nilai[4:6]), tahun_lahir):
        raise NilaiSalah(f"NIP '{nilai}': 8 angka pertama bukan tanggal lahir (YYYYMMDD).")
    tahun_angkat, bulan_angkat = int(nilai[8:12]), int(nilai[12:14])
    if not (1 <= bulan_angkat <= 12) or tahun_angkat < tahun_lahir + 15:
        raise NilaiSalah(f"NIP '{nilai}': angka ke-9 s.d. 14 bukan bulan pengangkatan (YYYYMM).")
    if nilai[14] not in "12":
        raise NilaiSalah(f"NIP '{nilai}': angka ke-15 (jenis kelamin) harus 1 atau 2.")
    return nilai


def tanggal(nilai: str) -> dt.date:
    try:
        return dt.date.fromisoformat(nilai)
    except ValueError:
        raise NilaiSalah(f"Tanggal '{nilai}' tidak dikenali; tulis sebagai TTTT-BB-HH, misalnya 2025-01-31.") from None


def periode(nilai: str) -> str:
    cocok = _PERIODE.match(nilai)
    if not cocok or not 1 <= int(cocok.group(2)) <= 12:
        raise NilaiSalah(f"Periode '{nilai}' tidak dikenali; tulis sebagai TTTT-BB, misalnya 2025-01.")
    return nilai


def bilangan(nilai: str) -> int:
    """A whole, non-negative number (counts and Rupiah)."""
    if not _DIGIT.match(nilai):
        raise NilaiSalah(f"'{nilai}' bukan bilangan bulat; tulis tanpa titik, koma atau huruf, misalnya 16800.")
    return int(nilai)


def pilihan(*boleh: str):  # noqa: ANN201
    """A value from a fixed list, case-insensitive; returns the canonical spelling."""
    peta = {b.lower(): b for b in boleh}

    def periksa(nilai: str) -> str:
        if nilai.lower() not in peta:
            raise NilaiSalah(f"'{nilai}' tidak dikenal; pilih salah satu dari: {', '.join(boleh)}.")
        return peta[nilai.lower()]

    return periksa


def teks(nilai: str) -> str:
    return nilai
