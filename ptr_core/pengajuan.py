"""Daftarkan Pekerja (issue 17, item 3): an ASN submits the registration of a worker they sponsor; it is pending
(`menunggu`) until programme staff verify it: approved, it becomes a `pekerja` row through the upload pipeline
(the same checks, history, rollback, summaries and audit as a file), or rejected with a reason the ASN sees.

The rules a submission must pass, each a reason given to the ASN:
- the NIK's structure (16 digits, a possible birth date; it also gives the sex, which is not asked);
- age: BPJS Ketenagakerjaan's BPU membership is for workers up to 64 years and 11 months on the day of
  submission (`validasi.usia_bpu`);
- the kelurahan from the reference list, an occupation, a phone number (08…, +628… or 628…, 10 to 15 digits);
- one worker, one sponsor, one request: refused while the NIK has a registration with no stop date or a stop
  date still ahead (whoever sponsors it: a lapsed membership is re-registered by staff, who record its stop date
  first — the waiting rule), or a submission still pending.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, or_, select, update

from ptr_core import validasi as v
from ptr_core.akses import Akses
from ptr_core.audit import catat_dalam
from ptr_core.impor import DEMO_BERLAKU, PENGGUNA_DEMO, impor
from ptr_core.models import Asn, Kecamatan, Kelurahan, Pekerja, Pengajuan, PesananCalon, ProgramLain, Unggahan
from ptr_core.privasi import samarkan_nik
from ptr_core.ringkasan import PendaftaranBulan
from ptr_core.settings import Settings

MENUNGGU, DISETUJUI, DITOLAK = "menunggu", "disetujui", "ditolak"
PEKERJAAN = ["Pedagang kaki lima", "Pengemudi ojek", "Buruh harian lepas", "Nelayan", "Petani",
             "Asisten rumah tangga", "Tukang parkir", "Buruh bangunan", "Penjahit", "Pemulung"]  # fmt: skip
_TELEPON = re.compile(r"^(\+62|62|0)8[0-9]{7,12}$")


@dataclass(frozen=True)
class Ajuan:
    """What an ASN types for a worker."""

    nik: str
    nama: str
    pekerjaan: str
    kode_kelurahan: str
    telepon: str


def daftar_kelurahan(engine: Engine) -> dict[str, str]:
    """kode_kelurahan -> "Kelurahan, Kecamatan", for the form's list."""
    with engine.connect() as conn:
        baris = conn.execute(
            select(Kelurahan.kode_kelurahan, Kelurahan.nama_kelurahan, Kecamatan.nama_kecamatan)
            .join(Kecamatan, Kecamatan.kode_kecamatan == Kelurahan.kode_kecamatan)
            .order_by(Kelurahan.nama_kelurahan)
        ).all()
    return {b.kode_kelurahan: f"{b.nama_kelurahan}, {b.nama_kecamatan}" for b in baris}


# Why a NIK cannot be registered now, each as the conditions of one SQL query over a NIK (a value, or a column such
# as Calon.nik): the submission check reads the rows to name the reason, the candidate offer excludes them.
def berjalan(hari_ini: dt.date):
    """A registration still running on `hari_ini`: no stop date, or one not yet passed."""
    return or_(Pekerja.tanggal_berhenti.is_(None), Pekerja.tanggal_berhenti >= hari_ini)


def terdaftar(nik, hari_ini: dt.date) -> tuple:
    return Pekerja.nik == nik, berjalan(hari_ini)


def menunggu_verifikasi(nik) -> tuple:
    return Pengajuan.nik == nik, Pengajuan.status == MENUNGGU


def dilindungi_lain(nik) -> tuple:
    return (ProgramLain.nik == nik,)


def dipegang(nik, sejak: dt.datetime) -> tuple:
    """A candidate held (reserved) by an ASN at `sejak` or later."""
    return PesananCalon.nik == nik, PesananCalon.berlaku_sampai >= sejak


