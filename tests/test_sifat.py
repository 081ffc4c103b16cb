"""Invariants that hold for any data (hypothesis property tests)."""

from dataclasses import replace

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from ptr_core import agregat_db
from ptr_core.agregat import gabung, hitung
from ptr_core.akses import Akses
from ptr_core.cakupan import cakupan_kecamatan, cakupan_kota
from ptr_core.dataset import Data
from ptr_core.db import sisipkan
from ptr_core.iuran import kekurangan_bayar, tunggakan_per_sponsor
from ptr_core.keanggotaan import daftar_pekerja, panel_status, status_bulan
from ptr_core.models import Asn, Iuran, Pekerja
from ptr_core.partisipasi import STATUS_SPONSOR, partisipasi_opd, status_sponsor, status_sponsor_asn
from ptr_core.periode import bulan_dari_tanggal, indeks_periode, ke_indeks
from ptr_core.tindak_lanjut import halaman_asn_opd, halaman_pekerja_opd, halaman_tunggakan_sponsor
from tests.factory import (
    KEC_1,
    KEC_2,
    NIP_A,
    NIP_B,
    NIP_C,
    SETTINGS,
    agregat,
    asn,
    bayar,
    bayar_rentang,
    dunia,
    nik,
    panel,
    pekerja,
    snapshot,
)

BULAN = [f"2025-{m:02d}" for m in range(1, 13)]
SPONSOR = [NIP_A, NIP_B, NIP_C]


@st.composite
def kota(draw: st.DrawFn) -> Data:
    n = draw(st.integers(0, 12))
    daftar = [
        pekerja(
            i,
            draw(st.sampled_from(SPONSOR)),
            f"{draw(st.sampled_from(BULAN))}-{draw(st.integers(1, 28)):02d}",
            kec=draw(st.sampled_from([KEC_1, KEC_2])),
            pekerjaan=draw(st.sampled_from(["Pedagang kaki lima", "Pengemudi ojek"])),
        )
        for i in range(n)
    ]
    iuran = [
        bayar(i, b, draw(st.sampled_from([8_400, 16_800, 33_600])))
        for i in range(n)
        for b in draw(st.lists(st.sampled_from(BULAN), max_size=12, unique=True))
    ]
    snap = []
    for kec in (KEC_1, KEC_2):
        for b in draw(st.lists(st.sampled_from(BULAN), max_size=4, unique=True)):
            peserta = draw(st.integers(0, 1_000))
            # Consistent counts: room for every programme worker on top of BPJS's own count.
            informal = peserta + n + draw(st.integers(0, 1_000))
            snap.append(snapshot(f"{b}-28", kec, informal, peserta))
    roster = [asn(nip, draw(st.sampled_from(["DINSOS", "DISNAKER"])), draw(st.booleans())) for nip in SPONSOR]
    return dunia(daftar, iuran, roster, snap)


