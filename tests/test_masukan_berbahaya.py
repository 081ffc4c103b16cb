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
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from ptr_core import validasi as v
from ptr_core.impor import Mode, impor, riwayat
from tests.factory import FILES, ROOT, SETTINGS, A, W, cli, kota_kecil

HARI_INI = dt.date(2026, 12, 2)
KEPALA = {nama: isi.splitlines()[0] for nama, isi in FILES.items()}
PEKERJA = "Pekerja,L,Ojek,33.74.01.1001"


def _angka(engine) -> dict:
    from ptr_core.agregat import agregat_dari_baris
    from ptr_core.queries import muat_data
    from ptr_core.ringkasan import ringkasan
    from ptr_core.settings import Settings

    return ringkasan(agregat_dari_baris(muat_data(engine), Settings()), "2025-03", Settings())


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
    # Digits of other scripts are digits to Python's \\d: a NIK of them was stored on SQLite (as 0 once cast to a
    # number) and failed PostgreSQL's cast with a traceback.
    "NIK dalam angka lebar penuh": (
        "pekerja",
        f"{'３３７４０１０１０１９０００８'},{PEKERJA},,{A},2025-02-01,",
        "nik",
        "16 angka",
    ),  # fmt: skip
    "NIK dalam angka Arab": ("pekerja", f"{'٣٣٧٤٠١٠١٠١٩٠٠٠٠٨'},{PEKERJA},,{A},2025-02-01,", "nik", "16 angka"),
    "jumlah 4.400 angka": ("iuran", f"{W[1]},2025-04,{'1' * 4400},2025-04-05", "jumlah", "terlalu besar"),
    "pekerja_informal dengan koma ribuan": (
        "cakupan",
        '2025-03-31,33.74.01,"5,000",120',
        "pekerja_informal",
        "pemisah ribuan",
    ),  # fmt: skip
    "jumlah dengan koma ribuan": ("iuran", f'{W[1]},2025-04,"16,000",2025-04-05', "jumlah", "pemisah ribuan"),
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
    kota_kecil(engine, HARI_INI)
    sebelum = _angka(engine)
    isi = "\n".join([KEPALA[dataset], BARIS_BAIK[dataset], buruk, ""]).encode()
    hasil = impor(engine, dataset, isi, f"{dataset}.csv", hari_ini=HARI_INI, mode=Mode.PERIKSA, settings=SETTINGS)
    [m] = [m for m in hasil.masalah if not m.peringatan]
    assert (m.baris, m.kolom) == (3, kolom) and frasa in m.pesan, hasil.masalah
    assert len(m.pesan) < 300 and len(m.nilai) <= v.PANJANG_KUTIPAN + 1
    assert (hasil.ditolak, hasil.baru + hasil.diubah) == (1, 1)
    # The bad row alone, committed: nothing is saved and no figure moves.
    sendiri = impor(
        engine,
        dataset,
        "\n".join([KEPALA[dataset], buruk, ""]).encode(),
        "buruk.csv",
        hari_ini=HARI_INI,
        settings=SETTINGS,
    )
    assert (sendiri.ditolak, sendiri.unggahan_id) == (1, None)
    assert _angka(engine) == sebelum


def test_a_nul_byte_deep_in_a_file_is_rejected_on_its_row_not_stored(engine):
    kota_kecil(engine, HARI_INI)
    baris = [f"19870303201101{n:04d},Pegawai {n},DINSOS,PNS" for n in range(1001, 1400)]
    baris[300] = baris[300].replace("Pegawai", "Peg\x00awai")
    isi = "\n".join([KEPALA["asn"], *baris, ""]).encode()
    assert isi.index(b"\x00") > 8192
    hasil = impor(engine, "asn", isi, "asn.csv", hari_ini=HARI_INI, settings=SETTINGS)
    [m] = hasil.masalah
    assert (m.baris, m.kolom, hasil.baru, hasil.ditolak) == (302, "nama", 398, 1)


