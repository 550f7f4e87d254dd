"""Chapter 8: effect-size arithmetic (dmnlab.models.trials) against published numbers, and the
trials table (data/trials.csv) behind the forest plot."""

import math
import pathlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmnlab.data import load_table
from dmnlab.facts import STATUSES
from dmnlab.models import trials as tr

ROOT = pathlib.Path(__file__).resolve().parents[1]


def bib_keys():
    import pybtex.database

    return set(pybtex.database.parse_file(str(ROOT / "book" / "references.bib")).entries.keys())


# ----------------------------------------------------------------------------- published numbers

def test_sustain1_nnt_6_for_stable_remitters():
    """Daly et al. 2019 (JAMA Psychiatry 76:893-903), SUSTAIN-1: relapse 26.7 % on esketamine vs
    45.3 % after switching to placebo; the paper reports NNT 6. 1/0.186 = 5.38, rounded up to 6.
    Tolerance: exact after rounding; 0.01 on the unrounded value."""
    assert tr.nnt(0.267, 0.453, higher_is_better=False) == pytest.approx(5.376, abs=0.01)
    assert tr.nnt_rounded(0.267, 0.453, higher_is_better=False) == 6


def test_stone2022_large_response_about_15_points():
    """Stone et al. 2022 (BMJ 378:e067606): 'large response' in 24.5 % on drug vs 9.6 % on placebo,
    'about 15 %' more patients. Tolerance 0.5 percentage points."""
    assert 100 * tr.risk_difference(0.245, 0.096) == pytest.approx(15.0, abs=0.5)


def test_transform_pooled_day28_increment():
    """Turkoz et al. 2021 (J Clin Psychiatry 82:20m13800), post hoc observed-case pooling of
    TRANSFORM-1 and -2: response 58.7 % (182/310) vs 45.2 % (94/208) at day 28, an increment of
    13.5 points; NNT 7.4 (the course's one NNT for it, fact nnt_transform_pooled). Tolerance 0.05."""
    from dmnlab.facts import fact

    assert 100 * tr.risk_difference(0.587, 0.452) == pytest.approx(13.5, abs=0.05)
    res = tr.nnt_interval_from_counts(182, 310, 94, 208)
    assert f"{res['nnt']:.1f}" == fact("nnt_transform_pooled").value
    assert f"{100 * res['p_treat']:.1f}" == fact("esk_transform_pooled_response_pct").value
    assert f"{100 * res['p_control']:.1f}" == fact("esk_transform_pooled_control_response_pct").value
    assert 310 + 208 == int(fact("esk_transform_pooled_n_day28").value)
    # its 95% interval (Newcombe), registered because the chapter, the quiz and the bank state it
    assert f"{res['nnt_low']:.1f}" == fact("nnt_transform_pooled_ci_low").value
    assert f"{res['nnt_high']:.1f}" == fact("nnt_transform_pooled_ci_high").value


def test_sustain1_published_nnts_from_counts():
    """Daly et al. 2019 (JAMA Psychiatry 76:893-903), abstract: relapse in 24 (26.7 %) vs 39 (45.3 %)
    of 176 stable remitters, NNT 6; in 16 (25.8 %) vs 34 (57.6 %) of 121 stable responders, NNT 4.
    The arm sizes (90/86, 62/59) are the whole numbers consistent with the counts, percentages and
    totals. Tolerance: exact after rounding up; 0.05 points on the percentages."""
    for e_t, n_t, e_c, n_c, pt, pc, total, published in ((24, 90, 39, 86, 26.7, 45.3, 176, 6),
                                                        (16, 62, 34, 59, 25.8, 57.6, 121, 4)):
        assert n_t + n_c == total
        assert 100 * e_t / n_t == pytest.approx(pt, abs=0.05) and 100 * e_c / n_c == pytest.approx(pc, abs=0.05)
        res = tr.nnt_interval_from_counts(e_t, n_t, e_c, n_c, higher_is_better=False)
        assert math.ceil(res["nnt"]) == published
        assert not res["includes_zero"]


def test_counts_are_validated():
    with pytest.raises(ValueError, match="events_treat"):
        tr.nnt_interval_from_counts(311, 310, 94, 208)
    with pytest.raises(ValueError, match="n_control"):
        tr.rates_from_counts(1, 10, 1, 0)
    with pytest.raises(ValueError, match="events_control"):
        tr.rates_from_counts(1, 10, 1.5, 10)


def test_newcombe_hybrid_score_interval_matches_his_worked_example():
    """Newcombe 1998 (Stat Med 17:873-890), method 10, example 56/70 vs 48/80: 0.0524 to 0.3339.
    Tolerance 0.0005."""
    lo, hi = tr.risk_difference_interval(56 / 70, 48 / 80, 70, 80)
    assert lo == pytest.approx(0.0524, abs=5e-4) and hi == pytest.approx(0.3339, abs=5e-4)


