"""Parsing and checking one cell at a time. Each failure is a message in Bahasa Indonesia that says
what is wrong and what to do; nothing here guesses a value.

One module over ~350 lines because it is one vocabulary: the readers (a cell's form) and `Batas` (its domain) that
`impor.DATASET` declares every column with and that the checker and the templates read back (`v.nik`, `v.Batas`)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

_DIGIT = re.compile(r"^[0-9]+$")
_EXCEL_ANGKA = re.compile(r"^[0-9]+([.,][0-9]+)?[eE]\+?[0-9]+$|^[0-9]+[.,]0+$")

SARAN_EXCEL = (
    "Excel mengubahnya menjadi angka. Format kolom ini sebagai Teks di Excel, "
    "isi ulang nilainya dari sumber aslinya, lalu unggah lagi."
)


class NilaiSalah(ValueError):
    """A cell that cannot be accepted; the message is for the person who fixes the file."""


PANJANG_KUTIPAN = 40


def kutip(nilai: object) -> str:
    """A value as a message quotes it: at most 40 characters, so a damaged megabyte cell stays one short line."""
    teks = str(nilai)
    return teks if len(teks) <= PANJANG_KUTIPAN else teks[:PANJANG_KUTIPAN] + "…"


# --- the domains of values: what a cell may hold beyond its form. One place, read by the checker, the templates
# and the README. Dates are bounded on both sides because the summaries span every month from the first to the
# latest date in the data: one year 9999 would size them by eight thousand years.
AWAL_DATA = dt.date(2015, 1, 1)  # BPJS Ketenagakerjaan has run the BPU programme since July 2015 (UU 24/2011)
TOLERANSI_HARI = 31  # a file dated a few days ahead (a month-end report made early) is accepted; next year is not
BERHENTI_KE_DEPAN_HARI = 366  # a planned stop may lie up to a year ahead
PERIODE_KE_DEPAN_BULAN = 12  # a payment may cover at most 12 months ahead of the day it is paid
IURAN_MAKS_BULAN = 12  # one row pays at most a year of contributions
ORANG_MAKS = 10_000_000  # no kecamatan holds more people (Semarang has about 1,7 million)
# One benefit payment: JKM pays Rp42 million in all, JKK's care has no ceiling; a billion is a typing slip.
MANFAAT_MAKS = 1_000_000_000
# Characters a cell may carry unseen (pasted from a web page or a chat): zero-width spaces and joiners, a byte-order
# mark, a word joiner are dropped; a no-break space is a space. A NIK with one read as "17 karakter".
TAK_TAMPAK = str.maketrans({"\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
                            "\u00a0": " "})  # fmt: skip
_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPASI = re.compile(r"[\t\r\n]+")


@dataclass(frozen=True)
class Batas:
    """The bounds that depend on the day of the upload (a parameter, so tests fix it) and the monthly rate."""

    hari_ini: dt.date
    iuran_bulanan: int

    @property
    def tanggal_maks(self) -> dt.date:
        return self.hari_ini + dt.timedelta(days=TOLERANSI_HARI)

    def rentang(self, nama: str) -> tuple:
        """The lowest and highest value of bound `nama` (the checks below, and the templates' Excel validation)."""
        return {
            "tanggal": (AWAL_DATA, self.tanggal_maks),
            "tanggal_berhenti": (AWAL_DATA, self.hari_ini + dt.timedelta(days=BERHENTI_KE_DEPAN_HARI)),
            "jumlah": (1, self.iuran_bulanan * IURAN_MAKS_BULAN),
            "orang": (0, ORANG_MAKS),
            "manfaat": (1, MANFAAT_MAKS),
            "target": (0, ORANG_MAKS),
            "tahun": (AWAL_DATA.year, self.hari_ini.year + 10),
        }[nama]

    def uraian(self, nama: str) -> str:
        """Bound `nama` in words, for the templates (relative to the day of an upload, not to today)."""
        if nama == "periode":
            return f"dari {AWAL_DATA:%Y-%m}; paling lambat {PERIODE_KE_DEPAN_BULAN} bulan setelah tanggal_bayar"
        bawah, atas = self.rentang(nama)
        if nama in ("tanggal", "tanggal_berhenti"):
            hari = TOLERANSI_HARI if nama == "tanggal" else BERHENTI_KE_DEPAN_HARI
            return f"{bawah:%d-%m-%Y} s.d. {hari} hari setelah hari unggah"
        if nama == "jumlah":
            return f"Rp{bawah} s.d. Rp{atas:,} (iuran satu tahun) per baris".replace(",", ".")
        if nama == "manfaat":
            return f"Rp{bawah} s.d. Rp{atas:,} per pembayaran".replace(",", ".")
        return f"{bawah:,} s.d. {atas:,}".replace(",", ".") if nama != "tahun" else f"{bawah} s.d. {atas}"

    def tanggal(self, nilai: dt.date, maks: dt.date | None = None) -> str | None:
        maks = maks or self.tanggal_maks
        if nilai < AWAL_DATA:
            return f"Tanggal {nilai:%d-%m-%Y} sebelum {AWAL_DATA:%d-%m-%Y}, awal data program ini; periksa tahunnya."
        if nilai > maks:
            return (
                f"Tanggal {nilai:%d-%m-%Y} jauh di masa depan (paling lambat {maks:%d-%m-%Y}); periksa tahunnya, "
                "mungkin salah ketik."
            )
        return None

    def tanggal_berhenti(self, nilai: dt.date) -> str | None:
        return self.tanggal(nilai, self.rentang("tanggal_berhenti")[1])

    def periode(self, nilai: str) -> str | None:
        if nilai < f"{AWAL_DATA:%Y-%m}":
            return f"Periode {nilai} sebelum {AWAL_DATA:%Y-%m}, awal data program ini; periksa tahunnya."
        return None

    def jumlah(self, nilai: int) -> str | None:
        minimum, maks = self.rentang("jumlah")
        if not minimum <= nilai <= maks:
            rp = f"Rp{maks:,}".replace(",", ".")
            return f"Jumlah iuran harus antara Rp1 dan {rp} (iuran satu tahun) per baris; periksa angkanya."
        return None

    def manfaat(self, nilai: int) -> str | None:
        minimum, maks = self.rentang("manfaat")
        if not minimum <= nilai <= maks:
            return f"Jumlah manfaat harus antara Rp1 dan Rp{maks:,} per pembayaran; periksa angkanya.".replace(",", ".")
        return None

    def orang(self, nilai: int) -> str | None:
        if nilai > ORANG_MAKS:
            return f"Jumlah orang {nilai:,} melebihi {ORANG_MAKS:,} untuk satu kecamatan; periksa angkanya.".replace(
                ",", "."
            )
        return None

    def tahun(self, nilai: int) -> str | None:
        awal, akhir = self.rentang("tahun")
        if not awal <= nilai <= akhir:
            return f"Tahun {nilai} di luar {awal}–{akhir}; periksa angkanya."
        return None

    def target(self, nilai: int) -> str | None:
        return self.orang(nilai)


NAMA_FILE_MAKS = 255  # the history's column


def nama_file(nama: str) -> str:
    """A file's name as the history keeps it: control characters out, at most 255 characters, its start and its
    extension kept (a browser or a script may send any name)."""
    nama = _KENDALI.sub("", _SPASI.sub(" ", nama)).strip() or "tanpa-nama"
    return nama if len(nama) <= NAMA_FILE_MAKS else nama[: NAMA_FILE_MAKS - 21] + "…" + nama[-20:]


def teks_maks(panjang: int) -> Callable[[str], str]:
    """Text of at most `panjang` characters (the database column's length), without control characters; line
    breaks and tabs inside a cell (Alt+Enter in Excel) become one space."""

    def baca(nilai: str) -> str:
        if _KENDALI.search(nilai):
            raise NilaiSalah("Teks berisi karakter tak terlihat (karakter kendali); ketik ulang isinya.")
        nilai = _SPASI.sub(" ", nilai)
        if len(nilai) > panjang:
            raise NilaiSalah(
                f"Teks terlalu panjang: {len(nilai):,} karakter, paling banyak {panjang}.".replace(",", ".")
            )
        return nilai

    return baca


def _tanggal_lahir_masuk_akal(hari: int, bulan: int, tahun: int) -> bool:
    try:
        dt.date(tahun, bulan, hari)
    except ValueError:
        return False
    return True


def nik(nilai: str) -> str:
    """A NIK: 16 digits, and digits 7-12 a birth date DDMMYY (women's day + 40)."""
    if _EXCEL_ANGKA.match(nilai):
        raise NilaiSalah(f"NIK '{kutip(nilai)}' rusak: {SARAN_EXCEL}")
    if not _DIGIT.match(nilai) or len(nilai) != 16:
        raise NilaiSalah(f"NIK harus 16 angka; '{kutip(nilai)}' berisi {len(nilai)} karakter.")
    hari, bulan = int(nilai[6:8]), int(nilai[8:10])
    hari = hari - 40 if hari > 40 else hari
    if not _tanggal_lahir_masuk_akal(hari, bulan, 2000 + int(nilai[10:12])):
        raise NilaiSalah(
            f"NIK '{nilai}': angka ke-7 s.d. 12 bukan tanggal lahir yang mungkin (DDMMYY). "
            "Periksa kembali NIK dari KTP."
        )
    return nilai


@dataclass(frozen=True)
class DataNik:
    """What a NIK says of its holder: digits 7-12 are the birth date DDMMYY, a woman's day + 40."""

    tanggal_lahir: dt.date
    jenis_kelamin: str  # "L" or "P"


def rincian_nik(nilai: str, pada: dt.date) -> DataNik:
    """Birth date and sex written in a (structurally valid) NIK. Of the two centuries the year may be in, the
    later one in which the holder is born on or before `pada`."""
    nik(nilai)
    hari, bulan, tahun = int(nilai[6:8]), int(nilai[8:10]), int(nilai[10:12])
    jenis = "P" if hari > 40 else "L"
    hari = hari - 40 if hari > 40 else hari
    for abad in (2000, 1900):
        try:
            lahir = dt.date(abad + tahun, bulan, hari)
        except ValueError:
            continue
        if lahir <= pada:
            return DataNik(lahir, jenis)
    raise NilaiSalah(f"NIK '{nilai}': tanggal lahirnya tidak mungkin; periksa kembali NIK dari KTP.")


# BPJS Ketenagakerjaan's BPU membership is for workers up to 64 years and 11 months (issue 17).
USIA_BPU_MAKS_BULAN = 64 * 12 + 11


def usia_bulan(lahir: dt.date, pada: dt.date) -> int:
    """Whole months of age on `pada` (a month is complete on the same day of the month as the birth)."""
    return (pada.year - lahir.year) * 12 + pada.month - lahir.month - (pada.day < lahir.day)


def ulang_tahun_65(lahir: dt.date) -> dt.date:
    """The day a person turns 65, when the BPU age limit is passed (born 29 February: 1 March)."""
    try:
        return lahir.replace(year=lahir.year + 65)
    except ValueError:
        return dt.date(lahir.year + 65, 3, 1)


def usia_bpu(lahir: dt.date, pada: dt.date) -> str | None:
    """Why a person of this birth date cannot be registered on `pada` as a BPU member, or None."""
    if usia_bulan(lahir, pada) > USIA_BPU_MAKS_BULAN:
        return (
            f"Lahir {lahir:%d-%m-%Y}: pada {pada:%d-%m-%Y} sudah berusia 65 tahun atau lebih; kepesertaan BPU BPJS "
            "Ketenagakerjaan hanya sampai usia 64 tahun 11 bulan."
        )
    return None


# NIP of a PNS (Peraturan Kepala BKN No. 43 Tahun 2007): birth date YYYYMMDD, first appointment as CPNS YYYYMM,
# sex (1 man, 2 woman), serial of 3 digits. NI PPPK, as BKN describes it: birth date YYYYMMDD, year of first
# appointment as calon PPPK YYYY, two digits for the work agreement (not a month: 21, 24 ...), sex, serial. PPPK
# were first appointed in 2019 (PP No. 49 Tahun 2018).
TAHUN_PPPK_PERTAMA = 2019


def jenis_nip(nilai: str) -> set[str]:
    """The structures an 18-digit number fits: {'PNS'}, {'PPPK'}, both, or none."""
    jenis = set()
    tahun_lahir, tahun_angkat = int(nilai[0:4]), int(nilai[8:12])
    if tahun_angkat >= tahun_lahir + 15:
        if 1 <= int(nilai[12:14]) <= 12:
            jenis.add("PNS")
        if tahun_angkat >= TAHUN_PPPK_PERTAMA:
            jenis.add("PPPK")
    return jenis


def nip(nilai: str) -> str:
    """A NIP (PNS) or NI PPPK: 18 digits, each by its own published structure (see above)."""
    if _EXCEL_ANGKA.match(nilai):
        raise NilaiSalah(f"NIP '{kutip(nilai)}' rusak: {SARAN_EXCEL}")
    if not _DIGIT.match(nilai) or len(nilai) != 18:
        raise NilaiSalah(f"NIP harus 18 angka; '{kutip(nilai)}' berisi {len(nilai)} karakter.")
    tahun_lahir = int(nilai[0:4])
    if not _tanggal_lahir_masuk_akal(int(nilai[6:8]), int(nilai[4:6]), tahun_lahir):
        raise NilaiSalah(f"NIP '{nilai}': 8 angka pertama bukan tanggal lahir (YYYYMMDD).")
    if not jenis_nip(nilai):
        raise NilaiSalah(
            f"NIP '{nilai}': angka ke-9 s.d. 14 harus tahun dan bulan pengangkatan CPNS (YYYYMM, untuk PNS) atau "
            f"tahun pengangkatan sejak {TAHUN_PPPK_PERTAMA} dan kode perjanjian kerja (untuk NI PPPK)."
        )
    if nilai[14] not in "12":
        raise NilaiSalah(f"NIP '{nilai}': angka ke-15 (jenis kelamin) harus 1 atau 2.")
    return nilai


BULAN = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "may": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11,
    "nov": 11, "nop": 11, "desember": 12, "des": 12, "dec": 12,
}  # fmt: skip
# A time after a date (an Excel date cell holding a time of day, a payment system's timestamp) is not part of it.
_JAM = r"(?:[ T][0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2}(?:\.[0-9]+)?)?)?"
_ISO_WAKTU = re.compile(rf"^([0-9]{{4}})-([0-9]{{1,2}})-([0-9]{{1,2}}){_JAM}$")
_HARI_DULU = re.compile(rf"^([0-9]{{1,2}})[/.-]([0-9]{{1,2}})[/.-]([0-9]{{4}}){_JAM}$")
_HARI_NAMA_BULAN = re.compile(r"^([0-9]{1,2})[\s/-]+([A-Za-z]+)\.?[\s/-]+([0-9]{4})$")  # 31-Des-2024, 31 Desember 2024
_NAMA_BULAN = re.compile(r"^([A-Za-z]+)\.?[\s-]+([0-9]{4})$")
_BULAN_TAHUN = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{4})$")
_TAHUN_BULAN = re.compile(r"^([0-9]{4})[/.-]([0-9]{1,2})$")
# Excel counts days from 30 December 1899; 20000..80000 covers 1954..2119.
_EXCEL_NOL = dt.date(1899, 12, 30)
CONTOH_TANGGAL = "2025-01-31, 31/01/2025, 31-01-2025 atau 31 Januari 2025"
CONTOH_PERIODE = "2025-01, 01/2025 atau Jan 2025"


