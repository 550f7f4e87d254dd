"""Checkers for the exercises of chapter 4 (the monoamine hypothesis)."""

from __future__ import annotations

import math

import numpy as np

from ..demos.ch04 import depletion_table, occupancy_table
from ..models import pk, synapse
from . import Checker, CheckResult


def _hyperbola(d, omax, ed50):
    return omax * d / (d + ed50)


def _reference_fit(dose, occ, sd=None):
    from scipy.optimize import curve_fit

    kw = {"sigma": np.asarray(sd, float), "absolute_sigma": True} if sd is not None else {}
    p, _ = curve_fit(_hyperbola, np.asarray(dose, float), np.asarray(occ, float), p0=[80.0, 5.0], **kw)
    return float(p[0]), float(p[1])


def check_who_gets_worse(fn) -> CheckResult:
    """who_gets_worse(table, at_least) -> the groups (in table order) whose effect category is at
    least ``at_least`` (0 none, 1 slight, 2 moderate, 3 relapse)."""
    c = Checker("who_gets_worse")
    table = depletion_table()
    for level in (2, 1, 3):
        got = c.call(fn, table.copy(), level)
        if got is None:
            break
        want = list(table.loc[table["effect"] >= level, "group"])
        strict = list(table.loc[table["effect"] > level, "group"])
        if not c.check(isinstance(got, list), f"return a list of group names; got {type(got).__name__}",
                       "returns a list"):
            break
        if got == strict and got != want:
            c.check(False, f"at_least={level}: you left out the groups whose effect equals {level}; "
                           "'at least' includes the level itself (>=, not >)")
            break
        if sorted(got) == sorted(want) and got != want:
            c.check(False, f"at_least={level}: the right groups, but keep them in the table's order")
            continue
        c.check(got == want, f"at_least={level}: expected {want}, got {got}", f"groups with effect >= {level}")
    return c.result()


def check_days_to_steady_state(fn) -> CheckResult:
    """days_to_steady_state(t_half_h, fraction) -> days of regular dosing to reach ``fraction`` of
    steady state (linear kinetics)."""
    c = Checker("days_to_steady_state")
    for t_half, frac in ((26.0, 0.9), (96.0, 0.9), (216.0, 0.5), (168.0, 0.97)):
        got = c.call(fn, t_half, frac)
        if got is None:
            break
        want = pk.time_to_steady_state(t_half, frac) / 24.0
        try:
            g = float(got)
        except (TypeError, ValueError):
            c.check(False, f"return a number of days; got {got!r}")
            break
        if math.isclose(g, want * 24, rel_tol=1e-6):
            c.check(False, f"t_half_h={t_half:g}: {g:.4g} is in hours; divide by 24 to get days")
            break
        if frac != 0.5 and math.isclose(g, -math.log(frac) / (math.log(2) / t_half) / 24, rel_tol=1e-6):
            c.check(False, "use ln(1 - fraction), not ln(fraction): the level approaches steady state as "
                           "1 - exp(-k t)")
            break
        c.close(g, want, f"days to {frac:.0%} of steady state at t1/2 = {t_half:g} h", rtol=1e-6)
    return c.result()


def check_extra_per_100(fn) -> CheckResult:
    """extra_per_100(drug_pct, placebo_pct) -> (extra responders per 100 treated, NNT)."""
    c = Checker("extra_per_100")
    for a, b in ((24.5, 9.6), (58.7, 45.2), (50.0, 40.0)):
        got = c.call(fn, a, b)
        if got is None:
            break
        extra, nnt = c.unpack(got, 2, "(extra per 100, NNT)")
        if extra is None:
            break
        if isinstance(extra, (int, float)) and math.isclose(float(extra), a / b, rel_tol=1e-6):
            c.check(False, f"{a}% vs {b}%: {float(extra):.3g} is a ratio; the number of extra people per 100 "
                           "treated is a difference of percentages")
            break
        c.close(extra, a - b, f"extra per 100 for {a}% vs {b}%", rtol=1e-9, atol=1e-9)
        if isinstance(nnt, (int, float)) and math.isclose(float(nnt), 100 / a, rel_tol=1e-6):
            c.check(False, "the NNT is 100 divided by the *difference* in percentages, not by the drug's rate")
            break
        c.close(nnt, 100 / (a - b), f"NNT for {a}% vs {b}%", rtol=1e-9)
    return c.result()


