"""Effect sizes of clinical trials: risk difference, number needed to treat (NNT), odds and risk
ratios, and how a standardised mean difference (Cohen's d) relates to them.

These are *statistics*, not models of the brain; two of them are models in the statistical
sense and say so: :func:`nnt_from_d_kraemer` and :func:`nnt_from_d_furukawa` assume normally
distributed outcomes with equal spread in both arms.

Conventions
-----------
* Rates are proportions in [0, 1] (0.587 means 58.7 %).
* ``higher_is_better=True`` (the default) is for good events such as *response* or *remission*:
  the benefit is ``p_treat - p_control``. For bad events such as *relapse*, pass
  ``higher_is_better=False``: the benefit is ``p_control - p_treat``.
* A positive NNT is a number needed to treat for one extra person to *benefit* (NNTB); a
  negative one means the treatment harms (its absolute value is the number needed to harm,
  NNTH). Trials report NNTs rounded **up** to the next whole number (:func:`nnt_rounded`).

Counts
------
Trials report events out of people (182 of 310). :func:`rates_from_counts` checks such counts
and :func:`nnt_interval_from_counts` gives the NNT and its interval straight from them, so a
learner's hand computation from the same counts can be compared with the library.

Confidence intervals
--------------------
For one proportion: the Wilson score interval. For a difference between two independent
proportions: Newcombe's hybrid score interval (method 10 of Newcombe 1998, Stat Med 17:873-890),
which combines the two Wilson intervals and behaves well near 0 and 1; the simple Wald interval
is available as ``method="wald"`` for comparison. The NNT interval is the reciprocal of the
risk-difference interval (Altman's approach; Bender 2001, Control Clin Trials 22:102-110): when
the risk-difference interval includes 0, the NNT interval runs from an NNTB through infinity to
an NNTH and is reported as such.

d and overlap
-------------
For two normal distributions with equal variance, the probability that a randomly chosen
treated person scores better than a randomly chosen control ("probability of superiority",
McGraw & Wong's common-language effect size, the AUC) is ``Phi(d / sqrt(2))``
(McGraw & Wong 1992, Psychol Bull 111:361-365). Kraemer & Kupfer (2006, Biol Psychiatry
59:990-996) define ``NNT = 1 / (2 * AUC - 1)``; Furukawa & Leucht (2011, PLoS One 6:e19070)
showed that this ignores the control event rate and proposed ``NNT = 1 / (Phi(d + Phi^-1(CER))
- CER)``, which predicted observed NNTs much better.
"""

from __future__ import annotations

import math

from scipy.stats import norm

from .effect_size import probability_of_superiority
from ..validate import check_bool, check_choice, check_int, check_number, check_probability

__all__ = [
    "z_for_level",
    "wilson_interval",
    "risk_difference",
    "risk_difference_interval",
    "nnt",
    "nnt_rounded",
    "nnt_interval",
    "odds_ratio",
    "risk_ratio",
    "relative_risk_reduction",
    "d_to_probability_of_superiority",
    "probability_of_superiority_to_d",
    "nnt_from_d_kraemer",
    "nnt_from_d_furukawa",
    "response_rate_from_d",
    "describe_two_rates",
    "rates_from_counts",
    "nnt_interval_from_counts",
]


def z_for_level(level: float = 0.95) -> float:
    """The two-sided standard-normal quantile for a confidence level (0.95 -> 1.95996)."""
    level = check_number("level", level, 0.5, 0.999)
    return float(norm.ppf(0.5 + level / 2))


def _n(name: str, n) -> int:
    return check_int(name, n, 1, 10_000_000)


def wilson_interval(p: float, n: int, level: float = 0.95) -> tuple:
    """Wilson score interval for one proportion ``p`` observed in ``n`` people: (low, high)."""
    p = check_probability("p", p)
    n = _n("n", n)
    z = z_for_level(level)
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def risk_difference(p_treat: float, p_control: float, higher_is_better: bool = True) -> float:
    """The absolute difference in event rates, signed so that a positive value favours treatment."""
    p_treat = check_probability("p_treat", p_treat)
    p_control = check_probability("p_control", p_control)
    higher_is_better = check_bool("higher_is_better", higher_is_better)
    return p_treat - p_control if higher_is_better else p_control - p_treat


