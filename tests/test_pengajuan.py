"""Daftarkan Pekerja (ptr_core.pengajuan): an ASN's submission, its refusals, and staff's verification, on both
backends."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import func, select

from ptr_core.akses import ASN, Akses
from ptr_core.audit import jejak_audit
from ptr_core.pengajuan import DISETUJUI, DITOLAK, MENUNGGU, Ajuan, ajukan, pengajuan, periksa_ajuan, setujui, tolak
from ptr_core.periode import ke_indeks
from ptr_core.sponsor import muat_pekerja_saya
from tests.factory import SETTINGS, A, B, W, kota_kecil

HARI_INI = dt.date(2025, 4, 10)
ANI = Akses("ani@dinsos.semarangkota.go.id", ASN, "DINSOS", nip=A)
BARU = Ajuan("3374015506880001", "Sri  Wahyuni", "Penjahit", "33.74.01.1002", "0812-3456-7890")  # born 15 Jun 1988


def test_a_valid_submission_is_pending_with_the_sex_read_from_the_nik(engine):
    kota_kecil(engine)
    assert ajukan(engine, ANI, BARU, HARI_INI) == (True, [])
    [p] = pengajuan(engine, nip=A).to_dict("records")
    assert (p["status"], p["nama"], p["jenis_kelamin"], p["telepon"], p["diajukan_oleh"]) == (
        MENUNGGU, "Sri Wahyuni", "P", "081234567890", ANI.email
    )  # fmt: skip
    assert jejak_audit(engine)["aksi"].iloc[0] == "ajuan_daftar"
    # The same worker again, while pending: refused with the reason.
    ok, alasan = ajukan(engine, ANI, BARU, HARI_INI)
    assert not ok and alasan == ["Pendaftaran pekerja ini sudah diajukan dan sedang menunggu verifikasi staf program."]


def test_each_rule_refuses_with_its_reason(engine):
    kota_kecil(engine)

    def alasan(**ubah) -> list[str]:
        return periksa_ajuan(engine, Ajuan(**{**BARU.__dict__, **ubah}), HARI_INI)[0]

    assert "bukan tanggal lahir" in alasan(nik="3374013102990001")[0]  # 31 February
    assert "64 tahun 11 bulan" in alasan(nik="3374011004600001")[0]  # born 10 April 1960: 65 today
    assert alasan(nik="3374011104600001") == []  # born 11 April 1960: 64 years 11 months and 30 days
    assert "telepon" in alasan(telepon="12345")[0]
    assert "kelurahan" in alasan(kode_kelurahan="33.74.99.9999")[0]
    # W1 is registered since 10 January 2025 with no stop date (the small city): one worker, one sponsor.
    assert "sudah terdaftar dalam program sejak 10-01-2025" in alasan(nik=W[1])[0]
    ok, pesan = ajukan(engine, Akses("x@y.id", "admin"), BARU, HARI_INI)
    assert not ok and "Hanya ASN" in pesan[0]


def test_an_approved_submission_is_a_registration_the_asn_sees_and_the_figures_count(engine):
    kota_kecil(engine)
    ajukan(engine, ANI, BARU, HARI_INI)
    nomor = int(pengajuan(engine, status=MENUNGGU)["id"].iloc[0])
    ok, pesan = setujui(engine, nomor, "staf@semarangkota.go.id", "25012345678", SETTINGS, HARI_INI)
    assert ok, pesan
    p = pengajuan(engine, nip=A).iloc[0]
    assert (p["status"], p["diputus_oleh"]) == (DISETUJUI, "staf@semarangkota.go.id") and p["unggahan_id"] > 0
    saya = muat_pekerja_saya(engine, A, ke_indeks("2025-04"), SETTINGS).pekerja
    baru = saya[saya["nik"] == BARU.nik].iloc[0]
    assert (baru["status"], baru["nomor_kpj"], baru["tanggal_daftar"].date()) == ("menunggak", "25012345678", HARI_INI)
    assert list(jejak_audit(engine)["aksi"][:2]) == ["ajuan_setujui", "unggah"]
    assert not setujui(engine, nomor, "staf@semarangkota.go.id", "", SETTINGS, HARI_INI)[0]  # decided already


def test_a_rejected_submission_keeps_its_reason_for_the_asn(engine):
    kota_kecil(engine)
    ajukan(engine, ANI, BARU, HARI_INI)
    nomor = int(pengajuan(engine)["id"].iloc[0])
    assert not tolak(engine, nomor, "staf", "x")[0]  # a reason is required
    assert tolak(engine, nomor, "staf", "NIK tidak cocok dengan KTP yang dilampirkan.")[0]
    p = pengajuan(engine, nip=A).iloc[0]
    assert (p["status"], p["alasan"]) == (DITOLAK, "NIK tidak cocok dengan KTP yang dilampirkan.")
    assert ajukan(engine, ANI, BARU, HARI_INI)[0]  # corrected, it may be submitted again


def test_an_approval_is_checked_again_against_what_happened_meanwhile(engine):
    # Submitted by A; before staff decide, B's registration of the same worker arrives in a file: the approval
    # is refused by the upload's own overlap rule, and the submission stays pending.
    kota_kecil(engine)
    ajukan(engine, ANI, BARU, HARI_INI)
    from ptr_core.impor import impor

    kepala = "nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,nomor_kpj,nip_sponsor,tanggal_daftar,tanggal_berhenti"
    baris = f"{BARU.nik},Sri Wahyuni,P,Penjahit,33.74.01.1002,,{B},2025-04-01,2025-12-31"
    assert impor(
        engine, "pekerja", f"{kepala}\n{baris}\n".encode(), "b.csv", hari_ini=HARI_INI, settings=SETTINGS
    ).unggahan_id
    nomor = int(pengajuan(engine)["id"].iloc[0])
    ok, pesan = setujui(engine, nomor, "staf", "", SETTINGS, HARI_INI)
    assert not ok and "Tumpang tindih" in pesan
    assert pengajuan(engine).iloc[0]["status"] == MENUNGGU


def test_a_submission_rejected_while_its_approval_is_saved_registers_no_one(engine, monkeypatch):
    # Staff A clicks Setujui; before the approval takes the upload's lock, staff B rejects the same submission. The
    # approval then saves nothing: no worker, no upload, and B's rejection stands (the registration and the decision
    # are one transaction).
    import ptr_core.pengajuan as modul
    from ptr_core.impor import impor as impor_asli
    from ptr_core.models import Pekerja, Unggahan

    kota_kecil(engine)
    ajukan(engine, ANI, BARU, HARI_INI)
    nomor = int(pengajuan(engine)["id"].iloc[0])

    def impor_setelah_staf_lain_menolak(*args, **kwargs):
        assert tolak(engine, nomor, "staf.b", "Data KTP tidak terbaca.")[0]
        return impor_asli(*args, **kwargs)

    monkeypatch.setattr(modul, "impor", impor_setelah_staf_lain_menolak)
    ok, pesan = setujui(engine, nomor, "staf.a", "", SETTINGS, HARI_INI)
    assert not ok and "sudah diputus oleh staf lain" in pesan
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Pekerja).where(Pekerja.nik == BARU.nik)) == 0
        assert (
            conn.scalar(select(func.count()).select_from(Unggahan).where(Unggahan.nama_file.like("pengajuan-%"))) == 0
        )
    p = pengajuan(engine).iloc[0]
    assert (p["status"], p["diputus_oleh"]) == (DITOLAK, "staf.b") and pd.isna(p["unggahan_id"])
    assert "ajuan_setujui" not in set(jejak_audit(engine)["aksi"])


def test_an_opd_head_sees_the_submissions_of_the_opds_asn_only_with_the_nik_masked(engine):
    import pytest

    from ptr_core.akses import AksesDitolak
    from ptr_core.pengajuan import pengajuan_opd

    kota_kecil(engine)
    ajukan(engine, ANI, BARU, HARI_INI)  # A is in DINSOS
    kadis = Akses("kadis@dinsos.id", "opd", "DINSOS")
    [baris] = pengajuan_opd(engine, kadis, "DINSOS").to_dict("records")
    assert (baris["nip"], baris["nama"], baris["nik"], baris["status"]) == (A, "Sri Wahyuni", "3374••••••••0001",
                                                                           MENUNGGU)  # fmt: skip
    assert pengajuan_opd(engine, Akses("w@x.id", "pimpinan"), "DINSOS")["nama"].tolist() == ["(disembunyikan)"]
    assert pengajuan_opd(engine, Akses("k@x.id", "opd", "DISNAKER"), "DISNAKER").empty
    with pytest.raises(AksesDitolak):
        pengajuan_opd(engine, Akses("k@x.id", "opd", "DISNAKER"), "DINSOS")


PROGRAM_LAIN = "nik,nama,sumber\n{nik},Sri Wahyuni,Jaminan APBD Kota\n{w1},Wati,Jaminan APBD Kota\n"


def test_a_worker_another_programme_covers_cannot_be_registered_and_overlaps_are_listed(engine):
    # W1 is in the programme (paid January-March 2025: 3 x Rp16.800) and on the city's APBD list too: listed with
    # what this programme paid. The new worker is on that list: refused. The list changes no figure.
    from ptr_core.agregat_db import muat
    from ptr_core.impor import Mode, batalkan, impor
    from ptr_core.program_lain import dilindungi_dua_kali
    from ptr_core.program_lain import muat as muat_dua_kali
    from ptr_core.ringkasan import ringkasan

    kota_kecil(engine)
    sebelum = ringkasan(muat(engine, SETTINGS), "2025-03", SETTINGS)
    hasil = impor(engine, "program_lain", PROGRAM_LAIN.format(nik=BARU.nik, w1=W[1]).encode(), "apbd.csv",
                  hari_ini=HARI_INI, mode=Mode.PRATINJAU, settings=SETTINGS)  # fmt: skip
    assert (hasil.baru, hasil.masalah, hasil.sesudah == hasil.sebelum) == (2, [], True)
    uid = impor(
        engine, "program_lain", PROGRAM_LAIN.format(nik=BARU.nik, w1=W[1]).encode(), "apbd.csv", settings=SETTINGS
    ).unggahan_id
    assert ringkasan(muat(engine, SETTINGS), "2025-03", SETTINGS) == sebelum
    ok, alasan = ajukan(engine, ANI, BARU, HARI_INI)
    assert not ok and alasan == ["Pekerja ini sudah dilindungi program lain (Jaminan APBD Kota); satu pekerja tidak "
                                 "dibiayai dua kali. Pilih pekerja lain."]  # fmt: skip
    ganda = dilindungi_dua_kali(muat_dua_kali(engine), Akses("staf", "operator"))
    assert ganda[["nik", "program_lain", "bulan_dibayar", "iuran_dibayar"]].values.tolist() == [
        ["3374••••••••0001", "Jaminan APBD Kota (semua bulan)", 3, 3 * 16_800]
    ]  # fmt: skip
    assert dilindungi_dua_kali(muat_dua_kali(engine), Akses("admin", "admin"), nik_penuh=True)["nik"].tolist() == [W[1]]
    assert batalkan(engine, uid, "admin", settings=SETTINGS)[0] and ajukan(engine, ANI, BARU, HARI_INI)[0]


def test_a_months_registrations_are_submissions_and_decisions_in_it_and_those_pending_at_its_end():
    # 1: submitted 30 Mar, approved 2 Apr. 2: submitted and rejected in April. 3: submitted 30 Apr 23:59, open.
    # 4: submitted 10 Apr, approved 1 May. 5: submitted 1 May.
    # April: submitted 2, 3, 4 (3); approved 1; rejected 2; pending at the end 3 and 4 (2).
    # March: submitted 1; pending at its end 1.
    import pandas as pd

    from ptr_core.pengajuan import pendaftaran_bulan

    t = pd.Timestamp
    ajuan = pd.DataFrame({
        "diajukan_pada": [t("2025-03-30 10:00"), t("2025-04-05"), t("2025-04-30 23:59"), t("2025-04-10"),
                          t("2025-05-01")],
        "diputus_pada": [t("2025-04-02"), t("2025-04-06"), pd.NaT, t("2025-05-01 08:00"), pd.NaT],
        "status": [DISETUJUI, DITOLAK, MENUNGGU, DISETUJUI, MENUNGGU],
    })  # fmt: skip
    assert pendaftaran_bulan(ajuan, "2025-04") == {"diajukan": 3, "disetujui": 1, "ditolak": 1, "menunggu": 2}
    assert pendaftaran_bulan(ajuan, "2025-03") == {"diajukan": 1, "disetujui": 0, "ditolak": 0, "menunggu": 1}
    assert pendaftaran_bulan(ajuan.iloc[:0], "2025-04") == {"diajukan": 0, "disetujui": 0, "ditolak": 0, "menunggu": 0}


def test_the_summary_counts_this_months_submission(engine):
    # One submission today through Daftarkan Pekerja: the CLI's summary for this month counts it, pending.
    import json

    from tests.factory import cli

    kota_kecil(engine)
    assert ajukan(engine, ANI, BARU)[0]
    r = json.loads(cli(engine.url.render_as_string(hide_password=False), "summary", "--bulan",
                       f"{dt.date.today():%Y-%m}", "--json").stdout)  # fmt: skip
    assert r["pendaftaran_bulan"] == {"diajukan": 1, "disetujui": 0, "ditolak": 0, "menunggu": 1}


def test_a_worker_file_row_for_someone_another_programme_covers_is_saved_with_a_warning(engine):
    # Staff upload their own form's rows: the worker on the APBD list is saved (the form is the programme's
    # decision) but the upload names the other programme on that row, so the double cover is never unnoticed.
    from ptr_core.impor import impor

    kota_kecil(engine)
    impor(engine, "program_lain", PROGRAM_LAIN.format(nik=BARU.nik, w1=W[1]).encode(), "apbd.csv", settings=SETTINGS)
    berkas = ("nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,nomor_kpj,nip_sponsor,tanggal_daftar,tanggal_berhenti\n"
              f"{BARU.nik},Sri Wahyuni,P,Penjahit,33.74.01.1002,,{A},2025-04-01,\n")  # fmt: skip
    hasil = impor(engine, "pekerja", berkas.encode(), "pekerja.csv", hari_ini=HARI_INI, settings=SETTINGS)
    assert hasil.baru == 1
    assert [(m.baris, m.kolom, m.peringatan, m.pesan) for m in hasil.masalah] == [
        (2, "nik", True, "Pekerja ini juga dilindungi program lain (Jaminan APBD Kota); iurannya mungkin dibayar "
                         "dua kali. Periksa sebelum menyimpan.")
    ]  # fmt: skip
