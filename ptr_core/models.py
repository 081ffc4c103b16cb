"""The database schema, as SQLAlchemy 2 typed mappings. Only uploaded facts are stored; metrics are derived.

One module over ~350 lines because it is the one schema: every table beside the others, as Alembic compares it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Kecamatan(Base):
    __tablename__ = "kecamatan"
    kode_kecamatan: Mapped[str] = mapped_column(String(8), primary_key=True)
    nama_kecamatan: Mapped[str] = mapped_column(String(100))


class Kelurahan(Base):
    __tablename__ = "kelurahan"
    kode_kelurahan: Mapped[str] = mapped_column(String(13), primary_key=True)
    nama_kelurahan: Mapped[str] = mapped_column(String(100))
    kode_kecamatan: Mapped[str] = mapped_column(ForeignKey("kecamatan.kode_kecamatan"))


class Unggahan(Base):
    """Every load of data, so that each row can be traced to the upload that brought it."""

    __tablename__ = "unggahan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(20))
    nama_file: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    pengguna: Mapped[str] = mapped_column(String(255))
    waktu: Mapped[dt.datetime] = mapped_column(DateTime)
    jumlah_baris: Mapped[int] = mapped_column(Integer)
    baris_baru: Mapped[int] = mapped_column(Integer)
    baris_diubah: Mapped[int] = mapped_column(Integer)
    baris_ditolak: Mapped[int] = mapped_column(Integer)
    isi_file: Mapped[bytes | None] = mapped_column(LargeBinary)
    dibatalkan_pada: Mapped[dt.datetime | None] = mapped_column(DateTime)
    dibatalkan_oleh: Mapped[str | None] = mapped_column(String(255))


class Opd(Base):
    __tablename__ = "opd"
    kode_opd: Mapped[str] = mapped_column(String(30), primary_key=True)
    nama_opd: Mapped[str] = mapped_column(String(200))
    # dinas / badan / sekretariat / inspektorat / kecamatan / rsud / lainnya
    jenis: Mapped[str] = mapped_column(String(20))
    kode_kecamatan: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.kode_kecamatan"))


class Asn(Base):
    """The current roster; an ASN missing from the latest roster upload stays with aktif = False."""

    __tablename__ = "asn"
    nip: Mapped[str] = mapped_column(String(18), primary_key=True)
    nama: Mapped[str] = mapped_column(String(200))
    kode_opd: Mapped[str] = mapped_column(ForeignKey("opd.kode_opd"), index=True)
    status: Mapped[str] = mapped_column(String(4))  # PNS / PPPK
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))
    email: Mapped[str | None] = mapped_column(String(255), index=True)  # how the ASN is recognised at sign-in


class AsnRiwayat(Base):
    """Each roster upload as it was, since the asn table keeps only the latest state."""

    __tablename__ = "asn_riwayat"
    unggahan_id: Mapped[int] = mapped_column(ForeignKey("unggahan.id"), primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), primary_key=True)
    kode_opd: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(4))


class Pekerja(Base):
    """One enrolment of a worker; a worker who lapsed and registered again has a second row."""

    __tablename__ = "pekerja"
    __table_args__ = (UniqueConstraint("nik", "tanggal_daftar"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    nama: Mapped[str] = mapped_column(String(200))
    jenis_kelamin: Mapped[str] = mapped_column(String(1))  # L / P
    pekerjaan: Mapped[str] = mapped_column(String(100))
    kode_kelurahan: Mapped[str] = mapped_column(ForeignKey("kelurahan.kode_kelurahan"))
    nomor_kpj: Mapped[str | None] = mapped_column(String(20))
    nip_sponsor: Mapped[str] = mapped_column(String(18), index=True)
    tanggal_daftar: Mapped[dt.date] = mapped_column(Date)
    tanggal_berhenti: Mapped[dt.date | None] = mapped_column(Date)
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class Iuran(Base):
    __tablename__ = "iuran"
    # The unique key serves an upload's lookups; no index on periode alone (see migration 0006).
    __table_args__ = (UniqueConstraint("nik", "periode", "tanggal_bayar"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16))
    periode: Mapped[str] = mapped_column(String(7))  # YYYY-MM the payment covers
    jumlah: Mapped[int] = mapped_column(BigInteger)
    tanggal_bayar: Mapped[dt.date] = mapped_column(Date)
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class Cakupan(Base):
    """A BPJS coverage snapshot of one kecamatan: every informal worker and every active participant."""

    __tablename__ = "cakupan"
    tanggal_data: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kode_kecamatan: Mapped[str] = mapped_column(ForeignKey("kecamatan.kode_kecamatan"), primary_key=True)
    pekerja_informal: Mapped[int] = mapped_column(Integer)
    peserta_aktif: Mapped[int] = mapped_column(Integer)
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class Target(Base):
    """An explicit target that overrides the default growth rule."""

    __tablename__ = "target"
    tahun: Mapped[int] = mapped_column(Integer, primary_key=True)
    tingkat: Mapped[str] = mapped_column(String(10), primary_key=True)  # kota / kecamatan / opd
    kode: Mapped[str] = mapped_column(String(30), primary_key=True)
    indikator: Mapped[str] = mapped_column(String(40), primary_key=True)
    nilai: Mapped[int] = mapped_column(BigInteger)
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class PetaKecamatan(Base):
    """A kecamatan boundary file (GeoJSON) from the city's GIS office; the latest one is drawn."""

    __tablename__ = "peta_kecamatan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nama_file: Mapped[str] = mapped_column(String(255))
    geojson: Mapped[str] = mapped_column(Text)
    pengguna: Mapped[str] = mapped_column(String(255))
    waktu: Mapped[dt.datetime] = mapped_column(DateTime)


