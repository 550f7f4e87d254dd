"""`make bench`: measure what the course promises and write benchmarks/results.json.

Keys:
  notebooks            {name: seconds to execute on a fresh kernel}
  widgets              {demo: {median_ms, p95_ms, n}} over >= 30 live in-place updates (Python side)
  lab_latency_ms       {chNN.demo: {median_ms, p95_ms, n, control}}: in a real JupyterLab, a key
                       press on the demo's control until chromium has redrawn its figure
                       (benchmarks/lab_latency.py)
  pages                {page: {html_bytes, initial_bytes, first_visit_bytes}}: the page's own HTML,
                       what loading it fetches, and everything a reader downloads reading all of it,
                       every shared asset (theme, fonts, plotly bundles, MathJax, figure data)
                       included (benchmarks/page_weight.py)
  lighthouse           Lighthouse 12.2.3, mobile preset, local static server: per page score, first
                       contentful paint, total blocking time, transfer; the stock Jupyter Book
                       template built with the same toolchain is the reference
                       (benchmarks/lighthouse.py)
  hub                  a class on a real JupyterHub (benchmarks/hub.py)
  live_update_speedup  full re-render time / in-place update time, same demo, same run
  course_seconds       total notebook execution time
  network_model        chapter 7: linear (Lyapunov) vs neurolib cost and FC agreement

    tools/offline.sh .venv/bin/python benchmarks/run.py [--only lighthouse,pages,...]

builds the book first if needed (tools/build_book.py: unchanged notebooks come from its cache).
With --only, the other keys of results.json are kept from the last run.
"""

from __future__ import annotations

import importlib
import json
import os
import pathlib
import pkgutil
import statistics
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results.json"


def time_notebooks() -> dict:
    import nbformat
    from nbclient import NotebookClient

    out = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        t0 = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        out[path.stem] = round(time.perf_counter() - t0, 2)
        print(f"  {path.stem}: {out[path.stem]:.1f} s", flush=True)
    return out


def all_demos():
    import dmnlab.demos

    for m in sorted(pkgutil.iter_modules(dmnlab.demos.__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"dmnlab.demos.{m.name}")
        if hasattr(mod, "demos"):
            for d in mod.demos():
                yield f"{m.name}.{d.name}", d


def time_widgets(n: int = 40) -> tuple[dict, dict]:
    import plotly.graph_objects as go
    import plotly.io as pio

    widgets, speedups = {}, {}
    rng = np.random.default_rng(1)
    for name, demo in all_demos():
        w = demo.widget()
        grids = {c.name: c.grid() for c in demo.controls}
        times, full = [], []
        for i in range(n):
            c = demo.controls[i % len(demo.controls)]
            g = grids[c.name]
            v = g[int(rng.integers(len(g)))]
            times.append(demo.set(**{c.name: v}) * 1000)
            if i < 10:  # the alternative: build and serialise a whole new figure
                t0 = time.perf_counter()
                fig = demo.figure()
                upd = demo.evaluate(**w.values())
                from dmnlab.interact import _apply

                _apply(fig, upd, demo.lookups)
                go.FigureWidget(fig)
                pio.to_json(fig)
                full.append((time.perf_counter() - t0) * 1000)
        times.sort()
        widgets[name] = {"median_ms": round(statistics.median(times), 2),
                         "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "n": len(times)}
        speedups[name] = round(statistics.median(full) / max(statistics.median(times), 1e-6), 1)
        print(f"  {name}: median {widgets[name]['median_ms']} ms, p95 {widgets[name]['p95_ms']} ms, "
              f"full re-render x{speedups[name]}", flush=True)
    return widgets, speedups


def network_comparison() -> dict:
    """Chapter 7: the fast linear (Lyapunov) model against neurolib's nonlinear simulation."""
    try:
        from dmnlab.models.network import compare_with_neurolib
    except ImportError:
        return {}
    out = compare_with_neurolib()
    lin, nl = out.get("seconds_linear"), out.get("seconds_neurolib")
    if lin and nl:
        out["cost_ratio"] = round(nl / lin, 1)
    print(f"  network model: {out}", flush=True)
    return out


def built_book() -> pathlib.Path | None:
    """The book as `make book` builds it (quick when nothing changed: the execution cache)."""
    import subprocess

    rc = subprocess.call([sys.executable, str(ROOT / "tools" / "build_book.py")], cwd=ROOT)
    html = ROOT / "book" / "_build" / "html"
    if rc != 0 or not (html / "intro.html").exists():
        print("  the book did not build: no page figures")
        return None
    return html


def lighthouse_comparison(html: pathlib.Path) -> dict:
    import tempfile

    import lighthouse

    with tempfile.TemporaryDirectory() as tmp:
        stock = lighthouse.stock_template(pathlib.Path(tmp))
        return lighthouse.measure(html, stock, runs=int(os.environ.get("DMNLAB_LIGHTHOUSE_RUNS", "3")))


def hub_figures() -> dict:
    # ---- hub: a class on a real JupyterHub -------------------------------------------------
    # benchmarks/hub.py (the classroom helper's) provides run() -> the dict stored under "hub".
    try:
        import hub
    except ImportError:
        print("  (benchmarks/hub.py not present: no hub figures)")
        return {}
    return hub.run()


STEPS = ("notebooks", "widgets", "network", "pages", "lighthouse", "lab", "hub")


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default=",".join(STEPS), help="comma-separated steps of " + ", ".join(STEPS))
    steps = set(ap.parse_args(argv).only.split(","))
    unknown = steps - set(STEPS)
    if unknown:
        ap.error(f"unknown steps {sorted(unknown)}; choose from {STEPS}")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ.pop("DMNLAB_RENDER", None)
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    if "notebooks" in steps:
        print("notebooks (fresh kernel each):", flush=True)
        nbs = time_notebooks()
        results.update(notebooks=nbs, course_seconds=round(sum(nbs.values()), 1))
    if "widgets" in steps:
        print("live widgets (Python side):", flush=True)
        widgets, speedups = time_widgets()
        results.update(widgets=widgets, live_update_speedup_by_demo=speedups,
                       live_update_speedup=round(statistics.median(speedups.values()), 1) if speedups else None)
    if "network" in steps:
        print("network model (chapter 7):", flush=True)
        results["network_model"] = network_comparison()
    if steps & {"pages", "lighthouse"}:
        html = built_book()
        if html is not None and "pages" in steps:
            import page_weight

            print("page weight, first visit (every shared asset included):", flush=True)
            results["pages"] = page_weight.measure(html)
        if html is not None and "lighthouse" in steps:
            print("lighthouse (mobile preset), stock template first:", flush=True)
            results["lighthouse"] = lighthouse_comparison(html)
    if "lab" in steps:
        import lab_latency

        print("live demos in JupyterLab, key press -> figure redrawn:", flush=True)
        results["lab_latency_ms"] = lab_latency.run()
    if "hub" in steps:
        print("a class on JupyterHub:", flush=True)
        hub = hub_figures()
        if hub:
            results["hub"] = hub
    results["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    OUT.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
