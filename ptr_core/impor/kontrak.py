"""The contract of an upload: the one registry of datasets (each column's form, required or not, the headers
staff use, its domain and its references; each dataset's rules, and what its rows mean to planning, saving and
rollback), which the stages and the templates read, and the problem every stage reports back as a value (row as
Excel shows it, column, value, message), never as an exception.

One module over ~350 lines because it is the one registry: every dataset's declaration is read side by side (a new
dataset is written by comparing it with the others), and splitting them would make two places to look."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from sqlalchemy import String
from sqlalchemy.orm import InstrumentedAttribute

from ptr_core import berkas
from ptr_core import validasi as v
from ptr_core.impor import aturan as a
from ptr_core.models import (
    Asn,
    AsnRiwayat,
    Base,
    Cakupan,
    Calon,
    Iuran,
    Klaim,
    Opd,
    Pekerja,
    Pengguna,
    PesertaBpjs,
    ProgramLain,
    Target,
)
from ptr_core.privasi import samarkan_nik

JENIS_OPD = ("dinas", "badan", "sekretariat", "inspektorat", "kecamatan", "rsud", "lainnya")


@dataclass(frozen=True)
class Rujukan:
    """What a column given by code or by name refers to: the codes it resolves against (`Referensi`'s table of
    code -> name), what a message calls it, and the titles a name may start with ('Kec. Candisari')."""

    daftar: Literal["kecamatan", "kelurahan", "opd"]
    label: str
    awalan: str = ""


RUJUKAN_KECAMATAN = Rujukan("kecamatan", "kecamatan", "kec|kecamatan")
RUJUKAN_KELURAHAN = Rujukan("kelurahan", "kelurahan", "kel|kelurahan")
RUJUKAN_OPD = Rujukan("opd", "OPD")


@dataclass(frozen=True)
class Kolom:
    """One column of an upload: how a cell is read (its form), whether it is required, the headers staff use
    for it, and its domain: `batas` names the `validasi.Batas` bound of its values (dates, amounts, counts);
    text is bounded by the database column's length (`Dataset.pembaca`), or by `RUJUKAN_MAKS` for a reference
    given by code or name (`rujukan`: what it refers to, resolved to a code when checked)."""

    nama: str
    baca: Callable[[str], Any]
    wajib: bool = True
    alias: tuple[str, ...] = ()
    batas: str | None = None
    rujukan: Rujukan | None = None
    pelengkap: bool = False  # supplementary: a file without this column leaves its stored values as they are


RUJUKAN_MAKS = 200  # a kecamatan, kelurahan or OPD written by name
# Targets per OPD, or of participating ASN, were once accepted and then read by nothing: a target staff believe is
# in force but no page shows. Refused until the programme defines one and the OPD page shows it against the actual.
TARGET_OPD = (
    "Target per OPD dan target ASN berpartisipasi belum dipakai dasbor (tidak ada halaman yang menampilkannya), "
    "jadi tidak disimpan. Yang dipakai: target peserta_aktif tingkat kota (kode 33.74) atau kecamatan. Partisipasi "
    "OPD dapat disimulasikan di halaman Target & simulasi."
)


@dataclass(frozen=True)
class Dataset:
    """One kind of upload: its table, natural key and columns, and what its rows mean to the stages that check,
    plan, save and roll them back. Every stage reads these declarations; none asks which dataset it holds."""

    nama: str
    model: type[Base]
    kunci: tuple[str, ...]
    kolom: tuple[Kolom, ...]
    mengubah_angka: bool = True  # whether its rows enter the summaries (recomputed at its commit and rollback)
    # What a row whose cells all parsed (and whose references resolved) is checked against: its other columns and
    # what the database holds. Run in this order; each reports in its own place within the row (`aturan.Baris`).
    aturan: tuple[a.Aturan, ...] = ()
    # Keyed by period: the key column holding the month a row covers (YYYY-MM). An upload is compared only with the
    # stored rows of the months it covers, and it (or its rollback) changes the summaries only from its first month.
    kunci_periode: str | None = None
    # Part of the key that a new row may share with a stored row of an earlier upload when it corrects that row rather
    # than adds to it (a payment whose date was corrected is a new key: a month may be paid in parts). Such a row is
    # saved, with a warning naming the stored row and its upload (`rencana.Rencana.mirip`).
    kunci_koreksi: tuple[str, ...] = ()
    # A roster: the column saying a row is still on it. Every row a file brings is on it (set True); a file may be
    # the whole roster, whose missing rows have left it (set False, only when the user says the file is the whole
    # roster, and counted either way). So a roster is compared whole, as one chunk, and a rollback restores the flag.
    roster: str | None = None
    # A history kept per upload: the table (with an `unggahan_id`) where each accepted row is also recorded, and the
    # columns recorded (each roster as it was, as the roster itself keeps only its latest state); gone at rollback.
    riwayat: tuple[type[Base], tuple[str, ...]] | None = None
    # Rows are a worker's registrations (nik, nip_sponsor, tanggal_daftar to tanggal_berhenti): one sponsor at a
    # time, checked against the worker's stored registrations and those of earlier rows of the same file.
    satu_sponsor: bool = False
    # Rows are the registrations recorded claims rest on: a rollback that would leave a claim without a registration
    # on its incident day is refused.
    dasar_klaim: bool = False
    # What a rollback must not pull from under: rows that point, by this dataset's first key, at a row the upload
    # brought. `dirujuk_oleh`: columns of stored rows (the upload that stored them blocks it: workers at their
    # sponsor, ASN at their OPD); `dirujuk_unggahan`: datasets whose later uploads changed rows keyed first by it
    # (payments of a new worker, by NIK); `dirujuk_pengguna`: the dashboard users' column (users of an OPD).
    dirujuk_oleh: tuple[InstrumentedAttribute[Any], ...] = ()
    dirujuk_unggahan: tuple[str, ...] = ()
    dirujuk_pengguna: InstrumentedAttribute[Any] | None = None

    @property
    def nama_kolom(self) -> list[str]:
        return [k.nama for k in self.kolom]

    def panjang(self, kolom: Kolom) -> int:
        """The most characters a text cell of `kolom` may hold: its database column's length, or a name's."""
        if kolom.rujukan:
            return RUJUKAN_MAKS
        jenis = self.model.__table__.c[kolom.nama].type
        if not isinstance(jenis, String) or jenis.length is None:
            raise TypeError(f"{self.nama}.{kolom.nama} is read as text but its column has no length ({jenis!r})")
        return jenis.length

    def pembaca(self, kolom: Kolom, batas: v.Batas) -> Callable[[str], Any]:
        """How a cell of `kolom` is read and bounded: its form, then its domain."""
        baca = kolom.baca
        if baca is v.teks:
            baca = v.teks_maks(self.panjang(kolom))
        periksa = getattr(batas, kolom.batas) if kolom.batas else None

        def dalam_batas(sel: str) -> Any:
            if not sel.isascii():
                sel = sel.translate(v.TAK_TAMPAK).strip()
            if sel.startswith(berkas.RUMUS_TANPA_NILAI):
                raise v.NilaiSalah(
                    f"Sel berisi rumus ({sel[len(berkas.RUMUS_TANPA_NILAI) :]}) tanpa nilai tersimpan: buka file di "
                    "Excel, simpan ulang (nilainya dihitung saat disimpan), lalu unggah lagi."
                )
            nilai = baca(sel)
            if periksa and (pesan := periksa(nilai)):
                raise v.NilaiSalah(pesan)
            return nilai

        return dalam_batas

    @property
    def kolom_simpan(self) -> list[str]:
        """The stored columns that a rollback restores."""
        tambahan = [self.roster] if self.roster else []
        return self.nama_kolom + tambahan + (["unggahan_id"] if hasattr(self.model, "unggahan_id") else [])


# A worker's sex, occupation and domicile, declared once: registrations and candidate lists carry them alike.
ORANG = (
    Kolom("jenis_kelamin", v.pilihan("L", "P"), alias=("jk", "l_p", "kelamin", "gender")),
    Kolom("pekerjaan", v.teks, alias=("profesi", "jenis_pekerjaan")),
    Kolom(
        "kode_kelurahan",
        v.teks,
        alias=("kelurahan", "kode_kel", "nama_kelurahan", "desa_kelurahan"),
        rujukan=RUJUKAN_KELURAHAN,
    ),
)


DATASET: dict[str, Dataset] = {
    d.nama: d
    for d in (
        Dataset(
            "opd",
            Opd,
            ("kode_opd",),
            (
                Kolom("kode_opd", v.teks, alias=("kode",)),
                Kolom("nama_opd", v.teks, alias=("nama", "nama_unit", "perangkat_daerah")),
                Kolom("jenis", v.pilihan(*JENIS_OPD), alias=("jenis_opd",)),
                Kolom(
                    "kode_kecamatan",
                    v.teks,
                    wajib=False,
                    alias=("kecamatan", "kode_kec", "kd_kec"),
                    rujukan=RUJUKAN_KECAMATAN,
                ),
            ),
            dirujuk_oleh=(Asn.kode_opd,),
            dirujuk_pengguna=Pengguna.kode_opd,
        ),
        Dataset(
            "asn",
            Asn,
            ("nip",),
            (
                Kolom("nip", v.nip, alias=("nip_baru", "nip_asn", "nomor_induk_pegawai", "nip_18")),
                Kolom("nama", v.teks, alias=("nama_lengkap", "nama_asn", "nama_pegawai")),
                Kolom(
                    "kode_opd",
                    v.teks,
                    alias=("opd", "nama_opd", "unit_kerja", "perangkat_daerah", "kode_unit"),
                    rujukan=RUJUKAN_OPD,
                ),
                Kolom(
                    "status",
                    v.pilihan("PNS", "PPPK", alias={"P3K": "PPPK"}),
                    alias=("status_pegawai", "jenis_asn", "status_kepegawaian"),
                ),
                Kolom(
                    "email",
                    v.email,
                    wajib=False,
                    alias=("surel", "e_mail", "alamat_email", "email_dinas"),
                    pelengkap=True,
                ),
            ),
            roster="aktif",
            riwayat=(AsnRiwayat, ("nip", "kode_opd", "status")),
            dirujuk_oleh=(Pekerja.nip_sponsor,),
        ),
        Dataset(
            "pekerja",
            Pekerja,
            ("nik", "tanggal_daftar"),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nomor_induk_kependudukan", "nik_pekerja")),
                Kolom("nama", v.teks, alias=("nama_pekerja", "nama_lengkap")),
                *ORANG,
                Kolom("nomor_kpj", v.teks, wajib=False, alias=("no_kpj", "kpj", "nomor_peserta", "no_peserta")),
                Kolom("nip_sponsor", v.nip, alias=("nip_asn", "nip_penyantun", "sponsor", "nip_pns", "nip")),
                Kolom(
                    "tanggal_daftar",
                    v.tanggal,
                    alias=("tgl_daftar", "tanggal_pendaftaran", "tgl_kepesertaan"),
                    batas="tanggal",
                ),
                Kolom(
                    "tanggal_berhenti",
                    v.tanggal,
                    wajib=False,
                    alias=("tgl_berhenti", "tanggal_keluar"),
                    batas="tanggal_berhenti",
                ),
            ),
            aturan=(
                a.sponsor_di_roster,
                a.berurutan(
                    "tanggal_daftar",
                    "tanggal_berhenti",
                    102,
                    "tanggal_berhenti",
                    "tanggal_berhenti lebih awal dari tanggal_daftar.",
                ),
                a.dilindungi_program_lain,
            ),  # fmt: skip
            satu_sponsor=True,
            dasar_klaim=True,
            dirujuk_unggahan=("iuran",),
        ),
        Dataset(
            "iuran",
            Iuran,
            ("nik", "periode", "tanggal_bayar"),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nik_pekerja")),
                Kolom("periode", v.periode, alias=("bulan", "bulan_iuran", "periode_iuran"), batas="periode"),
                Kolom(
                    "jumlah",
                    v.bilangan,
                    alias=("nominal", "iuran", "jumlah_iuran", "besar_iuran", "jumlah_bayar"),
                    batas="jumlah",
                ),
                Kolom("tanggal_bayar", v.tanggal, alias=("tgl_bayar", "tanggal_pembayaran"), batas="tanggal"),
            ),
            aturan=(a.iuran_sejak_terdaftar, a.periode_dekat_bayar, a.kelipatan_iuran),
            kunci_periode="periode",
            kunci_koreksi=("nik", "periode"),
        ),
        Dataset(
            "cakupan",
            Cakupan,
            ("tanggal_data", "kode_kecamatan"),
            (
                Kolom("tanggal_data", v.tanggal, alias=("tanggal", "per_tanggal", "tgl_data"), batas="tanggal"),
                Kolom(
                    "kode_kecamatan",
                    v.teks,
                    alias=("kecamatan", "kode_kec", "kd_kec", "nama_kecamatan"),
                    rujukan=RUJUKAN_KECAMATAN,
                ),
                Kolom("pekerja_informal", v.bilangan, alias=("jumlah_pekerja_informal", "tk_informal"), batas="orang"),
                Kolom("peserta_aktif", v.bilangan, alias=("jumlah_peserta_aktif", "peserta_bpu_aktif"), batas="orang"),
            ),
            aturan=(a.peserta_dalam_informal,),
        ),
        Dataset(
            "target",
            Target,
            ("tahun", "tingkat", "kode", "indikator"),
            (
                Kolom("tahun", v.bilangan, batas="tahun"),
                Kolom("tingkat", v.pilihan("kota", "kecamatan", ditolak={"opd": TARGET_OPD})),
                Kolom("kode", v.teks),
                Kolom("indikator", v.pilihan("peserta_aktif", ditolak={"asn_berpartisipasi": TARGET_OPD})),
                Kolom("nilai", v.bilangan, batas="target"),
            ),
            aturan=(a.kode_target,),
        ),
        Dataset(
            "program_lain",
            ProgramLain,
            ("nik", "sumber"),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nik_pekerja")),
                Kolom("nama", v.teks, alias=("nama_pekerja", "nama_lengkap")),
                Kolom("sumber", v.teks, alias=("program", "nama_program", "sumber_dana")),
                Kolom(
                    "mulai",
                    v.periode,
                    wajib=False,
                    alias=("periode_mulai", "bulan_mulai", "mulai_dilindungi"),
                    batas="periode",
                    pelengkap=True,
                ),
                Kolom(
                    "selesai",
                    v.periode,
                    wajib=False,
                    alias=("periode_selesai", "bulan_selesai", "sampai", "berakhir"),
                    batas="periode",
                    pelengkap=True,
                ),
            ),  # fmt: skip
            aturan=(
                a.berurutan(
                    "mulai", "selesai", 101, "selesai", "selesai lebih awal dari mulai; periksa kedua bulan ini."
                ),
            ),
            mengubah_angka=False,
        ),
        Dataset(
            "calon",
            Calon,
            ("nik",),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nomor_induk_kependudukan", "nik_calon")),
                Kolom("nama", v.teks, alias=("nama_calon", "nama_lengkap")),
                *ORANG,
                Kolom("sumber", v.teks, alias=("program", "asal_data", "sumber_data")),
            ),
            mengubah_angka=False,
        ),
        Dataset(
            "peserta_bpjs",
            PesertaBpjs,
            ("tanggal_laporan", "nik"),
            (
                Kolom(
                    "tanggal_laporan", v.tanggal, alias=("tanggal_data", "per_tanggal", "tgl_laporan"), batas="tanggal"
                ),  # fmt: skip
                Kolom("nomor_kpj", v.teks, alias=("no_kpj", "kpj", "nomor_peserta", "no_peserta")),
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nomor_induk_kependudukan", "nik_peserta")),
                Kolom("nama", v.teks, alias=("nama_peserta", "nama_lengkap", "nama_tk")),
                Kolom("status", v.status_bpjs, alias=("status_kepesertaan", "status_peserta")),
                Kolom("tanggal_kepesertaan", v.tanggal, alias=("tgl_kepesertaan", "tmt_kepesertaan"), batas="tanggal"),
                Kolom(
                    "bulan_terakhir_dibayar",
                    v.periode,
                    wajib=False,
                    alias=("bulan_terakhir_bayar", "iuran_terakhir", "periode_terakhir", "blth_terakhir"),
                    batas="periode",
                ),  # fmt: skip
                Kolom(
                    "nip_pembayar",
                    v.nip,
                    wajib=False,
                    alias=("nip_penanggung", "nip_pembayar_iuran", "nip_sponsor", "nip_asn"),
                    pelengkap=True,
                ),
            ),
            aturan=(
                a.berurutan(
                    "tanggal_kepesertaan",
                    "tanggal_laporan",
                    101,
                    "tanggal_kepesertaan",
                    "tanggal_kepesertaan sesudah tanggal_laporan; periksa kedua tanggal ini.",
                ),
                a.dibayar_dekat_laporan,
            ),  # fmt: skip
            mengubah_angka=False,
        ),
        Dataset(
            "klaim",
            Klaim,
            ("nik", "jenis", "tanggal_kejadian", "tanggal_bayar"),
            (
                Kolom("nik", v.nik, alias=("no_ktp", "nomor_ktp", "nik_pekerja", "nik_peserta", "nik_tk")),
                Kolom("jenis", v.jenis_klaim, alias=("jenis_klaim", "program", "jenis_manfaat", "manfaat")),
                Kolom(
                    "tanggal_kejadian",
                    v.tanggal,
                    alias=("tgl_kejadian", "tanggal_kecelakaan", "tanggal_meninggal", "tgl_kecelakaan"),
                    batas="tanggal",
                ),
                Kolom(
                    "tanggal_bayar",
                    v.tanggal,
                    alias=("tgl_bayar", "tanggal_pembayaran", "tgl_bayar_klaim"),
                    batas="tanggal",
                ),  # fmt: skip
                Kolom(
                    "jumlah",
                    v.bilangan,
                    alias=("nominal", "jumlah_bayar", "nilai_klaim", "jumlah_manfaat"),
                    batas="manfaat",
                ),  # fmt: skip
                Kolom(
                    "boleh_dipublikasikan",
                    v.ya_tidak,
                    wajib=False,
                    alias=("persetujuan_publikasi", "setuju_dipublikasikan", "persetujuan"),
                    pelengkap=True,
                ),
            ),
            aturan=(
                a.klaim_pekerja_program,
                a.berurutan(
                    "tanggal_kejadian",
                    "tanggal_bayar",
                    101,
                    "tanggal_bayar",
                    "tanggal_bayar lebih awal dari tanggal_kejadian; periksa kedua tanggal ini.",
                ),
                a.terdaftar_saat_kejadian,
            ),  # fmt: skip
            mengubah_angka=False,
        ),
    )
}


NAMA_DIKENAL = {nama for d in DATASET.values() for k in d.kolom for nama in (k.nama, *k.alias)}


@dataclass(frozen=True, slots=True)
class Masalah:
    baris: int  # as Excel shows it: the header is row 1
    kolom: str
    nilai: str
    pesan: str
    peringatan: bool = False


_NIK = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")


def tabel_masalah(masalah: list[Masalah]) -> pd.DataFrame:
    """The problems as a table for people (Indonesian headers), a NIK in a value masked like every other export:
    alone, or in a key of several columns ('3374••••••••0001 / 2025-01 / 2025-01-11')."""
    return pd.DataFrame(
        [
            {
                "Baris": m.baris,
                "Kolom": m.kolom,
                "Nilai": _NIK.sub(lambda n: samarkan_nik(n[0]), m.nilai) if "nik" in m.kolom.split(", ") else m.nilai,
                "Jenis": "Peringatan" if m.peringatan else "Ditolak",
                "Pesan": m.pesan,
            }
            for m in masalah
        ],
        columns=["Baris", "Kolom", "Nilai", "Jenis", "Pesan"],
    )
