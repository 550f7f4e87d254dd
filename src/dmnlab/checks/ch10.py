"""Checkers for the exercises of chapter 10 (Drugs in the body: interactions, pharmacogenetics and
safety)."""

from __future__ import annotations

import math

import numpy as np

from ..demos.ch10 import value
from ..models import interactions as ix
from . import Checker, CheckResult

LN2 = math.log(2.0)


def check_fraction_metabolised(fn) -> CheckResult:
    """fraction_metabolised(cl_normal, cl_poor) -> fm = 1 - cl_poor / cl_normal."""
    c = Checker("fraction_metabolised")
    cases = [(value("desipramine_cl_nm"), value("desipramine_cl_pm")), (100.0, 50.0), (80.0, 8.0)]
    for cl_n, cl_p in cases:
        got = c.call(fn, cl_n, cl_p)
        if got is None:
            break
        want = 1 - cl_p / cl_n
        if isinstance(got, (int, float, np.floating)) and math.isclose(float(got), cl_p / cl_n, rel_tol=1e-6) \
                and not math.isclose(want, cl_p / cl_n):
            c.check(False, f"fraction_metabolised({cl_n:g}, {cl_p:g}) returned {float(got):.3f} = cl_poor / cl_normal: "
                           "that is the share of clearance that is left without the enzyme; fm is the share that "
                           "goes through it")
            break
        if not c.close(got, want, f"fm for clearances {cl_n:g} and {cl_p:g}", rtol=1e-6):
            break
    return c.result()


def check_exposure_ratio(fn) -> CheckResult:
    """exposure_ratio(fm, remaining_activity) -> 1 / (fm a + 1 - fm), for numbers and numpy arrays."""
    c = Checker("exposure_ratio")
    got = c.call(fn, 0.9, 0.0)
    if got is None:
        return c.result()
    if np.ndim(got) == 0 and math.isclose(float(got), 1.0, rel_tol=1e-6):
        c.check(False, "exposure_ratio(0.9, 0.0) returned 1: remaining_activity = 0 means the enzyme is fully "
                       "blocked (a poor metaboliser), not untouched. Did you use the fraction inhibited in place "
                       "of the activity that is left?")
        return c.result()
    c.close(got, 10.0, "a poor metaboliser (a = 0) with fm 0.9: 1 / (1 - fm)", rtol=1e-6)
    got = c.call(fn, 0.9, 1.0)
    if got is not None:
        c.close(got, 1.0, "no interaction (a = 1)", rtol=1e-6)
    fm = np.array([0.2, 0.5, 0.85, 0.98])
    got = c.call(fn, fm, 0.03)
    if got is not None:
        c.close(got, ix.auc_ratio(fm, 0.03), "an array of fm values with a strong inhibitor (a = 0.03)", rtol=1e-6)
    a = np.array([0.0, 0.25, 1.0, 1.5])
    got = c.call(fn, 0.85, a)
    if got is not None:
        c.close(got, ix.auc_ratio(0.85, a), "CYP2D6 phenotypes as activities 0, 0.25, 1, 1.5", rtol=1e-6)
    return c.result()


def _reference_course(t_h, t_half_h, ratio, tau_h):
    t = np.asarray(t_h, dtype=float)
    k = LN2 / t_half_h
    doses = np.arange(0.0, t.max() + 1e-9, tau_h)
    dt = t[:, None] - doses[None, :]
    c = np.where(dt >= 0, np.exp(-(k / ratio) * np.clip(dt, 0, None)), 0.0).sum(axis=1)
    return c * k * tau_h


