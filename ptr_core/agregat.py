"""The summaries every dashboard page draws from, computed once when the data changes.

Data changes only when an upload commits or is rolled back. At that moment `agregat_dari_baris` turns the row-level
facts (every enrolment and payment) into small tables, and the metric functions (cakupan, partisipasi,
iuran, ringkasan) derive every figure from them, so a page never reads row-level payments:

- `bulanan`: one row per month x kecamatan x OPD of the sponsor (current roster; None when the sponsor is
  not in it) with the programme workers aktif, menunggak and nonaktif, the aktif ones BPJS has not counted
  yet (`aktif_baru`: enrolled after the kecamatan's latest snapshot of that month, see cakupan), what the
  menunggak ones still owe for the month (`kurang`) and the payments for the month (`dibayar`);
- `sponsor`: per month x OPD, the active ASN of its roster who sponsor an aktif worker
  (`asn_berpartisipasi`) or any enrolled worker (`asn_mendaftarkan`) — distinct people, so not additive
  over kecamatan and kept apart;
- `asn`: per sponsor (NIP, in the roster or not) and month with an enrolled worker, the workers aktif and
  menunggak and their `kurang`; stored for the OPD's paginated ASN lists, not loaded by the pages;
- `kelurahan`: per month x kelurahan x pekerjaan, the programme workers aktif; stored for the kecamatan
  page, which reads one kecamatan's rows of it;
- `asn_opd`: active ASN per OPD; and the small reference frames and the latest date of each dataset.

Only months with something to count have rows; a missing row means zeros.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ptr_core.cakupan import tanggal_snapshot
from ptr_core.dataset import Data, tanggal_per_dataset, terakhir
from ptr_core.iuran import kurang_bulan
from ptr_core.keanggotaan import Keanggotaan, bulan_iuran, status_inti
from ptr_core.partisipasi import asn_per_opd
from ptr_core.periode import IndeksBulan, akhir_bulan, bulan_dari_tanggal, dari_indeks, ke_indeks, rentang_bulan
from ptr_core.settings import Settings

KUNCI = ["bulan", "kode_kecamatan", "kode_opd"]
KOLOM_BULANAN = [*KUNCI, "aktif", "aktif_baru", "menunggak", "nonaktif", "kurang", "dibayar"]
KOLOM_SPONSOR = ["bulan", "kode_opd", "asn_berpartisipasi", "asn_mendaftarkan"]
KOLOM_ASN = ["nip", "bulan", "aktif", "menunggak", "kurang"]
KOLOM_KELURAHAN = ["bulan", "kode_kelurahan", "pekerjaan", "aktif"]


@dataclass(frozen=True)
class Agregat:
    kecamatan: pd.DataFrame
    opd: pd.DataFrame
    cakupan: pd.DataFrame
    target: pd.DataFrame
    asn_opd: pd.DataFrame  # kode_opd, asn_total
    bulanan: pd.DataFrame  # KOLOM_BULANAN
    sponsor: pd.DataFrame  # KOLOM_SPONSOR
    tanggal: dict[str, dt.date | None]  # 'Data per' of each dataset: cakupan, pekerja, iuran
    awal: dt.date | None  # the programme's earliest date: first snapshot or enrolment

    def tanggal_terakhir(self) -> dt.date | None:
        return terakhir(self.tanggal)

    def daftar_bulan(self) -> list[str]:
        """Every month from the first date in the data to the latest ('YYYY-MM'), for the month picker."""
        terakhir = self.tanggal_terakhir()
        if terakhir is None:
            return []
        awal = self.awal or terakhir
        return [dari_indeks(m) for m in rentang_bulan(_indeks(awal), _indeks(terakhir))]

    def bulan(self, bulan: IndeksBulan) -> pd.DataFrame:
        """The rows of `bulanan` of one month."""
        return self.bulanan[self.bulanan["bulan"] == bulan]


def _indeks(tanggal: dt.date) -> IndeksBulan:
    return ke_indeks(bulan_dari_tanggal(tanggal))


def tanggal_awal(data: Data) -> dt.date | None:
    """The earliest date of the programme: its first snapshot or enrolment."""
    awal = [pd.to_datetime(s).min() for s in (data.cakupan["tanggal_data"], data.pekerja["tanggal_daftar"])]
    awal = [a.date() for a in awal if not pd.isna(a)]
    return min(awal) if awal else None


def _belum_dihitung(
    cakupan: pd.DataFrame, kec: np.ndarray, kec_unik: np.ndarray, bulan: np.ndarray, daftar: np.ndarray
) -> np.ndarray:
    """Per row (kecamatan code, month, tanggal_daftar): enrolled after the kecamatan's latest snapshot dated on
    or before the month's last day, or the kecamatan has none (BPJS has not counted the worker yet)."""
    if not len(bulan):
        return np.zeros(0, dtype=bool)
    dari = int(bulan.min())
    # One row per kecamatan code, one column per month: the date of the snapshot in force (NaT: none).
    tabel = tanggal_snapshot(cakupan, pd.Index(kec_unik), akhir_bulan(np.arange(dari, int(bulan.max()) + 1)))
    snap = tabel[kec, bulan - dari]
    return np.isnat(snap) | (daftar > snap)


