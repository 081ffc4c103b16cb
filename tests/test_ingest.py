"""Uploads through the shared pipeline (ingest.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pandas as pd
from sqlalchemy import func, select

from ptr_core.ingest import impor
from ptr_core.models import Asn, AsnRiwayat, Pekerja, Unggahan
from tests.test_cli import FILES, A, B, C, cli

ASN_HEADER = "nip,nama,kode_opd,status\n"


def _hitung(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


def test_nik_damaged_by_excel_is_rejected_with_advice_to_format_as_text(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv")
    isi = FILES["pekerja"].splitlines()[0] + f"\n3.37401E+15,Wati,P,Pedagang,33.74.01.1001,,{A},2025-01-10,\n"
    hasil = impor(engine, "pekerja", isi.encode(), "pekerja.csv")
    assert hasil.ditolak == 1 and _hitung(engine, Pekerja) == 0
    [m] = hasil.masalah
    assert (m.baris, m.kolom, m.nilai) == (2, "nik", "3.37401E+15")
    assert "Teks" in m.pesan


def test_reuploading_the_same_file_changes_nothing(engine):
    pertama = impor(engine, "asn", FILES["asn"].encode(), "asn.csv")
    kedua = impor(engine, "asn", FILES["asn"].encode(), "asn-lagi.csv")
    assert pertama.baru == 4 and kedua.sudah_pernah and kedua.unggahan_id is None
    assert _hitung(engine, Unggahan) == 1


def test_roster_upload_replaces_the_roster_and_keeps_each_version(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv")
    hasil = impor(engine, "asn", f"{ASN_HEADER}{A},Ani,DISNAKER,PNS\n{B},Budi,DINSOS,PNS\n".encode(), "asn2.csv")
    # A moved to DISNAKER; C and D are no longer in the roster (deactivated); B is unchanged.
    assert (hasil.baru, hasil.diubah, hasil.sama) == (0, 3, 1)
    with engine.connect() as conn:
        aktif = dict(conn.execute(select(Asn.nip, Asn.aktif)).all())
        opd_a = conn.scalar(select(Asn.kode_opd).where(Asn.nip == A))
    assert aktif[A] and aktif[B] and not aktif[C]
    assert opd_a == "DISNAKER"
    assert _hitung(engine, AsnRiwayat) == 4 + 2


def test_only_if_clean_commits_nothing_when_a_row_is_rejected(engine):
    isi = f"{ASN_HEADER}{A},Ani,DINSOS,PNS\n{B},Budi,TIDAKADA,PNS\n".encode()
    hasil = impor(engine, "asn", isi, "asn.csv", hanya_jika_bersih=True)
    assert hasil.ditolak == 1 and "TIDAKADA" in hasil.masalah[0].pesan
    assert _hitung(engine, Asn) == 0 and _hitung(engine, Unggahan) == 0


def test_valid_rows_are_committed_and_bad_rows_reported_by_default(engine):
    isi = f"{ASN_HEADER}{A},Ani,DINSOS,PNS\n{B},Budi,DINSOS,PNS\n{B},Budi lagi,DINSOS,PNS\n".encode()
    hasil = impor(engine, "asn", isi, "asn.csv")
    assert (hasil.baru, hasil.ditolak) == (2, 1)
    assert hasil.masalah[0].baris == 4 and "baris 3" in hasil.masalah[0].pesan


def test_file_whose_columns_do_not_match_gets_one_clear_message(engine):
    hasil = impor(engine, "asn", b"nama,umur\nAni,40\n", "salah.csv")
    [m] = hasil.masalah
    assert "nip" in m.kolom and "Unduh templatnya" in m.pesan
    assert _hitung(engine, Asn) == 0


def test_semicolon_windows_1252_csv_and_xlsx_are_read(engine):
    titik_koma = f"NIP;Nama;Kode OPD;Status\r\n{A};Ani Suryani;DINSOS;PNS\r\n{B};Budi Santoso é;DINSOS;PNS\r\n"
    hasil = impor(engine, "asn", titik_koma.encode("cp1252"), "roster.csv")
    assert hasil.baru == 2, hasil.masalah
    buffer = io.BytesIO()
    pd.DataFrame([{"nip": C, "nama": "Citra", "kode_opd": "DINSOS", "status": "PPPK"}]).to_excel(buffer, index=False)
    assert impor(engine, "asn", buffer.getvalue(), "roster.xlsx").baru == 1


def test_unreadable_file_is_one_message_and_changes_nothing(engine):
    hasil = impor(engine, "iuran", bytes(range(256)) * 4, "sampah.xlsx")
    assert hasil.masalah and hasil.unggahan_id is None and _hitung(engine, Unggahan) == 0


def test_demo_is_not_mixed_into_real_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'asli.db'}"
    path = tmp_path / "asn.csv"
    path.write_text(FILES["asn"])
    assert cli(url, "import", "asn", str(path)).returncode == 0
    hasil = cli(url, "demo")
    assert hasil.returncode == 2 and "--paksa" in hasil.stdout
