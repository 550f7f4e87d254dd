"""Plausible wrong answers for chapter 8's exercises."""

WRONG = {
    # forgets to keep only the chapter's rows: counts the verdicts of the whole table
    "chapter_verdicts": '''
def chapter_verdicts(claims, chapter):
    return {v: int(k) for v, k in claims["verdict"].value_counts().items()}
''',
    # works in percentage points: risk difference 13.5 instead of 0.135, so the "NNT" is 0.074
    "nnt_from_counts": '''
def nnt_from_counts(events_treat, n_treat, events_control, n_control):
    rd = 100 * (events_treat / n_treat - events_control / n_control)
    return rd, 1 / rd
''',
    # the textbook Wald interval (estimate +/- 1.96 standard errors) instead of Newcombe's
    "nnt_with_ci": '''
import math

def nnt_with_ci(events_treat, n_treat, events_control, n_control, z=1.96):
    p1, p2 = events_treat / n_treat, events_control / n_control
    rd = p1 - p2
    se = math.sqrt(p1 * (1 - p1) / n_treat + p2 * (1 - p2) / n_control)
    return 1 / rd, 1 / (rd + z * se), 1 / (rd - z * se)
''',
    # Phi(d) instead of Phi(d / sqrt 2): forgets that the difference of two people has a larger spread
    "superiority_and_nnt": '''
import math

def superiority_and_nnt(d):
    ps = 0.5 * (1 + math.erf(d / math.sqrt(2)))
    return ps, 1 / (2 * ps - 1)
''',
    # takes 0 as "no effect" for every row, ratios included
    "compatible_with_no_effect": '''
def compatible_with_no_effect(trials):
    inside = (trials["ci_low"] <= 0) & (0 <= trials["ci_high"])
    return sorted(trials.loc[inside, "trial_id"])
''',
    # gives an A for 6 or 7 points without requiring a controlled design and replication
    "grade_claim": '''
from dmnlab.evidence_table import CHECKLIST

def grade_claim(claim):
    keys = [k for k, _, _ in CHECKLIST]
    failed = [k for k in keys if not claim[k]]
    score = 7 - len(failed)
    grade = "A" if score >= 6 else "B" if score >= 4 else "C" if score >= 2 else "D"
    return score, grade, failed
''',
}
