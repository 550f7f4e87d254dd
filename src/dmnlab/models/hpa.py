"""A model of the hypothalamic-pituitary-adrenal (HPA) axis: CRH -> ACTH -> cortisol, with
glucocorticoid-receptor (GR) negative feedback, a daily (circadian) drive, stressors and a
simulated dexamethasone suppression test.

This is a **model**, not data. Its core is the scaled HPA model of Gupta, Aslakson, Gurbaxani &
Vernon (2007, Theor Biol Med Model 4:8, doi 10.1186/1742-4682-4-8), their scaled equations
(9)-(12), with their scaled parameter values (:data:`GUPTA2007`), as encoded in the CellML
Model Repository version of the paper (checked against that encoding; the paper's abstract was
read for the bistability result)::

    dC/dt = (1 + F) / (1 + O / K_i1)     - k_cd C          CRH (hypothalamus)
    dA/dt = C / (1 + O R / K_i2)         - k_ad A          ACTH (pituitary)
    dO/dt = A                            - O               cortisol (adrenal; time is scaled
                                                            by cortisol's elimination rate)
    dR/dt = (O R)^2 / (K + (O R)^2) + k_cr - k_rd R        pituitary GR (self-induced)

Four changes make it a teaching model; each is **illustrative** (:data:`ILLUSTRATIVE`), chosen
by the course, not fitted to data:

1. *A daily drive.* CRH secretion is multiplied by ``1 + a cos(2 pi (t - t_peak) / 24 h)``, as in
   the minimal HPA models that add a circadian input to the CRH equation (Vinther, Andersen &
   Ottesen 2011; Andersen, Vinther & Ottesen 2013). Their circadian function and parameter
   values are *not* used here.
2. *GR held at its normal level.* Gupta et al.'s GR self-induction makes the model bistable
   (a normal low-GR state and a high-GR state). Here R is fixed at the normal low-GR steady
   state (:func:`gupta_steady_states`), so that one number, the feedback gain, sets the
   strength of feedback. ``gr_dynamics=True`` in :func:`gupta_rhs` restores the published
   four-variable model.
3. *A feedback gain* ``g`` multiplies the feedback signal in both inhibition terms
   (``O / K_i1`` -> ``g O / K_i1``; ``O R / K_i2`` -> ``g O R / K_i2``). ``g = 1`` is the
   published model; ``g < 1`` stands for glucocorticoid resistance (weaker GR signalling).
4. *Dexamethasone* is a synthetic glucocorticoid that acts on GR but is not measured as
   cortisol. It is a bolus ``D`` that decays exponentially and adds to the feedback signal
   (``O`` -> ``O + D``). Dose, potency and half-life are illustrative.

Time: one model time unit is taken as 1 hour (the CellML encoding's unit; an illustrative
choice). Cortisol is reported in relative units: percent of the healthy model's (``g = 1``)
24-hour mean.

The dexamethasone suppression test follows the protocol standardized by Carroll et al. (1981,
Arch Gen Psychiatry 38:15-22): dexamethasone at 11 pm, cortisol sampled the next day; the
result is abnormal (non-suppression) if any sample is above a criterion (5 ug/dL in Carroll's
study); the model counts a sample at or above its own criterion as non-suppressed. The model has
no absolute units, so its criterion is an illustrative fraction of the healthy model's 24-hour mean
(:data:`ILLUSTRATIVE` ``"dst_criterion_percent"``).

Integration: a fixed-step fourth-order Runge-Kutta scheme (step 0.05 h) written with plain
floats, which is fast and deterministic; ``tests/test_ch02_hpa.py`` checks it against scipy's
``solve_ivp`` with tight tolerances.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ..validate import check_bool, check_number

__all__ = [
    "GUPTA2007",
    "ILLUSTRATIVE",
    "DT_H",
    "gupta_rhs",
    "gupta_steady_states",
    "normal_gr_level",
    "simulate",
    "daily_cortisol",
    "mean_cortisol",
    "stress_response",
    "dexamethasone_test",
    "suppression_failure_gain",
]

#: Scaled parameter values of Gupta et al. (2007), equations (9)-(12) (CellML encoding).
GUPTA2007 = {
    "k_cd": 1.0,    # CRH elimination rate (scaled)
    "K_i1": 0.1,    # cortisol concentration for half-maximal inhibition of CRH secretion
    "k_ad": 10.0,   # ACTH elimination rate (scaled)
    "K_i2": 0.1,    # cortisol-GR complex for half-maximal inhibition of ACTH secretion
    "k_cr": 0.05,   # basal GR synthesis
    "k_rd": 0.9,    # GR elimination rate
    "K": 0.001,     # dissociation constant of GR self-induction
}

#: Values chosen by the course for teaching (not fitted, not from a paper).
ILLUSTRATIVE = {
    "hours_per_unit": 1.0,            # one model time unit = 1 h
    "circadian_amplitude": 0.8,       # relative swing of the CRH drive over the day
    "crh_peak_clock_h": 6.0,          # clock time of the CRH drive's maximum
    "dex_half_life_h": 12.0,          # decay half-life of the dexamethasone feedback signal
    "dex_dose": 1.0,                  # bolus, in units of the model's cortisol feedback signal
    "dex_clock_h": 23.0,              # 11 pm, as in Carroll et al. (1981)
    "dst_sample_clock_h": (8.0, 16.0, 23.0),   # next-day samples (8 am, 4 pm, 11 pm)
    "dst_criterion_percent": 40.0,    # non-suppression if a sample >= this % of the normal mean
}

#: Integration step (hours) of the fixed-step Runge-Kutta scheme.
DT_H = 0.05

_P = GUPTA2007


def gupta_rhs(state, *, stress: float = 0.0, feedback_gain: float = 1.0, gr_dynamics: bool = True):
    """Right-hand side of Gupta et al.'s (2007) scaled equations (9)-(12), no daily drive.

    ``state`` = (CRH, ACTH, cortisol, GR). ``stress`` >= 0 is their F (0 = unstressed);
    ``feedback_gain`` in [0, 2] multiplies the feedback signal (1 = published model). With
    ``gr_dynamics=False`` the GR derivative is 0 (GR held fixed). Returns a numpy array.
    """
    y = np.asarray(state, dtype=float)
    if y.shape != (4,) or not np.all(np.isfinite(y)) or np.any(y < 0):
        raise ValueError(f"state must be 4 non-negative finite numbers (CRH, ACTH, cortisol, GR); got {state!r}")
    stress = check_number("stress", stress, 0.0, 100.0)
    g = check_number("feedback_gain", feedback_gain, 0.0, 2.0)
    gr_dynamics = check_bool("gr_dynamics", gr_dynamics)
    c, a, o, r = y
    dc = (1.0 + stress) / (1.0 + g * o / _P["K_i1"]) - _P["k_cd"] * c
    da = c / (1.0 + g * o * r / _P["K_i2"]) - _P["k_ad"] * a
    do = a - o
    dr = ((o * r) ** 2 / (_P["K"] + (o * r) ** 2) + _P["k_cr"] - _P["k_rd"] * r) if gr_dynamics else 0.0
    return np.array([dc, da, do, dr])


@functools.lru_cache(maxsize=8)
def _steady_states(g: float) -> tuple:
    from scipy.optimize import brentq

    # Steady state: for a given GR level r, cortisol o solves o = A = C / (k_ad (1 + g o r / K_i2))
    # with C = 1 / (k_cd (1 + g o / K_i1)); then r must satisfy the GR equation.
    def cortisol_given_r(r):
        def f(o):
            return o - (1.0 / (_P["k_cd"] * (1 + g * o / _P["K_i1"]))) / (_P["k_ad"] * (1 + g * o * r / _P["K_i2"]))

        return brentq(f, 0.0, 1.0 / _P["k_ad"] + 1e-12)

    def gr_balance(r):
        o = cortisol_given_r(r)
        return (o * r) ** 2 / (_P["K"] + (o * r) ** 2) + _P["k_cr"] - _P["k_rd"] * r

    grid = np.linspace(1e-6, 2.0, 4001)
    vals = np.array([gr_balance(r) for r in grid])
    out = []
    for i in np.flatnonzero(np.sign(vals[:-1]) != np.sign(vals[1:])):
        r = brentq(gr_balance, grid[i], grid[i + 1], xtol=1e-14)
        o = cortisol_given_r(r)
        c = 1.0 / (_P["k_cd"] * (1 + g * o / _P["K_i1"]))
        y = np.array([c, o, o, r])
        jac = np.empty((4, 4))
        h = 1e-7
        f0 = gupta_rhs(y, feedback_gain=g)
        for j in range(4):
            yj = y.copy()
            yj[j] += h
            jac[:, j] = (gupta_rhs(yj, feedback_gain=g) - f0) / h
        stable = bool(np.all(np.linalg.eigvals(jac).real < 0))
        out.append((tuple(float(v) for v in y), stable))
    return tuple(out)


def gupta_steady_states(feedback_gain: float = 1.0) -> list:
    """Steady states of Gupta et al.'s (2007) four-variable model without stress or daily drive.

    Returns a list of dicts ``{"crh", "acth", "cortisol", "gr", "stable"}`` ordered by GR level.
    With the published parameters there are three: a stable low-GR (normal) state, an
    unstable middle state and a stable high-GR state (the paper's bistability).
    ``feedback_gain`` in [0.05, 2].
    """
    g = check_number("feedback_gain", feedback_gain, 0.05, 2.0)
    return [dict(crh=y[0], acth=y[1], cortisol=y[2], gr=y[3], stable=s) for y, s in _steady_states(round(g, 10))]


def normal_gr_level() -> float:
    """GR level of the published model's normal (low-GR, stable) steady state (scaled units)."""
    return gupta_steady_states(1.0)[0]["gr"]


def _check_common(feedback_gain, days):
    g = check_number("feedback_gain", feedback_gain, 0.1, 1.5)
    days = check_number("days", days, 1.0, 10.0, unit="days")
    return g, days


def _integrate(y0, t0_h, n_steps, g, r, stress_size, stress_on, stress_off, dex_dose, dex_t_h, record=True):
    """Fixed-step RK4 of the teaching model (CRH, ACTH, cortisol, dexamethasone signal)."""
    amp = ILLUSTRATIVE["circadian_amplitude"]
    peak = ILLUSTRATIVE["crh_peak_clock_h"]
    kdex = math.log(2.0) / ILLUSTRATIVE["dex_half_life_h"]
    ki1, ki2, kcd, kad = _P["K_i1"], _P["K_i2"], _P["k_cd"], _P["k_ad"]
    w = 2.0 * math.pi / 24.0
    dt = DT_H

    def f(t, c, a, o, d):
        drive = 1.0 + amp * math.cos(w * (t - peak))
        if stress_on <= t < stress_off:
            drive += stress_size
        fb = g * (o + d)
        return (drive / (1.0 + fb / ki1) - kcd * c,
                c / (1.0 + fb * r / ki2) - kad * a,
                a - o,
                -kdex * d)

    c, a, o, d = y0
    rows = [(t0_h, c, a, o, d)] if record else None
    for i in range(n_steps):
        t = t0_h + i * dt
        if dex_t_h is not None and abs(t - dex_t_h) < dt / 2:
            d += dex_dose
        k1 = f(t, c, a, o, d)
        k2 = f(t + dt / 2, c + dt / 2 * k1[0], a + dt / 2 * k1[1], o + dt / 2 * k1[2], d + dt / 2 * k1[3])
        k3 = f(t + dt / 2, c + dt / 2 * k2[0], a + dt / 2 * k2[1], o + dt / 2 * k2[2], d + dt / 2 * k2[3])
        k4 = f(t + dt, c + dt * k3[0], a + dt * k3[1], o + dt * k3[2], d + dt * k3[3])
        c += dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
        a += dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
        o += dt / 6 * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2])
        d += dt / 6 * (k1[3] + 2 * k2[3] + 2 * k3[3] + k4[3])
        if record:
            rows.append((t0_h + (i + 1) * dt, c, a, o, d))
    return (c, a, o, d), rows


