"""Chapter 2: Cohen's d -> overlap, U1, U3 and the common-language effect size.

Published numbers compared:
* Cohen J (1988) Statistical Power Analysis for the Behavioral Sciences, 2nd ed., Table 2.2.1:
  U1 = 14.7%, 33.0%, 47.4% and U3 = 57.9%, 69.1%, 78.8% for d = 0.2, 0.5, 0.8
  (tolerance 0.15 percentage points: Cohen's table rounds/truncates to one decimal).
* McGraw KO & Wong SP (1992) Psychol Bull 111:361-365: CL = Phi(d / sqrt 2); for Cohen's
  small, medium and large effects CL = 0.56, 0.64, 0.71 (tolerance 0.005).
* Schmaal L et al. (2016) Mol Psychiatry 21:806-812 (ENIGMA-MDD): hippocampal d = -0.14; the
  chance that a random patient's hippocampus is smaller than a random control's is then
  Phi(0.14 / sqrt 2) = 0.539 (tolerance 0.001).
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmnlab.models import effect_size as es


@pytest.mark.parametrize("d,u1,u3", [(0.2, 0.147, 0.579), (0.5, 0.330, 0.691), (0.8, 0.474, 0.788)])
def test_cohen_1988_table(d, u1, u3):
    assert es.cohens_u1(d) == pytest.approx(u1, abs=0.0015)
    assert es.cohens_u3(d) == pytest.approx(u3, abs=0.0015)


@pytest.mark.parametrize("d,cl", [(0.2, 0.56), (0.5, 0.64), (0.8, 0.71)])
def test_mcgraw_wong_common_language(d, cl):
    assert es.probability_of_superiority(d) == pytest.approx(cl, abs=0.005)


def test_enigma_hippocampus():
    p = es.probability_smaller(-0.14)
    assert p == pytest.approx(0.539, abs=0.001)
    assert es.overlap_coefficient(-0.14) == pytest.approx(0.944, abs=0.001)


def test_no_difference():
    assert es.overlap_coefficient(0) == 1.0
    assert es.cohens_u1(0) == 0.0
    assert es.probability_of_superiority(0) == 0.5


def test_overlap_equals_numerical_integral():
    for d in (-1.0, -0.14, 0.3, 2.0):
        x, f0, f1 = es.two_normal_densities(d, n_points=20001)
        num = np.trapezoid(np.minimum(f0, f1), x) if hasattr(np, "trapezoid") else np.trapz(np.minimum(f0, f1), x)
        assert num == pytest.approx(es.overlap_coefficient(d), abs=1e-4)


def test_probability_smaller_by_simulation():
    rng = np.random.default_rng(1)
    d = -0.5
    pat = rng.normal(d, 1, 200_000)
    con = rng.normal(0, 1, 200_000)
    assert np.mean(pat < con) == pytest.approx(es.probability_smaller(d), abs=0.005)


@given(st.floats(-10, 10))
def test_properties(d):
    s = es.effect_size_summary(d)
    assert 0 <= s["overlap"] <= 1 and 0 <= s["u1"] <= 1
    assert s["probability_of_superiority"] + s["probability_smaller"] == pytest.approx(1.0)
    assert es.overlap_coefficient(d) == pytest.approx(es.overlap_coefficient(-d))
    assert s["u3"] + s["fraction_below_reference_mean"] == pytest.approx(1.0)


@given(st.one_of(st.floats(allow_nan=True).filter(lambda v: not (-10 <= v <= 10) or math.isnan(v)),
                 st.text(max_size=3), st.none(), st.booleans()))
def test_bad_d_is_valueerror_naming_d(bad):
    for f in (es.overlap_coefficient, es.cohens_u1, es.cohens_u3, es.probability_of_superiority,
              es.probability_smaller, es.effect_size_summary):
        with pytest.raises(ValueError, match=r"\bd\b"):
            f(bad)