def _bulan_nama(nama: str) -> int | None:
    return BULAN.get(nama.lower())


def _tanggal_aman(tahun: int, bulan: int, hari: int) -> dt.date | None:
    try:
        return dt.date(tahun, bulan, hari)
    except ValueError:
        return None


def tanggal(nilai: str) -> dt.date:
    """A date as staff write it: ISO, DD/MM/YYYY, DD-MM-YYYY (a time after it ignored), '31 Desember 2024' or
    '31-Des-2024', 'Januari 2025' (its first day), or an Excel serial number."""
    hasil = None
    if cocok := _ISO_WAKTU.match(nilai):
        hasil = _tanggal_aman(int(cocok.group(1)), int(cocok.group(2)), int(cocok.group(3)))
    elif cocok := _HARI_DULU.match(nilai):
        hari, ke = int(cocok.group(1)), int(cocok.group(2))
        if ke > 12 and 1 <= hari <= 12:
            # 7/15/2025: month first, as an English-language Excel writes it. 7/5/2025 cannot be told apart, so the
            # order is never guessed; the message says which order is read.
            raise NilaiSalah(
                f"Tanggal '{kutip(nilai)}': bulan {ke} tidak ada. Tanggal dibaca hari/bulan/tahun (31/01/2025); "
                "tampaknya file ditulis bulan/hari/tahun (format Amerika): ubah format kolom tanggal di Excel, atau "
                "tulis 2025-01-31."
            )
        hasil = _tanggal_aman(int(cocok.group(3)), ke, hari)
    elif (cocok := _HARI_NAMA_BULAN.match(nilai)) and (nomor := _bulan_nama(cocok.group(2))):
        hasil = _tanggal_aman(int(cocok.group(3)), nomor, int(cocok.group(1)))
    elif (cocok := _NAMA_BULAN.match(nilai)) and (bulan := _bulan_nama(cocok.group(1))):
        hasil = dt.date(int(cocok.group(2)), bulan, 1)
    elif re.match(r"^[0-9]{5}(\.0+)?$", nilai) and 20_000 <= float(nilai) <= 80_000:
        hasil = _EXCEL_NOL + dt.timedelta(days=int(float(nilai)))
    if hasil is None:
        raise NilaiSalah(f"Tanggal '{kutip(nilai)}' tidak dikenali; tulis misalnya {CONTOH_TANGGAL}.")
    return hasil