def risk_difference_interval(p_treat: float, p_control: float, n_treat: int, n_control: int,
                             level: float = 0.95, method: str = "newcombe",
                             higher_is_better: bool = True) -> tuple:
    """Confidence interval of :func:`risk_difference`: (low, high), same sign convention.

    ``method="newcombe"`` (default): Newcombe's hybrid score interval (his method 10).
    ``method="wald"``: estimate +/- z * sqrt(p1 q1 / n1 + p2 q2 / n2), which is too narrow for
    small samples and rates near 0 or 1.
    """
    rd = risk_difference(p_treat, p_control, higher_is_better)
    n_treat = _n("n_treat", n_treat)
    n_control = _n("n_control", n_control)
    method = check_choice("method", method, ["newcombe", "wald"])
    z = z_for_level(level)
    if method == "wald":
        se = math.sqrt(p_treat * (1 - p_treat) / n_treat + p_control * (1 - p_control) / n_control)
        return rd - z * se, rd + z * se
    l1, u1 = wilson_interval(p_treat, n_treat, level)
    l2, u2 = wilson_interval(p_control, n_control, level)
    diff = p_treat - p_control
    lo = diff - math.sqrt((p_treat - l1) ** 2 + (u2 - p_control) ** 2)
    hi = diff + math.sqrt((u1 - p_treat) ** 2 + (p_control - l2) ** 2)
    return (lo, hi) if higher_is_better else (-hi, -lo)


def nnt(p_treat: float, p_control: float, higher_is_better: bool = True) -> float:
    """Number needed to treat: 1 / risk difference (``inf`` if the rates are equal; negative = harm)."""
    rd = risk_difference(p_treat, p_control, higher_is_better)
    return math.inf if rd == 0 else 1.0 / rd


def nnt_rounded(p_treat: float, p_control: float, higher_is_better: bool = True) -> float:
    """The NNT as trials report it: its absolute value rounded up, with the sign kept.

    Example (Daly et al. 2019, SUSTAIN-1): relapse 26.7 % on esketamine vs 45.3 % on placebo ->
    1 / 0.186 = 5.4 -> 6.
    """
    v = nnt(p_treat, p_control, higher_is_better)
    if math.isinf(v):
        return v
    return math.copysign(math.ceil(abs(v) - 1e-9), v)


def nnt_interval(p_treat: float, p_control: float, n_treat: int, n_control: int,
                 level: float = 0.95, method: str = "newcombe", higher_is_better: bool = True) -> dict:
    """NNT with its confidence interval, from the risk-difference interval.

    Returns a dict: ``nnt``, ``rd``, ``rd_low``, ``rd_high``, ``includes_zero`` and ``text``. If
    the risk-difference interval excludes 0, ``nnt_low``/``nnt_high`` bound the NNT (benefit if
    positive). If it includes 0, the interval is two pieces: NNTB from 1/rd_high to infinity,
    and NNTH from 1/|rd_low| to infinity; ``nnt_low``/``nnt_high`` are then None.
    """
    rd = risk_difference(p_treat, p_control, higher_is_better)
    lo, hi = risk_difference_interval(p_treat, p_control, n_treat, n_control, level, method, higher_is_better)
    out = {"nnt": nnt(p_treat, p_control, higher_is_better), "rd": rd, "rd_low": lo, "rd_high": hi,
           "includes_zero": lo <= 0 <= hi, "nnt_low": None, "nnt_high": None}
    pct = round(100 * level)
    if lo > 0:
        out["nnt_low"], out["nnt_high"] = 1 / hi, 1 / lo
        out["text"] = f"NNT {out['nnt']:.1f} ({pct}% CI {1 / hi:.1f} to {1 / lo:.1f})"
    elif hi < 0:
        out["nnt_low"], out["nnt_high"] = 1 / hi, 1 / lo
        out["text"] = f"NNH {abs(out['nnt']):.1f} ({pct}% CI {abs(1 / lo):.1f} to {abs(1 / hi):.1f})"
    else:
        best = f"NNTB {1 / hi:.1f}" if hi > 0 else "no benefit"
        worst = f"NNTH {abs(1 / lo):.1f}" if lo < 0 else "no harm"
        head = "NNT infinite" if math.isinf(out["nnt"]) else (
            f"NNT {out['nnt']:.1f}" if out["nnt"] > 0 else f"NNH {abs(out['nnt']):.1f}")
        out["text"] = f"{head} ({pct}% CI: {best} to infinity to {worst}; the interval includes no effect)"
    return out


