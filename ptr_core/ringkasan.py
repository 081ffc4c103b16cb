"""The headline figures of a month: what `summary --json` prints and the Ringkasan page shows.

The JSON object is a public contract (README, "Command line"); its keys are the `TypedDict`s below, so that a key
misspelt on a page or in the CLI is a type error (mypy, `tests/test_projek.py`) rather than a KeyError at a
briefing."""

from __future__ import annotations

from typing import Literal, TypedDict

import pandas as pd

from ptr_core import iuran as iuran_m
from ptr_core import target as target_m
from ptr_core.agregat import Agregat
from ptr_core.cakupan import cakupan_kecamatan, cakupan_kota, persen
from ptr_core.partisipasi import partisipasi_opd
from ptr_core.periode import IndeksBulan, dari_indeks, ke_indeks, rentang_bulan
from ptr_core.settings import Settings


class BarisKecamatan(TypedDict):
    """One row of `per_kecamatan`."""

    kode_kecamatan: str
    nama: str
    pekerja_informal: int
    peserta_aktif: int
    cakupan_persen: float | None
    target_peserta: int | None
    kekurangan_target: int | None


class BarisOpd(TypedDict):
    """One row of `per_opd`."""

    kode_opd: str
    nama: str
    asn_total: int
    asn_berpartisipasi: int
    partisipasi_asn_persen: float | None
    pekerja_program_aktif: int
    iuran_dibayar_bulan: int


class PendaftaranBulan(TypedDict):
    """`pendaftaran_bulan`: registrations through Daftarkan Pekerja (`pengajuan.pendaftaran_bulan`)."""

    diajukan: int
    disetujui: int
    ditolak: int
    menunggu: int


class Manfaat(TypedDict):
    """`manfaat`: claims BPJS paid and the contributions beside them (`klaim.manfaat_bulan`)."""

    klaim_dibayar: int
    manfaat_dibayar: int
    klaim_dibayar_kumulatif: int
    manfaat_dibayar_kumulatif: int
    iuran_dibayar_kumulatif: int
    rasio_manfaat_iuran: float | None


class AngkaRekonsiliasi(TypedDict):
    """The head figures of a reconciliation with a BPJS report (`rekonsiliasi.angka_utama`)."""

    pekerja_program: int
    lunas: int
    terkonfirmasi_bpjs: int
    terkonfirmasi_persen: float | None


class RekonsiliasiBpjs(AngkaRekonsiliasi):
    """`rekonsiliasi_bpjs` when a report is dated in the month or before (`rekonsiliasi.terkonfirmasi_bpjs`)."""

    bulan_laporan: str


class AngkaBulan(TypedDict):
    """The figures of a month computed from the summaries (`ringkasan`): all of the contract but the three below."""

    bulan: str
    pekerja_informal: int
    peserta_aktif: int
    cakupan_persen: float | None
    target_peserta: int | None
    kekurangan_target: int | None
    asn_total: int
    asn_berpartisipasi: int
    partisipasi_asn_persen: float | None
    pekerja_program_aktif: int
    pekerja_program_menunggak: int
    pekerja_program_nonaktif: int
    pekerja_program_terdaftar: int
    iuran_dibayar_bulan: int
    iuran_dibayar_tahun_berjalan: int
    tunggakan: int
    per_kecamatan: list[BarisKecamatan]
    per_opd: list[BarisOpd]


class Ringkasan(AngkaBulan):
    """The whole `summary --json` object."""

    pendaftaran_bulan: PendaftaranBulan
    manfaat: Manfaat
    rekonsiliasi_bpjs: RekonsiliasiBpjs | None


# The figures a tile compares with the previous month's (`perubahan`).
AngkaBerubah = Literal[
    "pekerja_informal", "peserta_aktif", "cakupan_persen", "asn_berpartisipasi", "pekerja_program_aktif",
    "pekerja_program_menunggak", "iuran_dibayar_bulan",
]  # fmt: skip


class ArahTarget(TypedDict):
    """Where the city heads in the target year (`arah_target`)."""

    tahun_target: int
    target_peserta: int | None
    peserta_aktif: int
    kekurangan_target: int | None
    sisa_bulan: int
    laju_dibutuhkan: float | None
    proyeksi_akhir_tahun: float | None
    sesuai_jalur: bool | None
    biaya_menutup_gap_per_tahun: int | None
    bulan_sebelumnya: str


