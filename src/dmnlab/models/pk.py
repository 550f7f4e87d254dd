"""Pharmacokinetic models: how much drug is in the plasma, and when.

Pure numpy (scipy only in the tests); no plotting. Every public function checks its input and raises
``ValueError`` naming the parameter and the allowed range. Times are in hours, doses in mg,
volumes in L, concentrations in mg/L (1 mg/L = 1000 ng/mL).

Public functions
----------------
``elimination_rate(t_half_h)``
    k = ln 2 / t1/2 (per hour).
``oral_concentration(t_h, dose_mg, tau_h, n_doses, t_half_h, ka_per_h, vd_l, f=1.0)``
    One-compartment model, first-order absorption and elimination, repeated doses every
    ``tau_h`` hours by superposition (``n_doses=None``: dosing continues to the end of ``t_h``).
``accumulation_ratio(t_half_h, tau_h)``
    R = 1 / (1 - exp(-k tau)): steady-state over first-dose concentration at the same time
    after a dose (for the trough this holds exactly when absorption is complete).
``time_to_steady_state(t_half_h, fraction=0.9)``
    Hours of regular dosing until the average level reaches ``fraction`` of steady state:
    -ln(1 - fraction) / k (3.3 half-lives for 90%, 5 half-lives for 96.9%).
``parent_metabolite_oral(t_h, dose_mg, tau_h, n_doses, t_half_h, ka_per_h, vd_l, f, fm,
t_half_m_h, vd_m_l)``
    Parent plus a metabolite formed from it (fluoxetine -> norfluoxetine); returns
    ``(parent, metabolite)`` in mg/L (metabolite in parent-mass equivalents).
``michaelis_menten_oral(t_h, dose_mg, tau_h, n_doses, vmax_mg_per_h, km_mg_per_l, ka_per_h,
vd_l, f=1.0)``
    Saturable (Michaelis-Menten) elimination, solved numerically (paroxetine).
``infusion_two_compartment(t_h, rate_mg_per_h, duration_h, cl_l_per_h, v1_l, q_l_per_h, v2_l)``
    Zero-order IV infusion into a two-compartment model (central concentration, analytic).
``apparent_half_life(t_h, conc)``
    Terminal half-life read off a simulated washout (log-linear fit of the last points).

These are textbook models (e.g. Rowland & Tozer, *Clinical Pharmacokinetics*); the unit tests
check them against their analytic properties (steady state after about 5 half-lives, the
accumulation ratio, mass balance) and the chapter's demos check them against published
steady-state levels, with a stated tolerance, in ``tests/test_ch04_pk.py``.
"""

from __future__ import annotations

import math

import numpy as np

from ..validate import check_array, check_int, check_number

__all__ = [
    "elimination_rate",
    "oral_concentration",
    "accumulation_ratio",
    "time_to_steady_state",
    "parent_metabolite_oral",
    "michaelis_menten_oral",
    "infusion_two_compartment",
    "apparent_half_life",
]

LN2 = math.log(2.0)

# Ranges accepted by the checks (wide enough for any drug, narrow enough to catch unit slips).
_MAX_T_H = 24.0 * 365 * 5          # five years
_MAX_DOSE_MG = 1e5
_MAX_T_HALF_H = 24.0 * 365         # one year
_MAX_RATE_PER_H = 1e3
_MAX_VOLUME_L = 1e6
_MAX_N_DOSES = 100_000


# --------------------------------------------------------------------------- checks
def _times(t_h) -> np.ndarray:
    t = check_array("t_h", t_h, ndim=None)
    t = np.atleast_1d(t)
    if t.ndim != 1:
        raise ValueError(f"t_h must be a 1-D array of times in hours; got shape {t.shape}")
    if t.size == 0:
        raise ValueError("t_h must contain at least one time")
    if np.any(t < 0) or np.any(t > _MAX_T_H):
        raise ValueError(f"t_h must lie in the range [0, {_MAX_T_H:g}] h; got min {t.min():g}, max {t.max():g}")
    return t


def _dosing(dose_mg, tau_h, n_doses):
    dose = check_number("dose_mg", dose_mg, 0.0, _MAX_DOSE_MG, lo_inclusive=False, unit="mg")
    tau = check_number("tau_h", tau_h, 0.0, _MAX_T_H, lo_inclusive=False, unit="h")
    n = None if n_doses is None else check_int("n_doses", n_doses, 1, _MAX_N_DOSES)
    return dose, tau, n


def _half_life(name, value) -> float:
    return check_number(name, value, 0.0, _MAX_T_HALF_H, lo_inclusive=False, unit="h")


def _rate(name, value) -> float:
    return check_number(name, value, 0.0, _MAX_RATE_PER_H, lo_inclusive=False, unit="per h")


