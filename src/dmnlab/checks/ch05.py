"""Checkers for the exercises of chapter 5 (glutamate, neuroplasticity and ketamine)."""

from __future__ import annotations

import math

import numpy as np

from ..facts import load_facts
from ..models import ketamine as km
from ..models import trials
from . import Checker, CheckResult


def _num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def check_enantiomer_constants(fn) -> CheckResult:
    """enantiomer_constants(ki_s_um, ki_r_um) -> (how many times more tightly S binds than R,
    apparent Ki of the 50:50 racemate in uM)."""
    c = Checker("enantiomer_constants")
    for ks, kr in ((0.3, 1.4), (1.0, 4.0), (0.5, 0.5)):
        got = c.call(fn, ks, kr)
        if got is None:
            break
        ratio, rac = c.unpack(got, 2, "(ratio, racemic Ki)")
        if ratio is None:
            break
        if _num(ratio) is not None and ks != kr and math.isclose(_num(ratio), ks / kr, rel_tol=1e-6):
            c.check(False, "the ratio is upside down: a smaller Ki means tighter binding, so divide the R "
                           "constant by the S constant")
            break
        c.close(ratio, kr / ks, f"ratio for Ki S = {ks:g}, R = {kr:g} uM", rtol=1e-9)
        if _num(rac) is not None and ks != kr and math.isclose(_num(rac), (ks + kr) / 2, rel_tol=1e-6):
            c.check(False, "the racemate's Ki is not the average of the two constants: each half of the "
                           "mixture adds its own binding (concentration / Ki), so average 1/Ki and invert")
            break
        c.close(rac, km.ki_racemic_um(ks, kr), f"racemic Ki for Ki S = {ks:g}, R = {kr:g} uM", rtol=1e-9)
    return c.result()


def _want_regulatory(facts, prefix):
    return sorted((fid, f.value, f.as_of) for fid, f in facts.items() if fid.startswith(prefix))


def check_regulatory_facts(fn) -> CheckResult:
    """regulatory_facts(facts, prefix) -> sorted list of (id, value, as_of) for every registered
    fact whose id starts with ``prefix``."""
    c = Checker("regulatory_facts")
    facts = load_facts()
    for prefix in ("esketamine_", "ketamine_"):
        got = c.call(fn, facts, prefix)
        if got is None:
            break
        if not c.check(isinstance(got, list), f"return a list of (id, value, as_of) tuples; got {type(got).__name__}",
                       "returns a list"):
            break
        want = _want_regulatory(facts, prefix)
        rows = [tuple(r) if isinstance(r, (list, tuple)) else r for r in got]
        loose = sorted((fid, f.value, f.as_of) for fid, f in facts.items() if prefix in fid)
        if rows == loose and loose != want:
            c.check(False, f"prefix {prefix!r}: you kept every id that *contains* it (e.g. 'esketamine_...' "
                           "contains 'ketamine_'); keep the ids that *start* with it")
            break
        if sorted(rows) == want and rows != want:
            c.check(False, f"prefix {prefix!r}: the right facts, but sort them by id")
            break
        if rows and isinstance(rows[0], tuple) and len(rows[0]) != 3:
            c.check(False, "each item should be a tuple (id, value, as_of)")
            break
        c.check(rows == want, f"prefix {prefix!r}: expected {len(want)} facts {[w[0] for w in want]}, got "
                              f"{[r[0] if isinstance(r, tuple) and r else r for r in rows]}",
                f"the {len(want)} facts starting with {prefix!r}")
    return c.result()


def _reference_hours(level):
    t = np.linspace(0, 48, 5761)
    return km.time_above(t, km.plasma_concentration(t), level)


def check_hours_above(fn) -> CheckResult:
    """hours_above(level_ng_ml) -> hours during which the model's plasma ketamine exceeds the level
    after one 0.5 mg/kg infusion over 40 minutes."""
    c = Checker("hours_above")
    for level in (50.0, 100.0, 10.0):
        got = c.call(fn, level)
        if got is None:
            break
        want = _reference_hours(level)
        g = _num(got)
        if g is None:
            c.check(False, f"return a number of hours; got {got!r}")
            break
        if math.isclose(g, want * 60, rel_tol=0.01):
            c.check(False, f"level {level:g}: {g:.4g} looks like minutes; return hours")
            break
        c.close(g, want, f"hours above {level:g} ng/mL", rtol=0.0, atol=0.02)
    return c.result()


def _reference_peak(pref):
    grid = np.geomspace(5, 3000, 400)
    burst = km.glutamate_burst(grid / km.MW_KETAMINE, pref)
    i = int(np.argmax(burst))
    return float(grid[i]), float(burst[i])


