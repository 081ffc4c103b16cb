"""Role `asn` (issue 17): every ASN active in the roster signs in without being registered, recognised by the
roster's email column (or by NIP from an ID-token claim), and sees only their own workers on Pekerja Saya."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ptr_core.akses import ASN, cari_pengguna, tambah_pengguna
from ptr_core.audit import jejak_audit
from ptr_core.db import buat_engine, migrasi
from ptr_core.impor import Mode, impor
from tests.aplikasi import teks
from tests.factory import FILES, ROOT, SETTINGS, A, B, W, kota_kecil

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "ptr",
    "client_secret": "rahasia",
    "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
}
EMAIL_A, EMAIL_B = "ani@dinsos.semarangkota.go.id", "budi@dinsos.semarangkota.go.id"


def _roster_dengan_email(engine) -> None:
    # The roster again with an email column (as BKD exports it, any case): A and B get their addresses.
    baris = FILES["asn"].splitlines()
    isi = "\n".join([baris[0] + ",Email", baris[1] + f",{EMAIL_A.upper()}", baris[2] + f",{EMAIL_B}", *baris[3:]])
    hasil = impor(engine, "asn", (isi + "\n").encode(), "roster-email.csv", settings=SETTINGS)
    assert (hasil.diubah, hasil.ditolak) == (2, 0), hasil.masalah


def test_an_active_asn_is_recognised_by_the_rosters_email_or_by_nip(engine):
    kota_kecil(engine)
    assert cari_pengguna(engine, EMAIL_A) is None  # no email in the roster yet
    _roster_dengan_email(engine)
    siapa = cari_pengguna(engine, EMAIL_A)
    assert (siapa.peran, siapa.nip, siapa.kode_opd) == (ASN, A, "DINSOS")
    assert cari_pengguna(engine, "siapa.saja@gmail.com", nip=B).nip == B  # the provider's NIP claim
    assert siapa.boleh_halaman("pekerja_saya") and not siapa.boleh_halaman("opd") and not siapa.boleh_opd("DINSOS")
    # A registered user's role comes first; an ASN no longer in the roster is no one.
    assert tambah_pengguna(engine, EMAIL_B, "pimpinan", None, "uji")[0]
    assert cari_pengguna(engine, EMAIL_B).peran == "pimpinan"
    roster_tanpa_a = "\n".join(line for line in FILES["asn"].splitlines() if not line.startswith(A)) + "\n"
    assert impor(
        engine, "asn", roster_tanpa_a.encode(), "roster-baru.csv", roster_lengkap=True, settings=SETTINGS
    ).unggahan_id
    assert cari_pengguna(engine, EMAIL_A) is None


def test_a_roster_without_the_email_column_keeps_the_stored_addresses(engine):
    kota_kecil(engine)
    _roster_dengan_email(engine)
    ulang = FILES["asn"].replace("Ani", "Ani Suryani")  # the monthly roster, without emails
    hasil = impor(engine, "asn", ulang.encode(), "roster-bulanan.csv", settings=SETTINGS)
    assert (hasil.diubah, hasil.ditolak) == (1, 0)
    assert cari_pengguna(engine, EMAIL_A).nip == A


def test_an_address_that_is_not_one_is_rejected_on_its_row(engine):
    kota_kecil(engine)
    isi = "nip,nama,kode_opd,status,email\n" + FILES["asn"].splitlines()[1] + ",ani(at)dinsos\n"
    [m] = impor(engine, "asn", isi.encode(), "r.csv", mode=Mode.PERIKSA, settings=SETTINGS).masalah
    assert (m.baris, m.kolom) == (2, "email") and "bukan alamat email" in m.pesan


@pytest.fixture
def kota_asn(tmp_path) -> str:
    """The small city on a SQLite file, its roster carrying A's and B's sign-in addresses; its URL."""
    url = f"sqlite:///{tmp_path / 'ptr.db'}"
    engine = buat_engine(url)
    migrasi(engine)
    kota_kecil(engine)
    _roster_dengan_email(engine)
    engine.dispose()
    return url


def _app(monkeypatch, url: str, email: str) -> AppTest:
    monkeypatch.setenv("PTR_DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email}
    at.run()
    assert not at.exception, at.exception
    return at


def test_an_asn_signs_in_to_pekerja_saya_and_sees_only_their_own_workers(monkeypatch, kota_asn):
    url = kota_asn
    # March 2025 (the small city's last month): A sponsors W1 (paid January-March) and W2 (paid March); B sponsors
    # W3, who owes February and March. A sees W1 and W2 with their full NIK, never W3.

    at = _app(monkeypatch, url, EMAIL_A)
    assert at.title[0].value == "Pekerja Saya"
    tabel = at.dataframe[0].value
    assert sorted(tabel["NIK"]) == [W[1], W[2]] and set(tabel["Status"]) == {"aktif"}
    assert W[3] not in teks(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/opd.py")
    at.switch_page("pages/metodologi.py").run()
    assert not at.exception

    b = _app(monkeypatch, url, EMAIL_B)
    assert [m.value for m in b.metric][:3] == ["0", "1", "Rp33.600"]  # W3: menunggak, February and March owed
    assert "Februari 2025, Maret 2025" in teks(b) and W[1] not in teks(b)


def test_a_worker_paid_up_for_the_set_number_of_months_earns_the_sponsor_a_certificate(monkeypatch, kota_asn):
    url = kota_asn
    # W1 is paid up for January-March 2025: with the certificate after 3 months, A may print one for W1 only.

    monkeypatch.setenv("PTR_BULAN_PIAGAM", "3")
    at = _app(monkeypatch, url, EMAIL_A)
    assert [b.proto.label for b in at.get("download_button") if "Piagam" in b.proto.label] == ["Piagam: Wati"]


def test_an_asn_submits_a_worker_staff_approve_and_the_worker_appears_in_pekerja_saya(monkeypatch, kota_asn):
    url, engine = kota_asn, buat_engine(kota_asn)
    # The whole journey in the app (AppTest): A fills Daftarkan Pekerja; the operator sees it pending with the NIK
    # masked, approves it with its KPJ; A finds the worker in Pekerja Saya, registered today.
    from tests.aplikasi import buka

    assert tambah_pengguna(engine, "staf@semarangkota.go.id", "operator", None, "uji")[0]
    nik = "3374015506880001"  # a woman born 15 June 1988

    at = buka(_app(monkeypatch, url, EMAIL_A), "daftarkan")
    at.text_input(key="daftar_nik").input(nik).run()
    assert "Dari NIK: Perempuan, lahir 15 Juni 1988." in [c.value for c in at.caption]
    at.text_input(key="daftar_nama").input("Sri Wahyuni")
    at.selectbox(key="daftar_kerja").select("Penjahit")
    at.selectbox(key="daftar_kelurahan").select("33.74.01.1002")
    at.text_input(key="daftar_telepon").input("0812 3456 7890")
    at.button(key="daftar_ajukan").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "menunggu verifikasi" in at.success[0].value
    saya = buka(_app(monkeypatch, url, EMAIL_A), "pekerja_saya")
    assert "menunggu verifikasi" in saya.dataframe[0].value["Status"].tolist()

    staf = buka(_app(monkeypatch, url, "staf@semarangkota.go.id"), "verifikasi")
    isi = teks(staf)
    assert "Sri Wahyuni" in isi and "3374••••••••0001" in isi and nik not in isi
    nomor = next(b.key for b in staf.button if b.key and b.key.startswith("setujui_")).removeprefix("setujui_")
    staf.text_input(key=f"kpj_{nomor}").input("25012345678")
    staf.button(key=f"setujui_{nomor}").click().run()
    assert not staf.exception and "disetujui" in staf.success[0].value, [e.value for e in staf.error]
    assert "Tidak ada pendaftaran yang menunggu verifikasi." in teks(staf)

    saya = buka(_app(monkeypatch, url, EMAIL_A), "pekerja_saya")
    tabel = saya.dataframe[0].value
    assert nik in tabel["NIK"].tolist() and "menunggak" in tabel["Status"].tolist()


def test_a_rejection_reaches_the_asn_with_its_reason(monkeypatch, kota_asn):
    url, engine = kota_asn, buat_engine(kota_asn)
    from ptr_core.pengajuan import Ajuan, ajukan
    from tests.aplikasi import buka

    ani = cari_pengguna(engine, EMAIL_A)
    assert ajukan(engine, ani, Ajuan("3374015506880001", "Sri", "Penjahit", "33.74.01.1002", "081234567890"))[0]
    assert tambah_pengguna(engine, "admin@semarangkota.go.id", "admin", None, "uji")[0]
    staf = buka(_app(monkeypatch, url, "admin@semarangkota.go.id"), "verifikasi")
    assert "3374015506880001" in teks(staf)  # the admin sees the NIK whole
    nomor = next(b.key for b in staf.button if b.key and b.key.startswith("tolak_")).removeprefix("tolak_")
    staf.button(key=f"tolak_{nomor}").click().run()
    assert "alasan penolakan" in staf.error[0].value  # a reason is required
    staf.text_input(key=f"alasan_{nomor}").input("Nomor telepon tidak aktif; mohon perbarui.")
    staf.button(key=f"tolak_{nomor}").click().run()
    assert "ditolak" in staf.success[0].value
    saya = buka(_app(monkeypatch, url, EMAIL_A), "pekerja_saya").dataframe[0].value
    assert saya[["Status", "Alasan"]].values.tolist() == [["ditolak", "Nomor telepon tidak aktif; mohon perbarui."]]


def test_an_asn_who_knows_no_worker_reserves_a_candidate_and_registers_them(monkeypatch, kota_asn):
    url, engine = kota_asn, buat_engine(kota_asn)
    # A kelurahan's list of two candidates. A opens "Cari calon pekerja": both offered, names masked; A reserves
    # one, sees the name and NIK whole, fills the form from it, adds the phone, submits. B is no longer offered it.
    from tests.aplikasi import buka

    calon = ("nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,sumber\n"
             "3374015506880001,Sri Wahyuni,P,Penjahit,33.74.01.1002,Data kelurahan\n"
             "3374020303910005,Sugeng Riyadi,L,Tukang las,33.74.02.1001,Data kelurahan\n")  # fmt: skip
    assert impor(engine, "calon", calon.encode(), "calon.csv", settings=SETTINGS).baru == 2
    at = buka(_app(monkeypatch, url, EMAIL_A), "daftarkan")
    at.get("button_group")[0].set_value("Cari calon pekerja").run()
    isi = teks(at)
    assert "S•• W••••••" in isi and "S••••• R•••••" in isi and "Sri Wahyuni" not in isi
    tombol = [b for b in at.button if b.key and b.key.startswith("pesan_")]
    assert len(tombol) == 2
    baris = [m.value for m in at.markdown if " · " in m.value]  # one line per candidate, in the buttons' order
    tombol[next(i for i, m in enumerate(baris) if "S•• W" in m)].click().run()
    assert not at.exception and "Calon dipesan untuk Anda" in at.success[0].value
    assert "**Sri Wahyuni**, NIK 3374015506880001" in teks(at)
    at.button(key="calon_isi").click().run()
    assert (at.text_input(key="daftar_nik").value, at.text_input(key="daftar_nama").value) == (
        "3374015506880001", "Sri Wahyuni"
    )  # fmt: skip
    assert (at.selectbox(key="daftar_kelurahan").value, at.selectbox(key="daftar_kerja").value) == (
        "33.74.01.1002", "Penjahit"
    )  # fmt: skip
    at.text_input(key="daftar_telepon").input("081234567890")
    at.button(key="daftar_ajukan").click().run()
    assert not at.error and "menunggu verifikasi" in at.success[0].value, [e.value for e in at.error]
    assert "Calon yang Anda pesan" not in teks(at)

    b = buka(_app(monkeypatch, url, EMAIL_B), "daftarkan")
    b.get("button_group")[0].set_value("Cari calon pekerja").run()
    assert "S•• W••••••" not in teks(b) and "S••••• R•••••" in teks(b)


def test_a_worker_turning_65_soon_is_named_to_the_sponsor_and_listed_for_staff(monkeypatch, kota_asn):
    # A worker of A's born 65 years before a day 30 days from now: A reads a notice on Pekerja Saya, and the admin
    # finds the worker in the list on Verifikasi Pendaftaran, the NIK masked until revealed (one audit row).
    import datetime as dt

    from tests.aplikasi import buka

    engine = buat_engine(kota_asn)
    ulang = dt.date.today() + dt.timedelta(days=30)
    ulang += dt.timedelta(days=(ulang.month, ulang.day) == (2, 29))  # a birthday that exists 65 years earlier
    lahir = ulang.replace(year=ulang.year - 65)
    nik = f"337401{lahir:%d%m%y}0077"
    berkas = ("nik,nama,jenis_kelamin,pekerjaan,kode_kelurahan,nomor_kpj,nip_sponsor,tanggal_daftar,tanggal_berhenti\n"
              f"{nik},Mbah Darmo,L,Petani,33.74.01.1001,,{A},2025-03-01,\n")  # fmt: skip
    assert impor(engine, "pekerja", berkas.encode(), "pekerja.csv", settings=SETTINGS).baru == 1
    at = _app(monkeypatch, kota_asn, EMAIL_A)
    assert [i.value for i in at.info if "Mbah Darmo" in i.value][0].startswith("**Mbah Darmo** akan berusia 65")
    assert tambah_pengguna(engine, "admin@semarangkota.go.id", "admin", None, "uji")[0]
    staf = buka(_app(monkeypatch, kota_asn, "admin@semarangkota.go.id"), "verifikasi")
    [daftar] = [e for e in staf.expander if "usia 65" in e.label]
    assert daftar.label == "1 pekerja mencapai usia 65 tahun dalam 3 bulan"
    assert daftar.dataframe[0].value["NIK"].tolist() == ["3374••••••••0077"]
    staf.toggle(key="tua_nik").set_value(True).run()
    [daftar] = [e for e in staf.expander if "usia 65" in e.label]
    assert daftar.dataframe[0].value["NIK"].tolist() == [nik]
    staf.toggle(key="tua_nik").set_value(False).run()
    [daftar] = [e for e in staf.expander if "usia 65" in e.label]
    assert daftar.dataframe[0].value["NIK"].tolist() == ["3374••••••••0077"]
    assert jejak_audit(engine).query("aksi == 'buka_nik'")["rincian"].tolist() == ["Menjelang usia 65"]
