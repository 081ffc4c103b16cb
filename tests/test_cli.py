"""The command line and its public `summary --json` contract, on a real database file or server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ptr_core.db import buat_engine, migrasi
from ptr_core.impor import impor
from ptr_core.ringkasan import corong
from tests.factory import FILES, ROOT, SETTINGS, A, B, C, D, W, cli

KUNCI = {
    "bulan", "pekerja_informal", "peserta_aktif", "cakupan_persen", "target_peserta", "kekurangan_target",
    "asn_total", "asn_berpartisipasi", "partisipasi_asn_persen", "pekerja_program_aktif",
    "pekerja_program_menunggak", "pekerja_program_nonaktif", "iuran_dibayar_bulan",
    "iuran_dibayar_tahun_berjalan", "tunggakan", "per_kecamatan", "per_opd", "pekerja_program_terdaftar",
    "pendaftaran_bulan", "manfaat", "rekonsiliasi_bpjs",
}  # fmt: skip
KUNCI_KECAMATAN = {"kode_kecamatan", "nama", "pekerja_informal", "peserta_aktif", "cakupan_persen",
                   "target_peserta", "kekurangan_target"}  # fmt: skip
KUNCI_OPD = {"kode_opd", "nama", "asn_total", "asn_berpartisipasi", "partisipasi_asn_persen",
             "pekerja_program_aktif", "iuran_dibayar_bulan"}  # fmt: skip


def test_the_module_runs_as_a_program_and_returns_its_exit_code(tmp_path):
    env = {**os.environ, "PTR_DATABASE_URL": f"sqlite:///{tmp_path / 'ptr.db'}"}
    jalan = subprocess.run([sys.executable, "-m", "ptr_core", "summary", "--bulan", "2024-13"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert jalan.returncode == 2 and "Bulan '2024-13' tidak dikenali" in jalan.stdout


@pytest.fixture
def kota_kecil(db_url: str, tmp_path: Path) -> str:
    for dataset in ("cakupan", "asn", "pekerja", "iuran"):
        path = tmp_path / f"{dataset}.csv"
        path.write_text(FILES[dataset])
        hasil = cli(db_url, "import", dataset, str(path))
        assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return db_url


def test_summary_json_matches_the_hand_computed_small_city(kota_kecil):
    # March 2025. Status: W1 aktif (paid ahead), W2 aktif, W3 menunggak (Feb, Mar unpaid), W4 menunggak (10.000).
    # 33.74.01: snapshot 28 Feb 1.000/110; no active worker registered after it -> 110.
    # 33.74.02: snapshot 31 Dec 500/50; W2 registered 5 Mar and active -> 51. City 161/1.500 = 10,73%.
    # Target 2025 = ceil(1,2 x (100 + 50)) = 180; gap 19. Kecamatan: 120 (gap 10), 60 (gap 9).
    # ASN: 4 active; only A sponsors an active worker: 1 (25%). DINSOS 1/3 = 33,33%.
    # Paid for March: 16.800 + 16.800 + 10.000 = 43.600; Jan..Mar: 33.600 + 16.800 + 43.600 = 94.000.
    # Arrears: W3 Feb + Mar 33.600, W4 Mar 6.800 -> 40.400.
    hasil = cli(kota_kecil, "summary", "--bulan", "2025-03", "--json")
    assert hasil.returncode == 0, hasil.stderr
    r = json.loads(hasil.stdout)
    assert set(r) == KUNCI
    # Registered in March: the four (2 aktif + 2 menunggak + 0 nonaktif); nobody used Daftarkan Pekerja.
    kepala = {k: v for k, v in r.items() if k not in ("per_kecamatan", "per_opd")}
    assert kepala == {
        "bulan": "2025-03",
        "pekerja_informal": 1_500,
        "peserta_aktif": 161,
        "cakupan_persen": 10.73,
        "target_peserta": 180,
        "kekurangan_target": 19,
        "asn_total": 4,
        "asn_berpartisipasi": 1,
        "partisipasi_asn_persen": 25.0,
        "pekerja_program_aktif": 2,
        "pekerja_program_menunggak": 2,
        "pekerja_program_nonaktif": 0,
        "pekerja_program_terdaftar": 4,
        "iuran_dibayar_bulan": 43_600,
        "iuran_dibayar_tahun_berjalan": 94_000,
        "tunggakan": 40_400,
        "pendaftaran_bulan": {"diajukan": 0, "disetujui": 0, "ditolak": 0, "menunggu": 0},
        # No claim paid yet (tests/test_klaim.py has the city with claims); no BPJS report uploaded.
        "manfaat": {"klaim_dibayar": 0, "manfaat_dibayar": 0, "klaim_dibayar_kumulatif": 0,
                    "manfaat_dibayar_kumulatif": 0, "iuran_dibayar_kumulatif": 94_000, "rasio_manfaat_iuran": 0.0},
        "rekonsiliasi_bpjs": None,
    }  # fmt: skip
    # The briefing's funnel: 4 registered, 4 still BPJS participants (none nonaktif), 2 paid up for March.
    assert corong(r) == [("Terdaftar", 4), ("Masih peserta BPJS", 4), ("Lunas bulan ini", 2)]
    kec = {k["kode_kecamatan"]: k for k in r["per_kecamatan"]}
    assert len(kec) == 16 and all(set(k) == KUNCI_KECAMATAN for k in kec.values())
    assert kec["33.74.01"] == {
        "kode_kecamatan": "33.74.01", "nama": "Semarang Tengah", "pekerja_informal": 1_000,
        "peserta_aktif": 110, "cakupan_persen": 11.0, "target_peserta": 120, "kekurangan_target": 10,
    }  # fmt: skip
    assert (kec["33.74.02"]["peserta_aktif"], kec["33.74.02"]["target_peserta"]) == (51, 60)
    assert kec["33.74.03"]["cakupan_persen"] is None and kec["33.74.03"]["target_peserta"] is None
    opd = {o["kode_opd"]: o for o in r["per_opd"]}
    assert all(set(o) == KUNCI_OPD for o in opd.values())
    assert opd["DINSOS"] == {
        "kode_opd": "DINSOS", "nama": "Dinas Sosial", "asn_total": 3, "asn_berpartisipasi": 1,
        "partisipasi_asn_persen": 33.33, "pekerja_program_aktif": 2, "iuran_dibayar_bulan": 33_600,
    }  # fmt: skip
    assert (opd["DISNAKER"]["partisipasi_asn_persen"], opd["DISNAKER"]["iuran_dibayar_bulan"]) == (
        0.0,
        10_000,
    )
    assert opd["DPU"]["partisipasi_asn_persen"] is None


def test_target_baseline_is_each_kecamatans_latest_snapshot_on_or_before_the_end_of_the_previous_year(db_url, tmp_path):
    # All 16 kecamatan: 31 Dec 2024, 1.000 informal / 100 participants; 33.74.01 again on 30 Jun 2025 (1.000 / 110).
    # The 2026 baseline: 33.74.01's 2025 snapshot (110), the other 15 their 2024 one (100) -> 1.610;
    # target ceil(1,2 x 1.610) = 1.932, gap 1.932 - 1.610 = 322. Per kecamatan: ceil(132) = 132 (gap 22),
    # ceil(120) = 120 (gap 20). In 2025 the baseline is 2024's: ceil(1,2 x 1.600) = 1.920 (gap in March 320).
    baris = [f"2024-12-31,33.74.{k:02d},1000,100" for k in range(1, 17)] + ["2025-06-30,33.74.01,1000,110"]
    path = tmp_path / "cakupan.csv"
    path.write_text("tanggal_data,kode_kecamatan,pekerja_informal,peserta_aktif\n" + "\n".join(baris) + "\n")
    assert cli(db_url, "import", "cakupan", str(path)).returncode == 0
    r = json.loads(cli(db_url, "summary", "--bulan", "2026-01", "--json").stdout)
    assert (r["peserta_aktif"], r["target_peserta"], r["kekurangan_target"]) == (1_610, 1_932, 322)
    kec = {k["kode_kecamatan"]: k for k in r["per_kecamatan"]}
    assert (kec["33.74.01"]["target_peserta"], kec["33.74.01"]["kekurangan_target"]) == (132, 22)
    assert all((kec[f"33.74.{k:02d}"]["target_peserta"], kec[f"33.74.{k:02d}"]["kekurangan_target"]) == (120, 20)
               for k in range(2, 17))  # fmt: skip
    r = json.loads(cli(db_url, "summary", "--bulan", "2025-03", "--json").stdout)
    assert (r["peserta_aktif"], r["target_peserta"], r["kekurangan_target"]) == (1_600, 1_920, 320)


def test_a_reregistration_with_another_sponsor_gives_the_same_figures_in_one_file_or_two(db_url, tmp_path):
    # W1: ASN A from 10 Jan 2025, stopped 20 Feb; again from 1 Apr sponsored by B. Paid Jan, Feb (A) and Apr (B).
    # April 2025: W1 enrolled through B's registration and paid -> aktif; B participates, A does not (1 of 4 ASN).
    # Paid in April 16.800; Jan..Apr 50.400; no arrears (March is in no registration).
    for nama in ("cakupan", "asn"):
        (tmp_path / f"{nama}.csv").write_text(FILES[nama])
    kepala = FILES["pekerja"].splitlines()[0]
    baris = [f"{W[1]},Wati,P,Pedagang,33.74.01.1001,,{A},2025-01-10,2025-02-20",
             f"{W[1]},Wati,P,Pedagang,33.74.01.1001,,{B},2025-04-01,"]  # fmt: skip
    (tmp_path / "satu.csv").write_text("\n".join([kepala, *baris]) + "\n")
    (tmp_path / "dua-a.csv").write_text("\n".join([kepala, baris[0]]) + "\n")
    (tmp_path / "dua-b.csv").write_text("\n".join([kepala, baris[1]]) + "\n")
    (tmp_path / "iuran.csv").write_text(
        f"nik,periode,jumlah,tanggal_bayar\n{W[1]},2025-01,16800,2025-01-10\n{W[1]},2025-02,16800,2025-02-05\n"
        f"{W[1]},2025-04,16800,2025-04-05\n"
    )
    hasil = {}
    for cara, files in (("satu", ["satu"]), ("dua", ["dua-a", "dua-b"])):
        url = db_url if cara == "satu" else f"sqlite:///{tmp_path / 'dua.db'}"
        engine = buat_engine(url)
        migrasi(engine)
        for nama in ("cakupan", "asn", *files, "iuran"):
            dataset = "pekerja" if nama in ("satu", "dua-a", "dua-b") else nama
            unggah = impor(engine, dataset, (tmp_path / f"{nama}.csv").read_bytes(), f"{nama}.csv", settings=SETTINGS)
            assert unggah.unggahan_id and not unggah.masalah, unggah.masalah
        engine.dispose()
        hasil[cara] = json.loads(cli(url, "summary", "--bulan", "2025-04", "--json").stdout)
    r = hasil["satu"]
    assert (r["pekerja_program_aktif"], r["asn_berpartisipasi"], r["tunggakan"]) == (1, 1, 0)
    assert (r["iuran_dibayar_bulan"], r["iuran_dibayar_tahun_berjalan"]) == (16_800, 50_400)
    assert hasil["satu"] == hasil["dua"]


def test_summary_defaults_to_the_latest_month_with_data(kota_kecil):
    # The latest date in the data is the payment of 25 March 2025.
    assert json.loads(cli(kota_kecil, "summary", "--json").stdout)["bulan"] == "2025-03"


def test_summary_text_uses_indonesian_formats(kota_kecil):
    teks = cli(kota_kecil, "summary", "--bulan", "2025-03").stdout
    assert "Maret 2025" in teks and "10,73%" in teks and "Rp43.600" in teks


def test_summary_of_an_empty_database_is_zeros_not_a_crash(db_url):
    r = json.loads(cli(db_url, "summary", "--bulan", "2025-01", "--json").stdout)
    assert (r["pekerja_informal"], r["cakupan_persen"], r["target_peserta"], r["tunggakan"]) == (
        0,
        None,
        None,
        0,
    )


def test_summary_rejects_a_malformed_month_with_a_message(db_url):
    hasil = cli(db_url, "summary", "--bulan", "Maret", "--json")
    assert hasil.returncode == 2 and "YYYY-MM" in hasil.stdout and "Traceback" not in hasil.stderr


@pytest.mark.parametrize("bulan", ["2024-13", "2025-1", "9999-12", "2024-00"])
def test_an_impossible_month_is_exit_2_with_a_message_in_both_modes(db_url, bulan):
    for mode in ([], ["--json"]):
        hasil = cli(db_url, "summary", "--bulan", bulan, *mode)
        assert (hasil.returncode, hasil.stderr) == (2, "") and "YYYY-MM" in hasil.stdout


def test_import_exit_codes_tell_a_script_what_was_saved(db_url, tmp_path):
    # 0 all saved; 1 some rows rejected, the rest saved; 2 nothing saved; 3 an unexpected failure.
    def impor_(isi: str, *opsi: str, url: str = db_url) -> subprocess.CompletedProcess:
        path = tmp_path / "asn.csv"
        path.write_text(isi)
        return cli(url, "import", "asn", str(path), *opsi)

    kepala = "nip,nama,kode_opd,status\n"
    assert impor_(f"{kepala}{A},Ani,DINSOS,PNS\n").returncode == 0
    sebagian = impor_(f"{kepala}{B},Budi,DINSOS,PNS\n{C},Citra,TIDAKADA,PNS\n")
    assert sebagian.returncode == 1 and sebagian.stdout.startswith("Unggahan ")
    bersih = impor_(f"{kepala}{D},Dedi,DINSOS,PNS\n{C},Citra,TIDAKADA,PNS\n", "--hanya-jika-bersih")
    assert bersih.returncode == 2 and bersih.stdout.startswith("TIDAK ADA YANG DISIMPAN")
    assert impor_("nama,umur\nAni,40\n").returncode == 2
    gagal = impor_(f"{kepala}{D},Dedi,DINSOS,PNS\n", url="postgresql+psycopg://nobody@127.0.0.1:1/tidakada")
    assert gagal.returncode == 3 and "Traceback" not in gagal.stderr and "Gagal tak terduga" in gagal.stderr
    assert json.loads(cli(db_url, "summary", "--bulan", "2025-01", "--json").stdout)["asn_total"] == 2


def test_import_dry_run_changes_nothing_and_rejected_rows_exit_non_zero(db_url, tmp_path):
    path = tmp_path / "asn.csv"
    path.write_text(f"nip,nama,kode_opd,status\n{A},Ani,DINSOS,PNS\n1.98E+17,Budi,DINSOS,PNS\n")
    kering = cli(db_url, "import", "asn", str(path), "--dry-run")
    assert kering.returncode == 1
    assert "baris 3" in kering.stdout and "Teks" in kering.stdout
    assert json.loads(cli(db_url, "summary", "--bulan", "2025-01", "--json").stdout)["asn_total"] == 0


def test_demo_database_reproduces_the_seed_figures_for_december_2024(salin_demo, tmp_path):
    url = salin_demo(tmp_path)  # built by `python -m ptr_core demo` (conftest.py), once per session
    r = json.loads(cli(url, "summary", "--bulan", "2024-12", "--json").stdout)
    assert (r["pekerja_informal"], r["peserta_aktif"], r["cakupan_persen"]) == (215_243, 40_196, 18.67)
    assert (r["target_peserta"], r["kekurangan_target"]) == (48_236, 8_040)
    assert sum(k["peserta_aktif"] for k in r["per_kecamatan"]) == 40_196
    assert r["asn_total"] == 16_000
    again = cli(url, "demo")
    assert again.returncode == 0 and "sudah" in again.stdout


def test_user_add_list_remove(db_url):
    assert cli(db_url, "user", "add", "kepala@dinsos.id", "--peran", "opd", "--opd", "DINSOS").returncode == 0
    assert "kepala@dinsos.id" in cli(db_url, "user", "list").stdout
    salah = cli(db_url, "user", "add", "x@y.id", "--peran", "opd")
    assert salah.returncode == 2 and "--opd" in salah.stdout
    assert cli(db_url, "user", "remove", "kepala@dinsos.id").returncode == 0
    assert "kepala@dinsos.id" not in cli(db_url, "user", "list").stdout


def test_the_demo_loaders_name_cannot_be_borrowed_for_real_rows(db_url, tmp_path):
    path = tmp_path / "asn.csv"
    path.write_text(FILES["asn"])
    hasil = cli(db_url, "import", "asn", str(path), "--pengguna", "demo")
    assert hasil.returncode == 2 and "pemuat data contoh" in hasil.stdout


@pytest.mark.parametrize("perintah", [[], ["import"], ["demo"], ["user", "add"], ["summary"], ["kunci-lokal"]])
def test_help_is_in_bahasa_indonesia_for_every_command_and_option(perintah, capsys):
    import argparse

    from ptr_core.cli import _parser, main

    with pytest.raises(SystemExit) as keluar:
        main([*perintah, "--help"])
    teks = capsys.readouterr().out
    assert keluar.value.code == 0 and teks.startswith("cara pakai: ") and "tampilkan bantuan ini" in teks
    assert not any(kata in teks for kata in ("usage:", "options:", "positional arguments", "show this help"))
    # Every option and argument of every command says what it is for.
    parser = _parser()
    for nama in perintah:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[nama]
    assert all(a.help for a in parser._actions), [a.dest for a in parser._actions if not a.help]
