"""Checkers for the exercises of chapter 0 (Start here)."""

from __future__ import annotations

import numpy as np

from ..demos.ch00 import regions_above
from ..evidence import load_claims
from . import Checker, CheckResult


def check_count_above(fn) -> CheckResult:
    """count_above(threshold) -> how many regions correlate with the PCC above the threshold."""
    c = Checker("count_above")
    for t in (0.2, 0.5, 0.7):
        got = c.call(fn, t)
        if got is None:
            break
        want = regions_above(t)["n_above"]
        if not c.check(isinstance(got, (int, np.integer)) and not isinstance(got, bool),
                       f"count_above({t}) should return a whole number (an int); got {type(got).__name__}",
                       "returns an int"):
            break
        if got == regions_above(t)["n_dmn_above"] and got != want:
            c.check(False, f"count_above({t}) returned {got}, the number of *default-network* regions above "
                           "the threshold; the exercise asks for all regions above it")
            break
        c.check(got == want, f"count_above({t}) returned {got}; expected {want}", f"count at r > {t}")
    return c.result()


def check_claims_with_grade(fn) -> CheckResult:
    """claims_with_grade(claims, grade) -> sorted list of the claim ids with that evidence grade."""
    c = Checker("claims_with_grade")
    claims = load_claims()
    for grade in ("A", "D"):
        got = c.call(fn, claims.copy(), grade)
        if got is None:
            break
        want = sorted(claims.loc[claims["grade"] == grade, "claim_id"])
        if not c.check(isinstance(got, list), f"return a list of claim ids; got {type(got).__name__}",
                       "returns a list"):
            break
        if sorted(got) == want and got != want:
            c.check(False, f"grade {grade}: the right ids, but not sorted; sort them (sorted(...))")
            continue
        extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
        c.check(got == want,
                f"grade {grade}: " + "; ".join(x for x in (
                    f"these ids do not have grade {grade}: {extra[:6]}" if extra else "",
                    f"these ids with grade {grade} are missing: {missing[:6]}" if missing else "") if x),
                f"the {len(want)} claims of grade {grade}")
    return c.result()


def check_lowest_threshold(fn) -> CheckResult:
    """lowest_threshold(max_regions) -> (threshold, n_dmn) on the grid 0.00, 0.01, ..., 0.90."""
    c = Checker("lowest_threshold")
    for m in (10, 20):
        got = c.call(fn, m)
        if got is None:
            break
        t, n_dmn = c.unpack(got, 2, "(threshold, n_dmn)")
        if t is None:
            break
        grid = np.round(np.arange(0, 0.91, 0.01), 2)
        want_t = next(float(x) for x in grid if regions_above(x)["n_above"] <= m)
        want_n = regions_above(want_t)["n_dmn_above"]
        if c.close(t, want_t, f"the lowest threshold for at most {m} regions", atol=1e-9):
            c.check(n_dmn == want_n, f"at r > {want_t:.2f}, {want_n} of the remaining regions are default; "
                                     f"you returned {n_dmn}", f"default regions at r > {want_t:.2f}")
        elif t is not None and isinstance(t, (int, float)) and t > want_t:
            c.problems.append(f"r > {want_t:.2f} already leaves at most {m} regions: look for the *first* "
                              "threshold on the grid that does, and stop there")
    return c.result()


def check_dmn_share_curve(fn) -> CheckResult:
    """dmn_share_curve(thresholds) -> for each threshold, the fraction of the regions above it that
    are in the Yeo default network (NaN where no region is above)."""
    c = Checker("dmn_share_curve")
    thresholds = np.round(np.arange(0.0, 0.5, 0.05), 2)
    got = c.call(fn, thresholds)
    if got is not None:
        want = []
        for t in thresholds:
            info = regions_above(t)
            want.append(info["n_dmn_above"] / info["n_above"] if info["n_above"] else np.nan)
        want = np.array(want)
        wrong_denominator = np.array([regions_above(t)["n_dmn_above"] / 78 for t in thresholds])
        g = np.asarray(got, dtype=float) if np.ndim(got) else None
        if g is not None and g.shape == want.shape and np.allclose(g, wrong_denominator, equal_nan=True) \
                and not np.allclose(g, want, equal_nan=True):
            c.check(False, "you divided by all 78 regions; the share is of the regions *above* the threshold")
        else:
            c.close(got, want, "the default-network share at each threshold", atol=1e-9)
    return c.result()
