"""Personal data shown only as much as a role needs (UU 27/2022 PDP): NIK masked by default."""

from __future__ import annotations

import pandas as pd

TITIK = "•"


def samarkan_nik(nik: str | None) -> str:
    """3374010101900001 -> 3374••••••••0001: the region and the serial, never the birth date."""
    if not nik:
        return ""
    nik = str(nik)
    return nik[:4] + TITIK * (len(nik) - 8) + nik[-4:] if len(nik) > 8 else TITIK * len(nik)


def samarkan_nama(nama: str | None) -> str:
    """Sri Wahyuni -> S•• W••••••: enough to tell two candidates apart on a list, not to identify one."""
    return " ".join(kata[0] + TITIK * (len(kata) - 1) for kata in str(nama or "").split())


KOLOM_NIK = ("nik", "nik_bpjs")  # the NIK columns of the lists shown and downloaded


def samarkan(frame: pd.DataFrame, tampilkan_nik: bool = False) -> pd.DataFrame:
    """A copy with every NIK column masked unless the viewer may see it in full."""
    if tampilkan_nik:
        return frame
    return frame.assign(**{k: frame[k].map(samarkan_nik, na_action="ignore") for k in KOLOM_NIK if k in frame.columns})