def _volume(name, value) -> float:
    return check_number(name, value, 0.0, _MAX_VOLUME_L, lo_inclusive=False, unit="L")


def _fraction(name, value, *, zero_ok: bool = False) -> float:
    return check_number(name, value, 0.0, 1.0, lo_inclusive=zero_ok, unit="")


# --------------------------------------------------------------------------- helpers
def elimination_rate(t_half_h) -> float:
    """First-order elimination rate constant k = ln 2 / t1/2 (per hour); t_half_h in (0, 8760]."""
    return LN2 / _half_life("t_half_h", t_half_h)


def _dose_sum(t: np.ndarray, lam: float, tau: float, n: int | None) -> np.ndarray:
    """S(t) = sum over doses given at j*tau <= t (j < n) of exp(-lam * (t - j*tau)).

    Closed form of the geometric series, written so that it never overflows:
    with m doses so far, S = exp(-lam * (t - (m-1) tau)) * (1 - exp(-lam m tau)) / (1 - exp(-lam tau)).
    """
    m = np.floor(t / tau + 1e-9) + 1.0
    if n is not None:
        m = np.minimum(m, n)
    since_last = t - (m - 1.0) * tau
    x = lam * tau
    # (1 - e^{-m x}) / (1 - e^{-x}), stable for small x via expm1
    ratio = np.where(x > 0, -np.expm1(-m * x) / -np.expm1(-x), m)
    return np.exp(-lam * since_last) * ratio


def _separate(rates: list[float]) -> list[float]:
    """Nudge rate constants that coincide (to 1e-6 relative) so that the closed forms,
    which divide by their differences, stay defined. The error this introduces is of the
    order of the nudge (1e-6 relative), far below any pharmacological uncertainty."""
    out: list[float] = []
    for r in rates:
        while any(abs(r - o) <= 1e-6 * max(r, o) for o in out):
            r *= 1.0 + 1e-5
        out.append(r)
    return out


# --------------------------------------------------------------------------- public models
def oral_concentration(t_h, dose_mg, tau_h, n_doses, t_half_h, ka_per_h, vd_l, f=1.0) -> np.ndarray:
    """Plasma concentration (mg/L) after repeated oral doses, one-compartment model.

    Each dose ``dose_mg`` (given at 0, tau, 2 tau, ...) is absorbed with first-order rate
    ``ka_per_h`` (fraction ``f`` reaches the circulation) into a volume ``vd_l`` and eliminated
    with half-life ``t_half_h``. One dose gives the Bateman function
    C(t) = f D ka / (V (ka - k)) (exp(-k t) - exp(-ka t)); doses add (superposition).

    Parameters: t_h times (h, 1-D, in [0, 43800]); dose_mg in (0, 1e5]; tau_h in (0, 43800];
    n_doses whole number in [1, 100000] or None (dose until the end of t_h); t_half_h in
    (0, 8760]; ka_per_h in (0, 1000]; vd_l in (0, 1e6]; f in (0, 1].
    """
    t = _times(t_h)
    dose, tau, n = _dosing(dose_mg, tau_h, n_doses)
    k = elimination_rate(t_half_h)
    ka = _rate("ka_per_h", ka_per_h)
    v = _volume("vd_l", vd_l)
    f = _fraction("f", f)
    k, ka = _separate([k, ka])
    amp = f * dose * ka / (v * (ka - k))
    return amp * (_dose_sum(t, k, tau, n) - _dose_sum(t, ka, tau, n))


def accumulation_ratio(t_half_h, tau_h) -> float:
    """R = 1 / (1 - exp(-k tau)), the steady-state to first-dose ratio of concentrations at
    the same time after a dose (one-compartment, linear kinetics).

    t_half_h in (0, 8760] h; tau_h in (0, 43800] h.
    """
    k = elimination_rate(t_half_h)
    tau = check_number("tau_h", tau_h, 0.0, _MAX_T_H, lo_inclusive=False, unit="h")
    return float(1.0 / -math.expm1(-k * tau))


