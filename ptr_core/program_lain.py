"""Dilindungi dua kali (issue 18, item 3): the programme's workers whom another programme also covers
(`program_lain`, e.g. the city's APBD-funded cover), and what the programme paid for the months both covered.

- Another programme covers a worker for the months from `mulai` to `selesai` ('YYYY-MM', both included); with no
  `mulai`, since always; with no `selesai`, still. A list without months covers every month.
- **Bulan dibayar dua kali** of a worker = the distinct months (periode) the programme paid for that another
  programme covered too; **iuran dibayar dua kali** = the rupiah of those payments, each payment once however many
  other programmes cover its month.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from ptr_core.akses import Akses
from ptr_core.format import nama_bulan
from ptr_core.models import Iuran, Pekerja, ProgramLain
from ptr_core.privasi import samarkan


def bayar_ganda(lain: pd.DataFrame, dibayar: pd.DataFrame) -> pd.DataFrame:
    """Per NIK of `lain` (nik, mulai, selesai) with a payment in `dibayar` (id, nik, periode, jumlah): `bulan_dibayar`
    and `iuran_dibayar`, all the programme paid; `bulan_ganda` and `iuran_ganda`, what it paid for months another
    programme covered too."""
    pasangan = dibayar.merge(lain[["nik", "mulai", "selesai"]], on="nik")
    dalam = (pasangan["mulai"].isna() | (pasangan["periode"] >= pasangan["mulai"])) & (
        pasangan["selesai"].isna() | (pasangan["periode"] <= pasangan["selesai"])
    )
    ganda = pasangan[dalam].drop_duplicates("id")
    semua = dibayar[dibayar["nik"].isin(lain["nik"])]
    hasil = pd.DataFrame(
        {
            "bulan_dibayar": semua.groupby("nik")["periode"].nunique(),
            "iuran_dibayar": semua.groupby("nik")["jumlah"].sum(),
            "bulan_ganda": ganda.groupby("nik")["periode"].nunique(),
            "iuran_ganda": ganda.groupby("nik")["jumlah"].sum(),
        }
    )
    return hasil.reindex(sorted(set(lain["nik"]))).fillna(0).astype("int64").rename_axis("nik").reset_index()


def _rentang(mulai: str | None, selesai: str | None) -> str:
    if not mulai and not selesai:
        return "semua bulan"
    awal = nama_bulan(mulai) if mulai else "awal"
    return f"{awal} s.d. {nama_bulan(selesai) if selesai else 'sekarang'}"


@dataclass(frozen=True)
class DuaKali:
    """What the double-cover list and its totals are computed from, read once: the programme's registrations of
    workers on another programme's list, those lists' rows, and the programme's payments for those workers."""

    pendaftaran: pd.DataFrame
    lain: pd.DataFrame
    dibayar: pd.DataFrame


def muat(engine: Engine) -> DuaKali:
    with engine.connect() as conn:
        pendaftaran = pd.read_sql(
            select(Pekerja.nik, Pekerja.nama, Pekerja.nip_sponsor, Pekerja.tanggal_daftar, Pekerja.tanggal_berhenti)
            .where(Pekerja.nik.in_(select(ProgramLain.nik)))
            .order_by(Pekerja.nik, Pekerja.tanggal_daftar),
            conn,
        )
        lain = pd.read_sql(
            select(ProgramLain.nik, ProgramLain.sumber, ProgramLain.mulai, ProgramLain.selesai).where(
                ProgramLain.nik.in_(select(Pekerja.nik))
            ),
            conn,
        )
        dibayar = pd.read_sql(
            select(Iuran.id, Iuran.nik, Iuran.periode, Iuran.jumlah).where(Iuran.nik.in_(select(ProgramLain.nik))),
            conn,
        )
    return DuaKali(pendaftaran, lain.astype({"mulai": object, "selesai": object}).where(lain.notna(), None), dibayar)


def dilindungi_dua_kali(data: DuaKali, akses: Akses, nik_penuh: bool = False) -> pd.DataFrame:
    """The programme's registrations whose worker another programme also covers: the other programmes with their
    months, and per worker what this programme paid in all and for the months paid twice (`bayar_ganda`). NIK
    masked unless an admin revealed it (`nik_penuh`, which the page records in the audit trail)."""
    lain = data.lain
    label = lain.assign(
        label=[f"{s} ({_rentang(m, e)})" for s, m, e in zip(lain["sumber"], lain["mulai"], lain["selesai"])]
    )
    frame = data.pendaftaran.assign(
        program_lain=data.pendaftaran["nik"].map(label.groupby("nik")["label"].agg(lambda s: ", ".join(sorted(s))))
    )
    frame = frame.merge(bayar_ganda(lain, data.dibayar), on="nik", how="left")
    # What was paid twice first: on a laptop a long list of programmes would push it off the screen's edge.
    frame = frame[["nik", "nama", "nip_sponsor", "bulan_ganda", "iuran_ganda", "bulan_dibayar", "iuran_dibayar",
                   "tanggal_daftar", "tanggal_berhenti", "program_lain"]]  # fmt: skip
    return samarkan(frame, tampilkan_nik=akses.nik_utuh(nik_penuh))


def jumlah_ganda(data: DuaKali) -> dict[str, int]:
    """For the whole programme: the workers another programme also covers (`pekerja`), the months paid twice
    (`bulan_ganda`, summed over workers) and their rupiah (`iuran_ganda`)."""
    ganda = bayar_ganda(data.lain, data.dibayar)
    return {"pekerja": len(ganda), "bulan_ganda": int(ganda["bulan_ganda"].sum()),
            "iuran_ganda": int(ganda["iuran_ganda"].sum())}  # fmt: skip
