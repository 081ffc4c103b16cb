"""A deterministic demo city: believable, synthetic, and exactly the seed totals on 2024-12-31.

BPJS publishes the city totals only (215.243 informal workers, 40.196 participants on 31 Dec 2024);
the split across kecamatan below is invented (weighted by population), summing exactly to them.
Names, NIK, NIP and KPJ numbers are synthetic. Enrolments run from January 2025 to October 2026.

One module over ~350 lines because it is one city: every dataset here is drawn from the same seed and from the
others' frames (the BPJS report, the claims and the candidates from its workers and payments), so they stay consistent.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from ptr_core.db import DATA
from ptr_core.impor import DEMO_BERLAKU, PENGGUNA_DEMO, HasilImpor, batalkan, impor
from ptr_core.models import Unggahan
from ptr_core.periode import IndeksBulan, dari_indeks, hari_terakhir, indeks, ke_indeks, tahun_nomor
from ptr_core.settings import Settings

BENIH = 20241231
PEKERJA_INFORMAL_2024 = 215_243
PESERTA_AKTIF_2024 = 40_196
TANGGAL_SEED = dt.date(2024, 12, 31)
AKHIR_DATA = dt.date(2026, 10, 31)
JANUARI_2025 = indeks(2025, 1)  # the month index of the demo's first month: month offsets count from it
IURAN = 16_800

# Approximate population (thousands) per kecamatan, to split the city totals plausibly.
BOBOT_PENDUDUK = {
    "33.74.01": 60, "33.74.02": 118, "33.74.03": 71, "33.74.04": 70,
    "33.74.05": 118, "33.74.06": 193, "33.74.07": 63, "33.74.08": 76,
    "33.74.09": 57, "33.74.10": 189, "33.74.11": 142, "33.74.12": 98,
    "33.74.13": 149, "33.74.14": 80, "33.74.15": 140, "33.74.16": 33,
}  # fmt: skip
UKURAN_OPD = {"DISDIK": 5600, "DINKES": 1500, "RSUD-WN": 900, "SETDA": 420, "SATPOLPP": 380,
              "DLH": 450, "DPU": 330, "DISHUB": 320, "BAPENDA": 260, "BPKAD": 220}  # fmt: skip
NAMA_DEPAN = ["Agus", "Budi", "Dewi", "Eko", "Fitri", "Hadi", "Indah", "Joko", "Kartini", "Lestari",
              "Maya", "Nur", "Puji", "Rina", "Sari", "Slamet", "Sri", "Teguh", "Wahyu", "Yuni",
              "Bambang", "Endang", "Heru", "Siti", "Tri", "Dwi", "Rudi", "Ani", "Yusuf", "Ratna"]  # fmt: skip
# A candidate is shown by name to the ASN who holds them: a first name that fits the sex their NIK states.
NAMA_PEREMPUAN = ["Dewi", "Fitri", "Indah", "Kartini", "Lestari", "Maya", "Puji", "Rina", "Sari", "Sri", "Yuni",
                  "Endang", "Siti", "Ratna", "Ani"]  # fmt: skip
NAMA_LAKI = ["Agus", "Budi", "Eko", "Hadi", "Joko", "Slamet", "Teguh", "Wahyu", "Bambang", "Heru", "Rudi", "Yusuf",
             "Sugeng", "Darto", "Parman"]  # fmt: skip
NAMA_BELAKANG = ["Santoso", "Wibowo", "Lestari", "Susanto", "Rahayu", "Saputra", "Handayani", "Pratama",
                 "Kurniawan", "Wulandari", "Setiawan", "Hidayat", "Nugroho", "Purnomo", "Utami"]  # fmt: skip
PEKERJAAN = ["Pedagang kaki lima", "Pengemudi ojek", "Buruh harian lepas", "Nelayan", "Petani",
             "Asisten rumah tangga", "Tukang parkir", "Buruh bangunan", "Penjahit", "Pemulung"]  # fmt: skip
BOBOT_PEKERJAAN = [0.24, 0.16, 0.16, 0.04, 0.05, 0.1, 0.07, 0.1, 0.05, 0.03]


def _bagi_tepat(total: int, bobot: np.ndarray) -> np.ndarray:
    """Split `total` in proportion to `bobot` into integers that sum exactly to it (largest remainder)."""
    kuota = total * bobot / bobot.sum()
    bagian = np.floor(kuota).astype("int64")
    sisa = total - bagian.sum()
    bagian[np.argsort(-(kuota - bagian), kind="stable")[:sisa]] += 1
    return bagian


def _nama(rng: np.random.Generator, n: int) -> list[str]:
    depan = rng.choice(NAMA_DEPAN, n)
    belakang = rng.choice(NAMA_BELAKANG, n)
    return [f"{a} {b}" for a, b in zip(depan, belakang)]


def _nip(rng: np.random.Generator, n: int) -> list[str]:
    lahir = pd.to_datetime("1965-01-01") + pd.to_timedelta(rng.integers(0, 365 * 33, n), unit="D")
    angkat_tahun = np.minimum(lahir.year + 22 + rng.integers(0, 12, n), 2024)
    hasil = []
    for i in range(n):
        hasil.append(
            f"{lahir[i]:%Y%m%d}{angkat_tahun[i]:04d}{rng.integers(1, 13):02d}{rng.integers(1, 3)}{i % 1000:03d}"
        )
    return hasil


def buat_demo(
    skala: float = 1.0, benih: int = BENIH, jumlah_pekerja: int | None = None, daftar_awal: bool = False
) -> dict[str, pd.DataFrame]:
    """The demo files, as frames shaped like uploads: asn, pekerja, iuran, cakupan.

    `skala` multiplies the number of ASN; `jumlah_pekerja` sets how many workers they sponsor (default: each
    eager ASN one, a few two); `daftar_awal` enrols everyone in the first quarter of 2025, so that payments
    span the whole period. The benchmark uses them; the city totals of 2024 stay the seed's.
    """
    rng = np.random.default_rng(benih)
    kecamatan = pd.read_csv(DATA / "kecamatan.csv", dtype=str)
    kelurahan = pd.read_csv(DATA / "kelurahan.csv", dtype=str)
    opd = pd.read_csv(DATA / "opd.csv", dtype=str, keep_default_na=False)

    # --- ASN: about 16.000 across the real OPD list.
    jumlah_asn = int(round(16_000 * skala))
    bobot_opd = np.array(
        [UKURAN_OPD.get(k, 120 if j == "kecamatan" else 150) for k, j in zip(opd.kode_opd, opd.jenis)],
        dtype=float,
    )
    per_opd = _bagi_tepat(jumlah_asn, bobot_opd)
    kode_opd = np.repeat(opd.kode_opd.to_numpy(), per_opd)
    nip = _nip(rng, jumlah_asn)
    asn = pd.DataFrame(
        {
            "nip": nip,
            "nama": _nama(rng, jumlah_asn),
            "kode_opd": kode_opd,
            "status": np.where(rng.random(jumlah_asn) < 0.8, "PNS", "PPPK"),
            # Sign-in addresses (an ASN is recognised by the roster's email): try Pekerja Saya as any demo ASN.
            "email": [f"asn.{n}@contoh.semarangkota.go.id" for n in nip],
        }
    ).drop_duplicates("nip")

    # --- Who sponsors, and when: each OPD has its own eagerness and start.
    semangat = dict(zip(opd.kode_opd, rng.uniform(0.15, 0.75, len(opd))))
    for kode in ("DINSOS", "DISNAKER", "SETDA") + tuple(opd.kode_opd[opd.jenis == "kecamatan"]):
        semangat[kode] = min(semangat[kode] + 0.2, 0.9)
    mulai_opd = dict(zip(opd.kode_opd, rng.integers(0, 8, len(opd))))
    if jumlah_pekerja is None:
        sponsor = asn[rng.random(len(asn)) < asn.kode_opd.map(semangat).to_numpy()]
        dua = rng.random(len(sponsor)) < 0.06
        sponsor = pd.concat([sponsor, sponsor[dua]], ignore_index=True)
    else:
        bobot = asn.kode_opd.map(semangat).to_numpy()
        pilih = rng.choice(len(asn), jumlah_pekerja, replace=True, p=bobot / bobot.sum())
        sponsor = asn.iloc[pilih].reset_index(drop=True)
    n = len(sponsor)
    # Enrolment months 0..21 (Jan 2025..Oct 2026): an uneven ramp after each OPD's start.
    bulan_daftar = np.minimum(sponsor.kode_opd.map(mulai_opd).to_numpy() + rng.gamma(2.0, 4.0, n).astype(int), 21)
    if daftar_awal:
        bulan_daftar = rng.integers(0, 3, n)
    hari = rng.integers(1, 29, n)
    tanggal_daftar = [dt.date(*tahun_nomor(JANUARI_2025 + b), h) for b, h in zip(bulan_daftar, hari)]

    # --- Where the workers live: a kecamatan OPD's ASN mostly sponsor neighbours.
    kec_opd = dict(zip(opd.kode_opd, opd.kode_kecamatan))
    bobot_kec = np.array([BOBOT_PENDUDUK[k] for k in kecamatan.kode_kecamatan], dtype=float)
    kec_acak = rng.choice(kecamatan.kode_kecamatan.to_numpy(), n, p=bobot_kec / bobot_kec.sum())
    kec_sendiri = sponsor.kode_opd.map(kec_opd).fillna("").to_numpy()
    kec = np.where((kec_sendiri != "") & (rng.random(n) < 0.7), kec_sendiri, kec_acak)
    kel_per_kec = kelurahan.groupby("kode_kecamatan")["kode_kelurahan"].apply(list).to_dict()
    kode_kel = [kel_per_kec[k][rng.integers(len(kel_per_kec[k]))] for k in kec]

    perempuan = rng.random(n) < 0.45
    lahir = pd.to_datetime("1965-01-01") + pd.to_timedelta(rng.integers(0, 365 * 40, n), unit="D")
    urut = rng.permutation(n)
    nik = [
        f"{k.replace('.', '')[2:]}{lahir[i].day + (40 if perempuan[i] else 0):02d}{lahir[i]:%m%y}{urut[i] % 10000:04d}"
        for i, k in enumerate(kec)
    ]
    nik = [f"33{x}" for x in nik]
    pekerja = pd.DataFrame(
        {
            "nik": nik,
            "nama": _nama(rng, n),
            "jenis_kelamin": np.where(perempuan, "P", "L"),
            "pekerjaan": rng.choice(PEKERJAAN, n, p=BOBOT_PEKERJAAN),
            "kode_kelurahan": kode_kel,
            "nomor_kpj": [f"25{x:09d}" for x in rng.integers(0, 10**9, n)],
            "nip_sponsor": sponsor.nip.to_numpy(),
            "tanggal_daftar": tanggal_daftar,
            "tanggal_berhenti": None,
            "bulan": bulan_daftar,
        }
    ).drop_duplicates("nik")
    baru = pekerja["bulan"] >= 20
    pekerja.loc[baru & (rng.random(len(pekerja)) < 0.3), "nomor_kpj"] = ""

    iuran, pekerja = _iuran(rng, pekerja)
    cakupan = _cakupan(rng, kecamatan, pekerja, iuran)
    pekerja = pekerja.drop(columns="bulan")
    return {"asn": asn, "pekerja": pekerja, "iuran": iuran, "cakupan": cakupan}


def _iuran(rng: np.random.Generator, pekerja: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Payments with realistic habits: most pay on time (some ahead), some late, some stop and lapse.

    A few who stop and lapse register again later (a second enrolment with a later tanggal_daftar).
    """
    akhir = 21  # October 2026, month index from January 2025
    baris: list[tuple[str, int, int, dt.date]] = []
    berhenti: dict[int, dt.date] = {}
    daftar_ulang: list[dict] = []

    def bayar(nik: str, bulan: int, dibayar: int) -> None:
        if dibayar <= akhir:
            hari = int(rng.integers(1, 26))
            baris.append((nik, bulan, IURAN, dt.date(*tahun_nomor(JANUARI_2025 + dibayar), hari)))

    for idx, row in zip(pekerja.index, pekerja.itertuples()):
        kebiasaan = rng.choice(["rajin", "dimuka", "telat", "macet"], p=[0.62, 0.1, 0.18, 0.1])
        b = int(row.bulan)
        macet_di = b + int(rng.integers(1, 8))
        while b <= akhir:
            if kebiasaan == "dimuka":
                lama = int(rng.choice([3, 6, 12]))
                for p in range(b, b + lama):
                    bayar(row.nik, p, b)
                b += lama
                continue
            if kebiasaan == "macet" and b >= macet_di:
                if rng.random() < 0.35 and macet_di + 5 <= akhir:
                    ulang = macet_di + int(rng.integers(4, 7))
                    if ulang <= akhir:
                        daftar_ulang.append(
                            {
                                **row._asdict(),
                                "bulan": ulang,
                                "tanggal_daftar": dt.date(*tahun_nomor(JANUARI_2025 + ulang), 5),
                            }
                        )
                        for p in range(ulang, akhir + 1):
                            bayar(row.nik, p, p)
                break
            if kebiasaan == "telat" and rng.random() < 0.35:
                bayar(row.nik, b, b + int(rng.integers(1, 3)))
            elif not (kebiasaan == "telat" and rng.random() < 0.05):
                bayar(row.nik, b, b)
            b += 1
        if kebiasaan == "rajin" and rng.random() < 0.04:
            stop = min(int(row.bulan) + int(rng.integers(3, 12)), akhir)
            berhenti[idx] = dt.date(*tahun_nomor(JANUARI_2025 + stop), 28)
    pekerja = pekerja.copy()
    pekerja.loc[list(berhenti), "tanggal_berhenti"] = list(berhenti.values())
    if daftar_ulang:
        ulang = pd.DataFrame(daftar_ulang).drop(columns="Index")
        pekerja = pd.concat([pekerja, ulang], ignore_index=True)
    iuran = pd.DataFrame(baris, columns=["nik", "bulan", "jumlah", "tanggal_bayar"])
    iuran["periode"] = [dari_indeks(JANUARI_2025 + b) for b in iuran["bulan"]]
    iuran = iuran.drop_duplicates(["nik", "periode", "tanggal_bayar"])
    # Keep paid-ahead months (beyond October 2026 too): the payment exists in the data.
    berhenti_nik = pekerja.dropna(subset=["tanggal_berhenti"]).set_index("nik")["tanggal_berhenti"]
    batas = iuran["nik"].map(berhenti_nik)
    setelah = batas.notna() & (
        iuran["bulan"] > [indeks(d.year, d.month) - JANUARI_2025 if isinstance(d, dt.date) else 99 for d in batas]
    )
    iuran = iuran[~setelah]
    return iuran[["nik", "periode", "jumlah", "tanggal_bayar"]].reset_index(drop=True), pekerja


