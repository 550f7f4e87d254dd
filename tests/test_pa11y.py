"""A second accessibility checker: pa11y 10 (HTML_CodeSniffer, WCAG 2 AA) on every page of the
built book, every figure drawn, against the stock Jupyter Book template built with the same
toolchain. A page may not have more errors than the template's intro page (the goal, reached: none).

pa11y comes from the npm registry (package.json; installed without its own browser download) and
runs Debian's chromium, as axe-core's test does.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.book]

PA11Y = ROOT / "node_modules" / ".bin" / "pa11y"


def pages():
    top = ["intro.html", "data.html", "facts.html", "glossary.html", "bibliography.html", "license.html",
           "cite.html", "status.html", "instructor.html", "search.html"]
    nbs = sorted(str(p.relative_to(ROOT / "notebooks").with_suffix(".html"))
                 for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return top + [f"notebooks/{n}" for n in nbs]


def pa11y(path: pathlib.Path, tmp: pathlib.Path) -> list:
    """pa11y's errors on one page (file://), after every dmnlab figure on it is drawn."""
    cfg = {"standard": "WCAG2AA", "runners": ["htmlcs"], "timeout": 120000,
           "chromeLaunchConfig": {"executablePath": chromium_path(),
                                  "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                           "--allow-file-access-from-files"]}}
    url = path.as_uri()
    if "data-plotly=" in path.read_text(encoding="utf-8"):
        # the page draws figures as they come near the screen; ask it to draw them all first
        url += "?dmnlab-draw=all"
        cfg["actions"] = ["wait for element html[data-dmnlab-drawn-all] to be added"]
    conf = tmp / "pa11y.json"
    conf.write_text(json.dumps(cfg))
    env = dict(os.environ, HOME=str(tmp), PUPPETEER_SKIP_DOWNLOAD="1")
    r = subprocess.run([str(PA11Y), "--config", str(conf), "--reporter", "json", url],
                       capture_output=True, text=True, timeout=300, env=env)
    if r.returncode not in (0, 2):  # 2: issues were found
        raise AssertionError(f"pa11y failed on {path.name}: {r.stdout[-1500:]} {r.stderr[-1500:]}")
    issues = json.loads(r.stdout or "[]")
    return [i for i in issues if i.get("type") == "error"]


@pytest.fixture(scope="module")
def template_errors(tmp_path_factory):
    """The stock Jupyter Book template (`jupyter-book create`) built with this environment."""
    tmp = tmp_path_factory.mktemp("stock")
    jb = pathlib.Path(sys.executable).with_name("jupyter-book")
    book = tmp / "stock"
    subprocess.run([str(jb), "create", str(book)], check=True, capture_output=True)
    subprocess.run([str(jb), "build", str(book), "--quiet"], check=True, capture_output=True)
    errs = pa11y(book / "_build" / "html" / "intro.html", tmp)
    shutil.rmtree(book, ignore_errors=True)
    return errs


def test_pa11y_sees_errors_on_the_stock_template(template_errors):
    """The check can fail: the stock template's search form has no submit button (WCAG H32)."""
    assert template_errors, "pa11y found nothing on the stock template: is it running at all?"
    assert any("H32" in e["code"] for e in template_errors), template_errors


@pytest.mark.parametrize("rel", pages())
def test_page_has_no_more_pa11y_errors_than_the_template(built_book, template_errors, tmp_path, rel):
    page = built_book / rel
    if not page.exists():
        pytest.skip(f"{rel} is not in this book")
    errs = pa11y(page, tmp_path)
    detail = json.dumps([{k: e[k] for k in ("code", "message", "selector")} for e in errs[:12]], indent=1)
    assert len(errs) <= len(template_errors), f"{len(errs)} errors (template: {len(template_errors)}):\n{detail}"
    assert errs == [], f"{len(errs)} pa11y errors:\n{detail}"