def test_wald_interval_is_the_textbook_formula():
    lo, hi = tr.risk_difference_interval(0.6, 0.4, 100, 100, method="wald")
    se = math.sqrt(0.24 / 100 * 2)
    assert lo == pytest.approx(0.2 - 1.959964 * se, abs=1e-6) and hi == pytest.approx(0.2 + 1.959964 * se, abs=1e-6)


def test_kraemer_nnt_from_d():
    """Kraemer & Kupfer 2006 (Biol Psychiatry 59:990-996): NNT = 1/(2 Phi(d/sqrt 2) - 1); their
    tabulated values are about 8.9 (d 0.2), 3.6 (d 0.5) and 2.3 (d 0.8). Tolerance 0.05."""
    assert tr.nnt_from_d_kraemer(0.2) == pytest.approx(8.9, abs=0.05)
    assert tr.nnt_from_d_kraemer(0.5) == pytest.approx(3.6, abs=0.05)
    assert tr.nnt_from_d_kraemer(0.8) == pytest.approx(2.3, abs=0.05)


def test_probability_of_superiority_mcgraw_wong():
    """McGraw & Wong 1992 (Psychol Bull 111:361-365): CL = Phi(d/sqrt 2); d = 1 gives 0.76.
    Tolerance 0.005."""
    assert tr.d_to_probability_of_superiority(1.0) == pytest.approx(0.760, abs=0.005)
    assert tr.d_to_probability_of_superiority(0.0) == 0.5
    assert tr.probability_of_superiority_to_d(0.76) == pytest.approx(1.0, abs=0.01)


def test_furukawa_depends_on_control_rate_kraemer_does_not():
    """Furukawa & Leucht 2011 (PLoS One 6:e19070): the NNT implied by a d depends on the control
    event rate; at CER 0.5 and d 0.5 it is 1/(Phi(0.5) - 0.5) = 5.2. Tolerance 0.05."""
    assert tr.nnt_from_d_furukawa(0.5, 0.5) == pytest.approx(5.2, abs=0.05)
    assert tr.nnt_from_d_furukawa(0.5, 0.1) > tr.nnt_from_d_furukawa(0.5, 0.5)


def test_nnt_interval_crossing_zero_is_reported_as_two_pieces():
    """KARMA-Dep 2 (Jelovac 2025): response 46.9 % (15/32) vs 33.3 % (10/30), not significant."""
    res = tr.nnt_interval(15 / 32, 10 / 30, 32, 30)
    assert res["includes_zero"] and res["nnt_low"] is None and "infinity" in res["text"]
    res = tr.nnt_interval(0.587, 0.452, 300, 300)
    assert not res["includes_zero"] and res["nnt_low"] < res["nnt"] < res["nnt_high"]


def test_odds_and_risk_ratios():
    assert tr.odds_ratio(0.5, 0.5) == 1.0
    assert tr.risk_ratio(0.267, 0.453) == pytest.approx(0.589, abs=0.001)
    assert tr.relative_risk_reduction(0.267, 0.453) == pytest.approx(0.411, abs=0.001)


# ----------------------------------------------------------------------------- properties

rate = st.floats(0.0, 1.0, allow_nan=False)
n = st.integers(1, 5000)


@given(rate, rate, n, n)
def test_interval_contains_estimate_and_stays_in_range(p1, p2, n1, n2):
    lo, hi = tr.risk_difference_interval(p1, p2, n1, n2)
    assert -1 - 1e-9 <= lo <= p1 - p2 + 1e-9 and p1 - p2 - 1e-9 <= hi <= 1 + 1e-9


@given(rate, n)
def test_wilson_contains_p(p, k):
    lo, hi = tr.wilson_interval(p, k)
    assert 0 <= lo <= p + 1e-12 and p - 1e-12 <= hi <= 1


@given(st.floats(-4.9, 4.9, allow_nan=False))
def test_superiority_roundtrip(d):
    ps = tr.d_to_probability_of_superiority(d)
    if 1e-9 < ps < 1 - 1e-9:
        assert tr.probability_of_superiority_to_d(ps) == pytest.approx(d, abs=1e-4)


@given(st.one_of(st.floats(1.0001, 100), st.floats(-100, -0.0001), st.just(float("nan")), st.text(max_size=3)))
def test_bad_rates_raise_valueerror_naming_the_parameter(bad):
    with pytest.raises(ValueError, match="p_treat"):
        tr.risk_difference(bad, 0.3)
    with pytest.raises(ValueError, match="p_control"):
        tr.nnt(0.3, bad)


@pytest.mark.parametrize("kw,name", [({"n_treat": 0}, "n_treat"), ({"n_control": 2.5}, "n_control"),
                                     ({"level": 1.5}, "level"), ({"method": "exact"}, "method")])
