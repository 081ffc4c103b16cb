"""Command line: `python -m ptr_core init | demo | import | summary`, for staff scripts and checks.

`summary` computes its figures from the rows (`ringkasan_dari_baris`), while the dashboard reads the summaries
stored at the last commit (`agregat_db`). The second path is deliberate: it is the independent check that the
stored summaries, updated incrementally upload after upload, still equal a computation from scratch, and it can
answer for a month after the data's last one (the stored summaries stop there). `tests/test_agregat.py` ties the
two on every month of the demo data on SQLite and PostgreSQL."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import NoReturn

from sqlalchemy import Engine

from ptr_core import format as fmt
from ptr_core.agregat import agregat_dari_baris
from ptr_core.akses import PERAN, daftar_pengguna, hapus_pengguna, kunci_lokal, tambah_pengguna
from ptr_core.db import buat_engine, migrasi
from ptr_core.demo import PENGGUNA_DEMO, ada_data_asli, ada_data_demo, hapus_demo, muat_demo
from ptr_core.impor import DATASET, HasilImpor, Mode, impor
from ptr_core.klaim import manfaat_bulan, muat_klaim
from ptr_core.pengajuan import hitung_pendaftaran
from ptr_core.periode import bulan_dari_tanggal, ke_indeks
from ptr_core.queries import muat_data
from ptr_core.rekonsiliasi import terkonfirmasi_bpjs
from ptr_core.ringkasan import Ringkasan, ringkasan
from ptr_core.settings import Settings, load_settings
from ptr_core.validasi import AWAL_DATA


class _Bantuan(argparse.HelpFormatter):
    """argparse's help in Bahasa Indonesia: its own headings and usage line are English otherwise."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "cara pakai: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.update(formatter_class=_Bantuan, add_help=False)
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "argumen", "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(TIDAK_DISIMPAN, f"{self.prog}: perintah tidak dikenali ({message}). Lihat --help.\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m ptr_core", description="PTR: PNS Peduli Pekerja Rentan, Kota Semarang")
    sub = p.add_subparsers(
        dest="perintah", required=True, title="perintah", parser_class=_Parser, help="lihat di bawah"
    )
    sub.add_parser("init", help="buat atau migrasikan basis data", description="Buat atau migrasikan basis data.")
    demo = sub.add_parser("demo", help="muat atau hapus data contoh", description="Muat atau hapus data contoh.")
    demo.add_argument("--paksa", action="store_true", help="muat juga bila sudah ada data asli")
    demo.add_argument("--hapus", action="store_true", help="hapus data contoh (sebelum mengunggah data asli)")
    imp = sub.add_parser("import", help="unggah satu file data", description="Periksa lalu simpan satu file data.")
    imp.add_argument("dataset", choices=sorted(DATASET), help="jenis data: " + ", ".join(sorted(DATASET)))
    imp.add_argument("file", type=Path, help="file CSV atau XLSX")
    imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    imp.add_argument("--hanya-jika-bersih", action="store_true", help="simpan hanya bila tidak ada baris yang ditolak")
    imp.add_argument("--pengguna", default="cli", help="nama yang dicatat sebagai pengunggah (bawaan: cli)")
    imp.add_argument("--lembar", help="nama lembar XLSX (bawaan: lembar pertama yang terlihat)")
    imp.add_argument(
        "--roster-lengkap", action="store_true",
        help="data asn: file ini roster lengkap; ASN aktif yang tidak ada di file dianggap tidak aktif lagi",
    )  # fmt: skip
    user = sub.add_parser("user", help="kelola pengguna dasbor", description="Kelola pengguna dasbor.")
    user_sub = user.add_subparsers(
        dest="aksi", required=True, title="aksi", parser_class=_Parser, help="lihat di bawah"
    )
    tambah = user_sub.add_parser("add", help="tambah atau ubah pengguna", description="Tambah atau ubah pengguna.")
    tambah.add_argument("email", help="alamat email akun kantor")
    tambah.add_argument("--peran", required=True, choices=PERAN, help="peran: " + ", ".join(PERAN))
    tambah.add_argument("--opd", help="kode OPD (wajib untuk peran opd)")
    user_sub.add_parser("list", help="daftar pengguna", description="Daftar pengguna.")
    hapus = user_sub.add_parser("remove", help="hapus pengguna", description="Hapus pengguna.")
    hapus.add_argument("email", help="alamat email pengguna yang dihapus")
    kunci = sub.add_parser("kunci-lokal", help="alamat berkunci untuk membuka dasbor mode lokal yang berisi data asli",
                           description="Cetak alamat berkunci dasbor mode lokal.")  # fmt: skip
    kunci.add_argument("--port", type=int, default=8501, help="port server streamlit (bawaan: 8501)")
    summ = sub.add_parser("summary", help="angka utama satu bulan", description="Angka utama satu bulan.")
    summ.add_argument("--bulan", help="YYYY-MM (bawaan: bulan data terakhir)")
    summ.add_argument("--json", action="store_true", help="cetak sebagai JSON (kontrak publik, lihat README)")
    return p


