"""Who sees what (akses.py): roles, OPD scoping in the query layer, masked NIK, local mode, audit trail."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ptr_core import akses as akses_m
from ptr_core.agregat import hitung
from ptr_core.akses import (
    Akses,
    cari_pengguna,
    kunci_lokal,
    mode_lokal,
    tambah_pengguna,
)
from ptr_core.audit import jejak_audit
from ptr_core.cakupan import rincian_kecamatan
from ptr_core.db import buat_engine, migrasi
from ptr_core.impor import impor
from ptr_core.periode import ke_indeks
from ptr_core.queries import muat_data
from ptr_core.settings import Settings, load_settings
from tests.aplikasi import teks as _teks
from tests.factory import NIP_A, ROOT, SETTINGS, agregat, asn, bayar, dunia, pekerja

ADMIN, PIMPINAN, OPD_DINSOS, OPERATOR = "admin@semarangkota.go.id", "walikota@semarangkota.go.id", \
    "dinsos@semarangkota.go.id", "operator@semarangkota.go.id"  # fmt: skip
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "rahasia-uji",
    "client_id": "ptr",
    "client_secret": "x",
    "server_metadata_url": "http://localhost/.well-known/openid-configuration",
}


def test_roles_see_exactly_their_pages():
    peran = (*akses_m.PERAN, akses_m.ASN)
    lihat = {p: [h for h in akses_m.HALAMAN_PERAN if Akses("x", p).boleh_halaman(h)] for p in peran}
    assert lihat == {
        "admin": [h for h in akses_m.HALAMAN_PERAN if h not in ("pekerja_saya", "daftarkan")],
        "pimpinan": ["ringkasan", "opd", "kecamatan", "iuran", "target", "manfaat", "metodologi", "layar"],
        "opd": ["ringkasan", "opd", "kecamatan", "iuran", "rekonsiliasi", "manfaat", "metodologi"],
        "operator": ["unggah", "riwayat", "verifikasi", "rekonsiliasi", "manfaat", "metodologi"],
        "asn": ["pekerja_saya", "daftarkan", "metodologi"],
    }


def test_local_mode_with_real_data_opens_only_with_the_key_whatever_the_peer_address(tmp_path):
    path = tmp_path / "data" / "kunci-lokal"
    kunci = kunci_lokal(path)
    assert kunci == kunci_lokal(path) and len(kunci) >= 32 and path.stat().st_mode & 0o777 == 0o600
    assert mode_lokal(None, kunci, False)[0]  # demo data only: open, as the README's first command promises
    for salah in (None, "", kunci[:-1], kunci + "x"):
        boleh, pesan = mode_lokal(salah, kunci, True)
        assert not boleh and "kunci-lokal" in pesan and "[auth]" in pesan and "user add" in pesan
    assert mode_lokal(kunci, kunci, True)[0]


def test_a_request_without_the_key_gets_no_data_in_local_mode_with_real_data(monkeypatch, tmp_path):
    # A forwarder (ssh -L, socat, nginx) makes every remote visitor a loopback peer: only the key opens the door.
    from tests.factory import FILES

    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    impor(engine, "asn", FILES["asn"].encode(), "asn.csv", settings=SETTINGS)
    monkeypatch.setenv("PTR_DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    tanpa = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180).run()
    assert [e.value for e in tanpa.error][0].startswith("Dasbor ini berjalan tanpa login") and not tanpa.metric
    dengan = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    dengan.query_params["kunci"] = kunci_lokal(load_settings().kunci_lokal)
    dengan.run()
    assert not dengan.error and not dengan.exception and dengan.title[0].value.startswith("Ringkasan")


def test_user_management_validates_and_is_audited(engine):
    assert not tambah_pengguna(engine, "bukan-email", "admin", None, "cli")[0]
    assert not tambah_pengguna(engine, OPD_DINSOS, "opd", None, "cli")[0]
    assert not tambah_pengguna(engine, OPD_DINSOS, "opd", "TIDAKADA", "cli")[0]
    assert tambah_pengguna(engine, OPD_DINSOS.upper(), "opd", "DINSOS", "cli")[0]
    assert cari_pengguna(engine, OPD_DINSOS) == Akses(OPD_DINSOS, "opd", "DINSOS", None)
    assert jejak_audit(engine)["aksi"].tolist() == ["pengguna_tambah"]


def test_filters_with_sql_metacharacters_are_harmless(engine):
    jahat = "x'; DROP TABLE pengguna; --"
    assert cari_pengguna(engine, jahat) is None
    assert not tambah_pengguna(engine, jahat, "admin", None, "cli")[0]
    assert tambah_pengguna(engine, "a@b.id", "opd", "DINSOS", "cli")[0]
    assert cari_pengguna(engine, "a@b.id") is not None


def _app(monkeypatch, url: str, email: str | None, **query: str) -> AppTest:
    monkeypatch.setenv("PTR_DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": email is not None, **({"email": email} if email else {})}
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def pengguna_demo(demo_url):
    engine = buat_engine(demo_url)
    for email, peran, opd in ((ADMIN, "admin", None), (PIMPINAN, "pimpinan", None),
                              (OPD_DINSOS, "opd", "DINSOS"), (OPERATOR, "operator", None)):  # fmt: skip
        assert tambah_pengguna(engine, email, peran, opd, "uji")[0]
    return demo_url


def test_signed_out_visitor_sees_only_the_sign_in_button(monkeypatch, pengguna_demo):
    at = _app(monkeypatch, pengguna_demo, None)
    assert [b.label for b in at.button] == ["Masuk"] and not at.metric


def test_unknown_account_is_told_to_ask_the_admin(monkeypatch, pengguna_demo):
    at = _app(monkeypatch, pengguna_demo, "orang@luar.id")
    assert "belum terdaftar" in _teks(at) and not at.metric


def test_opd_user_who_edits_the_query_string_to_another_opd_sees_only_their_own(monkeypatch, pengguna_demo):
    at = _app(monkeypatch, pengguna_demo, OPD_DINSOS, opd="DISNAKER")
    at.switch_page("pages/opd.py").run()
    assert not at.exception
    assert at.selectbox(key="opd").options == ["Dinas Sosial"]
    assert "Dinas Sosial — " in _teks(at) and "Dinas Tenaga Kerja" not in _teks(at)


def test_operator_cannot_open_the_dashboard_pages(monkeypatch, pengguna_demo):
    at = _app(monkeypatch, pengguna_demo, OPERATOR)
    assert at.title[0].value == "Unggah Data"
    with pytest.raises(ValueError, match="Known pages: .*unggah.*riwayat.*metodologi"):
        at.switch_page("pages/ringkasan.py")


def test_the_claims_case_list_is_for_programme_staff_only_and_never_names_a_worker_to_an_operator(
    monkeypatch, pengguna_demo
):
    # The Walikota sees the benefits' figures but no case; an operator sees the cases with names hidden and the NIK
    # masked; an admin sees names (the NIK still masked until revealed).
    dilihat = {}
    for email in (PIMPINAN, OPERATOR, ADMIN):
        at = _app(monkeypatch, pengguna_demo, email)
        at.switch_page("pages/manfaat.py").run()
        assert not at.exception, email
        assert "Manfaat sejak awal program" in [m.label for m in at.metric]
        dilihat[email] = at.dataframe[-1].value if "Daftar kasus" in _teks(at) else None
    assert dilihat[PIMPINAN] is None
    assert set(dilihat[OPERATOR]["Nama"]) == {"(disembunyikan)"}
    assert dilihat[OPERATOR]["NIK"].str.contains("••••").all() and dilihat[ADMIN]["NIK"].str.contains("••••").all()
    assert "(disembunyikan)" not in set(dilihat[ADMIN]["Nama"])


def test_sign_in_is_recorded_in_the_audit_trail(monkeypatch, pengguna_demo):
    _app(monkeypatch, pengguna_demo, PIMPINAN)
    jejak = jejak_audit(buat_engine(pengguna_demo))
    assert ((jejak["email"] == PIMPINAN) & (jejak["aksi"] == "masuk")).any()


JAHAT = "x'); DROP TABLE asn; --"


def test_sql_metacharacters_in_every_filter_and_text_input_change_nothing(monkeypatch, pengguna_demo):
    at = _app(monkeypatch, pengguna_demo, ADMIN, bulan=JAHAT, jenis=JAHAT, kecamatan=JAHAT, opd=JAHAT)
    for halaman in ("ringkasan", "opd", "kecamatan", "iuran", "pengguna"):
        at.switch_page(f"pages/{halaman}.py").run()
        assert not at.exception, halaman
    engine = buat_engine(pengguna_demo)
    assert cari_pengguna(engine, ADMIN) is not None
    assert len(muat_data(engine).asn) == 16_000


def test_a_name_with_sql_metacharacters_is_stored_as_written(engine):
    from ptr_core.impor import impor
    from tests.factory import A

    assert (
        impor(
            engine, "asn", f'nip,nama,kode_opd,status\n{A},"{JAHAT}",DINSOS,PNS\n'.encode(), "r.csv", settings=SETTINGS
        ).baru
        == 1
    )
    assert muat_data(engine).asn["nama"].tolist() == [JAHAT]


def test_kecamatan_detail_only_for_its_own_kecamatan_opd():
    data = dunia([pekerja(1, NIP_A)], [bayar(1, "2025-01")], asn=[asn(NIP_A, "KEC-01")])
    m = ke_indeks("2025-01")
    ik = agregat(data, "2025-01")
    kel = hitung(data, Settings(), m).kelurahan.merge(
        data.pekerja[["kode_kelurahan", "nama_kelurahan"]].drop_duplicates()
    )
    camat = Akses("camat@x.id", "opd", "KEC-01", "33.74.01")
    # Decided where access is decided (the Kecamatan page asks before it reads the kecamatan's rows).
    assert camat.boleh_kecamatan("33.74.01")
    assert rincian_kecamatan(ik, kel, m, "33.74.01")["opd"]["pekerja_aktif"].tolist() == [1]
    assert not camat.boleh_kecamatan("33.74.02")
    assert not Akses("dinsos@x.id", "opd", "DINSOS").boleh_kecamatan("33.74.01")


@pytest.mark.parametrize("email", [ADMIN, PIMPINAN, OPD_DINSOS, OPERATOR])
def test_each_signed_in_role_can_open_exactly_its_pages(monkeypatch, pengguna_demo, email):
    at = _app(monkeypatch, pengguna_demo, email)
    siapa = cari_pengguna(buat_engine(pengguna_demo), email)
    for halaman in akses_m.HALAMAN_PERAN:
        if siapa.boleh_halaman(halaman):
            at.switch_page(f"pages/{halaman}.py").run()
            assert not at.exception, (email, halaman)
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(f"pages/{halaman}.py")