def _cakupan(
    rng: np.random.Generator, kecamatan: pd.DataFrame, pekerja: pd.DataFrame, iuran: pd.DataFrame
) -> pd.DataFrame:
    """Monthly BPJS snapshots per kecamatan: the exact seed split on 2024-12-31, then organic growth
    plus the programme's paid-up workers. The latest snapshot (September 2026) lags the data by a month."""
    from ptr_core.dataset import buat_data
    from ptr_core.keanggotaan import AKTIF, panel_status
    from ptr_core.settings import Settings

    kode = kecamatan.kode_kecamatan.to_numpy()
    bobot = np.array([BOBOT_PENDUDUK[k] for k in kode], dtype=float)
    informal = _bagi_tepat(PEKERJA_INFORMAL_2024, bobot * rng.uniform(0.85, 1.15, len(kode)))
    peserta = _bagi_tepat(PESERTA_AKTIF_2024, informal * rng.uniform(0.13, 0.25, len(kode)))
    rows = [(TANGGAL_SEED, k, int(i), int(p)) for k, i, p in zip(kode, informal, peserta)]

    kelurahan = pd.read_csv(DATA / "kelurahan.csv", dtype=str)
    frame = pekerja.merge(kelurahan[["kode_kelurahan", "kode_kecamatan"]], on="kode_kelurahan")
    frame["tanggal_daftar"] = pd.to_datetime(frame["tanggal_daftar"])
    frame["tanggal_berhenti"] = pd.to_datetime(frame["tanggal_berhenti"])
    data = buat_data(pekerja=frame, iuran=iuran)
    awal = JANUARI_2025
    panel = panel_status(data.pekerja, data.iuran, IndeksBulan(awal + 20), Settings())
    tumbuh = rng.uniform(0.001, 0.004, len(kode))
    organik = peserta.astype(float)
    for m in range(awal, awal + 21):  # January 2025 .. September 2026
        organik = organik * (1 + tumbuh + rng.normal(0, 0.0008, len(kode)))
        informal = informal + rng.integers(0, 40, len(kode))
        program = panel[(panel["bulan"] == m) & (panel["status"] == AKTIF)].groupby("kode_kecamatan").size()
        tanggal = hari_terakhir(dari_indeks(m))
        for j, k in enumerate(kode):
            p = int(organik[j]) + int(program.get(k, 0))
            rows.append((tanggal, k, int(informal[j]), min(p, int(informal[j]))))
    return pd.DataFrame(rows, columns=["tanggal_data", "kode_kecamatan", "pekerja_informal", "peserta_aktif"])