def bulanan(data: Data, inti: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The month x kecamatan x OPD counts and sums (see the module's docstring), from `status_inti`."""
    p = data.pekerja
    kec, kec_unik = pd.factorize(p["kode_kecamatan"])
    opd, opd_unik = pd.factorize(_opd(p["nip_sponsor"], data.asn))
    k, bulan, kode = (inti[c].to_numpy() for c in ("keanggotaan", "bulan", "kode"))
    daftar = pd.to_datetime(p["tanggal_daftar"]).to_numpy().astype("datetime64[D]")
    aktif, menunggak = kode == 0, kode == 1
    belum = _belum_dihitung(data.cakupan, kec[k], np.asarray(kec_unik), bulan, daftar[k])
    kunci = ["g_bulan", "g_kec", "g_opd"]
    status = (
        pd.DataFrame(
            {
                "g_bulan": bulan,
                "g_kec": kec[k],
                "g_opd": opd[k],
                "aktif": aktif.astype("int64"),
                "aktif_baru": (aktif & belum).astype("int64"),
                "menunggak": menunggak.astype("int64"),
                "nonaktif": (kode == 2).astype("int64"),
                "kurang": _kurang(inti, settings),
            }
        )
        .groupby(kunci)
        .sum()
    )
    # Each payment counts for the kecamatan and OPD of the enrolment it belongs to (Keanggotaan.milik).
    ka = Keanggotaan.dari(p)
    bulan_bayar = bulan_iuran(data.iuran)
    milik = ka.milik(ka.kode_nik(data.iuran["nik"]), bulan_bayar) if len(data.iuran) else np.zeros(0, dtype="int64")
    sah = milik >= 0
    m = milik[sah]
    dibayar = (
        pd.DataFrame(
            {
                "g_bulan": bulan_bayar[sah],
                "g_kec": kec[m],
                "g_opd": opd[m],
                "dibayar": data.iuran["jumlah"].to_numpy(dtype="int64")[sah] if len(data.iuran) else [],
            }
        )
        .astype("int64")
        .groupby(kunci)
        .sum()
    )
    hasil = status.join(dibayar, how="outer").fillna(0).astype("int64").reset_index()
    kode_opd = np.asarray(opd_unik, dtype=object)[hasil["g_opd"].to_numpy()] if len(hasil) else []
    hasil = hasil.assign(
        bulan=hasil["g_bulan"],
        kode_kecamatan=np.asarray(kec_unik, dtype=object)[hasil["g_kec"].to_numpy()] if len(hasil) else [],
        kode_opd=pd.Series(kode_opd, dtype=object).replace("", None).to_numpy(),
    )
    return hasil[KOLOM_BULANAN].sort_values(KUNCI, na_position="last").reset_index(drop=True)


def _kurang(inti: pd.DataFrame, settings: Settings) -> np.ndarray:
    """What each row of `status_inti` (code 1: menunggak) still owes for its month (iuran.kurang_bulan)."""
    return kurang_bulan(inti["dibayar"].to_numpy(), inti["kode"].to_numpy() == 1, settings)


def _opd(nip_sponsor: pd.Series, asn: pd.DataFrame) -> np.ndarray:
    """The sponsor's OPD in the current roster; '' (stored as NULL) when the sponsor is not in it."""
    return nip_sponsor.map(asn.set_index("nip")["kode_opd"]).astype(object).fillna("").to_numpy()


def sponsor(asn: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    """Per month and OPD, from `per_asn`: distinct active ASN of the roster sponsoring an aktif worker
    (asn_berpartisipasi), and any enrolled worker (asn_mendaftarkan: every row of per_asn is one)."""
    aktif = roster[roster["aktif"].astype(bool)]
    hasil = asn.merge(aktif[["nip", "kode_opd"]], on="nip").assign(berpartisipasi=lambda f: f["aktif"] > 0)
    hasil = hasil.groupby(["bulan", "kode_opd"], as_index=False).agg(
        asn_berpartisipasi=("berpartisipasi", "sum"), asn_mendaftarkan=("nip", "size")
    )
    return hasil.astype({"bulan": "int64", "asn_berpartisipasi": "int64", "asn_mendaftarkan": "int64"})[KOLOM_SPONSOR]


def per_asn(data: Data, inti: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Per sponsor NIP and month: their workers aktif and menunggak in the month, and what those still owe for it
    (`kurang`). Months in which every worker of theirs is nonaktif or gone have no row."""
    sp, sp_unik = pd.factorize(data.pekerja["nip_sponsor"])
    k, kode = inti["keanggotaan"].to_numpy(), inti["kode"].to_numpy()
    s = sp[k]
    pilih = (kode != 2) & (s >= 0)
    hasil = (
        pd.DataFrame(
            {
                "s": s[pilih],
                "bulan": inti["bulan"].to_numpy()[pilih],
                "aktif": (kode[pilih] == 0).astype("int64"),
                "menunggak": (kode[pilih] == 1).astype("int64"),
                "kurang": _kurang(inti, settings)[pilih],
            }
        )
        .groupby(["s", "bulan"], as_index=False)
        .sum()
    )
    hasil.insert(0, "nip", np.asarray(sp_unik, dtype=object)[hasil.pop("s").to_numpy()])
    return hasil.astype({k: "int64" for k in KOLOM_ASN[1:]})[KOLOM_ASN]


def per_kelurahan(data: Data, inti: pd.DataFrame) -> pd.DataFrame:
    """Per month, kelurahan and pekerjaan: the programme workers aktif (the kecamatan page's charts)."""
    kel, kel_unik = pd.factorize(data.pekerja["kode_kelurahan"])
    kerja, kerja_unik = pd.factorize(data.pekerja["pekerjaan"])
    aktif = inti["kode"].to_numpy() == 0
    k = inti["keanggotaan"].to_numpy()[aktif]
    # One integer per (month, kelurahan, pekerjaan): grouping strings took longer than all the other summaries.
    kunci = (inti["bulan"].to_numpy()[aktif] * len(kel_unik) + kel[k]) * len(kerja_unik) + kerja[k]
    nilai, jumlah = np.unique(kunci, return_counts=True)
    bulan, sisa = np.divmod(nilai, len(kel_unik) * len(kerja_unik))
    return pd.DataFrame(
        {
            "bulan": bulan.astype("int64"),
            "kode_kelurahan": np.asarray(kel_unik, dtype=object)[sisa // len(kerja_unik)],
            "pekerjaan": np.asarray(kerja_unik, dtype=object)[sisa % len(kerja_unik)],
            "aktif": jumlah.astype("int64"),
        }
    )[KOLOM_KELURAHAN]


def bulan_akhir(tanggal: dict[str, dt.date | None]) -> IndeksBulan | None:
    """The last month the summaries cover: the month of the latest date in the data."""
    t = terakhir(tanggal)
    return None if t is None else _indeks(t)


@dataclass(frozen=True)
class TabelAgregat:
    """Everything `hitung` computes, each a table stored at commit (agregat_db)."""

    bulanan: pd.DataFrame  # KOLOM_BULANAN
    sponsor: pd.DataFrame  # KOLOM_SPONSOR
    asn: pd.DataFrame  # KOLOM_ASN
    kelurahan: pd.DataFrame  # KOLOM_KELURAHAN
    gugur: np.ndarray  # per row of `pekerja`: the month its membership lapsed, -1 if it did not


def hitung(
    data: Data,
    settings: Settings,
    akhir: IndeksBulan,
    sejak: IndeksBulan | None = None,
    gugur_sejak: np.ndarray | None = None,
) -> TabelAgregat:
    """`bulanan`, `sponsor`, `per_asn` and `per_kelurahan` with statuses up to month index `akhir`, and per row
    of `pekerja` the month its membership lapsed (-1: not by `akhir`).

    With `sejak` (after an upload of payments for that month onwards), only the months from `sejak` on:
    `data.iuran` need only hold payments from `sejak - bulan_sampai_nonaktif + 1` on, and `gugur_sejak` the
    lapses before `sejak` (status_inti's window); a lapse month returned is then one from `sejak` on.
    """
    dari = None if sejak is None else IndeksBulan(sejak - settings.bulan_sampai_nonaktif + 1)
    inti = status_inti(data.pekerja, data.iuran, akhir, settings, dari, gugur_sejak)
    if sejak is not None:
        inti = inti[inti["bulan"].to_numpy() >= sejak]
        data = replace(data, iuran=data.iuran[bulan_iuran(data.iuran) >= sejak])
    lapse = inti[inti["kode"].to_numpy() == 2].groupby("keanggotaan")["bulan"].min()
    gugur = np.full(len(data.pekerja), -1, dtype="int64")
    gugur[lapse.index.to_numpy()] = lapse.to_numpy()
    asn = per_asn(data, inti, settings)
    return TabelAgregat(bulanan(data, inti, settings), sponsor(asn, data.asn), asn, per_kelurahan(data, inti), gugur)


def gabung(bagian: list[TabelAgregat], roster: pd.DataFrame) -> TabelAgregat:
    """The summaries of several blocks of workers (each worker's enrolments and payments in one block) as one:
    counts and sums added up; distinct sponsors derived again from the added per-sponsor rows; `gugur` in the
    blocks' order."""
    if len(bagian) == 1:
        return bagian[0]

    def jumlah(nama: str, kunci: list[str]) -> pd.DataFrame:
        semua = pd.concat([getattr(h, nama) for h in bagian], ignore_index=True)
        hasil = semua.groupby(kunci, as_index=False, dropna=False, sort=False).sum()
        return hasil.sort_values(kunci, na_position="last", ignore_index=True)

    asn = jumlah("asn", ["nip", "bulan"])
    return TabelAgregat(
        bulanan=jumlah("bulanan", KUNCI),
        sponsor=sponsor(asn, roster),
        asn=asn,
        kelurahan=jumlah("kelurahan", ["bulan", "kode_kelurahan", "pekerjaan"]),
        gugur=np.concatenate([h.gugur for h in bagian]),
    )


def agregat_dari_baris(
    data: Data, settings: Settings, sampai: IndeksBulan | None = None, tanggal: dict[str, dt.date | None] | None = None
) -> Agregat:
    """The summaries of the data, with statuses up to month index `sampai` (at least the latest month with data).
    `tanggal`, the latest date of each dataset, may come from the database (`queries.muat_untuk_agregat`)."""
    tanggal = tanggal_per_dataset(data) if tanggal is None else tanggal
    akhir = IndeksBulan(max(m for m in (bulan_akhir(tanggal), sampai, 0) if m is not None))
    h = hitung(data, settings, akhir)
    return Agregat(
        kecamatan=data.kecamatan,
        opd=data.opd,
        cakupan=data.cakupan,
        target=data.target,
        asn_opd=asn_per_opd(data.asn),
        bulanan=h.bulanan,
        sponsor=h.sponsor,
        tanggal=tanggal,
        awal=tanggal_awal(data),
    )
