"""Rekonsiliasi (ptr_core.rekonsiliasi): the programme's workers against BPJS's participant report, each class
hand-computed; the report uploaded through the pipeline on both backends."""

from __future__ import annotations

import pandas as pd

from ptr_core.akses import Akses
from ptr_core.impor import impor
from ptr_core.rekonsiliasi import KELAS, rekonsiliasi, rekonsiliasi_db
from tests.factory import SETTINGS, A, B, D, W, kota_kecil


def _nik(n: int) -> str:
    return f"33740101019000{n:02d}"


def test_each_class_of_the_reconciliation_by_hand():
    # March 2025. P1 lunas here and at BPJS (name in capitals): confirmed. P2 lunas here, BPJS paid to February.
    # P3 menunggak here, BPJS paid to April. P4 nonaktif here, aktif at BPJS (paid to December). P5's NIK is
    # mistyped at BPJS but its KPJ matches: another NIK, and confirmed (lunas both sides, aktif). P6 unknown to
    # BPJS. P7: another KPJ and another name at BPJS. Someone at BPJS (K9) was never in the programme.
    program = pd.DataFrame(
        [(_nik(1), "Wati", "K1", A, "aktif"), (_nik(2), "Warno", "K2", A, "aktif"),
         (_nik(3), "Wiwik", "", B, "menunggak"), (_nik(4), "Wawan", "K4", D, "nonaktif"),
         (_nik(5), "Sri Wahyuni", "K5", A, "aktif"), (_nik(6), "Budi", "K6", B, "aktif"),
         (_nik(7), "Tono", "K7x", B, "menunggak")],
        columns=["nik", "nama", "nomor_kpj", "nip_sponsor", "status"],
    )  # fmt: skip
    # Where BPJS names the paying ASN: A for P1 (the sponsor), D for P2 (sponsored by A here): paid by another ASN.
    laporan = pd.DataFrame(
        [(_nik(1), "K1", "WATI", "aktif", "2025-03", A), (_nik(2), "K2", "Warno", "aktif", "2025-02", D),
         (_nik(3), "K3", "Wiwik", "aktif", "2025-04", None), (_nik(4), "K4", "Wawan", "aktif", "2024-12", ""),
         (_nik(55), "K5", "Sri  Wahyuni", "aktif", "2025-03", None),
         (_nik(7), "K7", "Tono S.", "aktif", "2025-01", None),
         (_nik(9), "K9", "Orang Lain", "aktif", "2025-03", B), (_nik(8), "K8", "Lama", "nonaktif", "2024-12", None),
         (_nik(88), "K8", "Lama", "nonaktif", "2024-12", None)],
        columns=["nik", "nomor_kpj", "nama", "status", "bulan_terakhir_dibayar", "nip_pembayar"],
    )  # fmt: skip
    # P8 stopped in 2024 (not in the programme in March, but registered once, KPJ K8): neither its row nor a row
    # carrying its KPJ under another NIK is "only at BPJS".
    terdaftar = pd.concat([program, pd.DataFrame([{"nik": _nik(8), "nomor_kpj": "K8"}])], ignore_index=True)
    kelas = rekonsiliasi(program, laporan, "2025-03", terdaftar)
    assert {k: sorted(v["nik"]) for k, v in kelas.items()} == {
        "tidak_dikenal_bpjs": [_nik(6)],
        "lunas_di_sini_saja": [_nik(2)],
        "lunas_di_bpjs_saja": [_nik(3)],
        "nonaktif_di_sini_aktif_di_bpjs": [_nik(4)],
        "data_berbeda": [_nik(5), _nik(7)],
        "sponsor_lain": [_nik(2)],
        "terkonfirmasi": [_nik(1), _nik(5)],
        "hanya_di_bpjs": [_nik(9)],
    }
    berbeda = kelas["data_berbeda"].set_index("nik")
    assert (berbeda.loc[_nik(5), "cocok"], berbeda.loc[_nik(5), "nik_bpjs"]) == ("kpj", _nik(55))
    assert set(kelas) == {k.kunci for k in KELAS} | {"terkonfirmasi"}