# 25 random cities a property and a run (each run draws new ones; a failure is replayed from .hypothesis/):
# a few seconds each on 2 cores, so the whole suite stays within its time.
sifat = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_kecamatan_counts_sum_to_the_city(data, bulan):
    per_kec = cakupan_kecamatan(agregat(data, bulan), ke_indeks(bulan))
    kota_ = cakupan_kota(per_kec)
    assert kota_["peserta_aktif"] == per_kec["peserta_aktif"].sum()
    assert kota_["pekerja_informal"] == per_kec["pekerja_informal"].sum()


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_coverage_stays_between_0_and_100_when_counts_are_consistent(data, bulan):
    per_kec = cakupan_kecamatan(agregat(data, bulan), ke_indeks(bulan))
    semua = [*per_kec["cakupan_persen"], cakupan_kota(per_kec)["cakupan_persen"]]
    assert all(0 <= p <= 100 for p in semua if p is not None)


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_participation_never_exceeds_100_percent(data, bulan):
    per_opd = partisipasi_opd(agregat(data, bulan), ke_indeks(bulan))
    assert (per_opd["asn_berpartisipasi"] <= per_opd["asn_mendaftarkan"]).all()
    assert (per_opd["asn_mendaftarkan"] <= per_opd["asn_total"]).all()
    assert all(0 <= p <= 100 for p in per_opd["partisipasi_asn_persen"] if p is not None)


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_each_worker_has_exactly_one_status_in_a_month(data, bulan):
    p = panel(data, bulan)
    m = ke_indeks(bulan)
    baris = status_bulan(p, m)
    assert baris["nik"].is_unique
    ik = agregat(data, bulan)
    assert ik.bulan(m)[["aktif", "menunggak", "nonaktif"]].to_numpy().sum() == len(baris)


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_arrears_never_exceed_the_rate_times_the_unpaid_months(data, bulan):
    kurang = kekurangan_bayar(panel(data, bulan), ke_indeks(bulan), SETTINGS)
    assert ((kurang["kurang"] > 0) & (kurang["kurang"] <= SETTINGS.iuran_bulanan)).all()


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_the_summaries_agree_with_the_rows(data, bulan):
    # Per kecamatan, the month's statuses in the summaries are the rows' statuses; every payment is summed once.
    m = ke_indeks(bulan)
    ik = agregat(data, bulan)
    baris = status_bulan(panel(data, bulan), m)
    dari_baris = baris.groupby(["kode_kecamatan", "status"]).size().unstack(fill_value=0)
    dari_ringkasan = ik.bulan(m).groupby("kode_kecamatan")[["aktif", "menunggak", "nonaktif"]].sum()
    for status in dari_baris.columns:
        assert {k: v for k, v in dari_baris[status].items() if v} == {
            k: v for k, v in dari_ringkasan[status].items() if v
        }
    assert ik.bulanan["dibayar"].sum() == data.iuran["jumlah"].sum()


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_the_kelurahan_summaries_agree_with_the_rows(data, bulan):
    # Per kelurahan and pekerjaan, the month's aktif workers in the summaries are the rows' aktif workers.
    m = ke_indeks(bulan)
    baris = daftar_pekerja(data.pekerja, panel(data, bulan), m)
    aktif = baris[baris["status"] == "aktif"].groupby(["kode_kelurahan", "pekerjaan"]).size()
    kel = hitung(data, SETTINGS, m).kelurahan
    assert kel[kel["bulan"] == m].set_index(["kode_kelurahan", "pekerjaan"])["aktif"].to_dict() == aktif.to_dict()


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_the_sponsor_summaries_agree_with_the_rows(data, bulan):
    # Per sponsor: the month's workers aktif and menunggak are the rows' statuses, and the arrears summed up to the
    # month are what the rows still owe (the OPD's ASN lists are read from these summaries).
    m = ke_indeks(bulan)
    p = panel(data, bulan)
    per_asn = hitung(data, SETTINGS, m).asn
    baris = status_bulan(p, m)
    dari_baris = baris.groupby(["nip_sponsor", "status"]).size().unstack(fill_value=0)
    bulan_ini = per_asn[per_asn["bulan"] == m].set_index("nip")
    for status in ("aktif", "menunggak"):
        harap = dari_baris[status] if status in dari_baris else pd.Series(dtype="int64")
        assert {k: v for k, v in harap.items() if v} == {k: v for k, v in bulan_ini[status].items() if v}
    assert set(bulan_ini.index) == set(baris.loc[baris["status"] != "nonaktif", "nip_sponsor"])
    tunggak = tunggakan_per_sponsor(p, m, SETTINGS).set_index("nip_sponsor")
    sampai = per_asn[per_asn["bulan"] <= m].groupby("nip")[["menunggak", "kurang"]].sum()
    assert tunggak["tunggakan"].to_dict() == {k: v for k, v in sampai["kurang"].items() if v}
    assert tunggak["bulan_tertunggak"].to_dict() == {k: v for k, v in sampai["menunggak"].items() if v}


