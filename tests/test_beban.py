"""The load script (`python -m ptr_core.beban`) runs end to end, and its bound holds."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from ptr_core.beban import main
from tests.factory import ROOT

pytestmark = pytest.mark.browser


def test_the_load_script_refuses_more_sessions_than_its_bound(capsys):
    with pytest.raises(SystemExit) as keluar:
        main(["--sesi", "51"])
    assert keluar.value.code == 2 and "--sesi harus 1 sampai 50" in capsys.readouterr().err


def test_a_database_without_the_demo_city_is_one_message_not_a_traceback(tmp_path, capsys):
    assert main(["--sesi", "2", "--basis-data", f"sqlite:///{tmp_path / 'kosong.db'}"]) == 2
    keluar = capsys.readouterr()
    assert "tidak berisi 2 ASN aktif kota contoh" in keluar.out and "Traceback" not in keluar.out + keluar.err


def test_two_asn_at_once_each_register_a_worker_and_both_are_pending(salin_demo, tmp_path):
    # On a copy of the session's demo city (the script loads one of its own when given none: the same code).
    url = salin_demo(tmp_path)
    hasil = subprocess.run([sys.executable, "-m", "ptr_core.beban", "--sesi", "2", "--basis-data", url], cwd=ROOT,
                           capture_output=True, text=True, timeout=900)  # fmt: skip
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr[-3000:]
    assert "Sesi berhasil                   2 dari 2 (pengajuan tersimpan: 2)" in hasil.stdout
    assert re.search(r"Sesi per detik\s+\d+[.,]\d\d", hasil.stdout)
