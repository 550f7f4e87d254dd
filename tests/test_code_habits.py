"""Code habits: ruff (pyflakes, pycodestyle, bugbear, pyupgrade; configured in pyproject.toml) finds
nothing in the library, the tests, the tools, the benchmarks, the book's extensions or the notebooks."""

import pathlib
import subprocess
import sys

from conftest import ROOT


def test_ruff_is_clean():
    ruff = pathlib.Path(sys.executable).with_name("ruff")
    r = subprocess.run([str(ruff), "check", "--no-cache", "src", "tests", "tools", "benchmarks", "book/_ext",
                        "notebooks"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, "ruff found problems (run `.venv/bin/ruff check` to see them):\n" + r.stdout[-4000:]


def test_ruff_checks_what_the_contributing_guide_says():
    conf = (ROOT / "pyproject.toml").read_text()
    assert 'select = ["F", "E", "W", "B", "UP"]' in conf
    assert ".venv/bin/ruff check" in (ROOT / "CONTRIBUTING.md").read_text()
