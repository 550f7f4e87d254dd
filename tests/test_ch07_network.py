"""Chapter 7: the linearised Hopf network on the HCP connectome (dmnlab.models.network)."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dmnlab.data import DATA_DIR, load_hcp
from dmnlab.demos import ch07
from dmnlab.models import network as nw

A = -0.3


@pytest.fixture(scope="module")
def emp():
    return load_hcp(80).group_fc


# --------------------------------------------------------------------------- the analytic FC


def test_modal_closed_form_equals_full_lyapunov_solution():
    """The per-eigenmode closed form and scipy's Lyapunov solver give the same FC."""
    g = 0.85 * nw.critical_coupling(A)
    fast = nw.model_fc(g, A)
    full = nw.model_fc(g, np.full(80, A))  # vector a -> scipy.linalg.solve_continuous_lyapunov
    assert np.abs(fast - full).max() < 1e-10


def test_analytic_fc_matches_a_long_euler_maruyama_simulation():
    """The Lyapunov FC equals the FC of a long simulation of the same linear SDE.

    Tolerance from the sampling error of a correlation: SE(r) <= (1 - rho^2) / sqrt(n_eff)
    <= 1 / sqrt(n_eff), with n_eff = T_total / (2 tau) and tau = 1/|lambda_max| the slowest
    mode's correlation time (conservative: every other mode decorrelates faster). Here
    lambda_max = -0.09/s (tau = 11.1 s), T_total = 16 chains x 1000 s, so n_eff = 720 and
    SE <= 0.037. We require max |dr| over the 3160 pairs < 4.5 SE (a 4.5-sigma bound for 3160
    draws) and mean |dr| < SE (the expected mean |dr| is sqrt(2/pi) SE = 0.8 SE at most).
    Euler-Maruyama bias at dt = 0.05 s is O(dt |J|) ~ 3 % of a covariance and largely cancels
    in correlations (measured mean signed error 0.0006). Measured: max 0.05, mean 0.010.
    """
    g = 0.7 * nw.critical_coupling(A)
    lam = nw.max_real_eigenvalue(g, A)
    assert lam == pytest.approx(-0.09, abs=1e-6)
    x = nw.simulate_linear(g, A, duration_s=1000.0, dt=0.05, n_chains=16, burn_s=50.0, seed=3)
    sim = np.corrcoef(x)
    fc = nw.model_fc(g, A)
    n_eff = 16 * 1000.0 / (2 * (1 / abs(lam)))
    se = 1 / math.sqrt(n_eff)
    d = nw.upper(fc - sim)
    assert np.abs(d).max() < 4.5 * se
    assert np.abs(d).mean() < se
    assert nw.fit_r(fc, sim) > 0.95


def test_noise_amplitude_cancels_out_of_the_correlations():
    g = 0.8 * nw.critical_coupling(A)
    f1 = nw.model_fc(g, A, sigma=0.01)
    f2 = nw.model_fc(g, A, sigma=1.0)
    assert np.abs(f1 - f2).max() < 1e-12
    c1 = nw.model_fc(g, A, sigma=0.01, return_cov=True)
    c2 = nw.model_fc(g, A, sigma=1.0, return_cov=True)
    assert np.allclose(c2, c1 * 1e4)


def test_single_node_variance_is_the_textbook_ou_value():
    """Without coupling each node is a 2-D OU process with variance sigma^2 / (2|a|)
    (Gardiner, Handbook of Stochastic Methods, the stationary OU variance)."""
    cov = nw.model_fc(0.0, -0.5, sigma=0.2, return_cov=True)
    assert np.allclose(np.diag(cov), 0.2 ** 2 / (2 * 0.5))
    assert np.abs(cov - np.diag(np.diag(cov))).max() < 1e-15


# --------------------------------------------------------------------------- stability


@pytest.mark.parametrize("a", [-0.05, -0.1, -0.3, -1.0, -3.0])
def test_critical_coupling_is_where_the_largest_eigenvalue_crosses_zero(a):
    gc = nw.critical_coupling(a)
    jac_lo = nw.jacobian(gc * (1 - 1e-6), a)
    jac_hi = nw.jacobian(gc * (1 + 1e-6), a)
    assert np.linalg.eigvals(jac_lo).real.max() < 0 < np.linalg.eigvals(jac_hi).real.max()


