"""Checkers for the exercises of chapter 9 (Treating the network)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..data import load_hcp
from ..demos.ch09 import CANDIDATES, SEED_STANDINS, load_target_table, region_indices
from ..models.tms_targeting import seed_map
from ..models.treatment_effects import odds_ratio_ci, risk_at
from ..models.trials import wilson_interval
from . import Checker, CheckResult

_Z = 1.959964


def check_remission_with_interval(fn) -> CheckResult:
    """remission_with_interval(remitted, n) -> (percent, low, high): the rate and its 95% Wilson
    interval, all in percent."""
    c = Checker("remission_with_interval")
    for k, n in ((19, 21), (11, 14), (2, 15), (12, 24)):
        got = c.call(fn, k, n)
        if got is None:
            break
        vals = c.numbers(got, 3, "(percent, low, high)")
        if vals is None:
            break
        p = k / n
        lo, hi = wilson_interval(p, n)
        want = np.array([100 * p, 100 * lo, 100 * hi])
        g = np.array(vals)
        if np.allclose(g * 100, want, atol=0.05):
            c.check(False, f"{k} of {n}: these look like fractions; the exercise asks for percent (multiply by 100)")
            break
        half = _Z * math.sqrt(p * (1 - p) / n)
        wald = 100 * np.array([p, p - half, p + half])
        if np.allclose(g, wald, atol=0.05) and not np.allclose(g, want, atol=0.05):
            c.check(False, f"{k} of {n}: that is the simple (Wald) interval p ± 1.96·sqrt(p(1-p)/n); use the Wilson "
                           "interval, which stays inside 0-100% and behaves with small n")
            break
        c.close(g, want, f"rate and Wilson interval for {k} of {n}", atol=0.05)
    return c.result()


def _bold_cases():
    hcp = load_hcp(94)
    cand = region_indices(CANDIDATES)
    for seed_key, person, gsr in (("acc", 0, False), ("acc", 3, True), ("rectus", 5, True), ("medorb", 1, False)):
        yield hcp.bold[person], region_indices(SEED_STANDINS[seed_key][1]), cand, gsr, f"person {person + 1}, " \
            f"seed {seed_key}, gsr={gsr}"


def check_find_target(fn) -> CheckResult:
    """find_target(bold, seed, candidates, gsr=False) -> (pick, r): the region index of the
    candidate most anticorrelated with the seed's mean time course, and r for every region."""
    c = Checker("find_target")
    for bold, seed, cand, gsr, where in _bold_cases():
        got = c.call(fn, np.array(bold), list(seed), list(cand), gsr=gsr)
        if got is None:
            break
        pick, r = c.unpack(got, 2, "(pick, r)")
        if pick is None:
            break
        want_r = seed_map(bold, seed, gsr=gsr)
        r = np.asarray(r, dtype=float) if np.ndim(r) else None
        if r is None or r.shape != want_r.shape:
            c.check(False, f"{where}: r should hold one correlation per region ({want_r.size}); got "
                           f"{'a single number' if r is None else r.shape}")
            break
        other = seed_map(bold, seed, gsr=not gsr)
        if np.allclose(r, other, atol=1e-6) and not np.allclose(r, want_r, atol=1e-6):
            todo = "regress the global signal out first" if gsr else "leave the data as they are"
            c.check(False, f"{where}: your r equals the map {'without' if gsr else 'with'} global signal regression; "
                           f"gsr={gsr} should {todo}")
            break
        if not c.close(r, want_r, f"{where}: r with the seed", atol=1e-6):
            break
        want_pick = int(np.asarray(cand)[int(np.argmin(want_r[cand]))])
        if isinstance(pick, (int, np.integer)) and int(pick) == int(np.argmin(want_r[cand])) and int(pick) != want_pick:
            c.check(False, f"{where}: you returned the position in `candidates` ({int(pick)}); return the region "
                           f"index itself ({want_pick}), e.g. candidates[position]")
            break
        if isinstance(pick, (int, np.integer)) and int(pick) == int(np.asarray(cand)[int(np.argmax(want_r[cand]))]) \
                and int(pick) != want_pick:
            c.check(False, f"{where}: you picked the candidate most *positively* correlated with the seed; the "
                           "protocol aims at the most *anti*correlated one (the lowest r)")
            break
        c.check(isinstance(pick, (int, np.integer)) and int(pick) == want_pick,
                f"{where}: the pick should be region {want_pick} ({CANDIDATES[list(cand).index(want_pick)]}); "
                f"got {pick!r}", f"{where}: the pick")
    return c.result()


def _modal(table: pd.DataFrame, seed: str, gsr: bool) -> tuple:
    sub = table[(table["seed"] == seed) & (table["gsr"] == gsr)]
    picks = sub.loc[sub.groupby("person")["r"].idxmin(), "region"]
    counts = picks.value_counts()
    top = counts.max()
    best = sorted(counts[counts == top].index)[0]
    return best, top / picks.size


