"""Plausible wrong answers for chapter 9's exercises."""

WRONG = {
    # the simple (Wald) interval instead of Wilson's
    "remission_with_interval": '''
import math

def remission_with_interval(remitted, n):
    p = remitted / n
    half = 1.96 * math.sqrt(p * (1 - p) / n)
    return 100 * p, 100 * (p - half), 100 * (p + half)
''',
    # picks the candidate most positively correlated with the seed
    "find_target": '''
import numpy as np

def find_target(bold, seed, candidates, gsr=False):
    x = np.asarray(bold, dtype=float)
    x = x - x.mean(axis=1, keepdims=True)
    if gsr:
        g = x.mean(axis=0)
        x = x - np.outer(x @ g / (g @ g), g)
    s = x[seed].mean(axis=0)
    r = (x @ s) / np.sqrt((x ** 2).sum(axis=1) * (s @ s))
    candidates = list(candidates)
    return candidates[int(np.argmax(r[candidates]))], r
''',
    # divides by all the rows (35) instead of the 7 people
    "modal_pick": '''
def modal_pick(table, seed, gsr):
    sub = table[(table["seed"] == seed) & (table["gsr"] == gsr)]
    picks = sub.loc[sub.groupby("person")["r"].idxmin(), "region"]
    counts = picks.value_counts()
    best = sorted(counts[counts == counts.max()].index)[0]
    return best, counts.max() / len(sub)
''',
    # the risk ratio instead of the odds ratio
    "odds_ratio_with_ci": '''
import math

def odds_ratio_with_ci(events_treat, n_treat, events_control, n_control):
    rr = (events_treat / n_treat) / (events_control / n_control)
    se = math.sqrt(1 / events_treat - 1 / n_treat + 1 / events_control - 1 / n_control)
    return rr, rr * math.exp(-1.96 * se), rr * math.exp(1.96 * se)
''',
    # multiplies the risk by the hazard ratio
    "relapse_risks": '''
import math

def relapse_risks(control_risk, hazard_ratio, week=60):
    rate = -math.log(1 - control_risk) / 60
    control = 1 - math.exp(-rate * week)
    treated = hazard_ratio * control
    return control, treated, 1 / (control - treated)
''',
}