def check_fit_occupancy(fn) -> CheckResult:
    """fit_occupancy(dose_mg, occupancy_pct, sd_pct=None) -> (omax_pct, ed50_mg): the hyperbola
    Omax * D / (D + ED50) fitted by least squares (weighted by the SDs when they are given)."""
    c = Checker("fit_occupancy")
    # exact synthetic points: any correct fit recovers the parameters
    d = np.array([1.0, 2.0, 5.0, 10.0, 20.0, 40.0])
    got = c.call(fn, d, _hyperbola(d, 85.0, 4.0))
    if got is not None:
        omax, ed50 = c.unpack(got, 2, "(omax_pct, ed50_mg)")
        if omax is not None:
            if isinstance(omax, (int, float)) and isinstance(ed50, (int, float)) \
                    and math.isclose(float(omax), 4.0, rel_tol=1e-3) and math.isclose(float(ed50), 85.0, rel_tol=1e-3):
                c.check(False, "return (omax, ed50) in that order; you returned them swapped")
            elif isinstance(omax, (int, float)) and math.isclose(float(omax), 100.0, rel_tol=1e-9):
                c.check(False, "Omax came back exactly 100: fit it as a parameter too (curve_fit with two "
                               "parameters), PET curves level off below 100%")
            else:
                c.close(omax, 85.0, "Omax recovered from exact points", rtol=1e-4)
                c.close(ed50, 4.0, "ED50 recovered from exact points", rtol=1e-4)
    if not c.problems:
        t = occupancy_table()
        one = t[(t["drug"] == "escitalopram") & (t["regimen"] == "single dose")]
        dose, occ, sd = (one[k].to_numpy(float) for k in ("dose_mg", "occupancy_pct", "sd_pct"))
        got = c.call(fn, dose, occ)
        if got is not None:
            omax, ed50 = c.unpack(got, 2, "(omax_pct, ed50_mg)")
            want = _reference_fit(dose, occ)
            if omax is not None:
                c.close(omax, want[0], "Omax for escitalopram after one dose (unweighted)", rtol=1e-3)
                c.close(ed50, want[1], "ED50 for escitalopram after one dose (unweighted)", rtol=1e-3)
        got = c.call(fn, dose, occ, sd)
        if got is not None:
            omax, ed50 = c.unpack(got, 2, "(omax_pct, ed50_mg)")
            want = _reference_fit(dose, occ, sd)
            unweighted = _reference_fit(dose, occ)
            if omax is not None:
                if isinstance(omax, (int, float)) and math.isclose(float(omax), unweighted[0], rel_tol=1e-4):
                    c.check(False, "with sd_pct given, weight the fit: "
                                   "curve_fit(..., sigma=sd_pct, absolute_sigma=True)")
                else:
                    c.close(omax, want[0], "Omax weighted by the SDs", rtol=1e-3)
                    c.close(ed50, want[1], "ED50 weighted by the SDs", rtol=1e-3)
    return c.result()


def check_first_dose_share(fn) -> CheckResult:
    """first_dose_share(table, drug, dose_mg) -> (single_pct, steady_pct, share): occupancy 6 h after
    one dose, 6 h after the last of 10 days of the same daily dose, and single / steady."""
    c = Checker("first_dose_share")
    table = occupancy_table()
    for drug, dose in (("escitalopram", 10.0), ("citalopram", 20.0)):
        got = c.call(fn, table.copy(), drug, dose)
        if got is None:
            break
        single, steady, share = c.unpack(got, 3, "(single_pct, steady_pct, share)")
        if single is None:
            break
        rows = table[(table["drug"] == drug) & (table["dose_mg"] == dose)]
        want_single = float(rows.loc[rows["regimen"] == "single dose", "occupancy_pct"].iloc[0])
        ten = rows[rows["regimen"] == "10 days"]
        want_steady = float(ten.loc[ten["hours_after_dose"] == 6, "occupancy_pct"].iloc[0])
        averaged = float(ten["occupancy_pct"].mean())
        if isinstance(steady, (int, float)) and math.isclose(float(steady), averaged, rel_tol=1e-6):
            c.check(False, f"{drug}: you averaged the 6 h and 54 h measurements; compare like with like, "
                           "6 h after the last dose as 6 h after the single dose")
            break
        c.close(single, want_single, f"{drug} {dose:g} mg: occupancy 6 h after one dose", rtol=1e-9)
        c.close(steady, want_steady, f"{drug} {dose:g} mg: occupancy after 10 days", rtol=1e-9)
        if isinstance(share, (int, float)) and math.isclose(float(share), want_steady / want_single, rel_tol=1e-6):
            c.check(False, "share is the single-dose occupancy divided by the steady-state one, not the reverse")
            break
        c.close(share, want_single / want_steady, f"{drug}: single / steady", rtol=1e-6)
    return c.result()


def _reference_days(tau, fraction):
    r = synapse.ssri_time_course(days=90.0, tau_des_days=tau)
    rise = r["forebrain_5ht"] - 1.0
    return float(r["t"][np.argmax(rise >= fraction * rise[-1])])


def check_days_to_full_effect(fn) -> CheckResult:
    """days_to_full_effect(tau_des_days, fraction) -> the first day on which the model's forebrain
    serotonin has risen by ``fraction`` of its rise at day 90."""
    c = Checker("days_to_full_effect")
    for tau, frac in ((4.0, 0.9), (8.0, 0.9), (16.0, 0.5)):
        got = c.call(fn, tau, frac)
        if got is None:
            break
        want = _reference_days(tau, frac)
        r = synapse.ssri_time_course(days=90.0, tau_des_days=tau)
        s = r["forebrain_5ht"]
        level_slip = float(r["t"][np.argmax(s >= frac * s[-1])])
        try:
            g = float(got)
        except (TypeError, ValueError):
            c.check(False, f"return a number of days; got {got!r}")
            break
        if not math.isclose(level_slip, want, abs_tol=0.1) and math.isclose(g, level_slip, abs_tol=0.06):
            c.check(False, f"tau={tau:g}: you compared the level with {frac:.0%} of its final level; the "
                           "question is about the *rise* above baseline (subtract the baseline, 1, first)")
            break
        c.close(g, want, f"day of {frac:.0%} of the rise, tau_des = {tau:g} days", atol=0.06)
    return c.result()