@functools.lru_cache(maxsize=64)
def _cycle_start(g: float) -> tuple:
    """State at midnight on the stable daily cycle for feedback gain g (after a 3-day burn-in)."""
    s = gupta_steady_states(1.0)[0]
    y0 = (s["crh"], s["acth"], s["cortisol"], 0.0)
    steps = int(round(24.0 / DT_H))
    y = y0
    for _ in range(3):
        y, _ = _integrate(y, 0.0, steps, g, normal_gr_level(), 0.0, -1.0, -1.0, 0.0, None, record=False)
    return y


@functools.lru_cache(maxsize=512)
def _simulate(g, days, stress_size, stress_start_h, stress_duration_h, dex_dose, dex_t_h):
    n = int(round(days * 24.0 / DT_H))
    y0 = _cycle_start(g)
    on = stress_start_h if stress_size > 0 else -1.0
    off = stress_start_h + stress_duration_h if stress_size > 0 else -1.0
    _, rows = _integrate(y0, 0.0, n, g, normal_gr_level(), stress_size, on, off, dex_dose, dex_t_h)
    arr = np.array(rows)
    arr.setflags(write=False)
    return arr


@functools.lru_cache(maxsize=1)
def _normal_mean_cortisol() -> float:
    arr = _simulate(1.0, 1.0, 0.0, 0.0, 0.0, 0.0, None)
    return float(arr[:-1, 3].mean())


