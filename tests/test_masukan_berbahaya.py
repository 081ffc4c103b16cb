"""Hostile and careless input: every value out of its domain is one short Bahasa Indonesia message on its row,
the rest of the file lands, the figures do not move, and no upload can exhaust the server (both backends)."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from ptr_core import validasi as v
from ptr_core.ingest import impor
from tests.test_cli import FILES, ROOT, A, W

HARI_INI = dt.date(2026, 12, 2)
KEPALA = {nama: isi.splitlines()[0] for nama, isi in FILES.items()}
PEKERJA = "Pekerja,L,Ojek,33.74.01.1001"


def _kota(engine) -> None:
    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        assert impor(engine, nama, FILES[nama].encode(), f"{nama}.csv", hari_ini=HARI_INI).unggahan_id


def _angka(engine) -> dict:
    from ptr_core.agregat import ringkas
    from ptr_core.queries import muat_data
    from ptr_core.ringkasan import ringkasan
    from ptr_core.settings import Settings

    return ringkasan(ringkas(muat_data(engine), Settings()), "2025-03", Settings())


# (dataset, the bad row, the column it is reported on, a phrase of the message). Each file also carries one good
# row first, which must land.
BARIS_BAIK = {
    "iuran": f"{W[1]},2025-02,16800,2025-02-01",
    "pekerja": f"3374010101900009,{PEKERJA},,{A},2025-02-01,",
    "cakupan": "2025-03-31,33.74.02,500,55",
    "asn": "198703032011011002,Eko,DINSOS,PNS",
}
KASUS = {
    "tanggal_bayar tahun 9999": ("iuran", f"{W[1]},2025-04,16800,9999-12-31", "tanggal_bayar", "masa depan"),
    "tanggal_bayar tahun 3025 (salah ketik)": (
        "iuran",
        f"{W[1]},2025-04,16800,3025-04-05",
        "tanggal_bayar",
        "masa depan",
    ),
    "tanggal_daftar tahun 9999": (
        "pekerja",
        f"3374010101900008,{PEKERJA},,{A},9999-12-31,",
        "tanggal_daftar",
        "masa depan",
    ),  # fmt: skip
    "tanggal_data tahun 2100": ("cakupan", "2100-12-31,33.74.01,1000,120", "tanggal_data", "masa depan"),
    "tanggal sebelum data BPJS ada": ("cakupan", "1900-01-31,33.74.01,1000,120", "tanggal_data", "awal data"),
    "periode 5 tahun setelah pembayaran": ("iuran", f"{W[1]},2030-04,16800,2025-04-05", "periode", "12 bulan"),
    "jumlah 10^25": ("iuran", f"{W[1]},2025-04,{10**25},2025-04-05", "jumlah", "iuran satu tahun"),
    "jumlah nol": ("iuran", f"{W[1]},2025-04,0,2025-04-05", "jumlah", "Rp1"),
    "pekerja_informal 3 miliar": ("cakupan", "2025-03-31,33.74.01,3000000000,120", "pekerja_informal", "melebihi"),
    "nama 1 MB": ("asn", f"198703032011011003,{'x' * 1_000_000},DINSOS,PNS", "nama", "terlalu panjang"),
    "nomor KPJ 21 karakter": (
        "pekerja",
        f"3374010101900008,{PEKERJA},{'1' * 21},{A},2025-02-01,",
        "nomor_kpj",
        "paling banyak 20",
    ),  # fmt: skip
    "tab dan karakter kendali di nama": ("asn", "198703032011011003,Ek\x07o,DINSOS,PNS", "nama", "tak terlihat"),
    "kecamatan bernama 1 MB": (
        "cakupan",
        f"2025-03-31,{'K' * 1_000_000},1000,120",
        "kode_kecamatan",
        "terlalu panjang",
    ),  # fmt: skip
}


@pytest.mark.parametrize("kasus", list(KASUS))
def test_a_value_outside_its_domain_is_one_short_message_and_moves_no_figure(engine, kasus):
    dataset, buruk, kolom, frasa = KASUS[kasus]
    _kota(engine)
    sebelum = _angka(engine)
    isi = "\n".join([KEPALA[dataset], BARIS_BAIK[dataset], buruk, ""]).encode()
    hasil = impor(engine, dataset, isi, f"{dataset}.csv", hari_ini=HARI_INI, dry_run=True)
    [m] = [m for m in hasil.masalah if not m.peringatan]
    assert (m.baris, m.kolom) == (3, kolom) and frasa in m.pesan, hasil.masalah
    assert len(m.pesan) < 300 and len(m.nilai) <= v.PANJANG_KUTIPAN + 1
    assert (hasil.ditolak, hasil.baru + hasil.diubah) == (1, 1)
    # The bad row alone, committed: nothing is saved and no figure moves.
    sendiri = impor(engine, dataset, "\n".join([KEPALA[dataset], buruk, ""]).encode(), "buruk.csv", hari_ini=HARI_INI)
    assert (sendiri.ditolak, sendiri.unggahan_id) == (1, None)
    assert _angka(engine) == sebelum


def test_a_nul_byte_deep_in_a_file_is_rejected_on_its_row_not_stored(engine):
    _kota(engine)
    baris = [f"19870303201101{n:04d},Pegawai {n},DINSOS,PNS" for n in range(1001, 1400)]
    baris[300] = baris[300].replace("Pegawai", "Peg\x00awai")
    isi = "\n".join([KEPALA["asn"], *baris, ""]).encode()
    assert isi.index(b"\x00") > 8192
    hasil = impor(engine, "asn", isi, "asn.csv", hari_ini=HARI_INI)
    [m] = hasil.masalah
    assert (m.baris, m.kolom, hasil.baru, hasil.ditolak) == (302, "nama", 398, 1)


def _batas_memori() -> None:
    batas = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (batas, batas))


def test_a_payment_dated_9999_cannot_exhaust_the_server(db_url, tmp_path):
    # Before the bounds, the summaries spanned every month up to 9999: 23 GB before the kernel stopped them.
    env = {**os.environ, "PTR_DATABASE_URL": db_url}
    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        (tmp_path / f"{nama}.csv").write_text(FILES[nama])
        subprocess.run([sys.executable, "-m", "ptr_core", "import", nama, str(tmp_path / f"{nama}.csv")],
                       cwd=ROOT, env=env, check=True, capture_output=True)  # fmt: skip
    path: Path = tmp_path / "iuran-buruk.csv"
    path.write_text(f"{KEPALA['iuran']}\n{W[1]},2025-04,16800,9999-12-31\n")
    jalan = subprocess.run(
        [sys.executable, "-m", "ptr_core", "import", "iuran", str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, preexec_fn=_batas_memori,
    )  # fmt: skip
    assert "Traceback" not in jalan.stderr and "masa depan" in jalan.stdout, jalan.stdout + jalan.stderr
    ringkas = subprocess.run([sys.executable, "-m", "ptr_core", "summary", "--json"], cwd=ROOT, env=env,
                             capture_output=True, text=True, preexec_fn=_batas_memori)  # fmt: skip
    assert json.loads(ringkas.stdout)["bulan"] == "2025-03"


def test_problems_cost_time_in_proportion_to_the_problems_not_to_the_file(engine):
    # 24.000 payments of 1.000 workers; the same file with one row in 100 carrying an impossible date. Checking it
    # must cost about what the clean file costs (a per-row fallback once a chunk had an error once made a 1 M-row
    # file with 1.000 bad rows take minutes). Timed on this machine against itself; the benchmark prints the
    # city-sized figure.
    import time

    nik = [f"3374010101{90 + n // 10000:02d}{n % 10000:04d}" for n in range(1000)]
    assert impor(engine, "asn", FILES["asn"].encode(), "asn.csv", hari_ini=HARI_INI).unggahan_id
    pekerja = KEPALA["pekerja"] + "".join(f"\n{n},{PEKERJA},,{A},2024-01-02," for n in nik)
    assert impor(engine, "pekerja", pekerja.encode(), "pekerja.csv", hari_ini=HARI_INI).ditolak == 0
    baris = [f"{n},{t}-{b:02d},16800,{t}-{b:02d}-05" for n in nik for t in (2024, 2025) for b in range(1, 13)]
    bersih = (KEPALA["iuran"] + "\n" + "\n".join(baris)).encode()
    salah = (b if i % 100 else b.rsplit(",", 1)[0] + ",2025-02-30" for i, b in enumerate(baris))  # no such day
    rusak = (KEPALA["iuran"] + "\n" + "\n".join(salah)).encode()

    def waktu(isi: bytes) -> tuple[float, int]:
        mulai = time.perf_counter()
        hasil = impor(engine, "iuran", isi, "iuran.csv", dry_run=True, hari_ini=HARI_INI)
        return time.perf_counter() - mulai, len(hasil.masalah)

    waktu(bersih)  # warm: the first run pays for imports and the statistics
    (t_bersih, m_bersih), (t_rusak, m_rusak) = min(waktu(bersih), waktu(bersih)), min(waktu(rusak), waktu(rusak))
    assert (m_bersih, m_rusak) == (0, 240)
    assert t_rusak < 1.5 * t_bersih + 0.3, f"clean {t_bersih:.2f} s, with {m_rusak} problems {t_rusak:.2f} s"