def periksa_ajuan(
    engine: Engine, ajuan: Ajuan, hari_ini: dt.date, nip: str | None = None
) -> tuple[list[str], v.DataNik | None]:
    """The reasons a submission by the ASN `nip` is refused (none: it may be submitted), and what its NIK says."""
    alasan: list[str] = []
    data_nik = None
    try:
        data_nik = v.rincian_nik(ajuan.nik.strip(), hari_ini)
        if pesan := v.usia_bpu(data_nik.tanggal_lahir, hari_ini):
            alasan.append(pesan)
    except v.NilaiSalah as e:
        alasan.append(str(e))
    if not 2 <= len(ajuan.nama.strip()) <= 200:
        alasan.append("Tulis nama pekerja sesuai KTP (2 sampai 200 huruf).")
    if not 2 <= len(ajuan.pekerjaan.strip()) <= 100:
        alasan.append("Pilih atau tulis pekerjaan pekerja.")
    if not _TELEPON.match(re.sub(r"[\s-]", "", ajuan.telepon)):
        alasan.append("Nomor telepon tidak dikenali; tulis misalnya 081234567890.")
    with engine.connect() as conn:
        if (
            conn.scalar(select(Kelurahan.kode_kelurahan).where(Kelurahan.kode_kelurahan == ajuan.kode_kelurahan))
            is None
        ):
            alasan.append("Pilih kelurahan domisili pekerja dari daftar.")
        if data_nik is not None:
            nik = ajuan.nik.strip()
            terbuka = conn.execute(select(Pekerja.tanggal_daftar).where(*terdaftar(nik, hari_ini))).first()
            if terbuka is not None:
                alasan.append(
                    f"Pekerja ini sudah terdaftar dalam program sejak {terbuka.tanggal_daftar:%d-%m-%Y} dan "
                    "pendaftarannya belum berakhir. Satu pekerja hanya satu sponsor; bila kepesertaannya sudah "
                    "nonaktif, minta staf program mencatat tanggal berhentinya lebih dulu."
                )
            lain = conn.scalars(select(ProgramLain.sumber).where(*dilindungi_lain(nik))).all()
            if lain:
                alasan.append(
                    f"Pekerja ini sudah dilindungi program lain ({', '.join(sorted(lain))}); satu pekerja tidak "
                    "dibiayai dua kali. Pilih pekerja lain."
                )
            dipesan = conn.execute(
                select(PesananCalon.berlaku_sampai).where(
                    *dipegang(nik, dt.datetime.combine(hari_ini, dt.time.min)), PesananCalon.nip != (nip or "")
                )
            ).first()
            if dipesan is not None:
                alasan.append(
                    f"Calon pekerja ini sedang dipesan ASN lain sampai {dipesan.berlaku_sampai:%d-%m-%Y}. "
                    "Pilih pekerja lain."
                )
            if conn.scalar(select(Pengajuan.id).where(*menunggu_verifikasi(nik))):
                alasan.append("Pendaftaran pekerja ini sudah diajukan dan sedang menunggu verifikasi staf program.")
    return alasan, data_nik


def ajukan(engine: Engine, siapa: Akses, ajuan: Ajuan, hari_ini: dt.date | None = None) -> tuple[bool, list[str]]:
    """Submit a registration for the signed-in ASN: refused with the reasons, or recorded as pending (audited)."""
    hari_ini = hari_ini or dt.date.today()
    if not siapa.nip:
        return False, ["Hanya ASN yang dapat mendaftarkan pekerja."]
    alasan, data_nik = periksa_ajuan(engine, ajuan, hari_ini, siapa.nip)
    if alasan or data_nik is None:
        return False, alasan
    with engine.begin() as conn:
        nomor = conn.execute(
            insert(Pengajuan).values(
                nik=ajuan.nik.strip(), nama=" ".join(ajuan.nama.split()), jenis_kelamin=data_nik.jenis_kelamin,
                pekerjaan=ajuan.pekerjaan.strip(), kode_kelurahan=ajuan.kode_kelurahan,
                telepon=re.sub(r"[\s-]", "", ajuan.telepon), nip_sponsor=siapa.nip, diajukan_oleh=siapa.email,
                diajukan_pada=dt.datetime.now(), status=MENUNGGU,
            ).returning(Pengajuan.id)
        ).scalar_one()  # fmt: skip
        # A candidate this ASN reserved is theirs now: the hold ends with the submission.
        conn.execute(delete(PesananCalon).where(PesananCalon.nik == ajuan.nik.strip(), PesananCalon.nip == siapa.nip))
        catat_dalam(conn, siapa.email, "ajuan_daftar", f"pengajuan {nomor}")
    return True, []


