"""Latency where the learner feels it: in a real JupyterLab, a key press on a demo's control until
its plotly figure is redrawn in chromium.

    tools/offline.sh .venv/bin/python benchmarks/lab_latency.py [--presses 24] [--only 04]

For every chapter notebook: open it in JupyterLab (its own workspace), run all cells, then for
every live demo: focus its first control, press a key (sliders: right/left arrow, one step each
way; drop-downs: End/Home, last and first option; checkboxes: space), and time from the keydown event to the first
animation frame after the figure's DOM changed (plotly redrew it), measured in the page with
performance.now(). Presses are 300 ms apart, so each one meets an idle kernel (after every update,
plotly's FigureWidget sends the drawn figure back to Python: 10-80 ms of kernel work that a faster
key repeat would queue behind). ``run()`` returns {"chNN.demo": {median_ms, p95_ms, n, control}} for
benchmarks/results.json's ``lab_latency_ms``. Goal: p95 <= 100 ms on the course's 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import labdriver  # noqa: E402


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def run(presses: int = 24, only: str | None = None, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with tempfile.TemporaryDirectory() as tmp, labdriver.jupyterlab(pathlib.Path(tmp)) as lab, \
            sync_playwright() as pw:
        browser = labdriver.new_browser(pw)
        for stem in labdriver.chapters():
            if only and not stem.startswith(only):
                continue
            ctx = browser.new_context(viewport={"width": 1300, "height": 1000})
            page = labdriver.open_and_run(ctx, lab, stem)
            names = labdriver.live_demos(page)
            for i, name in enumerate(names):
                info = page.evaluate(labdriver.SETUP, i)
                key = f"ch{stem[:2]}.{name}"
                if not info:
                    log(f"  {key}: no control or figure found")
                    continue
                page.wait_for_timeout(300)
                times, missed = [], 0
                for k in range(presses + 2):  # the first two presses warm up (not counted)
                    ms = labdriver.key_to_redraw_ms(page, info["kind"], k)
                    if ms is None:
                        missed += 1
                        if missed >= 3 and not times:
                            break  # this control does not move the figure: say so, go on
                    elif k >= 2:
                        times.append(ms)
                if not times:
                    log(f"  {key}: the figure never changed after a key press")
                    continue
                out[key] = {"median_ms": round(statistics.median(times), 1), "p95_ms": round(p95(times), 1),
                            "n": len(times), "control": info["kind"], "no_redraw": missed}
                log(f"  {key}: median {out[key]['median_ms']} ms, p95 {out[key]['p95_ms']} ms "
                    f"({info['kind']}, n={len(times)})")
            ctx.close()
        browser.close()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--presses", type=int, default=24)
    ap.add_argument("--only", help="chapter number, e.g. 04")
    args = ap.parse_args(argv)
    print(json.dumps(run(args.presses, args.only), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
