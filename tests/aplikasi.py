"""Driving the dashboard in Streamlit's AppTest (no browser): opened in local mode with its key, a page switched
to, and what the page says read back as text and figures."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ptr_core.akses import kunci_lokal
from ptr_core.settings import load_settings
from tests.factory import ROOT


def app(monkeypatch: pytest.MonkeyPatch, url: str, **query: str) -> AppTest:
    """The dashboard in local mode, opened with the local key (as its printed address does)."""
    monkeypatch.setenv("PTR_DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.query_params["kunci"] = kunci_lokal(load_settings().kunci_lokal)
    for kunci, nilai in query.items():
        at.query_params[kunci] = nilai
    at.run()
    assert not at.exception, at.exception
    return at


def buka(at: AppTest, halaman: str) -> AppTest:
    at.switch_page(f"pages/{halaman}.py").run()
    assert not at.exception, at.exception
    return at


def teks(at: AppTest) -> str:
    bagian = [m.value for m in at.markdown] + [e.value for e in at.error] + [e.value for e in at.info]
    bagian += [e.value for e in at.warning] + [e.value for e in at.success] + [c.value for c in at.caption]
    bagian += [f"{m.label} {m.value} {m.delta}" for m in at.metric] + [s.value for s in at.subheader]
    return "\n".join(map(str, bagian))


def metrik(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def tampak(tabel) -> pd.DataFrame:
    """An `st.dataframe` of the page as people read it: the text of each cell (a styled table's display values, e.g.
    'Rp16.800' over the number 16800 the grid sorts by), under the headers shown."""
    from streamlit import dataframe_util

    nilai = tabel.value
    tampil = tabel.proto.arrow_data.styler.display_values
    if not tampil:
        return nilai
    teks = dataframe_util.convert_arrow_bytes_to_pandas_df(tampil)
    return pd.DataFrame(teks.to_numpy(), columns=nilai.columns)
