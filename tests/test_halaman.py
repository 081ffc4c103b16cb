"""The dashboard pages render from ptr_core's figures (Streamlit AppTest, real SQLite files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _app(monkeypatch: pytest.MonkeyPatch, url: str) -> AppTest:
    monkeypatch.setenv("PTR_DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'ptr.db'}"
    assert cli(url, "demo").returncode == 0
    return url


def _teks(at: AppTest) -> str:
    bagian = [m.value for m in at.markdown] + [e.value for e in at.error] + [e.value for e in at.info]
    bagian += [f"{m.label} {m.value} {m.delta}" for m in at.metric] + [s.value for s in at.subheader]
    return "\n".join(map(str, bagian))


def test_ringkasan_shows_the_same_figures_as_the_cli(monkeypatch, demo_url):
    r = json.loads(cli(demo_url, "summary", "--json").stdout)
    at = _app(monkeypatch, demo_url)
    nilai = {m.label: m.value for m in at.metric}
    assert nilai["Pekerja informal"] == f"{r['pekerja_informal']:,}".replace(",", ".")
    assert nilai["Peserta aktif"] == f"{r['peserta_aktif']:,}".replace(",", ".")
    assert nilai["Cakupan"] == f"{r['cakupan_persen']:.2f}%".replace(".", ",")
    assert nilai["Iuran terkumpul bulan ini"] == "Rp" + f"{r['iuran_dibayar_bulan']:,}".replace(",", ".")
    teks = _teks(at)
    assert "DATA CONTOH" in teks and "Data per 2" in teks


def test_metodologi_page_states_the_worked_example(monkeypatch, demo_url):
    at = _app(monkeypatch, demo_url)
    at.switch_page("pages/metodologi.py").run()
    assert not at.exception
    teks = _teks(at)
    assert "48.236" in teks and "Rp1.620.864.000" in teks and "Rp16.800" in teks


def test_empty_database_shows_a_friendly_message_not_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PTR_DEMO_OTOMATIS", "0")
    at = _app(monkeypatch, f"sqlite:///{tmp_path / 'kosong.db'}")
    assert "Belum ada data" in _teks(at)
    at.switch_page("pages/metodologi.py").run()
    assert not at.exception
