"""Plausible wrong answers for chapter 10's exercises."""

WRONG = {
    # the share of clearance left without the enzyme, not the share through it
    "fraction_metabolised": '''
def fraction_metabolised(cl_normal, cl_poor):
    return cl_poor / cl_normal
''',
    # treats the second argument as the fraction *inhibited*
    "exposure_ratio": '''
import numpy as np

def exposure_ratio(fm, remaining_activity):
    fm = np.asarray(fm, dtype=float)
    a = np.asarray(remaining_activity, dtype=float)
    return 1.0 / (fm * (1.0 - a) + 1.0 - fm)
''',
    # scales the level by the ratio but keeps the half-life: the new plateau arrives at once
    "level_course": '''
import numpy as np

def level_course(t_h, t_half_h, ratio, tau_h):
    t = np.asarray(t_h, dtype=float)
    k = np.log(2) / t_half_h
    doses = np.arange(0.0, t.max() + 1e-9, tau_h)
    dt = t[:, None] - doses[None, :]
    c = np.where(dt >= 0, np.exp(-k * np.clip(dt, 0, None)), 0.0).sum(axis=1)
    return ratio * c * k * tau_h
''',
    # the metabolic ratios the wrong way round: a > 1, so exposure appears to fall
    "predicted_desipramine_ratio": '''
def predicted_desipramine_ratio(table, inhibitor):
    v = table.set_index("id")["value"]
    fm = 1 - v["desipramine_cl_pm"] / v["desipramine_cl_nm"]
    a = v[f"dm_mr_after_{inhibitor}"] / v[f"dm_mr_before_{inhibitor}"]
    return 1 / (fm * a + 1 - fm)
''',
    # looks only at the drug and forgets the active metabolite
    "days_below": '''
import numpy as np

def days_below(t_half_h, t_half_metabolite_h, threshold):
    return t_half_h * np.log2(1 / threshold) / 24
''',
}
