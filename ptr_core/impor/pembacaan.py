"""Reading: a file (through `ptr_core.berkas`) as a frame of text cells, its headers renamed to the contract,
the dataset its columns fit, and the one message when a required column is missing."""

from __future__ import annotations

import pandas as pd

from ptr_core import berkas
from ptr_core.impor.kontrak import DATASET, NAMA_DIKENAL, Dataset, Masalah


def baca(isi: bytes, nama_file: str, lembar: str | None = None) -> tuple[pd.DataFrame | None, list[Masalah]]:
    """A file as a frame of text cells (index: the row as Excel shows it) with the header found among the
    title rows by the names of every dataset's columns; what went wrong, or what reading it took (the sheet
    read, rows skipped), as problems of row 1. Never raises."""
    bacaan = berkas.baca(isi, nama_file, lembar, NAMA_DIKENAL)
    masalah = [Masalah(1, "", "", c, peringatan=True) for c in bacaan.catatan]
    if bacaan.galat:
        masalah.insert(0, Masalah(1, "", nama_file[:40], bacaan.galat))
    return bacaan.frame, masalah


def kenali_kolom(dataset: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Rename the headers staff use (any case, spaces, aliases such as 'NIP Baru' or 'No KPJ') to the contract."""
    peta: dict[str, str] = {}
    for kolom in dataset.kolom:
        for nama in (kolom.nama, *kolom.alias):
            if nama in frame.columns and nama not in peta and kolom.nama not in peta.values():
                peta[nama] = kolom.nama
                break
    return frame.rename(columns=peta)


def tebak_dataset(frame: pd.DataFrame) -> str | None:
    """The dataset whose required columns the file has (with aliases); the one matching most columns wins."""
    cocok = []
    for d in DATASET.values():
        kolom = set(kenali_kolom(d, frame).columns)
        if all(k.nama in kolom for k in d.kolom if k.wajib):
            cocok.append((len(kolom & set(d.nama_kolom)), d.nama))
    return max(cocok)[1] if cocok else None


def kolom_kurang(dataset: Dataset, frame: pd.DataFrame) -> Masalah | None:
    """One message when the file lacks a required column (after aliases), naming the dataset it fits."""
    hilang = [k.nama for k in dataset.kolom if k.wajib and k.nama not in frame.columns]
    if not hilang:
        return None
    # At most 20 names of 40 characters: a header row may hold anything.
    ada = ", ".join(str(k)[:40] for k in frame.columns[:20]) or "(tidak ada)"
    if len(frame.columns) > 20:
        ada += f" dan {len(frame.columns) - 20:,} kolom lain".replace(",", ".")
    lain = tebak_dataset(frame)
    saran = f" Kolomnya cocok dengan data '{lain}'; pilih jenis data itu." if lain else ""
    pesan = (
        f"Kolom {', '.join(hilang)} tidak ditemukan. File {dataset.nama} harus berkolom: "
        f"{', '.join(dataset.nama_kolom)}. Kolom di file: {ada}.{saran} Unduh templatnya bila perlu."
    )
    return Masalah(1, ", ".join(hilang), "", pesan)
