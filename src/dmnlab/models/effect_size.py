"""Effect sizes: computing a standardized mean difference, what it means for two overlapping
groups, and pooling effects across studies.

Pure functions of numbers (numpy and scipy's normal and t distributions). The overlap functions
assume what Cohen's d itself assumes: two normal distributions with the **same standard
deviation** whose means differ by ``d`` standard deviations, with

    d = (mean of group 1 - mean of group 2) / pooled standard deviation.

So a negative ``d`` means group 1 (for example, patients) has the lower mean. Chapter 2 uses
these functions for hippocampal volume (ENIGMA-MDD, d = -0.14) and inflammatory markers;
chapter 3 pools study effects with :func:`random_effects`; chapter 8 uses them for trial effects.

Conventions and sources
-----------------------
* :func:`overlap_coefficient`: the shared area of the two density curves, OVL = 2 Phi(-|d|/2)
  (where the two curves cross, halfway between the means, each tail beyond the crossing point
  holds Phi(-|d|/2) of its group).
* :func:`cohens_u1`, :func:`cohens_u3`: Cohen's non-overlap measures (Cohen 1988,
  Statistical Power Analysis for the Behavioral Sciences, 2nd ed., section 2.2 and its
  Table 2.2.1): U1 = (2 Phi(|d|/2) - 1) / Phi(|d|/2); U3 = Phi(d), the share of group 1 above
  the mean of group 2.
* :func:`probability_of_superiority`: the common-language effect size of McGraw & Wong (1992,
  Psychol Bull 111:361-365), CL = P(X1 > X2) = Phi(d / sqrt(2)) for a random member of each
  group (the difference X1 - X2 is normal with mean d and variance 2).
* :func:`probability_smaller`: P(X1 < X2) = Phi(-d / sqrt(2)) = 1 - CL, e.g. the chance that a
  random patient has a smaller hippocampus than a random control.
* :func:`cohens_d_from_stats`, :func:`hedges_g_from_stats`: d from group means, SDs and sizes
  with the pooled SD sqrt(((n1-1) s1^2 + (n2-1) s2^2) / (n1 + n2 - 2)); Hedges' g = J d with the
  small-sample correction J = 1 - 3 / (4 (n1 + n2) - 9) (Hedges 1981; as in Borenstein et al.,
  Introduction to Meta-Analysis, 2009, ch. 4). :func:`smd_variance`: the large-sample variance
  (n1 + n2) / (n1 n2) + d^2 / (2 (n1 + n2)).
* :func:`share_above_reference_quantile`: the share of group 1 above the q-quantile of group 2,
  1 - Phi(Phi^-1(q) - d); with q = 0.9, how many patients exceed the controls' 90th percentile
  (10% when d = 0).
* :func:`subgroup_mixture_densities`, :func:`overlap_of_densities`: the same mean difference
  carried by everyone (a shift of the whole group) or by a subgroup (a mixture), for the
  chapter 2 demo on inflammation.
* :func:`random_effects`: the DerSimonian-Laird random-effects meta-analysis (DerSimonian &
  Laird 1986, Control Clin Trials): inverse-variance weights w = 1/v, Cochran's Q, the
  method-of-moments between-study variance tau^2 = max(0, (Q - (k - 1)) / (sum w - sum w^2 /
  sum w)), pooled estimate with weights 1 / (v + tau^2), a normal (Wald) confidence interval, and
  I^2 = max(0, (Q - (k - 1)) / Q) (Higgins & Thompson 2002, Stat Med 21:1539-1558). The
  prediction interval uses t with k - 2 degrees of freedom (Higgins, Thompson & Spiegelhalter
  2009). tests/test_ch03_meta_analysis.py reproduces the published pooled estimate of Michael
  et al. (2013).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import norm

from ..validate import check_array, check_int, check_number

__all__ = [
    "D_RANGE",
    "overlap_coefficient",
    "cohens_u1",
    "cohens_u3",
    "probability_of_superiority",
    "probability_smaller",
    "fraction_below_reference_mean",
    "two_normal_densities",
    "effect_size_summary",
    "pooled_sd",
    "cohens_d_from_stats",
    "hedges_correction",
    "hedges_g_from_stats",
    "smd_variance",
    "mean_difference",
    "share_above_reference_quantile",
    "subgroup_mixture_densities",
    "overlap_of_densities",
    "random_effects",
]

#: The range of d accepted by every function: |d| <= 10 covers any real effect size.
D_RANGE = (-10.0, 10.0)


def _d(d) -> float:
    return check_number("d", d, D_RANGE[0], D_RANGE[1])


def overlap_coefficient(d: float) -> float:
    """Shared area of two equal-variance normal densities whose means differ by ``d`` SDs.

    1 when d = 0 (identical groups), falling towards 0 as |d| grows. OVL = 2 Phi(-|d|/2).
    ``d`` must be a number in [-10, 10].
    """
    d = _d(d)
    return float(2.0 * norm.cdf(-abs(d) / 2.0))


def cohens_u1(d: float) -> float:
    """Cohen's U1: the proportion of the combined area *not* shared by the two groups.

    U1 = (2 Phi(|d|/2) - 1) / Phi(|d|/2) (Cohen 1988, Table 2.2.1: d = 0.2 -> 14.7%,
    0.5 -> 33.0%, 0.8 -> 47.4%). ``d`` must be a number in [-10, 10].
    """
    d = _d(d)
    p = norm.cdf(abs(d) / 2.0)
    return float((2.0 * p - 1.0) / p)


def cohens_u3(d: float) -> float:
    """Cohen's U3: the share of group 1 that lies above the mean of group 2, Phi(d).

    Cohen 1988, Table 2.2.1: d = 0.2 -> 57.9%, 0.5 -> 69.1%, 0.8 -> 78.8%. For a negative d
    it is below 0.5. ``d`` must be a number in [-10, 10].
    """
    d = _d(d)
    return float(norm.cdf(d))


def probability_of_superiority(d: float) -> float:
    """Common-language effect size (McGraw & Wong 1992): P(random member of group 1 > random
    member of group 2) = Phi(d / sqrt(2)). 0.5 means no difference.

    ``d`` must be a number in [-10, 10].
    """
    d = _d(d)
    return float(norm.cdf(d / math.sqrt(2.0)))


def probability_smaller(d: float) -> float:
    """P(random member of group 1 < random member of group 2) = Phi(-d / sqrt(2)).

    With d = (patients - controls) / SD, this is the chance that a randomly chosen patient has
    a smaller value (e.g. hippocampal volume) than a randomly chosen control. ``d`` in [-10, 10].
    """
    d = _d(d)
    return float(norm.cdf(-d / math.sqrt(2.0)))


def fraction_below_reference_mean(d: float) -> float:
    """Share of group 1 below the mean of group 2: Phi(-d) = 1 - U3. ``d`` in [-10, 10]."""
    return 1.0 - cohens_u3(d)


def two_normal_densities(d: float, x=None, *, n_points: int = 241):
    """Densities of group 2 (reference, mean 0) and group 1 (mean ``d``), both with SD 1.

    Returns ``(x, density_reference, density_group1)`` on ``x`` (default: an even grid of
    ``n_points`` from -4 to +4 SD around both means). ``d`` in [-10, 10].
    """
    d = _d(d)
    if x is None:
        lo, hi = min(0.0, d) - 4.0, max(0.0, d) + 4.0
        x = np.linspace(lo, hi, int(n_points))
    x = np.asarray(x, dtype=float)
    return x, norm.pdf(x), norm.pdf(x, loc=d)


def effect_size_summary(d: float) -> dict:
    """Every measure above for one ``d`` (a dict of floats), handy for tables and readouts."""
    d = _d(d)
    return {
        "d": d,
        "overlap": overlap_coefficient(d),
        "u1": cohens_u1(d),
        "u3": cohens_u3(d),
        "probability_of_superiority": probability_of_superiority(d),
        "probability_smaller": probability_smaller(d),
        "fraction_below_reference_mean": fraction_below_reference_mean(d),
    }


# --------------------------------------------------------------------------- from group statistics


def _group(prefix: str, mean, sd, n) -> tuple:
    m = check_number(f"mean{prefix}", mean)
    s = check_number(f"sd{prefix}", sd, 0.0, None, lo_inclusive=False)
    k = check_int(f"n{prefix}", n, 2, 10_000_000)
    return m, s, k


def pooled_sd(sd1: float, n1: int, sd2: float, n2: int) -> float:
    """The pooled standard deviation sqrt(((n1-1) sd1^2 + (n2-1) sd2^2) / (n1 + n2 - 2)).

    ``sd1``, ``sd2`` must be > 0; ``n1``, ``n2`` whole numbers >= 2.
    """
    _, s1, k1 = _group("1", 0.0, sd1, n1)
    _, s2, k2 = _group("2", 0.0, sd2, n2)
    return math.sqrt(((k1 - 1) * s1 * s1 + (k2 - 1) * s2 * s2) / (k1 + k2 - 2))


def cohens_d_from_stats(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int) -> float:
    """Cohen's d = (mean1 - mean2) / pooled SD, from each group's mean, SD and size."""
    m1, s1, k1 = _group("1", mean1, sd1, n1)
    m2, s2, k2 = _group("2", mean2, sd2, n2)
    return (m1 - m2) / pooled_sd(s1, k1, s2, k2)


def hedges_correction(n1: int, n2: int) -> float:
    """Hedges' small-sample correction J = 1 - 3 / (4 (n1 + n2) - 9) (about 0.98 for 20 + 20)."""
    k1 = check_int("n1", n1, 2, 10_000_000)
    k2 = check_int("n2", n2, 2, 10_000_000)
    return 1.0 - 3.0 / (4.0 * (k1 + k2) - 9.0)