@sifat
@given(kota(), st.sampled_from(BULAN))
def test_each_asns_sponsorship_status_adds_up_to_the_opds_counts(data, bulan):
    # The OPD's ASN list shows each one's status (status_sponsor_asn, paged in SQL by daftar); the counts above it
    # come from the participation summary (status_sponsor). They must tell the same story.
    m = ke_indeks(bulan)
    per_asn = hitung(data, SETTINGS, m).asn
    roster = data.asn.loc[data.asn["aktif"].astype(bool), ["nip", "kode_opd"]]
    asn_ = roster.merge(per_asn[per_asn["bulan"] == m], on="nip", how="left").fillna({"aktif": 0, "menunggak": 0})
    asn_["status"] = status_sponsor_asn(asn_)
    for kode, baris in partisipasi_opd(agregat(data, bulan), m).set_index("kode_opd").iterrows():
        jumlah = asn_.loc[asn_["kode_opd"] == kode, "status"].value_counts()
        assert status_sponsor(baris) == {status: int(jumlah.get(status, 0)) for status in STATUS_SPONSOR}


@sifat
@given(kota(), st.sampled_from(BULAN), st.sampled_from(BULAN), st.data())
def test_recomputing_from_an_uploaded_month_on_gives_what_the_whole_history_gives(data, akhir, sejak, pilih):
    # Payments for months before `sejak` were there; the upload brings some for `sejak` onwards (a window of
    # bulan_sampai_nonaktif - 1 months of payments before it, and the lapses before it, are all it reads).
    m_akhir, m0 = ke_indeks(max(akhir, sejak)), ke_indeks(sejak)
    semua = data.iuran.assign(bulan=indeks_periode(data.iuran["periode"]) if len(data.iuran) else [])
    baru = [pilih.draw(st.booleans()) and b >= m0 for b in semua["bulan"]]
    lama = replace(data, iuran=semua[[not x for x in baru]])
    gugur_lama = hitung(lama, SETTINGS, m_akhir).gugur
    utuh = hitung(data, SETTINGS, m_akhir)
    jendela = replace(data, iuran=semua[semua["bulan"] >= m0 - SETTINGS.bulan_sampai_nonaktif + 1])
    gugur_sejak = np.where((gugur_lama >= 0) & (gugur_lama < m0), gugur_lama, 10**9)
    ekor = hitung(jendela, SETTINGS, m_akhir, m0, gugur_sejak)
    for nama in ("bulanan", "sponsor", "asn", "kelurahan"):
        a, b = getattr(utuh, nama), getattr(ekor, nama)
        pd.testing.assert_frame_equal(
            a[a["bulan"] >= m0].reset_index(drop=True), b.reset_index(drop=True), check_dtype=False
        )
    assert (np.where(gugur_sejak < m0, gugur_sejak, ekor.gugur) == np.where(utuh.gugur >= 0, utuh.gugur, -1)).all()


@sifat
@given(kota(), st.sampled_from(BULAN), st.integers(1, 4))
def test_summaries_of_blocks_of_workers_add_up_to_the_whole(data, bulan, blok):
    # agregat_db computes the summaries a block of workers at a time (each with its own payments) and adds them.
    m = ke_indeks(bulan)
    nik = data.pekerja["nik"]
    unik = sorted(set(nik))
    bagian, posisi = [], []
    for awal in range(0, len(unik), blok):
        pilih = np.flatnonzero(nik.isin(unik[awal : awal + blok]).to_numpy())
        sub = replace(data, pekerja=data.pekerja.iloc[pilih].reset_index(drop=True),
                      iuran=data.iuran[data.iuran["nik"].isin(unik[awal : awal + blok])])  # fmt: skip
        bagian.append(hitung(sub, SETTINGS, m))
        posisi.append(pilih)
    if not bagian:
        return
    utuh, gabungan = hitung(data, SETTINGS, m), gabung(bagian, data.asn)
    kunci_per_tabel = {"bulanan": ["bulan", "kode_kecamatan", "kode_opd"], "sponsor": ["bulan", "kode_opd"],
                       "asn": ["nip", "bulan"], "kelurahan": ["bulan", "kode_kelurahan", "pekerjaan"]}  # fmt: skip
    for nama, kunci in kunci_per_tabel.items():
        a, b = (getattr(h, nama).fillna("-").sort_values(kunci, ignore_index=True) for h in (utuh, gabungan))
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
    gugur = np.empty(len(nik), dtype="int64")
    gugur[np.concatenate(posisi)] = gabungan.gugur
    assert (gugur == utuh.gugur).all()


