"""Upload templates: one XLSX per dataset, written from the one declaration of its columns (`impor.DATASET`:
form, required, domain) so that what Excel checks while staff type is what the upload checks.

The data sheet comes first (the reader takes the first visible sheet): the headers in contract order, NIK, NIP,
codes and months formatted as Text before anything is typed (Excel would turn a 16-digit NIK into 3,37E+15 and
"2025-01" into a date), and Excel data validation of each bounded column with its range, drop-down lists for
fixed values and the length of text. Excel's validation only warns (the day of the upload moves the date
bounds); the upload's checks decide. The "Petunjuk" sheet lists every column: required or not, what it holds,
its domain and the other headers the upload recognises.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ptr_core import validasi as v
from ptr_core.impor import DATASET, Dataset, Kolom
from ptr_core.settings import Settings

PETUNJUK = {
    "opd": "Satu baris per OPD (perangkat daerah).",
    "asn": "ASN (PNS atau PPPK). File menambah dan memperbarui ASN; hanya bila dinyatakan sebagai roster lengkap "
    "(kotak centang di halaman Unggah), ASN aktif yang tidak ada di file dianggap tidak aktif lagi.",
    "pekerja": "Satu baris per pendaftaran pekerja. Pendaftaran ulang setelah berhenti: baris baru dengan "
    "tanggal_daftar baru. Satu pekerja hanya boleh satu sponsor pada satu waktu.",
    "iuran": "Satu baris per pembayaran per bulan yang dibayar.",
    "cakupan": "Data BPJS per kecamatan pada satu tanggal: semua pekerja informal dan semua peserta aktif.",
    "target": "Target khusus yang menggantikan aturan +20% per tahun. tingkat kota memakai kode 33.74.",
    "program_lain": "Pekerja yang sudah dilindungi program lain (misalnya jaminan dari APBD kota), satu baris per "
    "pekerja per program: NIK ini tidak bisa didaftarkan di program ini. mulai dan selesai (boleh kosong): bulan "
    "program itu melindunginya; iuran program ini untuk bulan itu dihitung sebagai dibayar dua kali.",
    "calon": "Calon pekerja rentan dari data kelurahan atau data sosial, satu baris per orang: ditawarkan kepada ASN "
    "yang belum mengenal pekerja untuk disponsori (nama dan NIK disamarkan sampai dipesan).",
    "peserta_bpjs": "Laporan peserta dari BPJS Ketenagakerjaan, satu baris per peserta, dengan tanggal laporannya: "
    "data program dicocokkan dengan laporan terbaru di halaman Rekonsiliasi.",
    "klaim": "Manfaat yang dibayar BPJS Ketenagakerjaan untuk pekerja program, satu baris per pembayaran (JKK, JKM "
    "atau beasiswa). boleh_dipublikasikan: ya bila pekerja atau keluarganya setuju kasusnya diceritakan di depan "
    "umum; kosong berarti tidak.",
}
BENTUK: dict[Callable[[str], object], str] = {
    v.nik: "NIK KTP, 16 angka (ketik sebagai teks)",
    v.nip: "NIP PNS atau NI PPPK, 18 angka (ketik sebagai teks)",
    v.tanggal: "tanggal: 2025-01-31 atau 31/01/2025",
    v.periode: "bulan yang dibayar: 2025-01 atau Jan 2025",
    v.email: "alamat email untuk masuk ke dasbor (boleh kosong)",
}
BILANGAN = {
    "jumlah": "Rupiah, bilangan bulat: 16800 atau Rp16.800",
    "orang": "jumlah orang, bilangan bulat",
    "manfaat": "Rupiah, bilangan bulat: 42000000 atau Rp42.000.000",
    "target": "jumlah orang, bilangan bulat",
    "tahun": "tahun, 4 angka",
}
SEBAGAI_TEKS: set[Callable[[str], object]] = {v.nik, v.nip, v.periode, v.teks, v.email}
BARIS_MAKS = 1_048_576  # Excel's last row: validation covers the whole column below the header


def _pilihan(kolom: Kolom) -> tuple[str, ...]:
    """The fixed values a cell of `kolom` takes (its drop-down), or none."""
    return kolom.baca.pilihan if isinstance(kolom.baca, v.PembacaPilihan) else ()


def bentuk(dataset: Dataset, kolom: Kolom) -> str:
    """What a cell of `kolom` holds, in words."""
    if pilihan := _pilihan(kolom):
        return "salah satu dari: " + ", ".join(pilihan)
    if kolom.baca is v.teks:
        asal = "kode atau nama" if kolom.rujukan else "teks"
        return f"{asal}, paling banyak {dataset.panjang(kolom)} karakter"
    if kolom.baca is v.bilangan:
        if kolom.batas is None:
            raise ValueError(f"{dataset.nama}.{kolom.nama}: a number column declares no bound (Kolom.batas).")
        return BILANGAN[kolom.batas]
    return BENTUK[kolom.baca]


def _validasi(dataset: Dataset, kolom: Kolom, batas: v.Batas) -> DataValidation | None:
    """Excel's check of a column while staff type, with the upload's numbers."""
    pesan = bentuk(dataset, kolom) + (f"; {batas.uraian(kolom.batas)}" if kolom.batas else "")
    if pilihan := _pilihan(kolom):
        aturan = DataValidation(type="list", formula1='"' + ",".join(pilihan) + '"')
    elif kolom.batas in ("tanggal", "tanggal_berhenti"):
        bawah, atas = batas.rentang(kolom.batas)
        rumus = [f"DATE({t.year},{t.month},{t.day})" for t in (bawah, atas)]
        aturan = DataValidation(type="date", operator="between", formula1=rumus[0], formula2=rumus[1])
    elif kolom.batas and kolom.baca is v.bilangan:
        bawah, atas = batas.rentang(kolom.batas)
        aturan = DataValidation(type="whole", operator="between", formula1=str(bawah), formula2=str(atas))
    elif kolom.baca in (v.nik, v.nip):
        aturan = DataValidation(type="textLength", operator="equal", formula1="16" if kolom.baca is v.nik else "18")
    elif kolom.baca is v.teks:
        aturan = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(dataset.panjang(kolom)))
    else:
        return None
    aturan.errorStyle, aturan.showErrorMessage, aturan.showInputMessage = "warning", True, True
    aturan.errorTitle, aturan.error = f"Periksa {kolom.nama}", pesan[:255]
    aturan.promptTitle, aturan.prompt = kolom.nama[:32], pesan[:255]
    aturan.allow_blank = not kolom.wajib
    return aturan


def templat_xlsx(dataset_nama: str, hari_ini: dt.date | None = None, *, settings: Settings) -> bytes:
    """The template of a dataset as XLSX bytes: the data sheet, then "Petunjuk"."""
    dataset = DATASET[dataset_nama]
    batas = v.Batas(hari_ini or dt.date.today(), settings.iuran_bulanan)
    buku = Workbook()
    data = buku.active
    data.title = dataset_nama
    tebal, isi = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, kolom in enumerate(dataset.kolom, start=1):
        huruf = get_column_letter(i)
        sel = data.cell(row=1, column=i, value=kolom.nama)
        sel.font, sel.fill = tebal, isi
        lebar = data.column_dimensions[huruf]
        lebar.width = max(len(kolom.nama) + 4, 16)
        if kolom.baca in SEBAGAI_TEKS or _pilihan(kolom):
            lebar.number_format = "@"
        elif kolom.baca is v.tanggal:
            lebar.number_format = "yyyy-mm-dd"
        if aturan := _validasi(dataset, kolom, batas):
            aturan.add(f"{huruf}2:{huruf}{BARIS_MAKS}")
            data.add_data_validation(aturan)
    data.freeze_panes = "A2"

    petunjuk = buku.create_sheet("Petunjuk")
    petunjuk.append([PETUNJUK[dataset_nama]])
    petunjuk.append(["Isi lembar pertama mulai baris 2; baris judul di atas kepala kolom dan baris TOTAL boleh ada."])
    petunjuk.append([])
    petunjuk.append(["kolom", "wajib", "isi", "batas", "nama kolom lain yang dikenali"])
    for sel in petunjuk[4]:
        sel.font, sel.fill = tebal, isi
    for kolom in dataset.kolom:
        petunjuk.append([
            kolom.nama, "ya" if kolom.wajib else "tidak", bentuk(dataset, kolom),
            batas.uraian(kolom.batas) if kolom.batas else "", ", ".join(kolom.alias),
        ])  # fmt: skip
    for huruf, lebar in zip("ABCDE", (20, 8, 48, 52, 50)):
        petunjuk.column_dimensions[huruf].width = lebar
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