def test_an_email_with_a_nul_or_control_character_is_rejected_on_its_row(engine):
    # PostgreSQL refuses a NUL in text (a traceback before); SQLite stored it. The NUL past the first 8 KB, which
    # the reader looks at to tell a text file from a binary one.
    kota_kecil(engine, HARI_INI)
    baris = [f"19870303201101{n:04d},Pegawai {n},DINSOS,PNS,pegawai{n}@semarangkota.go.id" for n in range(1001, 1400)]
    baris[300] = baris[300].replace("pegawai", "peg\x00awai")
    baris[301] = baris[301].replace("pegawai", "peg\x07awai")
    isi = "\n".join([f"{KEPALA['asn']},email", *baris, ""]).encode()
    assert isi.index(b"\x00") > 8192
    hasil = impor(engine, "asn", isi, "asn.csv", hari_ini=HARI_INI, settings=SETTINGS)
    assert [(m.baris, m.kolom) for m in hasil.masalah] == [(302, "email"), (303, "email")]
    assert "bukan alamat email" in hasil.masalah[0].pesan and (hasil.baru, hasil.ditolak) == (397, 2)


def _batas_memori() -> None:
    batas = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (batas, batas))


def test_a_payment_dated_9999_cannot_exhaust_the_server(db_url, tmp_path):
    # Before the bounds, the summaries spanned every month up to 9999: 23 GB before the kernel stopped them.
    # The bad file and the summary run in a process of their own, under a 2 GB address-space limit.
    env = {**os.environ, "PTR_DATABASE_URL": db_url}
    for nama in ("cakupan", "asn", "pekerja", "iuran"):
        (tmp_path / f"{nama}.csv").write_text(FILES[nama])
        assert cli(db_url, "import", nama, str(tmp_path / f"{nama}.csv")).returncode == 0
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
    assert impor(engine, "asn", FILES["asn"].encode(), "asn.csv", hari_ini=HARI_INI, settings=SETTINGS).unggahan_id
    pekerja = KEPALA["pekerja"] + "".join(f"\n{n},{PEKERJA},,{A},2024-01-02," for n in nik)
    assert impor(engine, "pekerja", pekerja.encode(), "pekerja.csv", hari_ini=HARI_INI, settings=SETTINGS).ditolak == 0
    baris = [f"{n},{t}-{b:02d},16800,{t}-{b:02d}-05" for n in nik for t in (2024, 2025) for b in range(1, 13)]
    bersih = (KEPALA["iuran"] + "\n" + "\n".join(baris)).encode()
    salah = (b if i % 100 else b.rsplit(",", 1)[0] + ",2025-02-30" for i, b in enumerate(baris))  # no such day
    rusak = (KEPALA["iuran"] + "\n" + "\n".join(salah)).encode()

    def waktu(isi: bytes) -> tuple[float, int]:
        mulai = time.perf_counter()
        hasil = impor(engine, "iuran", isi, "iuran.csv", mode=Mode.PERIKSA, hari_ini=HARI_INI, settings=SETTINGS)
        return time.perf_counter() - mulai, len(hasil.masalah)

    waktu(bersih)  # warm: the first run pays for imports and the statistics
    (t_bersih, m_bersih), (t_rusak, m_rusak) = min(waktu(bersih), waktu(bersih)), min(waktu(rusak), waktu(rusak))
    assert (m_bersih, m_rusak) == (0, 240)
    assert t_rusak < 1.5 * t_bersih + 0.3, f"clean {t_bersih:.2f} s, with {m_rusak} problems {t_rusak:.2f} s"


def _nik(n: int) -> str:
    return f"337401010190{n:04d}"


