"""Model of 5-HT1A autoreceptor feedback and desensitisation (dmnlab.models.synapse).

Published account (Blier & de Montigny 1994, Trends Pharmacol Sci 15:220; Blier et al. 1998,
Ann N Y Acad Sci 861:204): an SSRI first slows raphe firing through somatodendritic 5-HT1A
autoreceptors; firing recovers over about 2-3 weeks as the autoreceptors desensitise, and
serotonin transmission in the forebrain ends higher than after the first doses. Tolerances:
"dip" = firing below 0.85 of baseline within the first week; "recovers" = back within 10% of
baseline by day 21 (3 weeks) with the default time constant.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dmnlab.models import synapse


def test_baseline_is_one():
    assert synapse.raphe_firing(1.0, 1.0) == pytest.approx(1.0)
    assert synapse.reuptake_gain(0.0) == pytest.approx(1.0)
    r = synapse.ssri_time_course(occupancy_max=0.0)
    assert np.allclose(r["firing"], 1.0) and np.allclose(r["forebrain_5ht"], 1.0)


def test_acute_change_smaller_than_chronic():
    r = synapse.ssri_time_course(tau_des_days=7.0)
    t, s = r["t"], r["forebrain_5ht"]
    acute = s[np.searchsorted(t, 2.0)] - 1.0
    chronic = s[-1] - 1.0
    assert 0 < acute < chronic
    assert chronic > 1.5 * acute


def test_firing_dips_then_recovers_within_three_weeks():
    r = synapse.ssri_time_course(tau_des_days=7.0)
    t, f = r["t"], r["firing"]
    assert f[t <= 7].min() < 0.85
    assert abs(f[np.searchsorted(t, 21.0)] - 1.0) < 0.1
    assert abs(f[-1] - 1.0) < 0.02


@pytest.mark.parametrize("tau", [3.0, 7.0, 15.0])
def test_slower_desensitisation_means_a_longer_delay(tau):
    """Time for forebrain serotonin to reach 90% of its final rise grows with tau_des."""
    def t90(x):
        r = synapse.ssri_time_course(tau_des_days=x, days=90)
        s = r["forebrain_5ht"] - 1
        return r["t"][np.argmax(s >= 0.9 * s[-1])]
    assert t90(tau) < t90(tau * 2)


def test_feedback_strength_sets_the_dip():
    g = synapse.reuptake_gain(0.8)
    assert synapse.raphe_firing(g, 1.0, feedback=10) < synapse.raphe_firing(g, 1.0, feedback=1) < 1
    assert synapse.raphe_firing(g, 1.0 / g) == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(["days", "tau_des_days", "occupancy_max", "tau_occ_days", "non_sert_fraction",
                             "feedback", "dt_days"]),
       bad=st.one_of(st.just(float("nan")), st.just(-1.0), st.just(1e9), st.none(), st.text(max_size=2)))
def test_bad_input(name, bad):
    with pytest.raises(ValueError, match=name):
        synapse.ssri_time_course(**{name: bad})


def test_bad_input_small_functions():
    with pytest.raises(ValueError, match="occupancy"):
        synapse.reuptake_gain(1.0)
    with pytest.raises(ValueError, match="sensitivity"):
        synapse.raphe_firing(2.0, 0.0)
    with pytest.raises(ValueError, match="gain"):
        synapse.raphe_firing(0.5, 1.0)
