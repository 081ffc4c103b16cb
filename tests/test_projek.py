"""House rules that keep the project honest: lint, types, a UI-free core, and CI running the README's command."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ptr_core_never_imports_streamlit():
    pelanggar = [
        p.name
        for p in (ROOT / "ptr_core").rglob("*.py")
        if re.search(r"^\s*(import|from) streamlit", p.read_text(), re.M)
    ]
    assert pelanggar == []


def test_ci_runs_exactly_the_readme_test_command():
    blok = re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())
    perintah_tes = blok[1]
    assert "pytest" in perintah_tes
    assert perintah_tes in (ROOT / ".ci" / "run").read_text().splitlines()


def test_code_is_ruff_clean():
    hasil = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stdout


def test_the_code_is_type_clean():
    """mypy over what pyproject.toml names (ptr_core, ui, pages, dashboard.py): the summary --json contract is a set
    of TypedDicts and a month index is `IndeksBulan`, so a misspelt key or a 'YYYY-MM' passed as a month index fails
    here. Its cache (.mypy_cache, ignored by git) makes a second run take seconds."""
    hasil = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr


def test_pages_holds_only_the_pages_of_the_navigation_and_nothing_imports_streamlits_internals():
    from ui.navigasi import HALAMAN

    assert sorted(p.stem for p in (ROOT / "pages").glob("*.py")) == sorted(nama for nama, _, _ in HALAMAN)
    pribadi = [
        str(p.relative_to(ROOT))
        for folder in ("ptr_core", "pages", "ui")
        for p in (ROOT / folder).rglob("*.py")
        if re.search(r"^\s*(import|from) streamlit\.(runtime|web|elements|commands)", p.read_text(), re.M)
    ]
    assert pribadi == [] and not (ROOT / "dashboard.py").read_text().count("streamlit.runtime")


def test_the_long_test_files_handed_out_first_are_test_files():
    from tests.conftest import LAMA

    assert [nama for nama in LAMA if not (ROOT / "tests" / f"{nama}.py").exists()] == []