def ada_data_asli(engine: Engine) -> bool:
    """True when any upload was made by someone other than the demo loader."""
    with engine.connect() as conn:
        return conn.scalar(select(Unggahan.id).where(Unggahan.pengguna != PENGGUNA_DEMO).limit(1)) is not None


def ada_data_demo(engine: Engine) -> bool:
    """True while an upload of the demo loader is in force (not rolled back)."""
    with engine.connect() as conn:
        return conn.scalar(select(Unggahan.id).where(*DEMO_BERLAKU).limit(1)) is not None


def calon_demo(pekerja_nik: set[str], jumlah: int = 400, benih: int = BENIH + 1) -> pd.DataFrame:
    """A candidate list as kelurahan send it (`calon`): synthetic residents across the city, aged 20 to 60 on the
    demo's last day, none of them a registered worker. Its own seed: the other demo files stay as they were."""
    rng = np.random.default_rng(benih)
    kelurahan = pd.read_csv(DATA / "kelurahan.csv", dtype=str)
    kel = kelurahan.iloc[rng.integers(0, len(kelurahan), jumlah)].reset_index(drop=True)
    perempuan = rng.random(jumlah) < 0.5
    lahir = pd.to_datetime("1966-11-01") + pd.to_timedelta(rng.integers(0, 365 * 40, jumlah), unit="D")
    nik = [
        f"{k.replace('.', '')[:6]}{lahir[i].day + (40 if perempuan[i] else 0):02d}{lahir[i]:%m%y}{9000 + i % 1000:04d}"
        for i, k in enumerate(kel.kode_kecamatan)
    ]
    calon = pd.DataFrame(
        {
            "nik": nik,
            "nama": [
                f"{rng.choice(NAMA_PEREMPUAN if p else NAMA_LAKI)} {rng.choice(NAMA_BELAKANG)}" for p in perempuan
            ],
            "jenis_kelamin": np.where(perempuan, "P", "L"),
            "pekerjaan": rng.choice(PEKERJAAN, jumlah, p=BOBOT_PEKERJAAN),
            "kode_kelurahan": kel.kode_kelurahan,
            "sumber": rng.choice(["Data kelurahan", "DTKS Dinas Sosial"], jumlah),
        }
    )
    return calon[~calon["nik"].isin(pekerja_nik)].drop_duplicates("nik")


