"""One place for configuration: programme parameters and where the database lives."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'data' / 'ptr.db'}"
SECRETS = PROJECT_ROOT / ".streamlit" / "secrets.toml"


@dataclass(frozen=True)
class Settings:
    # JKK 1% of the lowest declared income (Rp1.000.000) + JKM Rp6.800 (PP 44/2015, PP 82/2019).
    iuran_bulanan: int = 16_800
    # Regulation asks coverage to grow at least 20% a year, relative to the end of last year.
    pertumbuhan_target: Decimal = Decimal("0.20")
    # BPJS deactivates a BPU membership left unpaid for 3 consecutive months.
    bulan_sampai_nonaktif: int = 3
    database_url: str = DEFAULT_DATABASE_URL
    # The embedded default fills an empty SQLite database with demo data on first start.
    demo_otomatis: bool = True
    # Local mode (no sign-in) with real data asks for this key (created at first need, readable by its owner only).
    kunci_lokal: Path = PROJECT_ROOT / "data" / "kunci-lokal"
    # The ID token's claim that carries an ASN's NIP, when the city's identity provider issues one (e.g. "nip");
    # without it, an ASN is recognised by the email column of the roster.
    klaim_nip: str | None = None
    # Pekerja Saya shows a participation certificate (piagam) once a worker has been active this many months.
    bulan_piagam: int = 6
    # A candidate worker reserved by an ASN is held for that ASN alone this many days (time to reach them).
    hari_pesan_calon: int = 7


def _secrets_database_url() -> str | None:
    if not SECRETS.exists():
        return None
    with SECRETS.open("rb") as f:
        return tomllib.load(f).get("database", {}).get("url")


def load_settings() -> Settings:
    """Settings from the environment (`PTR_*`), then `.streamlit/secrets.toml`, then defaults."""
    url = os.environ.get("PTR_DATABASE_URL") or _secrets_database_url() or DEFAULT_DATABASE_URL
    defaults = Settings()
    return Settings(
        iuran_bulanan=int(os.environ.get("PTR_IURAN_BULANAN", defaults.iuran_bulanan)),
        pertumbuhan_target=Decimal(os.environ.get("PTR_PERTUMBUHAN_TARGET", str(defaults.pertumbuhan_target))),
        bulan_sampai_nonaktif=int(os.environ.get("PTR_BULAN_SAMPAI_NONAKTIF", defaults.bulan_sampai_nonaktif)),
        database_url=url,
        demo_otomatis=os.environ.get("PTR_DEMO_OTOMATIS", "1") not in ("0", "false", "tidak"),
        kunci_lokal=Path(os.environ.get("PTR_KUNCI_LOKAL") or defaults.kunci_lokal),
        klaim_nip=os.environ.get("PTR_KLAIM_NIP") or None,
        bulan_piagam=int(os.environ.get("PTR_BULAN_PIAGAM", defaults.bulan_piagam)),
        hari_pesan_calon=int(os.environ.get("PTR_HARI_PESAN_CALON", defaults.hari_pesan_calon)),
    )