def hedges_g_from_stats(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int) -> float:
    """Hedges' g = J * Cohen's d (see :func:`hedges_correction`)."""
    return hedges_correction(n1, n2) * cohens_d_from_stats(mean1, sd1, n1, mean2, sd2, n2)


def smd_variance(d: float, n1: int, n2: int) -> float:
    """Large-sample sampling variance of a standardized mean difference:
    (n1 + n2) / (n1 n2) + d^2 / (2 (n1 + n2)). ``d`` in [-10, 10]."""
    d = _d(d)
    k1 = check_int("n1", n1, 2, 10_000_000)
    k2 = check_int("n2", n2, 2, 10_000_000)
    return (k1 + k2) / (k1 * k2) + d * d / (2.0 * (k1 + k2))


def mean_difference(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int) -> tuple:
    """Raw mean difference (mean1 - mean2) and its sampling variance sd1^2/n1 + sd2^2/n2."""
    m1, s1, k1 = _group("1", mean1, sd1, n1)
    m2, s2, k2 = _group("2", mean2, sd2, n2)
    return m1 - m2, s1 * s1 / k1 + s2 * s2 / k2


# --------------------------------------------------------------------------- individuals


def share_above_reference_quantile(d: float, q: float = 0.9) -> float:
    """Share of group 1 above the ``q``-quantile of group 2 (equal-SD normals): 1 - Phi(z_q - d).

    ``d`` in [-10, 10]; ``q`` strictly between 0 and 1. With d = 0 it is 1 - q.
    """
    d = _d(d)
    q = check_number("q", q, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    return float(norm.sf(norm.ppf(q) - d))


def subgroup_mixture_densities(difference: float, fraction: float, x=None, *, n_points: int = 241):
    """Two ways for patients to differ from controls (SD 1, mean 0) by ``difference`` on average.

    Either every patient is shifted by ``difference`` (``fraction`` = 1), or only a subgroup of
    size ``fraction`` is, by ``difference / fraction``, and the rest are like the controls (a
    mixture). Returns ``(x, density_controls, density_patients, subgroup_shift)``.
    ``difference`` in [0, 3]; ``fraction`` in (0, 1].
    """
    delta = check_number("difference", difference, 0.0, 3.0)
    f = check_number("fraction", fraction, 0.0, 1.0, lo_inclusive=False)
    shift = delta / f
    if x is None:
        x = np.linspace(-4.0, max(4.0, shift + 4.0), int(n_points))
    x = np.asarray(x, dtype=float)
    f0 = norm.pdf(x)
    f1 = (1.0 - f) * f0 + f * norm.pdf(x, loc=shift)
    return x, f0, f1, shift


def overlap_of_densities(x, f0, f1) -> float:
    """Shared area of two densities sampled on the same even grid ``x`` (trapezoid rule)."""
    x = check_array("x", x, ndim=1, min_len=2)
    a = check_array("f0", f0, shape=(x.size,))
    b = check_array("f1", f1, shape=(x.size,))
    return float(np.trapezoid(np.minimum(a, b), x))


# --------------------------------------------------------------------------- pooling


def random_effects(yi, vi, *, level: float = 0.95) -> dict:
    """DerSimonian-Laird random-effects meta-analysis of study effects ``yi`` with sampling
    variances ``vi`` (see the module docstring for the formulas).

    Returns a dict: ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``z``, ``p``, ``Q``, ``df``,
    ``p_Q``, ``tau2``, ``I2`` (a fraction, 0 to 1), ``fixed_estimate``, ``fixed_se``,
    ``weights`` (random-effects weights, summing to 1), ``pi_low``, ``pi_high`` (prediction
    interval; NaN with fewer than 3 studies) and ``k``.

    ``yi`` and ``vi``: 1-D arrays of the same length, at least 2 studies; every ``vi`` > 0.
    ``level`` strictly between 0.5 and 1.
    """
    from scipy import stats

    y = check_array("yi", yi, ndim=1, min_len=2)
    v = check_array("vi", vi, ndim=1)
    if v.shape != y.shape:
        raise ValueError(f"vi must have the same length as yi ({y.size}); got {v.size}")
    if np.any(v <= 0):
        raise ValueError("vi must contain sampling variances > 0 (square the standard errors)")
    level = check_number("level", level, 0.5, 1.0, lo_inclusive=False, hi_inclusive=False)
    k = y.size
    w = 1.0 / v
    fixed = float(np.sum(w * y) / np.sum(w))
    Q = float(np.sum(w * (y - fixed) ** 2))
    df = k - 1
    C = float(np.sum(w) - np.sum(w * w) / np.sum(w))
    tau2 = max(0.0, (Q - df) / C)
    ws = 1.0 / (v + tau2)
    est = float(np.sum(ws * y) / np.sum(ws))
    se = float(math.sqrt(1.0 / np.sum(ws)))
    zc = float(norm.ppf(0.5 + level / 2.0))
    z = est / se
    if k >= 3:
        tc = float(stats.t.ppf(0.5 + level / 2.0, k - 2))
        half = tc * math.sqrt(tau2 + se * se)
        pi = (est - half, est + half)
    else:
        pi = (float("nan"), float("nan"))
    return {
        "estimate": est, "se": se, "ci_low": est - zc * se, "ci_high": est + zc * se,
        "z": z, "p": float(2.0 * norm.sf(abs(z))),
        "Q": Q, "df": df, "p_Q": float(stats.chi2.sf(Q, df)), "tau2": tau2,
        "I2": max(0.0, (Q - df) / Q) if Q > 0 else 0.0,
        "fixed_estimate": fixed, "fixed_se": float(math.sqrt(1.0 / np.sum(w))),
        "weights": ws / np.sum(ws), "pi_low": pi[0], "pi_high": pi[1], "k": k,
    }