def seri_peserta(agregat: Agregat, dari: IndeksBulan, sampai: IndeksBulan) -> pd.Series:
    """City peserta_aktif for each month index from `dari` to `sampai`."""
    return pd.Series(
        {m: cakupan_kota(cakupan_kecamatan(agregat, m))["peserta_aktif"] for m in rentang_bulan(dari, sampai)},
        dtype="int64",
    )


def ringkasan(agregat: Agregat, bulan: str, settings: Settings) -> AngkaBulan:
    """Every headline figure for month `bulan` ('YYYY-MM'), keyed as the public JSON contract.

    `agregat` are the summaries of the data (`agregat.agregat_dari_baris`, or as stored at the last commit); they must
    hold statuses up to this month.
    """
    m = ke_indeks(bulan)
    per_kec = cakupan_kecamatan(agregat, m)
    kota = cakupan_kota(per_kec)
    tahun = target_m.tahun_target(agregat.cakupan, m, agregat.target)
    target_kota = target_m.target_peserta_kota(agregat.cakupan, agregat.target, tahun, settings)
    target_kec = target_m.target_peserta_kecamatan(
        per_kec["kode_kecamatan"], agregat.cakupan, agregat.target, tahun, settings
    )
    per_kec["target_peserta"] = pd.Series(target_kec, dtype=object)
    per_kec["kekurangan_target"] = pd.Series(
        [target_m.kekurangan(t, p) for t, p in zip(target_kec, per_kec["peserta_aktif"])], dtype=object
    )

    per_opd = partisipasi_opd(agregat, m)
    per_opd["iuran_dibayar_bulan"] = (
        per_opd["kode_opd"].map(iuran_m.dibayar_per(agregat, m, "kode_opd")).fillna(0).astype("int64")
    )

    status = agregat.bulan(m)[["aktif", "menunggak", "nonaktif"]].sum()
    asn_total = int(per_opd["asn_total"].sum())
    asn_berpartisipasi = int(per_opd["asn_berpartisipasi"].sum())
    return {
        "bulan": bulan,
        "pekerja_informal": kota["pekerja_informal"],
        "peserta_aktif": kota["peserta_aktif"],
        "cakupan_persen": kota["cakupan_persen"],
        "target_peserta": target_kota,
        "kekurangan_target": target_m.kekurangan(target_kota, kota["peserta_aktif"]),
        "asn_total": asn_total,
        "asn_berpartisipasi": asn_berpartisipasi,
        "partisipasi_asn_persen": persen(asn_berpartisipasi, asn_total),
        "pekerja_program_aktif": int(status["aktif"]),
        "pekerja_program_menunggak": int(status["menunggak"]),
        "pekerja_program_nonaktif": int(status["nonaktif"]),
        "pekerja_program_terdaftar": int(status.sum()),
        "iuran_dibayar_bulan": iuran_m.dibayar_bulan(agregat, m),
        "iuran_dibayar_tahun_berjalan": iuran_m.dibayar_tahun_berjalan(agregat, m),
        "tunggakan": iuran_m.tunggakan(agregat, m),
        "per_kecamatan": [
            {
                "kode_kecamatan": r.kode_kecamatan,
                "nama": r.nama_kecamatan,
                "pekerja_informal": int(r.pekerja_informal),
                "peserta_aktif": int(r.peserta_aktif),
                "cakupan_persen": r.cakupan_persen,
                "target_peserta": _int(r.target_peserta),
                "kekurangan_target": _int(r.kekurangan_target),
            }
            for r in per_kec.itertuples()
        ],
        "per_opd": [
            {
                "kode_opd": r.kode_opd,
                "nama": r.nama_opd,
                "asn_total": int(r.asn_total),
                "asn_berpartisipasi": int(r.asn_berpartisipasi),
                "partisipasi_asn_persen": r.partisipasi_asn_persen,
                "pekerja_program_aktif": int(r.pekerja_program_aktif),
                "iuran_dibayar_bulan": int(r.iuran_dibayar_bulan),
            }
            for r in per_opd.itertuples()
        ],
    }


