"""Chapter 3: the sticky-mind model (a conceptual noisy bistable model of rumination).

Published number: Kramers (1940, Physica 7:284-304, key kramers1940brownian) gives the mean
escape time from a well of an overdamped particle driven by noise of intensity D,
T = 2 pi / sqrt(U''(well) |U''(barrier)|) * exp(dU / D). For U = s (x^2 - 1)^2 this is
T = 2 pi / (sqrt(32) s) * exp(s / D): log(T * s) is linear in s / D with slope exactly 1.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dmnlab.models import rumination as rm

NOISE = math.sqrt(0.5)  # D = noise^2 / 2 = 0.25


@pytest.fixture(scope="module")
def dwell_runs():
    out = {}
    for s in (0.75, 1.0, 1.25, 1.5):
        r = rm.simulate_sticky_mind(s, NOISE, 0.0, t_max=300, dt=0.01, n_trials=200, seed=1)
        out[s] = r
    return out


def test_kramers_formula_matches_the_closed_form():
    """Kramers (1940): for tau = 0, T = 2 pi / (sqrt(32) s) exp(2 s / sigma^2)."""
    for s in (0.5, 1.0, 2.0):
        for sig in (0.5, 0.8):
            want = 2 * math.pi / (math.sqrt(32) * s) * math.exp(2 * s / sig ** 2)
            assert rm.kramers_dwell_time(s, sig) == pytest.approx(want, rel=1e-9)


def test_log_dwell_time_is_linear_in_barrier_over_noise_with_kramers_slope(dwell_runs):
    """Kramers (1940): log(T s) = s / D + const, slope 1. Simulated slope within 10% of 1
    (finite-barrier corrections at s / D = 3-6 and sampling error, ~200-2000 switches each)."""
    D = NOISE ** 2 / 2
    xs, ys = [], []
    for s, r in dwell_runs.items():
        total_exits = r.n_switches
        mean_dwell = r.states.size * r.dt / total_exits
        xs.append(s / D)
        ys.append(math.log(mean_dwell * s))
    slope = np.polyfit(xs, ys, 1)[0]
    assert slope == pytest.approx(1.0, abs=0.10)


def test_mean_dwell_time_grows_with_stickiness_and_matches_kramers(dwell_runs):
    """Mean dwell within 20% of Kramers' (1940) rate at barrier / D = 3 to 6, and increasing."""
    dwell = []
    for s, r in dwell_runs.items():
        d = r.states.size * r.dt / r.n_switches
        dwell.append(d)
        assert d == pytest.approx(rm.kramers_dwell_time(s, NOISE), rel=0.20)
    assert all(b > a for a, b in zip(dwell, dwell[1:]))


def test_symmetric_parameters_give_equal_occupancy(dwell_runs):
    """With no task demand the two wells are mirror images, so the expected fraction of time in
    the DMN state is 1/2. For a two-state process with N switches in all, the time-averaged
    fraction has a standard deviation of about 0.5 / sqrt(N) (telegraph process: variance
    1 / (4 k T) per trial, k T = expected switches); we allow 4 standard deviations."""
    for s, r in dwell_runs.items():
        tol = 4 * 0.5 / math.sqrt(r.n_switches)
        assert abs(r.fraction_dmn - 0.5) < tol, (s, r.fraction_dmn, tol)
        assert abs(r.dominance_index) < 2 * tol


def test_task_demand_lowers_dmn_occupancy_and_dominance():
    a = rm.simulate_sticky_mind(0.75, NOISE, 0.0, t_max=200, dt=0.01, n_trials=50, seed=4)
    b = rm.simulate_sticky_mind(0.75, NOISE, 0.3, t_max=200, dt=0.01, n_trials=50, seed=4)
    assert b.fraction_dmn < a.fraction_dmn - 0.2
    assert b.dominance_index < a.dominance_index
    assert rm.kramers_dwell_time(0.75, NOISE, 0.3, "dmn") < rm.kramers_dwell_time(0.75, NOISE, 0.3, "task")


