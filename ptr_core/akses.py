"""Who sees what: roles, the pages and rows each may see, and the users (UU 27/2022 PDP).

The pages hide what a role may not use; these checks are repeated here, where rows are selected, so that
editing the URL or the session state reveals nothing.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, delete, insert, select

from ptr_core.audit import catat_dalam
from ptr_core.models import Asn, Opd, Pengguna

PERAN = ("admin", "pimpinan", "opd", "operator")  # the roles of registered users (the pengguna table)
# Every active ASN of the roster who signs in is recognised as `asn` by NIP, without being registered: through the
# roster's email column, or a claim of the identity provider's ID token carrying the NIP (PTR_KLAIM_NIP).
ASN = "asn"
HALAMAN_PERAN: dict[str, tuple[str, ...]] = {
    "pekerja_saya": (ASN,),
    "daftarkan": (ASN,),
    "ringkasan": ("admin", "pimpinan", "opd"),
    "opd": ("admin", "pimpinan", "opd"),
    "kecamatan": ("admin", "pimpinan", "opd"),
    "iuran": ("admin", "pimpinan", "opd"),
    "target": ("admin", "pimpinan"),
    "unggah": ("admin", "operator"),
    "riwayat": ("admin", "operator"),
    "verifikasi": ("admin", "operator"),
    "rekonsiliasi": ("admin", "operator", "opd"),
    "manfaat": ("admin", "pimpinan", "opd", "operator"),
    "metodologi": (*PERAN, ASN),
    "layar": ("admin", "pimpinan"),
    "pengguna": ("admin",),
    "audit": ("admin",),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Akses:
    email: str
    peran: str
    kode_opd: str | None = None
    kode_kecamatan: str | None = None  # the kecamatan of a kecamatan-OPD
    lokal: bool = False
    nip: str | None = None  # an `asn` viewer's NIP: the workers they sponsor are theirs to see

    def boleh_halaman(self, halaman: str) -> bool:
        return self.peran in HALAMAN_PERAN.get(halaman, ())

    def boleh_opd(self, kode_opd: str) -> bool:
        """Detail of an OPD (its ASN and their workers): everyone who sees pages, an `opd` user only their own."""
        if self.peran == "opd":
            return kode_opd == self.kode_opd
        return self.peran in ("admin", "pimpinan")

    def boleh_kecamatan(self, kode_kecamatan: str) -> bool:
        if self.peran == "opd":
            return kode_kecamatan == self.kode_kecamatan
        return self.peran in ("admin", "pimpinan")

    @property
    def lihat_nama_pekerja(self) -> bool:
        """Workers' names: admin, and the OPD that follows up its own sponsors; pimpinan sees aggregates."""
        return self.peran in ("admin", "opd")

    @property
    def boleh_buka_nik(self) -> bool:
        return self.peran == "admin"

    def nik_utuh(self, dibuka: bool) -> bool:
        """Whole NIKs on a list: only for an admin, and only once revealed (`dibuka`; the page records it)."""
        return dibuka and self.boleh_buka_nik

    @property
    def boleh_batalkan(self) -> bool:
        return self.peran == "admin"


def saring_opd(akses: Akses, kode_opd: list[str]) -> list[str]:
    return [k for k in kode_opd if akses.boleh_opd(k)]


def rincian_terlindungi(akses: Akses, frame: pd.DataFrame, nik_penuh: bool = False) -> pd.DataFrame:
    """A list of workers as this viewer may see it: NIK masked unless an admin revealed it, names only
    for roles that need them."""
    from ptr_core.privasi import samarkan

    hasil = samarkan(frame, tampilkan_nik=akses.nik_utuh(nik_penuh))
    if not akses.lihat_nama_pekerja and "nama" in hasil.columns:
        hasil = hasil.assign(nama="(disembunyikan)")
    return hasil


