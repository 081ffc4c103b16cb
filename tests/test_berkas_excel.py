"""Workbooks as staff make them in Excel: title rows above the header, a hidden sheet, TOTAL rows, numbers in NIK
cells, formulas, and a zip that unpacks to gigabytes (berkas.py through the upload pipeline, both backends)."""

from __future__ import annotations

import io
import time
import zipfile

from openpyxl import Workbook

from ptr_core import berkas
from ptr_core.impor import impor
from tests.factory import FILES, SETTINGS, A

KEPALA_ASN = ["NIP Baru", "Nama Pegawai", "Unit Kerja", "Status Pegawai"]
KEPALA_PEKERJA = ["No", "NIK", "Nama", "Jenis Kelamin", "Pekerjaan", "Kelurahan", "No KPJ", "NIP Sponsor",
                  "Tanggal Daftar", "Tanggal Berhenti"]  # fmt: skip


def _xlsx(buku: Workbook) -> bytes:
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def _roster_berjudul() -> Workbook:
    """Title rows, a blank row, the header on row 5, two ASN, a TOTAL row: the roster as an OPD sends it."""
    buku = Workbook()
    ws = buku.active
    ws.title = "Data"
    ws.append(["PEMERINTAH KOTA SEMARANG"])
    ws.append(["DAFTAR ASN PESERTA PROGRAM PNS PEDULI PEKERJA RENTAN"])
    ws.append(["Per 30 November 2026"])
    ws.append([])
    ws.append(KEPALA_ASN)
    ws.append([A, "Ani", "DINSOS", "PNS"])
    ws.append(["199003152022211001", "Putri", "Dinas Sosial", "PPPK"])
    ws.append(["JUMLAH", None, None, None])
    return buku


def test_title_rows_above_the_header_and_a_total_row_are_skipped_with_notes(engine):
    hasil = impor(engine, "asn", _xlsx(_roster_berjudul()), "roster.xlsx", settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak, hasil.ada_galat) == (2, 0, False)
    catatan = [m.pesan for m in hasil.masalah]
    assert any("baris 5; 4 baris judul" in c for c in catatan) and any("Baris 8 (TOTAL/JUMLAH)" in c for c in catatan)


def test_rows_are_named_as_excel_shows_them_below_title_rows(engine):
    buku = _roster_berjudul()
    buku.active.cell(row=7, column=3, value="DINAS TIDAK ADA")
    [m] = [m for m in impor(engine, "asn", _xlsx(buku), "roster.xlsx", settings=SETTINGS).masalah if not m.peringatan]
    assert (m.baris, m.kolom) == (7, "kode_opd")


def test_csv_rows_are_named_as_excel_shows_them_after_blank_lines(engine):
    # The roster as CSV with a blank line after the first ASN and two between the next ones: the bad OPD is on
    # line 6 of the file, as Excel numbers it (pandas dropped the blank lines and called it row 4).
    isi = (f"nip,nama,kode_opd,status\n{A},Ani,DINSOS,PNS\n\n198502022010012002,Budi,DINSOS,PNS\n\n"
           "198703032011011002,Eko,TIDAKADA,PNS\n")  # fmt: skip
    [m] = [m for m in impor(engine, "asn", isi.encode(), "roster.csv", settings=SETTINGS).masalah if not m.peringatan]
    assert (m.baris, m.kolom) == (6, "kode_opd")


def test_the_first_visible_sheet_is_read_and_the_note_says_which(engine):
    buku = _roster_berjudul()
    rekap = buku.create_sheet("Rekap", 0)
    rekap.append(KEPALA_ASN)
    rekap.append(["198502022010012002", "Budi", "DINSOS", "PNS"])
    rekap.sheet_state = "hidden"
    hasil = impor(engine, "asn", _xlsx(buku), "roster.xlsx", settings=SETTINGS)
    assert hasil.baru == 2
    assert any("lembar 'Data'" in m.pesan and "Rekap" in m.pesan for m in hasil.masalah)


def test_a_nik_stored_as_a_number_is_rejected_with_how_to_fix_it_never_rounded(engine):
    # Excel keeps 15 significant digits: 3374010101900001 typed into a General cell is another person's NIK.
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    buku = Workbook()
    ws = buku.active
    ws.append(KEPALA_PEKERJA)
    ws.append([1, 3374010101900001, "Wati", "P", "Pedagang", "33.74.01.1001", None, A, "2025-01-10", None])
    ws.append([2, "3374010101900002", "Warno", "L", "Ojek", "33.74.01.1001", None, A, "2025-01-10", None])
    hasil = impor(engine, "pekerja", _xlsx(buku), "pekerja.xlsx", settings=SETTINGS)
    [m] = hasil.masalah
    assert (m.baris, m.kolom, hasil.baru) == (2, "nik", 1) and "Teks" in m.pesan


