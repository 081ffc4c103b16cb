"""Cakupan (coverage): the share of informal workers who are active BPJS Ketenagakerjaan participants."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, TypedDict

import numpy as np
import pandas as pd

from ptr_core.periode import IndeksBulan, dari_indeks, hari_terakhir, rentang_bulan

if TYPE_CHECKING:
    from ptr_core.agregat import Agregat


def persen(pembilang: int, penyebut: int) -> float | None:
    """100 x pembilang / penyebut rounded half-up to 2 decimals; None when the denominator is 0."""
    if not penyebut:
        return None
    hasil = Decimal(100 * int(pembilang)) / Decimal(int(penyebut))
    return float(hasil.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def kolom_persen(frame: pd.DataFrame, pembilang: str, penyebut: str) -> pd.Series:
    """`persen` row by row (None where the denominator is 0)."""
    return pd.Series([persen(a, b) for a, b in zip(frame[pembilang], frame[penyebut])], dtype=object, index=frame.index)


def jumlahkan(frame: pd.DataFrame, kunci: str, pembilang: str, penyebut: str, nama: str) -> pd.DataFrame:
    """Counts summed per `kunci`, then divided: a total is never an average of percentages."""
    hasil = frame.groupby(kunci, as_index=False)[[penyebut, pembilang]].sum()
    hasil[nama] = kolom_persen(hasil, pembilang, penyebut)
    return hasil


def tanggal_snapshot(cakupan: pd.DataFrame, kecamatan: pd.Index, hari: np.ndarray) -> np.ndarray:
    """The snapshot in force: per kecamatan (a row each, in the order of `kecamatan`) and day (a column each, of
    `hari`, datetime64[D]), the date of the kecamatan's latest snapshot dated on or before that day; NaT if none."""
    tabel = np.full((len(kecamatan), len(hari)), np.datetime64("NaT"), dtype="datetime64[D]")
    tanggal = pd.to_datetime(cakupan["tanggal_data"]).to_numpy().astype("datetime64[D]")
    posisi = kecamatan.get_indexer(cakupan["kode_kecamatan"])
    for i in range(len(kecamatan)):
        urut = np.sort(tanggal[posisi == i])
        pos = np.searchsorted(urut, hari, side="right") - 1
        tabel[i] = np.where(pos >= 0, urut[np.clip(pos, 0, None)] if len(urut) else hari, np.datetime64("NaT"))
    return tabel


def snapshot_terakhir(cakupan: pd.DataFrame, tanggal: dt.date) -> pd.DataFrame:
    """Each kecamatan's snapshot in force on `tanggal` (tanggal_snapshot): its latest dated on or before it."""
    kecamatan = pd.Index(cakupan["kode_kecamatan"].unique())
    berlaku = tanggal_snapshot(cakupan, kecamatan, np.array([tanggal], dtype="datetime64[D]"))[:, 0]
    tanggal_data = pd.to_datetime(cakupan["tanggal_data"]).to_numpy().astype("datetime64[D]")
    pilih = tanggal_data == berlaku[kecamatan.get_indexer(cakupan["kode_kecamatan"])]
    return cakupan[pilih].sort_values("tanggal_data", kind="stable")