def check_modal_pick(fn) -> CheckResult:
    """modal_pick(table, seed, gsr) -> (region, share): the region most people's pick lands on
    (ties: the alphabetically first) and the share of the 7 people who pick it."""
    c = Checker("modal_pick")
    table = load_target_table()
    for seed, gsr in (("acc", False), ("acc", True), ("rectus", True), ("medorb", False)):
        got = c.call(fn, table.copy(), seed, gsr)
        if got is None:
            break
        region, share = c.unpack(got, 2, "(region, share)")
        if region is None:
            break
        want_region, want_share = _modal(table, seed, gsr)
        sub = table[(table["seed"] == seed) & (table["gsr"] == gsr)]
        maxpicks = sub.loc[sub.groupby("person")["r"].idxmax(), "region"].value_counts()
        if region != want_region and region in set(maxpicks.index[maxpicks == maxpicks.max()]):
            c.check(False, f"seed {seed}, gsr={gsr}: you looked for the highest r; each person's pick is the "
                           "candidate with the lowest r (most anticorrelated)")
            break
        if not c.check(region == want_region, f"seed {seed}, gsr={gsr}: the most common pick is {want_region}; "
                                              f"got {region!r}", f"seed {seed}, gsr={gsr}: the region"):
            break
        try:
            s = float(share)
        except (TypeError, ValueError):
            c.check(False, f"share should be a number between 0 and 1; got {share!r}")
            break
        if math.isclose(s, want_share * 7 / len(sub), abs_tol=1e-9):
            c.check(False, f"seed {seed}, gsr={gsr}: divide by the number of people (7), not by the number of rows")
            break
        c.close(s, want_share, f"seed {seed}, gsr={gsr}: the share of people", atol=1e-9)
    return c.result()


def check_odds_ratio_with_ci(fn) -> CheckResult:
    """odds_ratio_with_ci(events_treat, n_treat, events_control, n_control) -> (or, low, high),
    Woolf's 95% interval on the log scale, adding 0.5 to every cell when one is zero."""
    c = Checker("odds_ratio_with_ci")
    for a, n1, k, n2 in ((12, 24, 5, 24), (12, 60, 5, 30), (11, 14, 2, 15), (5, 10, 0, 10)):
        got = c.call(fn, a, n1, k, n2)
        if got is None:
            break
        vals = c.numbers(got, 3, "(or, low, high)")
        if vals is None:
            break
        want = np.array(odds_ratio_ci(a, n1, k, n2))
        g = np.array(vals)
        rr = (a / n1) / (k / n2) if k else math.inf
        if k and math.isclose(g[0], rr, rel_tol=1e-6) and not math.isclose(g[0], want[0], rel_tol=1e-6):
            c.check(False, f"{a}/{n1} vs {k}/{n2}: {g[0]:.3g} is the risk ratio (a ratio of rates); the odds ratio "
                           "divides the odds, events / non-events, of each arm")
            break
        if not np.all(np.isfinite(g)):
            c.check(False, f"{a}/{n1} vs {k}/{n2}: an arm with 0 events gives an infinite odds ratio; add 0.5 to all "
                           "four cells when any cell is zero")
            break
        if math.isclose(g[0], want[0], rel_tol=1e-6) and not np.allclose(g, want, rtol=1e-4):
            se = math.sqrt(sum(1 / x for x in (a, n1 - a, k, n2 - k))) if min(a, n1 - a, k, n2 - k) else None
            if se and np.allclose(g[1:], [want[0] - 1.96 * se, want[0] + 1.96 * se], rtol=1e-3):
                c.check(False, f"{a}/{n1} vs {k}/{n2}: build the interval on the log scale, then exponentiate: "
                               "exp(log OR ± 1.96·SE)")
                break
        c.close(g, want, f"odds ratio and interval, {a}/{n1} vs {k}/{n2}", rtol=1e-3, atol=1e-9)
    return c.result()


def check_relapse_risks(fn) -> CheckResult:
    """relapse_risks(control_risk, hazard_ratio, week=60) -> (control, treated, nnt): cumulative
    relapse at ``week`` in each group (fractions) under a constant hazard fixed by the comparison
    group's risk at 60 weeks, and the number needed to treat."""
    c = Checker("relapse_risks")
    for p, hr, week in ((0.5, 0.69, 60), (0.3, 0.69, 60), (0.5, 0.82, 30), (0.6, 0.58, 12)):
        got = c.call(fn, p, hr, week)
        if got is None:
            break
        vals = c.numbers(got, 3, "(control, treated, nnt)")
        if vals is None:
            break
        cr, tr = risk_at(week, p, hr)
        want = np.array([cr, tr, 1 / (cr - tr)])
        g = np.array(vals)
        if math.isclose(g[1], hr * cr, rel_tol=1e-6) and not math.isclose(g[1], tr, rel_tol=1e-6):
            c.check(False, f"p={p}, HR={hr}, week {week}: you multiplied the risk by the hazard ratio; a hazard ratio "
                           "multiplies the hazard, so the survival curves obey S_treated = S_control ** HR")
            break
        if math.isclose(g[0], p, rel_tol=1e-9) and week != 60:
            c.check(False, f"week {week}: {p} is the comparison group's risk at week 60; compute it at week {week} "
                           "from the constant hazard")
            break
        if math.isclose(g[2], 1 / (100 * (cr - tr)), rel_tol=1e-6):
            c.check(False, "the NNT is 1 / (difference of the two risks as fractions), not of percentages")
            break
        c.close(g, want, f"p={p}, HR={hr}, week {week}: the two risks and the NNT", rtol=1e-6, atol=1e-9)
    return c.result()