def pengajuan(engine: Engine, nip: str | None = None, status: str | None = None) -> pd.DataFrame:
    """Submissions, newest first: one ASN's (`nip`), or all; of one status, or any."""
    query = select(Pengajuan).order_by(Pengajuan.id.desc())
    if nip is not None:
        query = query.where(Pengajuan.nip_sponsor == nip)
    if status is not None:
        query = query.where(Pengajuan.status == status)
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def pendaftaran_bulan(ajuan: pd.DataFrame, bulan: str) -> PendaftaranBulan:
    """Registrations submitted on Daftarkan Pekerja, for month `bulan` ('YYYY-MM'): `diajukan` submitted in the
    month, `disetujui` and `ditolak` decided in the month, `menunggu` submitted by its end and not decided by then."""
    awal = pd.Timestamp(f"{bulan}-01")
    akhir = awal + pd.offsets.MonthBegin(1)
    diajukan, diputus = pd.to_datetime(ajuan["diajukan_pada"]), pd.to_datetime(ajuan["diputus_pada"])
    diputus_di_bulan = (diputus >= awal) & (diputus < akhir)
    return {
        "diajukan": int(((diajukan >= awal) & (diajukan < akhir)).sum()),
        "disetujui": int((diputus_di_bulan & (ajuan["status"] == DISETUJUI)).sum()),
        "ditolak": int((diputus_di_bulan & (ajuan["status"] == DITOLAK)).sum()),
        "menunggu": int(((diajukan < akhir) & ~(diputus < akhir)).sum()),
    }


def hitung_pendaftaran(engine: Engine, bulan: str) -> PendaftaranBulan:
    """`pendaftaran_bulan` from the database (what `summary --json`, Ringkasan and the slide show)."""
    with engine.connect() as conn:
        ajuan = pd.read_sql(select(Pengajuan.diajukan_pada, Pengajuan.diputus_pada, Pengajuan.status), conn)
    return pendaftaran_bulan(ajuan, bulan)


def pengajuan_opd(engine: Engine, akses: Akses, kode_opd: str) -> pd.DataFrame:
    """For an OPD head's follow-up: the submissions by the OPD's ASN, newest first, as the viewer may see them
    (the NIK masked unless an admin revealed it elsewhere: never here; workers' names only where the role sees
    names)."""
    from ptr_core.akses import AksesDitolak

    if not akses.boleh_opd(kode_opd):
        raise AksesDitolak(kode_opd)
    with engine.connect() as conn:
        frame = pd.read_sql(
            select(
                Pengajuan.id, Asn.nip, Asn.nama.label("nama_asn"), Pengajuan.nama, Pengajuan.nik,
                Pengajuan.diajukan_pada, Pengajuan.status, Pengajuan.alasan,
            )
            .join(Asn, Asn.nip == Pengajuan.nip_sponsor)
            .where(Asn.kode_opd == kode_opd)
            .order_by(Pengajuan.id.desc()),
            conn,
        )  # fmt: skip
    frame["nik"] = frame["nik"].map(samarkan_nik)
    if not akses.lihat_nama_pekerja:
        frame["nama"] = "(disembunyikan)"
    return frame


