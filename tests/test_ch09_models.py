"""Chapter 9 models: the connectivity-guided TMS target, odds ratios from two arms, and relapse
curves from a hazard ratio. Each test states the published number it checks and its tolerance."""

import math

import numpy as np
import pytest
from scipy.stats import chi2_contingency
from scipy.stats.contingency import odds_ratio

from dmnlab.data import load_hcp
from dmnlab.facts import fact
from dmnlab.models.connectivity import seed_correlation
from dmnlab.models.tms_targeting import pick_agreement, pick_target, seed_map, tms_target
from dmnlab.models.treatment_effects import (
    absolute_risk_reduction,
    exponential_hr,
    hazard_ratio_from_survival,
    nnt_from_hr,
    odds_ratio_ci,
    percent,
    relapse_curves,
    risk_at,
    simulate_exponential_trial,
)

# --------------------------------------------------------------------------- TMS target


def _direct(bold, seed, gsr):
    """The same computation written independently: least-squares GSR with np.linalg.lstsq,
    then np.corrcoef of the seed's mean time course with every row."""
    x = np.asarray(bold, float)
    x = x - x.mean(axis=1, keepdims=True)
    if gsr:
        g = x.mean(axis=0)[:, None]
        beta, *_ = np.linalg.lstsq(g, x.T, rcond=None)
        x = x - (g @ beta).T
    s = x[seed].mean(axis=0)
    return np.array([np.corrcoef(s, row)[0, 1] for row in x])


@pytest.mark.parametrize("gsr", [False, True])
def test_target_agrees_with_a_direct_computation_on_real_data(gsr):
    """On every person of the HCP data, seed_map equals np.corrcoef after lstsq GSR (to 1e-10)
    and the pick is the argmin over the candidates."""
    hcp = load_hcp(94)
    names = hcp.regions["name"].tolist()
    seed = [names.index("Cingulate_Ant_L"), names.index("Cingulate_Ant_R")]
    cand = [names.index(n) for n in ("Frontal_Sup_2_L", "Frontal_Mid_2_L", "Frontal_Inf_Tri_L",
                                     "Frontal_Inf_Oper_L", "Frontal_Inf_Orb_2_L")]
    for bold in hcp.bold:
        pick, r = tms_target(bold, seed, cand, gsr=gsr)
        direct = _direct(bold, seed, gsr)
        np.testing.assert_allclose(r, direct, atol=1e-10)
        assert pick == cand[int(np.argmin(direct[cand]))]
        # and the chapter-1 function gives the same map
        np.testing.assert_allclose(r, seed_correlation(bold, seed, gsr=gsr), atol=1e-12)


def test_gsr_makes_the_seed_map_sum_to_zero_in_covariance():
    """Murphy et al. 2009 (NeuroImage 44:893-905): after global signal regression a seed's
    covariances with the regions that make up the global signal sum to zero, so some correlations
    must be negative. Tolerance 1e-8 (floating point)."""
    bold = load_hcp(94).bold[0]
    r = seed_map(bold, [34, 35], gsr=True)
    from dmnlab.models.connectivity import regress_global_signal

    x = regress_global_signal(bold)
    s = x[[34, 35]].mean(axis=0)
    cov = x @ s
    assert abs(cov.sum()) < 1e-8 * np.abs(cov).sum()
    assert (r < 0).any()


def test_pick_and_agreement_helpers():
    r = np.array([0.5, -0.2, 0.1, -0.3, 0.0])
    assert pick_target(r, [0, 1, 2]) == 1
    assert pick_target(r, [3, 1]) == 3
    assert pick_agreement(np.array([1, 1, 3, 1]), 1) == 0.75


@pytest.mark.parametrize("call, param", [
    (lambda: seed_map(np.ones((3, 2)), 0), "bold"),
    (lambda: seed_map(np.random.default_rng(0).normal(size=(4, 20)), 7), "seed"),
    (lambda: seed_map(np.random.default_rng(0).normal(size=(4, 20)), [1, 1]), "seed"),
    (lambda: seed_map(np.random.default_rng(0).normal(size=(4, 20)), 0, gsr="yes"), "gsr"),
    (lambda: pick_target([0.1, 2.0], [0]), "r"),
    (lambda: pick_target([0.1, 0.2], []), "candidates"),
    (lambda: tms_target(np.random.default_rng(0).normal(size=(4, 20)), [0], [0, 1]), "candidates"),
    (lambda: pick_agreement([], 0), "picks"),
])
def test_bad_input_names_the_parameter(call, param):
    with pytest.raises(ValueError, match=param):
        call()


# --------------------------------------------------------------------------- trial numbers


@pytest.mark.parametrize("events, n, fact_id, decimals", [
    (19, 21, "saint_open_remission_pct", 1),   # Cole et al. 2020, Am J Psychiatry: 19 of 21 (90.5%)
    (19, 22, "saint_open_itt_pct", 1),         # same, intention to treat: 19 of 22 (86.4%)
    (11, 14, "snt2022_remission_active_pct", 1),  # Cole et al. 2022 (secondary reports): 11 of 14
    (2, 15, "snt2022_remission_sham_pct", 1),  # 2 of 15
    (12, 24, "snt2026_remission_active_pct", 1),  # Kratter et al. 2026, World Psychiatry: 50.0%
    (5, 24, "snt2026_remission_sham_pct", 1),  # 20.8%
    (12, 60, "broaden_response_active_pct", 0),  # Holtzheimer et al. 2017, Lancet Psychiatry: 12 (20%)
    (5, 30, "broaden_response_sham_pct", 0),   # 5 (17%)
])
def test_rates_reproduce_the_published_percentages(events, n, fact_id, decimals):
    """Each rate, rounded as the paper rounds it, equals the published percentage exactly."""
    assert f"{percent(events, n):.{decimals}f}" == fact(fact_id).value


