"""Checkers for the exercises of chapter 2 (The depressed brain beyond the DMN)."""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import norm

from ..models import effect_size as es
from ..models.hpa import dexamethasone_test
from . import Checker, CheckResult

_Z90 = float(norm.ppf(0.9))


def check_overlap_and_probability(fn) -> CheckResult:
    """overlap_and_probability(d) -> (overlap, p_patient_smaller) for d = (patients - controls) / SD."""
    c = Checker("overlap_and_probability")
    for d in (-0.17, -0.14, -1.0, 0.5):
        got = c.call(fn, d)
        if got is None:
            break
        vals = c.numbers(got, 2, "(overlap, p_patient_smaller)")
        if vals is None:
            break
        ovl, p = vals
        want_o, want_p = es.overlap_coefficient(d), es.probability_smaller(d)
        if math.isclose(ovl, 100 * want_o, rel_tol=1e-6) or math.isclose(p, 100 * want_p, rel_tol=1e-6):
            c.check(False, f"d = {d}: these look like percentages; return fractions between 0 and 1")
            break
        if math.isclose(ovl, want_p, rel_tol=1e-9) and math.isclose(p, want_o, rel_tol=1e-9):
            c.check(False, f"d = {d}: the two numbers are swapped; return (overlap, probability)")
            break
        if math.isclose(ovl, 2 * norm.cdf(-abs(d)), rel_tol=1e-9):
            c.check(False, f"d = {d}: overlap {ovl:.4f} is 2·Phi(-|d|); the curves cross halfway between the means, "
                           "so each tail beyond the crossing point is Phi(-|d|/2)")
            break
        if math.isclose(p, 1 - want_p, rel_tol=1e-9) and d != 0:
            c.check(False, f"d = {d}: {p:.4f} is the chance that the patient is *larger*; with a negative d the "
                           "patient should be smaller more often than not (check the sign)")
            break
        if math.isclose(p, norm.cdf(-d), rel_tol=1e-9):
            c.check(False, f"d = {d}: Phi(-d) is the share of patients below the controls' mean (U3); for two random "
                           "people the difference has SD sqrt(2), so divide d by sqrt(2)")
            break
        c.close(ovl, want_o, f"overlap at d = {d}", rtol=1e-6)
        c.close(p, want_p, f"P(patient smaller) at d = {d}", rtol=1e-6)
    return c.result()


_CASES = (
    (3.12, 0.65, 26, 2.89, 0.79, 28),      # McCabe and Castel 2008, experiment 3, image vs no image
    (2.91, 0.52, 255, 2.86, 0.59, 274),    # Michael et al. 2013, experiment 5
    (10.0, 2.0, 8, 12.0, 4.0, 30),         # unequal groups: catches an unweighted average of SDs
)


def check_hedges_g(fn) -> CheckResult:
    """hedges_g(mean1, sd1, n1, mean2, sd2, n2) -> (d, g): Cohen's d with the pooled SD, and
    Hedges' small-sample corrected g."""
    c = Checker("hedges_g")
    for m1, s1, n1, m2, s2, n2 in _CASES:
        got = c.call(fn, m1, s1, n1, m2, s2, n2)
        if got is None:
            break
        vals = c.numbers(got, 2, "(d, g)")
        if vals is None:
            break
        d, g = vals
        want_d = es.cohens_d_from_stats(m1, s1, n1, m2, s2, n2)
        want_g = es.hedges_g_from_stats(m1, s1, n1, m2, s2, n2)
        where = f"groups ({m1}, {s1}, {n1}) vs ({m2}, {s2}, {n2})"
        if math.isclose(d, -want_d, rel_tol=1e-6):
            c.check(False, f"{where}: d has the wrong sign; it is (mean1 - mean2) / pooled SD")
            break
        for sd_wrong, why in (((s1 + s2) / 2, "the plain average of the two SDs"),
                              (math.sqrt((s1 * s1 + s2 * s2) / 2), "the root mean square of the SDs without "
                                                                   "weighting by n - 1")):
            if math.isclose(d, (m1 - m2) / sd_wrong, rel_tol=1e-6) and not math.isclose(d, want_d, rel_tol=1e-6):
                c.check(False, f"{where}: d divides by {why}; the pooled SD weights each variance by its n - 1: "
                               "sqrt(((n1-1)·sd1² + (n2-1)·sd2²) / (n1 + n2 - 2))")
                return c.result()
        if not c.close(d, want_d, f"Cohen's d for {where}", rtol=1e-6):
            break
        if math.isclose(g, d, rel_tol=1e-9):
            c.check(False, f"{where}: g equals d; multiply by Hedges' correction J = 1 - 3 / (4·(n1 + n2) - 9)")
            break
        c.close(g, want_g, f"Hedges' g for {where}", rtol=1e-6)
    return c.result()