def corong(r: AngkaBulan) -> list[tuple[str, int]]:
    """From registered to paid up, month M: every registration running (aktif + menunggak + nonaktif), those still
    BPJS participants (aktif + menunggak: nonaktif ones BPJS has deactivated), and those paid up for M (aktif)."""
    return [
        ("Terdaftar", r["pekerja_program_terdaftar"]),
        ("Masih peserta BPJS", r["pekerja_program_aktif"] + r["pekerja_program_menunggak"]),
        ("Lunas bulan ini", r["pekerja_program_aktif"]),
    ]


def arah_target(agregat: Agregat, bulan: str, settings: Settings) -> ArahTarget:
    """Where the city heads this year: target, gap, pace needed, projection, cost of the gap."""
    m = ke_indeks(bulan)
    tahun = target_m.tahun_target(agregat.cakupan, m, agregat.target)
    target_kota = target_m.target_peserta_kota(agregat.cakupan, agregat.target, tahun, settings)
    seri = seri_peserta(agregat, IndeksBulan(m - 3), m)
    sekarang = int(seri[m])
    gap = target_m.kekurangan(target_kota, sekarang)
    sisa = target_m.sisa_bulan(m, tahun)
    akhir = target_m.proyeksi(seri, m, sisa)
    return {
        "tahun_target": tahun,
        "target_peserta": target_kota,
        "peserta_aktif": sekarang,
        "kekurangan_target": gap,
        "sisa_bulan": sisa,
        "laju_dibutuhkan": target_m.laju_dibutuhkan(gap, sisa),
        "proyeksi_akhir_tahun": akhir,
        "sesuai_jalur": target_m.sesuai_jalur(akhir, target_kota),
        "biaya_menutup_gap_per_tahun": target_m.biaya_menutup_gap(gap, settings),
        "bulan_sebelumnya": dari_indeks(m - 1),
    }


def _int(nilai: float | None) -> int | None:
    return None if nilai is None or pd.isna(nilai) else int(nilai)


def dengan_target(
    agregat: Agregat, kota: pd.DataFrame, settings: Settings, kode_kecamatan: str | None = None
) -> pd.DataFrame:
    """A trend of months (the city's, `cakupan.tren_kota`, or one kecamatan's) with each month's target: the
    target of the year it is measured against, as that month's figures show it (a 2025 month, the 2025 target)."""
    c, t = agregat.cakupan, agregat.target
    tahun = [target_m.tahun_target(c, IndeksBulan(int(m)), t) for m in kota["bulan"]]
    if kode_kecamatan is None:
        target = {th: target_m.target_peserta_kota(c, t, th, settings) for th in set(tahun)}
    else:
        kode = pd.Series([kode_kecamatan])
        target = {th: target_m.target_peserta_kecamatan(kode, c, t, th, settings)[0] for th in set(tahun)}
    return kota.assign(
        bulan=[dari_indeks(int(m)) for m in kota["bulan"]],
        target_peserta=pd.Series([target[t] for t in tahun], dtype=object, index=kota.index),
    )


def garis_proyeksi(arah: ArahTarget, bulan: str) -> pd.DataFrame:
    """The dashed projection, month by month from now to the end of the target year (a straight line)."""
    sisa = arah["sisa_bulan"]
    if arah["proyeksi_akhir_tahun"] is None:
        return pd.DataFrame({"bulan": [], "peserta_aktif": []})
    awal = float(arah["peserta_aktif"])
    langkah = (arah["proyeksi_akhir_tahun"] - awal) / sisa if sisa else 0.0
    m = ke_indeks(bulan)
    return pd.DataFrame(
        {
            "bulan": [dari_indeks(m + k) for k in range(sisa + 1)],
            "peserta_aktif": [awal + langkah * k for k in range(sisa + 1)],
        }
    )


def perubahan(r: AngkaBulan, r0: AngkaBulan | None, kunci: AngkaBerubah) -> int | float | None:
    """A headline figure minus the previous month's (percentages in points); None when either is missing."""
    sekarang, lalu = r[kunci], None if r0 is None else r0[kunci]
    if sekarang is None or lalu is None:
        return None
    beda = sekarang - lalu
    return round(beda, 2) if isinstance(beda, float) else beda