def _putuskan(
    conn: Connection, nomor: int, status: str, oleh: str, alasan: str | None, unggahan_id: int | None
) -> None:
    conn.execute(
        update(Pengajuan)
        .where(Pengajuan.id == nomor)
        .values(
            status=status, alasan=alasan, diputus_oleh=oleh, diputus_pada=dt.datetime.now(), unggahan_id=unggahan_id
        )
    )


def setujui(
    engine: Engine, nomor: int, oleh: str, nomor_kpj: str, settings: Settings,
    hari_ini: dt.date | None = None,
) -> tuple[bool, str]:  # fmt: skip
    """Approve a pending submission: the worker is registered from today, sponsored by the ASN who submitted,
    through the upload pipeline (its checks decide; the upload can be rolled back like any other)."""
    hari_ini = hari_ini or dt.date.today()
    with engine.connect() as conn:
        p = conn.execute(select(Pengajuan).where(Pengajuan.id == nomor, Pengajuan.status == MENUNGGU)).first()
        demo = conn.scalar(select(Unggahan.id).where(*DEMO_BERLAKU).limit(1)) is not None
    if p is None:
        return False, f"Pengajuan {nomor} tidak ada atau sudah diputus."
    berkas = io.StringIO()
    tulis = csv.writer(berkas)
    tulis.writerow(["nik", "nama", "jenis_kelamin", "pekerjaan", "kode_kelurahan", "nomor_kpj", "nip_sponsor",
                    "tanggal_daftar", "tanggal_berhenti"])  # fmt: skip
    tulis.writerow([p.nik, p.nama, p.jenis_kelamin, p.pekerjaan, p.kode_kelurahan, nomor_kpj.strip(), p.nip_sponsor,
                    hari_ini.isoformat(), ""])  # fmt: skip

    def putuskan(conn: Connection, unggahan_id: int) -> str | None:
        # Under the upload's write lock: another staff member may have decided it since it was read above.
        if conn.scalar(select(Pengajuan.id).where(Pengajuan.id == nomor, Pengajuan.status == MENUNGGU)) is None:
            return "pengajuan ini sudah diputus oleh staf lain"
        _putuskan(conn, nomor, DISETUJUI, oleh, None, unggahan_id)
        catat_dalam(conn, oleh, "ajuan_setujui", f"pengajuan {nomor} -> unggahan {unggahan_id}")
        return None

    # The registration and the decision are saved together or not at all: never a registered worker whose
    # submission still waits (it would be approved twice), nor an approval without its worker.
    # On the demo database an approval is demo data too (real rows are never mixed into the synthetic city).
    hasil = impor(engine, "pekerja", berkas.getvalue().encode(), f"pengajuan-{nomor}.csv",
                  PENGGUNA_DEMO if demo else oleh, settings=settings, hari_ini=hari_ini, bersama=putuskan)  # fmt: skip
    if not hasil.unggahan_id:
        masalah = "; ".join(m.pesan for m in hasil.masalah if not m.peringatan) or "tidak ada yang berubah"
        return False, f"Pengajuan {nomor} tidak bisa disetujui: {masalah}"
    return (
        True,
        f"Pengajuan {nomor} disetujui: pekerja terdaftar mulai {hari_ini:%d-%m-%Y} (unggahan {hasil.unggahan_id}).",
    )


def tolak(engine: Engine, nomor: int, oleh: str, alasan: str) -> tuple[bool, str]:
    """Reject a pending submission with the reason the ASN will read."""
    alasan = " ".join(alasan.split())
    if not 5 <= len(alasan) <= 500:
        return False, "Tulis alasan penolakan (5 sampai 500 huruf); ASN pengaju akan membacanya."
    with engine.begin() as conn:
        if conn.scalar(select(Pengajuan.id).where(Pengajuan.id == nomor, Pengajuan.status == MENUNGGU)) is None:
            return False, f"Pengajuan {nomor} tidak ada atau sudah diputus."
        _putuskan(conn, nomor, DITOLAK, oleh, alasan, None)
        catat_dalam(conn, oleh, "ajuan_tolak", f"pengajuan {nomor}")
    return True, f"Pengajuan {nomor} ditolak."