def laporan_bpjs_demo(demo: dict[str, pd.DataFrame], benih: int = BENIH + 2) -> pd.DataFrame:
    """BPJS's participant report at the demo's last day (`peserta_bpjs`), as it would mostly agree with the demo
    city: every worker's latest registration, paid at BPJS up to the last month paid here. A few disagree, as real
    reports do: 2% missing, 2% a month further paid at BPJS than recorded here, 1% another name, and 15 people the
    programme does not know. Its own seed: the other demo files stay as they were."""
    rng = np.random.default_rng(benih)
    pekerja = demo["pekerja"].sort_values("tanggal_daftar").drop_duplicates("nik", keep="last").reset_index(drop=True)
    terakhir = demo["iuran"].groupby("nik")["periode"].max()
    bayar = pekerja["nik"].map(terakhir)
    acak = rng.random(len(pekerja))
    lebih = (acak >= 0.02) & (acak < 0.04) & bayar.notna()
    bayar[lebih] = [dari_indeks(ke_indeks(p) + 1) for p in bayar[lebih]]
    aktif = bayar.fillna("") >= dari_indeks(ke_indeks(f"{AKHIR_DATA:%Y-%m}") - 2)
    berhenti = pekerja["tanggal_berhenti"].notna()
    nama = pekerja["nama"].where(~((acak >= 0.04) & (acak < 0.05)), pekerja["nama"].str.split().str[0])
    laporan = pd.DataFrame(
        {
            "tanggal_laporan": AKHIR_DATA,
            "nomor_kpj": pekerja["nomor_kpj"].where(pekerja["nomor_kpj"] != "", [f"26{x:09d}" for x in
                                                    rng.integers(0, 10**9, len(pekerja))]),
            "nik": pekerja["nik"],
            "nama": nama,
            "status": np.where(aktif & ~berhenti, "AKTIF", "NON AKTIF"),
            "tanggal_kepesertaan": pekerja["tanggal_daftar"],
            "bulan_terakhir_dibayar": bayar,
        }
    )[acak >= 0.02]  # fmt: skip
    lahir = pd.to_datetime("1970-01-01") + pd.to_timedelta(rng.integers(0, 365 * 30, 15), unit="D")
    asing = pd.DataFrame(
        {
            "tanggal_laporan": AKHIR_DATA,
            "nomor_kpj": [f"27{x:09d}" for x in rng.integers(0, 10**9, 15)],
            "nik": [f"337405{t.day:02d}{t:%m%y}{8000 + i:04d}" for i, t in enumerate(lahir)],
            "nama": _nama(rng, 15),
            "status": "AKTIF",
            "tanggal_kepesertaan": dt.date(2026, 3, 1),
            "bulan_terakhir_dibayar": f"{AKHIR_DATA:%Y-%m}",
        }
    )
    return pd.concat([laporan, asing[~asing["nik"].isin(pekerja["nik"])]], ignore_index=True)


