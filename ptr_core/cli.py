"""Command line: `python -m ptr_core init | demo | import | summary`, for staff scripts and checks."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ptr_core import format as fmt
from ptr_core.agregat import ringkas
from ptr_core.akses import PERAN, daftar_pengguna, hapus_pengguna, tambah_pengguna
from ptr_core.db import buat_engine, migrasi
from ptr_core.demo import ada_data_asli, ada_data_demo, muat_demo
from ptr_core.ingest import DATASET, HasilImpor, impor
from ptr_core.periode import bulan_dari_tanggal, ke_indeks
from ptr_core.queries import muat_data
from ptr_core.ringkasan import ringkasan
from ptr_core.settings import load_settings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ptr_core", description="PTR: PNS Peduli Pekerja Rentan")
    sub = p.add_subparsers(dest="perintah", required=True)
    sub.add_parser("init", help="buat atau migrasikan basis data")
    demo = sub.add_parser("demo", help="muat data contoh")
    demo.add_argument("--paksa", action="store_true", help="muat juga bila sudah ada data asli")
    imp = sub.add_parser("import", help="unggah satu file data")
    imp.add_argument("dataset", choices=sorted(DATASET))
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    imp.add_argument("--hanya-jika-bersih", action="store_true", help="simpan hanya bila tidak ada baris yang ditolak")
    imp.add_argument("--pengguna", default="cli")
    imp.add_argument("--lembar", help="nama lembar XLSX (bawaan: lembar pertama)")
    imp.add_argument(
        "--roster-lengkap", action="store_true",
        help="data asn: file ini roster lengkap; ASN aktif yang tidak ada di file dianggap tidak aktif lagi",
    )  # fmt: skip
    user = sub.add_parser("user", help="kelola pengguna dasbor")
    user_sub = user.add_subparsers(dest="aksi", required=True)
    tambah = user_sub.add_parser("add", help="tambah atau ubah pengguna")
    tambah.add_argument("email")
    tambah.add_argument("--peran", required=True, choices=PERAN)
    tambah.add_argument("--opd", help="kode OPD (wajib untuk peran opd)")
    user_sub.add_parser("list", help="daftar pengguna")
    hapus = user_sub.add_parser("remove", help="hapus pengguna")
    hapus.add_argument("email")
    summ = sub.add_parser("summary", help="angka utama satu bulan")
    summ.add_argument("--bulan", help="YYYY-MM (bawaan: bulan data terakhir)")
    summ.add_argument("--json", action="store_true")
    return p


def _cetak_impor(hasil: HasilImpor) -> None:
    if hasil.sudah_pernah:
        print("File ini sudah pernah diunggah; tidak ada yang berubah.")
        return
    mode = "Pemeriksaan (tidak disimpan)" if hasil.dry_run else "Unggahan"
    print(
        f"{mode} {hasil.dataset}: {hasil.jumlah_baris} baris; baru {hasil.baru}, diubah {hasil.diubah}, "
        f"sama {hasil.sama}, ditolak {hasil.ditolak}."
    )
    if (
        hasil.dataset == "asn"
        and hasil.asn_tidak_ada
        and not any(m.kolom == "nip" and m.baris == 1 for m in hasil.masalah)
    ):
        print(f"  {hasil.asn_tidak_ada} ASN aktif tidak ada di file ini dan tetap aktif; bila file ini roster "
              "lengkap, ulangi dengan --roster-lengkap.")  # fmt: skip
    for m in hasil.masalah:
        jenis = "Peringatan" if m.peringatan else "Galat"
        print(f"  {jenis} baris {m.baris}, kolom {m.kolom} ('{m.nilai}'): {m.pesan}")


def _cetak_ringkasan(r: dict) -> None:
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = load_settings()
    engine = buat_engine(settings.database_url)
    migrasi(engine)
    if args.perintah == "init":
        print("Basis data siap.")
        return 0
    if args.perintah == "demo":
        if ada_data_asli(engine) and not args.paksa:
            print("Basis data sudah berisi data asli; data contoh tidak dicampurkan (pakai --paksa bila sengaja).")
            return 2
        if ada_data_demo(engine):
            print("Data contoh sudah dimuat.")
            return 0
        for hasil in muat_demo(engine):
            _cetak_impor(hasil)
        return 0
    if args.perintah == "import":
        if not args.file.exists():
            print(f"File {args.file} tidak ditemukan.")
            return 2
        hasil = impor(
            engine, args.dataset, args.file.read_bytes(), args.file.name,
            pengguna=args.pengguna, dry_run=args.dry_run, hanya_jika_bersih=args.hanya_jika_bersih,
            settings=settings, lembar=args.lembar, roster_lengkap=args.roster_lengkap,
        )  # fmt: skip
        _cetak_impor(hasil)
        return 1 if hasil.ada_galat else 0
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
    data = muat_data(engine)
    terakhir = data.tanggal_terakhir()
    bulan = args.bulan or bulan_dari_tanggal(terakhir or dt.date.today())
    try:
        # From the rows, with statuses up to the month asked for (the stored summaries stop at the data's month).
        hasil = ringkasan(ringkas(data, settings, ke_indeks(bulan)), bulan, settings)
    except ValueError:
        print(f"Bulan '{bulan}' tidak dikenali; tulis sebagai YYYY-MM.")
        return 2
    if args.json:
        json.dump(hasil, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _cetak_ringkasan(hasil)
    return 0
