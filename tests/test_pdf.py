"""The printable book: every page of the book, interactive figures as images, offline."""

import subprocess
import sys

import pytest

from conftest import NOTEBOOKS, ROOT

pytestmark = [pytest.mark.book, pytest.mark.browser, pytest.mark.slow]


def test_pdf_has_every_chapter(built_book):
    from pypdf import PdfReader

    r = subprocess.run([sys.executable, str(ROOT / "tools" / "build_pdf.py")], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    pdf = ROOT / "book" / "_build" / "pdf" / "default-mode.pdf"
    reader = PdfReader(str(pdf))
    titles = [o.title for o in reader.outline if hasattr(o, "title")]
    assert len(titles) >= len(NOTEBOOKS) + 5
    assert any(t.startswith("0. Start here") for t in titles), titles
    text = "".join(reader.pages[i].extract_text() for i in range(min(len(reader.pages), 15)))
    assert "988" in text
    # figures became images: the chapter pages carry image XObjects
    n_images = sum(len(pg.images) for pg in reader.pages)
    assert n_images >= len(NOTEBOOKS)