def test_heterogeneous_critical_coupling_by_bisection():
    av = np.where(nw.dmn_mask(), -0.5, -0.3)
    gc = nw.critical_coupling(av)
    assert nw.max_real_eigenvalue(gc * 0.999, av) < 0 < nw.max_real_eigenvalue(gc * 1.001, av)


@pytest.mark.parametrize("factor", [1.0, 1.5, 10.0])
def test_unstable_parameters_raise_a_clear_valueerror(factor):
    gc = nw.critical_coupling(A)
    with pytest.raises(ValueError, match=r"G = .* unstable region.*G_c = 0\.2489"):
        nw.model_fc(gc * factor, A)


def test_close_to_critical_is_finite_not_nan():
    gc = nw.critical_coupling(A)
    fc = nw.model_fc(0.999 * gc, A)
    assert np.all(np.isfinite(fc)) and np.all(np.abs(fc) <= 1)


def test_a_must_be_negative():
    with pytest.raises(ValueError, match=r"a must be in the range \[-5, 0\)"):
        nw.model_fc(0.0, 0.0)
    with pytest.raises(ValueError, match="a must be"):
        nw.model_fc(0.0, np.r_[np.full(79, -0.3), 0.1])


# --------------------------------------------------------------------------- fit to data


def test_sc_alone_predicts_fc_weakly():
    """Honey et al. (2009, PNAS 106:2035): FC follows SC only in part; indirect paths add
    variance that direct connections miss. Measured here: r(SC, FC) = 0.342 over 3160 pairs."""
    n = ch07.sc_fc_numbers()
    assert n["r_sc"] == pytest.approx(0.342, abs=0.005)
    assert n["r_logsc"] == pytest.approx(0.456, abs=0.005)


def test_best_coupling_fits_group_fc_better_than_zero_coupling(emp):
    """Scan G (Deco et al. 2011, Nat Rev Neurosci 12:43; Deco et al. 2017, Sci Rep 7:3095).

    Measured (a = -0.3, grid 0, 0.02 ... 0.98 of G_c): r = 0 at G = 0 (the model FC is the
    identity), 0.346 at 0.02 G_c (about the direct SC-FC correlation, 0.342), 0.674 at the best
    coupling 0.96 G_c. Tolerance 0.01. Published property checked: the best fit lies close to
    destabilisation (Deco et al. 2013, J Neurosci 33:11239: FC emerges from linear fluctuations
    around a stable state close to destabilisation) and the model beats direct SC, as indirect
    paths matter (Honey et al. 2009)."""
    s = nw.scan_coupling(emp, a=A)
    assert s["r"][0] == 0.0
    assert s["r"][1] == pytest.approx(0.346, abs=0.01)
    assert s["r_best"] == pytest.approx(0.674, abs=0.01)
    assert s["fraction_best"] == pytest.approx(0.96, abs=0.021)
    assert s["r_best"] > s["r"][0] + 0.5
    assert s["r_best"] > ch07.sc_fc_numbers()["r_sc"] + 0.25
    assert s["fraction_best"] >= 0.9


def test_every_subject_is_fitted_best_near_the_critical_coupling():
    t = ch07.best_fit_table()
    assert len(t) == 8
    assert (t["best G / G_c"] >= 0.9).all()
    assert (t["fit r"] > t["fit r near G = 0 (0.02 G_c)"] + 0.2).all()
    assert t["fit r"].between(0.5, 0.72).all()


def test_dmn_summary_of_real_data(emp):
    s = nw.dmn_summary(emp)
    assert s["within_dmn"] == pytest.approx(0.382, abs=0.005)
    assert s["dmn_to_rest"] == pytest.approx(0.293, abs=0.005)
    assert s["within_dmn"] > s["dmn_to_rest"]


# --------------------------------------------------------------------------- manipulations


def test_lowering_dmn_coupling_lowers_dmn_integrity():
    base = ch07.manipulated_state("coupling", 0.0)
    for kind in ("coupling", "damping"):
        m = ch07.manipulated_state(kind, 0.3)
        assert m["within_dmn"] < base["within_dmn"]
        assert m["dmn_to_rest"] < base["dmn_to_rest"]