def test_bad_interval_arguments(kw, name):
    args = dict(p_treat=0.5, p_control=0.3, n_treat=50, n_control=50)
    args.update(kw)
    with pytest.raises(ValueError, match=name):
        tr.risk_difference_interval(**args)


def test_bad_d_and_cer():
    with pytest.raises(ValueError, match="d must"):
        tr.nnt_from_d_kraemer(9)
    with pytest.raises(ValueError, match="cer"):
        tr.nnt_from_d_furukawa(0.5, 1.0)
    with pytest.raises(ValueError, match="higher_is_better"):
        tr.nnt(0.5, 0.3, higher_is_better="yes")


# ----------------------------------------------------------------------------- data/trials.csv

def test_trials_table_sources_intervals_and_statuses():
    df = load_table("trials.csv")
    for col in ("trial", "comparison", "outcome", "measure", "estimate", "ci_low", "ci_high", "source", "status",
                "checked"):
        assert col in df.columns and df[col].notna().all(), col
    keys = bib_keys()
    missing = {k for s in df.source for k in re.split(r"[;,\s]+", s) if k and k not in keys}
    assert not missing, f"source keys not in book/references.bib: {sorted(missing)}"
    assert (df.ci_low <= df.estimate).all() and (df.estimate <= df.ci_high).all()
    assert set(df.status) <= set(STATUSES)
    # a value that could not be checked leaves the forest plot (data/README.md): no row is unverified
    assert (df.status != "unverified").all()
    assert set(df.measure) <= {"MD", "SMD", "OR", "RR", "HR", "risk difference"}
    assert set(df.favours) <= {"higher", "lower"}
    ratio = df.measure.isin(["OR", "RR", "HR"])
    assert (df.loc[ratio, "ci_low"] > 0).all()
    assert df.trial_id.is_unique


def test_trials_table_holds_the_published_numbers():
    """Spot checks against the abstracts read on 2026-11-28 (each row's `checked` says which):
    Stone 2022 (PubMed 35918097), Popova 2019, Daly 2019, Jelovac 2025 (news reports of the abstract),
    Murrough 2013 (PMID 23982301), Carhart-Harris 2021. Tolerance: exact."""
    df = load_table("trials.csv").set_index("trial_id")
    assert tuple(df.loc["T01", ["estimate", "ci_low", "ci_high"]]) == (1.75, 1.63, 1.86)
    assert tuple(df.loc["T03", ["estimate", "ci_low", "ci_high"]]) == (-4.0, -7.31, -0.64)
    assert tuple(df.loc["T09", ["estimate", "ci_low", "ci_high"]]) == (0.49, 0.29, 0.84)
    assert tuple(df.loc["T05", ["estimate", "ci_low", "ci_high"]]) == (-3.16, -8.54, 2.22)
    assert tuple(df.loc["T11", ["estimate", "ci_low", "ci_high"]]) == (2.18, 1.21, 4.14)
    assert tuple(df.loc["T06", ["estimate", "ci_low", "ci_high"]]) == (-2.0, -5.0, 0.9)  # psilocybin minus escitalopram
    assert df.loc["T05", "status"] == "secondary"  # read in news reports of the abstract, not the abstract
    assert "children" in df.loc["T01", "population"]  # Stone 2022 pooled adults and children
    # the Cipriani 2018 credible intervals could not be read: those rows left the table
    assert "cipriani2018comparative" not in set(df.source)


def test_forest_panels_never_mix_scales():
    from dmnlab.demos.ch08 import FOREST_GROUPS, forest_rows

    for g in FOREST_GROUPS:
        rows = forest_rows(g)
        assert len(rows) >= 1
        assert rows.scale.nunique() == 1 or g in ("or_response", "ratio_harm")
        assert (rows.lo <= rows.x).all() and (rows.x <= rows.hi).all()
        assert (rows.status != "unverified").all()


def test_forest_uses_one_sign_convention_for_mean_differences():
    """Every mean difference is shown as treatment minus control change (negative favours the
    treatment): the psilocybin row is the registered -2.0 (psilocybin minus escitalopram), and only
    rows published as an improvement (Stone 2022) are reversed."""
    from dmnlab.demos.ch08 import forest_rows
    from dmnlab.facts import fact

    q = forest_rows("qids").set_index("trial_id")
    assert q.loc["T06", "x"] == fact("carhartharris2021_qids_diff").number
    assert (q.loc["T06", "lo"], q.loc["T06", "hi"]) == (-5.0, 0.9)
    for g in ("hamd", "madrs", "qids"):
        rows = forest_rows(g)
        assert (rows.x < 0).all(), f"{g}: every treatment here reduced symptoms more than its control"
        assert set(rows.loc[rows.flipped, "trial_id"]) <= {"T01"}