def simulate(*, days: float = 3.0, feedback_gain: float = 1.0, stress_size: float = 0.0,
             stress_start_h: float = 34.0, stress_duration_h: float = 2.0,
             dex_dose: float = 0.0, dex_time_h: float | None = None) -> dict:
    """Simulate the teaching model (a **model**, not data) from midnight of day 1.

    Parameters
    ----------
    days : length of the simulation, 1-10 days.
    feedback_gain : 0.1-1.5; 1 = the published feedback strength; below 1 = glucocorticoid
        resistance (weaker GR feedback).
    stress_size : 0-10, extra CRH drive during the stressor, in units of the mean daily drive
        (1 doubles it).
    stress_start_h, stress_duration_h : when the stressor starts (hours from the first
        midnight, 0-240) and how long it lasts (0.25-48 h).
    dex_dose : 0-10, dexamethasone bolus (model units; :data:`ILLUSTRATIVE` gives the test dose).
    dex_time_h : when it is given (hours from the first midnight, 0-240), or None for no dose.

    Returns a dict of numpy arrays: ``t_h`` (hours), ``crh``, ``acth`` (scaled units),
    ``cortisol`` (percent of the healthy model's 24-h mean), ``dex`` (model units).
    """
    g, days = _check_common(feedback_gain, days)
    stress_size = check_number("stress_size", stress_size, 0.0, 10.0)
    stress_start_h = check_number("stress_start_h", stress_start_h, 0.0, 240.0, unit="h")
    stress_duration_h = check_number("stress_duration_h", stress_duration_h, 0.25, 48.0, unit="h")
    dex_dose = check_number("dex_dose", dex_dose, 0.0, 10.0)
    if dex_time_h is not None:
        dex_time_h = check_number("dex_time_h", dex_time_h, 0.0, 240.0, unit="h")
        dex_time_h = round(dex_time_h / DT_H) * DT_H
    arr = _simulate(round(g, 6), days, round(stress_size, 6), round(stress_start_h, 6),
                    round(stress_duration_h, 6), round(dex_dose, 6), dex_time_h)
    scale = 100.0 / _normal_mean_cortisol()
    return {"t_h": arr[:, 0], "crh": arr[:, 1], "acth": arr[:, 2], "cortisol": arr[:, 3] * scale,
            "dex": arr[:, 4]}


