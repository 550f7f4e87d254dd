"""Pharmacokinetic models (dmnlab.models.pk), shared by chapters 4, 5 and 6.

Analytic properties of the textbook models (Rowland & Tozer, Clinical Pharmacokinetics):
steady state after about 5 half-lives, the accumulation ratio 1/(1 - exp(-k tau)), mass
balance of an infusion, linear limit of Michaelis-Menten elimination; and the chapter's drug
parameters against published levels (US fluoxetine label, read through a secondary page:
40 mg/day for 30 days gives fluoxetine 91-302 ng/mL and norfluoxetine 72-258 ng/mL).
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from dmnlab.models import pk


def test_steady_state_after_five_half_lives():
    """After 5 half-lives of regular dosing the trough is >= 96.9% (= 1 - 2**-5) of steady state."""
    t_half, tau = 26.0, 24.0                                    # sertraline-like
    n = math.ceil(5 * t_half / tau)                             # doses given by 5 half-lives
    t = np.array([n * tau - 1e-6, 400 * tau - 1e-6])           # trough after n doses; trough at steady state
    c = pk.oral_concentration(t, 50, tau, None, t_half, 0.5, 1500)
    assert c[0] / c[1] >= 1 - 2 ** -5
    assert pk.time_to_steady_state(t_half, 1 - 2 ** -5) == pytest.approx(5 * t_half)
    assert pk.time_to_steady_state(t_half, 0.9) == pytest.approx(math.log2(10) * t_half)


@pytest.mark.parametrize("t_half,tau", [(26.0, 24.0), (96.0, 24.0), (8.0, 12.0), (30.0, 48.0)])
def test_accumulation_ratio_matches_simulated_troughs(t_half, tau):
    """Trough at steady state / trough after the first dose = 1/(1 - exp(-k tau)) when absorption
    is complete by the trough (fast ka); tolerance 1e-6 relative."""
    ka = 20.0
    t = np.array([tau - 1e-9, 300 * tau - 1e-9])
    c = pk.oral_concentration(t, 10, tau, None, t_half, ka, 100)
    k = math.log(2) / t_half
    assert c[1] / c[0] == pytest.approx(1 / (1 - math.exp(-k * tau)), rel=1e-6)
    assert pk.accumulation_ratio(t_half, tau) == pytest.approx(1 / (1 - math.exp(-k * tau)))


def test_superposition_matches_direct_sum_and_washout():
    t = np.linspace(0, 24 * 20, 3001)
    d, tau, n, th, ka, v = 20.0, 24.0, 7, 30.0, 0.9, 1375.0
    k = math.log(2) / th
    direct = np.zeros_like(t)
    for j in range(n):
        dt = t - j * tau
        m = dt >= 0
        direct[m] += d * ka / (v * (ka - k)) * (np.exp(-k * dt[m]) - np.exp(-ka * dt[m]))
    c = pk.oral_concentration(t, d, tau, n, th, ka, v)
    assert np.allclose(c, direct, rtol=1e-9, atol=1e-15)
    # after the last dose the decline has the elimination half-life
    m = t > n * tau + 48
    assert pk.apparent_half_life(t[m], c[m]) == pytest.approx(th, rel=1e-3)


def test_equal_rate_constants_are_handled():
    """ka == k: the Bateman function's limit f D k t exp(-k t) / V (tolerance 1e-5 relative)."""
    k = 0.1
    t = np.linspace(0, 20, 50)
    c = pk.oral_concentration(t, 20, 24, 1, math.log(2) / k, k, 100)
    assert np.allclose(c, 20 * k / 100 * t * np.exp(-k * t), rtol=1e-5, atol=1e-12)


