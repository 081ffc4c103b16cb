"""Uploads: read -> normalise -> validate -> preview (dry run) -> commit (one transaction) -> record.

The Unggah Data page and the `import` command share this pipeline, one module per stage: `kontrak` (the
dataset registry and the problem type; what differs between datasets is declared there, never asked of a dataset's
name), `aturan` (the rules a dataset declares for its rows), `pembacaan` (a file as a frame, its columns recognised),
`pemeriksaan` (each row checked), `rencana` (new, changed and unchanged rows, applied with their journal),
`penyimpanan` (`impor`: the stages in one transaction) and `pembatalan` (history and rollback). Problems are
returned as values (row as Excel shows it, column, value, message), never raised through a page. Every committed
upload keeps its file and a before-image of each row it touched, so that it can be rolled back exactly.
"""

from ptr_core.impor.kontrak import DATASET, JENIS_OPD, NAMA_DIKENAL, Dataset, Kolom, Masalah, tabel_masalah
from ptr_core.impor.pembacaan import baca, kenali_kolom, kolom_kurang, tebak_dataset
from ptr_core.impor.pembatalan import batalkan, riwayat
from ptr_core.impor.pemeriksaan import Pemeriksa, Pendaftaran, Referensi, sponsor_bertumpuk
from ptr_core.impor.penyimpanan import DEMO_BERLAKU, PENGGUNA_DEMO, PESAN_DEMO, HasilImpor, Mode, impor

__all__ = [
    "DATASET",
    "DEMO_BERLAKU",
    "JENIS_OPD",
    "NAMA_DIKENAL",
    "PENGGUNA_DEMO",
    "PESAN_DEMO",
    "Dataset",
    "HasilImpor",
    "Kolom",
    "Masalah",
    "Mode",
    "Pemeriksa",
    "Pendaftaran",
    "Referensi",
    "baca",
    "batalkan",
    "impor",
    "kenali_kolom",
    "kolom_kurang",
    "riwayat",
    "sponsor_bertumpuk",
    "tabel_masalah",
    "tebak_dataset",
]