def periode(nilai: str) -> str:
    """The month a payment covers: 2025-01, 01/2025, Jan 2025, Januari 2025 (or a date in that month)."""
    tahun: int | None = None
    bulan: int | None = None
    if cocok := _TAHUN_BULAN.match(nilai):
        tahun, bulan = int(cocok.group(1)), int(cocok.group(2))
    elif cocok := _BULAN_TAHUN.match(nilai):
        tahun, bulan = int(cocok.group(2)), int(cocok.group(1))
    elif (cocok := _NAMA_BULAN.match(nilai)) and (nomor := _bulan_nama(cocok.group(1))):
        tahun, bulan = int(cocok.group(2)), nomor
    elif _ISO_WAKTU.match(nilai):
        t = tanggal(nilai)
        tahun, bulan = t.year, t.month
    if tahun is None or bulan is None or not 1 <= bulan <= 12 or not 2000 <= tahun <= 2100:
        raise NilaiSalah(f"Periode '{kutip(nilai)}' tidak dikenali; tulis misalnya {CONTOH_PERIODE}.")
    return f"{tahun:04d}-{bulan:02d}"


_RIBUAN = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")


ANGKA_MAKS = 100  # digits: far more than any column allows (each checks its own domain after this), far fewer
# than Python's limit for reading a number (4.300 digits), past which it raises instead of a message


