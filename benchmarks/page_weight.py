"""What a first visit to each page of the built book downloads, every shared asset included.

    .venv/bin/python benchmarks/page_weight.py [BOOK_HTML_DIR]

Each page is opened in chromium with an empty cache from a local static server (no compression):

* ``html_bytes``: the page's own HTML (the old "pages" figure of results.json);
* ``initial_bytes``: everything fetched until the page has loaded and settled with nobody
  scrolling (stylesheets, scripts, fonts, MathJax where there is maths; figures far from the top
  are not fetched yet);
* ``first_visit_bytes``: everything a reader downloads reading the whole page: the above plus
  every figure's data and plotly bundle (the page's runtime is asked to draw all its figures) and
  MathJax with its fonts where the page has maths.
"""

from __future__ import annotations

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lighthouse import book_pages, chromium, serve  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def all_pages(html: pathlib.Path) -> list[str]:
    top = sorted(p.name for p in html.glob("*.html") if p.name not in ("index.html", "genindex.html"))
    return book_pages(html) + [p for p in top if p != "intro.html"]


def settle(page, sizes: list, quiet_ms: int = 1500, limit_ms: int = 60000) -> None:
    """Wait until no request has finished for ``quiet_ms`` (a page that polls never goes
    "networkidle" in Playwright's sense, so count finished requests instead)."""
    waited, last, still = 0, -1, 0
    while waited < limit_ms and still < quiet_ms:
        page.wait_for_timeout(250)
        waited += 250
        still = still + 250 if len(sizes) == last else 0
        last = len(sizes)


def measure(html: pathlib.Path, pages: list[str] | None = None, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with serve(html) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=ARGS)
        for rel in pages or all_pages(html):
            ctx = browser.new_context(viewport={"width": 412, "height": 823})  # Lighthouse's phone
            page = ctx.new_page()
            sizes = []

            def done(req, sizes=sizes):
                try:
                    s = req.sizes()
                    sizes.append(s["responseBodySize"] + s["responseHeadersSize"])
                except Exception:
                    pass

            page.on("requestfinished", done)
            page.goto(f"{base}/{rel}", wait_until="load")
            settle(page, sizes)
            initial = sum(sizes)
            if page.evaluate("!!(window.dmnlab && window.dmnlab.drawAll)"):
                page.evaluate("window.dmnlab.drawAll()")
            if page.evaluate("!!window.dmnlabMaths"):  # MathJax loads when maths is near: load it
                page.evaluate("window.dmnlabMaths()")
            settle(page, sizes)
            out[rel] = {"html_bytes": (html / rel).stat().st_size, "initial_bytes": initial,
                        "first_visit_bytes": sum(sizes), "requests": len(sizes)}
            log(f"  {rel}: {out[rel]}")
            ctx.close()
        browser.close()
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    html = pathlib.Path(argv[0]) if argv else ROOT / "book" / "_build" / "html"
    print(json.dumps(measure(html), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
