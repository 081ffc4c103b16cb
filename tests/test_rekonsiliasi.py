"""Rekonsiliasi (ptr_core.rekonsiliasi): the programme's workers against BPJS's participant report, each class
hand-computed; the report uploaded through the pipeline on both backends."""

from __future__ import annotations

import pandas as pd

from ptr_core.akses import Akses
from ptr_core.impor import impor
from ptr_core.rekonsiliasi import KELAS, rekonsiliasi, rekonsiliasi_db
from tests.factory import SETTINGS, A, B, D, W, kota_kecil


def _nik(n: int) -> str:
    return f"33740101019000{n:02d}"


def test_each_class_of_the_reconciliation_by_hand():
    # March 2025. P1 lunas here and at BPJS (name in capitals): confirmed. P2 lunas here, BPJS paid to February.
    # P3 menunggak here, BPJS paid to April. P4 nonaktif here, aktif at BPJS (paid to December). P5's NIK is
    # mistyped at BPJS but its KPJ matches: another NIK, and confirmed (lunas both sides, aktif). P6 unknown to
    # BPJS. P7: another KPJ and another name at BPJS. Someone at BPJS is in no programme row.
    program = pd.DataFrame(
        [(_nik(1), "Wati", "K1", A, "aktif"), (_nik(2), "Warno", "K2", A, "aktif"),
         (_nik(3), "Wiwik", "", B, "menunggak"), (_nik(4), "Wawan", "K4", D, "nonaktif"),
         (_nik(5), "Sri Wahyuni", "K5", A, "aktif"), (_nik(6), "Budi", "K6", B, "aktif"),
         (_nik(7), "Tono", "K7x", B, "menunggak")],
        columns=["nik", "nama", "nomor_kpj", "nip_sponsor", "status"],
    )  # fmt: skip
    laporan = pd.DataFrame(
        [(_nik(1), "K1", "WATI", "aktif", "2025-03"), (_nik(2), "K2", "Warno", "aktif", "2025-02"),
         (_nik(3), "K3", "Wiwik", "aktif", "2025-04"), (_nik(4), "K4", "Wawan", "aktif", "2024-12"),
         (_nik(55), "K5", "Sri  Wahyuni", "aktif", "2025-03"), (_nik(7), "K7", "Tono S.", "aktif", "2025-01"),
         (_nik(9), "K9", "Orang Lain", "aktif", "2025-03")],
        columns=["nik", "nomor_kpj", "nama", "status", "bulan_terakhir_dibayar"],
    )  # fmt: skip
    kelas = rekonsiliasi(program, laporan, "2025-03")
    assert {k: sorted(v["nik"]) for k, v in kelas.items()} == {
        "tidak_dikenal_bpjs": [_nik(6)],
        "lunas_di_sini_saja": [_nik(2)],
        "lunas_di_bpjs_saja": [_nik(3)],
        "nonaktif_di_sini_aktif_di_bpjs": [_nik(4)],
        "data_berbeda": [_nik(5), _nik(7)],
        "terkonfirmasi": [_nik(1), _nik(5)],
        "hanya_di_bpjs": [_nik(9)],
    }
    berbeda = kelas["data_berbeda"].set_index("nik")
    assert (berbeda.loc[_nik(5), "cocok"], berbeda.loc[_nik(5), "nik_bpjs"]) == ("kpj", _nik(55))
    assert set(kelas) == {k.kunci for k in KELAS} | {"terkonfirmasi"}


LAPORAN = (
    "tanggal_laporan,nomor_kpj,nik,nama,status,tanggal_kepesertaan,bulan_terakhir_dibayar\n"
    f"2025-03-31,25000000001,{W[1]},WATI,AKTIF,2025-01-10,2025-03\n"
    f"2025-03-31,25000000003,{W[3]},Wiwik,Aktif,2025-01-15,2025-03\n"
    f"2025-03-31,25000000004,{W[4]},Wawan Setiawan,AKTIF,2025-03-20,2025-02\n"
    "2025-03-31,25000000009,3374010101900099,Orang Lain,NON AKTIF,2024-06-01,\n"
)


def test_the_latest_report_uploaded_is_reconciled_and_an_opd_head_sees_the_units_workers_only(engine):
    # The small city in March 2025: W1 and W2 lunas, W3 and W4 menunggak (test_cli's hand-computed case). W2 is
    # not in the report; W3 is paid to March at BPJS; W4 has a longer name there (sponsored by D of DISNAKER).
    kota_kecil(engine)
    hasil = impor(engine, "peserta_bpjs", LAPORAN.encode(), "laporan-bpjs.csv")
    assert (hasil.baru, hasil.ditolak) == (4, 0), hasil.masalah
    bulan, kelas = rekonsiliasi_db(engine, Akses("admin", "admin"), SETTINGS)
    assert bulan == "2025-03"
    assert {k: sorted(v["nik"]) for k, v in kelas.items() if len(v)} == {
        "tidak_dikenal_bpjs": [W[2]],
        "lunas_di_bpjs_saja": [W[3]],
        "data_berbeda": [W[4]],
        "terkonfirmasi": [W[1]],
        "hanya_di_bpjs": ["3374010101900099"],
    }
    _, opd = rekonsiliasi_db(engine, Akses("kepala@disnaker.id", "opd", "DISNAKER"), SETTINGS)
    assert {k: v["nik"].tolist() for k, v in opd.items() if len(v)} == {"data_berbeda": ["3374••••••••0004"]}


def test_a_report_row_with_an_impossible_date_or_status_is_refused_with_its_reason(engine):
    kota_kecil(engine)
    isi = ("tanggal_laporan,nomor_kpj,nik,nama,status,tanggal_kepesertaan,bulan_terakhir_dibayar\n"
           f"2025-03-31,25000000001,{W[1]},Wati,TERDAFTAR,2025-01-10,2025-03\n"
           f"2025-03-31,25000000003,{W[3]},Wiwik,AKTIF,2025-04-15,2025-03\n"
           f"2025-03-31,25000000004,{W[4]},Wawan,AKTIF,2025-03-20,2027-01\n")  # fmt: skip
    hasil = impor(engine, "peserta_bpjs", isi.encode(), "laporan.csv")
    assert [(m.baris, m.kolom) for m in hasil.masalah] == [
        (2, "status"), (3, "tanggal_kepesertaan"), (4, "bulan_terakhir_dibayar")
    ]  # fmt: skip
    assert "AKTIF atau NON AKTIF" in hasil.masalah[0].pesan and hasil.baru == 0
