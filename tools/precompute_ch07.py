"""Precompute chapter 7's neurolib reference simulation (model, not data).

Runs neurolib's nonlinear Hopf network (dmnlab.models.network.simulate_hopf_neurolib) at two
noise levels, near-linear (sigma = 0.02) and strongly nonlinear (sigma = 0.3), with the same
G, a and w as the fast Lyapunov model, and writes data/ch07_neurolib_reference.json: the
simulated FC upper triangles (rounded to 3 decimals), the parameters, seeds, the neurolib
version and the run times. Then run `.venv/bin/python tools/checksums.py`.

Usage: .venv/bin/python tools/precompute_ch07.py
"""

from __future__ import annotations

import importlib.metadata
import json
import pathlib
import platform
import time


from dmnlab.models import network as nw

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "ch07_neurolib_reference.json"
FRACTION = 0.8      # G as a fraction of the critical coupling
A = -0.3            # local bifurcation parameter (1/s)
DURATION_S = 8000.0  # simulated seconds per noise level (4 independent runs of 2000 s)
SEED = 7


def main() -> None:
    gc = nw.critical_coupling(A)
    g = FRACTION * gc
    runs = []
    for sigma in (0.02, 0.3):
        t0 = time.perf_counter()
        lin = nw.model_fc(g, A, sigma=sigma)
        t_lin = time.perf_counter() - t0
        sim = nw.simulate_hopf_neurolib(g, A, sigma=sigma, duration_s=DURATION_S, seed=SEED)
        r = nw.fit_r(lin, sim["fc"])
        print(f"sigma={sigma}: neurolib {sim['seconds']:.1f} s, linear {t_lin * 1e3:.2f} ms, r={r:.3f}")
        runs.append({
            "sigma": sigma, "seconds_neurolib": round(sim["seconds"], 2),
            "seconds_linear": round(t_lin, 5), "fc_agreement_r": round(r, 4),
            "x_std": round(sim["x_std"], 4),
            "fc_upper": [round(float(v), 3) for v in nw.upper(sim["fc"])],
        })
    out = {
        "description": ("Model, not data: FC (correlation of x, upper triangle row by row, "
                        "numpy.triu_indices(80, 1)) of neurolib's nonlinear Hopf network on the "
                        "HCP group structural connectivity (AAL2, 80 regions), additive coupling, "
                        "no delays, white noise, at two noise levels."),
        "source": "cakan2023neurolib;deco2017dynamics",
        "status": "model output",
        "made_by": "tools/precompute_ch07.py",
        "neurolib_version": importlib.metadata.version("neurolib"),
        "python": platform.python_version(),
        "params": {"G": g, "G_c": gc, "fraction_of_G_c": FRACTION, "a": A, "w": nw.DEFAULT_W,
                   "dt": 0.05, "duration_s": DURATION_S, "burn_s": 100.0, "seed": SEED,
                   "coupling": "additive", "signalV": 0.0},
        "runs": runs,
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