def test_parent_metabolite_against_ode_and_fluoxetine_label():
    """The closed form equals a numerical ODE solution; with the chapter's fluoxetine
    parameters, 40 mg/day for 30 days lands inside the label's ranges (fluoxetine 91-302,
    norfluoxetine 72-258 ng/mL)."""
    from dmnlab.demos.ch04 import DRUGS

    p = DRUGS["fluoxetine"]
    t = np.arange(0, 24 * 30 + 1, 1.0)
    par, met = pk.parent_metabolite_oral(t, 40, 24, None, p["t_half_h"], p["ka_per_h"], p["vd_l"], 1.0,
                                         p["fm"], p["t_half_m_h"], p["vd_m_l"])
    assert 91 <= par[-1] * 1000 <= 302
    assert 72 <= met[-1] * 1000 <= 258
    # ODE check for 3 doses, integrated interval by interval
    k, ka, km = math.log(2) / p["t_half_h"], p["ka_per_h"], math.log(2) / p["t_half_m_h"]

    def rhs(_t, y):
        g, a, m = y
        return [-ka * g, ka * g - k * a, p["fm"] * k * a - km * m]

    y = np.zeros(3)
    ts, ps, ms = [], [], []
    for t0, t1 in [(0, 24), (24, 48), (48, 200)]:
        y[0] += 40
        te = np.arange(t0, t1, 1.0)
        s = solve_ivp(rhs, (t0, t1), y, t_eval=np.append(te, t1), rtol=1e-10, atol=1e-13)
        ts += list(te)
        ps += list(s.y[1][:-1] / p["vd_l"])
        ms += list(s.y[2][:-1] / p["vd_m_l"])
        y = s.y[:, -1].copy()
    par3, met3 = pk.parent_metabolite_oral(np.array(ts), 40, 24, 3, p["t_half_h"], p["ka_per_h"], p["vd_l"], 1.0,
                                           p["fm"], p["t_half_m_h"], p["vd_m_l"])
    assert np.allclose(par3, ps, rtol=1e-6, atol=1e-10)
    assert np.allclose(met3, ms, rtol=1e-6, atol=1e-10)


def test_michaelis_menten_is_linear_at_low_concentration():
    """C << Km: clearance Vmax/Km; equals the linear model within 0.1%."""
    t = np.linspace(0, 24 * 20, 481)
    vmax, km, v = 1000.0, 100.0, 1000.0                      # CL = 10 L/h, t1/2 = 69.3 h
    mm = pk.michaelis_menten_oral(t, 1, 24, None, vmax, km, 0.3, v)
    lin = pk.oral_concentration(t, 1, 24, None, math.log(2) * v * km / vmax, 0.3, v)
    assert np.max(np.abs(mm - lin)) <= 1e-3 * lin.max()


def test_michaelis_menten_paroxetine_is_more_than_dose_proportional():
    """Paroxetine label (read through a secondary page quoting it): accumulation is nonlinear;
    Cmin after 40 mg/day is more than twice that after 20 mg/day; half-life about 21 h at
    30 mg/day (CV 32%). Check: ratio > 2 and the steady-state clearance half-life at 30 mg
    within 21 h +- 32%."""
    from dmnlab.demos.ch04 import DRUGS

    p = DRUGS["paroxetine"]
    t = np.arange(0, 24 * 40 + 1, 1.0)
    c20 = pk.michaelis_menten_oral(t, 20, 24, None, p["vmax_mg_per_h"], p["km_mg_per_l"], p["ka_per_h"], p["vd_l"])
    c40 = pk.michaelis_menten_oral(t, 40, 24, None, p["vmax_mg_per_h"], p["km_mg_per_l"], p["ka_per_h"], p["vd_l"])
    assert c40[-1] / c20[-1] > 2.0
    c30 = pk.michaelis_menten_oral(t, 30, 24, None, p["vmax_mg_per_h"], p["km_mg_per_l"], p["ka_per_h"], p["vd_l"])
    cavg = c30[-24:].mean()
    t_half_ss = math.log(2) * p["vd_l"] * (p["km_mg_per_l"] + cavg) / p["vmax_mg_per_h"]
    assert 21 * (1 - 0.32) <= t_half_ss <= 21 * (1 + 0.32)


def test_michaelis_menten_unsorted_times():
    t = np.array([48.0, 0.0, 12.0, 30.0])
    c = pk.michaelis_menten_oral(t, 20, 24, None, 3.0, 0.056, 0.5, 940)
    c_sorted = pk.michaelis_menten_oral(np.sort(t), 20, 24, None, 3.0, 0.056, 0.5, 940)
    assert np.allclose(c[np.argsort(t)], c_sorted)
    assert c[1] == 0.0


