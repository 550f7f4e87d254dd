"""Shared fixtures: the repository, the built book, and a real chromium driven by Playwright."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest
from hypothesis import settings

# Timing-based deadlines are flaky on a shared 2-core machine; correctness is what we test.
settings.register_profile("course", deadline=None, max_examples=100)
settings.load_profile("course")

ROOT = pathlib.Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
HTML = BOOK / "_build" / "html"
# the chapters in order, then the appendices (A1_python_primer.ipynb)
NOTEBOOKS = (sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             + sorted((ROOT / "notebooks").glob("A[0-9]_*.ipynb")))

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--allow-file-access-from-files",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        p = shutil.which(name)
        if p:
            return p
    return None


@pytest.fixture(scope="session")
def built_book() -> pathlib.Path:
    """Build the book exactly as `make book` does (notebooks executed; warnings are errors).

    Unchanged notebooks come from the execution cache, so after `make book` this is quick.
    """
    rc = subprocess.call([sys.executable, str(ROOT / "tools" / "build_book.py")], cwd=ROOT)
    assert rc == 0, "the book build failed (see the output above)"
    assert (HTML / "index.html").exists()
    return HTML


@pytest.fixture(scope="session")
def browser():
    """A headless Debian chromium (installed by `make test-deps`) under Playwright."""
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        pytest.fail("chromium is not installed: run `make test` (it installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = ctx.new_page()
    yield pg
    ctx.close()


def offline_mode() -> str:
    return os.environ.get("DMNLAB_OFFLINE", "")