class VersiData(Base):
    """One row whose number goes up with every commit and rollback: the key of every dashboard cache.
    Writers update it first, so its row lock also serialises concurrent uploads (SQLite and PostgreSQL)."""

    __tablename__ = "versi_data"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nomor: Mapped[int] = mapped_column(BigInteger)


class UnggahanPerubahan(Base):
    """The before-image of every row an upload inserted or changed, so that a rollback restores it exactly."""

    __tablename__ = "unggahan_perubahan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unggahan_id: Mapped[int] = mapped_column(ForeignKey("unggahan.id"), index=True)
    tabel: Mapped[str] = mapped_column(String(30))
    kunci: Mapped[str] = mapped_column(Text)  # JSON list of the natural key's values
    sebelum: Mapped[str | None] = mapped_column(Text)  # JSON object; NULL when the upload inserted the row


class Pengguna(Base):
    """Who may sign in, with which role, and for the `opd` role which OPD."""

    __tablename__ = "pengguna"
    email: Mapped[str] = mapped_column(String(255), primary_key=True)
    peran: Mapped[str] = mapped_column(String(20))  # admin / pimpinan / opd / operator
    kode_opd: Mapped[str | None] = mapped_column(ForeignKey("opd.kode_opd"))
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime)


class ProgramLain(Base):
    """A worker already covered by another programme (`sumber`, e.g. the city's APBD-funded cover): not to be
    registered here; the programme's workers among them are paid for twice, for the months from `mulai` to
    `selesai` ('YYYY-MM', each optional: no start, since always; no end, still covered)."""

    __tablename__ = "program_lain"
    __table_args__ = (UniqueConstraint("nik", "sumber"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    nama: Mapped[str] = mapped_column(String(200))
    sumber: Mapped[str] = mapped_column(String(100))
    mulai: Mapped[str | None] = mapped_column(String(7))
    selesai: Mapped[str | None] = mapped_column(String(7))
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class Calon(Base):
    """A candidate worker from a list staff upload (kelurahan or social-welfare data, `sumber` named), offered to
    ASN who know no worker to sponsor; held for one ASN at a time by `PesananCalon`."""

    __tablename__ = "calon"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    jenis_kelamin: Mapped[str] = mapped_column(String(1))  # L / P
    pekerjaan: Mapped[str] = mapped_column(String(100))
    kode_kelurahan: Mapped[str] = mapped_column(ForeignKey("kelurahan.kode_kelurahan"))
    sumber: Mapped[str] = mapped_column(String(100))
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class PesananCalon(Base):
    """A candidate reserved by one ASN until `berlaku_sampai`. The primary key on the candidate's NIK is what makes
    two ASN unable to hold one candidate (the database refuses the second insert, on SQLite and PostgreSQL alike);
    the unique NIP, that an ASN holds one candidate at a time."""

    __tablename__ = "pesanan_calon"
    nik: Mapped[str] = mapped_column(String(16), primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    dipesan_pada: Mapped[dt.datetime] = mapped_column(DateTime)
    berlaku_sampai: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class PesertaBpjs(Base):
    """A row of BPJS Ketenagakerjaan's participant report as of `tanggal_laporan`: who BPJS counts, with their
    status and the last month paid there. The programme's own rows are reconciled against the latest report."""

    __tablename__ = "peserta_bpjs"
    tanggal_laporan: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), primary_key=True)
    nomor_kpj: Mapped[str] = mapped_column(String(20), index=True)
    nama: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10))  # aktif / nonaktif, as BPJS states it
    tanggal_kepesertaan: Mapped[dt.date] = mapped_column(Date)
    bulan_terakhir_dibayar: Mapped[str | None] = mapped_column(String(7))  # YYYY-MM; none when never paid
    nip_pembayar: Mapped[str | None] = mapped_column(String(18))  # the ASN BPJS records as paying, when it says
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class Klaim(Base):
    """A benefit BPJS Ketenagakerjaan paid for a programme worker (`jenis`: JKK work accident, JKM death, beasiswa
    the children's scholarship), one row per payment: the programme's impact, set against the contributions paid.
    `boleh_dipublikasikan`: the worker or family agreed that the case may be told in public (press, briefings)."""

    __tablename__ = "klaim"
    __table_args__ = (UniqueConstraint("nik", "jenis", "tanggal_kejadian", "tanggal_bayar"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    jenis: Mapped[str] = mapped_column(String(10))  # JKK / JKM / beasiswa
    tanggal_kejadian: Mapped[dt.date] = mapped_column(Date)
    tanggal_bayar: Mapped[dt.date] = mapped_column(Date, index=True)
    jumlah: Mapped[int] = mapped_column(BigInteger)
    boleh_dipublikasikan: Mapped[bool | None] = mapped_column(Boolean)  # None: not asked, so not agreed
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class Pengajuan(Base):
    """A worker's registration submitted by an ASN (Daftarkan Pekerja): `menunggu` until programme staff approve
    it (it becomes a `pekerja` row through an upload, `unggahan_id`) or reject it with a reason the ASN sees."""

    __tablename__ = "pengajuan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    nama: Mapped[str] = mapped_column(String(200))
    jenis_kelamin: Mapped[str] = mapped_column(String(1))
    pekerjaan: Mapped[str] = mapped_column(String(100))
    kode_kelurahan: Mapped[str] = mapped_column(ForeignKey("kelurahan.kode_kelurahan"))
    telepon: Mapped[str] = mapped_column(String(20))
    nip_sponsor: Mapped[str] = mapped_column(String(18), index=True)
    diajukan_oleh: Mapped[str] = mapped_column(String(255))
    diajukan_pada: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), index=True)  # menunggu / disetujui / ditolak
    alasan: Mapped[str | None] = mapped_column(Text)
    diputus_oleh: Mapped[str | None] = mapped_column(String(255))
    diputus_pada: Mapped[dt.datetime | None] = mapped_column(DateTime)
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"))


