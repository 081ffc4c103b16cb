"""Kecamatan boundaries (GeoJSON) for the choropleth map: checked, keyed by Kemendagri code, stored."""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlalchemy import Engine, insert, select

from ptr_core import validasi
from ptr_core.audit import catat_dalam
from ptr_core.models import PetaKecamatan

_KODE = re.compile(r"^33\.?74\.?([0-9]{2})$")


def _kode(nilai: object) -> str | None:
    cocok = _KODE.match(str(nilai).strip())
    return f"33.74.{cocok.group(1)}" if cocok else None


def baca_geojson(isi: bytes, kode_kecamatan: set[str]) -> tuple[dict | None, str]:
    """The boundary file with `properties.kode_kecamatan` set on each feature, or None and why not.

    The code may sit in any property, written `33.74.01` or `337401`.
    """
    try:
        peta = json.loads(isi.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, "File bukan GeoJSON yang sah (JSON tidak terbaca)."
    fitur = peta.get("features") if isinstance(peta, dict) else None
    if not isinstance(fitur, list) or not fitur:
        return None, "GeoJSON harus berupa FeatureCollection yang berisi fitur kecamatan."
    ketemu: set[str] = set()
    for f in fitur:
        props = f.get("properties") or {}
        kode = next((k for k in map(_kode, props.values()) if k in kode_kecamatan), None)
        if kode:
            props["kode_kecamatan"] = kode
            f["properties"] = props
            ketemu.add(kode)
    if not ketemu:
        return None, "Tidak ada fitur yang membawa kode Kemendagri kecamatan (misalnya 33.74.01)."
    kurang = sorted(kode_kecamatan - ketemu)
    pesan = f"{len(ketemu)} kecamatan dikenali." + (f" Tidak ada batas untuk: {', '.join(kurang)}." if kurang else "")
    return {"type": "FeatureCollection", "features": [f for f in fitur if "kode_kecamatan" in f["properties"]]}, pesan


def simpan_peta(engine: Engine, peta: dict, nama_file: str, pengguna: str) -> None:
    nama_file = validasi.nama_file(nama_file)
    with engine.begin() as conn:
        conn.execute(
            insert(PetaKecamatan).values(
                nama_file=nama_file, geojson=json.dumps(peta), pengguna=pengguna, waktu=dt.datetime.now()
            )
        )
        catat_dalam(conn, pengguna, "unggah_peta", nama_file)


def peta_terakhir(engine: Engine) -> dict | None:
    with engine.connect() as conn:
        isi = conn.scalar(select(PetaKecamatan.geojson).order_by(PetaKecamatan.id.desc()).limit(1))
    return json.loads(isi) if isi else None


def titik_tengah(peta: dict | None) -> dict[str, tuple[float, float]]:
    """Each kecamatan's centre on the map: the mean of its boundary's points (enough to tell near from far)."""
    hasil: dict[str, tuple[float, float]] = {}
    for f in (peta or {}).get("features", []):
        kode = (f.get("properties") or {}).get("kode_kecamatan")
        tumpukan, titik = [(f.get("geometry") or {}).get("coordinates")], []
        while tumpukan:
            isi = tumpukan.pop()
            if isinstance(isi, list) and len(isi) >= 2 and all(isinstance(x, int | float) for x in isi[:2]):
                titik.append((float(isi[0]), float(isi[1])))
            elif isinstance(isi, list):
                tumpukan.extend(isi)
        if kode and titik:
            hasil[kode] = (sum(x for x, _ in titik) / len(titik), sum(y for _, y in titik) / len(titik))
    return hasil