def _infusion_ode(t, r, dur, cl, v1, q, v2):
    def rhs(tt, y):
        a1, a2 = y
        inp = r if tt < dur else 0.0
        return [inp - cl / v1 * a1 - q / v1 * a1 + q / v2 * a2, q / v1 * a1 - q / v2 * a2]
    s1 = solve_ivp(rhs, (0, dur), [0, 0], rtol=1e-10, atol=1e-12, dense_output=True)
    s2 = solve_ivp(rhs, (dur, t[-1]), s1.y[:, -1], rtol=1e-10, atol=1e-12, dense_output=True)
    return np.where(t <= dur, s1.sol(np.minimum(t, dur))[0], s2.sol(np.maximum(t, dur))[0]) / v1


def test_infusion_two_compartment_mass_balance_ode_and_one_compartment_limit():
    """(1) Mass balance: CL * AUC(0-inf) = dose infused (0.5%). (2) Equals an ODE solution
    (1e-6 relative). (3) q -> 0 gives the one-compartment infusion R/CL (1 - exp(-k t))."""
    r, dur, cl, v1, q, v2 = 52.5, 40 / 60, 60.0, 70.0, 90.0, 200.0
    t = np.linspace(0, 72, 20001)
    c = pk.infusion_two_compartment(t, r, dur, cl, v1, q, v2)
    auc = np.trapezoid(c, t)
    assert cl * auc == pytest.approx(r * dur, rel=5e-3)
    ts = np.linspace(0, 12, 200)
    assert np.allclose(pk.infusion_two_compartment(ts, r, dur, cl, v1, q, v2),
                       _infusion_ode(ts, r, dur, cl, v1, q, v2), rtol=1e-6, atol=1e-9)
    k = cl / v1
    one = np.where(ts <= dur, r / cl * (1 - np.exp(-k * ts)),
                   r / cl * (1 - np.exp(-k * dur)) * np.exp(-k * (ts - dur)))
    assert np.allclose(pk.infusion_two_compartment(ts, r, dur, cl, v1, 0.0, v2), one, rtol=1e-12)
    assert np.allclose(pk.infusion_two_compartment(ts, r, dur, cl, v1, 1e-9, v2), one, rtol=1e-6, atol=1e-12)


# ------------------------------------------------------------------ bad input (hypothesis)
bad_numbers = st.one_of(st.just(float("nan")), st.just(float("inf")), st.just(-1.0), st.just(0.0),
                        st.text(max_size=3), st.none(), st.booleans())

GOOD = dict(t_h=np.linspace(0, 48, 5), dose_mg=20, tau_h=24, n_doses=None, t_half_h=26, ka_per_h=0.5, vd_l=1000)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(["dose_mg", "tau_h", "t_half_h", "ka_per_h", "vd_l"]), bad=bad_numbers)
def test_oral_concentration_bad_input(name, bad):
    kw = dict(GOOD, **{name: bad})
    with pytest.raises(ValueError, match=name):
        pk.oral_concentration(**kw)


@settings(max_examples=30, deadline=None)
@given(bad=st.one_of(st.just(0), st.just(-3), st.just(2.5), st.text(max_size=2), st.just(float("nan"))))
def test_n_doses_bad_input(bad):
    with pytest.raises(ValueError, match="n_doses"):
        pk.oral_concentration(**dict(GOOD, n_doses=bad))


@settings(max_examples=30, deadline=None)
@given(bad=st.one_of(st.just([-1.0, 2.0]), st.just([[0.0, 1.0]]), st.just([]), st.just([float("nan")]),
                     st.just("abc")))
def test_times_bad_input(bad):
    with pytest.raises(ValueError, match="t_h"):
        pk.oral_concentration(**dict(GOOD, t_h=bad))


@settings(max_examples=40, deadline=None)
@given(f=st.one_of(st.floats(max_value=0.0, allow_nan=False), st.floats(min_value=1.0001, max_value=1e6)))
def test_fraction_bad_input(f):
    with pytest.raises(ValueError, match="f "):
        pk.oral_concentration(**GOOD, f=f)


@settings(max_examples=40, deadline=None)
@given(frac=st.one_of(st.floats(max_value=0.0, allow_nan=False), st.floats(min_value=1.0, max_value=10.0)),
       th=st.floats(min_value=0.1, max_value=1000))
