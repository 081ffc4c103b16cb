"""Uploads non-programmers can trust (ptr_core.impor): messy files, clear messages, preview, rollback, concurrency."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import shutil
import threading
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from ptr_core import agregat_db, berkas
from ptr_core.agregat import agregat_dari_baris
from ptr_core.ekspor import ke_csv
from ptr_core.impor import DATASET, Mode, baca, batalkan, impor, penyimpanan, riwayat
from ptr_core.models import Asn, Iuran, Pekerja, Target
from ptr_core.periode import dari_indeks, ke_indeks
from ptr_core.queries import muat_data
from ptr_core.ringkasan import ringkasan
from ptr_core.settings import Settings
from ptr_core.templat import templat_xlsx
from tests.factory import FILES, SETTINGS, A, B, D, W, kota_kecil

HARI_INI = dt.date(2026, 12, 2)

HEADER_PEKERJA = FILES["pekerja"].splitlines()[0]


def _angka(engine, bulan: str = "2025-03") -> dict:
    """The figures as the dashboard reads them (stored summaries), checked against a fresh computation."""
    tersimpan = ringkasan(agregat_db.muat(engine, Settings()), bulan, Settings())
    assert tersimpan == ringkasan(agregat_dari_baris(muat_data(engine), Settings()), bulan, Settings())
    return tersimpan


def _hitung(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


def test_headers_in_any_case_with_aliases_and_opd_by_name_are_understood(engine):
    isi = f"NIP Baru;Nama Lengkap;Unit Kerja;Status Pegawai\n{A};Ani;Dinas Sosial;pns\n".encode("cp1252")
    hasil = impor(engine, "asn", isi, "roster.csv", settings=SETTINGS)
    assert (hasil.baru, hasil.masalah) == (1, [])
    with engine.connect() as conn:
        assert conn.execute(select(Asn.kode_opd, Asn.status)).one() == ("DINSOS", "PNS")


def test_dates_periods_and_amounts_as_staff_write_them(engine):
    kota_kecil(engine)
    isi = (
        "NIK,Bulan,Nominal,Tgl Bayar\n"
        f"{W[2]},04/2025,Rp16.800,05/04/2025\n"
        f'{W[2]},Mei 2025,"Rp 16.800,00",2025-05-03\n'
        f"{W[2]},2025-06,16.800,45813\n"
    ).encode()
    hasil = impor(engine, "iuran", isi, "bayar.csv", settings=SETTINGS)
    assert (hasil.baru, hasil.masalah) == (3, [])
    with engine.connect() as conn:
        tersimpan = conn.execute(select(Iuran.periode, Iuran.jumlah, Iuran.tanggal_bayar).where(Iuran.nik == W[2])
                                 .order_by(Iuran.periode)).all()  # fmt: skip
    assert [(p, j, t.isoformat()) for p, j, t in tersimpan][1:] == [
        ("2025-04", 16_800, "2025-04-05"),
        ("2025-05", 16_800, "2025-05-03"),
        ("2025-06", 16_800, "2025-06-05"),  # Excel serial 45813 = 30 Dec 1899 + 45.813 days
    ]


def test_unknown_opd_name_suggests_the_closest_names(engine):
    hasil = impor(
        engine, "asn", f"nip,nama,kode_opd,status\n{A},Ani,Dinas Sosail,PNS\n".encode(), "r.csv", settings=SETTINGS
    )
    [m] = hasil.masalah
    assert (m.baris, m.kolom, m.nilai) == (2, "kode_opd", "Dinas Sosail")
    assert "Mungkin maksud Anda: Dinas Sosial?" in m.pesan


def test_kelurahan_by_name_and_an_ambiguous_name_asks_for_the_code(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    isi = (
        f"{HEADER_PEKERJA}\n{W[1]},Wati,P,Pedagang,Kel. Miroto,,{A},2025-01-10,\n"
        f"{W[2]},Warno,L,Ojek,Purwosari,,{A},2025-01-10,\n"
    ).encode()
    hasil = impor(engine, "pekerja", isi, "p.csv", settings=SETTINGS)
    assert hasil.baru == 1
    [m] = hasil.masalah
    assert m.baris == 3 and "Ada 2 kelurahan bernama 'Purwosari'" in m.pesan


def test_payment_before_enrolment_is_an_error_and_an_odd_amount_a_warning(engine):
    kota_kecil(engine)
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[2]},2025-02,16800,2025-02-01\n{W[2]},2025-04,20000,2025-04-01\n"
    hasil = impor(engine, "iuran", isi.encode(), "i.csv", settings=SETTINGS)
    galat, peringatan = hasil.masalah
    assert (galat.baris, galat.kolom, galat.peringatan) == (2, "periode", False) and "2025-03-05" in galat.pesan
    assert (peringatan.baris, peringatan.kolom, peringatan.peringatan) == (3, "jumlah", True)
    assert (hasil.baru, hasil.ditolak) == (1, 1)


def test_a_payment_of_a_month_already_paid_on_another_date_is_saved_with_a_warning_that_it_may_be_a_correction(
    engine,
):
    # W1's January is stored as paid on 2025-01-10 (upload uid). Its date corrected to 2025-01-11 is a new key (a month
    # may be paid in parts): saved, and the row says so, names the stored payment and how to correct instead.
    uid = kota_kecil(engine)
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[1]},2025-01,16800,2025-01-11\n{W[3]},2025-02,16800,2025-02-20\n"
    hasil = impor(engine, "iuran", isi.encode(), "koreksi.csv", settings=SETTINGS)
    [m] = hasil.masalah
    assert (m.baris, m.peringatan, hasil.baru) == (2, True, 2)
    assert "jumlah 16800, tanggal_bayar 2025-01-10" in m.pesan and f"batalkan unggahan #{uid}" in m.pesan
    # A month paid in parts, both parts in one file with the stored one: nothing to warn of.
    isi = (f"nik,periode,jumlah,tanggal_bayar\n{W[3]},2025-01,16800,2025-01-20\n"
           f"{W[3]},2025-01,16800,2025-01-25\n")  # fmt: skip
    assert impor(engine, "iuran", isi.encode(), "cicil.csv", settings=SETTINGS).masalah == []


def _pekerja_w1(*baris: tuple[str, str, str]) -> bytes:
    """A pekerja file of registrations of worker W1: (sponsor, tanggal_daftar, tanggal_berhenti)."""
    isi = [f"{W[1]},Wati,P,Pedagang,33.74.01.1001,,{nip},{daftar},{berhenti}" for nip, daftar, berhenti in baris]
    return "\n".join([HEADER_PEKERJA, *isi, ""]).encode()


def _impor_pekerja(engine, isi: bytes, nama_file: str):
    return impor(engine, "pekerja", isi, nama_file, settings=SETTINGS)


def test_registrations_by_two_asn_that_overlap_in_time_are_rejected_naming_rows_and_dates(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    hasil = _impor_pekerja(engine, _pekerja_w1((A, "2025-01-10", "2025-07-01"), (B, "2025-06-10", "")), "p.csv")
    [m] = hasil.masalah
    assert (m.baris, m.kolom, m.peringatan, hasil.baru) == (3, "nip_sponsor", False, 1)
    assert "baris 2" in m.pesan and "2025-01-10 s.d. 2025-07-01" in m.pesan and "2025-06-10 s.d. sekarang" in m.pesan


def test_a_registration_overlapping_a_stored_one_of_another_asn_is_rejected(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    _impor_pekerja(engine, _pekerja_w1((A, "2025-01-10", "2025-07-01")), "p1.csv")
    hasil = _impor_pekerja(engine, _pekerja_w1((B, "2025-06-10", "")), "p2.csv")
    [m] = hasil.masalah
    assert (m.baris, m.peringatan, hasil.baru) == (2, False, 0) and "data tersimpan" in m.pesan


def test_a_reregistration_with_another_asn_after_a_stop_is_accepted_in_one_file(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    hasil = _impor_pekerja(engine, _pekerja_w1((A, "2025-01-10", "2025-02-20"), (B, "2025-04-01", "")), "p.csv")
    assert (hasil.masalah, hasil.baru) == ([], 2)


def test_a_registration_after_an_open_one_of_another_asn_is_accepted_with_a_warning(engine):
    # The open registration may have lapsed (three unpaid months), which no date in the file says.
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    hasil = impor(
        engine, "pekerja", _pekerja_w1((A, "2025-01-10", ""), (B, "2025-06-10", "")), "p.csv", settings=SETTINGS
    )
    [m] = hasil.masalah
    assert (m.baris, m.peringatan, hasil.baru) == (3, True, 2)
    assert f"{A}, baris 2, sejak 2025-01-10" in m.pesan and "nonaktif" in m.pesan


def test_a_registration_overlapping_a_stored_one_of_the_same_asn_is_saved_with_a_warning_that_it_may_be_a_correction(
    engine,
):
    # A corrected tanggal_daftar (15 -> 10 Jan) is a new registration beside the stored one: the row says so.
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    _impor_pekerja(engine, _pekerja_w1((A, "2025-01-15", "")), "p1.csv")
    hasil = _impor_pekerja(engine, _pekerja_w1((A, "2025-01-10", "")), "p2.csv")
    [m] = hasil.masalah
    assert (m.baris, m.kolom, m.peringatan, hasil.baru) == (2, "nip_sponsor", True, 1)
    assert "ASN yang sama" in m.pesan and "data tersimpan, 2025-01-15 s.d. sekarang" in m.pesan
    assert "koreksi tanggal_daftar" in m.pesan
    # The same ASN registering the worker again after a stop that ended before: no overlap, no warning.
    hasil = _impor_pekerja(engine, _pekerja_w1((A, "2024-01-10", "2024-06-30")), "p3.csv")
    assert (hasil.masalah, hasil.baru) == ([], 1)


def test_a_row_updating_a_stored_registration_is_checked_with_its_new_dates(engine):
    # Stored: A from 10 Jan, open. The file stops it on 20 Feb and registers B from 1 Apr: no overlap, no warning.
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    _impor_pekerja(engine, _pekerja_w1((A, "2025-01-10", "")), "p1.csv")
    hasil = _impor_pekerja(engine, _pekerja_w1((A, "2025-01-10", "2025-02-20"), (B, "2025-04-01", "")), "p2.csv")
    assert (hasil.masalah, hasil.baru, hasil.diubah) == ([], 1, 1)


def test_sponsor_not_in_the_current_roster_is_rejected(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    impor(
        engine,
        "asn",
        f"nip,nama,kode_opd,status\n{A},Ani,DINSOS,PNS\n".encode(),
        "asn-baru.csv",
        roster_lengkap=True,
        settings=SETTINGS,
    )
    isi = f"{HEADER_PEKERJA}\n{W[1]},Wati,P,Pedagang,33.74.01.1001,,{D},2025-01-10,\n"
    [m] = impor(engine, "pekerja", isi.encode(), "p.csv", settings=SETTINGS).masalah
    assert m.kolom == "nip_sponsor" and "roster" in m.pesan


def test_file_for_another_dataset_says_which_one_it_is(engine):
    [m] = impor(engine, "iuran", FILES["asn"].encode(), "asn.csv", settings=SETTINGS).masalah
    assert "cocok dengan data 'asn'" in m.pesan


@pytest.mark.parametrize(
    ("isi", "nama", "kata"),
    [
        (b"", "kosong.csv", "File kosong"),
        (b"nip,nama,kode_opd,status\n", "judul.csv", "hanya berisi judul"),
        (bytes(range(256)) * 8, "sampah.csv", "tidak bisa dibaca"),
        (b"PK\x03\x04 bukan xlsx", "rusak.xlsx", "tidak bisa dibaca"),
        # A title with a comma and no quotes on the fourth line (its 5 fields against the header's 4), named.
        (
            b"nip,nama,kode_opd,status\n198001012005011001,Ani,DINSOS,PNS\n\n"
            b"198502022010012002,Budi, S.Pd,DINSOS,PNS\n",
            "gelar.csv",
            "Baris 4 berisi 5 kolom, judul kolomnya 4",
        ),
        # The same header twice: which one holds the data is not guessed.
        (
            b"nip,nama,kode_opd,kode_opd,status\n198001012005011001,Ani,,DINSOS,PNS\n",
            "dua.csv",
            "Judul kolom 'kode_opd' ada dua kali (kolom 3 dan 4)",
        ),
    ],
)
def test_empty_header_only_and_garbage_files_get_one_message(engine, isi, nama, kata):
    hasil = impor(engine, "asn", isi, nama, settings=SETTINGS)
    assert len(hasil.masalah) == 1 and kata in hasil.masalah[0].pesan
    assert hasil.unggahan_id is None and _hitung(engine, Asn) == 0


def test_a_comma_ending_every_row_is_an_empty_field_not_a_shift_of_every_column(engine):
    # Before, pandas took the first column as the index and named every cell by the column to its left.
    isi = "".join(f"{r}," + "\n" for r in FILES["asn"].strip().split("\n")[1:])
    hasil = impor(engine, "asn", ("nip,nama,kode_opd,status\n" + isi).encode(), "koma.csv", settings=SETTINGS)
    assert (hasil.baru, hasil.masalah) == (4, [])


def test_a_header_row_of_a_million_names_is_named_in_a_short_message(engine):
    isi = ("nip,nama," + "X," * 1_000_000 + "\n1,2\n").encode()
    [m] = impor(engine, "asn", isi, "x.csv", settings=SETTINGS).masalah
    assert "tidak ditemukan" in m.pesan and "kolom lain" in m.pesan and len(m.pesan) < 2_000


def test_a_file_over_the_size_limit_is_refused_with_the_limit(engine, monkeypatch):
    monkeypatch.setattr(berkas, "BATAS_BYTE", 100)
    [m] = impor(engine, "asn", FILES["asn"].encode(), "besar.csv", settings=SETTINGS).masalah
    assert "lebih dari" in m.pesan


def test_xlsx_with_a_chosen_sheet(engine):
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer) as w:
        pd.DataFrame({"catatan": ["petunjuk"]}).to_excel(w, sheet_name="Petunjuk", index=False)
        pd.DataFrame([{"nip": A, "nama": "Ani", "kode_opd": "DINSOS", "status": "PNS"}]).to_excel(
            w, sheet_name="Data", index=False
        )
    assert impor(engine, "asn", buffer.getvalue(), "r.xlsx", lembar="Data", settings=SETTINGS).baru == 1
    assert (
        "Lembar 'Tidak'"
        in impor(engine, "asn", buffer.getvalue(), "r.xlsx", lembar="Tidak", settings=SETTINGS).masalah[0].pesan
    )


def test_formula_like_cells_are_stored_as_text_and_neutralised_on_export(engine):
    impor(
        engine,
        "asn",
        f'nip,nama,kode_opd,status\n{A},=HYPERLINK("x"),DINSOS,PNS\n'.encode(),
        "r.csv",
        settings=SETTINGS,
    )
    data = muat_data(engine)
    assert data.asn["nama"].tolist() == ['=HYPERLINK("x")']
    assert "'=HYPERLINK" in ke_csv(data.asn).decode("utf-8-sig")


def test_preview_shows_the_figures_after_and_changes_nothing(engine):
    kota_kecil(engine)
    sebelum = _angka(engine)
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[3]},2025-03,16800,2025-03-30\n"
    hasil = impor(engine, "iuran", isi.encode(), "i.csv", mode=Mode.PRATINJAU, settings=SETTINGS)
    # W3 pays March: active 2 -> 3, arrears 40.400 -> 23.600, paid for March 43.600 -> 60.400.
    assert (hasil.sebelum["pekerja_program_aktif"], hasil.sesudah["pekerja_program_aktif"]) == (2, 3)
    assert (hasil.sebelum["tunggakan"], hasil.sesudah["tunggakan"]) == (40_400, 23_600)
    assert hasil.sesudah["iuran_dibayar_bulan"] == 60_400
    assert _angka(engine) == sebelum and hasil.unggahan_id is None


def test_preview_starts_from_the_stored_summaries_or_recomputes_stale_ones(engine):
    # The same preview under another lapse rule: the stored summaries (3 months) are stale for it, so its
    # "before" figures are recomputed from the rows, as a fresh computation under that rule gives them.
    kota_kecil(engine)
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[3]},2025-03,16800,2025-03-30\n".encode()
    for aturan in (Settings(), Settings(bulan_sampai_nonaktif=2)):
        hasil = impor(engine, "iuran", isi, "i.csv", mode=Mode.PRATINJAU, settings=aturan)
        segar = ringkasan(agregat_dari_baris(muat_data(engine), aturan), "2025-03", aturan)
        assert hasil.sebelum == {k: x for k, x in segar.items() if k not in ("per_kecamatan", "per_opd")}
    # Under a 2-month rule W3 (paid January only) lapses in March (February and March unpaid); paying March
    # leaves one unpaid month, so after the upload W3 is aktif in March.
    assert (hasil.sebelum["pekerja_program_nonaktif"], hasil.sesudah["pekerja_program_nonaktif"]) == (1, 0)
    assert hasil.sesudah["pekerja_program_aktif"] == hasil.sebelum["pekerja_program_aktif"] + 1


def test_rollback_restores_exactly_the_previous_figures(engine):
    kota_kecil(engine)
    sebelum = _angka(engine)
    roster = f"nip,nama,kode_opd,status\n{A},Ani,DISNAKER,PNS\n{B},Budi,DINSOS,PNS\n".encode()
    uid = impor(engine, "asn", roster, "roster-baru.csv", settings=SETTINGS).unggahan_id
    assert _angka(engine) != sebelum
    ok, pesan = batalkan(engine, uid, "admin", settings=SETTINGS)
    assert ok, pesan
    assert _angka(engine) == sebelum
    assert riwayat(engine).set_index("id").loc[uid, "dibatalkan_oleh"] == "admin"
    # The same file may be uploaded again after its rollback.
    assert impor(engine, "asn", roster, "roster-baru.csv", settings=SETTINGS).unggahan_id


def test_rollback_is_refused_while_a_later_upload_depends_on_it(engine):
    kota_kecil(engine)
    uid_pekerja = riwayat(engine).query("dataset == 'pekerja'")["id"].iloc[0]
    uid_iuran = riwayat(engine).query("dataset == 'iuran'")["id"].iloc[0]
    ok, pesan = batalkan(engine, uid_pekerja, "admin", settings=SETTINGS)
    assert not ok and str(uid_iuran) in pesan
    assert batalkan(engine, uid_iuran, "admin", settings=SETTINGS)[0]
    assert batalkan(engine, uid_pekerja, "admin", settings=SETTINGS)[0]
    assert (_hitung(engine, Pekerja), _hitung(engine, Iuran)) == (0, 0)


def test_a_roster_whose_new_asn_now_sponsor_workers_is_not_rolled_back_and_the_refusal_names_the_upload(engine):
    kota_kecil(engine)
    uid = {d: riwayat(engine).query(f"dataset == '{d}'")["id"].iloc[0] for d in ("asn", "pekerja", "iuran")}
    ok, pesan = batalkan(engine, uid["asn"], "admin", settings=SETTINGS)
    assert not ok and f"unggahan {uid['pekerja']} (pekerja, pekerja.csv, " in pesan and "oleh cli" in pesan
    assert (
        batalkan(engine, uid["iuran"], "admin", settings=SETTINGS)[0]
        and batalkan(engine, uid["pekerja"], "admin", settings=SETTINGS)[0]
    )
    assert batalkan(engine, uid["asn"], "admin", settings=SETTINGS)[0]


def test_an_opd_upload_that_a_roster_or_a_user_refers_to_is_refused_not_a_foreign_key_error(engine):
    from ptr_core.akses import tambah_pengguna

    opd = impor(
        engine,
        "opd",
        b"kode_opd,nama_opd,jenis,kode_kecamatan\nDINBARU,Dinas Baru,dinas,\n",
        "opd.csv",
        settings=SETTINGS,
    )
    roster = impor(
        engine, "asn", f"nip,nama,kode_opd,status\n{A},Ani,DINBARU,PNS\n".encode(), "roster-baru.csv", settings=SETTINGS
    )
    assert tambah_pengguna(engine, "kepala@dinbaru.id", "opd", "DINBARU", "admin")[0]
    ok, pesan = batalkan(engine, opd.unggahan_id, "admin", settings=SETTINGS)
    assert not ok and f"unggahan {roster.unggahan_id} (asn, roster-baru.csv" in pesan and "kepala@dinbaru.id" in pesan
    assert batalkan(engine, roster.unggahan_id, "admin", settings=SETTINGS)[0]
    ok, pesan = batalkan(engine, opd.unggahan_id, "admin", settings=SETTINGS)
    assert not ok and "kepala@dinbaru.id" in pesan and "unggahan " + str(roster.unggahan_id) not in pesan


def test_reuploading_a_changed_file_updates_rows_and_rollback_restores_old_values(engine):
    kota_kecil(engine)
    ubah = f"nik,periode,jumlah,tanggal_bayar\n{W[4]},2025-03,16800,2025-03-25\n"
    uid = impor(engine, "iuran", ubah.encode(), "koreksi.csv", settings=SETTINGS).unggahan_id
    assert _angka(engine)["tunggakan"] == 33_600
    batalkan(engine, uid, "admin", settings=SETTINGS)
    assert _angka(engine)["tunggakan"] == 40_400


def test_two_staff_uploading_at_once_both_land_and_nothing_is_lost(engine):
    kota_kecil(engine)
    kepala = "nik,periode,jumlah,tanggal_bayar\n"
    berkas = [
        kepala + f"{W[1]},2025-04,16800,2025-04-0{i + 1}\n{W[2]},2025-04,16800,2025-04-0{i + 1}\n" for i in range(4)
    ]
    hasil: list = []
    benang = [
        threading.Thread(
            target=lambda b=b, i=i: hasil.append(impor(engine, "iuran", b.encode(), f"f{i}.csv", settings=SETTINGS))
        )
        for i, b in enumerate(berkas)
    ]
    for t in benang:
        t.start()
    for t in benang:
        t.join()
    assert sorted(h.baru for h in hasil) == [2, 2, 2, 2]
    assert _hitung(engine, Iuran) == 6 + 8


def test_an_upload_waits_for_a_long_writer_instead_of_failing(engine):
    # Another writer holds the lock for 3 s: the upload waits and lands. SQLite gives up only after an hour.
    from ptr_core.db import TUNGGU_PENULIS_MS

    kota_kecil(engine)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == TUNGGU_PENULIS_MS >= 3_600_000
    mulai = threading.Event()

    def penulis_lama() -> None:
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql("UPDATE versi_data SET nomor = nomor + 1")
            mulai.set()
            time.sleep(3)

    benang = threading.Thread(target=penulis_lama)
    benang.start()
    mulai.wait()
    hasil = impor(
        engine,
        "iuran",
        f"nik,periode,jumlah,tanggal_bayar\n{W[1]},2025-04,16800,2025-04-01\n".encode(),
        "i.csv",
        settings=SETTINGS,
    )
    benang.join()
    assert hasil.unggahan_id and hasil.baru == 1


def test_the_same_file_uploaded_twice_at_once_lands_once(engine):
    kota_kecil(engine)
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[1]},2025-04,16800,2025-04-01\n".encode()
    hasil: list = []
    benang = [
        threading.Thread(target=lambda: hasil.append(impor(engine, "iuran", isi, "sama.csv", settings=SETTINGS)))
        for _ in range(3)
    ]
    for t in benang:
        t.start()
    for t in benang:
        t.join()
    assert sorted(h.sudah_pernah for h in hasil) == [False, True, True]
    assert _hitung(engine, Iuran) == 7


@pytest.mark.parametrize("dataset", list(DATASET))
def test_template_filled_and_uploaded_round_trips(engine, dataset):
    """The template itself, filled in as staff would (its first sheet, row 2) and saved, is accepted as it is."""
    contoh = {
        "opd": {"kode_opd": "BARU", "nama_opd": "Badan Baru", "jenis": "badan", "kode_kecamatan": ""},
        "asn": {"nip": A, "nama": "Ani", "kode_opd": "DINSOS", "status": "PNS",
                "email": "ani@dinsos.semarangkota.go.id"},
        "pekerja": {"nik": W[1], "nama": "Wati", "jenis_kelamin": "P", "pekerjaan": "Pedagang",
                    "kode_kelurahan": "33.74.01.1001", "nomor_kpj": "", "nip_sponsor": A,
                    "tanggal_daftar": "2025-01-10", "tanggal_berhenti": ""},
        "iuran": {"nik": W[1], "periode": "2025-01", "jumlah": "16800", "tanggal_bayar": "2025-01-10"},
        "cakupan": {"tanggal_data": "2024-12-31", "kode_kecamatan": "33.74.01", "pekerja_informal": "1000",
                    "peserta_aktif": "100"},
        "target": {"tahun": "2025", "tingkat": "kota", "kode": "33.74", "indikator": "peserta_aktif", "nilai": "150"},
        "program_lain": {"nik": W[1], "nama": "Wati", "sumber": "Jaminan APBD Kota", "mulai": "2025-01",
                         "selesai": ""},
        "calon": {"nik": "3374015506880001", "nama": "Sri Wahyuni", "jenis_kelamin": "P", "pekerjaan": "Penjahit",
                  "kode_kelurahan": "33.74.01.1002", "sumber": "Data kelurahan"},
        "peserta_bpjs": {"tanggal_laporan": "2025-03-31", "nomor_kpj": "25012345678", "nik": W[1], "nama": "Wati",
                         "status": "AKTIF", "tanggal_kepesertaan": "2025-01-10", "bulan_terakhir_dibayar": "2025-03",
                         "nip_pembayar": A},
        "klaim": {"nik": W[1], "jenis": "JKK", "tanggal_kejadian": "2025-02-03", "tanggal_bayar": "2025-02-20",
                  "jumlah": "5000000", "boleh_dipublikasikan": "ya"},
    }  # fmt: skip
    if dataset in ("pekerja", "iuran", "klaim"):
        impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    if dataset in ("iuran", "klaim"):
        impor(engine, "pekerja", FILES["pekerja"].encode(), "p.csv", settings=SETTINGS)
    import openpyxl

    buku = openpyxl.load_workbook(io.BytesIO(templat_xlsx(dataset, HARI_INI, settings=SETTINGS)))
    lembar = buku.worksheets[0]
    kepala = [sel.value for sel in lembar[1]]
    assert kepala == DATASET[dataset].nama_kolom
    for i, kolom in enumerate(kepala, start=1):
        lembar.cell(row=2, column=i, value=contoh[dataset][kolom] or None)
    buffer = io.BytesIO()
    buku.save(buffer)
    hasil = impor(engine, dataset, buffer.getvalue(), f"{dataset}.xlsx", hari_ini=HARI_INI, settings=SETTINGS)
    assert [m.pesan for m in hasil.masalah] == [f"Dibaca lembar '{dataset}' (lembar pertama yang terlihat). Pilih "
                                                "lembar lain bila perlu."]  # fmt: skip
    assert hasil.baru + hasil.diubah == 1
    if dataset == "target":
        assert _angka(engine, "2025-01")["target_peserta"] == 150


def test_each_templates_excel_checks_carry_the_uploads_domains():
    # What Excel checks while staff type is what the upload checks: one declaration (DATASET, validasi.Batas).
    import openpyxl

    from ptr_core import validasi as v

    batas = v.Batas(HARI_INI, Settings().iuran_bulanan)
    for nama, dataset in DATASET.items():
        buku = openpyxl.load_workbook(io.BytesIO(templat_xlsx(nama, HARI_INI, settings=SETTINGS)))
        data, petunjuk = buku.worksheets
        aturan = {str(a.sqref).split(":")[0][:-1]: a for a in data.data_validations.dataValidation}
        baris = {r[0]: r for r in petunjuk.iter_rows(min_row=5, values_only=True)}
        for i, kolom in enumerate(dataset.kolom):
            huruf, a = "ABCDEFGHI"[i], aturan.get("ABCDEFGHI"[i])
            assert baris[kolom.nama][1] == ("ya" if kolom.wajib else "tidak")
            if kolom.batas:
                assert baris[kolom.nama][3] == batas.uraian(kolom.batas)
            if kolom.batas and kolom.baca is v.bilangan:
                assert (a.type, int(a.formula1), int(a.formula2)) == ("whole", *batas.rentang(kolom.batas))
            elif kolom.batas in ("tanggal", "tanggal_berhenti"):
                atas = batas.rentang(kolom.batas)[1]
                assert (a.type, a.formula1, a.formula2) == ("date", "DATE(2015,1,1)",
                                                            f"DATE({atas.year},{atas.month},{atas.day})")  # fmt: skip
            elif pilihan := getattr(kolom.baca, "pilihan", None):
                assert (a.type, a.formula1) == ("list", '"' + ",".join(pilihan) + '"')
            elif kolom.baca is v.teks:
                assert (a.type, int(a.formula1)) == ("textLength", dataset.panjang(kolom))
            if kolom.baca in (v.nik, v.nip, v.periode, v.teks):  # typed as text: Excel cannot damage them
                assert data.column_dimensions[huruf].number_format == "@", kolom.nama
    assert batas.uraian("jumlah") == "Rp1 s.d. Rp201.600 (iuran satu tahun) per baris"


def test_the_upload_stages_never_ask_which_dataset_they_hold():
    # Per-dataset behaviour is declared in the registry (kontrak.DATASET) and read by the stages: a branch on a
    # dataset's name would hide a rule where no reader of the registry finds it.
    import re

    from tests.factory import ROOT

    nama = "|".join(DATASET)
    tanya = re.compile(rf"""(==|!=)\s*["']({nama})["']|["']({nama})["']\s*(==|!=)|\bin\s*\(\s*["']({nama})["']""")
    for p in [*sorted((ROOT / "ptr_core" / "impor").glob("*.py")), ROOT / "ptr_core" / "cli.py"]:
        assert not [b for b in p.read_text().splitlines() if tanya.search(b)], p.name


def test_the_registrys_declarations_name_what_the_schema_has():
    from ptr_core import validasi as v
    from ptr_core.models import Pengguna

    for d in DATASET.values():
        tabel = d.model.__table__.c
        assert set(d.kunci) <= set(d.nama_kolom) and set(d.nama_kolom) <= set(tabel.keys()), d.nama
        assert all(k.rujukan is None or k.baca is v.teks for k in d.kolom), d.nama  # given by code or by name
        # Keyed by period: a key column, so looking up only a file's months finds every stored row it can match.
        assert d.kunci_periode is None or d.kunci_periode in d.kunci, d.nama
        assert d.roster is None or (d.roster in tabel and d.roster not in d.nama_kolom), d.nama
        if d.riwayat:
            model, kolom = d.riwayat
            assert "unggahan_id" in model.__table__.c and set(kolom) <= set(d.nama_kolom), d.nama
        assert set(d.dirujuk_unggahan) <= set(DATASET), d.nama
        assert all("unggahan_id" in k.class_.__table__.c and k.class_ is not d.model for k in d.dirujuk_oleh), d.nama
        assert d.dirujuk_pengguna is None or d.dirujuk_pengguna.class_ is Pengguna, d.nama


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2_000), st.sampled_from(["f.csv", "f.xlsx", "f.txt"]))
def test_reader_turns_any_bytes_into_a_result_never_an_exception(isi, nama):
    frame, masalah = baca(isi, nama)
    assert (frame is None) == any(not m.peringatan for m in masalah)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(isi=st.binary(max_size=500))
def test_import_of_any_bytes_never_raises(sqlite_termigrasi, tmp_path_factory, isi):
    # Every dataset's problems are plain values a page or an audit row can store (JSON), not only the last one's.
    from ptr_core.db import buat_engine

    path = tmp_path_factory.mktemp("fuzz") / "f.db"
    shutil.copyfile(sqlite_termigrasi, path)
    engine = buat_engine(f"sqlite:///{path}")
    for dataset in DATASET:
        hasil = impor(engine, dataset, isi, "f.csv", settings=SETTINGS)
        assert hasil.unggahan_id is None or hasil.baru + hasil.diubah > 0
        masalah = [dataclasses.asdict(m) for m in hasil.masalah]
        assert json.loads(json.dumps(masalah)) == masalah
    engine.dispose()


def test_a_whole_roster_warns_how_many_asn_it_would_deactivate(engine):
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    isi = f"nip,nama,kode_opd,status\n{A},Ani,DINSOS,PNS\n".encode()
    hasil = impor(engine, "asn", isi, "r.csv", mode=Mode.PERIKSA, roster_lengkap=True, settings=SETTINGS)
    [m] = hasil.masalah
    assert m.peringatan and m.pesan.startswith("3 ASN aktif tidak ada di file ini")


def test_bulk_files_land_whole_and_roll_back_whole(engine):
    # 2.500 payments: PostgreSQL takes the COPY path, SQLite executemany; both inside one transaction.
    kota_kecil(engine)
    kepala = "nik,periode,jumlah,tanggal_bayar\n"
    baris = [
        # 12 months from April 2025 (at most 12 ahead of the payment) x 105 days of payment: distinct keys.
        f"{W[n]},{dari_indeks(ke_indeks('2025-04') + i % 12)},16800,{dt.date(2025, 4, 1) + dt.timedelta(i // 12)}"
        for n in (1, 2)
        for i in range(1_250)
    ]
    uid = impor(engine, "iuran", (kepala + "\n".join(baris)).encode(), "besar.csv", settings=SETTINGS).unggahan_id
    assert _hitung(engine, Iuran) == 6 + 2_500
    with engine.connect() as conn:
        assert conn.scalar(select(func.sum(Iuran.jumlah)).where(Iuran.unggahan_id == uid)) == 2_500 * 16_800
    assert batalkan(engine, uid, "admin", settings=SETTINGS)[0]
    assert _hitung(engine, Iuran) == 6


def test_problems_are_listed_by_row_then_column_across_chunks(engine, monkeypatch):
    # Chunks of 2 rows: the duplicate in row 6 is of row 2, in an earlier chunk.
    monkeypatch.setattr(penyimpanan, "UKURAN_POTONGAN", 2)
    kota_kecil(engine)
    isi = (
        "nik,periode,jumlah,tanggal_bayar\n"
        f"{W[1]},2025-05,16800,2025-05-02\n"  # row 2: fine
        f"{W[1]},2025-13,16.800,50,2025-05-02\n"  # row 3: periode and jumlah both unreadable
        f"3374010101900099,2025-05,20000,2025-05-02\n"  # row 4: unknown worker; odd amount (a warning)
        f"{W[2]},2025-05,,kemarin\n"  # row 5: jumlah empty, tanggal_bayar unreadable
        f"{W[1]},Mei 2025,Rp16.800,02/05/2025\n"  # row 6: the same payment as row 2
    )
    hasil = impor(engine, "iuran", isi.replace("16.800,50", '"16.800,50"').encode(), "i.csv", settings=SETTINGS)
    assert [(m.baris, m.kolom, m.peringatan) for m in hasil.masalah] == [
        (3, "periode", False), (3, "jumlah", False),
        (4, "nik", False), (4, "jumlah", True),
        (5, "jumlah", False), (5, "tanggal_bayar", False),
        (6, "nik, periode, tanggal_bayar", False),
    ]  # fmt: skip
    assert "Sama dengan baris 2" in hasil.masalah[-1].pesan
    assert hasil.masalah[-1].nilai == f"{W[1]} / 2025-05 / 2025-05-02"
    assert (hasil.baru, hasil.ditolak) == (1, 4)


def test_journal_keys_are_the_text_older_uploads_wrote():
    # Rollback dependencies compare journal keys as text, across uploads made by older versions (json.dumps).
    from ptr_core.impor.rencana import _json_kunci

    for kunci in (["3374010101900001", "2025-01", dt.date(2025, 1, 10)], [2025, "kota", "33.74", "peserta_aktif"],
                  ['Kel. "Miroto" é \\ ', "33.74.01"]):  # fmt: skip
        assert _json_kunci(kunci) == json.dumps(kunci, default=str, sort_keys=True)


@st.composite
def berkas_pekerja(draw: st.DrawFn) -> list[str]:
    """Rows of a valid pekerja file: up to 4 workers, each registered up to 3 times by any of three ASN; a
    registration by another ASN starts after the previous one stopped, or follows an open one (a lapse)."""
    baris = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        hari = sorted(draw(st.lists(st.integers(0, 330), min_size=1, max_size=3, unique=True)))
        for i, h in enumerate(hari):
            daftar = dt.date(2025, 1, 1) + dt.timedelta(days=h)
            berikut = hari[i + 1] if i + 1 < len(hari) else None
            berhenti = ""
            if berikut is not None and draw(st.booleans()):
                berhenti = (dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(h, berikut - 1)))).isoformat()
            elif berikut is None and draw(st.booleans()):
                berhenti = (daftar + dt.timedelta(days=draw(st.integers(0, 200)))).isoformat()
            nip = draw(st.sampled_from([A, B, D]))
            baris.append(f"{W[n]},Pekerja {n},L,Ojek,33.74.0{n % 2 + 1}.1001,,{nip},{daftar.isoformat()},{berhenti}")
    return draw(st.permutations(baris))


@pytest.fixture(scope="module")
def basis_kosong(sqlite_termigrasi, tmp_path_factory) -> str:
    """A migrated SQLite file with the roster and snapshots, copied for each example."""
    from ptr_core.db import buat_engine

    path = tmp_path_factory.mktemp("split") / "dasar.db"
    shutil.copyfile(sqlite_termigrasi, path)
    e = buat_engine(f"sqlite:///{path}")
    for nama in ("cakupan", "asn"):
        impor(e, nama, FILES[nama].encode(), f"{nama}.csv", settings=SETTINGS)
    e.dispose()
    return str(path)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(baris=berkas_pekerja(), potong=st.floats(0, 1), bulan=st.sampled_from(["2025-03", "2025-08", "2025-12"]))
def test_a_valid_pekerja_file_split_into_two_uploads_gives_the_same_summary_as_one(
    basis_kosong, tmp_path_factory, capsys, monkeypatch, baris, potong, bulan
):
    from ptr_core.cli import main
    from ptr_core.db import buat_engine

    folder = tmp_path_factory.mktemp("split")
    k = round(potong * len(baris))
    iuran = "nik,periode,jumlah,tanggal_bayar\n" + "".join(
        f"{W[n]},2025-{m:02d},16800,2025-{m:02d}-28\n" for n in range(1, 5) for m in range(1, 13) if (n + m) % 3
    )
    hasil = {}
    for cara, bagian in (("satu", [baris]), ("dua", [baris[:k], baris[k:]])):
        path = folder / f"{cara}.db"
        shutil.copy(basis_kosong, path)
        e = buat_engine(f"sqlite:///{path}")
        for i, isi in enumerate(b for b in bagian if b):
            unggah = impor(e, "pekerja", "\n".join([HEADER_PEKERJA, *isi, ""]).encode(), f"p{i}.csv", settings=SETTINGS)
            assert not unggah.ada_galat, unggah.masalah
        impor(e, "iuran", iuran.encode(), "iuran.csv", settings=SETTINGS)
        e.dispose()
        monkeypatch.setenv("PTR_DATABASE_URL", f"sqlite:///{path}")
        capsys.readouterr()
        assert main(["summary", "--bulan", bulan, "--json"]) == 0
        hasil[cara] = json.loads(capsys.readouterr().out)
    assert hasil["satu"] == hasil["dua"]


def test_real_rows_are_never_mixed_into_the_demo_and_clearing_it_leaves_an_empty_database(engine):
    from ptr_core.demo import ada_data_demo, hapus_demo
    from ptr_core.impor import PENGGUNA_DEMO, PESAN_DEMO

    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        assert impor(
            engine, nama, FILES[nama].encode(), f"demo_{nama}.csv", pengguna=PENGGUNA_DEMO, settings=SETTINGS
        ).unggahan_id
    roster = f"nip,nama,kode_opd,status\n{A},Ani,DISNAKER,PNS\n".encode()
    ditolak = impor(engine, "asn", roster, "asn.csv", pengguna="staf@semarangkota.go.id", settings=SETTINGS)
    assert ([m.pesan for m in ditolak.masalah], ditolak.unggahan_id) == ([PESAN_DEMO], None)
    assert hapus_demo(engine, "admin", Settings())[0] and not ada_data_demo(engine)
    kosong = _angka(engine)
    assert (kosong["asn_total"], kosong["pekerja_informal"], kosong["iuran_dibayar_tahun_berjalan"]) == (0, 0, 0)
    assert impor(engine, "asn", roster, "asn.csv", pengguna="staf@semarangkota.go.id", settings=SETTINGS).baru == 1


def test_targets_per_opd_or_of_participating_asn_are_refused_saying_which_targets_are_used(engine):
    # Nothing reads them (no page shows an OPD's target): stored, they would look in force and change nothing.
    isi = (b"tahun,tingkat,kode,indikator,nilai\n2025,kota,33.74,peserta_aktif,150\n"
           b"2025,opd,DINSOS,peserta_aktif,40\n2025,kecamatan,33.74.01,asn_berpartisipasi,10\n")  # fmt: skip
    hasil = impor(engine, "target", isi, "target.csv", settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak) == (1, 2)
    assert [(m.baris, m.kolom) for m in hasil.ditolak_baris] == [(3, "tingkat"), (4, "indikator")]
    assert all(m.pesan.startswith("Target per OPD dan target ASN berpartisipasi belum dipakai dasbor")
               and "tingkat kota (kode 33.74) atau kecamatan" in m.pesan for m in hasil.ditolak_baris)  # fmt: skip


def test_a_target_is_saved_under_a_code_a_figure_reads_and_a_kecamatan_may_be_named(engine):
    # 99.99 for the city and a kecamatan 'xx' were saved and read by nothing. The city's code without its dot and a
    # kecamatan by name are saved under their codes (33.74; Semarang Tengah is 33.74.01).
    isi = (b"tahun,tingkat,kode,indikator,nilai\n2026,kota,99.99,peserta_aktif,5000\n"
           b"2026,kecamatan,xx,peserta_aktif,700\n2026,kota,3374,peserta_aktif,6000\n"
           b"2026,kecamatan,Semarang Tengah,peserta_aktif,800\n")  # fmt: skip
    hasil = impor(engine, "target", isi, "target.csv", settings=SETTINGS)
    assert [(m.baris, m.kolom) for m in hasil.ditolak_baris] == [(2, "kode"), (3, "kode")]
    assert "kode 33.74" in hasil.ditolak_baris[0].pesan and "tidak dikenal" in hasil.ditolak_baris[1].pesan
    with engine.connect() as conn:
        assert conn.execute(select(Target.tingkat, Target.kode, Target.nilai).order_by(Target.kode)).all() == [
            ("kota", "33.74", 6000), ("kecamatan", "33.74.01", 800)
        ]  # fmt: skip


def test_a_file_mixing_utf8_and_windows_1252_reads_each_name_right_and_says_which_lines(engine):
    # One ASN typed in a UTF-8 export, one pasted from a Windows-1252 one: read whole as Windows-1252, José was
    # stored as JosÃ©.
    isi = f"nip,nama,kode_opd,status\n{A},José,DINSOS,PNS\n".encode() + f"{B},André,DINSOS,PNS\n".encode("cp1252")
    hasil = impor(engine, "asn", isi, "asn.csv", settings=SETTINGS)
    assert hasil.baru == 2 and [m.pesan for m in hasil.masalah] == [
        "File bercampur UTF-8 dan Windows-1252; baris 3 dibaca sebagai Windows-1252: periksa nama di baris itu."
    ]
    with engine.connect() as conn:
        assert conn.execute(select(Asn.nama).order_by(Asn.nip)).scalars().all() == ["José", "André"]


def test_a_file_of_more_bad_rows_than_the_list_keeps_counts_the_rest_and_rejects_every_bad_row(engine, monkeypatch):
    # Each problem kept costs memory: a workbook of 770.000 bad rows made 3 million of them (1,5 GB). Past the list's
    # length they are counted: here the list keeps 5 of the 12 problems of 4 rows with three bad cells each.
    monkeypatch.setattr(penyimpanan, "MASALAH_MAKS", 5)
    kota_kecil(engine)
    isi = "nik,periode,jumlah,tanggal_bayar\n" + "".join(f"x{i},bulan,16800,kemarin\n" for i in range(4))
    for mode in (Mode.PRATINJAU, Mode.SIMPAN):
        hasil = impor(engine, "iuran", isi.encode(), "buruk.csv", mode=mode, settings=SETTINGS)
        assert (len(hasil.masalah), hasil.masalah_lain, hasil.galat_lain) == (5, 7, 7)
        assert [m.baris for m in hasil.masalah] == [2, 2, 2, 3, 3] and hasil.ada_galat and hasil.ditolak == 4
        assert hasil.unggahan_id is None and hasil.jumlah_peringatan == 0