LAPORAN = (
    "tanggal_laporan,nomor_kpj,nik,nama,status,tanggal_kepesertaan,bulan_terakhir_dibayar\n"
    f"2025-03-31,25000000001,{W[1]},WATI,AKTIF,2025-01-10,2025-03\n"
    f"2025-03-31,25000000003,{W[3]},Wiwik,Aktif,2025-01-15,2025-03\n"
    f"2025-03-31,25000000004,{W[4]},Wawan Setiawan,AKTIF,2025-03-20,2025-02\n"
    "2025-03-31,25000000009,3374010101900099,Orang Lain,NON AKTIF,2024-06-01,\n"
)


def test_names_are_compared_without_case_spaces_or_punctuation():
    # Each pair is the same name at BPJS and here: capitals, a double or non-breaking space, a title's dots; a
    # name missing on both sides is the same; a letter more is another name.
    program = pd.DataFrame(
        [(_nik(n), nama, "", A, "aktif") for n, nama in
         ((1, "Sri Wahyuni, S.Pd."), (2, "Budi\u00a0Santoso"), (3, None), (4, "Wati"))],
        columns=["nik", "nama", "nomor_kpj", "nip_sponsor", "status"],
    )  # fmt: skip
    laporan = pd.DataFrame(
        [(_nik(n), "", nama, "aktif", "2025-03") for n, nama in
         ((1, "SRI  WAHYUNI SPD"), (2, "BUDI SANTOSO"), (3, None), (4, "WATII"))],
        columns=["nik", "nomor_kpj", "nama", "status", "bulan_terakhir_dibayar"],
    )  # fmt: skip
    assert rekonsiliasi(program, laporan, "2025-03")["data_berbeda"]["nik"].tolist() == [_nik(4)]


def test_the_latest_report_uploaded_is_reconciled_and_an_opd_head_sees_the_units_workers_only(engine):
    # The small city in March 2025: W1 and W2 lunas, W3 and W4 menunggak (test_cli's hand-computed case). W2 is
    # not in the report; W3 is paid to March at BPJS; W4 has a longer name there (sponsored by D of DISNAKER).
    kota_kecil(engine)
    hasil = impor(engine, "peserta_bpjs", LAPORAN.encode(), "laporan-bpjs.csv", settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak) == (4, 0), hasil.masalah
    bulan, kelas = rekonsiliasi_db(engine, Akses("admin", "admin"), SETTINGS, nik_penuh=True)
    assert bulan == "2025-03"
    assert sorted(kelas["program"]["nik"]) == [W[1], W[2], W[3], W[4]]
    assert {k: sorted(v["nik"]) for k, v in kelas.items() if len(v) and k != "program"} == {
        "tidak_dikenal_bpjs": [W[2]],
        "lunas_di_bpjs_saja": [W[3]],
        "data_berbeda": [W[4]],
        "terkonfirmasi": [W[1]],
        "hanya_di_bpjs": ["3374010101900099"],
    }
    _, opd = rekonsiliasi_db(engine, Akses("kepala@disnaker.id", "opd", "DISNAKER"), SETTINGS, nik_penuh=True)
    assert {k: v["nik"].tolist() for k, v in opd.items() if len(v)} == {
        "program": ["3374••••••••0004"],
        "data_berbeda": ["3374••••••••0004"],
    }
    # The admin too sees every NIK masked, the report's included, until revealing them; a NIK missing stays blank.
    _, samar = rekonsiliasi_db(engine, Akses("admin", "admin"), SETTINGS)
    assert samar["data_berbeda"][["nik", "nik_bpjs"]].values.tolist() == [["3374••••••••0004", "3374••••••••0004"]]
    assert samar["hanya_di_bpjs"]["nik"].tolist() == ["3374••••••••0099"]
    assert samar["tidak_dikenal_bpjs"]["nik_bpjs"].isna().all()


