"""Checkers for the exercises of chapter 3 (Rumination and the DMN in depression)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..demos.ch03 import load_brain_image_studies, load_studies
from ..models import effect_size as es
from ..models.publication_bias import simulate_studies, summarise_studies
from ..models.rumination import kramers_dwell_time, simulate_sticky_mind
from . import Checker, CheckResult


def _people(studies: pd.DataFrame, checked_only: bool = True) -> dict:
    keep = studies[studies["status"] != "unverified"] if checked_only else studies
    n = keep["n_patients"] + keep["n_controls"]
    return {d: float(n[keep["direction"] == d].sum()) for d in sorted(set(keep["direction"]))}


def check_people_by_direction(fn) -> CheckResult:
    """people_by_direction(studies) -> {direction: people (patients + controls) in the checked
    studies (status not "unverified") reporting that direction}, leaving out blank sample sizes."""
    c = Checker("people_by_direction")
    studies = load_studies()
    small = studies[studies["design"] == "single study"].reset_index(drop=True)
    for table, what in ((studies, "the whole table"), (small, "the single studies only")):
        got = c.call(fn, table.copy())
        if got is None:
            break
        if not isinstance(got, (dict, pd.Series)):
            c.check(False, f"return a dict (or a pandas Series) from direction to number of people; got "
                           f"{type(got).__name__}")
            break
        got = {str(k): v for k, v in dict(got).items()}
        want = _people(table)
        if set(got) == set(_people(table, checked_only=False)) != set(want) or (
                set(got) == set(want) and all(not math.isnan(float(got[k])) for k in got)
                and {k: float(v) for k, v in got.items()} == _people(table, checked_only=False) != want):
            c.check(False, f"{what}: you counted the rows marked 'unverified' (Kaiser 2015, whose finding was not "
                           "read); keep only rows whose status is not 'unverified'")
            break
        if set(got) != set(want):
            c.check(False, f"{what}: the keys should be the directions in the table {sorted(want)}; got {sorted(got)}")
            break
        vals = {k: float(v) for k, v in got.items()}
        if any(math.isnan(v) for v in vals.values()):
            c.check(False, f"{what}: some totals are NaN; studies without a sample size must be left out "
                           "(pandas .sum() skips NaN, plain + does not)")
            break
        rows = table.loc[table["status"] != "unverified", "direction"].value_counts().to_dict()
        if all(vals[k] == rows.get(k) for k in want) and vals != want:
            c.check(False, f"{what}: these are numbers of studies; the exercise asks for numbers of people")
            break
        checked = table[table["status"] != "unverified"]
        patients = {d: float(checked.loc[checked["direction"] == d, "n_patients"].sum()) for d in want}
        if vals == patients and vals != want:
            c.check(False, f"{what}: these count only the patients; add the controls (n_patients + n_controls)")
            break
        c.close([vals[k] for k in sorted(want)], [want[k] for k in sorted(want)],
                f"people per direction in {what}", atol=1e-9)
    return c.result()


def _brain_image_effects():
    df = load_brain_image_studies()
    y, v = zip(*[es.mean_difference(r.mean_image, r.sd_image, r.n_image, r.mean_no_image, r.sd_no_image,
                                    r.n_no_image) for r in df.itertuples()])
    return np.array(y), np.array(v)


def check_random_effects(fn) -> CheckResult:
    """random_effects(yi, vi) -> (estimate, ci_low, ci_high, Q, tau2, I2): a DerSimonian-Laird
    random-effects meta-analysis with a 95% interval; I2 as a fraction between 0 and 1."""
    c = Checker("random_effects")
    y, v = _brain_image_effects()
    cases = [(y, v, "the 12 brain-image experiments"),
             (np.array([0.1, 0.12, 0.09, 0.11]), np.array([0.01, 0.02, 0.015, 0.01]), "four near-identical studies"),
             (np.array([0.8, -0.2, 0.5, 0.0, 1.1]), np.array([0.02, 0.03, 0.05, 0.02, 0.04]),
              "five clearly heterogeneous studies")]
    for yi, vi, what in cases:
        got = c.call(fn, yi.copy(), vi.copy())
        if got is None:
            break
        vals = c.numbers(got, 6, "(estimate, ci_low, ci_high, Q, tau2, I2)")
        if vals is None:
            break
        est, lo, hi, Q, tau2, I2 = vals
        r = es.random_effects(yi, vi)
        if not c.close(Q, r["Q"], f"Cochran's Q for {what}", rtol=1e-6):
            w = 1 / vi
            if math.isclose(Q, float(np.sum(w * (yi - yi.mean()) ** 2)), rel_tol=1e-6):
                c.problems.append("Q measures spread around the *weighted* (fixed-effect) mean, not the plain mean")
            elif math.isclose(Q, float(np.sum((yi - r["fixed_estimate"]) ** 2 / np.sqrt(vi))), rel_tol=1e-6):
                c.problems.append("Q weights by 1/variance: did you use standard errors instead of variances?")
            break
        if tau2 < 0:
            c.check(False, f"{what}: tau² is {tau2:.4g}; a variance cannot be negative, so truncate it at 0 "
                           "(max(0, ...))")
            break
        if not c.close(tau2, r["tau2"], f"tau² for {what}", rtol=1e-6, atol=1e-12):
            break
        if r["tau2"] > 0 and math.isclose(est, r["fixed_estimate"], rel_tol=1e-9):
            c.check(False, f"{what}: that is the fixed-effect estimate; the random-effects weights are "
                           "1 / (v + tau²)")
            break
        if not c.close(est, r["estimate"], f"pooled estimate for {what}", rtol=1e-6, atol=1e-12):
            break
        if math.isclose(hi - lo, 2 * 1.96 * r["fixed_se"], rel_tol=1e-3) and r["tau2"] > 0:
            c.check(False, f"{what}: the interval uses the fixed-effect standard error; use sqrt(1 / sum of the "
                           "random-effects weights)")
            break
        c.close([lo, hi], [r["ci_low"], r["ci_high"]], f"95% interval for {what} (1.96 standard errors)", atol=1e-4)
        if math.isclose(I2, 100 * r["I2"], rel_tol=1e-6) and r["I2"] > 0:
            c.check(False, f"{what}: I² is a percentage here; return it as a fraction (0 to 1)")
            break
        if I2 < 0:
            c.check(False, f"{what}: I² is {I2:.3f}; when Q is below its degrees of freedom it is set to 0")
            break
        c.close(I2, r["I2"], f"I² for {what}", rtol=1e-6, atol=1e-9)
    return c.result()


def check_honest_n(fn) -> CheckResult:
    """honest_n(true_d, max_exaggeration) -> (n_per_group, power) at the smallest n on the grid
    10, 20, ..., 300 whose published effect is at most max_exaggeration times the true one."""
    c = Checker("honest_n")
    for d, m in ((0.3, 1.25), (0.5, 1.2)):
        got = c.call(fn, d, m)
        if got is None:
            break
        vals = c.unpack(got, 2, "(n_per_group, power)")
        if vals[0] is None:
            break
        want = None
        for n in range(10, 301, 10):
            s = summarise_studies(simulate_studies(d, n, 2000, seed=0))
            if s["exaggeration"] <= m:
                want = (n, s["power"])
                break
        n_got = vals[0]
        if want and isinstance(n_got, (int, float, np.integer)) and n_got == want[0] + 10:
            c.check(False, f"true d {d}: n = {n_got} is one step past the answer; stop at the first n that meets "
                           "the criterion (check with <=, not <)")
            break
        if not c.close(n_got, want[0], f"smallest honest n for true d {d}", atol=1e-9):
            break
        if isinstance(vals[1], (int, float, np.floating)) and math.isclose(float(vals[1]), 100 * want[1], rel_tol=1e-9):
            c.check(False, f"true d {d}: the power looks like a percentage; return the fraction from summarise_studies")
            break
        c.close(vals[1], want[1], f"power at n = {want[0]}", atol=1e-9)
    return c.result()


def check_dwell_ratio(fn) -> CheckResult:
    """dwell_ratio(s_low, s_high, noise) -> (simulated ratio, Kramers' ratio) of mean DMN dwell
    times (60 runs of 200 units, dt 0.02, seed 1, no task demand)."""
    c = Checker("dwell_ratio")
    for s_low, s_high, noise in ((0.75, 1.0, 0.7), (0.75, 1.0, 0.8)):
        got = c.call(fn, s_low, s_high, noise)
        if got is None:
            break
        g = c.numbers(got, 2, "(simulated ratio, Kramers ratio)")
        if g is None:
            break
        sim = [simulate_sticky_mind(s, noise, 0.0, t_max=200, dt=0.02, n_trials=60, seed=1).mean_dwell_dmn
               for s in (s_low, s_high)]
        kr = [kramers_dwell_time(s, noise) for s in (s_low, s_high)]
        want = (sim[1] / sim[0], kr[1] / kr[0])
        if math.isclose(g[0], 1 / want[0], rel_tol=1e-6) or math.isclose(g[1], 1 / want[1], rel_tol=1e-6):
            c.check(False, f"noise {noise}: a ratio is upside down; divide the dwell time at s_high by that at s_low")
            break
        if math.isclose(g[1], math.exp((s_high - s_low) / (noise ** 2 / 2)), rel_tol=1e-6):
            c.check(False, f"noise {noise}: that is only the exponential factor; Kramers' prefactor 1/s changes too "
                           "(call kramers_dwell_time)")
            break
        c.close(g, want, f"dwell-time ratios at noise {noise}", rtol=1e-6)
    return c.result()
