"""Reading the database into the frames that the metric functions take. Bound parameters only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import BigInteger, Connection, Engine, Integer, Select, cast, func, select

from ptr_core.dataset import KOLOM_DATA_PER, Data
from ptr_core.db import koneksi_driver
from ptr_core.models import (
    AgregatKelurahan,
    Asn,
    Base,
    Cakupan,
    Iuran,
    Kecamatan,
    Kelurahan,
    Opd,
    Pekerja,
    PetaKecamatan,
    Target,
    Unggahan,
    VersiData,
)
from ptr_core.periode import dari_indeks, indeks

BLOK_BACA = 50_000


def _baca(conn: Connection, query: Select) -> pd.DataFrame:
    # The driver's cursor straight into a frame: faster than pd.read_sql, whose per-row result processing
    # dominates on large reads. Parameters stay bound parameters.
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    # `compiled.params` builds a new dict at each access: read it once (a block of 20.000 NIK read it per NIK).
    bernama = compiled.params
    parameter: dict[str, Any] | tuple[Any, ...] = bernama
    if compiled.positional:
        if compiled.positiontup is None:
            raise RuntimeError(f"The {conn.dialect.name} compiler gave positional parameters without their order.")
        parameter = tuple(bernama[k] for k in compiled.positiontup)
    cursor = koneksi_driver(conn).cursor()
    try:
        cursor.execute(str(compiled), parameter)
        kolom = [d[0] for d in cursor.description]
        # In blocks: a million rows as Python tuples take several times the memory of the finished frame. Types
        # are inferred again over the whole column, as for rows read at once (a block may hold only NULLs).
        bagian = []
        while blok := cursor.fetchmany(BLOK_BACA):
            bagian.append(pd.DataFrame(blok, columns=kolom))
        if len(bagian) == 1:
            return bagian[0]
        return pd.concat(bagian, ignore_index=True).infer_objects() if bagian else pd.DataFrame(columns=kolom)
    finally:
        cursor.close()


def _frame(sumber: Engine | Connection, query: Select, tanggal: tuple[str, ...] = ()) -> pd.DataFrame:
    if isinstance(sumber, Connection):
        frame = _baca(sumber, query)
    else:
        with sumber.connect() as conn:
            frame = _baca(conn, query)
    for kolom in tanggal:
        frame[kolom] = pd.to_datetime(frame[kolom], format="ISO8601")
    return frame


Lingkup = tuple[Select | list[str], Select | list[str]]  # the NIK and the NIP whose rows a detail list reads


def lingkup_opd(kode_opd: str) -> Lingkup:
    """An OPD's detail lists: the workers ever sponsored by an ASN now in the OPD, and the OPD's ASN."""
    nik = select(Pekerja.nik).join(Asn, Asn.nip == Pekerja.nip_sponsor).where(Asn.kode_opd == kode_opd)
    return nik, select(Asn.nip).where(Asn.kode_opd == kode_opd)


def muat_data(engine: Engine | Connection, lingkup: Lingkup | None = None) -> Data:
    """Every uploaded fact the metrics need, with each worker's kecamatan through their kelurahan.

    With `lingkup` (`lingkup_opd`, or lists of NIK and NIP), only those workers' enrolments (all of them, so that
    the status rules see each membership whole) and payments, and only those ASN, through the indexes on nik,
    nip_sponsor and kode_opd: the rows of one detail list, not the whole city."""
    pekerja = select(
        Pekerja.nik,
        Pekerja.nama,
        Pekerja.jenis_kelamin,
        Pekerja.pekerjaan,
        Pekerja.kode_kelurahan,
        Kelurahan.nama_kelurahan,
        Kelurahan.kode_kecamatan,
        Pekerja.nomor_kpj,
        Pekerja.nip_sponsor,
        Pekerja.tanggal_daftar,
        Pekerja.tanggal_berhenti,
    ).join(Kelurahan, Kelurahan.kode_kelurahan == Pekerja.kode_kelurahan)
    iuran = select(Iuran.nik, Iuran.periode, Iuran.jumlah, Iuran.tanggal_bayar)
    asn = select(Asn.nip, Asn.nama, Asn.kode_opd, Asn.status, Asn.aktif)
    if lingkup is not None:
        nik, nip = lingkup
        pekerja, iuran, asn = (
            pekerja.where(Pekerja.nik.in_(nik)),
            iuran.where(Iuran.nik.in_(nik)),
            asn.where(Asn.nip.in_(nip)),
        )
    return Data(
        **muat_referensi(engine),
        asn=_frame(engine, asn),
        pekerja=_frame(engine, pekerja, ("tanggal_daftar", "tanggal_berhenti")),
        iuran=_frame(engine, iuran, ("tanggal_bayar",)),
    )


def aktif_per_kelurahan(engine: Engine, kode_kecamatan: str) -> pd.DataFrame:
    """One kecamatan's rows of the kelurahan summary (every month): bulan, nama_kelurahan, pekerjaan, aktif."""
    query = (
        select(AgregatKelurahan.bulan, Kelurahan.nama_kelurahan, AgregatKelurahan.pekerjaan, AgregatKelurahan.aktif)
        .join(Kelurahan, Kelurahan.kode_kelurahan == AgregatKelurahan.kode_kelurahan)
        .where(Kelurahan.kode_kecamatan == kode_kecamatan)
    )
    return _frame(engine, query).astype({"bulan": "int64", "aktif": "int64"})