def klaim_demo(demo: dict[str, pd.DataFrame], benih: int = BENIH + 3) -> pd.DataFrame:
    """Benefits paid to the demo city's workers (`klaim`), at rates of the order BPJS reports for informal workers:
    a work accident (JKK, Rp1,5 to 25 million) for 1 worker in 200 a year of membership; a death (JKM, Rp42 million)
    for 30 of the stopped registrations, just before they stopped, and the scholarship (beasiswa) for the children
    of half of them, a few months later. Paid 5 to 40 days after the incident; consent to publicity for four in ten.
    Its own seed: the other demo files stay as they were."""
    rng = np.random.default_rng(benih)
    pekerja = demo["pekerja"].reset_index(drop=True)
    akhir = pd.to_datetime(pekerja["tanggal_berhenti"]).fillna(pd.Timestamp(AKHIR_DATA) - pd.Timedelta(days=45))
    mulai = pd.to_datetime(pekerja["tanggal_daftar"])
    hari = (akhir - mulai).dt.days.clip(lower=0)
    kena = rng.random(len(pekerja)) < hari / 365 / 200
    jkk = pekerja[kena].assign(jenis="JKK", tanggal_kejadian=mulai[kena] + pd.to_timedelta(
        (rng.random(kena.sum()) * hari[kena]).astype(int), unit="D"),
        jumlah=rng.integers(30, 500, kena.sum()) * 50_000)  # fmt: skip
    sekali = ~pekerja["nik"].duplicated(keep=False)  # nobody who registered again dies before it
    berhenti = pekerja.index[pekerja["tanggal_berhenti"].notna() & (hari > 20) & sekali]
    wafat = rng.choice(berhenti, min(30, len(berhenti)), replace=False)
    jkm = pekerja.loc[wafat].assign(jenis="JKM", tanggal_kejadian=akhir[wafat] - pd.to_timedelta(
        rng.integers(0, 20, len(wafat)), unit="D"), jumlah=42_000_000)  # fmt: skip
    klaim = pd.concat([jkk, jkm], ignore_index=True)
    klaim["tanggal_bayar"] = klaim["tanggal_kejadian"] + pd.to_timedelta(rng.integers(5, 41, len(klaim)), unit="D")
    anak = jkm.iloc[: len(jkm) // 2].assign(jenis="beasiswa", jumlah=rng.choice([1_500_000, 2_000_000, 3_000_000,
                                            12_000_000], len(jkm) // 2))  # fmt: skip
    anak["tanggal_bayar"] = anak["tanggal_kejadian"] + pd.to_timedelta(rng.integers(60, 200, len(anak)), unit="D")
    klaim = pd.concat([klaim, anak], ignore_index=True)
    klaim = klaim[klaim["tanggal_bayar"] <= pd.Timestamp(AKHIR_DATA)]
    setuju = rng.choice(np.array(["ya", "tidak", ""], dtype=object), len(klaim), p=[0.4, 0.3, 0.3])
    return pd.DataFrame(
        {
            "nik": klaim["nik"],
            "jenis": klaim["jenis"],
            "tanggal_kejadian": klaim["tanggal_kejadian"].dt.date,
            "tanggal_bayar": klaim["tanggal_bayar"].dt.date,
            "jumlah": klaim["jumlah"],
            "boleh_dipublikasikan": setuju,
        }
    ).reset_index(drop=True)


