"""Page speed as a new reader meets it: Lighthouse on the built book and on the stock template.

    .venv/bin/python benchmarks/lighthouse.py [BOOK_HTML_DIR] [--stock DIR] [--runs N] [--out FILE]

Lighthouse 12.2.3 (node_modules; 13.x needs Node 22), its default mobile preset (a mid-range
phone on a slow 4G link, simulated), Debian's chromium, pages served by a local static server
(a threaded ``http.server`` on a free port, no compression, as a plain static host would). The
same run measures the stock Jupyter Book 1 template (``jupyter-book create``), built with the same
pinned toolchain, as the reference. Each page is measured ``runs`` times (default 3) and the
median is kept, because the machine is shared and blocking time moves with its load.

Per page: performance score (0-100), first contentful paint (ms), total blocking time (ms),
largest contentful paint (ms), and the bytes transferred before the page settled (Lighthouse's
total byte weight: what the browser fetched while loading, lazily loaded figures that were not
yet near the screen excluded).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading

ROOT = pathlib.Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # no access log on stderr
        pass


@contextlib.contextmanager
def serve(directory: pathlib.Path):
    """A static server for ``directory`` on 127.0.0.1 and a free port; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise RuntimeError("chromium is needed (make test-deps installs Debian's chromium)")
    return exe


def lighthouse_once(url: str, attempts: int = 3) -> dict:
    """One Lighthouse run (performance category only); the figures this course records.

    A run that Lighthouse itself abandons (e.g. "Waiting for DevTools protocol response has
    exceeded the allotted time" on a loaded machine) is retried, up to ``attempts`` times."""
    for k in range(attempts):
        try:
            return _lighthouse_once(url)
        except RuntimeError:
            if k == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _lighthouse_once(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "report.json"
        env = dict(os.environ, CHROME_PATH=chromium(), HOME=tmp)
        cmd = [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
               f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
               "--max-wait-for-load=90000"]
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        if r.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {r.stderr[-2000:]}")
        rep = json.loads(out.read_text())
    a = rep["audits"]
    if rep.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {rep['runtimeError']}")

    def num(key):
        v = a.get(key, {}).get("numericValue")
        return None if v is None else round(float(v))

    score = rep["categories"]["performance"]["score"]
    return {"score": None if score is None else round(score * 100),
            "fcp_ms": num("first-contentful-paint"), "lcp_ms": num("largest-contentful-paint"),
            "tbt_ms": num("total-blocking-time"), "transfer_bytes": num("total-byte-weight"),
            "requests": len(a.get("network-requests", {}).get("details", {}).get("items", []))}


def lighthouse(url: str, runs: int = 3) -> dict:
    """The median of ``runs`` Lighthouse runs (each figure separately), plus the scores seen."""
    seen = [lighthouse_once(url) for _ in range(runs)]
    out = {}
    for k in seen[0]:
        vals = [s[k] for s in seen if s[k] is not None]
        out[k] = round(statistics.median(vals)) if vals else None
    out["scores_seen"] = [s["score"] for s in seen]
    out["runs"] = runs
    return out


def book_pages(html: pathlib.Path) -> list[str]:
    """The intro page and every chapter page of a built book."""
    return ["intro.html"] + sorted(str(p.relative_to(html)) for p in (html / "notebooks").glob("[0-9][0-9]_*.html"))


def stock_template(workdir: pathlib.Path) -> pathlib.Path:
    """``jupyter-book create`` then build it with this environment's jupyter-book; its HTML folder."""
    jb = pathlib.Path(sys.executable).with_name("jupyter-book")
    book = workdir / "stock"
    shutil.rmtree(book, ignore_errors=True)
    subprocess.run([str(jb), "create", str(book)], check=True, capture_output=True)
    subprocess.run([str(jb), "build", str(book), "--quiet"], check=True, capture_output=True)
    return book / "_build" / "html"


def measure(html: pathlib.Path, stock_html: pathlib.Path, runs: int = 3, log=print, pages=None) -> dict:
    """Lighthouse on the stock template's pages (the reference) and on the book's pages, one run."""
    result = {"tool": "lighthouse 12.2.3, mobile preset (simulated slow 4G, 4x CPU), chromium headless, "
                      "local static server without compression",
              "runs_per_page": runs, "reference": {}, "pages": {}}
    with serve(stock_html) as base:
        for rel in [] if pages else ["intro.html", "markdown.html", "notebooks.html", "markdown-notebooks.html"]:
            if (stock_html / rel).exists():
                result["reference"][rel] = lighthouse(f"{base}/{rel}", runs)
                log(f"  template {rel}: {result['reference'][rel]}")
    with serve(html) as base:
        for rel in pages or book_pages(html):
            result["pages"][rel] = lighthouse(f"{base}/{rel}", runs)
            log(f"  {rel}: {result['pages'][rel]}")
    ref = result["reference"].get("intro.html") or next(iter(result["reference"].values()), None)
    if ref:
        result["reference_page"] = "intro.html"
        result["goal"] = {"score_at_least": ref["score"],
                          "text_page_transfer_at_most": round(1.1 * ref["transfer_bytes"])}
        for r in result["pages"].values():
            r["meets_template_score"] = r["score"] is not None and r["score"] >= ref["score"]
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("html", nargs="?", default=str(ROOT / "book" / "_build" / "html"))
    ap.add_argument("--stock", help="an already built stock template (its _build/html); else built now")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("DMNLAB_LIGHTHOUSE_RUNS", "3")))
    ap.add_argument("--out", help="write the result as JSON here")
    ap.add_argument("--pages", nargs="*", help="only these pages of the book (paths relative to its HTML folder)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        stock = pathlib.Path(args.stock) if args.stock else stock_template(pathlib.Path(tmp))
        res = measure(pathlib.Path(args.html), stock, args.runs, pages=args.pages)
    if args.out:
        pathlib.Path(args.out).write_text(json.dumps(res, indent=1) + "\n")
    else:
        print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