def muat_untuk_agregat(conn: Connection) -> tuple[Data, dict[str, dt.date | None]]:
    """Only what the summaries need, in the form the database hands over fastest: NIK as integers (16 digits,
    checked at upload); and the latest date of each dataset. No payments: `iuran_untuk_agregat` reads them a
    block of workers at a time."""
    nik = cast(Pekerja.nik, BigInteger).label("nik")
    pekerja = select(
        Pekerja.id, nik, Pekerja.nip_sponsor, Pekerja.kode_kelurahan, Kelurahan.kode_kecamatan, Pekerja.pekerjaan,
        Pekerja.tanggal_daftar, Pekerja.tanggal_berhenti,
    ).join(Kelurahan, Kelurahan.kode_kelurahan == Pekerja.kode_kelurahan)  # fmt: skip
    data = Data(
        **muat_referensi(conn),
        asn=_frame(conn, select(Asn.nip, Asn.kode_opd, Asn.aktif)),
        pekerja=_frame(conn, pekerja, ("tanggal_daftar", "tanggal_berhenti")),
        iuran=pd.DataFrame({k: pd.Series(dtype="int64") for k in ("nik", "bulan", "jumlah")}),
    )
    return data, tanggal_terakhir(conn)


def iuran_untuk_agregat(conn: Connection, nik_dari: int, nik_sampai: int, iuran_dari: int | None) -> pd.DataFrame:
    """The payments of the workers whose NIK lies between the two (a range of the unique index; NIK are 16 digits,
    so text order is number order), as integers: nik, covered month index, amount; only from month index
    `iuran_dari` on, when given."""
    tahun, nomor = (cast(func.substr(Iuran.periode, awal, n), Integer) for awal, n in ((1, 4), (6, 2)))
    iuran = select(cast(Iuran.nik, BigInteger).label("nik"), indeks(tahun, nomor).label("bulan"), Iuran.jumlah)
    iuran = iuran.where(Iuran.nik >= f"{nik_dari:016d}", Iuran.nik <= f"{nik_sampai:016d}")
    if iuran_dari is not None:
        iuran = iuran.where(Iuran.periode >= dari_indeks(iuran_dari))
    return _frame(conn, iuran).astype("int64")


def tanggal_terakhir(conn: Connection) -> dict[str, dt.date | None]:
    """'Data per' of each dataset: its latest date (dataset.KOLOM_DATA_PER), as the database has it."""
    tabel = Base.metadata.tables
    terakhir = conn.execute(
        select(*(select(func.max(tabel[nama].c[kolom])).scalar_subquery() for nama, kolom in KOLOM_DATA_PER.items()))
    ).one()
    return {nama: _tanggal(t) for nama, t in zip(KOLOM_DATA_PER, terakhir)}


def _tanggal(nilai: object) -> dt.date | None:
    if nilai is None:
        return None
    return nilai if isinstance(nilai, dt.date) else dt.date.fromisoformat(str(nilai)[:10])


def muat_referensi(engine: Engine | Connection) -> dict[str, pd.DataFrame]:
    """The small tables: kecamatan, OPD, coverage snapshots and explicit targets."""
    cakupan = select(Cakupan.tanggal_data, Cakupan.kode_kecamatan, Cakupan.pekerja_informal, Cakupan.peserta_aktif)
    return {
        "kecamatan": _frame(engine, select(Kecamatan.kode_kecamatan, Kecamatan.nama_kecamatan)),
        "opd": _frame(engine, select(Opd.kode_opd, Opd.nama_opd, Opd.jenis, Opd.kode_kecamatan)),
        "cakupan": _frame(engine, cakupan, ("tanggal_data",)),
        "target": _frame(engine, select(Target.tahun, Target.tingkat, Target.kode, Target.indikator, Target.nilai)),
    }


def versi_data(engine: Engine) -> str:
    """Changes whenever an upload commits or is rolled back, or a map is loaded (the key of every cache)."""
    with engine.connect() as conn:
        nomor = conn.scalar(select(VersiData.nomor).where(VersiData.id == 1))
        peta = conn.scalar(select(func.max(PetaKecamatan.id)))
    return f"{nomor}" + (f"-p{peta}" if peta else "")


def ada_unggahan(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.scalar(select(Unggahan.id).limit(1)) is not None