# Per dataset: rows each holding one value at the edge of its column's domain, as (row, column, accepted). The
# edges are those of `validasi.Batas` and the database's column lengths, relative to HARI_INI (2 Dec 2026): the
# latest date is HARI_INI + 31 days (2 Jan 2027), a stop date + 366 days (3 Dec 2027).
TEPI = {
    "iuran": [
        (f"{W[1]},2025-04,1,2025-04-05", "jumlah", True),
        (f"{W[1]},2025-05,201600,2025-05-05", "jumlah", True),
        (f"{W[1]},2025-06,0,2025-06-05", "jumlah", False),
        (f"{W[1]},2025-07,201601,2025-07-05", "jumlah", False),
        (f"{W[1]},2025-08,16800,2027-01-02", "tanggal_bayar", True),
        (f"{W[1]},2025-09,16800,2027-01-03", "tanggal_bayar", False),
        (f"{W[1]},2026-04,16800,2025-04-05", "periode", True),
        (f"{W[1]},2026-05,16800,2025-04-06", "periode", False),
    ],
    "pekerja": [
        (f"{_nik(10)},{'N' * 200},L,Ojek,33.74.01.1001,{'1' * 20},{A},2027-01-02,", "nama", True),
        (f"{_nik(11)},{'N' * 201},L,Ojek,33.74.01.1001,,{A},2025-01-02,", "nama", False),
        (f"{_nik(12)},Nur,L,Ojek,33.74.01.1001,{'1' * 21},{A},2025-01-02,", "nomor_kpj", False),
        (f"{_nik(13)},Nur,L,{'P' * 100},33.74.01.1001,,{A},2025-01-02,2027-12-03", "tanggal_berhenti", True),
        (f"{_nik(14)},Nur,L,{'P' * 101},33.74.01.1001,,{A},2025-01-02,", "pekerjaan", False),
        (f"{_nik(15)},Nur,L,Ojek,33.74.01.1001,,{A},2025-01-02,2027-12-04", "tanggal_berhenti", False),
        (f"{_nik(16)},Nur,L,Ojek,33.74.01.1001,,{A},2027-01-03,", "tanggal_daftar", False),
        (f"{_nik(17)},Nur,L,Ojek,33.74.01.1001,,{A},2015-01-01,", "tanggal_daftar", True),
    ],
    "cakupan": [
        ("2015-01-01,33.74.01,10000000,10000000", "pekerja_informal", True),
        ("2014-12-31,33.74.01,1000,10", "tanggal_data", False),
        ("2027-01-02,33.74.02,1000,10", "tanggal_data", True),
        ("2027-01-03,33.74.02,1000,10", "tanggal_data", False),
        ("2026-01-31,33.74.01,10000001,10", "pekerja_informal", False),
    ],
    "asn": [
        (f"198703032011011003,{'A' * 200},DINSOS,PNS", "nama", True),
        (f"198703032011011004,{'A' * 201},DINSOS,PNS", "nama", False),
    ],
    "opd": [
        (f"{'K' * 30},{'O' * 200},dinas,", "kode_opd", True),
        (f"{'K' * 31},Dinas X,dinas,", "kode_opd", False),
        (f"DINASY,{'O' * 201},dinas,", "nama_opd", False),
    ],
    "target": [
        ("2015,kota,33.74,peserta_aktif,10000000", "tahun", True),
        ("2014,kota,33.74,peserta_aktif,1", "tahun", False),
        ("2036,kota,33.74,peserta_aktif,1", "tahun", True),
        ("2037,kota,33.74,peserta_aktif,1", "tahun", False),
        ("2030,kota,33.74,peserta_aktif,10000001", "nilai", False),
    ],
}
KEPALA_LAIN = {"opd": "kode_opd,nama_opd,jenis,kode_kecamatan", "target": "tahun,tingkat,kode,indikator,nilai"}


@pytest.mark.parametrize("dataset", list(TEPI))
def test_each_value_at_the_edge_of_its_domain_is_stored_and_one_past_it_is_rejected(engine, dataset):
    # The same on both backends: a value at the edge is stored as given (PostgreSQL's column lengths and integer
    # ranges hold it), one past is one message on its row and column, and the summaries are computed after it.
    kota_kecil(engine, HARI_INI)
    baris = TEPI[dataset]
    kepala = KEPALA.get(dataset) or KEPALA_LAIN[dataset]
    isi = "\n".join([kepala, *(b for b, _, _ in baris), ""]).encode()
    hasil = impor(
        engine, dataset, isi, f"{'x' * 300}.csv", hari_ini=HARI_INI, settings=SETTINGS
    )  # a file name longer than its column
    ditolak = {(m.baris, m.kolom) for m in hasil.masalah if not m.peringatan}
    assert ditolak == {(i + 2, kolom) for i, (_, kolom, boleh) in enumerate(baris) if not boleh}, hasil.masalah
    assert hasil.unggahan_id and hasil.baru + hasil.diubah == sum(boleh for _, _, boleh in baris)
    assert _angka(engine)["bulan"] == "2025-03"
    nama = riwayat(engine).set_index("id").loc[hasil.unggahan_id, "nama_file"]
    assert len(nama) == 255 and nama.startswith("xxx") and nama.endswith("x.csv")


