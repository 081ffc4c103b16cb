"""The summaries the dashboard reads (agregat.py, agregat_db.py): written in the transaction that changes the
rows, equal to a fresh computation, recomputed when missing or computed with other settings."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import delete, func, select

from ptr_core import agregat_db
from ptr_core.agregat import KUNCI, Agregat, agregat_dari_baris, hitung
from ptr_core.cakupan import rincian_kecamatan
from ptr_core.db import buat_engine, migrasi
from ptr_core.impor import Mode, batalkan, impor
from ptr_core.keanggotaan import daftar_pekerja, panel_status
from ptr_core.models import AgregatAsn, AgregatBulanan, AgregatInfo, AgregatKelurahan, VersiData
from ptr_core.periode import ke_indeks
from ptr_core.queries import _frame, aktif_per_kelurahan, lingkup_opd, muat_data
from ptr_core.ringkasan import ringkasan
from ptr_core.settings import Settings
from tests.factory import (
    KEC_1,
    KEC_2,
    NIP_A,
    NIP_B,
    NIP_C,
    SETTINGS,
    A,
    B,
    C,
    W,
    agregat,
    asn,
    bayar,
    dunia,
    kota_kecil,
    pekerja,
    snapshot,
)

S = Settings()


def _versi(engine) -> tuple[int, int | None]:
    """The data version and the version the stored summaries were computed at."""
    with engine.connect() as conn:
        return conn.scalar(select(VersiData.nomor)), conn.scalar(select(AgregatInfo.versi))


def _sama(a: Agregat, b: Agregat) -> None:
    for x, y, kunci in ((a.bulanan, b.bulanan, KUNCI), (a.sponsor, b.sponsor, ["bulan", "kode_opd"])):
        x, y = (f.fillna({"kode_opd": "-"}).sort_values(kunci).reset_index(drop=True) for f in (x, y))
        pd.testing.assert_frame_equal(x, y, check_dtype=False)
    assert a.tanggal == b.tanggal and a.awal == b.awal
    assert dict(zip(a.asn_opd["kode_opd"], a.asn_opd["asn_total"])) == dict(
        zip(b.asn_opd["kode_opd"], b.asn_opd["asn_total"])
    )


def test_every_commit_and_rollback_rewrites_the_summaries_in_its_own_transaction(engine):
    uid = kota_kecil(engine)
    nomor, dihitung = _versi(engine)
    assert dihitung == nomor
    _sama(agregat_db.muat(engine, S), agregat_dari_baris(muat_data(engine), S))

    assert batalkan(engine, uid, "admin", settings=SETTINGS)[0]
    nomor_baru, dihitung = _versi(engine)
    assert dihitung == nomor_baru == nomor + 1
    tersimpan = agregat_db.muat(engine, S)
    _sama(tersimpan, agregat_dari_baris(muat_data(engine), S))
    assert tersimpan.bulanan["dibayar"].sum() == 0  # the payments file was rolled back


def test_an_upload_the_summaries_do_not_read_and_its_rollback_keep_them_current(engine, monkeypatch):
    # A BPJS report changes no summary: after it is saved, and after it is rolled back, the stored summaries are
    # the current version's, so the next page reads them and recomputes nothing.
    kota_kecil(engine)
    laporan = (
        "tanggal_laporan,nomor_kpj,nik,nama,status,tanggal_kepesertaan,bulan_terakhir_dibayar\n"
        f"2025-03-31,25000000001,{W[1]},WATI,AKTIF,2025-01-10,2025-03\n"
    )
    sebelum = agregat_db.muat(engine, S)
    uid = impor(engine, "peserta_bpjs", laporan.encode(), "laporan.csv", settings=SETTINGS).unggahan_id
    assert uid is not None

    def dihitung_lagi(*_):
        raise AssertionError("the summaries were recomputed at a read")

    for langkah in ("unggah", "batalkan"):
        nomor, dihitung = _versi(engine)
        assert dihitung == nomor, langkah
        with monkeypatch.context() as m:
            m.setattr(agregat_db, "perbarui", dihitung_lagi)
            _sama(agregat_db.muat(engine, S), sebelum)
        if langkah == "unggah":
            assert batalkan(engine, uid, "admin", settings=SETTINGS)[0]


def test_a_dry_run_or_a_refused_file_leaves_the_summaries_untouched(engine):
    kota_kecil(engine)
    sebelum = _versi(engine)
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[3]},2025-02,16800,2025-03-30\n".encode()
    assert impor(engine, "iuran", isi, "i.csv", mode=Mode.PRATINJAU, settings=SETTINGS).baru == 1
    assert impor(
        engine, "iuran", b"nik,periode,jumlah,tanggal_bayar\n123,2025-02,x,2025-03-30\n", "x.csv", settings=SETTINGS
    ).ditolak
    assert _versi(engine) == sebelum
    with engine.connect() as conn:
        assert conn.scalar(select(AgregatBulanan.dibayar).where(AgregatBulanan.bulan == ke_indeks("2025-02"))) == 16800


def test_missing_summaries_are_computed_at_the_first_read(engine):
    # A database upgraded from before the summaries has rows but no summaries.
    kota_kecil(engine)
    with engine.begin() as conn:
        conn.execute(delete(AgregatBulanan))
        conn.execute(delete(AgregatInfo))
    r = ringkasan(agregat_db.muat(engine, S), "2025-03", S)
    assert (r["pekerja_program_aktif"], r["pekerja_program_menunggak"], r["tunggakan"]) == (2, 2, 40_400)
    nomor, dihitung = _versi(engine)
    assert dihitung == nomor  # stored, without bumping the data version


def test_summaries_computed_with_another_rate_are_recomputed(engine):
    # With a rate of 20.000, W2's and W1's 16.800 no longer pay a month up: nobody is aktif in March.
    kota_kecil(engine)
    mahal = Settings(iuran_bulanan=20_000)
    r = ringkasan(agregat_db.muat(engine, mahal), "2025-03", mahal)
    assert r["pekerja_program_aktif"] == 0
    assert ringkasan(agregat_db.muat(engine, S), "2025-03", S)["pekerja_program_aktif"] == 2


def test_a_rollback_stores_the_summaries_computed_with_the_rate_it_is_given(engine):
    # PTR_IURAN_BULANAN=20000. By hand, arrears up to March 2025 (a membership lapses at the 3rd unpaid month):
    # W1 paid 16.800 for Jan-Mar: owes 3.200 in Jan and Feb, lapsed in March; W2 (from 5 March) paid 16.800: 3.200;
    # W3 paid 16.800 for January only: 3.200 + 20.000 (Feb), lapsed in March; W4 paid 10.000 for March: 10.000.
    # 6.400 + 3.200 + 23.200 + 10.000 = 42.800 (at the default 16.800 it would be 40.400).
    mahal = Settings(iuran_bulanan=20_000)
    kota_kecil(engine, settings=mahal)
    isi = f"nik,periode,jumlah,tanggal_bayar\n{W[3]},2025-02,20000,2025-03-25\n".encode()
    uid = impor(engine, "iuran", isi, "i.csv", settings=mahal).unggahan_id
    assert batalkan(engine, uid, "admin", settings=mahal)[0]
    with engine.connect() as conn:
        assert conn.scalar(select(AgregatInfo.kunci)) == agregat_db.kunci(mahal)
        assert conn.scalar(select(func.sum(AgregatBulanan.kurang))) == 42_800


def test_summary_rows_hold_the_hand_computed_month_kecamatan_opd_counts():
    # March 2025. W1 (A, DINSOS, KEC_1) paid: aktif; registered before the 28 Feb snapshot, so not 'baru'.
    # W2 (B, DISNAKER, KEC_2) registered 3 Mar and paid: aktif and baru (no snapshot in KEC_2 at all).
    # W3 (C, not in the roster, KEC_1) paid 10.000: menunggak, owes 6.800; its payment counts for no OPD.
    data = dunia(
        [pekerja(1, NIP_A), pekerja(2, NIP_B, daftar="2025-03-03", kec=KEC_2), pekerja(3, NIP_C, daftar="2025-03-01")],
        [bayar(1, "2025-03"), bayar(2, "2025-03"), bayar(3, "2025-03", 10_000)],
        asn=[asn(NIP_A, "DINSOS"), asn(NIP_B, "DISNAKER")],
        cakupan=[snapshot("2025-02-28", KEC_1, 1_000, 100)],
    )
    ik = agregat(data, "2025-03")
    maret = ik.bulan(ke_indeks("2025-03")).fillna({"kode_opd": "-"}).set_index(["kode_kecamatan", "kode_opd"])
    kolom = ["aktif", "aktif_baru", "menunggak", "nonaktif", "kurang", "dibayar"]
    assert maret[kolom].to_dict("index") == {
        (KEC_1, "DINSOS"): dict(zip(kolom, [1, 0, 0, 0, 0, 16_800])),
        (KEC_1, "-"): dict(zip(kolom, [0, 0, 1, 0, 6_800, 10_000])),
        (KEC_2, "DISNAKER"): dict(zip(kolom, [1, 1, 0, 0, 0, 16_800])),
    }
    sponsor = ik.sponsor[ik.sponsor["bulan"] == ke_indeks("2025-03")].set_index("kode_opd")
    assert sponsor[["asn_berpartisipasi", "asn_mendaftarkan"]].to_dict("index") == {
        "DINSOS": {"asn_berpartisipasi": 1, "asn_mendaftarkan": 1},
        "DISNAKER": {"asn_berpartisipasi": 1, "asn_mendaftarkan": 1},
    }
    assert ik.daftar_bulan() == ["2025-01", "2025-02", "2025-03"]  # from the first enrolment (10 Jan)


def test_an_opds_own_rows_give_the_statuses_the_whole_citys_rows_give(engine):
    # DINSOS's rows (indexed queries: its whole follow-up download) give the statuses of the city's rows.
    kota_kecil(engine)
    m = ke_indeks("2025-03")

    def daftar(data):
        pekerja = daftar_pekerja(data.pekerja, panel_status(data.pekerja, data.iuran, m, S), m)
        return pekerja[pekerja["nip_sponsor"].isin([A, B, C])].sort_values("nik").reset_index(drop=True)

    sendiri, semua = muat_data(engine, lingkup_opd("DINSOS")), muat_data(engine)
    assert set(sendiri.pekerja["nik"]) == {W[1], W[2], W[3]}  # W4's sponsor is in DISNAKER
    assert set(sendiri.asn["nip"]) == {A, B, C}  # DINSOS's ASN, C sponsoring nobody; not D (DISNAKER)
    pd.testing.assert_frame_equal(daftar(sendiri), daftar(semua))


def test_kecamatan_detail_counts_active_workers_per_kelurahan_pekerjaan_and_opd(engine):
    # 33.74.01 in January: W1 (Miroto, Pedagang, A of DINSOS) and W3 (Brumbungan, Penjahit, B of DINSOS) paid.
    # In March only W1 is aktif there (W3 and W4 menunggak). 33.74.02 in March: W2 (Bandarharjo, Ojek, A).
    kota_kecil(engine)
    ik = agregat_db.muat(engine, S)

    def rinci(kec: str, bulan: str) -> dict:
        r = rincian_kecamatan(ik, aktif_per_kelurahan(engine, kec), ke_indeks(bulan), kec)
        return {k: dict(zip(f.iloc[:, 0], f["pekerja_aktif"])) for k, f in r.items()}

    assert rinci("33.74.01", "2025-01") == {
        "kelurahan": {"Brumbungan": 1, "Miroto": 1},
        "pekerjaan": {"Penjahit": 1, "Pedagang": 1},
        "opd": {"Dinas Sosial": 2},
    }
    assert rinci("33.74.01", "2025-03") == {
        "kelurahan": {"Miroto": 1}, "pekerjaan": {"Pedagang": 1}, "opd": {"Dinas Sosial": 1}
    }  # fmt: skip
    assert rinci("33.74.02", "2025-03") == {
        "kelurahan": {"Bandarharjo": 1}, "pekerjaan": {"Ojek": 1}, "opd": {"Dinas Sosial": 1}
    }  # fmt: skip
    assert rinci("33.74.03", "2025-03") == {"kelurahan": {}, "pekerjaan": {}, "opd": {}}


def test_payment_uploads_recompute_from_their_first_month_and_match_a_full_recompute(engine, monkeypatch):
    # W3 (enrolled January, paid January only) lapses in April when April's file leaves it out (Feb-Apr
    # unpaid); a late payment for February then revives it (Mar-Apr: two unpaid months) - a recomputation
    # from February. May's file recomputes from May on top of the lapses stored before May.
    kota_kecil(engine)
    jalur: list[tuple[int, bool]] = []
    asli = agregat_db._perbarui_sejak
    monkeypatch.setattr(
        agregat_db,
        "_perbarui_sejak",
        lambda conn, s, sejak, lama: jalur.append((sejak, hasil := asli(conn, s, sejak, lama))) or hasil,
    )
    kepala = "nik,periode,jumlah,tanggal_bayar\n"
    april = f"{kepala}{W[1]},2025-04,16800,2025-04-05\n{W[2]},2025-04,16800,2025-04-06\n"
    februari = f"{kepala}{W[3]},2025-02,16800,2025-04-20\n"
    mei = f"{kepala}{W[1]},2025-05,16800,2025-05-02\n{W[4]},2025-05,16800,2025-05-03\n"
    uid = {}
    nonaktif_april = []
    for nama, isi in (("april", april), ("februari", februari), ("mei", mei)):
        uid[nama] = impor(engine, "iuran", isi.encode(), f"{nama}.csv", settings=SETTINGS).unggahan_id
        _sama(agregat_db.muat(engine, S), agregat_dari_baris(muat_data(engine), S))
        nonaktif_april.append(ringkasan(agregat_db.muat(engine, S), "2025-04", S)["pekerja_program_nonaktif"])
    assert nonaktif_april == [1, 0, 0]
    # Mar-May unpaid: W3 lapses again, in May.
    assert ringkasan(agregat_db.muat(engine, S), "2025-05", S)["pekerja_program_nonaktif"] == 1
    assert (
        batalkan(engine, uid["mei"], "admin", settings=SETTINGS)[0]
        and batalkan(engine, uid["februari"], "admin", settings=SETTINGS)[0]
    )
    _sama(agregat_db.muat(engine, S), agregat_dari_baris(muat_data(engine), S))
    assert ringkasan(agregat_db.muat(engine, S), "2025-04", S)["pekerja_program_nonaktif"] == 1
    assert [s for s, dipakai in jalur if dipakai] == [ke_indeks(b) for b in ("2025-04", "2025-02", "2025-05")] + [
        ke_indeks("2025-05"),
        ke_indeks("2025-02"),
    ]


@pytest.mark.parametrize("blok", [1, 3])
def test_summaries_computed_a_block_of_workers_at_a_time_equal_the_whole_computation(engine, monkeypatch, blok):
    # Blocks of 1 and 3 of the 4 workers (each block reads its own payments), through full recomputations
    # (the first uploads) and windowed ones after payments (April: W3 lapses; May builds on that lapse).
    monkeypatch.setattr(agregat_db, "BLOK_PEKERJA", blok)
    kota_kecil(engine)
    kepala = "nik,periode,jumlah,tanggal_bayar\n"
    april = f"{kepala}{W[1]},2025-04,16800,2025-04-05\n"
    mei = f"{kepala}{W[2]},2025-05,16800,2025-05-02\n{W[4]},2025-05,8400,2025-05-03\n"
    kunci_kel = ["bulan", "kode_kelurahan", "pekerjaan"]
    for nama, isi in (("april", april), ("mei", mei)):
        assert impor(engine, "iuran", isi.encode(), f"{nama}.csv", settings=SETTINGS).unggahan_id
        data = muat_data(engine)
        _sama(agregat_db.muat(engine, S), agregat_dari_baris(data, S))
        utuh = hitung(data, S, ke_indeks("2025-05" if nama == "mei" else "2025-04"))
        with engine.connect() as conn:
            for model, frame, kunci in ((AgregatAsn, utuh.asn, ["nip", "bulan"]),
                                        (AgregatKelurahan, utuh.kelurahan, kunci_kel)):  # fmt: skip
                tersimpan = _frame(conn, select(*model.__table__.c))[list(frame.columns)]
                pd.testing.assert_frame_equal(
                    tersimpan.sort_values(kunci, ignore_index=True), frame.sort_values(kunci, ignore_index=True),
                    check_dtype=False,
                )  # fmt: skip


def test_summary_json_from_the_rows_equals_the_pages_figures_from_the_stored_summaries_on_every_demo_month(
    db_url, salin_demo, tmp_path
):
    """`summary --json` computes from the rows (cli.ringkasan_dari_baris), the pages read the summaries stored at
    each commit (agregat_db) through ui.data: two paths on purpose, which must give the same figures every month.
    Within the data the rows' summaries are the same for every month asked (statuses up to the data's last month):
    computed once, compared month by month; the whole object of the CLI once, for the last month."""
    from ptr_core.cli import ringkasan_dari_baris
    from ptr_core.demo import muat_demo
    from ptr_core.klaim import manfaat_bulan, muat_klaim
    from ptr_core.pengajuan import hitung_pendaftaran
    from ptr_core.rekonsiliasi import terkonfirmasi_bpjs

    if db_url.startswith("sqlite"):  # the session's demo city (`python -m ptr_core demo`), copied
        engine = buat_engine(salin_demo(tmp_path))
    else:
        engine = buat_engine(db_url)
        migrasi(engine)
        muat_demo(engine, settings=SETTINGS)
    tersimpan, dari_baris = agregat_db.muat(engine, S), agregat_dari_baris(muat_data(engine), S)
    klaim = muat_klaim(engine)
    semua_bulan = tersimpan.daftar_bulan()
    assert len(semua_bulan) >= 22 and tersimpan.bulanan["aktif"].sum() > 0 and len(klaim) > 0
    for bulan in semua_bulan:
        m = ke_indeks(bulan)
        assert ringkasan(dari_baris, bulan, S) == ringkasan(tersimpan, bulan, S), bulan
        assert manfaat_bulan(klaim, dari_baris.bulanan, m) == manfaat_bulan(klaim, tersimpan.bulanan, m), bulan
    terakhir = semua_bulan[-1]
    assert ringkasan_dari_baris(engine, S) == {
        **ringkasan(tersimpan, terakhir, S),
        "pendaftaran_bulan": hitung_pendaftaran(engine, terakhir),
        "manfaat": manfaat_bulan(klaim, tersimpan.bulanan, ke_indeks(terakhir)),
        "rekonsiliasi_bpjs": terkonfirmasi_bpjs(engine, S, terakhir),
    }
    engine.dispose()