class Audit(Base):
    """Append-only trail of sign-ins, uploads, rollbacks, user changes, NIK reveals and exports."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    waktu: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    email: Mapped[str] = mapped_column(String(255))
    aksi: Mapped[str] = mapped_column(String(40))
    rincian: Mapped[str] = mapped_column(Text)


class AgregatBulanan(Base):
    """Summaries computed at every commit (ptr_core.agregat): month x kecamatan x OPD counts and sums."""

    __tablename__ = "agregat_bulanan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bulan: Mapped[int] = mapped_column(Integer)  # month index: year x 12 + month - 1
    kode_kecamatan: Mapped[str] = mapped_column(String(8))
    kode_opd: Mapped[str | None] = mapped_column(String(30))  # None: sponsor not in the roster
    aktif: Mapped[int] = mapped_column(Integer)
    aktif_baru: Mapped[int] = mapped_column(Integer)
    menunggak: Mapped[int] = mapped_column(Integer)
    nonaktif: Mapped[int] = mapped_column(Integer)
    kurang: Mapped[int] = mapped_column(BigInteger)
    dibayar: Mapped[int] = mapped_column(BigInteger)


class AgregatSponsor(Base):
    """Summaries computed at every commit: distinct sponsoring ASN per month and OPD."""

    __tablename__ = "agregat_sponsor"
    bulan: Mapped[int] = mapped_column(Integer, primary_key=True)
    kode_opd: Mapped[str] = mapped_column(String(30), primary_key=True)
    asn_berpartisipasi: Mapped[int] = mapped_column(Integer)
    asn_mendaftarkan: Mapped[int] = mapped_column(Integer)


class AgregatAsn(Base):
    """Summaries computed at every commit: per sponsor (NIP) and month with an enrolled worker, the workers aktif
    and menunggak and what the menunggak ones still owe for the month. The OPD's ASN lists page through it."""

    __tablename__ = "agregat_asn"
    nip: Mapped[str] = mapped_column(String(18), primary_key=True)
    bulan: Mapped[int] = mapped_column(Integer, primary_key=True)
    aktif: Mapped[int] = mapped_column(Integer)
    menunggak: Mapped[int] = mapped_column(Integer)
    kurang: Mapped[int] = mapped_column(BigInteger)


class AgregatKelurahan(Base):
    """Summaries computed at every commit: programme workers aktif per month, kelurahan and pekerjaan. The
    kecamatan page reads one kecamatan's rows."""

    __tablename__ = "agregat_kelurahan"
    bulan: Mapped[int] = mapped_column(Integer, primary_key=True)
    kode_kelurahan: Mapped[str] = mapped_column(String(13), primary_key=True)
    pekerjaan: Mapped[str] = mapped_column(String(100), primary_key=True)
    aktif: Mapped[int] = mapped_column(Integer)


class AgregatGugur(Base):
    """Summaries computed at every commit: the month each lapsed enrolment became nonaktif, so that an upload of
    payments recomputes only the months from its first one (agregat.hitung with `sejak`)."""

    __tablename__ = "agregat_gugur"
    pekerja_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bulan: Mapped[int] = mapped_column(Integer)


class AgregatInfo(Base):
    """One row: the data version and settings the summaries were computed at, and the datasets' dates."""

    __tablename__ = "agregat_info"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    versi: Mapped[int] = mapped_column(BigInteger)
    kunci: Mapped[str] = mapped_column(String(100))
    tanggal: Mapped[str] = mapped_column(Text)  # JSON {cakupan, pekerja, iuran, awal: 'YYYY-MM-DD' | null}