def check_failure_gain(fn) -> CheckResult:
    """failure_gain(step) -> the largest gain on the grid 1.00, 1.00 - step, ..., 0.30 at which the
    simulated dexamethasone test is not suppressed."""
    c = Checker("failure_gain")
    for step in (0.05, 0.1):
        got = c.call(fn, step)
        if got is None:
            break
        grid = np.round(np.arange(1.0, 0.3 - 1e-9, -step), 2)
        fails = [float(g) for g in grid if not dexamethasone_test(float(g))["suppressed"]]
        want = fails[0] if fails else None
        passing = [float(g) for g in grid if dexamethasone_test(float(g))["suppressed"]]
        try:
            got_f = float(got)
        except (TypeError, ValueError):
            c.check(False, f"return one number (a gain); got {got!r}")
            break
        if want is not None and math.isclose(got_f, min(fails)):
            if not math.isclose(got_f, want):
                c.check(False, f"step {step}: {got_f:.2f} is the smallest failing gain; the exercise asks for the "
                               "largest, the first one you meet walking down from 1.00")
                break
        if passing and math.isclose(got_f, min(passing)) and not math.isclose(got_f, want):
            c.check(False, f"step {step}: at {got_f:.2f} the test is still suppressed; return the first gain where "
                           "suppression fails")
            break
        c.close(got_f, want, f"the largest failing gain on the grid with step {step}", atol=1e-9)
    return c.result()


def check_subgroup_shift(fn) -> CheckResult:
    """subgroup_shift(difference, fraction) -> (shift, share_all, share_subgroup): the shift the
    subgroup needs, and the share of all patients above the controls' 90th percentile if every
    patient is shifted by ``difference`` or if only the subgroup is shifted."""
    c = Checker("subgroup_shift")
    for diff, f in ((0.71, 0.27), (0.54, 0.5), (0.3, 1.0)):
        got = c.call(fn, diff, f)
        if got is None:
            break
        vals = c.numbers(got, 3, "(shift, share_all, share_subgroup)")
        if vals is None:
            break
        shift, share_all, share_sub = vals
        want_shift = diff / f
        want_all = float(norm.sf(_Z90 - diff))
        want_sub = f * float(norm.sf(_Z90 - want_shift)) + (1 - f) * 0.1
        if f < 1 and math.isclose(shift, diff * f, rel_tol=1e-6):
            c.check(False, f"difference {diff}, fraction {f}: the subgroup must carry the whole average, so its shift "
                           "is larger than the average (difference / fraction), not smaller")
            break
        if not c.close(shift, want_shift, f"subgroup shift for {diff} carried by {f:.0%}", rtol=1e-6):
            break
        if math.isclose(share_all, float(norm.cdf(_Z90 - diff)), rel_tol=1e-6):
            c.check(False, f"difference {diff}: {share_all:.3f} is the share *below* the controls' 90th percentile; "
                           "take the upper tail (1 - Phi(...), or norm.sf)")
            break
        if not c.close(share_all, want_all, f"share above the 90th percentile, everyone shifted by {diff}", rtol=1e-6):
            break
        if f < 1 and math.isclose(share_sub, f * float(norm.sf(_Z90 - want_shift)), rel_tol=1e-6):
            c.check(False, f"fraction {f}: the patients outside the subgroup are like controls, and 10% of them are "
                           "also above the controls' 90th percentile; add (1 - fraction) × 0.1")
            break
        c.close(share_sub, want_sub, f"share above the 90th percentile, subgroup of {f:.0%}", rtol=1e-6)
    return c.result()


def check_risk_difference_ci(fn) -> CheckResult:
    """risk_difference_ci(x1, n1, x2, n2) -> (difference, low, high): the difference in response
    rates p1 - p2 and its 95% Wald interval, as fractions."""
    c = Checker("risk_difference_ci")
    z = float(norm.ppf(0.975))
    for x1, n1, x2, n2 in ((8, 13, 3, 9), (30, 60, 20, 60), (5, 10, 5, 10)):
        got = c.call(fn, x1, n1, x2, n2)
        if got is None:
            break
        vals = c.numbers(got, 3, "(difference, low, high)")
        if vals is None:
            break
        p1, p2 = x1 / n1, x2 / n2
        rd = p1 - p2
        se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        want = np.array([rd, rd - z * se, rd + z * se])
        g = np.array(vals)
        where = f"{x1}/{n1} vs {x2}/{n2}"
        if np.allclose(g, 100 * want, atol=1e-6):
            c.check(False, f"{where}: these look like percentages; return fractions")
            break
        if math.isclose(g[0], -rd, abs_tol=1e-9) and rd != 0:
            c.check(False, f"{where}: the difference has the wrong sign; it is p1 - p2")
            break
        var_no_sqrt = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2
        if rd != 0 and math.isclose(g[2] - g[0], z * var_no_sqrt, rel_tol=1e-3):
            c.check(False, f"{where}: the half-width uses the variance; take its square root (the standard error)")
            break
        if math.isclose(g[2] - g[0], float(norm.ppf(0.95)) * se, rel_tol=1e-3):
            c.check(False, f"{where}: 1.645 gives a 90% interval; a 95% interval uses 1.96")
            break
        c.close(g, want, f"difference and 95% interval for {where} (1.96 standard errors)", atol=1e-4)
    return c.result()