def test_counts_reproduce_the_published_chi_square_of_the_2026_snt_trial():
    """Kratter et al. 2026 (World Psychiatry 25:105-116), abstract: remission chi2(1, 48) = 4.5,
    p = 0.035; response chi2 = 4.3, p = 0.039 (54.2% vs 25.0%). Counts 12/24 vs 5/24 and 13/24 vs
    6/24 reproduce both to the published rounding (Pearson, no continuity correction)."""
    for table, chi, p in (([[12, 12], [5, 19]], "4.5", "0.035"), ([[13, 11], [6, 18]], "4.3", "0.039")):
        stat, pval, *_ = chi2_contingency(table, correction=False)
        assert f"{stat:.1f}" == chi and f"{pval:.3f}" == p
    assert f"{percent(13, 24):.1f}" == "54.2" and f"{percent(6, 24):.1f}" == "25.0"


@pytest.mark.parametrize("a, n1, c, n2", [(12, 24, 5, 24), (12, 60, 5, 30), (11, 14, 2, 15), (30, 100, 10, 90)])
def test_odds_ratio_matches_scipy(a, n1, c, n2):
    """Woolf's interval against scipy's sample odds ratio and its normal-approximation interval
    (an independent implementation), to 1e-9."""
    est, lo, hi = odds_ratio_ci(a, n1, c, n2)
    res = odds_ratio([[a, n1 - a], [c, n2 - c]], kind="sample")
    ci = res.confidence_interval(0.95)
    np.testing.assert_allclose([est, lo, hi], [res.statistic, ci.low, ci.high], rtol=1e-9)


def test_odds_ratio_zero_cell_uses_the_half_correction():
    est, lo, hi = odds_ratio_ci(5, 10, 0, 10)
    assert est == pytest.approx((5.5 * 10.5) / (5.5 * 0.5))
    assert lo < est < hi


@pytest.mark.parametrize("args, param", [((5, 4, 1, 10), "events_treat"), ((1, 0, 1, 10), "n_treat"),
                                         ((1, 10, -1, 10), "events_control"), ((1, 10, 1, 10, 1.2), "level")])
def test_odds_ratio_bad_input(args, param):
    with pytest.raises(ValueError, match=param):
        odds_ratio_ci(*args)


# --------------------------------------------------------------------------- relapse curves


def test_relapse_curves_reproduce_the_published_hazard_ratio():
    """Kuyken et al. 2016 (JAMA Psychiatry 73:565-574): MBCT vs no MBCT, hazard ratio 0.69
    (95% CI 0.58-0.82) over 60 weeks. The model's curves imply exactly that HR at every time
    (tolerance 1e-12), for the estimate and both limits, and the comparison group's risk at 60
    weeks is the one asked for."""
    weeks = np.linspace(1, 60, 60)
    for fid in ("mbct_ipd_hr", "mbct_ipd_hr_low", "mbct_ipd_hr_high"):
        hr = fact(fid).number
        for p in (0.2, 0.5, 0.8):
            c, t = relapse_curves(weeks, p, hr)
            np.testing.assert_allclose(hazard_ratio_from_survival(1 - t, 1 - c), hr, rtol=1e-12)
            assert c[-1] == pytest.approx(p, abs=1e-12)
            assert (t < c).all()


def test_simulated_trial_recovers_the_hazard_ratio():
    """A simulated trial (200,000 per arm, exponential times, censored at 60 weeks) analysed
    by maximum likelihood gives back HR 0.69 within 2% (seeded)."""
    rate = -math.log(0.5) / 60
    time, event, treated = simulate_exponential_trial(200_000, rate, 0.69, 60, seed=1)
    assert exponential_hr(time, event, treated) == pytest.approx(0.69, rel=0.02)


def test_absolute_benefit_depends_on_baseline_risk():
    """Same relative effect, different absolute effect: with HR 0.69 the risk reduction at 60
    weeks grows from a 20% to a 50% baseline and the NNT falls; at 50% the treated risk is
    1 - 0.5**0.69 (closed form, 1e-12)."""
    hr = fact("mbct_ipd_hr").number
    c, t = risk_at(60, 0.5, hr)
    assert t == pytest.approx(1 - 0.5 ** hr, abs=1e-12)
    assert absolute_risk_reduction(60, 0.5, hr) > absolute_risk_reduction(60, 0.2, hr) > 0
    assert nnt_from_hr(60, 0.5, hr) < nnt_from_hr(60, 0.2, hr)
    assert math.isinf(nnt_from_hr(60, 0.5, 1.0))


@pytest.mark.parametrize("kwargs, param", [
    (dict(weeks=[1, 2], control_risk=1.0, hazard_ratio=0.7), "control_risk"),
    (dict(weeks=[1, 2], control_risk=0.5, hazard_ratio=0.0), "hazard_ratio"),
    (dict(weeks=[-1, 2], control_risk=0.5, hazard_ratio=0.7), "weeks"),
    (dict(weeks=[1, 2], control_risk=0.5, hazard_ratio=0.7, horizon_weeks=0), "horizon_weeks"),
])
def test_relapse_bad_input(kwargs, param):
    with pytest.raises(ValueError, match=param):
        relapse_curves(**kwargs)
