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
PAGE_BUDGET = 600_000  # bytes of a page's own HTML (figure data over 4 kB and PNG figures are files of their own)
SPEC_BUDGET = 2_000_000  # bytes of figure data (spec files) one page fetches as its figures come into view

# What a page pulls, shared assets included (bytes are deterministic: no browser needed).
TEXT_PAGE_OVER_TEMPLATE = 1.10   # a page without figures or maths: at most the stock template + 10 %
READ_ALL_BUDGET = 8_500_000      # any page read to the end: HTML, assets, MathJax, figure data, plotly bundles
BUNDLES = {"cartesian": "plotly-cartesian.min.js", "gl3d": "plotly-gl3d.min.js", "full": "plotly.min.js"}
_REF = re.compile(r'<(?:script[^>]*?\ssrc|link[^>]*?\shref|img[^>]*?\ssrc)="([^"#]+)"[^>]*>')


def page_pull(page, root) -> dict:
    """Bytes a first visit to ``page`` fetches: ``initial`` (the HTML and every script, stylesheet,
    icon and image it names; MathJax's entry file where the page loads it) and ``read_all`` (plus
    every figure's spec file and the plotly bundles its figures name). Files outside the book
    (a CDN) count 0 here; test_pages_load_nothing_from_a_cdn... forbids them."""
    import os

    text = page.read_text(encoding="utf-8")
    files = set()
    for m in _REF.finditer(text):
        tag, ref = m.group(0), m.group(1)
        if ref.startswith(("data:", "http:", "https:", "mailto:")):
            continue
        if tag.startswith("<link") and not re.search(r'rel="(stylesheet|preload|icon|shortcut icon)"', tag):
            continue
        files.add(os.path.normpath(page.parent / ref.split("?")[0]))
    initial = len(text.encode()) + sum(os.path.getsize(f) for f in files if os.path.isfile(f))
    lazy = set()
    specs = {os.path.normpath(page.parent / ref)
             for ref in re.findall(r'class="dmnlab-spec"[^>]*data-src="([^"]+)"', text)}
    lazy |= specs
    for ref in re.findall(r'var src = "([^"]*mathjax/[^"]+\.js)"', text):  # MathJax, loaded when maths is near
        lazy.add(os.path.normpath(page.parent / ref))
    for b in set(re.findall(r'data-plotly="(\w+)"', text)):
        if b in BUNDLES:
            lazy.add(str(root / "_static" / "vendor" / BUNDLES[b]))
    read_all = initial + sum(os.path.getsize(f) for f in lazy - files if os.path.isfile(f))
    return {"initial": initial, "read_all": read_all,
            "specs": sum(os.path.getsize(f) for f in specs if os.path.isfile(f)),
            "missing": sorted(f for f in files | lazy if not os.path.isfile(f))}


@pytest.fixture(scope="module")
def template_pull(tmp_path_factory):
    """The same count on the stock Jupyter Book template's intro page, built with this toolchain."""
    import pathlib

    tmp = tmp_path_factory.mktemp("stock")
    jb = pathlib.Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(jb), "create", str(tmp / "stock")], check=True, capture_output=True)
    subprocess.run([str(jb), "build", str(tmp / "stock"), "--quiet"], check=True, capture_output=True)
    html = tmp / "stock" / "_build" / "html"
    return page_pull(html / "intro.html", html)


def test_page_budget_counts_the_shared_assets_a_page_pulls(built_book, template_pull):
    """Text pages pull no more than the stock template plus 10 %; any page, read to the end with
    every figure drawn, stays within READ_ALL_BUDGET; nothing a page names is missing."""
    limit = TEXT_PAGE_OVER_TEMPLATE * template_pull["initial"]
    pages = [p for p in built_book.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) > 10
    for page in pages:
        rel = page.relative_to(built_book)
        text = page.read_text(encoding="utf-8")
        pull = page_pull(page, built_book)
        assert pull["missing"] == [], f"{rel} names files that are not in the book: {pull['missing'][:3]}"
        if "data-plotly=" not in text and "mathjax/" not in text:
            assert pull["initial"] <= limit, (
                f"{rel}: {pull['initial'] / 1e6:.2f} MB on a first visit, the template's intro "
                f"{template_pull['initial'] / 1e6:.2f} MB (+10 % = {limit / 1e6:.2f} MB)")
        assert pull["specs"] <= SPEC_BUDGET, f"{rel}: {pull['specs'] / 1e6:.2f} MB of figure data"
        assert pull["read_all"] <= READ_ALL_BUDGET, f"{rel}: {pull['read_all'] / 1e6:.2f} MB read to the end"


