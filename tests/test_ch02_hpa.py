"""Chapter 2: the HPA-axis teaching model (dmnlab.models.hpa). A model, not data.

Published numbers and properties compared:
* Gupta S, Aslakson E, Gurbaxani BM, Vernon SD (2007) Theor Biol Med Model 4:8: the scaled
  parameter values (k_cd 1, K_i1 0.1, k_ad 10, K_i2 0.1, k_cr 0.05, k_rd 0.9, K 0.001; exact),
  and the published bistability: with these values the unstressed model has two stable steady
  states (low GR = normal, high GR) and one unstable one between them.
* Carroll BJ et al. (1981) Arch Gen Psychiatry 38:15-22: dexamethasone at 11 pm, next-day
  samples including 4 pm and 11 pm; non-suppression = any sample at or above the criterion.
  The model's criterion is illustrative (40% of the healthy 24-h mean), so the test checks the
  qualitative result: normal feedback suppresses, weak feedback (g = 0.5) does not.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from dmnlab.models import hpa


def test_parameters_are_gupta_2007():
    assert hpa.GUPTA2007 == {"k_cd": 1.0, "K_i1": 0.1, "k_ad": 10.0, "K_i2": 0.1,
                             "k_cr": 0.05, "k_rd": 0.9, "K": 0.001}
    assert "Gupta" in hpa.__doc__ and "illustrative" in hpa.__doc__.lower()


def test_published_bistability():
    ss = hpa.gupta_steady_states(1.0)
    assert [s["stable"] for s in ss] == [True, False, True]
    low, mid, high = (s["gr"] for s in ss)
    assert low < mid < high
    for s in ss:  # each really is a steady state
        rhs = hpa.gupta_rhs([s["crh"], s["acth"], s["cortisol"], s["gr"]])
        assert np.max(np.abs(rhs)) < 1e-8


def test_unstressed_published_model_stays_at_normal_state():
    s = hpa.gupta_steady_states(1.0)[0]
    y0 = [s["crh"], s["acth"], s["cortisol"], s["gr"]]
    sol = solve_ivp(lambda t, y: hpa.gupta_rhs(np.maximum(y, 0)), (0, 50), y0, rtol=1e-9, atol=1e-12)
    assert np.allclose(sol.y[:, -1], y0, rtol=1e-6)


def test_stable_daily_cycle_without_stress():
    """Without stress the daily cycle repeats: day 2 equals day 1 within 0.1% points."""
    out = hpa.simulate(days=2.0)
    n = int(round(24 / hpa.DT_H))
    c = out["cortisol"]
    assert np.max(np.abs(c[n:2 * n] - c[:n])) < 0.1
    assert c[:n].mean() == pytest.approx(100.0, abs=0.01)
    peak_clock = out["t_h"][np.argmax(c[:n])]
    assert 5.0 <= peak_clock <= 10.0  # a morning peak


def _reference(stress):
    g, r = 1.0, hpa.normal_gr_level()
    y0 = hpa._cycle_start(g)
    amp, peak = hpa.ILLUSTRATIVE["circadian_amplitude"], hpa.ILLUSTRATIVE["crh_peak_clock_h"]
    P = hpa.GUPTA2007

    def f(t, y):
        c, a, o, d = y
        drive = 1 + amp * math.cos(2 * math.pi / 24 * (t - peak)) + (stress if 10 <= t < 12 else 0.0)
        return [drive / (1 + g * o / P["K_i1"]) - P["k_cd"] * c, c / (1 + g * o * r / P["K_i2"]) - P["k_ad"] * a,
                a - o, 0.0]

    t_eval = np.arange(0, 24.0001, hpa.DT_H)
    sol = solve_ivp(f, (0, 24), y0, t_eval=t_eval, rtol=1e-10, atol=1e-13, max_step=0.01)
    return sol.y[2] * 100.0 / hpa._normal_mean_cortisol()


def test_rk4_matches_solve_ivp():
    """The fixed 0.05-h RK4 step agrees with an adaptive high-accuracy solver: within 0.01 %
    points on the smooth daily cycle, and within 1 % point (of a ~200% peak) with a stressor
    switched on and off abruptly (the two solvers place the step change slightly differently)."""
    ours = hpa.simulate(days=1.0)["cortisol"]
    assert np.max(np.abs(ours - _reference(0.0))) < 0.01
    ours = hpa.simulate(days=1.0, stress_size=2.0, stress_start_h=10.0, stress_duration_h=2.0)["cortisol"]
    assert np.max(np.abs(ours - _reference(2.0))) < 1.0


def test_recovery_after_acute_stressor():
    r = hpa.stress_response(2.0, 2.0)
    assert r["peak_excess"] > 20          # a clear rise
    assert 0 < r["recovery_h"] < 12       # back within 5% points in under 12 hours
    end = hpa.simulate(days=4.0, stress_size=2.0, stress_start_h=34.0, stress_duration_h=2.0)["cortisol"][-1]
    assert end == pytest.approx(hpa.simulate(days=4.0)["cortisol"][-1], abs=0.5)


def test_weaker_feedback_raises_mean_cortisol():
    means = [hpa.mean_cortisol(g) for g in (1.0, 0.8, 0.6, 0.4)]
    assert means[0] == pytest.approx(100.0, abs=0.01)
    assert all(b > a for a, b in zip(means, means[1:]))


def test_dexamethasone_suppression_normal_vs_impaired():
    normal = hpa.dexamethasone_test(1.0)
    weak = hpa.dexamethasone_test(0.5)
    assert normal["suppressed"] and not weak["suppressed"]
    assert set(normal["samples"]) == {8.0, 16.0, 23.0}
    assert max(normal["samples"].values()) < normal["criterion_percent"]
    # dexamethasone lowers the next morning's cortisol in both
    i = int(np.argmin(np.abs(normal["t_h"] - 32)))
    assert normal["cortisol"][i] < 0.5 * normal["cortisol_no_dex"][i]
    assert weak["cortisol"][i] < weak["cortisol_no_dex"][i]


def test_failure_gain_between_normal_and_impaired():
    g = hpa.suppression_failure_gain(step=0.05)
    assert 0.5 <= g < 1.0


@given(st.one_of(st.floats(allow_nan=True).filter(lambda v: math.isnan(v) or not (0.1 <= v <= 1.5)),
                 st.text(max_size=2), st.none()))
def test_bad_feedback_gain(bad):
    with pytest.raises(ValueError, match="feedback_gain"):
        hpa.simulate(feedback_gain=bad)


@given(st.floats(allow_nan=True).filter(lambda v: math.isnan(v) or not (0 <= v <= 10)))
def test_bad_stress_size(bad):
    with pytest.raises(ValueError, match="stress_size"):
        hpa.simulate(stress_size=bad)


def test_other_bad_inputs():
    with pytest.raises(ValueError, match="days"):
        hpa.simulate(days=0.5)
    with pytest.raises(ValueError, match="stress_duration_h"):
        hpa.simulate(stress_size=1, stress_duration_h=0)
    with pytest.raises(ValueError, match="dex_dose"):
        hpa.dexamethasone_test(dex_dose=-1)
    with pytest.raises(ValueError, match="state"):
        hpa.gupta_rhs([1, 2, 3])
    with pytest.raises(ValueError, match="tolerance_percent"):
        hpa.stress_response(tolerance_percent=0)