def test_seeded_runs_reproduce_exactly():
    a = rm.simulate_sticky_mind(1.0, 0.7, 0.1, t_max=50, n_trials=3, seed=11)
    b = rm.simulate_sticky_mind(1.0, 0.7, 0.1, t_max=50, n_trials=3, seed=11)
    c = rm.simulate_sticky_mind(1.0, 0.7, 0.1, t_max=50, n_trials=3, seed=12)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.states, b.states)
    assert a.fraction_dmn == b.fraction_dmn
    assert not np.array_equal(a.x, c.x)


def test_landscape_and_dominance_index():
    ls = rm.landscape(1.0, 0.0)
    assert ls["x_dmn"] == pytest.approx(1.0) and ls["x_task"] == pytest.approx(-1.0)
    assert ls["barrier_from_dmn"] == pytest.approx(1.0) and ls["k_barrier"] == pytest.approx(-4.0)
    assert math.isnan(rm.landscape(0.25, 0.6)["x_dmn"])  # tilt beyond 4 s / (3 sqrt 3): DMN well gone
    assert rm.kramers_dwell_time(0.25, 0.7, 0.6) == 0.0
    assert rm.dominance_index([1, 1, 1, 0]) == pytest.approx(0.5)
    assert rm.dominance_index([0, 0]) == -1.0


def test_hysteresis_and_dwell_times():
    x = np.array([1.0, 0.2, -0.2, -0.6, -0.1, 0.4, 0.7, 0.9])
    st_ = rm.hysteresis_states(x, 0.5)
    assert st_.tolist() == [1, 1, 1, 0, 0, 0, 1, 1]
    dw = rm.dwell_times(st_, 0.5)
    assert dw["task"].tolist() == [1.5] and dw["dmn"].size == 0
    assert dw["n_exits_dmn"] == 1 and dw["n_exits_task"] == 1


@pytest.mark.parametrize("kw,name", [
    ({"stickiness": 0.0}, "stickiness"), ({"stickiness": 9.0}, "stickiness"), ({"noise": -1}, "noise"),
    ({"task_demand": 5}, "task_demand"), ({"t_max": 0}, "t_max"), ({"dt": 0.5}, "dt"),
    ({"n_trials": 0}, "n_trials"), ({"seed": -1}, "seed"), ({"stickiness": 4.0, "dt": 0.05}, "dt"),
    ({"threshold": 1.5}, "threshold"), ({"noise": "high"}, "noise"), ({"stickiness": float("nan")}, "stickiness"),
])
def test_bad_parameters_raise_valueerror_naming_them(kw, name):
    with pytest.raises(ValueError, match=name):
        rm.simulate_sticky_mind(**{"t_max": 10, **kw})


@given(st.one_of(st.floats(max_value=0.049), st.floats(min_value=5.01), st.just(float("inf"))))
def test_property_stickiness_out_of_range(s):
    with pytest.raises(ValueError, match="stickiness"):
        rm.kramers_dwell_time(s, 0.7)


@given(st.one_of(st.floats(max_value=0.049), st.floats(min_value=3.01), st.text(max_size=3)))
def test_property_noise_out_of_range(sig):
    with pytest.raises(ValueError, match="noise"):
        rm.kramers_dwell_time(1.0, sig)


@given(st.one_of(st.floats(max_value=-3.01), st.floats(min_value=3.01), st.none()))
def test_property_task_demand_out_of_range(tau):
    with pytest.raises(ValueError, match="task_demand"):
        rm.potential([0.0, 1.0], 1.0, tau)


@given(st.floats(min_value=0.1, max_value=3.0), st.floats(min_value=0.3, max_value=2.0))
def test_property_kramers_dwell_increases_with_stickiness(s, sig):
    """T = 2 pi exp(s / D) / (sqrt(32) s) increases with s wherever s / D >= 1, i.e. wherever
    a barrier is worth the name (Kramers' formula needs s / D >> 1 anyway)."""
    assume(s / (sig ** 2 / 2) >= 1.0)
    assert rm.kramers_dwell_time(min(s * 1.5, 5.0), sig) > rm.kramers_dwell_time(s, sig)


