"""Partisipasi ASN: the share of a unit's active civil servants who sponsor an active worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ptr_core.akses import Akses, AksesDitolak, rincian_terlindungi
from ptr_core.cakupan import jumlahkan, kolom_persen
from ptr_core.dataset import Data
from ptr_core.iuran import tunggakan_per_sponsor
from ptr_core.keanggotaan import AKTIF, MENUNGGAK, daftar_pekerja, status_bulan
from ptr_core.settings import Settings

if TYPE_CHECKING:
    from ptr_core.agregat import Ikhtisar


def partisipasi_opd(ikhtisar: Ikhtisar, bulan: int) -> pd.DataFrame:
    """Per OPD in a month, over the current roster (a sponsor counts for the OPD they are in now).

    asn_berpartisipasi = distinct active ASN who sponsor at least one worker aktif in the month;
    asn_mendaftarkan = the looser count: at least one enrolled worker (aktif or menunggak);
    pekerja_program_aktif = workers aktif in the month whose sponsor is in the OPD.
    """
    sponsor = ikhtisar.sponsor[ikhtisar.sponsor["bulan"] == bulan].set_index("kode_opd")
    per_opd = pd.DataFrame(
        {
            "asn_total": ikhtisar.asn_opd.set_index("kode_opd")["asn_total"],
            "asn_berpartisipasi": sponsor["asn_berpartisipasi"],
            "asn_mendaftarkan": sponsor["asn_mendaftarkan"],
            "pekerja_program_aktif": ikhtisar.bulan(bulan).groupby("kode_opd")["aktif"].sum(),
        }
    )
    hasil = ikhtisar.opd[["kode_opd", "nama_opd", "jenis"]].merge(
        per_opd, left_on="kode_opd", right_index=True, how="left"
    )
    kolom = ["asn_total", "asn_berpartisipasi", "asn_mendaftarkan", "pekerja_program_aktif"]
    hasil[kolom] = hasil[kolom].fillna(0).astype("int64")
    hasil = hasil.sort_values("kode_opd").reset_index(drop=True)
    hasil["partisipasi_asn_persen"] = kolom_persen(hasil, "asn_berpartisipasi", "asn_total")
    return hasil


SPONSOR_AKTIF = "mensponsori aktif"
SPONSOR_MENUNGGAK = "menunggak"
SPONSOR_BELUM = "belum"


def partisipasi_per_jenis(per_opd: pd.DataFrame) -> pd.DataFrame:
    """Participation of all OPDs of one kind together: summed counts, then divided."""
    return jumlahkan(per_opd, "jenis", "asn_berpartisipasi", "asn_total", "partisipasi_asn_persen")


def status_asn(asn: pd.DataFrame, panel: pd.DataFrame, bulan: int) -> pd.DataFrame:
    """Each active ASN with their sponsorship in the month: mensponsori aktif (at least one worker
    aktif), menunggak (enrolled workers, none paid up) or belum (no enrolled worker)."""
    bulan_ini = status_bulan(panel, bulan)
    hitung = (
        bulan_ini.assign(aktif=bulan_ini["status"] == AKTIF, menunggak=bulan_ini["status"] == MENUNGGAK)
        .groupby("nip_sponsor")[["aktif", "menunggak"]]
        .sum()
        .rename(columns={"aktif": "pekerja_aktif", "menunggak": "pekerja_menunggak"})
    )
    hasil = asn[asn["aktif"].astype(bool)].merge(hitung, left_on="nip", right_index=True, how="left")
    hasil[["pekerja_aktif", "pekerja_menunggak"]] = (
        hasil[["pekerja_aktif", "pekerja_menunggak"]].fillna(0).astype("int64")
    )
    hasil["status_sponsor"] = np.select(
        [hasil["pekerja_aktif"] > 0, hasil["pekerja_menunggak"] > 0],
        [SPONSOR_AKTIF, SPONSOR_MENUNGGAK],
        SPONSOR_BELUM,
    )
    return hasil.reset_index(drop=True)


def tren_partisipasi(ikhtisar: Ikhtisar, dari: int, sampai: int) -> pd.DataFrame:
    """partisipasi_opd for every month from `dari` to `sampai`, long (one row per month and OPD)."""
    return pd.concat([partisipasi_opd(ikhtisar, m).assign(bulan=m) for m in range(dari, sampai + 1)], ignore_index=True)


def partisipasi_kota_per_bulan(tren: pd.DataFrame) -> pd.DataFrame:
    """The city's participation per month from `tren_partisipasi`: summed counts, then divided."""
    return jumlahkan(tren, "bulan", "asn_berpartisipasi", "asn_total", "partisipasi_asn_persen")


def rincian_opd(
    akses: Akses,
    data: Data,
    panel: pd.DataFrame,
    bulan: int,
    kode_opd: str,
    settings: Settings,
    nik_penuh: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An OPD's follow-up lists, for a viewer allowed to see that OPD: its active ASN with their sponsorship
    status and arrears, and the workers they sponsor (NIK masked, names only for roles that need them)."""
    if not akses.boleh_opd(kode_opd):
        raise AksesDitolak(f"{akses.email} tidak berhak melihat rincian OPD {kode_opd}")
    asn_opd = data.asn[data.asn["kode_opd"] == kode_opd]
    status = status_asn(asn_opd, panel, bulan)
    tunggak = tunggakan_per_sponsor(panel, bulan, settings)[["nip_sponsor", "tunggakan"]]
    daftar = status.merge(tunggak, left_on="nip", right_on="nip_sponsor", how="left").fillna({"tunggakan": 0})
    daftar = daftar[["nip", "nama", "status", "status_sponsor", "pekerja_aktif", "pekerja_menunggak", "tunggakan"]]
    daftar = daftar.astype({"tunggakan": "int64"}).rename(columns={"status": "status_asn"})
    pekerja = daftar_pekerja(data.pekerja, panel, bulan)
    pekerja = pekerja[pekerja["nip_sponsor"].isin(asn_opd["nip"])]
    pekerja = pekerja[["nik", "nama", "pekerjaan", "nama_kelurahan", "nip_sponsor", "status"]]
    return daftar.reset_index(drop=True), rincian_terlindungi(akses, pekerja.reset_index(drop=True), nik_penuh)
