"""The audit trail: every change to data is recorded in the transaction that makes it, from a page or the CLI."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ptr_core.audit import catat_dalam, jejak_audit
from ptr_core.impor import Mode, batalkan, impor
from ptr_core.models import Asn, Unggahan
from ptr_core.peta import simpan_peta
from tests.factory import FILES, SETTINGS, cli


def _aksi(engine) -> list[tuple[str, str, str]]:
    jejak = jejak_audit(engine).iloc[::-1]  # oldest first
    return list(zip(jejak["email"], jejak["aksi"], jejak["rincian"]))


def test_an_upload_and_its_rollback_each_write_one_audit_row_and_a_preview_none(engine):
    impor(
        engine,
        "asn",
        FILES["asn"].encode(),
        "asn.csv",
        "staf@semarangkota.go.id",
        mode=Mode.PRATINJAU,
        settings=SETTINGS,
    )
    assert _aksi(engine) == []
    uid = impor(
        engine, "asn", FILES["asn"].encode(), "asn.csv", "staf@semarangkota.go.id", settings=SETTINGS
    ).unggahan_id
    assert _aksi(engine) == [("staf@semarangkota.go.id", "unggah", f"asn asn.csv -> unggahan {uid}: baru 4, diubah 0, "
                              "ditolak 0")]  # fmt: skip
    impor(
        engine, "asn", FILES["asn"].encode(), "asn-lagi.csv", "staf@semarangkota.go.id", settings=SETTINGS
    )  # the same file again
    rusak = impor(engine, "pekerja", b"nik,nama\n1,x\n", "rusak.csv", "staf@semarangkota.go.id", settings=SETTINGS)
    assert rusak.unggahan_id is None and len(_aksi(engine)) == 1  # nothing saved, nothing recorded
    assert batalkan(engine, uid, "admin@semarangkota.go.id", settings=SETTINGS)[0]
    assert _aksi(engine)[-1] == ("admin@semarangkota.go.id", "batalkan", f"unggahan {uid} (asn, asn.csv)")


def test_a_refused_rollback_writes_no_audit_row(engine):
    uid = impor(engine, "asn", FILES["asn"].encode(), "asn.csv", "staf", settings=SETTINGS).unggahan_id
    impor(engine, "pekerja", FILES["pekerja"].encode(), "pekerja.csv", "staf", settings=SETTINGS)
    assert not batalkan(engine, uid, "admin", settings=SETTINGS)[0]
    assert [a for _, a, _ in _aksi(engine)] == ["unggah", "unggah"]


def test_a_failure_after_the_change_leaves_neither_the_change_nor_its_audit_row(engine, monkeypatch):
    # The audit row is written, then the transaction fails: the upload (or the rollback) and its row go together.
    from ptr_core.impor import pembatalan, penyimpanan

    def catat_lalu_gagal(conn, *args) -> None:
        catat_dalam(conn, *args)
        raise RuntimeError("gagal setelah perubahan")

    monkeypatch.setattr(penyimpanan, "catat_dalam", catat_lalu_gagal)
    with pytest.raises(RuntimeError):
        impor(engine, "asn", FILES["asn"].encode(), "asn.csv", "staf", settings=SETTINGS)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Asn)) == 0
        assert conn.scalar(select(func.count()).select_from(Unggahan)) == 0
    assert _aksi(engine) == []

    monkeypatch.undo()
    uid = impor(engine, "asn", FILES["asn"].encode(), "asn.csv", "staf", settings=SETTINGS).unggahan_id
    monkeypatch.setattr(pembatalan, "catat_dalam", catat_lalu_gagal)
    with pytest.raises(RuntimeError):
        batalkan(engine, uid, "admin", settings=SETTINGS)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Asn)) == 4
        assert conn.scalar(select(Unggahan.dibatalkan_pada).where(Unggahan.id == uid)) is None
    assert [a for _, a, _ in _aksi(engine)] == ["unggah"]


def test_the_command_line_import_is_audited_under_the_name_it_was_given(db_url, tmp_path):
    path = tmp_path / "asn.csv"
    path.write_text(FILES["asn"])
    assert cli(db_url, "init").returncode == 0
    assert cli(db_url, "import", "asn", str(path), "--pengguna", "budi").returncode == 0
    assert cli(db_url, "import", "asn", str(path), "--dry-run").returncode == 0
    assert cli(db_url, "import", "asn", str(path), "--pengguna", "x" * 256).returncode == 2
    from ptr_core.db import buat_engine

    engine = buat_engine(db_url)
    assert [(e, a) for e, a, _ in _aksi(engine)] == [("budi", "unggah")]
    engine.dispose()


def test_saving_a_kecamatan_map_is_audited(engine):
    simpan_peta(engine, {"type": "FeatureCollection", "features": []}, "batas.geojson", "staf")
    assert _aksi(engine) == [("staf", "unggah_peta", "batas.geojson")]


def test_the_audit_page_reads_each_action_in_words_and_its_counts_in_indonesian_form(monkeypatch, tmp_path):
    import pandas as pd

    from ptr_core.audit import jejak_tampil
    from ptr_core.db import buat_engine, migrasi
    from tests.aplikasi import app, buka, tampak

    rincian = "asn roster.csv -> unggahan 3: baru 16000, diubah 0, ditolak 1200"
    jejak = pd.DataFrame({"aksi": ["unggah", "buka_nik", "kode_baru"], "rincian": [rincian, "OPD", None]})
    tampil = jejak_tampil(jejak)
    assert tampil["aksi"].tolist() == ["Unggah data", "Buka NIK lengkap", "kode_baru"]
    dibaca = "asn roster.csv → unggahan 3: baru 16.000, diubah 0, ditolak 1.200"
    assert tampil["rincian"].tolist()[:2] == [dibaca, "OPD"]
    assert tampil["rincian"].isna().tolist() == [False, False, True]
    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", pengguna="staf@x.id", settings=SETTINGS)
    tabel = tampak(buka(app(monkeypatch, url), "audit").dataframe[0])
    assert tabel[["Aksi", "Rincian"]].values.tolist()[-1] == [
        "Unggah data",
        "asn asn.csv → unggahan 1: baru 4, diubah 0, ditolak 0",
    ]