def test_other_functions_refuse_bad_input():
    with pytest.raises(ValueError, match="threshold"):
        rm.hysteresis_states([0.1, 0.2], threshold=0)
    with pytest.raises(ValueError, match="x"):
        rm.hysteresis_states(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="initial"):
        rm.hysteresis_states([0.1, 0.2], initial=2)
    with pytest.raises(ValueError, match="states"):
        rm.dwell_times([0, 2, 1], 0.1)
    with pytest.raises(ValueError, match="dt"):
        rm.dwell_times([0, 1], 0)
    with pytest.raises(ValueError, match="states"):
        rm.dominance_index([])
    with pytest.raises(ValueError, match="well"):
        rm.kramers_dwell_time(1.0, 0.7, 0.0, well="both")
    with pytest.raises(ValueError, match="stickiness"):
        rm.landscape(-1)


@given(st.one_of(st.floats(max_value=0.0), st.floats(min_value=1.0), st.text(max_size=2)))
def test_property_threshold_out_of_range(th):
    with pytest.raises(ValueError, match="threshold"):
        rm.hysteresis_states([0.0, 1.0], threshold=th)


# --------------------------------------------------------------------------- many runs: episodes


def test_survival_curve_is_kaplan_meier():
    # no cut-offs: the empirical share of episodes longer than t
    L = np.array([1.0, 2.0, 2.0, 4.0])
    s = rm.survival_curve(L, np.ones(4, bool), [0.5, 1.0, 2.0, 3.0, 4.0])
    assert list(s) == pytest.approx([1.0, 0.75, 0.25, 0.25, 0.0])
    # an episode cut off at 3 leaves the risk set without ending: 3/4 * 2/3 after t = 2, then 1/1 -> 0
    s = rm.survival_curve([1.0, 2.0, 3.0, 4.0], [True, True, False, True], [1.5, 2.5, 3.5, 4.5])
    assert list(s) == pytest.approx([0.75, 0.5, 0.5, 0.0])
    assert np.isnan(rm.survival_curve([], [], [1.0])).all()
    with pytest.raises(ValueError, match="completed"):
        rm.survival_curve([1.0, 2.0], [True], [1.0])


def test_episodes_follow_kramers_exponential():
    """Kramers (1940): for a high barrier escape is memoryless, so episode lengths are exponential
    with mean T. At s = 1, noise 0.7 (barrier / D = 4.1) the pooled mean dwell time of 64 runs lies
    within 15% of Kramers' T (65.8), and the survival curve within 0.1 of exp(-t / T)."""
    runs = rm.simulate_episodes([1.0], [0.7], [0.0], n_trials=64, t_max=600, dt=0.03, seed=5)
    r = runs[0]
    T = rm.kramers_dwell_time(1.0, 0.7)
    assert r["mean_dwell_dmn"] == pytest.approx(T, rel=0.15)
    assert r["dmn"]["completed"].sum() > 200
    t = np.array([10.0, 30.0, 60.0, 120.0, 200.0])
    s = rm.survival_curve(r["dmn"]["lengths"], r["dmn"]["completed"], t)
    assert np.max(np.abs(s - np.exp(-t / T))) < 0.1
    assert r["fraction_dmn"] == pytest.approx(0.5, abs=0.05)


def test_episodes_match_the_single_run_simulator_in_distribution():
    a = rm.simulate_episodes([0.75, 1.0], [0.7, 0.7], [0.0, 0.0], n_trials=48, t_max=400, dt=0.02, seed=2)
    assert a[1]["mean_dwell_dmn"] > 1.6 * a[0]["mean_dwell_dmn"]  # Kramers predicts a factor of about 2.1
    tilted = rm.simulate_episodes([0.75], [0.7], [0.3], n_trials=48, t_max=400, dt=0.02, seed=2)[0]
    assert tilted["fraction_dmn"] < a[0]["fraction_dmn"] - 0.1


@pytest.mark.parametrize("kw,name", [
    (dict(stickiness=[9.0], noise=[0.7], task_demand=[0.0]), "stickiness"),
    (dict(stickiness=[1.0], noise=[0.0], task_demand=[0.0]), "noise"),
    (dict(stickiness=[1.0, 1.0], noise=[0.7], task_demand=[0.0]), "same length"),
    (dict(stickiness=[1.0], noise=[0.7], task_demand=[0.0], n_trials=0), "n_trials"),
    (dict(stickiness=[1.0], noise=[0.7], task_demand=[0.0], dt=0.09), "dt"),
])
def test_simulate_episodes_refuses_bad_input(kw, name):
    with pytest.raises(ValueError, match=name):
        rm.simulate_episodes(**kw)