def check_level_course(fn) -> CheckResult:
    """level_course(t_h, t_half_h, ratio, tau_h) -> relative level with doses at 0, tau, 2 tau, ...
    absorbed at once; 1 = the average steady-state level without the interaction."""
    c = Checker("level_course")
    t = np.arange(0.0, 24 * 28 + 0.5, 1.0)
    for t_half, ratio in ((21.0, 1.0), (21.0, 5.9), (30.0, 2.0)):
        got = c.call(fn, t, t_half, ratio, 24.0)
        if got is None:
            break
        want = _reference_course(t, t_half, ratio, 24.0)
        g = np.asarray(got, dtype=float) if np.ndim(got) else None
        if g is not None and g.shape == want.shape and ratio != 1.0:
            fast = _reference_course(t, t_half, 1.0, 24.0) * ratio
            if np.allclose(g, fast, rtol=1e-4):
                c.check(False, f"with ratio {ratio:g} your level jumps to its new plateau at once: you multiplied the "
                               "level by the ratio but kept the half-life. Less clearance means a longer half-life "
                               "(k divided by the ratio), so the new plateau is reached slowly")
                break
            if np.allclose(g, want / want[-48:].mean(), rtol=1e-3):
                c.check(False, "the shape is right but the scale is not: 1 must be the average steady-state level "
                               "*without* the interaction (multiply by k tau using the usual k)")
                break
        if not c.close(got, want, f"the course with half-life {t_half:g} h and ratio {ratio:g}", rtol=1e-4,
                        atol=1e-6):
            break
    return c.result()


def check_predicted_desipramine_ratio(fn) -> CheckResult:
    """predicted_desipramine_ratio(table, inhibitor) -> the static model's desipramine exposure ratio,
    fm from the clearances of poor and normal metabolisers, the remaining activity from the
    dextromethorphan/dextrorphan ratios before and during the inhibitor."""
    from ..demos.ch10 import load_interactions, predicted_ratio

    c = Checker("predicted_desipramine_ratio")
    table = load_interactions()
    for inhibitor in ("paroxetine", "fluoxetine", "bupropion"):
        got = c.call(fn, table.copy(), inhibitor)
        if got is None:
            break
        want = predicted_ratio("desipramine", inhibitor)
        if np.ndim(got) == 0 and isinstance(got, (int, float, np.floating)) and float(got) < 1.0:
            c.check(False, f"{inhibitor}: you predict a *fall* in exposure (x{float(got):.2f}). The metabolic ratio "
                           "rises when CYP2D6 is inhibited, so the activity left is before / during, not during / "
                           "before")
            break
        if not c.close(got, want, f"the prediction for desipramine with {inhibitor}", rtol=1e-4):
            break
    return c.result()


def check_days_below(fn) -> CheckResult:
    """days_below(t_half_h, t_half_metabolite_h, threshold) -> days after a steady input stops until
    the drug *and* its metabolite are both below ``threshold`` of their levels at stopping (to 0.05 d);
    t_half_metabolite_h may be None (no active metabolite)."""
    c = Checker("days_below")
    t = np.arange(0.0, 24 * 120, 0.01)
    cases = [(21.0, None, 0.1), (96.0, 216.0, 0.1), (5.0, 11.0, 0.1), (96.0, 216.0, 0.5)]
    for th, tm, thr in cases:
        got = c.call(fn, th, tm, thr)
        if got is None:
            break
        level = ix.fraction_remaining_after_stop(t, th)
        if tm is not None:
            level = np.maximum(level, ix.fraction_remaining_after_stop(t, th, tm))
        want = t[np.argmax(level < thr)] / 24
        parent_only = t[np.argmax(ix.fraction_remaining_after_stop(t, th) < thr)] / 24
        what = f"half-lives {th:g} h" + (f" and {tm:g} h" if tm else "") + f", threshold {thr:g}"
        if tm is not None and np.ndim(got) == 0 and isinstance(got, (int, float, np.floating)) \
                and abs(float(got) - parent_only) < 0.06 and abs(parent_only - want) > 0.06:
            c.check(False, f"{what}: {float(got):.2f} days is when the *drug* falls below the threshold; its active "
                           f"metabolite stays above it until about day {want:.1f}")
            break
        if not c.close(got, want, what, atol=0.05, rtol=0):
            break
    return c.result()
