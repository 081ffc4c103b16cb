"""Klaim (ptr_core.klaim): benefits paid to the programme's workers against the contributions paid, hand-computed
on the small city; the upload's checks on both backends; summary --json's `manfaat`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest

from ptr_core import agregat_db
from ptr_core.akses import Akses
from ptr_core.impor import batalkan, impor
from ptr_core.klaim import (
    daftar_kasus,
    klaim_lepas,
    klaim_program,
    manfaat_bulan,
    manfaat_per,
    muat_klaim,
    seri_bulanan,
)
from ptr_core.periode import ke_indeks
from ptr_core.privasi import samarkan_nik
from tests.factory import FILES, SETTINGS, A, W, cli, kota_kecil

# The small city (tests/factory.py): W1 (Ani, DINSOS; kecamatan 33.74.01) from 10 Jan 2025, W2 (Ani; 33.74.02) from
# 5 Mar, W3 (Budi, DINSOS; 33.74.01) from 15 Jan, W4 (Dedi, DISNAKER; 33.74.01) from 20 Mar. Contributions paid
# for January: W1 + W3 = 33.600; February: W1 16.800; March: W1 + W2 16.800 each and W4 10.000 = 43.600.
KLAIM = (
    "nik,jenis,tanggal_kejadian,tanggal_bayar,jumlah,boleh_dipublikasikan\n"
    f"{W[1]},JKK,2025-02-03,2025-02-20,5000000,ya\n"  # W1's accident, paid in two parts
    f"{W[1]},JKK,2025-02-03,2025-03-10,2500000,ya\n"
    f"{W[4]},Jaminan Kematian,2025-03-25,2025-03-31,42000000,\n"  # W4 died; the family was not asked
    f"{W[2]},JKK,2025-03-01,2025-03-15,1000000,tidak\n"  # before W2 registered (5 March): not the programme's
    "3374010101900099,JKM,2025-03-01,2025-03-15,42000000,\n"  # not a programme worker
    f"{W[3]},JKK,2025-03-10,2025-03-01,1000000,\n"  # paid before it happened
)


@pytest.fixture
def kota_dengan_klaim(engine):
    kota_kecil(engine)
    hasil = impor(engine, "klaim", KLAIM.encode(), "klaim.csv", hari_ini=dt.date(2025, 4, 1), settings=SETTINGS)
    return engine, hasil


def test_a_claim_is_refused_unless_a_programme_registration_was_in_force_on_the_day_it_happened(kota_dengan_klaim):
    _, hasil = kota_dengan_klaim
    assert (hasil.baru, hasil.ditolak) == (3, 3)
    ditolak = {(m.baris, m.kolom): m.pesan for m in hasil.masalah if not m.peringatan}
    assert ditolak == {
        (5, "tanggal_kejadian"): "Pada tanggal_kejadian pekerja ini tidak terdaftar di program (terdaftar "
        "2025-03-05 s.d. sekarang): klaim ini bukan manfaat program.",
        (6, "nik"): "NIK ini tidak ada di data pekerja program; klaim hanya dicatat untuk pekerja program.",
        (7, "tanggal_bayar"): "tanggal_bayar lebih awal dari tanggal_kejadian; periksa kedua tanggal ini.",
    }


def test_benefits_paid_and_their_ratio_to_contributions_by_hand(kota_dengan_klaim):
    engine, _ = kota_dengan_klaim
    klaim = muat_klaim(engine)
    bulanan = agregat_db.muat(engine, SETTINGS).bulanan
    # February: W1's first payment, 5.000.000, against 33.600 + 16.800 = 50.400 paid for January and February:
    # 5.000.000 / 50.400 = 99,206… -> 99,21.
    assert manfaat_bulan(klaim, bulanan, ke_indeks("2025-02")) == {
        "klaim_dibayar": 1, "manfaat_dibayar": 5_000_000, "klaim_dibayar_kumulatif": 1,
        "manfaat_dibayar_kumulatif": 5_000_000, "iuran_dibayar_kumulatif": 50_400, "rasio_manfaat_iuran": 99.21,
    }  # fmt: skip
    # March: W1's second part 2.500.000 and W4's JKM 42.000.000; since the start 49.500.000 against 94.000:
    # 526,595… -> 526,60.
    assert manfaat_bulan(klaim, bulanan, ke_indeks("2025-03")) == {
        "klaim_dibayar": 2, "manfaat_dibayar": 44_500_000, "klaim_dibayar_kumulatif": 3,
        "manfaat_dibayar_kumulatif": 49_500_000, "iuran_dibayar_kumulatif": 94_000, "rasio_manfaat_iuran": 526.6,
    }  # fmt: skip
    # January: no claim yet, 33.600 paid: the ratio is 0, not missing.
    assert manfaat_bulan(klaim, bulanan, ke_indeks("2025-01"))["rasio_manfaat_iuran"] == 0.0


def test_benefits_per_kecamatan_and_per_opd_of_the_sponsor_by_hand(kota_dengan_klaim):
    engine, _ = kota_dengan_klaim
    klaim = muat_klaim(engine)
    bulanan = agregat_db.muat(engine, SETTINGS).bulanan
    m = ke_indeks("2025-03")
    # 33.74.01: W1 7.500.000 (2 payments) + W4 42.000.000; paid W1 50.400 + W3 16.800 + W4 10.000 = 77.200:
    # 641,191… -> 641,19. 33.74.02: W2's 16.800 and no claim.
    assert manfaat_per(klaim, bulanan, m, "kode_kecamatan").to_dict("records") == [
        {"kode_kecamatan": "33.74.01", "klaim": 3, "manfaat": 49_500_000, "iuran": 77_200, "rasio": 641.19},
        {"kode_kecamatan": "33.74.02", "klaim": 0, "manfaat": 0, "iuran": 16_800, "rasio": 0.0},
    ]
    # DISNAKER (Dedi): 42.000.000 / 10.000. DINSOS (Ani, Budi): 7.500.000 / (50.400 + 16.800 + 16.800) = 89,285…
    assert manfaat_per(klaim, bulanan, m, "kode_opd").to_dict("records") == [
        {"kode_opd": "DISNAKER", "klaim": 1, "manfaat": 42_000_000, "iuran": 10_000, "rasio": 4200.0},
        {"kode_opd": "DINSOS", "klaim": 2, "manfaat": 7_500_000, "iuran": 84_000, "rasio": 89.29},
    ]
    seri = seri_bulanan(klaim, bulanan, ke_indeks("2025-01"), m)
    assert seri[["klaim", "manfaat", "iuran"]].values.tolist() == [
        [0, 0, 33_600],
        [1, 5_000_000, 16_800],
        [2, 44_500_000, 43_600],
    ]


def test_a_claim_belongs_to_the_registration_in_force_on_the_day_it_happened():
    # One worker registered twice: by A (kelurahan in 33.74.01) until 31 May, then by B (33.74.02) from 1 July. An
    # accident on 31 May is A's (a stop date is the last day covered); one on 1 July is B's; one on 15 June, between
    # the two, is nobody's.
    daftar = pd.DataFrame(
        [("2025-01-10", "2025-05-31", "A", "33.74.01", "DINSOS"), ("2025-07-01", None, "B", "33.74.02", "DISNAKER")],
        columns=["tanggal_daftar", "tanggal_berhenti", "nip_sponsor", "kode_kecamatan", "kode_opd"],
    ).assign(nik=W[1], nama="Wati")
    klaim = pd.DataFrame(
        [("JKK", "2025-05-31", "2025-06-10"), ("JKK", "2025-07-01", "2025-07-20"), ("JKK", "2025-06-15", "2025-06-20")],
        columns=["jenis", "tanggal_kejadian", "tanggal_bayar"],
    ).assign(nik=W[1], jumlah=1_000_000, boleh_dipublikasikan=None)
    hasil = klaim_program(klaim.merge(daftar, on="nik"))
    assert hasil[["tanggal_kejadian", "nip_sponsor", "kode_kecamatan", "kode_opd"]].values.tolist() == [
        ["2025-05-31", "A", "33.74.01", "DINSOS"], ["2025-07-01", "B", "33.74.02", "DISNAKER"]
    ]  # fmt: skip


PEKERJA_BARU = (
    "nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,nomor_kpj,nip_sponsor,tanggal_daftar,tanggal_berhenti\n"
    "3374010101900005,Wulan,P,Pedagang,33.74.02.1001,,{A},2025-04-01,\n"
)


def _unggah(engine, nama: str, isi: str) -> int:
    hasil = impor(engine, nama, isi.encode(), f"{nama}.csv", hari_ini=dt.date(2025, 5, 1), settings=SETTINGS)
    assert hasil.unggahan_id, [m.pesan for m in hasil.masalah]
    return hasil.unggahan_id


def test_a_registration_cannot_be_rolled_back_from_under_a_claim_that_belongs_to_it(engine):
    kota_kecil(engine)
    baru = _unggah(engine, "pekerja", PEKERJA_BARU.format(A=A))
    uid_klaim = _unggah(engine, "klaim", "nik,jenis,tanggal_kejadian,tanggal_bayar,jumlah\n"
                        "3374010101900005,JKK,2025-04-10,2025-04-20,3000000\n")  # fmt: skip
    ok, pesan = batalkan(engine, baru, "admin", SETTINGS)
    assert not ok
    assert pesan.startswith(f"Unggahan {baru} tidak bisa dibatalkan: 1 klaim yang sudah tercatat tidak akan punya")
    assert f"unggahan {uid_klaim} (klaim, klaim.csv," in pesan
    # Nothing changed: the worker and the claim are both still counted.
    assert len(muat_klaim(engine)) == 1
    # With the claim rolled back first, the registration goes.
    assert batalkan(engine, uid_klaim, "admin", SETTINGS)[0]
    assert batalkan(engine, baru, "admin", SETTINGS)[0]


def test_a_claim_left_without_its_registration_is_shown_not_silently_dropped(engine):
    kota_kecil(engine)
    _unggah(
        engine, "klaim", f"nik,jenis,tanggal_kejadian,tanggal_bayar,jumlah\n{W[1]},JKK,2025-02-03,2025-02-20,5000000\n"
    )
    with engine.connect() as conn:
        assert klaim_lepas(conn).empty
    # Staff then record that W1 left the programme at the end of January: the February accident is no longer the
    # programme's; it leaves the figures and is listed.
    baris = f"{W[1]},Wati,P,Pedagang,33.74.01.1001,,{A},2025-01-10,"
    _unggah(engine, "pekerja", FILES["pekerja"].replace(baris, baris + "2025-01-31"))
    assert muat_klaim(engine).empty
    with engine.connect() as conn:
        lepas = klaim_lepas(conn)
    assert lepas[["nik", "jenis", "jumlah"]].to_dict("records") == [{"nik": W[1], "jenis": "JKK", "jumlah": 5_000_000}]


def test_the_case_list_masks_the_nik_and_says_whether_the_family_agreed_to_publicity(kota_dengan_klaim):
    engine, _ = kota_dengan_klaim
    klaim = muat_klaim(engine)
    operator = daftar_kasus(klaim, Akses("op@semarangkota.go.id", "operator"))
    assert operator[["tanggal_bayar", "jenis", "nama", "boleh_dipublikasikan"]].astype(str).values.tolist() == [
        ["2025-03-31", "JKM", "(disembunyikan)", "tidak"],
        ["2025-03-10", "JKK", "(disembunyikan)", "ya"],
        ["2025-02-20", "JKK", "(disembunyikan)", "ya"],
    ]
    assert not operator["nik"].isin(W.values()).any()
    admin = daftar_kasus(klaim, Akses("admin@semarangkota.go.id", "admin"))
    assert admin["nama"].tolist() == ["Wawan", "Wati", "Wati"] and not admin["nik"].isin(W.values()).any()
    assert daftar_kasus(klaim, Akses("admin@semarangkota.go.id", "admin"), nik_penuh=True)["nik"].tolist() == [
        W[4],
        W[1],
        W[1],
    ]


def test_summary_json_carries_the_months_benefits(db_url, kota_dengan_klaim):
    # `engine` (under kota_dengan_klaim) is a database at db_url, on each backend.
    r = json.loads(cli(db_url, "summary", "--bulan", "2025-03", "--json").stdout)
    assert r["manfaat"] == {
        "klaim_dibayar": 2, "manfaat_dibayar": 44_500_000, "klaim_dibayar_kumulatif": 3,
        "manfaat_dibayar_kumulatif": 49_500_000, "iuran_dibayar_kumulatif": 94_000, "rasio_manfaat_iuran": 526.6,
    }  # fmt: skip
    assert r["manfaat"]["iuran_dibayar_kumulatif"] == sum(
        json.loads(cli(db_url, "summary", "--bulan", b, "--json").stdout)["iuran_dibayar_bulan"]
        for b in ("2025-01", "2025-02", "2025-03")
    )


def test_a_claims_report_as_excel_saves_it_is_read(engine):
    # BPJS's claims list opened and saved in Excel: a title row, its own headers, the NIK typed as a number, the
    # benefit written out, dates as date cells, the amount with thousands dots as text, a TOTAL row.
    from openpyxl import Workbook

    kota_kecil(engine)
    buku = Workbook()
    ws = buku.active
    ws.append(["REKAP KLAIM PESERTA BPU PEMKOT SEMARANG TRIWULAN I 2025"])
    ws.append(["No", "NIK Peserta", "Jenis Manfaat", "Tgl Kecelakaan", "Tgl Bayar Klaim", "Nilai Klaim",
               "Persetujuan Publikasi"])  # fmt: skip
    ws.append([1, int(W[1]), "Jaminan Kecelakaan Kerja", dt.datetime(2025, 2, 3), dt.datetime(2025, 2, 20),
               "5.000.000", "Ya"])  # fmt: skip
    ws.append([2, W[4], "JKM", dt.datetime(2025, 3, 25), dt.datetime(2025, 3, 31), 42000000, None])
    ws.append(["TOTAL", None, None, None, None, "47.000.000", None])
    isi = io.BytesIO()
    buku.save(isi)
    hasil = impor(engine, "klaim", isi.getvalue(), "klaim.xlsx", hari_ini=dt.date(2025, 4, 1), settings=SETTINGS)
    # A NIK typed as a number is refused with the way to mend it (Excel keeps 15 digits of 16); the rest is saved.
    assert (hasil.baru, hasil.ditolak) == (1, 1), hasil.masalah
    [nik_angka] = [m for m in hasil.masalah if not m.peringatan]
    assert (nik_angka.baris, nik_angka.kolom) == (3, "nik") and "sebagai Teks di Excel" in nik_angka.pesan
    klaim = muat_klaim(engine)
    assert klaim[["nik", "jenis", "jumlah", "boleh_dipublikasikan"]].values.tolist() == [
        [W[4], "JKM", 42_000_000, None]
    ]


def test_checking_a_large_claims_file_costs_no_loop_per_row(tmp_path, monkeypatch):
    # 50.000 claims of the small city's W1, half dated before it registered: the registration check is one merge.
    # The per-row check it replaced took 25 s for these rows on this machine; now about 1 s. The check is in
    # Python over frames, the same on both backends: SQLite only.
    import time

    from ptr_core.db import buat_engine, migrasi
    from ptr_core.impor import Mode, penyimpanan

    monkeypatch.setattr(penyimpanan, "MASALAH_MAKS", 100_000)  # every problem kept, to count them by column
    engine = buat_engine(f"sqlite:///{tmp_path / 'ptr.db'}")
    migrasi(engine)
    kota_kecil(engine)
    baris = [f"{W[1]},JKK,2025-0{1 + i % 2}-0{1 + i % 9},2025-03-20,1000000" for i in range(50_000)]
    isi = ("nik,jenis,tanggal_kejadian,tanggal_bayar,jumlah\n" + "\n".join(baris)).encode()
    mulai = time.perf_counter()
    hasil = impor(engine, "klaim", isi, "klaim.csv", mode=Mode.PERIKSA, hari_ini=dt.date(2025, 4, 1), settings=SETTINGS)
    lama = time.perf_counter() - mulai
    # W1 registered 10 January 2025: every January row (days 1 to 9) is before it, every February row after.
    assert sum(m.kolom == "tanggal_kejadian" for m in hasil.masalah) == 25_000
    assert lama < 10, f"{lama:.1f} s"


def test_staff_see_the_claims_left_without_their_registration_on_the_benefits_page(monkeypatch, tmp_path):
    from ptr_core.db import buat_engine, migrasi
    from tests.aplikasi import app, buka, tampak, teks

    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    kota_kecil(engine)
    _unggah(
        engine, "klaim", f"nik,jenis,tanggal_kejadian,tanggal_bayar,jumlah\n{W[1]},JKK,2025-02-03,2025-02-20,5000000\n"
    )
    baris = f"{W[1]},Wati,P,Pedagang,33.74.01.1001,,{A},2025-01-10,"
    _unggah(engine, "pekerja", FILES["pekerja"].replace(baris, baris + "2025-01-31"))
    at = buka(app(monkeypatch, url), "manfaat")
    assert "1 klaim tidak dihitung" in teks(at)
    tabel = next(tampak(d) for d in at.dataframe if "Unggahan" in d.value.columns)
    assert tabel[["NIK", "Jenis", "Manfaat dibayar"]].values.tolist() == [[samarkan_nik(W[1]), "JKK", "Rp5.000.000"]]