def daily_cortisol(feedback_gain: float = 1.0) -> dict:
    """One day (midnight to midnight) of the stable daily cycle: ``t_h`` and ``cortisol`` (%).

    ``feedback_gain`` in [0.1, 1.5].
    """
    out = simulate(days=1.0, feedback_gain=feedback_gain)
    return {"t_h": out["t_h"], "cortisol": out["cortisol"]}


def mean_cortisol(feedback_gain: float = 1.0) -> float:
    """24-hour mean cortisol on the stable daily cycle, in percent of the healthy model (g = 1).

    ``feedback_gain`` in [0.1, 1.5].
    """
    c = daily_cortisol(feedback_gain)["cortisol"]
    return float(c[:-1].mean())


def stress_response(stress_size: float = 2.0, stress_duration_h: float = 2.0, *,
                    feedback_gain: float = 1.0, stress_start_h: float = 34.0,
                    tolerance_percent: float = 5.0, days: float = 3.0) -> dict:
    """How far cortisol rises after a stressor and how long it takes to come back.

    A stressor of ``stress_size`` (0-10) lasting ``stress_duration_h`` (0.25-48 h) starts at
    ``stress_start_h`` (default 10 am on day 2). The response is compared with the same days
    without the stressor. Returns a dict: ``peak_percent`` (highest cortisol), ``peak_excess``
    (largest difference from the unstressed run, % points), ``recovery_h`` (hours after the
    stressor ends until cortisol stays within ``tolerance_percent`` (0.1-50) % points of the
    unstressed run; NaN if it never does within the simulated ``days``, 1-10), and the two
    traces ``t_h``, ``cortisol`` and ``cortisol_no_stress``.
    """
    tol = check_number("tolerance_percent", tolerance_percent, 0.1, 50.0)
    run = simulate(days=days, feedback_gain=feedback_gain, stress_size=stress_size,
                   stress_start_h=stress_start_h, stress_duration_h=stress_duration_h)
    base = simulate(days=days, feedback_gain=feedback_gain)
    diff = run["cortisol"] - base["cortisol"]
    t = run["t_h"]
    end = stress_start_h + stress_duration_h
    outside = np.flatnonzero((np.abs(diff) > tol) & (t >= stress_start_h))
    if len(outside) == 0:
        rec = 0.0
    elif outside[-1] == len(t) - 1:
        rec = float("nan")
    else:
        rec = max(0.0, float(t[outside[-1] + 1] - end))
    return {"peak_percent": float(run["cortisol"].max()), "peak_excess": float(diff.max()),
            "recovery_h": rec, "t_h": t, "cortisol": run["cortisol"], "cortisol_no_stress": base["cortisol"]}