@hyp_settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_cell_is_accepted_exactly_when_its_value_lies_in_its_columns_declared_domain(data):
    # Property over every bounded column of every dataset: values drawn around and far beyond each bound.
    from ptr_core.impor import DATASET

    batas = v.Batas(HARI_INI, 16800)
    kolom_terbatas = [(d, k) for d in DATASET.values() for k in d.kolom if k.batas or k.baca is v.teks]
    dataset, kolom = data.draw(st.sampled_from(kolom_terbatas))
    if kolom.batas in ("tanggal", "tanggal_berhenti"):
        bawah, atas = batas.rentang(kolom.batas)
        hari = dt.timedelta(days=1)
        nilai = data.draw(
            st.dates(bawah - 400 * hari, atas + 400 * hari) | st.sampled_from([bawah - hari, bawah, atas, atas + hari])
        )
        teks, dalam = data.draw(st.sampled_from([nilai.isoformat(), f"{nilai:%d/%m/%Y}"])), bawah <= nilai <= atas
    elif kolom.batas == "periode":
        tahun, bulan = data.draw(st.integers(2000, 2100)), data.draw(st.integers(1, 12))
        teks, dalam = f"{tahun}-{bulan:02d}", (tahun, bulan) >= (v.AWAL_DATA.year, v.AWAL_DATA.month)
    elif kolom.batas:
        bawah, atas = batas.rentang(kolom.batas)
        nilai = data.draw(st.integers(0, 3 * atas) | st.integers(atas - 2, atas + 2) | st.integers(0, bawah + 2)
                          | st.integers(bawah - 2, bawah + 2).filter(lambda x: x >= 0))  # fmt: skip
        teks, dalam = str(nilai), bawah <= nilai <= atas
    else:
        panjang = dataset.panjang(kolom)
        n = data.draw(st.integers(1, panjang + 3))
        teks, dalam = "a" * n, n <= panjang
    try:
        dataset.pembaca(kolom, batas)(teks)
        diterima = True
    except v.NilaiSalah as e:
        diterima = False
        assert len(str(e)) < 300
    assert diterima == dalam, (dataset.nama, kolom.nama, teks)


LEWAT_HALAMAN = ["tanggal_bayar tahun 9999", "jumlah 10^25", "nama 1 MB", "tab dan karakter kendali di nama"]


@pytest.mark.parametrize("kasus", LEWAT_HALAMAN)
def test_a_hostile_file_on_the_upload_page_is_one_short_message_and_offers_nothing_to_save(
    monkeypatch, tmp_path, kasus
):
    # The same files through the Unggah page as staff would choose them (AppTest, SQLite): the row's message,
    # short, no traceback, no Simpan button (nothing valid), and the figures as they were.
    from ptr_core.db import buat_engine, migrasi
    from tests.aplikasi import app, buka

    dataset, buruk, kolom, frasa = KASUS[kasus]
    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    kota_kecil(engine, HARI_INI)
    sebelum = _angka(engine)
    at = buka(app(monkeypatch, url), "unggah")
    isi = "\n".join([KEPALA[dataset], buruk, ""]).encode()
    at.file_uploader(key="berkas_unggah").set_value((f"{dataset}.csv", isi, "text/csv")).run()
    assert not at.exception, at.exception
    daftar = next(m.value for m in at.markdown if m.value.startswith("- Ditolak"))
    assert f"kolom {kolom}" in daftar.replace("\\_", "_") and frasa in daftar and len(daftar) < 400, daftar
    assert "1 baris ditolak" in " ".join(e.value for e in at.error)
    assert "unggah_simpan" not in [b.key for b in at.button]
    assert _angka(engine) == sebelum and len(riwayat(engine)) == 4
    engine.dispose()
