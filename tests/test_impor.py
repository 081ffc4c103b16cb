"""Uploads through the shared pipeline (ptr_core.impor), on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from sqlalchemy import func, select

from ptr_core import validasi as v
from ptr_core.impor import Mode, impor
from ptr_core.models import Asn, AsnRiwayat, Pekerja, Unggahan
from tests.factory import FILES, SETTINGS, A, B, C, D, cli

ASN_HEADER = "nip,nama,kode_opd,status\n"


def _hitung(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


def test_nik_damaged_by_excel_is_rejected_with_advice_to_format_as_text(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    isi = FILES["pekerja"].splitlines()[0] + f"\n3.37401E+15,Wati,P,Pedagang,33.74.01.1001,,{A},2025-01-10,\n"
    hasil = impor(engine, "pekerja", isi.encode(), "pekerja.csv", settings=SETTINGS)
    assert hasil.ditolak == 1 and _hitung(engine, Pekerja) == 0
    [m] = hasil.masalah
    assert (m.baris, m.kolom, m.nilai) == (2, "nik", "3.37401E+15")
    assert "Teks" in m.pesan


def test_reuploading_the_same_file_changes_nothing(engine):
    pertama = impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    kedua = impor(engine, "asn", FILES["asn"].encode(), "asn-lagi.csv", settings=SETTINGS)
    assert pertama.baru == 4 and kedua.sudah_pernah and kedua.unggahan_id is None
    assert _hitung(engine, Unggahan) == 1


def test_an_asn_file_adds_and_updates_without_deactivating_anyone_not_in_it(engine):
    # A 1-row file (A moves to DISNAKER) against a roster of 4: A changed, B, C and D untouched and still active.
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    hasil = impor(engine, "asn", f"{ASN_HEADER}{A},Ani,DISNAKER,PNS\n".encode(), "asn2.csv", settings=SETTINGS)
    assert (hasil.baru, hasil.diubah, hasil.sama, hasil.asn_tidak_ada, hasil.masalah) == (0, 1, 0, 3, [])
    with engine.connect() as conn:
        aktif = dict(conn.execute(select(Asn.nip, Asn.aktif)).all())
    assert all(aktif.values()) and len(aktif) == 4


def test_a_whole_roster_replaces_the_roster_and_keeps_each_version(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    isi = f"{ASN_HEADER}{A},Ani,DISNAKER,PNS\n{B},Budi,DINSOS,PNS\n".encode()
    hasil = impor(engine, "asn", isi, "asn2.csv", roster_lengkap=True, settings=SETTINGS)
    # A moved to DISNAKER; C and D are no longer in the roster (deactivated); B is unchanged.
    assert (hasil.baru, hasil.diubah, hasil.sama) == (0, 3, 1)
    with engine.connect() as conn:
        aktif = dict(conn.execute(select(Asn.nip, Asn.aktif)).all())
        opd_a = conn.scalar(select(Asn.kode_opd).where(Asn.nip == A))
    assert aktif[A] and aktif[B] and not aktif[C]
    assert opd_a == "DISNAKER"
    assert _hitung(engine, AsnRiwayat) == 4 + 2


def test_a_whole_roster_with_a_rejected_row_saves_nothing_and_deactivates_nobody(engine):
    # The roster of 4 again, every NIP as Excel shows a long number (1.98001E+17): all 4 rows rejected. Before,
    # the valid rows (none) replaced the roster and all 4 ASN were deactivated. Then the right roster with one
    # status mistyped (PNSS): D's row rejected, D must not be deactivated as "not in the file", nothing saved.
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    rusak = f"{ASN_HEADER}1.98001E+17,Ani,DINSOS,PNS\n1.98502E+17,Budi,DINSOS,PNS\n"
    satu_salah = FILES["asn"].replace(f"{D},Dedi,DISNAKER,PNS", f"{D},Dedi,DISNAKER,PNSS")
    assert satu_salah != FILES["asn"]
    for isi, ditolak in ((rusak, 2), (satu_salah, 1)):
        for mode in (Mode.SIMPAN, Mode.PRATINJAU):
            hasil = impor(engine, "asn", isi.encode(), "roster.csv", mode=mode, roster_lengkap=True, settings=SETTINGS)
            assert hasil.unggahan_id is None and hasil.ditolak == ditolak
            assert hasil.masalah[0].pesan.startswith(f"Roster lengkap tidak disimpan: {ditolak} baris ditolak")
            assert not any(m.pesan.startswith("1 ASN aktif tidak ada") for m in hasil.masalah)
    with engine.connect() as conn:
        assert all(dict(conn.execute(select(Asn.nip, Asn.aktif)).all()).values())
    assert _hitung(engine, Unggahan) == 1


def test_only_if_clean_commits_nothing_when_a_row_is_rejected(engine):
    isi = f"{ASN_HEADER}{A},Ani,DINSOS,PNS\n{B},Budi,TIDAKADA,PNS\n".encode()
    hasil = impor(engine, "asn", isi, "asn.csv", mode=Mode.SIMPAN_JIKA_BERSIH, settings=SETTINGS)
    assert hasil.ditolak == 1 and "TIDAKADA" in hasil.masalah[0].pesan
    assert _hitung(engine, Asn) == 0 and _hitung(engine, Unggahan) == 0


def test_valid_rows_are_committed_and_bad_rows_reported_by_default(engine):
    isi = f"{ASN_HEADER}{A},Ani,DINSOS,PNS\n{B},Budi,DINSOS,PNS\n{B},Budi lagi,DINSOS,PNS\n".encode()
    hasil = impor(engine, "asn", isi, "asn.csv", settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak) == (2, 1)
    assert hasil.masalah[0].baris == 4 and "baris 3" in hasil.masalah[0].pesan


def test_file_whose_columns_do_not_match_gets_one_clear_message(engine):
    hasil = impor(engine, "asn", b"nama,umur\nAni,40\n", "salah.csv", settings=SETTINGS)
    [m] = hasil.masalah
    assert "nip" in m.kolom and "Unduh templatnya" in m.pesan
    assert _hitung(engine, Asn) == 0


def test_semicolon_windows_1252_csv_and_xlsx_are_read(engine):
    titik_koma = f"NIP;Nama;Kode OPD;Status\r\n{A};Ani Suryani;DINSOS;PNS\r\n{B};Budi Santoso é;DINSOS;PNS\r\n"
    hasil = impor(engine, "asn", titik_koma.encode("cp1252"), "roster.csv", settings=SETTINGS)
    assert hasil.baru == 2, hasil.masalah
    buffer = io.BytesIO()
    pd.DataFrame([{"nip": C, "nama": "Citra", "kode_opd": "DINSOS", "status": "PPPK"}]).to_excel(buffer, index=False)
    assert impor(engine, "asn", buffer.getvalue(), "roster.xlsx", settings=SETTINGS).baru == 1


def test_unreadable_file_is_one_message_and_changes_nothing(engine):
    hasil = impor(engine, "iuran", bytes(range(256)) * 4, "sampah.xlsx", settings=SETTINGS)
    assert hasil.masalah and hasil.unggahan_id is None and _hitung(engine, Unggahan) == 0


def test_demo_is_not_mixed_into_real_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'asli.db'}"
    path = tmp_path / "asn.csv"
    path.write_text(FILES["asn"])
    assert cli(url, "import", "asn", str(path)).returncode == 0
    hasil = cli(url, "demo")
    assert hasil.returncode == 2 and "--paksa" in hasil.stdout


def test_ni_pppk_with_a_work_agreement_code_where_a_pns_has_a_month_is_accepted_and_can_sponsor(engine):
    # NI PPPK 1990-03-15 | 2022 | 21 | 1 | 001: digits 13-14 are the work agreement code, not a month.
    pppk = "199003152022211001"
    hasil = impor(
        engine,
        "asn",
        f"{ASN_HEADER}{A},Ani,DINSOS,PNS\n{pppk},Putri,DINSOS,PPPK\n".encode(),
        "asn.csv",
        settings=SETTINGS,
    )
    assert (hasil.masalah, hasil.baru) == ([], 2)
    pekerja = (
        FILES["pekerja"].splitlines()[0] + f"\n3374010101900001,Wati,P,Pedagang,33.74.01.1001,,{pppk},2025-01-10,\n"
    )
    hasil = impor(engine, "pekerja", pekerja.encode(), "pekerja.csv", settings=SETTINGS)
    assert (hasil.masalah, hasil.baru) == ([], 1)


def test_an_18_digit_number_fitting_neither_nip_nor_ni_pppk_is_rejected_naming_both():
    # Appointed in 2012 (before the first PPPK, 2019) with 21 where a PNS has the month of appointment.
    with pytest.raises(v.NilaiSalah, match="YYYYMM, untuk PNS.*NI PPPK"):
        v.nip("199003152012211001")
    assert v.jenis_nip("198001012005011001") == {"PNS"} and v.jenis_nip("199003152022211001") == {"PPPK"}
    assert v.jenis_nip("199003152022011001") == {"PNS", "PPPK"}
