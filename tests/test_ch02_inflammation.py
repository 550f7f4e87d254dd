"""Chapter 2: effect sizes from group statistics, and the inflammation table, figure and demo.

Published numbers compared:
* Cohen J (1988) Statistical Power Analysis for the Behavioral Sciences, 2nd ed., Table 2.2.1:
  U3 = 57.9%, 69.1%, 78.8% for d = 0.2, 0.5, 0.8; the share of a group above the *median* of the
  other is U3, so ``share_above_reference_quantile(d, 0.5)`` must reproduce it (tolerance 0.15
  percentage points, the table's rounding).
* Osimo EF et al. (2020) Brain Behav Immun 87:901-909, abstract: CRP g = 0.71 (0.50-0.92), IL-6 g =
  0.61 (0.39-0.82), TNF-alpha g = 0.54 (0.32-0.76); data/inflammation_markers.csv and data/facts.csv
  must both carry these values exactly.
* Haapakoski R et al. (2015) Brain Behav Immun 49:206-215, abstract: IL-6 d = 0.54, CRP d = 0.47.
* Michael RB et al. (2013) Psychon Bull Rev 20:720-725: the ten replications had 1,971 participants
  (PsychFileDrawer record of the replication), so the ten rows of data/brain_image_studies.csv must
  add up to exactly 1,971.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmnlab.data import load_table
from dmnlab.demos import ch02
from dmnlab.facts import fact
from dmnlab.models import effect_size as es


@pytest.mark.parametrize("d,u3", [(0.2, 0.579), (0.5, 0.691), (0.8, 0.788)])
def test_share_above_the_median_is_cohens_u3(d, u3):
    assert es.share_above_reference_quantile(d, 0.5) == pytest.approx(u3, abs=0.0015)


def test_share_above_90th_percentile_at_zero_and_at_crp():
    assert es.share_above_reference_quantile(0.0, 0.9) == pytest.approx(0.10, abs=1e-12)
    assert es.share_above_reference_quantile(0.71, 0.9) == pytest.approx(0.284, abs=0.001)


def test_d_and_g_from_group_statistics():
    # McCabe and Castel 2008, experiment 3 (no critique), image vs no image
    d = es.cohens_d_from_stats(3.12, 0.65, 26, 2.89, 0.79, 28)
    sp = math.sqrt((25 * 0.65 ** 2 + 27 * 0.79 ** 2) / 52)
    assert d == pytest.approx(0.23 / sp, rel=1e-12)
    assert es.hedges_g_from_stats(3.12, 0.65, 26, 2.89, 0.79, 28) == pytest.approx(d * (1 - 3 / (4 * 54 - 9)))
    assert es.hedges_correction(20, 20) == pytest.approx(1 - 3 / 151)
    assert es.smd_variance(0.0, 20, 20) == pytest.approx(0.1)


@given(st.floats(-3, 3), st.floats(0.1, 5), st.integers(2, 500), st.floats(0.1, 5), st.integers(2, 500))
def test_property_g_is_smaller_in_size_than_d(m, s1, n1, s2, n2):
    d = es.cohens_d_from_stats(m, s1, n1, 0.0, s2, n2)
    g = es.hedges_g_from_stats(m, s1, n1, 0.0, s2, n2)
    assert abs(g) <= abs(d) + 1e-12


@pytest.mark.parametrize("kw,name", [
    (dict(mean1=0, sd1=0, n1=10, mean2=0, sd2=1, n2=10), "sd1"),
    (dict(mean1=0, sd1=1, n1=1, mean2=0, sd2=1, n2=10), "n1"),
    (dict(mean1=0, sd1=1, n1=10, mean2=float("nan"), sd2=1, n2=10), "mean2"),
])
def test_bad_group_statistics_raise_valueerror_naming_them(kw, name):
    with pytest.raises(ValueError, match=name):
        es.cohens_d_from_stats(**kw)


def test_bad_quantile_and_subgroup_inputs():
    with pytest.raises(ValueError, match="q"):
        es.share_above_reference_quantile(0.5, 1.0)
    with pytest.raises(ValueError, match="fraction"):
        es.subgroup_mixture_densities(0.5, 0.0)
    with pytest.raises(ValueError, match="difference"):
        es.subgroup_mixture_densities(4.0, 0.5)


def test_inflammation_table_matches_the_abstracts_and_the_facts():
    t = load_table("inflammation_markers.csv")
    assert set(t["status"]) == {"verified"}
    o = t[t["meta_analysis"] == "Osimo 2020"].set_index("marker")
    for marker, fid, lo, hi in (("CRP", "osimo2020_crp_g", 0.50, 0.92), ("IL-6", "osimo2020_il6_g", 0.39, 0.82),
                                ("TNF-α", "osimo2020_tnf_g", 0.32, 0.76)):
        assert o.loc[marker, "effect"] == fact(fid).number
        assert (o.loc[marker, "ci_low"], o.loc[marker, "ci_high"]) == (lo, hi)
    h = t[t["meta_analysis"] == "Haapakoski 2015"].set_index("marker")
    assert (h.loc["IL-6", "effect"], h.loc["CRP", "effect"]) == (0.54, 0.47)
    assert h["ci_low"].isna().all()  # not in the abstract read: drawn without intervals


def test_brain_image_table_adds_up_to_the_published_sample():
    t = load_table("brain_image_studies.csv")
    reps = t[t["study"] == "Michael et al. 2013"]
    assert len(t) == 12 and len(reps) == 10
    assert int((reps["n_image"] + reps["n_no_image"]).sum()) == 1971
    assert set(t["status"]) == {"secondary"}


def test_inflammation_figure_and_demo():
    f = ch02.inflammation_figure()
    assert len(f.alt) > 100 and "not a model" in f.caption
    filled, open_ = f.fig.data[0], f.fig.data[1]
    assert len(filled.x) == 3 and len(open_.x) == 2  # rows without an interval are drawn open
    d = ch02.inflammation_demo()
    st = ch02.inflammation_state(0.7, 1.0)
    assert st["overlap"] == pytest.approx(es.overlap_coefficient(0.7))
    sub = ch02.inflammation_state(0.7, 0.27)
    assert sub["shift"] == pytest.approx(0.7 / 0.27)
    # the mixture's mean difference is still 0.7 control SDs
    x, f0, f1 = sub["x"], sub["controls"], sub["patients"]
    assert np.trapezoid(x * f1, x) - np.trapezoid(x * f0, x) == pytest.approx(0.7, abs=1e-3)
    assert sub["overlap"] > st["overlap"]
    text = d.evaluate(difference=0.7, carried_by=1.0)["readout"]
    assert "73%" in text and "28%" in text
    with pytest.raises(ValueError, match="carried_by"):
        d.evaluate(carried_by=0.5)
    with pytest.raises(ValueError, match="difference"):
        d.evaluate(difference=2.0)


def test_regions_map_includes_the_reward_circuit():
    fig = ch02.regions_figure()
    assert len(fig.data[1].x) == 14
    assert list(fig.data[1].marker.symbol).count("diamond") == 6
