"""Effect sizes of treatments: odds ratios from two arms, and relapse curves from a hazard ratio
(chapter 9).

Two small models, each checked against published numbers in tests/test_ch09_models.py:

* :func:`odds_ratio_ci`: the odds ratio of two arms' event counts with Woolf's (log-scale)
  confidence interval, adding 0.5 to every cell when a cell is zero (Haldane-Anscombe).
* :func:`relapse_curves`: cumulative relapse in a comparison group and in a treated group under
  proportional hazards. The comparison group's relapse follows a constant hazard (exponential
  survival) fixed by its cumulative risk at ``horizon_weeks``; the treated group's survival is
  the comparison group's raised to the power of the hazard ratio, S_t(t) = S_c(t)**HR, which is
  what a hazard ratio means when hazards are proportional. The constant hazard is a modelling
  choice (the published analyses do not assume it); the hazard ratio is the published number.

Pure numpy; no plotting.
"""

from __future__ import annotations

import math

import numpy as np

from ..validate import check_array, check_int, check_number
from .trials import z_for_level

__all__ = ["odds_ratio_ci", "percent", "relapse_curves", "risk_at", "hazard_ratio_from_survival",
           "absolute_risk_reduction", "nnt_from_hr", "simulate_exponential_trial", "exponential_hr"]


def _counts(events, n, name: str) -> tuple:
    n = check_int(f"n_{name}", n, 1)
    k = check_int(f"events_{name}", events, 0, n)
    return k, n


def percent(events, n) -> float:
    """``100 * events / n`` (events in [0, n], n >= 1)."""
    k, n = _counts(events, n, "arm")
    return 100.0 * k / n


def odds_ratio_ci(events_treat, n_treat, events_control, n_control, level: float = 0.95) -> tuple:
    """Odds ratio (treatment vs control) with Woolf's confidence interval: ``(or, low, high)``.

    With a = events and b = non-events on treatment, c and d on control, OR = (a d) / (b c) and
    the interval is exp(log OR +/- z * sqrt(1/a + 1/b + 1/c + 1/d)). If any cell is zero, 0.5 is
    added to all four cells first. OR > 1 means the event (response, remission) is more likely on
    treatment.
    """
    a, n1 = _counts(events_treat, n_treat, "treat")
    c, n2 = _counts(events_control, n_control, "control")
    level = check_number("level", level, 0.5, 0.999)
    b, d = n1 - a, n2 - c
    cells = np.array([a, b, c, d], dtype=float)
    if np.any(cells == 0):
        cells = cells + 0.5
    a_, b_, c_, d_ = cells
    log_or = math.log((a_ * d_) / (b_ * c_))
    se = math.sqrt(float(np.sum(1.0 / cells)))
    z = z_for_level(level)
    return math.exp(log_or), math.exp(log_or - z * se), math.exp(log_or + z * se)


def _risk(name: str, value) -> float:
    return check_number(name, value, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)


def _hr(value) -> float:
    return check_number("hazard_ratio", value, 0.01, 10.0)


def relapse_curves(weeks, control_risk, hazard_ratio, horizon_weeks: float = 60.0) -> tuple:
    """Cumulative relapse (0-1) at each time in ``weeks``: ``(control, treated)``.

    Parameters
    ----------
    weeks : times (weeks, >= 0).
    control_risk : cumulative relapse in the comparison group at ``horizon_weeks``, in (0, 1).
    hazard_ratio : treated vs comparison hazard ratio, in [0.01, 10].
    horizon_weeks : the time at which ``control_risk`` applies (weeks, > 0).
    """
    t = check_array("weeks", weeks, ndim=1)
    if np.any(t < 0):
        raise ValueError("weeks must be >= 0")
    p = _risk("control_risk", control_risk)
    hr = _hr(hazard_ratio)
    horizon = check_number("horizon_weeks", horizon_weeks, 0.0, None, lo_inclusive=False, unit="weeks")
    rate = -math.log(1.0 - p) / horizon              # constant hazard per week
    s_control = np.exp(-rate * t)
    return 1.0 - s_control, 1.0 - s_control ** hr


