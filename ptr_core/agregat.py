"""The summaries every dashboard page draws from, computed once when the data changes.

Data changes only when an upload commits or is rolled back. At that moment `ringkas` turns the row-level
facts (every enrolment and payment) into small tables, and the metric functions (cakupan, partisipasi,
iuran, ringkasan) derive every figure from them, so a page never reads row-level payments:

- `bulanan`: one row per month x kecamatan x OPD of the sponsor (current roster; None when the sponsor is
  not in it) with the programme workers aktif, menunggak and nonaktif, the aktif ones BPJS has not counted
  yet (`aktif_baru`: enrolled after the kecamatan's latest snapshot of that month, see cakupan), what the
  menunggak ones still owe for the month (`kurang`) and the payments for the month (`dibayar`);
- `sponsor`: per month x OPD, the active ASN of its roster who sponsor an aktif worker
  (`asn_berpartisipasi`) or any enrolled worker (`asn_mendaftarkan`) — distinct people, so not additive
  over kecamatan and kept apart;
- `asn_opd`: active ASN per OPD; and the small reference frames and the latest date of each dataset.

Only months with something to count have rows; a missing row means zeros.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ptr_core.dataset import Data, tanggal_per_dataset
from ptr_core.iuran import iuran_berbulan
from ptr_core.keanggotaan import AKTIF, MENUNGGAK, NONAKTIF, panel_status
from ptr_core.periode import bulan_dari_tanggal, dari_indeks, ke_indeks
from ptr_core.settings import Settings

KUNCI = ["bulan", "kode_kecamatan", "kode_opd"]
KOLOM_BULANAN = [*KUNCI, "aktif", "aktif_baru", "menunggak", "nonaktif", "kurang", "dibayar"]
KOLOM_SPONSOR = ["bulan", "kode_opd", "asn_berpartisipasi", "asn_mendaftarkan"]


@dataclass(frozen=True)
class Ikhtisar:
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
        """'Data per': the latest date any upload speaks of (payments, enrolments, snapshots)."""
        semua = [t for t in self.tanggal.values() if t is not None]
        return max(semua) if semua else None

    def daftar_bulan(self) -> list[str]:
        """Every month from the first date in the data to the latest ('YYYY-MM'), for the month picker."""
        terakhir = self.tanggal_terakhir()
        if terakhir is None:
            return []
        awal = self.awal or terakhir
        return [dari_indeks(m) for m in range(_indeks(awal), _indeks(terakhir) + 1)]

    def bulan(self, bulan: int) -> pd.DataFrame:
        """The rows of `bulanan` of one month."""
        return self.bulanan[self.bulanan["bulan"] == bulan]


def _indeks(tanggal: dt.date) -> int:
    return ke_indeks(bulan_dari_tanggal(tanggal))


def tanggal_awal(data: Data) -> dt.date | None:
    """The earliest date of the programme: its first snapshot or enrolment."""
    awal = [pd.to_datetime(s).min() for s in (data.cakupan["tanggal_data"], data.pekerja["tanggal_daftar"])]
    awal = [a.date() for a in awal if not pd.isna(a)]
    return min(awal) if awal else None


def asn_per_opd(asn: pd.DataFrame) -> pd.DataFrame:
    aktif = asn[asn["aktif"].astype(bool)]
    return aktif.groupby("kode_opd").size().rename("asn_total").reset_index()


def _snapshot_per_bulan(cakupan: pd.DataFrame, bulan: np.ndarray) -> pd.DataFrame:
    """For each kecamatan and month, the date of its latest snapshot on or before the month's last day."""
    if cakupan.empty or not len(bulan):
        return pd.DataFrame(
            {
                "kode_kecamatan": pd.Series(dtype=object),
                "bulan": pd.Series(dtype="int64"),
                "tanggal_snapshot": pd.Series(dtype="datetime64[ns]"),
            }
        )
    # The month's last day: the first day of the next month, minus one day.
    berikut = pd.DataFrame({"year": (bulan + 1) // 12, "month": (bulan + 1) % 12 + 1, "day": 1})
    akhir = pd.DataFrame({"bulan": bulan, "akhir": pd.to_datetime(berikut) - pd.Timedelta(days=1)})
    snap = cakupan[["kode_kecamatan", "tanggal_data"]].assign(tanggal_data=lambda f: pd.to_datetime(f["tanggal_data"]))
    hasil = []
    for kode, tanggal in snap.groupby("kode_kecamatan")["tanggal_data"]:
        urut = np.sort(tanggal.to_numpy())
        posisi = np.searchsorted(urut, akhir["akhir"].to_numpy(), side="right") - 1
        hasil.append(
            pd.DataFrame(
                {
                    "kode_kecamatan": kode,
                    "bulan": bulan,
                    "tanggal_snapshot": np.where(posisi >= 0, urut[np.clip(posisi, 0, None)], np.datetime64("NaT")),
                }
            )
        )
    return pd.concat(hasil, ignore_index=True)


def bulanan(data: Data, panel: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The month x kecamatan x OPD counts and sums (see the module's docstring)."""
    opd_dari = data.asn.set_index("nip")["kode_opd"]
    p = panel[["bulan", "kode_kecamatan", "nip_sponsor", "tanggal_daftar", "status", "dibayar"]]
    aktif = (p["status"] == AKTIF).to_numpy()
    menunggak = (p["status"] == MENUNGGAK).to_numpy()
    snap = _snapshot_per_bulan(data.cakupan, np.unique(p["bulan"].to_numpy()))
    tanggal_snap = p[["kode_kecamatan", "bulan"]].merge(snap, on=["kode_kecamatan", "bulan"], how="left")
    daftar = pd.to_datetime(p["tanggal_daftar"]).to_numpy()
    snap_t = tanggal_snap["tanggal_snapshot"].to_numpy()
    belum_dihitung = np.isnat(snap_t) | (daftar > snap_t)
    hitung = pd.DataFrame(
        {
            "bulan": p["bulan"].to_numpy(),
            "kode_kecamatan": p["kode_kecamatan"].to_numpy(),
            "kode_opd": _opd(p["nip_sponsor"], opd_dari),
            "aktif": aktif.astype("int64"),
            "aktif_baru": (aktif & belum_dihitung).astype("int64"),
            "menunggak": menunggak.astype("int64"),
            "nonaktif": (p["status"] == NONAKTIF).to_numpy().astype("int64"),
            "kurang": np.where(menunggak, (settings.iuran_bulanan - p["dibayar"]).clip(lower=0), 0).astype("int64"),
        }
    )
    status = hitung.groupby(KUNCI, as_index=False).sum()

    dibayar = _dibayar(data, opd_dari)

    jenis = {"bulan": "int64", "kode_kecamatan": object, "kode_opd": object}
    hasil = status.astype(jenis).merge(dibayar.astype(jenis), on=KUNCI, how="outer")
    angka = KOLOM_BULANAN[3:]
    hasil[angka] = hasil[angka].fillna(0).astype("int64")
    hasil["kode_opd"] = hasil["kode_opd"].replace("", None)
    return hasil[KOLOM_BULANAN].sort_values(KUNCI, na_position="last").reset_index(drop=True)


def _opd(nip_sponsor: pd.Series, opd_dari: pd.Series) -> np.ndarray:
    """The sponsor's OPD in the current roster; '' (stored as NULL) when the sponsor is not in it."""
    return nip_sponsor.map(opd_dari).astype(object).fillna("").to_numpy()


def _dibayar(data: Data, opd_dari: pd.Series) -> pd.DataFrame:
    """Payments per month x kecamatan x OPD, each attributed to its enrolment (iuran.iuran_berbulan)."""
    if data.iuran.empty:
        return pd.DataFrame({k: pd.Series(dtype="int64" if k == "bulan" else object) for k in KUNCI}).assign(dibayar=0)
    bayar = iuran_berbulan(data.iuran, data.pekerja)
    bayar = pd.DataFrame(
        {
            "bulan": bayar["bulan"].astype("int64"),
            "kode_kecamatan": bayar["kode_kecamatan"],
            "kode_opd": _opd(bayar["nip_sponsor"], opd_dari),
            "dibayar": bayar["jumlah"].astype("int64"),
        }
    )
    return bayar.groupby(KUNCI, as_index=False)["dibayar"].sum()


def sponsor(asn: pd.DataFrame, panel: pd.DataFrame) -> pd.DataFrame:
    """Per month and OPD: distinct active ASN sponsoring an aktif worker, and any enrolled worker."""
    roster = asn[asn["aktif"].astype(bool)].set_index("nip")["kode_opd"]
    terdaftar = panel[panel["status"].isin([AKTIF, MENUNGGAK]) & panel["nip_sponsor"].isin(roster.index)]
    per_asn = (
        terdaftar.assign(aktif=terdaftar["status"] == AKTIF)
        .groupby(["bulan", "nip_sponsor"], as_index=False)["aktif"]
        .any()
    )
    per_asn["kode_opd"] = per_asn["nip_sponsor"].map(roster)
    hasil = per_asn.groupby(["bulan", "kode_opd"], as_index=False).agg(
        asn_berpartisipasi=("aktif", "sum"), asn_mendaftarkan=("aktif", "size")
    )
    return hasil.astype({"asn_berpartisipasi": "int64", "asn_mendaftarkan": "int64"})[KOLOM_SPONSOR]


def bulan_akhir(tanggal: dict[str, dt.date | None]) -> int | None:
    """The last month the summaries cover: the month of the latest date in the data."""
    semua = [t for t in tanggal.values() if t is not None]
    return _indeks(max(semua)) if semua else None


def ringkas(data: Data, settings: Settings, sampai: int | None = None) -> Ikhtisar:
    """The summaries of the data, with statuses up to month index `sampai` (at least the latest month with data)."""
    tanggal = tanggal_per_dataset(data)
    akhir = max(m for m in (bulan_akhir(tanggal), sampai, 0) if m is not None)
    panel = panel_status(data.pekerja, data.iuran, akhir, settings)
    return Ikhtisar(
        kecamatan=data.kecamatan,
        opd=data.opd,
        cakupan=data.cakupan,
        target=data.target,
        asn_opd=asn_per_opd(data.asn),
        bulanan=bulanan(data, panel, settings),
        sponsor=sponsor(data.asn, panel),
        tanggal=tanggal,
        awal=tanggal_awal(data),
    )
