"""What a standardized mean difference (Cohen's d) means for two overlapping groups.

Pure functions of numbers (scipy's normal distribution only). Every function assumes what
Cohen's d itself assumes: two normal distributions with the **same standard deviation** whose
means differ by ``d`` standard deviations, with

    d = (mean of group 1 - mean of group 2) / pooled standard deviation.

So a negative ``d`` means group 1 (for example, patients) has the lower mean. Chapter 2 uses
these functions for hippocampal volume (ENIGMA-MDD, d = -0.14); chapter 8 for trial effects.

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
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import norm

from ..validate import check_number

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
