"""The book builds with warnings as errors, executes every notebook, and loads nothing from a CDN."""

import json
import re
import subprocess
import sys
import textwrap

import pytest

from conftest import NOTEBOOKS, ROOT

pytestmark = pytest.mark.book

CDN = re.compile(r"(cdn\.jsdelivr|unpkg\.com|cdnjs\.|ajax\.googleapis|cdn\.plot\.ly|fonts\.googleapis|mathjax@)")
PAGE_BUDGET = 2_000_000  # bytes per page, excluding shared static assets


def test_every_notebook_has_its_page(built_book):
    for nb in NOTEBOOKS:
        assert (built_book / "notebooks" / f"{nb.stem}.html").exists(), nb.name
    for page in ("index", "data", "glossary", "bibliography", "license", "cite", "status", "instructor"):
        assert (built_book / f"{page}.html").exists(), page


def test_every_notebook_was_executed(built_book):
    times = json.loads((built_book / "_static" / "execution_times.json").read_text())
    assert set(times) == {f"notebooks/{nb.stem}" for nb in NOTEBOOKS}
    for doc, t in times.items():
        assert t["method"] in ("cache", "force", "inline"), doc


def test_pages_load_nothing_from_a_cdn_and_stay_within_budget(built_book):
    for page in built_book.rglob("*.html"):
        text = page.read_text()
        hit = CDN.search(text)
        assert hit is None, f"{page.relative_to(built_book)} references {hit.group(0)}"
        assert len(text.encode()) < PAGE_BUDGET, f"{page.name}: {len(text) / 1e6:.1f} MB"
    # one plotly.js for the whole site, served locally, never inlined
    assert (built_book / "_static" / "vendor" / "plotly.min.js").exists()
    for page in (built_book / "notebooks").glob("*.html"):
        assert page.read_text().count("Plotly=") == 0 or "plotly.min.js" in page.read_text()
        assert "vendor/plotly.min.js" in page.read_text()


def test_static_assets_are_local(built_book):
    v = built_book / "_static" / "vendor"
    for f in ("require.js", "embed-amd.js", "mathjax/tex-mml-chtml.js", "dmnlab_demo.js"):
        assert (v / f).exists(), f
    conf = (built_book / "notebooks" / "00_start_here.html").read_text()
    assert "dmnlab-demo" in conf and "dmnlab-spec" in conf, "the demo rendered as a static figure"


def test_a_build_that_skips_execution_fails(tmp_path):
    """The book extension refuses a book whose notebooks were not executed."""
    book = tmp_path / "book"
    (book / "_ext").mkdir(parents=True)
    (book / "_ext" / "dmnlab_book.py").write_text((ROOT / "book/_ext/dmnlab_book.py").read_text())
    (book / "_config.yml").write_text(textwrap.dedent("""
        title: t
        execute:
          execute_notebooks: "off"
        sphinx:
          local_extensions:
            dmnlab_book: _ext
        """))
    (book / "_toc.yml").write_text("format: jb-book\nroot: nb\n")
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "nb.ipynb")
    # the extension finds node_modules and dmnlab relative to itself; point it at the repo
    text = (book / "_ext" / "dmnlab_book.py").read_text().replace(
        'ROOT = pathlib.Path(__file__).resolve().parents[2]', f'ROOT = pathlib.Path({str(ROOT)!r})')
    (book / "_ext" / "dmnlab_book.py").write_text(text)
    jb = str(__import__("pathlib").Path(sys.executable).with_name("jupyter-book"))
    r = subprocess.run([jb, "build", str(book), "--quiet"], capture_output=True, text=True)
    out = r.stdout + r.stderr
    assert r.returncode != 0, "a book with unexecuted notebooks must not build"
    assert "was not executed" in out


def test_setup_is_skipped_when_nothing_changed():
    """`make book` run again (e.g. with the network off) does no set-up: its stamps are current."""
    r = subprocess.run(["make", "-q", "setup"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, "make setup would run again: " + r.stdout + r.stderr
