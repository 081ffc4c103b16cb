"""Partisipasi ASN: the share of a unit's active civil servants who sponsor an active worker."""

from __future__ import annotations

import pandas as pd

from ptr_core.cakupan import persen
from ptr_core.keanggotaan import AKTIF, MENUNGGAK, status_bulan


def partisipasi_opd(opd: pd.DataFrame, asn: pd.DataFrame, panel: pd.DataFrame, bulan: int) -> pd.DataFrame:
    """Per OPD in a month, over the current roster (a sponsor counts for the OPD they are in now).

    asn_berpartisipasi = distinct active ASN who sponsor at least one worker aktif in the month;
    asn_mendaftarkan = the looser count: at least one enrolled worker (aktif or menunggak);
    pekerja_program_aktif = workers aktif in the month whose sponsor is in the OPD.
    """
    bulan_ini = status_bulan(panel, bulan)
    terdaftar = bulan_ini[bulan_ini["status"].isin([AKTIF, MENUNGGAK])]
    aktif = terdaftar[terdaftar["status"] == AKTIF]
    roster = asn[["nip", "kode_opd", "aktif"]]
    asn_aktif = roster[roster["aktif"].astype(bool)]

    per_opd = pd.DataFrame(
        {
            "asn_total": asn_aktif.groupby("kode_opd").size(),
            "asn_berpartisipasi": asn_aktif[asn_aktif["nip"].isin(aktif["nip_sponsor"])].groupby("kode_opd").size(),
            "asn_mendaftarkan": asn_aktif[asn_aktif["nip"].isin(terdaftar["nip_sponsor"])].groupby("kode_opd").size(),
            "pekerja_program_aktif": aktif.merge(roster, left_on="nip_sponsor", right_on="nip")
            .groupby("kode_opd")
            .size(),
        }
    )
    hasil = opd[["kode_opd", "nama_opd", "jenis"]].merge(per_opd, left_on="kode_opd", right_index=True, how="left")
    kolom = ["asn_total", "asn_berpartisipasi", "asn_mendaftarkan", "pekerja_program_aktif"]
    hasil[kolom] = hasil[kolom].fillna(0).astype("int64")
    hasil = hasil.sort_values("kode_opd").reset_index(drop=True)
    hasil["partisipasi_asn_persen"] = pd.Series(
        [persen(b, t) for b, t in zip(hasil["asn_berpartisipasi"], hasil["asn_total"])], dtype=object
    )
    return hasil
