"""Kecamatan boundaries for the choropleth (peta.py), with a small synthetic GeoJSON."""

from ptr_core.peta import baca_geojson, peta_terakhir, simpan_peta
from ptr_core.queries import versi_data
from tests.factory import geojson, kotak

KODE = {"33.74.01", "33.74.02", "33.74.03"}


def test_features_are_keyed_by_the_kemendagri_code_in_any_property_and_spelling():
    isi = geojson(kotak(110.4, {"KODE_KEC": "337401", "NAMA": "Semarang Tengah"}), kotak(110.5, {"kd": "33.74.02"}))
    peta, pesan = baca_geojson(isi, KODE)
    assert [f["properties"]["kode_kecamatan"] for f in peta["features"]] == ["33.74.01", "33.74.02"]
    assert "2 kecamatan dikenali" in pesan and "33.74.03" in pesan


def test_a_file_without_codes_or_not_json_is_refused_with_a_reason():
    assert baca_geojson(geojson(kotak(110.4, {"nama": "Tengah"})), KODE)[0] is None
    peta, pesan = baca_geojson(b"\x00\x01 bukan json", KODE)
    assert peta is None and "GeoJSON" in pesan


def test_stored_map_is_the_latest_and_bumps_the_data_version(engine):
    sebelum = versi_data(engine)
    peta, _ = baca_geojson(geojson(kotak(110.4, {"kode": "33.74.01"})), KODE)
    simpan_peta(engine, peta, "batas.geojson", "admin")
    assert peta_terakhir(engine)["features"][0]["properties"]["kode_kecamatan"] == "33.74.01"
    assert versi_data(engine) != sebelum
