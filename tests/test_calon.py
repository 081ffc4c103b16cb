"""Calon pekerja (ptr_core.calon): which candidates an ASN is offered and in what order, reserving one for one ASN
only (also when two reserve at the same moment), on both backends."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select

from ptr_core.akses import ASN, Akses
from ptr_core.audit import jejak_audit
from ptr_core.calon import lepas, pesan, pesanan_opd, pesanan_saya, tawaran, urutan_kecamatan
from ptr_core.impor import batalkan, impor
from ptr_core.models import Calon
from ptr_core.pengajuan import Ajuan, ajukan
from ptr_core.peta import titik_tengah
from tests.factory import SETTINGS, A, B, C, D, W, kota_kecil, kotak

SEKARANG = dt.datetime(2025, 4, 10, 9, 0)
ANI, BUDI = Akses("ani@x.id", ASN, "DINSOS", nip=A), Akses("budi@x.id", ASN, "DINSOS", nip=B)
# Six candidates: C1 (Sri Wahyuni, born 15 Jun 1988) and C5 are free; W1 is registered (no stop date); C3 is on
# another programme's list; C4 was born 1 Jan 1950 (75: over the BPU limit); C6 has a submission pending.
C1, C3, C4, C5, C6 = "3374015506880001", "3374010202900003", "3374010101500004", "3374020303910005", "3374010404920006"
CALON = (
    "nik,nama,jenis_kelamin,pekerjaan,kelurahan,sumber\n"
    f"{C1},Sri Wahyuni,P,Penjahit,33.74.01.1002,DTKS\n"
    f"{W[1]},Wati,P,Pedagang,33.74.01.1001,DTKS\n"
    f"{C3},Tono,L,Petani,Miroto,DTKS\n"
    f"{C4},Mbah Karto,L,Petani,33.74.01.1001,Kelurahan\n"
    f"{C5},Sugeng Riyadi,L,Nelayan,33.74.02.1001,Kelurahan\n"
    f"{C6},Yanti,P,Buruh,33.74.01.1003,Kelurahan\n"
)


def _kota_dengan_calon(engine) -> int:
    kota_kecil(engine)
    impor(engine, "program_lain", f"nik,nama,sumber\n{C3},Tono,Jaminan APBD\n".encode(), "apbd.csv", settings=SETTINGS)
    assert ajukan(engine, ANI, Ajuan(C6, "Yanti", "Buruh", "33.74.01.1003", "081234567890"), SEKARANG.date())[0]
    hasil = impor(engine, "calon", CALON.encode(), "calon.csv", settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak) == (6, 0), hasil.masalah
    return hasil.unggahan_id


def _id(engine, nik: str) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(Calon.id).where(Calon.nik == nik))


def test_candidates_come_from_the_kecamatan_furthest_below_target_then_nearest_the_asns_opd():
    # Gaps: 02 120, 01/03/05 50 each, 04 none. The OPD sits in 05; map centres 05 (3,0), 03 (1,0), 01 (0,0): from
    # 05, 03 is 2 away and 01 is 3. Without a map only the OPD's own kecamatan is known to be nearest.
    kurang = {"33.74.01": 50, "33.74.02": 120, "33.74.03": 50, "33.74.04": None, "33.74.05": 50}
    kec = [{"kode_kecamatan": k, "kekurangan_target": g} for k, g in kurang.items()]
    titik = {"33.74.01": (0.0, 0.0), "33.74.03": (1.0, 0.0), "33.74.05": (3.0, 0.0)}
    assert urutan_kecamatan(kec, "33.74.05", titik) == ["33.74.02", "33.74.05", "33.74.03", "33.74.01", "33.74.04"]
    assert urutan_kecamatan(kec, "33.74.05", None) == ["33.74.02", "33.74.05", "33.74.01", "33.74.03", "33.74.04"]
    assert urutan_kecamatan(kec, None, titik) == ["33.74.02", "33.74.01", "33.74.03", "33.74.05", "33.74.04"]


def test_a_kecamatans_centre_is_the_mean_of_its_boundary_points():
    # kotak(x): a square ring x..x+0.1 by -7.0..-6.9, closed (5 points: x three times, x+0.1 twice).
    peta = {"features": [kotak(110.4, {"kode_kecamatan": "33.74.01"}), {"properties": {}, "geometry": None}]}
    [(x, y)] = titik_tengah(peta).values()
    assert (round(x, 6), round(y, 6)) == (110.44, -6.96) and titik_tengah(None) == {}


def test_only_free_candidates_under_the_age_limit_are_offered_with_name_and_nik_masked(engine):
    _kota_dengan_calon(engine)
    tawar = tawaran(engine, ["33.74.02", "33.74.01"], SEKARANG)
    assert tawar[["nik", "nama", "nama_kecamatan", "usia"]].values.tolist() == [
        ["3374••••••••0005", "S••••• R•••••", "Semarang Utara", 34],  # born 3 March 1991
        ["3374••••••••0001", "S•• W••••••", "Semarang Tengah", 36],  # born 15 June 1988
    ]  # fmt: skip
    assert tawaran(engine, ["33.74.01", "33.74.02"], SEKARANG)["nik"].tolist() == ["3374••••••••0001",
                                                                                   "3374••••••••0005"]  # fmt: skip


def test_a_reserved_candidate_is_held_for_one_asn_for_the_set_days(engine):
    _kota_dengan_calon(engine)
    c1 = _id(engine, C1)
    assert pesan(engine, ANI, c1, SEKARANG, SETTINGS) == (True, "Calon dipesan untuk Anda sampai 17-04-2025 09:00.")
    saya = pesanan_saya(engine, A, SEKARANG)
    assert (saya.nik, saya.nama, saya.nama_kelurahan) == (C1, "Sri Wahyuni", "Brumbungan")  # whole, for its holder
    assert C1[-4:] not in "".join(tawaran(engine, ["33.74.01"], SEKARANG)["nik"])
    assert pesan(engine, BUDI, c1, SEKARANG, SETTINGS)[1].startswith("Calon ini sudah tidak tersedia")
    assert pesan(engine, ANI, _id(engine, C5), SEKARANG, SETTINGS)[1].startswith("Anda masih memesan calon lain")
    # Budi types the held NIK into Daftarkan Pekerja himself: refused while Ani holds it.
    ok, alasan = ajukan(engine, BUDI, Ajuan(C1, "Sri Wahyuni", "Penjahit", "33.74.01.1002", "081234567890"),
                        SEKARANG.date())  # fmt: skip
    assert not ok and alasan == ["Calon pekerja ini sedang dipesan ASN lain sampai 17-04-2025. Pilih pekerja lain."]
    # Seven days and a minute later the hold has lapsed: offered again, and Budi may take it.
    nanti = SEKARANG + dt.timedelta(days=7, minutes=1)
    assert pesanan_saya(engine, A, nanti) is None
    assert pesan(engine, BUDI, c1, nanti, SETTINGS)[0]
    assert [a for a in jejak_audit(engine)["aksi"] if a.startswith("calon")] == ["calon_pesan", "calon_pesan"]


def test_registering_the_reserved_candidate_ends_the_hold_and_the_offer(engine):
    _kota_dengan_calon(engine)
    assert pesan(engine, ANI, _id(engine, C1), SEKARANG, SETTINGS)[0]
    assert ajukan(engine, ANI, Ajuan(C1, "Sri Wahyuni", "Penjahit", "33.74.01.1002", "081234567890"),
                  SEKARANG.date()) == (True, [])  # fmt: skip
    assert pesanan_saya(engine, A, SEKARANG) is None
    assert tawaran(engine, ["33.74.01"], SEKARANG)["nik"].tolist() == ["3374••••••••0005"]  # C1 pending now
    assert pesan(engine, ANI, _id(engine, C5), SEKARANG, SETTINGS)[0]  # Ani may hold the next one
    assert lepas(engine, ANI)[0] and not lepas(engine, ANI)[0]


def test_an_opd_head_sees_the_candidates_the_opds_asn_hold(engine):
    _kota_dengan_calon(engine)
    assert pesan(engine, ANI, _id(engine, C1), SEKARANG, SETTINGS)[0]
    kepala = Akses("kepala@dinsos.id", "opd", "DINSOS")
    baris = pesanan_opd(engine, kepala, "DINSOS", SEKARANG)[["nip", "nik", "nama_kelurahan"]].values.tolist()
    assert baris == [[A, "3374••••••••0001", "Brumbungan"]]
    assert pesanan_opd(engine, Akses("kepala@disnaker.id", "opd", "DISNAKER"), "DISNAKER", SEKARANG).empty


def test_a_hold_on_a_candidate_whose_list_was_rolled_back_frees_the_asn(engine):
    uid = _kota_dengan_calon(engine)
    assert pesan(engine, ANI, _id(engine, C1), SEKARANG, SETTINGS)[0]
    assert batalkan(engine, uid, "admin", settings=SETTINGS)[0]
    assert pesanan_saya(engine, A, SEKARANG) is None
    lain = "nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,sumber\n" + CALON.splitlines()[5] + "\n"
    assert impor(engine, "calon", lain.encode(), "calon-lain.csv", settings=SETTINGS).baru == 1  # C5 only
    assert pesan(engine, ANI, _id(engine, C5), SEKARANG, SETTINGS)[0]


def test_two_asn_reserving_one_candidate_at_the_same_moment_never_both_hold_it(engine):
    # Four ASN press "Pesan" on the same candidate at once, ten times over (a new candidate each round). Each round
    # exactly one holds it; the others are told. The race must really reach the database at least once (two
    # passing the availability check together), or this test would not test the database's guarantee.
    kota_kecil(engine)
    rombongan = [Akses(f"{n}@x.id", ASN, "DINSOS", nip=n) for n in (A, B, C, D)]
    niks = [f"3374011506{80 + i:02d}{i:04d}" for i in range(10)]
    isi = "nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,sumber\n" + "".join(
        f"{n},Calon {i},L,Petani,33.74.01.1001,DTKS\n" for i, n in enumerate(niks)
    )
    assert impor(engine, "calon", isi.encode(), "calon.csv", settings=SETTINGS).baru == 10
    bertabrakan = 0
    for nik in niks:
        calon_id, hasil, gerbang = _id(engine, nik), [], threading.Barrier(len(rombongan))

        def tekan(siapa: Akses, calon_id: int = calon_id, hasil: list = hasil, gerbang=gerbang) -> None:
            gerbang.wait()
            hasil.append(pesan(engine, siapa, calon_id, SEKARANG, SETTINGS))

        utas = [threading.Thread(target=tekan, args=(s,)) for s in rombongan]
        for u in utas:
            u.start()
        for u in utas:
            u.join()
        assert sum(ok for ok, _ in hasil) == 1, hasil
        bertabrakan += sum(p.startswith("Calon ini baru saja dipesan ASN lain") for _, p in hasil)
        for s in rombongan:  # everyone lets go before the next round
            lepas(engine, s)
    assert bertabrakan >= 1
