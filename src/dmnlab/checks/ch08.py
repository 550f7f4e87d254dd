"""Checkers for the exercises of chapter 8 (Reading the evidence).

Each checker runs the learner's function on the course's data (data/claims.csv, the trial counts
of ``dmnlab.demos.ch08.trial_counts``, data/trials.csv) and compares it with the library
(``dmnlab.models.trials``, ``dmnlab.evidence_table.score_claim``) and, where one exists, with a
published number: Newcombe's (1998) worked interval, the NNTs SUSTAIN-1 reports (Daly et al. 2019),
McGraw and Wong's (1992) probability of superiority and Kraemer and Kupfer's (2006) NNTs.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from ..data import load_table
from ..demos.ch08 import trial_counts
from ..evidence import load_claims
from ..evidence_table import CHECKLIST, score_claim
from ..facts import fact
from ..models import trials as tr
from . import Checker, CheckResult

__all__ = ["check_chapter_verdicts", "check_nnt_from_counts", "check_nnt_with_ci",
           "check_superiority_and_nnt", "check_compatible_with_no_effect", "check_grade_claim"]


def _as_dict(value) -> dict | None:
    if isinstance(value, pd.Series):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    return None


# --------------------------------------------------------------------------- warm-up: the claims table

def check_chapter_verdicts(fn) -> CheckResult:
    """chapter_verdicts(claims, chapter) -> {verdict: number of the chapter's claims with it}."""
    c = Checker("chapter_verdicts")
    claims = load_claims()
    overall = claims["verdict"].value_counts().to_dict()
    for chapter in (5, 8, 3):
        got = c.call(fn, claims.copy(), chapter)
        if got is None:
            break
        d = _as_dict(got)
        if not c.check(d is not None, f"return a dict (or a pandas Series) of verdict -> count; got "
                                      f"{type(got).__name__}", "returns a mapping"):
            break
        sub = claims[claims["chapter"] == chapter]
        want = sub["verdict"].value_counts().to_dict()
        counts = {k: (int(v) if float(v).is_integer() else v) for k, v in d.items()
                  if not (isinstance(v, (int, float, np.integer, np.floating)) and v == 0)}
        if counts == overall and want != overall:
            c.check(False, f"chapter {chapter}: these are the counts for the whole table; keep only the rows whose "
                           "`chapter` equals the chapter asked for")
            break
        shares = {k: v / len(sub) for k, v in want.items()}
        if set(counts) == set(shares) and all(abs(float(counts[k]) - shares[k]) < 1e-9 for k in shares):
            c.check(False, f"chapter {chapter}: you returned shares (fractions); the exercise asks for counts")
            break
        missing = sorted(set(want) - set(counts))
        wrong = sorted(k for k in want if k in counts and counts[k] != want[k])
        extra = sorted(set(counts) - set(want))
        problems = "; ".join(x for x in (
            f"missing verdicts {missing}" if missing else "",
            "wrong counts for " + ", ".join(f"{k} (got {counts[k]}, expected {want[k]})" for k in wrong)
            if wrong else "",
            f"verdicts that no claim of this chapter has: {extra}" if extra else "") if x)
        c.check(not problems, f"chapter {chapter}: {problems}",
                f"the verdicts of chapter {chapter}'s {len(sub)} claims")
    return c.result()


# --------------------------------------------------------------------------- NNT from counts

def _counts(key: str) -> tuple:
    r = trial_counts().loc[key]
    return int(r["events_treat"]), int(r["n_treat"]), int(r["events_control"]), int(r["n_control"])


def check_nnt_from_counts(fn) -> CheckResult:
    """nnt_from_counts(events_treat, n_treat, events_control, n_control) -> (risk difference as a
    proportion, NNT), for a good event (response)."""
    c = Checker("nnt_from_counts")
    for key in ("transform28", "transform2"):
        counts = _counts(key)
        got = c.call(fn, *counts)
        if got is None:
            break
        rd, nnt = c.unpack(got, 2, "(risk difference, NNT)")
        if rd is None:
            break
        p_t, p_c = tr.rates_from_counts(*counts)
        want_rd, want_nnt = tr.risk_difference(p_t, p_c), tr.nnt(p_t, p_c)
        try:
            rd_f, nnt_f = float(rd), float(nnt)
        except (TypeError, ValueError):
            c.check(False, f"return two numbers; got {rd!r} and {nnt!r}")
            break
        if math.isclose(rd_f, 100 * want_rd, rel_tol=1e-6):
            c.check(False, f"the risk difference {rd_f:.2f} is in percentage points; give it as a proportion "
                           f"({want_rd:.4f}), and the NNT is 1 divided by that proportion")
            break
        if math.isclose(rd_f, -want_rd, rel_tol=1e-6):
            c.check(False, "the risk difference has the wrong sign: for a good event such as response it is the "
                           "treated rate minus the control rate")
            break
        if math.isclose(nnt_f, math.ceil(want_nnt), rel_tol=1e-9) and not math.isclose(nnt_f, want_nnt, rel_tol=1e-6):
            c.check(False, f"you rounded the NNT up to {nnt_f:g}; return the unrounded value ({want_nnt:.2f}) and "
                           "round only when you report it")
            break
        c.close(rd_f, want_rd, f"the risk difference for {key}", rtol=1e-6)
        c.close(nnt_f, want_nnt, f"the NNT for {key}", rtol=1e-6)
        if key == "transform28":
            f = fact("nnt_transform_pooled")
            c.check(f"{nnt_f:.1f}" == f.value, f"the pooled TRANSFORM NNT should read {f.value} to one decimal; got "
                                               f"{nnt_f:.1f}", "agrees with the registered NNT 7.4")
    return c.result()


def check_nnt_with_ci(fn) -> CheckResult:
    """nnt_with_ci(events_treat, n_treat, events_control, n_control) -> (NNT, low, high): the NNT
    and its 95% interval from Newcombe's hybrid score interval of the risk difference, inverted."""
    c = Checker("nnt_with_ci")

    def run(counts):
        got = c.call(fn, *counts)
        if got is None:
            return None
        vals = c.unpack(got, 3, "(NNT, low end, high end)")
        if vals[0] is None:
            return None
        try:
            return tuple(float(v) for v in vals)
        except (TypeError, ValueError):
            c.check(False, f"return three numbers; got {got!r}")
            return None

    # 1. the pooled TRANSFORM-1/-2 counts against the library
    counts = _counts("transform28")
    got = run(counts)
    if got is None:
        return c.result()
    nnt, lo, hi = got
    ref = tr.nnt_interval_from_counts(*counts)
    p_t, p_c = tr.rates_from_counts(*counts)
    wald = tr.risk_difference_interval(p_t, p_c, counts[1], counts[3], method="wald")
    if math.isclose(lo, ref["rd_low"], rel_tol=2e-3) and math.isclose(hi, ref["rd_high"], rel_tol=2e-3):
        c.check(False, "these are the ends of the risk difference's interval; the NNT's interval is their "
                       "reciprocal (1 / high end, 1 / low end)")
        return c.result()
    if math.isclose(lo, ref["nnt_high"], rel_tol=2e-3) and math.isclose(hi, ref["nnt_low"], rel_tol=2e-3):
        c.check(False, "low and high are swapped: the low end of the NNT is 1 / (the high end of the risk "
                       "difference), and the high end is 1 / (its low end)")
        return c.result()
    if math.isclose(lo, 1 / wald[1], rel_tol=2e-3) and math.isclose(hi, 1 / wald[0], rel_tol=2e-3):
        c.check(False, "this is the simple (Wald) interval, estimate +/- 1.96 standard errors; the exercise asks "
                       "for Newcombe's: combine each arm's Wilson limits as in the formula above")
        return c.result()
    c.close(nnt, ref["nnt"], "the pooled TRANSFORM NNT", rtol=1e-6)
    c.close(lo, ref["nnt_low"], "the low end of its 95% interval (library: Newcombe)", rtol=2e-3)
    c.close(hi, ref["nnt_high"], "the high end of its 95% interval (library: Newcombe)", rtol=2e-3)
    for fid, v in (("nnt_transform_pooled_ci_low", lo), ("nnt_transform_pooled_ci_high", hi)):
        f = fact(fid)
        c.check(f"{v:.1f}" == f.value, f"{fid}: the registered value is {f.value}; yours reads {v:.1f}",
                f"agrees with the registered {f.value}")
    # 2. Newcombe's own worked example: 56/70 vs 48/80 -> risk difference 0.0524 to 0.3339
    got = run((56, 70, 48, 80))
    if got is not None:
        _, lo, hi = got
        c.check(abs(1 / hi - 0.0524) < 5e-4 and abs(1 / lo - 0.3339) < 5e-4,
                f"Newcombe's published example (56/70 vs 48/80) has a risk-difference interval of 0.0524 to 0.3339, "
                f"i.e. an NNT from 3.0 to 19.1; yours gives {lo:.2f} to {hi:.2f}",
                "reproduces Newcombe's 1998 worked example")
    # 3. the NNTs SUSTAIN-1 published (relapse is a bad event: swap the arms so a benefit is positive)
    for key, fid in (("sustain1", "sustain1_nnt_remitters"), (None, None)):
        if key is None:  # stable responders: 16 of 62 vs 34 of 59 relapsed; the paper reports NNT 4
            e_t, n_t, e_c, n_c, published = 16, 62, 34, 59, 4
        else:
            e_t, n_t, e_c, n_c = _counts(key)
            published = int(fact(fid).value)
        got = run((e_c, n_c, e_t, n_t))  # benefit = fewer relapses: control arm first
        if got is None:
            break
        c.check(math.ceil(got[0] - 1e-9) == published,
                f"SUSTAIN-1 ({'remitters' if key else 'responders'}): rounded up, your NNT is "
                f"{math.ceil(got[0] - 1e-9)}; the paper reports {published}",
                f"SUSTAIN-1's published NNT {published}")
    return c.result()


# --------------------------------------------------------------------------- d and overlap

def check_superiority_and_nnt(fn) -> CheckResult:
    """superiority_and_nnt(d) -> (probability of superiority Phi(d / sqrt 2), Kraemer-Kupfer NNT)."""
    c = Checker("superiority_and_nnt")
    published = {1.0: (0.760, None), 0.2: (None, 8.9), 0.5: (None, 3.6), 0.8: (None, 2.3)}
    for d in (0.2, 0.5, 0.8, 1.0):
        got = c.call(fn, d)
        if got is None:
            break
        ps, nnt = c.unpack(got, 2, "(probability of superiority, NNT)")
        if ps is None:
            break
        want_ps = tr.d_to_probability_of_superiority(d)
        phi_d = 0.5 * (1 + math.erf(d / math.sqrt(2)))
        try:
            ps_f, nnt_f = float(ps), float(nnt)
        except (TypeError, ValueError):
            c.check(False, f"return two numbers; got {got!r}")
            break
        if math.isclose(ps_f, phi_d, rel_tol=1e-6) and not math.isclose(ps_f, want_ps, rel_tol=1e-6):
            c.check(False, f"d = {d}: you returned Phi(d) = {phi_d:.3f}; the difference of two people's scores has "
                           "a spread sqrt(2) times larger, so the probability is Phi(d / sqrt 2)")
            break
        if math.isclose(ps_f, 100 * want_ps, rel_tol=1e-6):
            c.check(False, f"d = {d}: give the probability as a proportion ({want_ps:.3f}), not a percentage")
            break
        c.close(ps_f, want_ps, f"the probability of superiority at d = {d}", rtol=1e-6)
        c.close(nnt_f, tr.nnt_from_d_kraemer(d), f"the Kraemer-Kupfer NNT at d = {d}", rtol=1e-6)
        p_ps, p_nnt = published[d]
        if p_ps is not None:
            c.check(abs(ps_f - p_ps) < 0.005, f"McGraw and Wong give {p_ps} at d = 1; you have {ps_f:.3f}",
                    "McGraw and Wong's 0.76 at d = 1")
        if p_nnt is not None:
            c.check(abs(nnt_f - p_nnt) < 0.05, f"Kraemer and Kupfer tabulate {p_nnt} at d = {d}; you have {nnt_f:.2f}",
                    f"Kraemer and Kupfer's {p_nnt} at d = {d}")
    return c.result()


# --------------------------------------------------------------------------- forest plot

def _no_effect_table() -> pd.DataFrame:
    """Made-up rows that test the edge cases: ratios crossing 1, an interval touching no effect."""
    return pd.DataFrame({
        "trial_id": ["X1", "X2", "X3", "X4", "X5", "X6"],
        "measure": ["MD", "OR", "HR", "MD", "RR", "SMD"],
        "estimate": [-1.0, 1.3, 0.6, 2.0, 0.8, 0.3],
        "ci_low": [-2.0, 0.9, 0.4, 0.5, 0.5, 0.0],
        "ci_high": [0.5, 1.9, 0.9, 3.5, 1.0, 0.6],
    })


def _compatible(df: pd.DataFrame) -> list:
    null = np.where(df["measure"].isin(["OR", "RR", "HR"]), 1.0, 0.0)
    return sorted(df.loc[(df["ci_low"] <= null) & (null <= df["ci_high"]), "trial_id"])


def check_compatible_with_no_effect(fn) -> CheckResult:
    """compatible_with_no_effect(trials) -> sorted trial ids whose 95% interval includes no effect
    (0 for a difference, 1 for a ratio), ends included."""
    c = Checker("compatible_with_no_effect")
    for name, table in (("data/trials.csv", load_table("trials.csv")), ("a test table with edge cases",
                                                                       _no_effect_table())):
        got = c.call(fn, table.copy())
        if got is None:
            break
        if not c.check(isinstance(got, list), f"return a list of trial ids; got {type(got).__name__}",
                       "returns a list"):
            break
        want = _compatible(table)
        zero_for_all = sorted(table.loc[(table["ci_low"] <= 0) & (0 <= table["ci_high"]), "trial_id"])
        if sorted(got) == zero_for_all and zero_for_all != want:
            c.check(False, f"{name}: you used 0 as 'no effect' for every row; for a ratio (OR, RR, HR) no effect "
                           "is 1")
            break
        if sorted(got) == want and got != want:
            c.check(False, f"{name}: the right ids, but not sorted")
            break
        c.check(got == want, f"{name}: expected {want}, got {got}", f"the intervals that include no effect in {name}")
    return c.result()


# --------------------------------------------------------------------------- the checklist

def check_grade_claim(fn) -> CheckResult:
    """grade_claim(claim) -> (score, grade, failed): the checklist score (0-7), the suggested grade
    and the keys of the questions it failed, in checklist order."""
    c = Checker("grade_claim")
    keys = [k for k, _, _ in CHECKLIST]
    bad_a = bad_order = None
    for values in itertools.product([True, False], repeat=len(keys)):
        claim = dict(zip(keys, values))
        got = c.call(fn, dict(claim))
        if got is None:
            return c.result()
        score, grade, failed = c.unpack(got, 3, "(score, grade, failed)")
        if score is None:
            return c.result()
        want = score_claim(claim)
        if score != want["score"]:
            c.check(False, f"for {claim} the score should be {want['score']} (one point per True); got {score}")
            return c.result()
        if grade != want["grade"]:
            if grade == "A" and want["grade"] == "B":
                bad_a = bad_a or claim
                continue
            c.check(False, f"for {claim} (score {want['score']}) the grade should be {want['grade']}; got {grade!r}")
            return c.result()
        try:
            failed_list = list(failed)
        except TypeError:
            c.check(False, f"the third value should be a list of the failed keys; got {failed!r}")
            return c.result()
        if failed_list != want["failed"]:
            if sorted(failed_list) == sorted(want["failed"]):
                bad_order = bad_order or claim
                continue
            c.check(False, f"for {claim} the failed questions are {want['failed']}; got {failed_list}")
            return c.result()
    c.check(True, "", "the score of all 128 combinations of answers")
    c.check(bad_a is None, f"an A needs 6 or 7 points *and* a controlled design *and* replication; for {bad_a} "
                           "the grade is B", "the grade of every combination (an A needs design and replication)")
    c.check(bad_order is None, "list the failed questions in the checklist's order (as in CHECKLIST)",
            "the failed questions, in checklist order")
    return c.result()