def dexamethasone_test(feedback_gain: float = 1.0, *, dex_dose: float | None = None) -> dict:
    """A simulated overnight dexamethasone suppression test (after Carroll et al. 1981).

    Day 1 is undisturbed; dexamethasone is given at 11 pm on day 1; cortisol is sampled at
    8 am, 4 pm and 11 pm on day 2. The test is "suppressed" when every sample stays below the
    model criterion (:data:`ILLUSTRATIVE` ``dst_criterion_percent`` % of the healthy model's
    24-hour mean). ``feedback_gain`` in [0.1, 1.5]; ``dex_dose`` in [0, 10] (default: the
    illustrative test dose).

    Returns a dict: ``samples`` (clock time -> cortisol %), ``criterion_percent``,
    ``suppressed`` (bool), and the full traces ``t_h``, ``cortisol`` and ``cortisol_no_dex``.
    """
    dose = ILLUSTRATIVE["dex_dose"] if dex_dose is None else dex_dose
    dex_t = ILLUSTRATIVE["dex_clock_h"]
    run = simulate(days=2.0, feedback_gain=feedback_gain, dex_dose=dose, dex_time_h=dex_t)
    base = simulate(days=2.0, feedback_gain=feedback_gain)
    t = run["t_h"]
    samples = {}
    for clock in ILLUSTRATIVE["dst_sample_clock_h"]:
        i = int(np.argmin(np.abs(t - (24.0 + clock))))
        samples[clock] = float(run["cortisol"][i])
    crit = ILLUSTRATIVE["dst_criterion_percent"]
    return {"samples": samples, "criterion_percent": crit,
            "suppressed": bool(all(v < crit for v in samples.values())),
            "t_h": t, "cortisol": run["cortisol"], "cortisol_no_dex": base["cortisol"]}


def suppression_failure_gain(*, step: float = 0.01) -> float:
    """The largest feedback gain (searched down from 1 in steps of ``step``, 0.005-0.1) at which
    the simulated dexamethasone test is no longer suppressed. NaN if it always suppresses."""
    step = check_number("step", step, 0.005, 0.1)
    for g in np.round(np.arange(1.0, 0.1 - 1e-9, -step), 6):
        if not dexamethasone_test(float(g))["suppressed"]:
            return float(g)
    return float("nan")
