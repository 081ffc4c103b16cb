"""An independent implementation in DuckDB SQL (the benchmark's reference) agrees with ptr_core."""

import pytest

from ptr_core.agregat import agregat_dari_baris
from ptr_core.bench import referensi_duckdb
from ptr_core.db import buat_engine
from ptr_core.periode import ke_indeks
from ptr_core.queries import muat_data
from ptr_core.ringkasan import ringkasan
from ptr_core.settings import Settings


@pytest.fixture(scope="module")
def data_demo(demo_url):
    return muat_data(buat_engine(demo_url))


@pytest.mark.parametrize("bulan", ["2025-03", "2025-12", "2026-06", "2026-10"])
def test_duckdb_reference_and_ptr_core_give_the_same_statuses_arrears_and_participation(data_demo, bulan):
    r = ringkasan(agregat_dari_baris(data_demo, Settings(), ke_indeks(bulan)), bulan, Settings())
    ref = referensi_duckdb(data_demo, bulan, Settings())
    assert ref == {
        "aktif": r["pekerja_program_aktif"],
        "menunggak": r["pekerja_program_menunggak"],
        "nonaktif": r["pekerja_program_nonaktif"],
        "tunggakan": r["tunggakan"],
        "asn_berpartisipasi": r["asn_berpartisipasi"],
        "iuran_bulan": r["iuran_dibayar_bulan"],
    }