def test_a_formula_without_a_stored_value_is_named_on_its_row_not_read_as_empty(engine):
    # A workbook written by a program (not saved in Excel) keeps formulas without their values.
    buku = _roster_berjudul()
    buku.active["B6"] = '=UPPER("ani")'
    [m] = [m for m in impor(engine, "asn", _xlsx(buku), "roster.xlsx", settings=SETTINGS).masalah if not m.peringatan]
    assert (m.baris, m.kolom) == (6, "nama") and "rumus" in m.pesan and "simpan ulang" in m.pesan


def test_an_xlsx_that_unpacks_to_hundreds_of_megabytes_is_refused_before_it_is_opened(engine):
    # A 300 KB file whose one shared string is 310 MB: refused from the zip's directory, in well under a second.
    kecil = _xlsx(_roster_berjudul())
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(kecil)) as asal, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as baru:
        for info in asal.infolist():
            if info.filename != "xl/sharedStrings.xml":
                baru.writestr(info, asal.read(info))
        with baru.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            for _ in range(310):
                f.write(b"x" * 1024 * 1024)
            f.write(b"</t></si></sst>")
    isi = keluar.getvalue()
    assert len(isi) < 1024 * 1024
    mulai = time.perf_counter()
    [m] = impor(engine, "asn", isi, "bom.xlsx", settings=SETTINGS).masalah
    assert time.perf_counter() - mulai < 5 and "setelah dibuka" in m.pesan and len(m.pesan) < 200


def test_a_workbook_without_formulas_is_read_once_even_with_empty_cells(monkeypatch):
    # Empty optional cells (no KPJ, no stop date) are the rule in staff files: the second reading that looks for
    # formulas without a stored value is needed only when the sheet has a formula at all.
    import openpyxl

    buku = openpyxl.Workbook()
    buku.active.append(["nik", "nama", "nomor_kpj"])
    buku.active.append(["3374010101900001", "Wati", None])
    isi = io.BytesIO()
    buku.save(isi)
    bacaan = []
    asli = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: bacaan.append(k.get("data_only")) or asli(*a, **k))
    assert berkas.baca(isi.getvalue(), "p.xlsx", dikenal={"nik", "nama", "nomor_kpj"}).frame is not None
    assert False not in bacaan  # no reading of the formulas


def _batas_memori() -> None:
    import resource

    batas = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (batas, batas))


def test_a_space_typed_in_the_last_cell_of_a_sheet_costs_nothing(tmp_path):
    # A 5 KB workbook: a title row, the header, three payments, and a space typed in XFD1048576 (Excel then
    # declares the sheet 1.048.576 rows by 16.384 columns). Before, every row was padded to 16.384 cells:
    # gigabytes, then "not a CSV or XLSX". Read in a process of its own under a 2 GB limit.
    import json
    import subprocess
    import sys

    from tests.factory import ROOT

    buku = Workbook()
    ws = buku.active
    ws.append(["DAFTAR IURAN PESERTA"])
    ws.append(["NIK", "Periode", "Jumlah", "Tanggal Bayar"])
    for n in range(1, 4):
        ws.append([f"337401010190000{n}", "2025-04", 16800, "2025-04-05"])
    ws.cell(row=1_048_576, column=16_384, value=" ")
    (tmp_path / "iuran.xlsx").write_bytes(_xlsx(buku))
    baca = (
        "import json, sys; from ptr_core import berkas; "
        "b = berkas.baca(open(sys.argv[1], 'rb').read(), 'iuran.xlsx', dikenal={'nik', 'periode'}); "
        "print(json.dumps([b.galat, list(map(int, b.frame.index)), b.frame['nik'].tolist(), b.catatan]))"
    )
    jalan = subprocess.run([sys.executable, "-c", baca, str(tmp_path / "iuran.xlsx")], cwd=ROOT, capture_output=True,
                           text=True, timeout=120, preexec_fn=_batas_memori)  # fmt: skip
    assert jalan.returncode == 0, jalan.stderr[-2000:]
    galat, nomor, nik, catatan = json.loads(jalan.stdout)
    assert galat is None and nomor == [3, 4, 5] and nik == [f"337401010190000{n}" for n in range(1, 4)]
    assert f"Hanya {berkas.KOLOM_MAKS} kolom pertama yang dibaca; kolom di kanannya dilewati." in catatan