def bilangan(nilai: str) -> int:
    """A whole, non-negative amount or count: 16800, 16.800, Rp16.800, Rp 16.800,00, Rp16.800,- (Indonesian
    separators)."""
    bersih = re.sub(r"^rp\.?", "", nilai.strip().lower()).replace(" ", "").replace("\u00a0", "")
    bersih = re.sub(r",[-\u2013\u2014]$", "", bersih)  # Rp16.800,- : a whole amount, as Indonesian receipts write it
    if "," in bersih:
        utuh, _, pecahan = bersih.rpartition(",")
        if len(pecahan) == 3 and utuh:
            # 5,000 is five thousand to a spreadsheet in English and five to one in Indonesian: never guessed.
            raise NilaiSalah(
                f"'{kutip(nilai)}': koma sebagai pemisah ribuan? Tulis tanpa pemisah (5000) atau dengan titik (5.000)."
            )
        if pecahan.strip("0") or len(pecahan) > 2:
            raise NilaiSalah(f"'{kutip(nilai)}' bukan bilangan bulat; Rupiah dan jumlah orang ditulis tanpa sen.")
        bersih = utuh
    if _RIBUAN.match(bersih):
        bersih = bersih.replace(".", "")
    elif re.match(r"^[0-9]+\.0+$", bersih):
        bersih = bersih.split(".")[0]
    if not _DIGIT.match(bersih):
        raise NilaiSalah(f"'{kutip(nilai)}' bukan bilangan bulat; tulis misalnya 16800 atau Rp16.800.")
    if len(bersih.lstrip("0")) > ANGKA_MAKS:
        raise NilaiSalah(f"'{kutip(nilai)}' terlalu besar ({len(bersih):,} angka); periksa isinya.".replace(",", "."))
    return int(bersih)