def test_summary_json_gives_the_confirmed_count_of_the_latest_report_up_to_the_month(db_url):
    # The report above is dated 31 March 2025: 4 programme workers, 2 lunas here (W1, W2), W1 confirmed (50%).
    # February has no report on or before its end: null. April reads March's report, and says so.
    import json

    from ptr_core.db import buat_engine, migrasi
    from tests.factory import cli

    engine = buat_engine(db_url)
    migrasi(engine)
    kota_kecil(engine)
    impor(engine, "peserta_bpjs", LAPORAN.encode(), "laporan-bpjs.csv", settings=SETTINGS)
    engine.dispose()
    bulan = {b: json.loads(cli(db_url, "summary", "--bulan", b, "--json").stdout)["rekonsiliasi_bpjs"]
             for b in ("2025-02", "2025-03", "2025-04")}  # fmt: skip
    maret = {"bulan_laporan": "2025-03", "pekerja_program": 4, "lunas": 2, "terkonfirmasi_bpjs": 1,
             "terkonfirmasi_persen": 50.0}  # fmt: skip
    assert bulan == {"2025-02": None, "2025-03": maret, "2025-04": maret}


def test_a_worker_bpjs_records_as_paid_by_another_asn_is_flagged_and_a_later_file_without_the_column_keeps_it(
    engine,
):
    # The report's optional payer column: W1 paid by A (its sponsor), W4 by B although D sponsors it here.
    kota_kecil(engine)
    isi = ("tanggal_laporan,nomor_kpj,nik,nama,status,tanggal_kepesertaan,bulan_terakhir_dibayar,NIP Penanggung\n"
           f"2025-03-31,25000000001,{W[1]},Wati,AKTIF,2025-01-10,2025-03,{A}\n"
           f"2025-03-31,25000000004,{W[4]},Wawan,AKTIF,2025-03-20,2025-03,{B}\n")  # fmt: skip
    assert impor(engine, "peserta_bpjs", isi.encode(), "laporan.csv", settings=SETTINGS).baru == 2
    _, kelas = rekonsiliasi_db(engine, Akses("admin", "admin"), SETTINGS, nik_penuh=True)
    assert kelas["sponsor_lain"][["nik", "nip_sponsor", "nip_pembayar_bpjs"]].values.tolist() == [[W[4], D, B]]
    # The same report again without the column (another export of it): the payer stays as it was.
    tanpa = "\n".join(",".join(baris.split(",")[:7]) for baris in isi.strip().split("\n")) + "\n"
    impor(engine, "peserta_bpjs", tanpa.encode(), "laporan-lagi.csv", settings=SETTINGS)
    assert rekonsiliasi_db(engine, Akses("admin", "admin"), SETTINGS, nik_penuh=True)[1]["sponsor_lain"][
        "nik"
    ].tolist() == [W[4]]


def test_a_report_row_with_an_impossible_date_or_status_is_refused_with_its_reason(engine):
    kota_kecil(engine)
    isi = ("tanggal_laporan,nomor_kpj,nik,nama,status,tanggal_kepesertaan,bulan_terakhir_dibayar\n"
           f"2025-03-31,25000000001,{W[1]},Wati,TERDAFTAR,2025-01-10,2025-03\n"
           f"2025-03-31,25000000003,{W[3]},Wiwik,AKTIF,2025-04-15,2025-03\n"
           f"2025-03-31,25000000004,{W[4]},Wawan,AKTIF,2025-03-20,2027-01\n")  # fmt: skip
    hasil = impor(engine, "peserta_bpjs", isi.encode(), "laporan.csv", settings=SETTINGS)
    assert [(m.baris, m.kolom) for m in hasil.masalah] == [
        (2, "status"), (3, "tanggal_kepesertaan"), (4, "bulan_terakhir_dibayar")
    ]  # fmt: skip
    assert "AKTIF atau NON AKTIF" in hasil.masalah[0].pesan and hasil.baru == 0


