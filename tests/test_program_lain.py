"""Dilindungi dua kali (ptr_core.program_lain): the months and rupiah the programme paid for workers another
programme covered in the same months, hand-computed on the small city, on both backends."""

from __future__ import annotations

import datetime as dt

from ptr_core.akses import Akses
from ptr_core.impor import impor
from ptr_core.program_lain import dilindungi_dua_kali, jumlah_ganda, muat
from tests.factory import SETTINGS, W, kota_kecil

# The small city (tests/factory.py) paid W1 for January, February and March 2025, W2 for March, W3 for January,
# 16.800 each; W4 10.000 for March.
LAIN = (
    "nik,nama,sumber,mulai,selesai\n"
    f"{W[1]},Wati,Jaminan APBD Kota,2025-02,\n"  # from February, still: February and March twice
    f"{W[1]},Wati,Bantuan Provinsi,Jan 2025,02/2025\n"  # January and February: with the above, all three months
    f"{W[2]},Warno,Jaminan APBD Kota,2024-01,2024-12\n"  # ended before W2 was paid for: nothing twice
    f"{W[3]},Wiwik,Jaminan APBD Kota,,\n"  # no months given: every month
    f"{W[4]},Wawan,Jaminan APBD Kota,2025-05,2025-03\n"  # ends before it starts: refused
)
STAF = Akses("staf@semarangkota.go.id", "operator")
ADMIN = Akses("admin@semarangkota.go.id", "admin")


def _ganda(engine) -> dict[str, list]:
    frame = dilindungi_dua_kali(muat(engine), ADMIN, nik_penuh=True)
    kolom = ["program_lain", "bulan_dibayar", "iuran_dibayar", "bulan_ganda", "iuran_ganda"]
    return {n: frame.loc[frame["nik"] == n, kolom].values.tolist()[0] for n in frame["nik"]}


def test_months_paid_twice_are_the_paid_months_another_programme_covered_by_hand(engine):
    kota_kecil(engine)
    hasil = impor(engine, "program_lain", LAIN.encode(), "apbd.csv", hari_ini=dt.date(2025, 4, 1), settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak) == (4, 1)
    assert [(m.baris, m.kolom, m.pesan) for m in hasil.masalah] == [
        (6, "selesai", "selesai lebih awal dari mulai; periksa kedua bulan ini.")
    ]
    assert _ganda(engine) == {
        # January from the province, February from both (counted once), March from the city: 3 x 16.800.
        W[1]: ["Bantuan Provinsi (Januari 2025 s.d. Februari 2025), Jaminan APBD Kota (Februari 2025 s.d. sekarang)",
               3, 50_400, 3, 50_400],
        W[2]: ["Jaminan APBD Kota (Januari 2024 s.d. Desember 2024)", 1, 16_800, 0, 0],
        W[3]: ["Jaminan APBD Kota (semua bulan)", 1, 16_800, 1, 16_800],
    }  # fmt: skip
    # W1 and W3 paid twice; W2 is on a list but was not paid twice. Sums over workers: 4 months, 67.200.
    assert jumlah_ganda(muat(engine)) == {"pekerja": 3, "bulan_ganda": 4, "iuran_ganda": 67_200}


def test_the_double_cover_list_masks_the_nik_unless_an_admin_reveals_it(engine):
    kota_kecil(engine)
    impor(engine, "program_lain", LAIN.encode(), "apbd.csv", hari_ini=dt.date(2025, 4, 1), settings=SETTINGS)
    data = muat(engine)
    masked = [f"{n[:4]}{'•' * 8}{n[-4:]}" for n in (W[1], W[2], W[3])]
    assert dilindungi_dua_kali(data, ADMIN)["nik"].tolist() == masked  # masked by default, even for an admin
    assert dilindungi_dua_kali(data, STAF, nik_penuh=True)["nik"].tolist() == masked  # staff may not reveal it
    assert dilindungi_dua_kali(data, ADMIN, nik_penuh=True)["nik"].tolist() == [W[1], W[2], W[3]]


def test_a_later_list_without_months_keeps_the_months_recorded(engine):
    kota_kecil(engine)
    impor(engine, "program_lain", LAIN.encode(), "apbd.csv", hari_ini=dt.date(2025, 4, 1), settings=SETTINGS)
    ulang = f"nik,nama,sumber\n{W[1]},Wati Lestari,Jaminan APBD Kota\n"
    assert (
        impor(
            engine, "program_lain", ulang.encode(), "apbd2.csv", hari_ini=dt.date(2025, 4, 1), settings=SETTINGS
        ).diubah
        == 1
    )
    assert _ganda(engine)[W[1]][3:] == [3, 50_400]


def test_staff_see_the_months_paid_twice_on_verifikasi(monkeypatch, tmp_path):
    from ptr_core.audit import jejak_audit
    from ptr_core.db import buat_engine, migrasi
    from tests.aplikasi import app, buka, tampak, teks

    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    kota_kecil(engine)
    impor(engine, "program_lain", LAIN.encode(), "apbd.csv", hari_ini=dt.date(2025, 4, 1), settings=SETTINGS)
    at = buka(app(monkeypatch, url), "verifikasi")
    assert "3 pekerja program ini juga dilindungi program lain" in [e.label for e in at.expander]
    assert "Iuran dibayar dua kali: **4 bulan, Rp67.200**." in teks(at)
    tabel = next(tampak(d) for d in at.dataframe if "Iuran dibayar dua kali" in d.value.columns)
    assert tabel["Iuran dibayar dua kali"].tolist() == ["Rp50.400", "Rp0", "Rp16.800"]
    # The admin sees the NIK masked until revealing it, and the reveal is in the audit trail.
    assert tabel["NIK"].str.contains("••••").all() and not jejak_audit(engine).query("aksi == 'buka_nik'").shape[0]
    at.toggle(key="ganda_nik").set_value(True).run()
    tabel = next(d.value for d in at.dataframe if "Iuran dibayar dua kali" in d.value.columns)
    assert tabel["NIK"].tolist() == [W[1], W[2], W[3]]
    assert jejak_audit(engine).query("aksi == 'buka_nik'")["rincian"].tolist() == ["Dilindungi program lain"]
    # The reconciliation page lists them too, with what to do, even before any BPJS report.
    buka(at, "rekonsiliasi")
    assert "Juga dilindungi program lain: 3 pekerja" in [e.label for e in at.expander]
    assert "Iuran dibayar dua kali: **4 bulan, Rp67.200**." in teks(at)