def test_removing_the_strongest_hub_lowers_mean_fc():
    hub = int(np.argmax(ch07.node_strength()))
    weak = int(np.argmin(ch07.node_strength()))
    eh, ew = ch07.lesion_effect(hub), ch07.lesion_effect(weak)
    assert eh["mean_fc_change"] < ew["mean_fc_change"] < 0.005


def test_scale_node_coupling_keeps_symmetry_and_scales_rows():
    c = nw.structural_matrix()
    m = nw.scale_node_coupling(0.5, [0, 3])
    assert np.allclose(m, m.T)
    assert np.allclose(m[0, 1:], 0.5 * c[0, 1:]) and np.allclose(m[1, 2], c[1, 2])
    assert np.all(nw.remove_nodes([5])[5] == 0)


# --------------------------------------------------------------------------- neurolib


def test_stored_neurolib_reference_agrees_with_the_fast_model():
    """The precomputed nonlinear simulation (tools/precompute_ch07.py). Near-linear noise:
    r = 0.973 (sampling error of an 8000 s run explains the rest); strong noise (sigma 0.3):
    r = 0.82, the cubic terms matter. Tolerance 0.02."""
    ref = json.loads((DATA_DIR / "ch07_neurolib_reference.json").read_text())
    assert len(ref["runs"][0]["fc_upper"]) == 3160
    c = ch07.neurolib_comparison()
    rs = {r["sigma"]: r["r"] for r in c["runs"]}
    assert rs[0.02] == pytest.approx(0.973, abs=0.02)
    assert rs[0.3] == pytest.approx(0.823, abs=0.02)
    assert rs[0.02] > rs[0.3]


def test_compare_with_neurolib_returns_cost_and_agreement():
    out = nw.compare_with_neurolib(duration_s=300.0, seed=1)
    assert set(out) >= {"seconds_linear", "seconds_neurolib", "fc_agreement_r"}
    assert out["seconds_linear"] < out["seconds_neurolib"]
    assert 0.3 < out["fc_agreement_r"] <= 1.0


# --------------------------------------------------------------------------- bad input


bad_numbers = st.one_of(st.just(float("nan")), st.just(float("inf")), st.text(max_size=3), st.none(),
                        st.booleans())


@settings(max_examples=30, deadline=None)
@given(bad=bad_numbers)
def test_bad_numbers_are_valueerrors(bad):
    for kw in ({"G": bad}, {"a": bad}, {"sigma": bad}, {"w": bad}):
        args = {"G": 0.1, "a": A, **kw}
        with pytest.raises(ValueError, match=list(kw)[0]):
            nw.model_fc(args.pop("G"), args.pop("a"), **args)


@settings(max_examples=30, deadline=None)
@given(g=st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False))
def test_negative_coupling_is_refused(g):
    with pytest.raises(ValueError, match="G must be"):
        nw.model_fc(g, A)


@settings(max_examples=30, deadline=None)
@given(a=st.floats(min_value=0.0, max_value=1e6, allow_nan=False))
def test_non_negative_a_is_refused(a):
    with pytest.raises(ValueError, match="a must be"):
        nw.critical_coupling(a)


@settings(max_examples=20, deadline=None)
@given(fr=st.floats(min_value=1.0, max_value=100.0, allow_nan=False))
def test_fractions_outside_unit_interval_are_refused(fr):
    with pytest.raises(ValueError, match="fractions"):
        nw.scan_coupling(np.eye(80), [0.5, fr])


@settings(max_examples=20, deadline=None)
@given(node=st.integers().filter(lambda i: i < 0 or i > 79))
def test_lesion_node_out_of_range(node):
    with pytest.raises(ValueError, match="node"):
        ch07.lesion_effect(node)


def test_bad_matrices_are_refused():
    c = nw.structural_matrix()
    asym = c.copy()
    asym[0, 1] += 0.5
    with pytest.raises(ValueError, match="symmetric"):
        nw.model_fc(0.01, A, sc=asym)
    with pytest.raises(ValueError, match="negative"):
        nw.model_fc(0.01, A, sc=-c)
    with pytest.raises(ValueError, match="square"):
        nw.model_fc(0.01, A, sc=np.ones((3, 4)))
    with pytest.raises(ValueError, match="is_dmn"):
        nw.dmn_summary(np.eye(80), np.zeros(80, bool))
    with pytest.raises(ValueError, match="kind"):
        ch07.manipulated_state("psilocybin", 0.1)
    with pytest.raises(ValueError, match="strength"):
        ch07.manipulated_state("coupling", 0.7)