# --- the follow-up lists' SQL (daftar) against the pure rules, on random worlds in a real database.
ADMIN = Akses("admin@semarangkota.go.id", "admin")
TANGGAL = [f"{b}-{h:02d}" for b in BULAN for h in (1, 9, 15, 28)]


# Random worlds in a real database (the `engine` fixture, each backend): fewer examples, each a database's worth.
sifat_basis_data = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@st.composite
def kota_berulang(draw: st.DrawFn) -> Data:
    """A city whose workers register several times (with other sponsors, after a stop or a lapse, twice in a month)."""
    daftar = []
    for n in range(draw(st.integers(0, 6))):
        tanggal = sorted(draw(st.lists(st.sampled_from(TANGGAL), min_size=1, max_size=3, unique=True)))
        for t in tanggal:
            berhenti = draw(st.one_of(st.none(), st.sampled_from([x for x in TANGGAL if x >= t])))
            daftar.append(
                pekerja(n, draw(st.sampled_from(SPONSOR)), t, berhenti, draw(st.sampled_from([KEC_1, KEC_2])))
            )
    nik_ = sorted({p["nik"][-4:] for p in daftar})
    iuran = [
        bayar(int(n), b, draw(st.sampled_from([8_400, 16_800, 33_600])))
        for n in nik_
        for b in draw(st.lists(st.sampled_from(BULAN), max_size=12, unique=True))
    ]
    roster = [asn(nip, draw(st.sampled_from(["DINSOS", "DISNAKER"])), draw(st.booleans())) for nip in SPONSOR]
    return dunia(daftar, iuran, roster)


def _simpan_dunia(engine, data: Data) -> None:
    """The world's rows in the database (as an upload leaves them) and its summaries."""
    with engine.begin() as conn:
        for model in (Iuran, Pekerja, Asn):
            conn.execute(delete(model))
        sisipkan(conn, Asn, data.asn.to_dict("records"))
        kolom = [c for c in data.pekerja.columns if c not in ("nama_kelurahan", "kode_kecamatan")]
        pekerja_ = data.pekerja[kolom].astype(object).where(data.pekerja[kolom].notna(), None)
        sisipkan(conn, Pekerja, [{**r, **{k: r[k].date() for k in ("tanggal_daftar", "tanggal_berhenti") if r[k]}}
                                 for r in pekerja_.to_dict("records")])  # fmt: skip
        sisipkan(
            conn, Iuran, [{**r, "tanggal_bayar": r["tanggal_bayar"].date()} for r in data.iuran.to_dict("records")]
        )
        agregat_db.perbarui(conn, SETTINGS)


