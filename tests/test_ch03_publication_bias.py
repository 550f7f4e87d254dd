"""Chapter 3: many small studies, only the significant ones published (winner's curse).

Published number: Cohen (1988, Statistical Power Analysis for the Behavioral Sciences, 2nd ed.;
key cohen1988statistical), power table for the two-sample t-test: d = 0.5 with 64 people per
group gives power 0.80 at two-sided alpha = 0.05. Tolerance: +-0.02 for the exact (noncentral t)
power, and 4 binomial standard deviations for the simulated power.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmnlab.models import publication_bias as pb


def test_power_matches_cohen_1988_table():
    """Cohen (1988): n = 64 per group, d = 0.5, alpha = 0.05 two-sided -> power 0.80."""
    assert pb.analytic_power(0.5, 64) == pytest.approx(0.80, abs=0.02)
    sim = pb.simulate_studies(0.5, 64, 20000, seed=1)
    p = pb.summarise_studies(sim)["power"]
    assert p == pytest.approx(0.80, abs=4 * math.sqrt(0.8 * 0.2 / 20000) + 0.02)


@pytest.mark.parametrize("d,n", [(0.2, 15), (0.3, 20), (0.5, 30), (0.8, 10)])
def test_simulated_power_matches_noncentral_t(d, n):
    k = 20000
    p_sim = pb.summarise_studies(pb.simulate_studies(d, n, k, seed=2))["power"]
    p = pb.analytic_power(d, n)
    assert abs(p_sim - p) < 4 * math.sqrt(p * (1 - p) / k)


def test_null_effect_gives_alpha_false_positives():
    s = pb.summarise_studies(pb.simulate_studies(0.0, 20, 40000, seed=3))
    assert s["power"] == pytest.approx(0.05, abs=4 * math.sqrt(0.05 * 0.95 / 40000))


def test_published_effects_are_inflated_when_power_is_low():
    """Button et al. (2013): low power inflates published effects (winner's curse); the
    inflation shrinks as power rises."""
    low = pb.summarise_studies(pb.simulate_studies(0.3, 20, 20000, seed=4))
    high = pb.summarise_studies(pb.simulate_studies(0.3, 400, 20000, seed=4))
    assert low["exaggeration"] > 2.0
    assert 0.95 < high["exaggeration"] < 1.1
    assert low["mean_all_d"] == pytest.approx(0.3, abs=0.02)  # all studies together are unbiased


def test_seeded_and_reproducible():
    a = pb.simulate_studies(0.3, 20, 100, seed=7)
    b = pb.simulate_studies(0.3, 20, 100, seed=7)
    assert np.array_equal(a["d_obs"], b["d_obs"])


@pytest.mark.parametrize("kw,name", [({"true_d": 5}, "true_d"), ({"n_per_group": 2}, "n_per_group"),
                                     ({"n_studies": 0}, "n_studies"), ({"alpha": 0.0}, "alpha"),
                                     ({"true_d": "big"}, "true_d"), ({"seed": -3}, "seed")])
def test_bad_inputs(kw, name):
    args = {"true_d": 0.3, "n_per_group": 20, "n_studies": 10, **kw}
    with pytest.raises(ValueError, match=name):
        pb.simulate_studies(**args)


@given(st.one_of(st.floats(min_value=3.01), st.floats(max_value=-3.01), st.just(float("nan"))))
def test_property_true_d_out_of_range(d):
    with pytest.raises(ValueError, match="true_d"):
        pb.analytic_power(d, 20)


@given(st.one_of(st.integers(max_value=2), st.integers(min_value=100_001), st.floats(min_value=3.5, max_value=3.9)))
def test_property_n_out_of_range(n):
    with pytest.raises(ValueError, match="n_per_group"):
        pb.analytic_power(0.3, n)


def test_summarise_refuses_other_input():
    with pytest.raises(ValueError, match="sim"):
        pb.summarise_studies({"d_obs": []})
