"""Downloads (CSV and XLSX) that are safe to open in Excel."""

from __future__ import annotations

import io
import re

import pandas as pd

_PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r")
# Control characters an XLSX cannot hold (XML 1.0): a problem list quoting a bad cell would fail to be written.
_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def netralkan(nilai: object) -> object:
    """A text cell that Excel would run as a formula (CSV injection) is prefixed with an apostrophe; control
    characters are shown as �."""
    if not isinstance(nilai, str):
        return nilai
    nilai = _KENDALI.sub("\ufffd", nilai)
    return "'" + nilai if nilai.startswith(_PEMICU_RUMUS) else nilai


def _aman(frame: pd.DataFrame) -> pd.DataFrame:
    teks = frame.select_dtypes(include=["object", "string"]).columns
    return frame.assign(**{k: frame[k].map(netralkan) for k in teks})


def ke_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM and `;`, as Excel in the Indonesian locale opens it directly."""
    return _aman(frame).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def ke_xlsx(lembar: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for nama, frame in lembar.items():
            _aman(frame).to_excel(writer, sheet_name=nama[:31], index=False)
    return buffer.getvalue()