@sifat_basis_data
@given(data=kota_berulang(), bulan=st.sampled_from(BULAN))
def test_the_opd_lists_sql_gives_what_the_pure_rules_give(engine, data, bulan):
    # Which enrolment owns the month (keanggotaan), each ASN's status, workers and arrears (partisipasi, iuran): the
    # lists page these in SQL over the rows and the stored sponsor summaries.
    if data.pekerja.empty:
        return
    _simpan_dunia(engine, data)
    m = min(ke_indeks(bulan), ke_indeks(bulan_dari_tanggal(data.tanggal_terakhir())))
    p = panel_status(data.pekerja, data.iuran, m, SETTINGS)
    bulan_ini = status_bulan(p, m)
    pekerja_bulan = daftar_pekerja(data.pekerja, p, m)
    tunggak = tunggakan_per_sponsor(p, m, SETTINGS).set_index("nip_sponsor")
    for kode in ("DINSOS", "DISNAKER"):
        roster = data.asn[data.asn["kode_opd"] == kode]
        harap = pekerja_bulan[pekerja_bulan["nip_sponsor"].isin(roster["nip"])].sort_values(["nama", "nik"])
        h = halaman_pekerja_opd(engine, ADMIN, kode, m, SETTINGS, ukuran=100, nik_penuh=True)
        assert h.total == len(harap)
        assert (
            h.baris[["nik", "nip_sponsor", "status"]].values.tolist()
            == harap[["nik", "nip_sponsor", "status"]].values.tolist()
        )

        aktif = roster[roster["aktif"].astype(bool)].sort_values(["nama", "nip"])
        jumlah = bulan_ini.groupby(["nip_sponsor", "status"]).size().unstack(fill_value=0)
        harap_asn = pd.DataFrame({
            "nip": aktif["nip"].to_numpy(),
            "pekerja_aktif": [int(jumlah.get("aktif", {}).get(n, 0)) for n in aktif["nip"]],
            "pekerja_menunggak": [int(jumlah.get("menunggak", {}).get(n, 0)) for n in aktif["nip"]],
            "tunggakan": [int(tunggak["tunggakan"].get(n, 0)) for n in aktif["nip"]],
        })  # fmt: skip
        harap_asn.insert(1, "status_sponsor", status_sponsor_asn(harap_asn.rename(
            columns={"pekerja_aktif": "aktif", "pekerja_menunggak": "menunggak"})))  # fmt: skip
        asn_ = halaman_asn_opd(engine, ADMIN, kode, m, ukuran=None).baris[harap_asn.columns]
        assert asn_.values.tolist() == harap_asn.values.tolist()
        for status in STATUS_SPONSOR:
            saring = halaman_asn_opd(engine, ADMIN, kode, m, status, ukuran=None).baris["nip"].tolist()
            assert saring == harap_asn.loc[harap_asn["status_sponsor"] == status, "nip"].tolist()

        di_opd = tunggak[tunggak.index.isin(roster["nip"])].reset_index()
        di_opd = di_opd.sort_values(["tunggakan", "nip_sponsor"], ascending=[False, True])
        kolom = ["nip_sponsor", "pekerja", "bulan_tertunggak", "tunggakan"]
        baris = halaman_tunggakan_sponsor(engine, ADMIN, kode, m, SETTINGS, ukuran=None).baris[kolom]
        assert baris.values.tolist() == di_opd[kolom].values.tolist()


@sifat_basis_data
@given(data=kota_berulang(), bulan=st.sampled_from(BULAN))
def test_each_workers_status_in_a_month_from_the_stored_lapses_is_what_the_whole_history_gives(engine, data, bulan):
    # The reconciliation reads a month's statuses from the stored lapses and the last months' payments
    # (agregat_db.status_bulan): the same rule's window, which must give what every payment gives.
    if data.pekerja.empty:
        return
    _simpan_dunia(engine, data)
    m = min(ke_indeks(bulan), ke_indeks(bulan_dari_tanggal(data.tanggal_terakhir())))
    harap = daftar_pekerja(data.pekerja, panel_status(data.pekerja, data.iuran, m, SETTINGS), m)
    with engine.connect() as conn:
        status = agregat_db.status_bulan(conn, SETTINGS, m)
        assert status is not None
        nik = dict(conn.execute(select(Pekerja.id, Pekerja.nik)).all())
    dapat = sorted(zip(status["id"].map(nik), status["status"], status["dibayar"].astype(int), strict=True))
    assert dapat == sorted(zip(harap["nik"], harap["status"], harap["dibayar"].astype(int), strict=True))


def test_a_membership_lapsed_before_the_window_stays_nonaktif_when_payments_resume(engine):
    # By hand: worker 1 registered 10 January 2025 and paid nothing for January-March: lapsed in March (3 unpaid
    # months). A payment for June without registering again leaves June nonaktif (only a new registration ends a
    # lapse), although June's window (April-June) holds that payment and no unpaid run of three. Worker 2 paid
    # every month: aktif. Only the stored lapse tells the two apart.
    data = dunia([pekerja(1), pekerja(2)], [bayar(1, "2025-06"), *bayar_rentang(2, "2025-01", "2025-06")], [asn(NIP_A)])
    _simpan_dunia(engine, data)
    with engine.connect() as conn:
        status = agregat_db.status_bulan(conn, SETTINGS, ke_indeks("2025-06"))
        nik_id = dict(conn.execute(select(Pekerja.id, Pekerja.nik)).all())
    assert status is not None
    assert sorted(zip(status["id"].map(nik_id), status["status"], strict=True)) == [
        (nik(1), "nonaktif"),
        (nik(2), "aktif"),
    ]
