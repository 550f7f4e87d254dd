"""Why small studies mislead: many small studies of a true effect, and only the "significant"
ones published.

**A statistical simulation, not data.** Each simulated study compares two groups of ``n``
people (a patient group and a control group) on a measure whose true standardised difference
is ``true_d`` (Cohen's d; Cohen 1988). Each study runs a two-sided two-sample t-test. A study is
"published" when p < alpha. When power is low, the published studies are the ones that happened
to overestimate the effect, so their average exaggerates the truth: the "winner's curse"
(Ioannidis 2008, Epidemiology 19:640-648; Button et al. 2013, Nat Rev Neurosci 14:365-376).

Sampling is exact and fast: the difference of group means is normal with variance 2/n, and the
pooled variance is a scaled chi-square with 2n - 2 degrees of freedom, so no individual people
need to be drawn.
"""

from __future__ import annotations

import math

import numpy as np

from ..validate import check_int, check_number

__all__ = ["simulate_studies", "analytic_power", "summarise_studies"]


def _check(true_d, n_per_group, alpha):
    d = check_number("true_d", true_d, -3.0, 3.0)
    n = check_int("n_per_group", n_per_group, 3, 100_000)
    a = check_number("alpha", alpha, 0.0, 0.5, lo_inclusive=False)
    return d, n, a


def simulate_studies(true_d: float, n_per_group: int, n_studies: int = 2000, *, alpha: float = 0.05,
                     seed: int = 0) -> dict:
    """Simulate ``n_studies`` two-group studies; return observed d, t, p and the published mask.

    Returns a dict of arrays ``d_obs``, ``t``, ``p``, ``published`` (p < alpha) and the inputs.
    Seeded: the same arguments give the same studies.
    """
    d, n, a = _check(true_d, n_per_group, alpha)
    k = check_int("n_studies", n_studies, 1, 1_000_000)
    seed = check_int("seed", seed, 0, 2 ** 32 - 1)
    from scipy import stats  # imported here: scipy.stats is slow to import

    rng = np.random.default_rng(seed)
    df = 2 * n - 2
    diff = d + rng.standard_normal(k) * math.sqrt(2.0 / n)
    s = np.sqrt(rng.chisquare(df, k) / df)
    d_obs = diff / s
    t = d_obs / math.sqrt(2.0 / n)
    p = 2.0 * stats.t.sf(np.abs(t), df)
    return {"d_obs": d_obs, "t": t, "p": p, "published": p < a, "true_d": d, "n_per_group": n, "alpha": a}


def analytic_power(true_d: float, n_per_group: int, alpha: float = 0.05) -> float:
    """Exact power of the two-sided two-sample t-test (noncentral t), for comparison."""
    from scipy import stats

    d, n, a = _check(true_d, n_per_group, alpha)
    df = 2 * n - 2
    tcrit = stats.t.ppf(1 - a / 2, df)
    nc = d * math.sqrt(n / 2.0)
    return float(stats.nct.sf(tcrit, df, nc) + stats.nct.cdf(-tcrit, df, nc))


def summarise_studies(sim: dict) -> dict:
    """Power, mean published |d|, exaggeration ratio and wrong-sign rate of a simulation.

    * ``power``: fraction of studies with p < alpha;
    * ``mean_published_d``: mean observed d among published studies (NaN if none);
    * ``exaggeration``: mean |published d| / |true d| (NaN when true d = 0);
    * ``wrong_sign``: fraction of published studies whose effect has the wrong sign.
    """
    if not isinstance(sim, dict) or not {"d_obs", "published", "true_d"} <= set(sim):
        raise ValueError("sim must be the dict returned by simulate_studies")
    pub = sim["published"]
    dp = sim["d_obs"][pub]
    d = sim["true_d"]
    mean_pub = float(dp.mean()) if dp.size else float("nan")
    exag = float(np.abs(dp).mean() / abs(d)) if dp.size and d != 0 else float("nan")
    wrong = float(np.mean(np.sign(dp) != np.sign(d))) if dp.size and d != 0 else float("nan")
    return {"power": float(pub.mean()), "n_published": int(pub.sum()), "mean_published_d": mean_pub,
            "mean_all_d": float(sim["d_obs"].mean()), "exaggeration": exag, "wrong_sign": wrong}