def _cetak_impor(hasil: HasilImpor) -> None:
    if hasil.sudah_pernah:
        print("File ini sudah pernah diunggah; tidak ada yang berubah.")
        return
    if hasil.dry_run:
        kepala = f"Pemeriksaan {hasil.dataset} (tidak disimpan): {hasil.jumlah_baris} baris; akan baru"
    elif hasil.unggahan_id:
        kepala = f"Unggahan {hasil.unggahan_id} {hasil.dataset}: {hasil.jumlah_baris} baris; baru"
    else:
        kepala = f"TIDAK ADA YANG DISIMPAN ({hasil.dataset}): {hasil.jumlah_baris} baris; yang valid: baru"
    print(f"{kepala} {hasil.baru}, diubah {hasil.diubah}, sama {hasil.sama}, ditolak {hasil.ditolak}.")
    if (
        DATASET[hasil.dataset].roster
        and hasil.asn_tidak_ada
        and not any(m.kolom == "nip" and m.baris == 1 for m in hasil.masalah)
    ):
        print(f"  {hasil.asn_tidak_ada} ASN aktif tidak ada di file ini dan tetap aktif; bila file ini roster "
              "lengkap, ulangi dengan --roster-lengkap.")  # fmt: skip
    for m in hasil.masalah:
        jenis = "Peringatan" if m.peringatan else "Galat"
        print(f"  {jenis} baris {m.baris}, kolom {m.kolom} ('{m.nilai}'): {m.pesan}")
    if hasil.masalah_lain:
        print(f"  ... dan {hasil.masalah_lain} masalah lain di baris sesudahnya (tidak dicantumkan).")


def _cetak_ringkasan(r: Ringkasan) -> None:
    print(f"Ringkasan {fmt.nama_bulan(r['bulan'])}")
    print(f"  Pekerja informal      {fmt.angka(r['pekerja_informal'])}")
    print(f"  Peserta aktif         {fmt.angka(r['peserta_aktif'])} ({fmt.persen(r['cakupan_persen'])})")
    print(f"  Target peserta        {fmt.angka(r['target_peserta'])}; kekurangan {fmt.angka(r['kekurangan_target'])}")
    print(
        f"  ASN berpartisipasi    {fmt.angka(r['asn_berpartisipasi'])} dari {fmt.angka(r['asn_total'])} "
        f"({fmt.persen(r['partisipasi_asn_persen'])})"
    )
    print(
        f"  Pekerja program       aktif {fmt.angka(r['pekerja_program_aktif'])}, menunggak "
        f"{fmt.angka(r['pekerja_program_menunggak'])}, nonaktif {fmt.angka(r['pekerja_program_nonaktif'])}"
    )
    print(
        f"  Iuran bulan ini       {fmt.rupiah(r['iuran_dibayar_bulan'])}; "
        f"tahun berjalan {fmt.rupiah(r['iuran_dibayar_tahun_berjalan'])}"
    )
    print(f"  Tunggakan             {fmt.rupiah(r['tunggakan'])}")
    p = r["pendaftaran_bulan"]
    print(
        f"  Pendaftaran lewat dasbor  diajukan {fmt.angka(p['diajukan'])}, disetujui {fmt.angka(p['disetujui'])}, "
        f"ditolak {fmt.angka(p['ditolak'])}, menunggu {fmt.angka(p['menunggu'])}"
    )


def ringkasan_dari_baris(engine: Engine, settings: Settings, bulan: str | None = None) -> Ringkasan:
    """`summary --json` for month `bulan` (default: the month of the latest date in the data), computed from the
    rows with statuses up to that month, not read from the stored summaries (see the module's docstring)."""
    data = muat_data(engine)
    bulan = bulan or bulan_dari_tanggal(data.tanggal_terakhir() or dt.date.today())
    agregat = agregat_dari_baris(data, settings, ke_indeks(bulan))
    return {
        **ringkasan(agregat, bulan, settings),
        "pendaftaran_bulan": hitung_pendaftaran(engine, bulan),
        "manfaat": manfaat_bulan(muat_klaim(engine), agregat.bulanan, ke_indeks(bulan)),
        "rekonsiliasi_bpjs": terkonfirmasi_bpjs(engine, settings, bulan),
    }