def test_payments_as_staff_type_them_in_excel_are_read_as_they_meant(engine):
    # A date cell holding a time, a date typed "31-Des-2024" or "5 Februari 2025", an amount typed "Rp16.800,-", a
    # NIK pasted with a zero-width space and a no-break space, and a "Total Iuran" row under them.
    import datetime as dt

    from sqlalchemy import select

    from ptr_core.models import Iuran
    from tests.factory import W, kota_kecil

    kota_kecil(engine)
    buku = Workbook()
    ws = buku.active
    ws.append(["REKAP IURAN PEKERJA RENTAN"])
    ws.append(["NIK", "Periode", "Jumlah", "Tanggal Bayar"])
    ws.append([W[2], "2025-04", 16_800, dt.datetime(2025, 4, 3, 14, 30)])
    ws.append([W[2], "Mei 2025", "Rp16.800,-", "5 Mei 2025"])
    ws.append(["\u200b" + W[2] + "\u00a0", "2025-06", "Rp 16.800,-", "3-Jun-2025"])
    ws.append(["Total Iuran", None, 50_400, None])
    hasil = impor(engine, "iuran", _xlsx(buku), "iuran.xlsx", settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak, hasil.ada_galat) == (3, 0, False), hasil.masalah
    assert any("Baris 6 (TOTAL/JUMLAH) dilewati" in m.pesan for m in hasil.masalah)
    with engine.connect() as conn:
        tersimpan = conn.execute(select(Iuran.periode, Iuran.jumlah, Iuran.tanggal_bayar).where(
            Iuran.nik == W[2], Iuran.periode >= "2025-04").order_by(Iuran.periode)).all()  # fmt: skip
    assert [tuple(r) for r in tersimpan] == [
        ("2025-04", 16_800, dt.date(2025, 4, 3)), ("2025-05", 16_800, dt.date(2025, 5, 5)),
        ("2025-06", 16_800, dt.date(2025, 6, 3)),
    ]  # fmt: skip


def test_a_pppk_written_p3k_is_read_as_pppk_and_a_month_first_date_is_named_not_guessed(engine):
    import pytest
    from sqlalchemy import select

    from ptr_core import validasi as v
    from ptr_core.models import Asn

    buku = _roster_berjudul()
    buku.active.cell(row=7, column=4, value="P3K")
    assert impor(engine, "asn", _xlsx(buku), "roster.xlsx", settings=SETTINGS).ditolak == 0
    with engine.connect() as conn:
        assert conn.scalar(select(Asn.status).where(Asn.nip == "199003152022211001")) == "PPPK"
    with pytest.raises(v.NilaiSalah, match="bulan 15 tidak ada.*bulan/hari/tahun"):
        v.tanggal("7/15/2025")


def test_an_opd_merged_down_beside_its_staff_counts_for_each_of_its_rows_with_a_note(engine):
    # The OPD written once in a cell merged over its three ASN (C6:C8), the title merged across the columns.
    buku = _roster_berjudul()
    ws = buku.active
    ws.delete_rows(8)  # the JUMLAH row
    ws.append(["198502022010012002", "Budi", None, "PNS"])
    ws.merge_cells("A1:D1")
    ws.merge_cells("C6:C8")
    hasil = impor(engine, "asn", _xlsx(buku), "roster.xlsx", settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak) == (3, 0), hasil.masalah
    assert any("Sel gabungan (merge) C6:C8" in m.pesan for m in hasil.masalah)
    from sqlalchemy import select

    from ptr_core.models import Asn

    with engine.connect() as conn:
        assert set(conn.scalars(select(Asn.kode_opd))) == {"DINSOS"}


def test_a_sheet_of_thousands_of_overlapping_merges_costs_no_more_than_reading_it():
    # 10.000 merges each over a million rows, on a sheet of 3.000 rows whose first column is empty below row 2: the
    # rows visited are bounded by the sheet's rows, and the note says what to do.
    buku = Workbook()
    ws = buku.active
    ws.append(["nip", "nama"])
    ws.append(["x", "a"])
    for i in range(3_000):
        ws.append([None, f"n{i}"])
    isi = _xlsx(buku)
    gabungan = b"<mergeCells>" + b'<mergeCell ref="A2:A1000000"/>' * 10_000 + b"</mergeCells>"
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as masuk, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as tulis:
        for info in masuk.infolist():
            data = masuk.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"</sheetData>" + gabungan)
            tulis.writestr(info, data)
    mulai = time.perf_counter()
    bacaan = berkas.baca(keluar.getvalue(), "gabung.xlsx", dikenal={"nip", "nama"})
    assert time.perf_counter() - mulai < 10
    assert berkas.PESAN_GABUNGAN_BANYAK in bacaan.catatan