def check_burst_peak(fn) -> CheckResult:
    """burst_peak(preference) -> (concentration in ng/mL on the grid np.geomspace(5, 3000, 400) where
    the model's glutamate burst is largest, the burst there)."""
    c = Checker("burst_peak")
    for pref in (4.0, 8.0):
        got = c.call(fn, pref)
        if got is None:
            if c.problems and "conc_um" in c.problems[-1]:
                c.problems[-1] += " (the model takes micromolar: divide ng/mL by km.MW_KETAMINE first)"
            break
        conc, burst = c.unpack(got, 2, "(concentration in ng/mL, burst)")
        if conc is None:
            break
        want_c, want_b = _reference_peak(pref)
        if _num(conc) is not None and math.isclose(_num(conc), want_c / km.MW_KETAMINE, rel_tol=1e-6):
            c.check(False, "you returned the concentration in uM; the question asks for ng/mL")
            break
        c.close(conc, want_c, f"concentration of the largest burst, preference {pref:g}", rtol=1e-6)
        c.close(burst, want_b, f"size of the largest burst, preference {pref:g}", rtol=1e-6)
    got = c.call(fn, 1.0)
    if got is not None:
        conc, burst = c.unpack(got, 2, "(concentration in ng/mL, burst)")
        if burst is not None:
            c.check(_num(burst) is not None and abs(_num(burst)) < 1e-9,
                    f"with preference=1.0 the model has no burst anywhere (0); got {burst!r}",
                    "no burst without preferential interneuron block")
    return c.result()


def _reference_nnt(et, nt, ec, nc):
    r = trials.nnt_interval(et / nt, ec / nc, nt, nc, method="wald")
    return r["nnt"], r["nnt_low"], r["nnt_high"]


def check_nnt_with_ci(fn) -> CheckResult:
    """nnt_with_ci(events_treat, n_treat, events_control, n_control) -> (NNT, low, high): the NNT and
    its 95% interval, the reciprocal of the Wald interval of the risk difference."""
    c = Checker("nnt_with_ci")
    for et, nt, ec, nc in ((182, 310, 94, 208), (60, 100, 40, 100), (45, 90, 20, 80)):
        got = c.call(fn, et, nt, ec, nc)
        if got is None:
            break
        nnt, lo, hi = c.unpack(got, 3, "(nnt, low, high)")
        if nnt is None:
            break
        want = _reference_nnt(et, nt, ec, nc)
        g = [_num(x) for x in (nnt, lo, hi)]
        if None in g:
            c.check(False, f"return three numbers; got {got!r}")
            break
        if math.isclose(g[1], want[2], rel_tol=2e-3) and math.isclose(g[2], want[1], rel_tol=2e-3):
            c.check(False, f"{et}/{nt} vs {ec}/{nc}: the ends are swapped: the *upper* end of the risk "
                           "difference gives the *lower* end of the NNT")
            break
        p1, p2 = et / nt, ec / nc
        rd = p1 - p2
        se_no_sqrt = p1 * (1 - p1) / nt + p2 * (1 - p2) / nc
        if math.isclose(g[1], 1 / (rd + 1.96 * se_no_sqrt), rel_tol=1e-3):
            c.check(False, "the standard error is the square root of p1(1-p1)/n1 + p2(1-p2)/n2")
            break
        c.close(g[0], want[0], f"NNT for {et}/{nt} vs {ec}/{nc}", rtol=1e-6)
        c.close(g[1:], want[1:], f"95% interval of the NNT for {et}/{nt} vs {ec}/{nc}", rtol=2e-3)
    return c.result()


def _reference_spine_days(schedule, tau, level):
    r = km.plasticity_cascade(schedule, tau)
    t, s = r["t_h"], r["spines"]
    last = max(km.dose_schedule(schedule)) * 24.0
    above = np.flatnonzero(s > level)
    return float((t[above[-1]] - last) / 24.0) if above.size else 0.0


def check_spine_days(fn) -> CheckResult:
    """spine_days(schedule, tau_spine_days, level) -> days from the LAST dose until the model's extra
    spines fall below ``level`` for good."""
    c = Checker("spine_days")
    for schedule, tau in (("single", 5.0), ("induction", 5.0), ("induction", 10.0)):
        got = c.call(fn, schedule, tau, 0.1)
        if got is None:
            break
        g = _num(got)
        if g is None:
            c.check(False, f"return a number of days; got {got!r}")
            break
        want = _reference_spine_days(schedule, tau, 0.1)
        if schedule == "induction" and math.isclose(g, want + max(km.dose_schedule(schedule)), abs_tol=0.02):
            c.check(False, "count from the last dose (day 24 of the induction schedule), not from day 0")
            break
        c.close(g, want, f"days above 0.1 after the last dose ({schedule}, tau {tau:g} days)", rtol=0.0, atol=0.02)
    return c.result()