# Exit codes a script can act on (README, "Command line").
SELESAI, SEBAGIAN, TIDAK_DISIMPAN, GAGAL = 0, 1, 2, 3


def kode_keluar(hasil: HasilImpor) -> int:
    """0: every row saved (or a clean check); 1: some rows rejected, the rest saved (or would be, in a check);
    2: nothing saved although there was something to save (an unreadable file, or --hanya-jika-bersih)."""
    if hasil.sudah_pernah:
        return SELESAI
    if not hasil.dry_run and not hasil.unggahan_id and (hasil.ada_galat or not hasil.jumlah_baris):
        return TIDAK_DISIMPAN
    return SEBAGIAN if hasil.ada_galat else SELESAI


def _bulan(teks: str) -> str | None:
    """A month the summary can be asked for: YYYY-MM, from the year the data can start to next year."""
    cocok = re.fullmatch(r"([0-9]{4})-(0[1-9]|1[0-2])", teks.strip())
    if not cocok or not AWAL_DATA.year <= int(cocok.group(1)) <= dt.date.today().year + 1:
        return None
    return cocok.group(0)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except Exception as e:
        print(
            f"Gagal tak terduga ({type(e).__name__}): {str(e)[:200]}. Tidak ada yang disimpan sebagian.",
            file=sys.stderr,
        )
        return GAGAL


def _main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = load_settings()
    engine = buat_engine(settings.database_url)
    try:
        return _jalankan(args, settings, engine)
    finally:
        engine.dispose()


def _jalankan(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    migrasi(engine)
    if args.perintah == "init":
        print("Basis data siap.")
        return 0
    if args.perintah == "demo":
        if args.hapus:
            ok, pesan = hapus_demo(engine, "cli", settings)
            print(pesan)
            return SELESAI if ok else TIDAK_DISIMPAN
        if ada_data_asli(engine) and not args.paksa:
            print("Basis data sudah berisi data asli; data contoh tidak dicampurkan (pakai --paksa bila sengaja).")
            return 2
        if ada_data_demo(engine):
            print("Data contoh sudah dimuat.")
            return 0
        for hasil in muat_demo(engine, settings):
            _cetak_impor(hasil)
        return 0
    if args.perintah == "kunci-lokal":
        print(f"http://localhost:{args.port}/?kunci={kunci_lokal(settings.kunci_lokal)}")
        return SELESAI
    if args.perintah == "import":
        if args.pengguna == PENGGUNA_DEMO:
            # Demo status belongs to the demo loader alone: real rows under its name would switch off the local key.
            print(f"Nama pengguna '{PENGGUNA_DEMO}' hanya dipakai pemuat data contoh; pakai nama Anda sendiri.")
            return TIDAK_DISIMPAN
        if not 0 < len(args.pengguna) <= 255:
            print("Nama pengguna harus 1 sampai 255 karakter.")
            return TIDAK_DISIMPAN
        if not args.file.exists():
            print(f"File {args.file} tidak ditemukan.")
            return 2
        # --dry-run with --hanya-jika-bersih is still a check: it saves nothing, clean or not.
        mode = Mode.PERIKSA if args.dry_run else Mode.SIMPAN_JIKA_BERSIH if args.hanya_jika_bersih else Mode.SIMPAN
        hasil = impor(
            engine, args.dataset, args.file.read_bytes(), args.file.name, pengguna=args.pengguna, mode=mode,
            settings=settings, lembar=args.lembar, roster_lengkap=args.roster_lengkap,
        )  # fmt: skip
        _cetak_impor(hasil)
        return kode_keluar(hasil)
    if args.perintah == "user":
        if args.aksi == "list":
            print(daftar_pengguna(engine).to_string(index=False))
            return 0
        if args.aksi == "add":
            ok, pesan = tambah_pengguna(engine, args.email, args.peran, args.opd, "cli")
        else:
            ok, pesan = hapus_pengguna(engine, args.email, "cli")
        print(pesan)
        return 0 if ok else 2
    bulan = None
    if args.bulan is not None and (bulan := _bulan(args.bulan)) is None:
        # Checked before any computation: a month such as 9999-12 would size the summaries.
        print(f"Bulan '{args.bulan[:40]}' tidak dikenali; tulis sebagai YYYY-MM (bulan 01-12, tahun "
              f"{AWAL_DATA.year}-{dt.date.today().year + 1}).")  # fmt: skip
        return TIDAK_DISIMPAN
    r = ringkasan_dari_baris(engine, settings, bulan)
    if args.json:
        json.dump(r, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _cetak_ringkasan(r)
    return 0
