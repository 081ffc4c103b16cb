"""Rekonsiliasi (issue 18): the programme's workers checked against BPJS Ketenagakerjaan's participant report.

The month compared is the report's (M, the month of `tanggal_laporan`, the latest report uploaded). A programme
worker is one in the programme in M (keanggotaan: lunas, menunggak or nonaktif). Each is matched to a report row
by NIK, else by KPJ number; then sorted into the classes of `KELAS`, which may overlap (a worker may both be paid
up at BPJS but not here and have another name there). Lunas at BPJS = its last month paid is M or later. Paid
by another ASN = the report names the NIP it records as paying (`nip_pembayar`, when it does) and it is not the
programme's sponsor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import pandas as pd
from sqlalchemy import Engine, func, select

from ptr_core import agregat_db
from ptr_core.akses import Akses
from ptr_core.cakupan import persen
from ptr_core.keanggotaan import AKTIF, daftar_pekerja, panel_status
from ptr_core.models import Asn, Pekerja, PesertaBpjs
from ptr_core.periode import hari_terakhir, ke_indeks
from ptr_core.privasi import samarkan
from ptr_core.queries import muat_data
from ptr_core.ringkasan import AngkaRekonsiliasi, RekonsiliasiBpjs
from ptr_core.settings import Settings


@dataclass(frozen=True)
class Kelas:
    kunci: str
    judul: str
    tindakan: str  # what staff do about it


KELAS = (
    Kelas("tidak_dikenal_bpjs", "Terdaftar di program, tidak ada di laporan BPJS",
          "Periksa NIK dan nomor KPJ-nya; bila memang belum terdaftar di BPJS, daftarkan."),
    Kelas("lunas_di_sini_saja", "Lunas di sini, belum lunas di BPJS",
          "Pastikan iuran yang tercatat di program sudah disetor ke BPJS Ketenagakerjaan."),
    Kelas("lunas_di_bpjs_saja", "Lunas di BPJS, iurannya belum tercatat di sini",
          "Unggah pembayaran yang belum tercatat (halaman Unggah Data, iuran)."),
    Kelas("nonaktif_di_sini_aktif_di_bpjs", "Nonaktif di sini, aktif di BPJS",
          "Cocokkan pembayarannya; catat iuran yang kurang atau tanggal berhentinya."),
    Kelas("data_berbeda", "NIK, nomor KPJ atau nama berbeda dengan BPJS",
          "Perbaiki data pekerja sesuai KTP dan kartu BPJS, lalu unggah ulang."),
    Kelas("sponsor_lain", "Menurut BPJS dibayar ASN lain",
          "Tanyakan kepada kedua ASN siapa yang membayar; perbaiki nip_sponsor pekerja ini atau minta BPJS "
          "memperbaiki pembayarnya."),
    Kelas("hanya_di_bpjs", "Ada di laporan BPJS, tidak ada di program",
          "Periksa apakah peserta ini pekerja program yang belum diunggah."),
)  # fmt: skip


_BUKAN_HURUF = re.compile(r"[^0-9a-z ]")


def _nama_baku(nama: pd.Series) -> pd.Series:
    """A name as compared: case, spaces and punctuation ignored (SRI  WAHYUNI, S.Pd. = Sri Wahyuni SPd)."""
    # Over a list of Python strings: Series.map walks Arrow-backed strings one boxed value at a time (half a second
    # for a city's two columns of 60.000 names).
    baku = [_BUKAN_HURUF.sub("", " ".join(str(n).lower().split())) for n in nama.fillna("").tolist()]
    return pd.Series(baku, index=nama.index, dtype=object)


def rekonsiliasi(
    program: pd.DataFrame, laporan: pd.DataFrame, bulan: str, terdaftar: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """Each class of `KELAS` (and `terkonfirmasi`: lunas here and at BPJS, which BPJS states aktif) as the rows
    it holds. `program`: the programme's workers in month `bulan` ('YYYY-MM') with nik, nama, nomor_kpj,
    nip_sponsor, status; `laporan`: the report's rows with nik, nomor_kpj, nama, status, bulan_terakhir_dibayar;
    `terdaftar`: every registration the programme ever had (nik, nomor_kpj; default: `program`), so that a
    worker who stopped before the month is not "only at BPJS". A programme row gets the matched report row's
    columns suffixed `_bpjs` and how it matched (`cocok`)."""
    lap = laporan.add_suffix("_bpjs")
    lewat_nik = program.merge(lap, left_on="nik", right_on="nik_bpjs", how="left")
    cocok_nik = lewat_nik["nik_bpjs"].notna()
    kpj = lap[lap["nomor_kpj_bpjs"].fillna("") != ""].drop_duplicates("nomor_kpj_bpjs")
    sisa = program[~cocok_nik.to_numpy()]
    lewat_kpj = sisa.merge(kpj, left_on="nomor_kpj", right_on="nomor_kpj_bpjs", how="inner")
    hasil = pd.concat(
        [
            lewat_nik[cocok_nik].assign(cocok="nik"),
            lewat_kpj.assign(cocok="kpj"),
            sisa[~sisa["nik"].astype(object).isin(set(lewat_kpj["nik"]))].assign(cocok=None),
        ],
        ignore_index=True,
    )
    ada = hasil["cocok"].notna()
    lunas_bpjs = ada & (hasil["bulan_terakhir_dibayar_bpjs"].fillna("") >= bulan)
    kpj_lain = (hasil["nomor_kpj"].fillna("") != "") & (hasil["nomor_kpj"] != hasil["nomor_kpj_bpjs"])
    nama_lain = _nama_baku(hasil["nama"]) != _nama_baku(hasil["nama_bpjs"])
    pembayar = hasil.get("nip_pembayar_bpjs", pd.Series(None, index=hasil.index, dtype=object)).fillna("")
    terpakai = set(hasil["nik_bpjs"].dropna())
    kelas = {
        "tidak_dikenal_bpjs": ~ada,
        "lunas_di_sini_saja": ada & (hasil["status"] == AKTIF) & ~lunas_bpjs,
        "lunas_di_bpjs_saja": (hasil["status"] != AKTIF) & lunas_bpjs,
        "nonaktif_di_sini_aktif_di_bpjs": ada & (hasil["status"] == "nonaktif") & (hasil["status_bpjs"] == "aktif"),
        "data_berbeda": ada & ((hasil["cocok"] == "kpj") | kpj_lain | nama_lain),
        "sponsor_lain": ada & (pembayar != "") & (pembayar != hasil["nip_sponsor"]),
        "terkonfirmasi": (hasil["status"] == AKTIF) & lunas_bpjs & (hasil["status_bpjs"] == "aktif"),
    }
    keluar = {k: hasil[v].reset_index(drop=True) for k, v in kelas.items()}
    terdaftar = program if terdaftar is None else terdaftar
    kpj_dikenal = set(terdaftar["nomor_kpj"].dropna()) - {""}
    # As Python objects: pandas' isin on Arrow-backed strings converts every value looked for, one at a time
    # (a second for a city's 60.000 NIK).
    nik_dikenal = laporan["nik"].astype(object).isin(terpakai | set(terdaftar["nik"]))
    dikenal = nik_dikenal | laporan["nomor_kpj"].astype(object).isin(kpj_dikenal)
    keluar["hanya_di_bpjs"] = laporan[~dikenal].reset_index(drop=True)
    return keluar


def angka_utama(kelas: dict[str, pd.DataFrame]) -> AngkaRekonsiliasi:
    """The page's head figures from `rekonsiliasi_db`'s classes: the programme's workers of the month, those lunas
    here, those confirmed by BPJS, and the confirmed as a percentage of the lunas (counts, not averages)."""
    lunas = int((kelas["program"]["status"] == AKTIF).sum())
    terkonfirmasi = len(kelas["terkonfirmasi"])
    return {
        "pekerja_program": len(kelas["program"]),
        "lunas": lunas,
        "terkonfirmasi_bpjs": terkonfirmasi,
        "terkonfirmasi_persen": persen(terkonfirmasi, lunas),
    }


def tanggal_laporan(engine: Engine, sampai: dt.date | None = None) -> dt.date | None:
    """The date of the latest BPJS report (dated on or before `sampai`, if given), or None."""
    terbaru = select(func.max(PesertaBpjs.tanggal_laporan))
    with engine.connect() as conn:
        return conn.scalar(terbaru if sampai is None else terbaru.where(PesertaBpjs.tanggal_laporan <= sampai))


def laporan(engine: Engine, tanggal: dt.date) -> pd.DataFrame:
    """The rows of the BPJS report dated `tanggal`."""
    with engine.connect() as conn:
        return pd.read_sql(
            select(PesertaBpjs.nik, PesertaBpjs.nomor_kpj, PesertaBpjs.nama, PesertaBpjs.status,
                   PesertaBpjs.bulan_terakhir_dibayar, PesertaBpjs.nip_pembayar)
            .where(PesertaBpjs.tanggal_laporan == tanggal),
            conn,
        )  # fmt: skip


def program_bulan(engine: Engine, bulan: str, settings: Settings, blok: int = 20_000) -> Iterator[pd.DataFrame]:
    """The programme's workers in month `bulan` with their status: from the stored lapses and the last months'
    payments when the stored summaries are current (`agregat_db.status_bulan`), else from every payment in blocks
    of `blok` NIK (memory bounded)."""
    m = ke_indeks(bulan)
    with engine.connect() as conn:
        status = agregat_db.status_bulan(conn, settings, m)
        if status is not None:
            pekerja = pd.read_sql(
                select(Pekerja.id, Pekerja.nik, Pekerja.nama, Pekerja.nomor_kpj, Pekerja.nip_sponsor), conn
            )
            yield status.merge(pekerja, on="id")[["nik", "nama", "nomor_kpj", "nip_sponsor", "status"]]
            return
        semua = list(conn.scalars(select(Pekerja.nik).distinct().order_by(Pekerja.nik)))
    for awal in range(0, len(semua), blok):
        nik = semua[awal : awal + blok]
        data = muat_data(engine, (nik, select(Pekerja.nip_sponsor).where(Pekerja.nik.in_(nik))))
        baris = daftar_pekerja(data.pekerja, panel_status(data.pekerja, data.iuran, m, settings), m)
        yield baris[["nik", "nama", "nomor_kpj", "nip_sponsor", "status"]]


def kelas_kota(engine: Engine, settings: Settings, tanggal: dt.date) -> tuple[str, dict[str, pd.DataFrame]]:
    """The month of the BPJS report dated `tanggal` and its classes over the whole city, NIK whole, with `program`
    (every programme worker of the month). One computation serves every viewer and both figures: a dashboard
    caches it per data version and report (`lingkup_penonton` then narrows and masks it)."""
    bulan = f"{tanggal:%Y-%m}"
    program = pd.concat(list(program_bulan(engine, bulan, settings)) or [pd.DataFrame(
        columns=["nik", "nama", "nomor_kpj", "nip_sponsor", "status"])], ignore_index=True)  # fmt: skip
    with engine.connect() as conn:
        terdaftar = pd.read_sql(select(Pekerja.nik, Pekerja.nomor_kpj), conn)
    return bulan, {"program": program, **rekonsiliasi(program, laporan(engine, tanggal), bulan, terdaftar)}


def lingkup_penonton(
    engine: Engine, kelas: dict[str, pd.DataFrame], akses: Akses, nik_penuh: bool = False
) -> dict[str, pd.DataFrame]:
    """The city's classes as the viewer may see them: an OPD head their unit's workers only (and no
    `hanya_di_bpjs`, which has no sponsor); NIK masked unless an admin revealed it (`nik_penuh`, which the page
    records in the audit trail)."""
    if akses.peran == "opd":
        with engine.connect() as conn:
            nip = set(conn.scalars(select(Asn.nip).where(Asn.kode_opd == akses.kode_opd)))
        kelas = {k: frame[frame["nip_sponsor"].isin(nip)] if "nip_sponsor" in frame else frame.iloc[:0]
                 for k, frame in kelas.items()}  # fmt: skip
    return {k: samarkan(frame, tampilkan_nik=akses.nik_utuh(nik_penuh)) for k, frame in kelas.items()}


# The city's classes of the report dated so (`kelas_kota`); a dashboard passes its cached one.
KelasKota = Callable[[dt.date], tuple[str, dict[str, pd.DataFrame]]]


def rekonsiliasi_db(
    engine: Engine, akses: Akses, settings: Settings, kelas: KelasKota | None = None, nik_penuh: bool = False
) -> tuple[str | None, dict[str, pd.DataFrame]]:
    """The latest report's month and its classes (`kelas`, default `kelas_kota`) as the viewer may see them
    (`lingkup_penonton`)."""
    tanggal = tanggal_laporan(engine)
    if tanggal is None:
        return None, {}
    bulan, semua = (kelas or partial(kelas_kota, engine, settings))(tanggal)
    return bulan, lingkup_penonton(engine, semua, akses, nik_penuh)


def terkonfirmasi_bpjs(
    engine: Engine, settings: Settings, bulan: str, kelas: KelasKota | None = None
) -> RekonsiliasiBpjs | None:
    """`summary --json`'s `rekonsiliasi_bpjs` for month `bulan`: the head figures (`angka_utama`) of the latest
    BPJS report dated in `bulan` or before, with that report's month (`bulan_laporan`); None without one. `kelas`:
    the city's classes of a report date (default `kelas_kota`)."""
    tanggal = tanggal_laporan(engine, hari_terakhir(bulan))
    return None if tanggal is None else terkonfirmasi(*(kelas or partial(kelas_kota, engine, settings))(tanggal))


def terkonfirmasi(bulan_laporan: str, kelas: dict[str, pd.DataFrame]) -> RekonsiliasiBpjs:
    """`rekonsiliasi_bpjs` from the city's classes of the report of `bulan_laporan` (`kelas_kota`)."""
    return {"bulan_laporan": bulan_laporan, **angka_utama(kelas)}
