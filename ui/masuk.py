"""Who is looking: sign-in with `[auth]` configured (the role from the pengguna table), the local mode and its
key without it, and the viewer of this run for the pages."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from ptr_core.akses import Akses, cari_pengguna, kunci_lokal, mode_lokal
from ptr_core.audit import catat
from ptr_core.demo import ada_data_asli
from ui.data import engine, settings


def _login_diatur() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _berhenti_tanpa_navigasi() -> NoReturn:
    """Stop a screen shown before the viewer has a role (sign-in, an unregistered account, the local key refused).
    Until st.navigation has run once in the server process, Streamlit lists the files of pages/ in the sidebar:
    the pages are declared here, hidden."""
    from ui.navigasi import HALAMAN

    st.navigation([st.Page(f"pages/{nama}.py", title=judul, url_path=nama) for nama, judul, _ in HALAMAN],
                  position="hidden")  # fmt: skip
    st.stop()


def akses() -> Akses:
    """The viewer of this run. With `[auth]` configured: the signed-in user's role from the pengguna table.
    Without it: the local mode (the embedded default), which serves real data to this machine only."""
    e = engine()
    if _login_diatur():
        if not st.user.is_logged_in:
            st.title("PTR Kota Semarang")
            st.markdown("Dasbor program **PNS Peduli Pekerja Rentan**. Silakan masuk dengan akun kantor Anda.")
            st.button("Masuk", type="primary", on_click=st.login)
            _berhenti_tanpa_navigasi()
        klaim = settings().klaim_nip
        email = st.user.get("email")
        siapa = cari_pengguna(
            e, email if isinstance(email, str) else None, str(st.user.get(klaim) or "") if klaim else None
        )
        if siapa is None:
            st.error(
                "Akun Anda belum terdaftar di dasbor ini. ASN: alamat email Anda belum ada di roster ASN aktif; minta "
                "bagian kepegawaian OPD Anda mencantumkannya. Staf: hubungi admin program (sekretariat PTR)."
            )
            st.button("Keluar", on_click=st.logout)
            _berhenti_tanpa_navigasi()
        if not st.session_state.get("_masuk_dicatat"):
            catat(e, siapa.email, "masuk", siapa.peran)
            st.session_state["_masuk_dicatat"] = True
        return siapa
    asli = ada_data_asli(e)
    kunci = kunci_lokal(settings().kunci_lokal) if asli else ""
    if asli and not st.session_state.get("_kunci_lokal"):
        _umumkan_kunci(kunci)
    boleh, pesan = mode_lokal(st.query_params.get("kunci") or st.session_state.get("_kunci_lokal"), kunci, asli)
    if not boleh:
        st.error(pesan)
        _berhenti_tanpa_navigasi()
    if asli:
        # Kept in the session and in the address, so that a reload of this tab stays open.
        st.session_state["_kunci_lokal"] = st.query_params["kunci"] = kunci
    return Akses("lokal", "admin", lokal=True)


@st.cache_resource(show_spinner=False)
def _umumkan_kunci(kunci: str) -> None:
    """Once per server process: the keyed address on the server's terminal, as Jupyter prints its token."""
    port = st.get_option("server.port")
    print(f"PTR mode lokal berisi data asli: buka http://localhost:{port}/?kunci={kunci}", flush=True)


def pengguna() -> Akses:
    """The viewer as dashboard.py established it for this run."""
    return st.session_state["_akses"]