_T = TypeVar("_T")


class PembacaPilihan(Generic[_T]):
    """A reader of a cell whose values come from a fixed list, called like the other readers (`nik`, `tanggal`,
    ...); `pilihan` is the list in its canonical spelling, for the templates' drop-downs."""

    def __init__(self, baca: Callable[[str], _T], pilihan: tuple[str, ...]) -> None:
        self._baca = baca
        self.pilihan = pilihan
        functools.update_wrapper(self, baca)

    def __call__(self, nilai: str) -> _T:
        return self._baca(nilai)


def dengan_pilihan(*daftar: str) -> Callable[[Callable[[str], _T]], PembacaPilihan[_T]]:
    """A reader whose drop-down offers `daftar` (it may accept other spellings too)."""

    def hias(baca: Callable[[str], _T]) -> PembacaPilihan[_T]:
        return PembacaPilihan(baca, daftar)

    return hias


def pilihan(
    *boleh: str, ditolak: dict[str, str] | None = None, alias: dict[str, str] | None = None
) -> PembacaPilihan[str]:
    """A value from a fixed list, case-insensitive; returns the canonical spelling. `ditolak`: values people may
    expect to work but that are refused, each with the message that says why; `alias`: other spellings of a value
    (P3K for PPPK), read as it."""
    peta = {b.lower(): b for b in boleh} | {k.lower(): b for k, b in (alias or {}).items()}
    alasan = {k.lower(): pesan for k, pesan in (ditolak or {}).items()}

    def periksa(nilai: str) -> str:
        if nilai.lower() in alasan:
            raise NilaiSalah(alasan[nilai.lower()])
        if nilai.lower() not in peta:
            raise NilaiSalah(f"'{kutip(nilai)}' tidak dikenal; pilih salah satu dari: {', '.join(boleh)}.")
        return peta[nilai.lower()]

    return PembacaPilihan(periksa, boleh)


