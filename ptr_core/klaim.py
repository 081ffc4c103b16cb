"""Klaim (issue 18, item 4): the benefits BPJS Ketenagakerjaan paid for the programme's workers (JKK: a work
accident; JKM: a death, Rp42 million in all; beasiswa: the children's scholarship), set against the contributions
the programme paid — what the cover did, in rupiah.

- A claim belongs to the programme registration **in force on the day of the incident** (`tanggal_kejadian`):
  registered on or before that day and not stopped before it. An upload refuses a claim with none: it is not the
  programme's impact. Its kecamatan is that of the worker's kelurahan in that registration; its OPD, the OPD of
  the registration's sponsor in the current roster (as for iuran).
- A claim counts in the month it was paid (`tanggal_bayar`): **manfaat dibayar** of month M = the sum of the
  payments dated in M; **klaim dibayar** = their number (one per payment row, as BPJS reports them).
- **Rasio manfaat terhadap iuran** up to M = all benefits paid up to the end of M ÷ all contributions paid for
  the months up to M (the same `dibayar` as the Iuran page, counted from the programme's start), rounded half-up
  to 2 decimals: 0,50 means Rp0,50 of benefits for each Rp1 of contributions. Sums, never an average of ratios.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, select

from ptr_core.akses import Akses, rincian_terlindungi
from ptr_core.models import Asn, Kelurahan, Klaim, Pekerja
from ptr_core.periode import IndeksBulan, indeks_tanggal
from ptr_core.ringkasan import Manfaat

KOLOM = ["nik", "jenis", "tanggal_kejadian", "tanggal_bayar", "jumlah", "boleh_dipublikasikan"]
KOLOM_PROGRAM = [*KOLOM, "nama", "nip_sponsor", "kode_kecamatan", "kode_opd", "bulan"]


def berlaku_pada(tanggal_daftar: pd.Series, tanggal_berhenti: pd.Series, hari: pd.Series) -> pd.Series:
    """Whether a registration is in force on `hari`: registered on or before it, not stopped before it."""
    daftar, berhenti, pada = (pd.to_datetime(s) for s in (tanggal_daftar, tanggal_berhenti, hari))
    return (daftar <= pada) & (berhenti.isna() | (berhenti >= pada))


def klaim_program(pasangan: pd.DataFrame) -> pd.DataFrame:
    """Each claim of `pasangan` (a claim's `KOLOM` joined with every registration of its NIK: tanggal_daftar,
    tanggal_berhenti, nama, nip_sponsor, kode_kecamatan, kode_opd) with the registration in force on its incident
    day (the latest, should two be), and `bulan`, the month index of its payment. A claim with none is left out."""
    berlaku = pasangan[berlaku_pada(pasangan["tanggal_daftar"], pasangan["tanggal_berhenti"],
                                    pasangan["tanggal_kejadian"])]  # fmt: skip
    hasil = berlaku.sort_values("tanggal_daftar").drop_duplicates(KOLOM[:4], keep="last")
    hasil = hasil.assign(bulan=indeks_tanggal(hasil["tanggal_bayar"]), jumlah=hasil["jumlah"].astype("int64"))
    return hasil.sort_values(["tanggal_bayar", "nik"])[KOLOM_PROGRAM].reset_index(drop=True)


def rasio(manfaat: int, iuran: int) -> float | None:
    """manfaat ÷ iuran, rounded half-up to 2 decimals; None when no contribution was paid."""
    if not iuran:
        return None
    return float((Decimal(int(manfaat)) / Decimal(int(iuran))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def manfaat_bulan(klaim: pd.DataFrame, bulanan: pd.DataFrame, bulan: IndeksBulan) -> Manfaat:
    """The month's figures (`summary --json`): `klaim_dibayar` and `manfaat_dibayar` in month `bulan` (a month
    index), the same since the programme began (`_kumulatif`), the contributions paid for the months up to it
    (`iuran_dibayar_kumulatif`, from the summaries' `bulanan`) and their `rasio_manfaat_iuran`."""
    bulan_ini = klaim[klaim["bulan"] == bulan]
    sampai = klaim[klaim["bulan"] <= bulan]
    iuran = int(bulanan.loc[bulanan["bulan"] <= bulan, "dibayar"].sum())
    manfaat = int(sampai["jumlah"].sum())
    return {
        "klaim_dibayar": len(bulan_ini),
        "manfaat_dibayar": int(bulan_ini["jumlah"].sum()),
        "klaim_dibayar_kumulatif": len(sampai),
        "manfaat_dibayar_kumulatif": manfaat,
        "iuran_dibayar_kumulatif": iuran,
        "rasio_manfaat_iuran": rasio(manfaat, iuran),
    }


def manfaat_per(klaim: pd.DataFrame, bulanan: pd.DataFrame, bulan: IndeksBulan, kunci: str) -> pd.DataFrame:
    """Per `kunci` (kode_kecamatan or kode_opd), up to month `bulan`: claims and benefits paid, contributions paid
    and their ratio; every unit with a contribution or a claim, the largest benefits first. As for iuran, a sponsor
    no longer in the roster has no OPD: its claims count for the city and its kecamatan, in no OPD's row."""
    sampai = klaim[klaim["bulan"] <= bulan]
    manfaat = sampai.groupby(kunci).agg(klaim=("jumlah", "size"), manfaat=("jumlah", "sum"))
    iuran = bulanan[bulanan["bulan"] <= bulan].groupby(kunci)["dibayar"].sum().rename("iuran")
    hasil = manfaat.join(iuran, how="outer").fillna(0).astype("int64").reset_index()
    hasil["rasio"] = pd.Series([rasio(m, i) for m, i in zip(hasil["manfaat"], hasil["iuran"])], dtype=object)
    return hasil.sort_values(["manfaat", "iuran"], ascending=False, kind="stable").reset_index(drop=True)


def seri_bulanan(klaim: pd.DataFrame, bulanan: pd.DataFrame, dari: IndeksBulan, sampai: IndeksBulan) -> pd.DataFrame:
    """For each month index from `dari` to `sampai`: claims, benefits and contributions paid in it."""
    bulan = pd.RangeIndex(dari, sampai + 1, name="bulan")
    per_bulan = klaim.groupby("bulan").agg(klaim=("jumlah", "size"), manfaat=("jumlah", "sum"))
    iuran = bulanan.groupby("bulan")["dibayar"].sum().rename("iuran")
    return per_bulan.join(iuran, how="outer").reindex(bulan).fillna(0).astype("int64").reset_index()


def muat_klaim(engine: Engine) -> pd.DataFrame:
    """Every claim stored, with the registration in force on its incident day (`klaim_program`)."""
    kolom = [getattr(Klaim, k) for k in KOLOM]
    query = (
        select(*kolom, Pekerja.tanggal_daftar, Pekerja.tanggal_berhenti, Pekerja.nama, Pekerja.nip_sponsor,
               Kelurahan.kode_kecamatan, Asn.kode_opd)
        .join(Pekerja, Pekerja.nik == Klaim.nik)
        .outerjoin(Kelurahan, Kelurahan.kode_kelurahan == Pekerja.kode_kelurahan)
        .outerjoin(Asn, Asn.nip == Pekerja.nip_sponsor)
    )  # fmt: skip
    with engine.connect() as conn:
        pasangan = pd.read_sql(query, conn)
    return klaim_program(pasangan)


def klaim_lepas(conn: Connection) -> pd.DataFrame:
    """The stored claims that no programme registration was in force for on their incident day (`berlaku_pada`):
    accepted when one was, then the worker's registration was changed or its upload rolled back. They are left out
    of every figure (`klaim_program`); staff see them, and a rollback that would make one is refused. Columns: id,
    `KOLOM`, unggahan_id."""
    kolom = [Klaim.id, *(getattr(Klaim, k) for k in KOLOM), Klaim.unggahan_id]
    pasangan = pd.read_sql(
        select(*kolom, Pekerja.tanggal_daftar, Pekerja.tanggal_berhenti).outerjoin(Pekerja, Pekerja.nik == Klaim.nik),
        conn,
    )
    berlaku = berlaku_pada(pasangan["tanggal_daftar"], pasangan["tanggal_berhenti"], pasangan["tanggal_kejadian"])
    ada = berlaku.groupby(pasangan["id"]).any()
    lepas = pasangan[pasangan["id"].isin(ada.index[~ada])].drop_duplicates("id")
    lepas = lepas.assign(**{k: pd.to_datetime(lepas[k]) for k in ("tanggal_kejadian", "tanggal_bayar")})
    return lepas[["id", *KOLOM, "unggahan_id"]].sort_values("id").reset_index(drop=True)


def daftar_kasus(
    klaim: pd.DataFrame,
    akses: Akses,
    nik_penuh: bool = False,
    sampai: IndeksBulan | None = None,
    hanya_setuju: bool = False,
) -> pd.DataFrame:
    """The case list for programme staff, newest payment first, as the viewer may see it (NIK masked unless an admin
    revealed it, names only for roles that see them) and whether the worker or family agreed that the case be told
    in public (`boleh_dipublikasikan`: ya / tidak; not asked is tidak). `sampai`: only claims paid up to that month
    index; `hanya_setuju`: only the cases that may be told in public."""
    kasus = klaim if sampai is None else klaim[klaim["bulan"] <= sampai]
    setuju = kasus["boleh_dipublikasikan"].astype("boolean").fillna(False).astype(bool)
    if hanya_setuju:
        kasus, setuju = kasus[setuju], setuju[setuju]
    urutan = kasus.sort_values(["tanggal_bayar", "nik"], ascending=[False, True]).index
    kasus, setuju = kasus.loc[urutan].reset_index(drop=True), setuju.loc[urutan].reset_index(drop=True)
    kasus = kasus.assign(boleh_dipublikasikan=np.where(setuju, "ya", "tidak"), manfaat=kasus["jumlah"],
                         **{k: pd.to_datetime(kasus[k]) for k in ("tanggal_bayar", "tanggal_kejadian")})  # fmt: skip
    kolom = ["tanggal_bayar", "jenis", "nik", "nama", "kode_kecamatan", "kode_opd", "nip_sponsor", "tanggal_kejadian",
             "manfaat", "boleh_dipublikasikan"]  # fmt: skip
    return rincian_terlindungi(akses, kasus[kolom], nik_penuh)
