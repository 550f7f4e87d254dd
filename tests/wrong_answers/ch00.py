"""Plausible wrong answers for chapter 0's exercises."""

WRONG = {
    # counts only the default-network regions
    "count_above": '''
from dmnlab.demos.ch00 import regions_above

def count_above(threshold):
    return regions_above(threshold)["n_dmn_above"]
''',
    # returns the right ids, unsorted (in table order, reversed)
    "claims_with_grade": '''
def claims_with_grade(claims, grade):
    return list(claims.loc[claims["grade"] == grade, "claim_id"])[::-1]
''',
    # walks the grid from the top and keeps the last threshold that passes: the highest, not the lowest
    "lowest_threshold": '''
import numpy as np
from dmnlab.demos.ch00 import regions_above

def lowest_threshold(max_regions=10):
    best = None
    for t in np.round(np.arange(0, 0.91, 0.01), 2):
        info = regions_above(t)
        if info["n_above"] <= max_regions:
            best = (float(t), info["n_dmn_above"])
    return best
''',
    # divides by all 78 regions instead of the regions above the threshold
    "dmn_share_curve": '''
import numpy as np
from dmnlab.demos.ch00 import regions_above

def dmn_share_curve(thresholds):
    return np.array([regions_above(t)["n_dmn_above"] / 78 for t in thresholds])
''',
}