def time_to_steady_state(t_half_h, fraction=0.9) -> float:
    """Hours of regular dosing until the (dose-interval average) level reaches ``fraction`` of
    its steady-state value: -ln(1 - fraction) / k = t1/2 * log2(1 / (1 - fraction)).

    It depends only on the half-life, not on dose or interval: 3.3 half-lives for 90%,
    5 half-lives for 96.9%. t_half_h in (0, 8760] h; fraction in (0, 1).
    """
    k = elimination_rate(t_half_h)
    frac = check_number("fraction", fraction, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    return float(-math.log1p(-frac) / k)


def parent_metabolite_oral(t_h, dose_mg, tau_h, n_doses, t_half_h, ka_per_h, vd_l, f, fm,
                           t_half_m_h, vd_m_l) -> tuple[np.ndarray, np.ndarray]:
    """Parent and metabolite plasma concentrations (mg/L) after repeated oral doses.

    Parent: as :func:`oral_concentration`. A fraction ``fm`` of the parent eliminated becomes
    the metabolite, which is distributed in ``vd_m_l`` and eliminated with half-life
    ``t_half_m_h`` (first order). Written for fluoxetine -> norfluoxetine. The metabolite is in
    parent-mass equivalents; multiply by MW(metabolite)/MW(parent) for its own mass.

    Parameters as :func:`oral_concentration`, plus fm in [0, 1], t_half_m_h in (0, 8760] h,
    vd_m_l in (0, 1e6] L. Returns ``(parent, metabolite)``.
    """
    t = _times(t_h)
    dose, tau, n = _dosing(dose_mg, tau_h, n_doses)
    k = elimination_rate(t_half_h)
    ka = _rate("ka_per_h", ka_per_h)
    v = _volume("vd_l", vd_l)
    f = _fraction("f", f)
    fm = _fraction("fm", fm, zero_ok=True)
    km = LN2 / _half_life("t_half_m_h", t_half_m_h)
    vm = _volume("vd_m_l", vd_m_l)
    k, ka, km = _separate([k, ka, km])
    s_k, s_ka, s_km = (_dose_sum(t, lam, tau, n) for lam in (k, ka, km))
    # amount in the body per dose: f D ka/(ka-k) (e^-kt - e^-kat); metabolite formation fm k A(t)
    a0 = f * dose * ka / (ka - k)
    parent = a0 * (s_k - s_ka) / v
    metab = fm * k * a0 * ((s_k - s_km) / (km - k) - (s_ka - s_km) / (km - ka)) / vm
    return parent, np.maximum(metab, 0.0)


def michaelis_menten_oral(t_h, dose_mg, tau_h, n_doses, vmax_mg_per_h, km_mg_per_l, ka_per_h,
                          vd_l, f=1.0) -> np.ndarray:
    """Plasma concentration (mg/L) with saturable elimination, solved numerically.

    dA_gut/dt = -ka A_gut (each dose adds f D to the gut);
    V dC/dt = ka A_gut - Vmax C / (Km + C).
    At C << Km this is linear with clearance Vmax/Km (half-life ln2 V Km / Vmax); as C nears
    Km, clearance falls and levels rise more than in proportion to dose (paroxetine, whose
    CYP2D6 route saturates).

    Parameters: t_h, dose_mg, tau_h, n_doses as :func:`oral_concentration`; vmax_mg_per_h in
    (0, 1e5]; km_mg_per_l in (0, 1e3]; ka_per_h in (0, 1000]; vd_l in (0, 1e6]; f in (0, 1].
    """
    t = _times(t_h)
    dose, tau, n = _dosing(dose_mg, tau_h, n_doses)
    vmax = check_number("vmax_mg_per_h", vmax_mg_per_h, 0.0, 1e5, lo_inclusive=False, unit="mg/h")
    km = check_number("km_mg_per_l", km_mg_per_l, 0.0, 1e3, lo_inclusive=False, unit="mg/L")
    ka = _rate("ka_per_h", ka_per_h)
    v = _volume("vd_l", vd_l)
    f = _fraction("f", f)

    order = np.argsort(t, kind="stable")
    ts = t[order]
    t_end = float(ts[-1])
    n_given = int(math.floor(t_end / tau + 1e-9)) + 1
    if n is not None:
        n_given = min(n_given, n)
    starts = [j * tau for j in range(n_given)]
    ends = starts[1:] + [max(t_end, starts[-1])]
    out = np.zeros(ts.size)
    h_max = min(0.5, 0.25 / ka)                   # RK4 step (h): short compared with absorption
    fd = f * dose
    gut, c = 0.0, 0.0
    k = 0                                         # next requested time (index into ts)
    for j, (t0, t1) in enumerate(zip(starts, ends)):
        gut += fd
        last = j == len(starts) - 1
        while k < ts.size and ts[k] == t0:
            out[k] = c
            k += 1
        a = t0
        while True:
            nxt = float(ts[k]) if k < ts.size and (ts[k] < t1 or (last and ts[k] <= t1)) else t1
            if nxt > a:
                gut, c = _rk4_mm(gut, c, nxt - a, h_max, ka, vmax, km, v)
                a = nxt
            if k < ts.size and ts[k] == nxt and (nxt < t1 or last):
                out[k] = c
                k += 1
                while k < ts.size and ts[k] == nxt:
                    out[k] = c
                    k += 1
                continue
            break
    res = np.empty_like(out)
    res[order] = np.maximum(out, 0.0)
    return res


def _rk4_mm(gut: float, c: float, span: float, h_max: float, ka: float, vmax: float, km: float,
            v: float) -> tuple[float, float]:
    """Advance (gut amount, concentration) by ``span`` hours with classical RK4 (pure floats).

    The gut compartment is linear and is advanced exactly; RK4 integrates the concentration
    with the gut input evaluated analytically at each stage."""
    n = max(1, int(math.ceil(span / h_max - 1e-12)))
    h = span / n
    e_half = math.exp(-ka * h / 2)
    for _ in range(n):
        g0 = gut
        g1 = g0 * e_half
        g2 = g1 * e_half
        c1 = c
        d1 = (ka * g0 - vmax * c1 / (km + c1)) / v
        c2 = c + 0.5 * h * d1
        c2 = c2 if c2 > 0 else 0.0
        d2 = (ka * g1 - vmax * c2 / (km + c2)) / v
        c3 = c + 0.5 * h * d2
        c3 = c3 if c3 > 0 else 0.0
        d3 = (ka * g1 - vmax * c3 / (km + c3)) / v
        c4 = c + h * d3
        c4 = c4 if c4 > 0 else 0.0
        d4 = (ka * g2 - vmax * c4 / (km + c4)) / v
        c = c + h * (d1 + 2 * d2 + 2 * d3 + d4) / 6
        if c < 0:
            c = 0.0
        gut = g2
    return gut, c


def infusion_two_compartment(t_h, rate_mg_per_h, duration_h, cl_l_per_h, v1_l, q_l_per_h,
                             v2_l) -> np.ndarray:
    """Central (plasma) concentration (mg/L) during and after a zero-order IV infusion into a
    two-compartment model; analytic.

    Rate constants k10 = CL/V1, k12 = Q/V1, k21 = Q/V2; the disposition is the sum of two
    exponentials (alpha, beta). With q_l_per_h = 0 the model is one-compartment:
    C = R/CL (1 - exp(-k t)) during the infusion, then an exponential decline.

    Parameters: t_h times (h) in [0, 43800]; rate_mg_per_h in (0, 1e5]; duration_h in
    (0, 43800]; cl_l_per_h in (0, 1e5]; v1_l in (0, 1e6]; q_l_per_h in [0, 1e5];
    v2_l in (0, 1e6].
    """
    t = _times(t_h)
    r = check_number("rate_mg_per_h", rate_mg_per_h, 0.0, 1e5, lo_inclusive=False, unit="mg/h")
    dur = check_number("duration_h", duration_h, 0.0, _MAX_T_H, lo_inclusive=False, unit="h")
    cl = check_number("cl_l_per_h", cl_l_per_h, 0.0, 1e5, lo_inclusive=False, unit="L/h")
    v1 = _volume("v1_l", v1_l)
    q = check_number("q_l_per_h", q_l_per_h, 0.0, 1e5, unit="L/h")
    v2 = _volume("v2_l", v2_l)
    k10, k12, k21 = cl / v1, q / v1, q / v2
    if q == 0.0:
        lams, coefs = [k10], [1.0 / v1]
    else:
        s = k10 + k12 + k21
        disc = math.sqrt(max(s * s - 4.0 * k10 * k21, 0.0))
        alpha, beta = (s + disc) / 2.0, (s - disc) / 2.0
        lams = [alpha, beta]
        coefs = [(alpha - k21) / (v1 * (alpha - beta)), (k21 - beta) / (v1 * (alpha - beta))]
    after = np.maximum(t - dur, 0.0)
    conc = np.zeros_like(t)
    for lam, c in zip(lams, coefs):
        conc += r * c / lam * (np.exp(-lam * after) - np.exp(-lam * t))
    return np.maximum(conc, 0.0)


def apparent_half_life(t_h, conc) -> float:
    """Terminal half-life (h) from the last third of a declining curve (log-linear fit).

    t_h and conc: 1-D arrays of the same length (at least 3 points), conc > 0 in the fit.
    """
    t = _times(t_h)
    c = check_array("conc", conc, ndim=1)
    if c.shape != t.shape:
        raise ValueError(f"conc must have the same length as t_h ({t.size}); got {c.size}")
    if t.size < 3:
        raise ValueError("t_h must contain at least 3 times")
    tail = slice(2 * t.size // 3, None)
    ct, tt = c[tail], t[tail]
    if np.any(ct <= 0):
        raise ValueError("conc must be > 0 over the last third of the curve")
    slope = np.polyfit(tt, np.log(ct), 1)[0]
    if slope >= 0:
        raise ValueError("conc must decline over the last third of the curve")
    return float(-LN2 / slope)