def odds_ratio(p_treat: float, p_control: float) -> float:
    """Odds of the event on treatment divided by the odds on control (needs rates strictly in (0, 1))."""
    p_treat = check_number("p_treat", p_treat, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    p_control = check_number("p_control", p_control, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    return (p_treat / (1 - p_treat)) / (p_control / (1 - p_control))


def risk_ratio(p_treat: float, p_control: float) -> float:
    """Event rate on treatment divided by the rate on control (``p_control`` must be > 0)."""
    p_treat = check_probability("p_treat", p_treat)
    p_control = check_number("p_control", p_control, 0.0, 1.0, lo_inclusive=False)
    return p_treat / p_control


def relative_risk_reduction(p_treat: float, p_control: float) -> float:
    """1 - risk ratio: the relative reduction of a bad event (SUSTAIN-1: 1 - 26.7/45.3 = 41 %)."""
    return 1.0 - risk_ratio(p_treat, p_control)


# Phi(d / sqrt 2) (McGraw & Wong 1992) lives in effect_size.py, with chapter 2's other effect sizes
d_to_probability_of_superiority = probability_of_superiority


def probability_of_superiority_to_d(ps: float) -> float:
    """Inverse of :func:`d_to_probability_of_superiority` (``ps`` strictly between 0 and 1)."""
    ps = check_number("ps", ps, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    return float(math.sqrt(2) * norm.ppf(ps))


def nnt_from_d_kraemer(d: float) -> float:
    """Kraemer & Kupfer (2006): NNT = 1 / (2 * AUC - 1), AUC = Phi(d / sqrt 2). Model; ``d`` != 0."""
    d = check_number("d", d, -5.0, 5.0)
    if d == 0:
        return math.inf
    return 1.0 / (2 * d_to_probability_of_superiority(d) - 1)


def response_rate_from_d(d: float, cer: float) -> float:
    """Treated response rate implied by ``d`` if the control response rate is ``cer`` (Furukawa's model)."""
    d = check_number("d", d, -5.0, 5.0)
    cer = check_number("cer", cer, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    return float(norm.cdf(d + norm.ppf(cer)))


def nnt_from_d_furukawa(d: float, cer: float) -> float:
    """Furukawa & Leucht (2011): NNT = 1 / (Phi(d + Phi^-1(CER)) - CER). Model; depends on the
    control event rate ``cer`` as real NNTs do."""
    eer = response_rate_from_d(d, cer)
    diff = eer - check_number("cer", cer, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    return math.inf if diff == 0 else 1.0 / diff


def describe_two_rates(p_treat: float, p_control: float, n_treat: int, n_control: int,
                       higher_is_better: bool = True, level: float = 0.95) -> dict:
    """Everything the chapter's NNT demo shows, for two rates and arm sizes."""
    res = nnt_interval(p_treat, p_control, n_treat, n_control, level, "newcombe", higher_is_better)
    res["nnt_rounded"] = nnt_rounded(p_treat, p_control, higher_is_better)
    res["ci_treat"] = wilson_interval(p_treat, n_treat, level)
    res["ci_control"] = wilson_interval(p_control, n_control, level)
    res["or"] = odds_ratio(p_treat, p_control) if 0 < p_treat < 1 and 0 < p_control < 1 else math.nan
    res["rr"] = risk_ratio(p_treat, p_control) if p_control > 0 else math.nan
    return res


def rates_from_counts(events_treat: int, n_treat: int, events_control: int, n_control: int) -> tuple:
    """The two event rates ``(events_treat / n_treat, events_control / n_control)``, with the
    counts checked: whole numbers, arm sizes at least 1, events between 0 and the arm size."""
    n_treat = _n("n_treat", n_treat)
    n_control = _n("n_control", n_control)
    events_treat = check_int("events_treat", events_treat, 0, n_treat)
    events_control = check_int("events_control", events_control, 0, n_control)
    return events_treat / n_treat, events_control / n_control


def nnt_interval_from_counts(events_treat: int, n_treat: int, events_control: int, n_control: int,
                             level: float = 0.95, method: str = "newcombe", higher_is_better: bool = True) -> dict:
    """:func:`nnt_interval` from counts (events out of people in each arm).

    Example (Turkoz et al. 2021, post hoc observed-case pooling of TRANSFORM-1 and -2): response
    at day 28 in 182 of 310 vs 94 of 208 -> NNT 7.4 (95% CI 4.5 to 21.1, Newcombe).
    For a bad event (relapse) pass ``higher_is_better=False``: SUSTAIN-1's stable remitters,
    relapse in 24 of 90 vs 39 of 86 -> NNT 5.4, which Daly et al. 2019 report as 6.
    """
    p_treat, p_control = rates_from_counts(events_treat, n_treat, events_control, n_control)
    out = nnt_interval(p_treat, p_control, n_treat, n_control, level, method, higher_is_better)
    out.update(p_treat=p_treat, p_control=p_control, n_treat=int(n_treat), n_control=int(n_control))
    return out
