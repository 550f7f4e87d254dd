"""`make bench`: measure what the course promises and write benchmarks/results.json.

Keys:
  notebooks            {name: seconds to execute on a fresh kernel}
  widgets              {demo: {median_ms, p95_ms, n}} over >= 30 live in-place updates
  pages                {page: bytes of the built HTML page, excluding shared static assets}
  live_update_speedup  full re-render time / in-place update time, same demo, same run
  course_seconds       total notebook execution time
  network_model        chapter 7: linear (Lyapunov) vs neurolib cost and FC agreement
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

                _apply(fig, upd)
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


def page_sizes() -> dict:
    html = ROOT / "book" / "_build" / "html"
    if not html.exists():
        print("  (book not built: run `make book` first for page sizes)")
        return {}
    return {str(p.relative_to(html)): p.stat().st_size for p in sorted(html.rglob("*.html"))
            if "_static" not in p.parts}


def main() -> int:
    os.environ.pop("DMNLAB_RENDER", None)
    print("notebooks (fresh kernel each):", flush=True)
    nbs = time_notebooks()
    print("live widgets:", flush=True)
    widgets, speedups = time_widgets()
    print("network model (chapter 7):", flush=True)
    network = network_comparison()
    pages = page_sizes()
    results = {
        "notebooks": nbs,
        "course_seconds": round(sum(nbs.values()), 1),
        "widgets": widgets,
        "pages": pages,
        "live_update_speedup": round(statistics.median(speedups.values()), 1) if speedups else None,
        "live_update_speedup_by_demo": speedups,
        "network_model": network,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
    }
    OUT.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
