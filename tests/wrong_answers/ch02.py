"""Plausible wrong answers for chapter 2's exercises."""

WRONG = {
    # forgets that the curves cross halfway between the means: 2 Phi(-|d|) instead of 2 Phi(-|d|/2)
    "overlap_and_probability": '''
import math
from scipy.stats import norm

def overlap_and_probability(d):
    return 2 * norm.cdf(-abs(d)), norm.cdf(-d / math.sqrt(2))
''',
    # divides by the plain average of the two SDs instead of the pooled SD
    "hedges_g": '''
def hedges_g(mean1, sd1, n1, mean2, sd2, n2):
    d = (mean1 - mean2) / ((sd1 + sd2) / 2)
    return d, d * (1 - 3 / (4 * (n1 + n2) - 9))
''',
    # returns the last gain at which the test still suppressed
    "failure_gain": '''
import numpy as np
from dmnlab.models.hpa import dexamethasone_test

def failure_gain(step=0.05):
    last_ok = None
    for g in np.round(np.arange(1.0, 0.3 - 1e-9, -step), 2):
        if dexamethasone_test(float(g))["suppressed"]:
            last_ok = float(g)
        else:
            return last_ok
''',
    # multiplies by the fraction instead of dividing: the subgroup shift comes out smaller than the average
    "subgroup_shift": '''
from scipy.stats import norm

def subgroup_shift(difference, fraction):
    z90 = norm.ppf(0.9)
    shift = difference * fraction
    share_all = norm.sf(z90 - difference)
    share_sub = fraction * norm.sf(z90 - shift) + (1 - fraction) * 0.1
    return shift, share_all, share_sub
''',
    # a 90% interval (1.645) where a 95% one was asked for
    "risk_difference_ci": '''
import math

def risk_difference_ci(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return p1 - p2, p1 - p2 - 1.645 * se, p1 - p2 + 1.645 * se
''',
}
