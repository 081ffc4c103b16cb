"""The printed briefing: the Ringkasan as one self-contained HTML page that prints to one landscape A4."""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd

from ptr_core import format as fmt
from ptr_core.partisipasi import teratas_terbawah
from ptr_core.ringkasan import AngkaBulan, ArahTarget


def _kartu(label: str, nilai: str, catatan: str = "") -> str:
    return (
        f'<div class="kartu"><div class="label">{escape(label)}</div><div class="nilai">{escape(nilai)}</div>'
        f'<div class="catatan">{escape(catatan)}</div></div>'
    )


def _batang(baris: list[tuple[str, float | None, str]], skala: float) -> str:
    isi = []
    for nama, nilai, teks in baris:
        lebar = 0 if nilai is None or not skala else 100 * nilai / skala
        isi.append(
            f'<tr><td class="nama">{escape(nama)}</td><td class="batang"><span style="width:{lebar:.1f}%"></span>'
            f'</td><td class="angka">{escape(teks)}</td></tr>'
        )
    return "<table>" + "".join(isi) + "</table>"


def html_ringkasan(r: AngkaBulan, arah: ArahTarget, tanggal_data: dt.date | None, demo: bool) -> str:
    """Self-contained (no scripts, no internet) HTML of the month's briefing, for print or PDF."""
    kec = sorted(r["per_kecamatan"], key=lambda k: -(k["cakupan_persen"] or 0))
    skala_kec = max((k["cakupan_persen"] or 0 for k in kec), default=0)
    kolom_opd = ["kode_opd", "nama", "asn_total", "partisipasi_asn_persen"]
    atas, bawah = teratas_terbawah(pd.DataFrame.from_records(r["per_opd"], columns=kolom_opd), paling_banyak=5)
    kartu = "".join(
        [
            _kartu("Pekerja informal", fmt.angka(r["pekerja_informal"])),
            _kartu("Peserta aktif", fmt.angka(r["peserta_aktif"]), f"cakupan {fmt.persen(r['cakupan_persen'])}"),
            _kartu(
                f"Target {arah['tahun_target']}",
                fmt.angka(r["target_peserta"]),
                f"kekurangan {fmt.angka(r['kekurangan_target'])}",
            ),
            _kartu(
                "ASN berpartisipasi",
                fmt.angka(r["asn_berpartisipasi"]),
                f"{fmt.persen(r['partisipasi_asn_persen'])} dari {fmt.angka(r['asn_total'])}",
            ),
            _kartu(
                "Pekerja disponsori (aktif)",
                fmt.angka(r["pekerja_program_aktif"]),
                f"menunggak {fmt.angka(r['pekerja_program_menunggak'])}",
            ),
            _kartu("Iuran bulan ini", fmt.rupiah(r["iuran_dibayar_bulan"]), f"tunggakan {fmt.rupiah(r['tunggakan'])}"),
        ]
    )
    jalur = ""
    akhir, laju = arah["proyeksi_akhir_tahun"], arah["laju_dibutuhkan"]
    if arah["sesuai_jalur"] is not None and akhir is not None and laju is not None:
        jalur = (
            f"Proyeksi akhir {arah['tahun_target']}: {fmt.angka(round(akhir))} peserta "
            f"(target {fmt.angka(arah['target_peserta'])}) — "
            + ("sesuai jalur." if arah["sesuai_jalur"] else f"belum sesuai jalur; perlu "
               f"{fmt.angka(round(laju))} peserta baru per bulan.")
        )  # fmt: skip
    opd_baris = [(o.nama, o.partisipasi_asn_persen, fmt.persen(o.partisipasi_asn_persen)) for o in atas.itertuples()]
    opd_bawah = [(o.nama, o.partisipasi_asn_persen, fmt.persen(o.partisipasi_asn_persen)) for o in bawah.itertuples()]
    return f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Ringkasan PTR {escape(fmt.nama_bulan(r["bulan"]))}</title>
<style>
@page {{ size: A4 landscape; margin: 10mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0; font-size: 10.5pt; }}
h1 {{ font-size: 17pt; margin: 0 0 2mm; }}
.meta {{ color: #333; margin-bottom: 3mm; }}
.demo {{ color: #b00020; font-weight: bold; }}
.kartu-baris {{ display: grid; grid-template-columns: repeat(6, 1fr); gap: 3mm; margin-bottom: 3mm; }}
.kartu {{ border: 1px solid #999; border-radius: 2mm; padding: 2mm; }}
.label {{ font-size: 9pt; color: #333; }} .nilai {{ font-size: 15pt; font-weight: bold; }}
.catatan {{ font-size: 8.5pt; color: #333; }}
.kolom {{ display: grid; grid-template-columns: 1.2fr 1fr; gap: 6mm; }}
h2 {{ font-size: 11.5pt; margin: 2mm 0 1mm; }}
table {{ width: 100%; border-collapse: collapse; }}
td {{ padding: 0.5mm 1mm; font-size: 9pt; }} td.nama {{ width: 38%; }} td.angka {{ width: 14%; text-align: right; }}
td.batang span {{ display: inline-block; height: 3mm; background: #0072B2;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
.jalur {{ margin: 2mm 0; font-weight: bold; }}
</style></head><body>
<h1>Ringkasan PNS Peduli Pekerja Rentan — {escape(fmt.nama_bulan(r["bulan"]))}</h1>
<div class="meta">Kota Semarang · Data per {escape(fmt.tanggal(tanggal_data))}
{'<span class="demo"> · DATA CONTOH (angka sintetis)</span>' if demo else ""}</div>
<div class="kartu-baris">{kartu}</div>
<div class="jalur">{escape(jalur)}</div>
<div class="kolom">
<div><h2>Cakupan per kecamatan</h2>
{_batang([(k["nama"], k["cakupan_persen"], fmt.persen(k["cakupan_persen"])) for k in kec], skala_kec)}</div>
<div><h2>Partisipasi ASN: {len(atas)} OPD tertinggi</h2>{_batang(opd_baris, 100)}
<h2>Partisipasi ASN: {len(bawah)} OPD terendah</h2>{_batang(opd_bawah, 100)}
<p class="catatan">Cakupan = peserta aktif ÷ pekerja informal (jumlah hitungan, bukan rata-rata persentase).
Partisipasi = ASN aktif yang mensponsori pekerja aktif ÷ ASN aktif. Rincian: halaman Metodologi.</p></div>
</div></body></html>"""
