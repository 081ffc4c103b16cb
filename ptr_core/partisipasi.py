"""Partisipasi ASN: the share of a unit's active civil servants who sponsor an active worker."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ptr_core.cakupan import jumlahkan, kolom_persen
from ptr_core.periode import IndeksBulan, rentang_bulan

if TYPE_CHECKING:
    from ptr_core.agregat import Agregat


def asn_per_opd(asn: pd.DataFrame) -> pd.DataFrame:
    """asn_total: the active ASN of each OPD in the roster (kode_opd, aktif), participation's denominator."""
    aktif = asn[asn["aktif"].astype(bool)]
    return aktif.groupby("kode_opd").size().rename("asn_total").reset_index()


def partisipasi_opd(agregat: Agregat, bulan: IndeksBulan) -> pd.DataFrame:
    """Per OPD in a month, over the current roster (a sponsor counts for the OPD they are in now).

    asn_berpartisipasi = distinct active ASN who sponsor at least one worker aktif in the month;
    asn_mendaftarkan = the looser count: at least one enrolled worker (aktif or menunggak);
    pekerja_program_aktif = workers aktif in the month whose sponsor is in the OPD.
    """
    sponsor = agregat.sponsor[agregat.sponsor["bulan"] == bulan].set_index("kode_opd")
    per_opd = pd.DataFrame(
        {
            "asn_total": agregat.asn_opd.set_index("kode_opd")["asn_total"],
            "asn_berpartisipasi": sponsor["asn_berpartisipasi"],
            "asn_mendaftarkan": sponsor["asn_mendaftarkan"],
            "pekerja_program_aktif": agregat.bulan(bulan).groupby("kode_opd")["aktif"].sum(),
        }
    )
    hasil = agregat.opd[["kode_opd", "nama_opd", "jenis"]].merge(
        per_opd, left_on="kode_opd", right_index=True, how="left"
    )
    kolom = ["asn_total", "asn_berpartisipasi", "asn_mendaftarkan", "pekerja_program_aktif"]
    hasil[kolom] = hasil[kolom].fillna(0).astype("int64")
    hasil = hasil.sort_values("kode_opd").reset_index(drop=True)
    hasil["partisipasi_asn_persen"] = kolom_persen(hasil, "asn_berpartisipasi", "asn_total")
    return hasil


def teratas_terbawah(per_opd: pd.DataFrame, paling_banyak: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The OPDs with active ASN split into the highest and the lowest participation, none in both: of n such OPDs
    ranked from the highest (ties in order of kode_opd), the top list takes the first ceil(n/2) up to
    `paling_banyak`, highest first, and the bottom list the last of the rest up to `paling_banyak`, lowest first.
    One OPD: a top list of one and no bottom list."""
    opd = per_opd[per_opd["asn_total"] > 0].sort_values(
        ["partisipasi_asn_persen", "kode_opd"], ascending=[False, True], kind="stable"
    )
    n_atas = min(math.ceil(len(opd) / 2), paling_banyak)
    n_bawah = min(len(opd) - n_atas, paling_banyak)
    atas = opd.iloc[:n_atas]
    bawah = opd.iloc[len(opd) - n_bawah :].iloc[::-1]
    return atas.reset_index(drop=True), bawah.reset_index(drop=True)


SPONSOR_AKTIF = "mensponsori aktif"
SPONSOR_MENUNGGAK = "menunggak"
SPONSOR_BELUM = "belum"
# An ASN's sponsorship status in a month, from their workers `aktif` and `menunggak` in it (the sponsor summary,
# agregat.per_asn): the first status whose count is above 0, else belum. The OPD's ASN list is paged in SQL by a
# CASE built from this table (daftar).
ATURAN_SPONSOR = ((SPONSOR_AKTIF, "aktif"), (SPONSOR_MENUNGGAK, "menunggak"))
STATUS_SPONSOR = (*(status for status, _ in ATURAN_SPONSOR), SPONSOR_BELUM)


def status_sponsor_asn(per_asn: pd.DataFrame) -> pd.Series:
    """Each ASN's sponsorship status from their workers `aktif` and `menunggak` in the month (ATURAN_SPONSOR)."""
    kondisi = [per_asn[kolom].to_numpy() > 0 for _, kolom in ATURAN_SPONSOR]
    status = np.select(kondisi, [status for status, _ in ATURAN_SPONSOR], SPONSOR_BELUM)
    return pd.Series(status, index=per_asn.index, dtype=object)


def status_sponsor(opd: pd.Series) -> dict[str, int]:
    """How many of an OPD's active ASN are in each sponsorship status (status_sponsor_asn) in the month, from its
    row of `partisipasi_opd`: mensponsori aktif = asn_berpartisipasi (an aktif worker); menunggak =
    asn_mendaftarkan - asn_berpartisipasi (enrolled workers, none aktif); belum = asn_total - asn_mendaftarkan (no
    enrolled worker)."""
    return {
        SPONSOR_AKTIF: int(opd["asn_berpartisipasi"]),
        SPONSOR_MENUNGGAK: int(opd["asn_mendaftarkan"] - opd["asn_berpartisipasi"]),
        SPONSOR_BELUM: int(opd["asn_total"] - opd["asn_mendaftarkan"]),
    }


def partisipasi_per_jenis(per_opd: pd.DataFrame) -> pd.DataFrame:
    """Participation of all OPDs of one kind together: summed counts, then divided."""
    return jumlahkan(per_opd, "jenis", "asn_berpartisipasi", "asn_total", "partisipasi_asn_persen")


def tren_partisipasi(agregat: Agregat, dari: IndeksBulan, sampai: IndeksBulan) -> pd.DataFrame:
    """partisipasi_opd for every month from `dari` to `sampai`, long (one row per month and OPD)."""
    return pd.concat(
        [partisipasi_opd(agregat, m).assign(bulan=m) for m in rentang_bulan(dari, sampai)], ignore_index=True
    )


def partisipasi_kota_per_bulan(tren: pd.DataFrame) -> pd.DataFrame:
    """The city's participation per month from `tren_partisipasi`: summed counts, then divided."""
    return jumlahkan(tren, "bulan", "asn_berpartisipasi", "asn_total", "partisipasi_asn_persen")