# BPJS's reports write a participant's status in several ways; the reconciliation needs only these two.
_STATUS_BPJS = {"aktif": "aktif", "active": "aktif", "nonaktif": "nonaktif", "tidakaktif": "nonaktif",
                "inaktif": "nonaktif", "nonactive": "nonaktif", "inactive": "nonaktif"}  # fmt: skip


@dengan_pilihan("AKTIF", "NON AKTIF")
def status_bpjs(nilai: str) -> str:
    """A participant's status as a BPJS report states it (AKTIF, NON AKTIF, Tidak Aktif, ...): aktif or nonaktif."""
    kunci = re.sub(r"[\s_\-]", "", nilai.lower())
    if kunci not in _STATUS_BPJS:
        raise NilaiSalah(f"Status '{kutip(nilai)}' tidak dikenal; tulis AKTIF atau NON AKTIF seperti laporan BPJS.")
    return _STATUS_BPJS[kunci]


# A benefit as BPJS's claim reports name it: the programme's short names, or the benefit written out.
_JENIS_KLAIM = {"jkk": "JKK", "jaminankecelakaankerja": "JKK", "kecelakaankerja": "JKK", "jkm": "JKM",
                "jaminankematian": "JKM", "kematian": "JKM", "beasiswa": "beasiswa", "beasiswapendidikan": "beasiswa",
                "beasiswapendidikananak": "beasiswa"}  # fmt: skip


@dengan_pilihan("JKK", "JKM", "beasiswa")
def jenis_klaim(nilai: str) -> str:
    """A claim's benefit: JKK (work accident), JKM (death) or beasiswa (the children's scholarship)."""
    kunci = re.sub(r"[^a-z]", "", nilai.lower())
    if kunci not in _JENIS_KLAIM:
        raise NilaiSalah(f"Jenis klaim '{kutip(nilai)}' tidak dikenal; tulis JKK, JKM atau beasiswa.")
    return _JENIS_KLAIM[kunci]


_YA = {"ya": True, "y": True, "yes": True, "setuju": True, "1": True, "true": True,
       "tidak": False, "t": False, "no": False, "tidaksetuju": False, "0": False, "false": False}  # fmt: skip


@dengan_pilihan("ya", "tidak")
def ya_tidak(nilai: str) -> bool:
    """A yes or no as staff write it (ya, Y, setuju, 1 / tidak, T, 0)."""
    kunci = re.sub(r"[\s_\-]", "", nilai.lower())
    if kunci not in _YA:
        raise NilaiSalah(f"'{kutip(nilai)}' bukan ya atau tidak; tulis ya atau tidak.")
    return _YA[kunci]


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email(nilai: str) -> str:
    """An e-mail address, in lower case (sign-in compares addresses without case)."""
    alamat = nilai.strip().lower()
    if len(alamat) > 254 or _KENDALI.search(alamat) or not _EMAIL.match(alamat):
        raise NilaiSalah(f"'{kutip(nilai)}' bukan alamat email; tulis misalnya nama@semarangkota.go.id.")
    return alamat


def teks(nilai: str) -> str:
    return nilai