def test_heterogeneous_unstable_parameters_raise_valueerror():
    """Vector a uses the Lyapunov/Cholesky stability test; beyond G_c it must still refuse."""
    av = np.where(nw.dmn_mask(), -0.5, -0.3)
    gc = nw.critical_coupling(av)
    with pytest.raises(ValueError, match="unstable region"):
        nw.model_fc(1.01 * gc, av)
    assert np.all(np.isfinite(nw.model_fc(0.99 * gc, av)))


def test_live_update_states_are_finite():
    """The uncached live updates give finite states (their speed is measured by `make bench`)."""
    a = ch07.model_state(0.42, -0.2)
    assert np.all(np.isfinite(a["fc"])) and a["G"] < a["G_c"] and -1 <= a["fit_r"] <= 1
    b = ch07.manipulated_state("damping", 0.35)
    assert isinstance(b, dict) and b


# --------------------------------------------------------------------------- what the chapter states


def test_registered_chapter7_facts_equal_the_computation(emp):
    """data/facts.csv holds the numbers chapter 7, its quiz and its summary write; recompute them."""
    from dmnlab.data import fisher_mean
    from dmnlab.facts import fact

    assert f"{ch07.sc_fc_numbers()['r_sc']:.2f}" == fact("ch07_sc_fc_r").value
    s = ch07.fit_scans(A)["group"]
    assert f"{s['r_best']:.2f}" == fact("ch07_fit_r_group").value
    assert f"{s['fraction_best']:.2f}" == fact("ch07_best_fraction_group").value
    rs = {r["sigma"]: r["r"] for r in ch07.neurolib_comparison()["runs"]}
    assert f"{rs[0.02]:.2f}" == fact("ch07_neurolib_r_weak").value
    assert f"{rs[0.3]:.2f}" == fact("ch07_neurolib_r_strong").value
    fcs = load_hcp(80).fc
    iu = np.triu_indices(80, 1)
    rel = [np.corrcoef(f[iu], fisher_mean([g for j, g in enumerate(fcs) if j != i])[iu])[0, 1]
           for i, f in enumerate(fcs)]
    assert f"{min(rel):.2f}" == fact("hcp_fc_reliability_r_low").value
    assert f"{max(rel):.2f}" == fact("hcp_fc_reliability_r_high").value
    assert max(rel) > min(rel) > s["r_best"]  # one person predicts the others better than the model the group


def test_no_manipulation_raises_any_fc():
    """The chapter says that at no strength does either manipulation raise any pair's FC (between
    networks or within them). Checked on the demo's whole grid."""
    base = ch07.manipulated_state("coupling", 0.0)["fc"]
    iu = np.triu_indices(80, 1)
    for kind in ("coupling", "damping"):
        for s in np.round(np.arange(0.05, 0.46, 0.05), 2):
            d = (ch07.manipulated_state(kind, float(s))["fc"] - base)[iu]
            assert d.max() < 0, (kind, s, d.max())


def test_rms_difference_picks_a_coupling_at_or_below_the_correlation(emp):
    """Chapter 7's two measures: r peaks at 0.96 G_c, the RMS difference is smallest at 0.94 G_c
    (0.177), and near the edge r hardly moves while the RMS difference grows by half."""
    from dmnlab.checks.ch07 import _fit_two_ways

    f_r, r, f_rms, rms = _fit_two_ways("group", A)[:4]
    assert (f_r, f_rms) == (0.96, 0.94) and rms == pytest.approx(0.177, abs=0.002)
    iu = np.triu_indices(80, 1)
    gc = nw.critical_coupling(A)
    m96, m98 = nw.model_fc(0.96 * gc, A)[iu], nw.model_fc(0.98 * gc, A)[iu]
    rms96, rms98 = (np.sqrt(np.mean((m - emp[iu]) ** 2)) for m in (m96, m98))
    assert rms98 / rms96 == pytest.approx(1.5, abs=0.1)
    assert abs(np.corrcoef(m98, emp[iu])[0, 1] - np.corrcoef(m96, emp[iu])[0, 1]) < 0.005