def risk_at(week, control_risk, hazard_ratio, horizon_weeks: float = 60.0) -> tuple:
    """``(control, treated)`` cumulative relapse at one time (weeks)."""
    week = check_number("week", week, 0.0, None, unit="weeks")
    c, t = relapse_curves(np.array([week]), control_risk, hazard_ratio, horizon_weeks)
    return float(c[0]), float(t[0])


def hazard_ratio_from_survival(survival_treated, survival_control) -> np.ndarray:
    """The hazard ratio implied at each time by two survival curves: log S_t / log S_c.

    Both curves must lie strictly between 0 and 1 (at t = 0 the ratio is undefined)."""
    st = check_array("survival_treated", survival_treated, ndim=1)
    sc = check_array("survival_control", survival_control, ndim=1)
    if st.shape != sc.shape:
        raise ValueError("survival_treated and survival_control must have the same length; "
                         f"got {st.shape} and {sc.shape}")
    for name, s in (("survival_treated", st), ("survival_control", sc)):
        if np.any((s <= 0) | (s >= 1)):
            raise ValueError(f"{name} must lie strictly between 0 and 1 (drop t = 0)")
    return np.log(st) / np.log(sc)


def absolute_risk_reduction(week, control_risk, hazard_ratio, horizon_weeks: float = 60.0) -> float:
    """Control minus treated cumulative relapse at ``week`` (positive = fewer relapses on treatment)."""
    c, t = risk_at(week, control_risk, hazard_ratio, horizon_weeks)
    return c - t


def nnt_from_hr(week, control_risk, hazard_ratio, horizon_weeks: float = 60.0) -> float:
    """Number needed to treat to prevent one relapse by ``week``: 1 / ARR (``inf`` if HR = 1,
    negative if the treatment does harm)."""
    arr = absolute_risk_reduction(week, control_risk, hazard_ratio, horizon_weeks)
    return math.inf if arr == 0 else 1.0 / arr


def simulate_exponential_trial(n_per_arm, weekly_hazard, hazard_ratio, follow_weeks: float = 60.0,
                               seed: int = 0) -> tuple:
    """Simulated two-arm trial with exponential times to relapse, censored at ``follow_weeks``.

    Returns ``(time, event, treated)`` arrays (event 1 = relapse seen, 0 = censored). Used to
    check that :func:`exponential_hr` recovers the hazard ratio it was given.
    """
    n = check_int("n_per_arm", n_per_arm, 10, 10_000_000)
    lam = check_number("weekly_hazard", weekly_hazard, 0.0, 1.0, lo_inclusive=False)
    hr = _hr(hazard_ratio)
    follow = check_number("follow_weeks", follow_weeks, 0.0, None, lo_inclusive=False, unit="weeks")
    rng = np.random.default_rng(check_int("seed", seed, 0))
    treated = np.r_[np.zeros(n, bool), np.ones(n, bool)]
    rate = np.where(treated, lam * hr, lam)
    t_event = rng.exponential(1.0 / rate)
    event = (t_event <= follow).astype(int)
    return np.minimum(t_event, follow), event, treated


def exponential_hr(time, event, treated) -> float:
    """Maximum-likelihood hazard ratio of two arms under constant hazards: the ratio of
    events per person-week, treated over control."""
    t = check_array("time", time, ndim=1)
    e = check_array("event", event, ndim=1)
    g = np.asarray(treated, dtype=bool)
    if not (t.shape == e.shape == g.shape):
        raise ValueError("time, event and treated must have the same length")
    rates = []
    for arm in (True, False):
        sel = g == arm
        if not sel.any() or e[sel].sum() == 0:
            raise ValueError("each arm needs at least one person and one event")
        rates.append(e[sel].sum() / t[sel].sum())
    return float(rates[0] / rates[1])