def test_time_to_steady_state_bad_fraction(frac, th):
    with pytest.raises(ValueError, match="fraction"):
        pk.time_to_steady_state(th, frac)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["vmax_mg_per_h", "km_mg_per_l", "ka_per_h", "vd_l"]), bad=bad_numbers)
def test_michaelis_menten_bad_input(name, bad):
    kw = dict(t_h=[0, 12], dose_mg=20, tau_h=24, n_doses=None, vmax_mg_per_h=3, km_mg_per_l=0.05,
              ka_per_h=0.5, vd_l=900)
    kw[name] = bad
    with pytest.raises(ValueError, match=name):
        pk.michaelis_menten_oral(**kw)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["rate_mg_per_h", "duration_h", "cl_l_per_h", "v1_l", "v2_l"]), bad=bad_numbers)
def test_infusion_bad_input(name, bad):
    kw = dict(t_h=[0, 1], rate_mg_per_h=50, duration_h=0.67, cl_l_per_h=60, v1_l=70, q_l_per_h=90, v2_l=200)
    kw[name] = bad
    with pytest.raises(ValueError, match=name):
        pk.infusion_two_compartment(**kw)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["fm", "t_half_m_h", "vd_m_l"]), bad=st.one_of(st.just(-0.5), st.just(float("nan")),
                                                                         st.none(), st.just(2e6)))
def test_parent_metabolite_bad_input(name, bad):
    kw = dict(t_h=[0, 12], dose_mg=20, tau_h=24, n_doses=None, t_half_h=96, ka_per_h=0.3, vd_l=1300, f=1.0,
              fm=0.5, t_half_m_h=223, vd_m_l=1600)
    kw[name] = bad
    with pytest.raises(ValueError, match=name):
        pk.parent_metabolite_oral(**kw)


def test_accumulation_ratio_bad_input():
    with pytest.raises(ValueError, match="tau_h"):
        pk.accumulation_ratio(26, 0)
    with pytest.raises(ValueError, match="t_half_h"):
        pk.accumulation_ratio(-1, 24)


def test_demo_regimens_against_label_statements():
    """Chapter demo checks. Fluoxetine label: steady state after 4-5 weeks (model: 90% of the
    parent + norfluoxetine level within 21-35 days). Sertraline label: steady state after about
    one week (model 90% at 3.3 half-lives = 3.6 days; 97% by 5.4 days, tolerance 0.2 day).
    Linear models: washout to 10% takes as long as the rise to 90% (tolerance 1 day: the washout is
    timed from the level at the last dose, the rise from the dose-interval average)."""
    from dmnlab.demos import ch04

    f = ch04.regimen_summary("fluoxetine", 20.0, 24.0, 84.0)
    assert 21 <= f["t90_days"] <= 35
    s = ch04.regimen_summary("sertraline", 50.0, 24.0, 42.0)
    assert abs(s["t90_days"] - pk.time_to_steady_state(26, 0.9) / 24) <= 0.2
    assert pk.time_to_steady_state(26, 1 - 2 ** -5) / 24 <= 7
    e = ch04.regimen_summary("escitalopram", 10.0, 24.0, 42.0)
    assert abs(e["washout10_days"] - e["t90_days"]) <= 1.0
    p20 = ch04.regimen_summary("paroxetine", 20.0, 24.0, 42.0)
    p50 = ch04.regimen_summary("paroxetine", 50.0, 24.0, 42.0)
    assert p50["t90_days"] > p20["t90_days"]            # saturable: slower to level off at a higher dose
    assert p50["ss_average"] / p20["ss_average"] > 50 / 20


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["drug", "daily_dose_mg", "interval_h", "stop_day"]),
       bad=st.one_of(st.just(float("nan")), st.just(-5.0), st.just(1e6), st.none(), st.just("lsd")))
def test_demo_helpers_bad_input(name, bad):
    from dmnlab.demos import ch04

    kw = dict(drug="sertraline", daily_dose_mg=50.0, interval_h=24.0, stop_day=42.0)
    kw[name] = bad
    with pytest.raises(ValueError, match=name):
        ch04.simulate_regimen(**kw)


def test_ed50_from_point():
    from dmnlab.demos import ch04

    assert ch04.ed50_from_point(20, 0.8) == pytest.approx(5.0)
    with pytest.raises(ValueError, match="occupancy_fraction"):
        ch04.ed50_from_point(20, 1.0)