def program_lain_demo(demo: dict[str, pd.DataFrame], benih: int = BENIH + 4) -> pd.DataFrame:
    """Programme workers another programme covers too (`program_lain`), as the Verifikasi and Rekonsiliasi pages
    show them: 1 in 300 of the demo's registered workers on the city's APBD cover from a month of 2025 (a third of
    them until a later month), and a few on a company's CSR list, which carries no months. Its own seed: the other
    demo files stay as they were."""
    rng = np.random.default_rng(benih)
    pekerja = demo["pekerja"].drop_duplicates("nik").reset_index(drop=True)
    pilih = rng.choice(len(pekerja), max(1, len(pekerja) // 300), replace=False)
    daftar = pekerja.iloc[pilih].reset_index(drop=True)
    csr = np.arange(len(daftar)) % 5 == 4
    mulai = np.array([f"2025-{m:02d}" for m in rng.integers(1, 13, len(daftar))], dtype=object)
    selesai = np.array([f"2026-{m:02d}" for m in rng.integers(1, 10, len(daftar))], dtype=object)
    selesai[rng.random(len(daftar)) < 2 / 3] = ""
    mulai[csr], selesai[csr] = "", ""
    return pd.DataFrame(
        {
            "nik": daftar["nik"],
            "nama": daftar["nama"],
            "sumber": np.where(csr, "CSR Bank Jateng", "Bantuan iuran APBD Kota Semarang"),
            "mulai": mulai,
            "selesai": selesai,
        }
    )


def muat_demo(engine: Engine, settings: Settings) -> list[HasilImpor]:
    """Load the demo files through the same upload pipeline that staff use (its summaries computed with `settings`)."""
    hasil = []
    demo = buat_demo()
    tambahan = {"calon": calon_demo(set(demo["pekerja"]["nik"])), "peserta_bpjs": laporan_bpjs_demo(demo),
                "klaim": klaim_demo(demo), "program_lain": program_lain_demo(demo)}  # fmt: skip
    for nama, frame in {**demo, **tambahan}.items():
        isi = frame.to_csv(index=False).encode("utf-8")
        hasil.append(impor(engine, nama, isi, f"demo_{nama}.csv", pengguna=PENGGUNA_DEMO, settings=settings))
    return hasil


def hapus_demo(engine: Engine, pengguna: str, settings: Settings) -> tuple[bool, str]:
    """Clear the demo data before real data comes in: each demo upload rolled back, newest first, through the same
    rollback staff use (audited), so the database is as it was before the demo was loaded."""
    with engine.connect() as conn:
        unggahan = conn.scalars(select(Unggahan.id).where(*DEMO_BERLAKU).order_by(Unggahan.id.desc())).all()
    for uid in unggahan:
        ok, pesan = batalkan(engine, uid, pengguna, settings)
        if not ok:
            return False, pesan
    return True, f"Data contoh dihapus ({len(unggahan)} unggahan dibatalkan). Silakan unggah data asli."