def cakupan_kecamatan(agregat: Agregat, bulan: IndeksBulan) -> pd.DataFrame:
    """Coverage of every kecamatan in month `bulan`.

    peserta_aktif = peserta_aktif of the latest snapshot on or before the end of the month, plus
    programme workers of that kecamatan active in the month whose tanggal_daftar is after that
    snapshot's date (BPJS has not counted them yet: `aktif_baru` of the summaries). A kecamatan with no
    snapshot has 0 informal workers known, its active programme workers as participants, and no percentage.
    """
    akhir_bulan = hari_terakhir(dari_indeks(bulan))
    snap = snapshot_terakhir(agregat.cakupan, akhir_bulan)[
        ["kode_kecamatan", "tanggal_data", "pekerja_informal", "peserta_aktif"]
    ]
    hasil = agregat.kecamatan[["kode_kecamatan", "nama_kecamatan"]].merge(snap, on="kode_kecamatan", how="left")
    tambahan = agregat.bulan(bulan).groupby("kode_kecamatan")["aktif_baru"].sum().rename("pekerja_program_baru")
    hasil = hasil.merge(tambahan, left_on="kode_kecamatan", right_index=True, how="left")
    for kolom in ("pekerja_informal", "peserta_aktif", "pekerja_program_baru"):
        hasil[kolom] = hasil[kolom].fillna(0).astype("int64")
    hasil["peserta_aktif"] = hasil["peserta_aktif"] + hasil["pekerja_program_baru"]
    hasil["cakupan_persen"] = kolom_persen(hasil, "peserta_aktif", "pekerja_informal")
    return hasil.sort_values("kode_kecamatan").reset_index(drop=True)


class CakupanKota(TypedDict):
    pekerja_informal: int
    peserta_aktif: int
    cakupan_persen: float | None
    belum_terlindungi: int


def cakupan_kota(per_kecamatan: pd.DataFrame) -> CakupanKota:
    """The city: sums of kecamatan counts, then divided (never an average of percentages)."""
    informal = int(per_kecamatan["pekerja_informal"].sum())
    peserta = int(per_kecamatan["peserta_aktif"].sum())
    return {
        "pekerja_informal": informal,
        "peserta_aktif": peserta,
        "cakupan_persen": persen(peserta, informal),
        "belum_terlindungi": max(informal - peserta, 0),
    }


def tren_cakupan(agregat: Agregat, dari: IndeksBulan, sampai: IndeksBulan) -> pd.DataFrame:
    """cakupan_kecamatan for every month from `dari` to `sampai`, long (one row per month and kecamatan)."""
    return pd.concat(
        [cakupan_kecamatan(agregat, m).assign(bulan=m) for m in rentang_bulan(dari, sampai)], ignore_index=True
    )


def tren_kota(per_bulan_kecamatan: pd.DataFrame) -> pd.DataFrame:
    """The city per month from `tren_cakupan`: summed counts, then divided."""
    return jumlahkan(per_bulan_kecamatan, "bulan", "peserta_aktif", "pekerja_informal", "cakupan_persen")


def rincian_kecamatan(
    agregat: Agregat, per_kelurahan: pd.DataFrame, bulan: IndeksBulan, kode_kecamatan: str
) -> dict[str, pd.DataFrame]:
    """A kecamatan's programme workers aktif in the month, counted per kelurahan and per pekerjaan (from
    `per_kelurahan`, the kecamatan's rows of the kelurahan summary: queries.aktif_per_kelurahan) and per
    sponsoring OPD. Fewest first, for horizontal bars; the OPD table most first. Who may see it is decided by the
    caller (akses.Akses.boleh_kecamatan), before the kecamatan's rows are read."""
    bulan_ini = per_kelurahan[per_kelurahan["bulan"] == bulan].rename(columns={"aktif": "pekerja_aktif"})
    kec = agregat.bulan(bulan)
    opd = (
        kec[kec["kode_kecamatan"] == kode_kecamatan]
        .merge(agregat.opd[["kode_opd", "nama_opd"]], on="kode_opd")
        .rename(columns={"aktif": "pekerja_aktif"})
    )

    def hitung(frame: pd.DataFrame, kolom: str) -> pd.DataFrame:
        jumlah = frame.groupby(kolom, as_index=False)["pekerja_aktif"].sum()
        jumlah = jumlah[jumlah["pekerja_aktif"] > 0].astype({"pekerja_aktif": "int64"})
        return jumlah.sort_values(["pekerja_aktif", kolom], ascending=[True, False]).reset_index(drop=True)

    return {
        "kelurahan": hitung(bulan_ini, "nama_kelurahan"),
        "pekerjaan": hitung(bulan_ini, "pekerjaan"),
        "opd": hitung(opd, "nama_opd").iloc[::-1].reset_index(drop=True),
    }