def test_page_pull_counts_what_a_page_names(tmp_path):
    """The counter itself: scripts, stylesheets, spec files and the named plotly bundle count."""
    (tmp_path / "_static" / "vendor").mkdir(parents=True)
    (tmp_path / "_static" / "vendor" / "plotly-cartesian.min.js").write_bytes(b"x" * 1000)
    (tmp_path / "a.js").write_bytes(b"x" * 100)
    (tmp_path / "s.css").write_bytes(b"x" * 10)
    (tmp_path / "spec.js").write_bytes(b"x" * 50)
    page = tmp_path / "p.html"
    page.write_text('<script src="a.js?v=1"></script><link rel="stylesheet" href="s.css" />'
                    '<link rel="next" href="a.js" />'
                    '<figure data-plotly="cartesian"><script type="application/json" class="dmnlab-spec" data-key="k" '
                    'data-src="spec.js"></script></figure>')
    n = len(page.read_text().encode())
    assert page_pull(page, tmp_path) == {"initial": n + 110, "read_all": n + 110 + 50 + 1000, "specs": 50,
                                         "missing": []}


def test_every_notebook_has_its_page(built_book):
    for nb in NOTEBOOKS:
        assert (built_book / "notebooks" / f"{nb.stem}.html").exists(), nb.name
    for page in ("index", "data", "glossary", "bibliography", "license", "cite", "status", "instructor"):
        assert (built_book / f"{page}.html").exists(), page


def test_exercises_are_numbered_per_chapter(built_book):
    """A chapter's text says "exercise 2"; its boxes and the solutions' links must say the same."""
    seen = 0
    for nb in NOTEBOOKS:
        page = (built_book / "notebooks" / f"{nb.stem}.html").read_text()
        nums = [int(n) for n in re.findall(r'<span class="caption-number">Exercise (\d+) </span>', page)]
        assert nums == list(range(1, len(nums) + 1)), (nb.stem, nums)
        links = {int(n) for n in re.findall(r'href="#ex-[^"]*">\s*Exercise (\d+)\b', page)}
        assert links <= set(nums), (nb.stem, sorted(links - set(nums)))
        seen += len(nums)
    assert seen > 40, f"only {seen} exercises found in the chapters"


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
    # plotly.js is served locally (the full bundle and the partial ones), never inlined, and no page
    # loads it up front: the figure runtime fetches the bundle a figure names when it is needed
    for name in BUNDLES.values():
        assert (built_book / "_static" / "vendor" / name).exists(), name
    for page in built_book.rglob("*.html"):
        text = page.read_text()
        assert not re.search(r'<script[^>]*src="[^"]*plotly[-\w.]*\.js', text), page.name
        assert "Plotly=" not in text


def test_static_assets_are_local(built_book):
    v = built_book / "_static" / "vendor"
    for f in ("require.js", "embed-amd.js", "mathjax/tex-mml-chtml.js", "dmnlab_demo.js"):
        assert (v / f).exists(), f
    conf = (built_book / "notebooks" / "00_start_here.html").read_text()
    assert "dmnlab-demo" in conf and "dmnlab-spec" in conf, "the demo rendered as a static figure"
    assert "vendor/dmnlab_demo.js" in conf
    intro = (built_book / "intro.html").read_text()
    assert "dmnlab_demo.js" not in intro and "mathjax/" not in intro and "searchindex.js" not in intro
    # the theme's icons come from its CSS with a font cut to the book's icons, not from fontawesome.js
    assert "fontawesome.js" not in intro and "fa-solid-900.dmnlab.woff" in intro
    assert (built_book / "_static" / "vendor" / "fa-solid-900.dmnlab.woff").stat().st_size < 20_000


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