def kunci_lokal(path: Path) -> str:
    """The local mode's key: made once, at random, in a file only the server's user can read; then read from it."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    kunci = secrets.token_urlsafe(24)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another server process made it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(kunci + "\n")
    return kunci


def mode_lokal(kunci_diberikan: str | None, kunci: str, ada_data_asli: bool) -> tuple[bool, str]:
    """Without sign-in, real data is served only to whoever presents the local key: never on the word of the peer
    address, which any forwarder or proxy on the server (ssh -L, socat, nginx) makes a loopback one."""
    if not ada_data_asli or (kunci_diberikan and hmac.compare_digest(kunci_diberikan.encode(), kunci.encode())):
        return True, ""
    return False, (
        "Dasbor ini berjalan tanpa login (mode lokal) dan berisi data asli, jadi hanya terbuka dengan kunci lokal. "
        "Buka alamat berkunci (…/?kunci=…) yang dicetak di terminal server, atau jalankan "
        "`python -m ptr_core kunci-lokal` di server untuk melihatnya. Untuk membukanya dari komputer lain, atur "
        "login OpenID Connect di bagian [auth] .streamlit/secrets.toml (lihat README, bagian Sign-in) lalu "
        "daftarkan pengguna dengan `python -m ptr_core user add`."
    )


# --- users ---------------------------------------------------------------------------------------------


def cari_pengguna(engine: Engine, email: str | None, nip: str | None = None) -> Akses | None:
    """The viewer signed in as `email`: a registered user's role; else an ASN active in the current roster whose
    roster email is `email`, or whose NIP is `nip` (from the ID token's claim, when the city's provider carries
    it). An address shared by two active ASN identifies neither."""
    email = (email or "").strip().lower()
    if not email:
        return None
    with engine.connect() as conn:
        baris = conn.execute(
            select(Pengguna.email, Pengguna.peran, Pengguna.kode_opd, Opd.kode_kecamatan)
            .outerjoin(Opd, Opd.kode_opd == Pengguna.kode_opd)
            .where(Pengguna.email == email)
        ).first()
        if baris is not None:
            return Akses(baris.email, baris.peran, baris.kode_opd, baris.kode_kecamatan)
        nip = (nip or "").strip()
        syarat = Asn.nip == nip if nip else Asn.email == email
        asn = conn.execute(
            select(Asn.nip, Asn.kode_opd, Opd.kode_kecamatan)
            .join(Opd, Opd.kode_opd == Asn.kode_opd)
            .where(syarat, Asn.aktif.is_(True))
            .limit(2)
        ).all()
    if len(asn) != 1:
        return None
    return Akses(email, ASN, asn[0].kode_opd, asn[0].kode_kecamatan, nip=asn[0].nip)


def tambah_pengguna(engine: Engine, email: str, peran: str, kode_opd: str | None, oleh: str) -> tuple[bool, str]:
    email = email.strip().lower()
    if not _EMAIL.match(email):
        return False, f"'{email}' bukan alamat email."
    if peran not in PERAN:
        return False, f"Peran '{peran}' tidak dikenal; pilih {', '.join(PERAN)}."
    if (peran == "opd") != bool(kode_opd):
        return False, "Peran opd memerlukan --opd KODE; peran lain tanpa OPD."
    with engine.begin() as conn:
        if kode_opd and conn.scalar(select(Opd.kode_opd).where(Opd.kode_opd == kode_opd)) is None:
            return False, f"OPD '{kode_opd}' tidak ada."
        conn.execute(delete(Pengguna).where(Pengguna.email == email))
        conn.execute(insert(Pengguna).values(email=email, peran=peran, kode_opd=kode_opd, dibuat=dt.datetime.now()))
        catat_dalam(conn, oleh, "pengguna_tambah", f"{email} sebagai {peran}" + (f" ({kode_opd})" if kode_opd else ""))
    return True, f"{email} terdaftar sebagai {peran}."


def hapus_pengguna(engine: Engine, email: str, oleh: str) -> tuple[bool, str]:
    email = email.strip().lower()
    with engine.begin() as conn:
        if conn.execute(delete(Pengguna).where(Pengguna.email == email)).rowcount == 0:
            return False, f"{email} tidak terdaftar."
        catat_dalam(conn, oleh, "pengguna_hapus", email)
    return True, f"{email} dihapus."


def daftar_pengguna(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(select(Pengguna).order_by(Pengguna.email), conn)


class AksesDitolak(PermissionError):
    """Raised where rows are selected for a viewer who may not see them."""