def test_the_page_shows_each_class_with_its_count_and_what_to_do(monkeypatch, tmp_path):
    # The small city and the report above (admin, local mode): 4 programme workers in March, 2 lunas here, 1 of
    # them confirmed by BPJS (50%); the classes as in the test above.
    from ptr_core.audit import jejak_audit
    from ptr_core.db import buat_engine, migrasi
    from tests.aplikasi import app, buka, metrik

    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    kota_kecil(engine)
    impor(engine, "peserta_bpjs", LAPORAN.encode(), "laporan-bpjs.csv", settings=SETTINGS)
    at = buka(app(monkeypatch, url), "rekonsiliasi")
    assert metrik(at) == {
        "Pekerja program bulan ini": "4", "Lunas menurut data program": "2", "Terkonfirmasi BPJS": "1"
    }  # fmt: skip
    assert next(m for m in at.metric if m.label == "Terkonfirmasi BPJS").delta == "50,00% dari yang lunas"
    assert [e.label for e in at.expander] == [
        "Terdaftar di program, tidak ada di laporan BPJS: 1 pekerja",
        "Lunas di sini, belum lunas di BPJS: 0 pekerja",
        "Lunas di BPJS, iurannya belum tercatat di sini: 1 pekerja",
        "Nonaktif di sini, aktif di BPJS: 0 pekerja",
        "NIK, nomor KPJ atau nama berbeda dengan BPJS: 1 pekerja",
        "Menurut BPJS dibayar ASN lain: 0 pekerja",
        "Ada di laporan BPJS, tidak ada di program: 1 pekerja",
    ]
    # The admin sees the NIKs masked until revealing them; the reveal is one row in the audit trail, not one per
    # rerun, and one more when revealed again.
    assert at.expander[0].dataframe[0].value["NIK"].tolist() == ["3374••••••••0002"]
    buka_nik = at.toggle(key="rekonsiliasi_nik")
    assert buka_nik.label == "Tampilkan NIK lengkap (tercatat di jejak audit)"
    buka_nik.set_value(True).run()
    assert at.expander[0].dataframe[0].value["NIK"].tolist() == [W[2]]
    assert at.expander[4].dataframe[0].value[["NIK", "NIK di BPJS"]].values.tolist() == [[W[4], W[4]]]
    at.run()
    assert jejak_audit(engine).query("aksi == 'buka_nik'")["rincian"].tolist() == ["Rekonsiliasi BPJS"]
    at.toggle(key="rekonsiliasi_nik").set_value(False).run()
    assert at.expander[0].dataframe[0].value["NIK"].tolist() == ["3374••••••••0002"]
    at.toggle(key="rekonsiliasi_nik").set_value(True).run()
    assert jejak_audit(engine).query("aksi == 'buka_nik'").shape[0] == 2


def test_a_report_as_excel_exports_it_is_read_title_rows_date_cells_and_a_total_row_included(engine):
    # BPJS's export opened and saved in Excel: two title rows, its own headers (No KPJ, Nama Peserta, Status
    # Kepesertaan, Tgl Kepesertaan, BLTH Terakhir, Per Tanggal), dates as date cells, a JUMLAH row at the bottom.
    import datetime as dt
    import io

    from openpyxl import Workbook

    kota_kecil(engine)
    buku = Workbook()
    ws = buku.active
    ws.append(["BPJS KETENAGAKERJAAN KANTOR CABANG SEMARANG"])
    ws.append(["DAFTAR PESERTA BPU PEMERINTAH KOTA SEMARANG"])
    ws.append(["No", "Per Tanggal", "No KPJ", "NIK", "Nama Peserta", "Status Kepesertaan", "Tgl Kepesertaan",
               "BLTH Terakhir"])  # fmt: skip
    ws.append([1, dt.datetime(2025, 3, 31), "25000000001", W[1], "WATI", "AKTIF", dt.datetime(2025, 1, 10), "2025-03"])
    ws.append([2, dt.datetime(2025, 3, 31), "25000000003", W[3], "Wiwik", "NON AKTIF", dt.datetime(2025, 1, 15), None])
    ws.append(["JUMLAH", None, None, None, None, None, None, None])
    isi = io.BytesIO()
    buku.save(isi)
    hasil = impor(engine, "peserta_bpjs", isi.getvalue(), "laporan-bpjs.xlsx", settings=SETTINGS)
    assert (hasil.baru, hasil.ditolak, hasil.ada_galat) == (2, 0, False), hasil.masalah
    bulan, kelas = rekonsiliasi_db(engine, Akses("admin", "admin"), SETTINGS, nik_penuh=True)
    assert bulan == "2025-03" and kelas["terkonfirmasi"]["nik"].tolist() == [W[1]]
