"""Plausible wrong answers for chapter 5's exercises."""

WRONG = {
    # averages the two constants instead of the two binding strengths
    "enantiomer_constants": '''
def enantiomer_constants(ki_s_um, ki_r_um):
    return ki_r_um / ki_s_um, (ki_s_um + ki_r_um) / 2
''',
    # keeps every id that contains the prefix: 'esketamine_...' contains 'ketamine_'
    "regulatory_facts": '''
def regulatory_facts(facts, prefix):
    return sorted((fid, f.value, f.as_of) for fid, f in facts.items() if prefix in fid)
''',
    # reports minutes instead of hours
    "hours_above": '''
import numpy as np
from dmnlab.models import ketamine as km

def hours_above(level_ng_ml=50.0):
    t = np.linspace(0, 48, 5761)
    return 60 * km.time_above(t, km.plasma_concentration(t), level_ng_ml)
''',
    # returns the concentration in micromolar
    "burst_peak": '''
import numpy as np
from dmnlab.models import ketamine as km

def burst_peak(preference=4.0):
    grid = np.geomspace(5, 3000, 400) / km.MW_KETAMINE
    burst = km.glutamate_burst(grid, preference)
    i = int(np.argmax(burst))
    return float(grid[i]), float(burst[i])
''',
    # inverts the risk-difference interval without swapping its ends
    "nnt_with_ci": '''
import numpy as np

def nnt_with_ci(events_treat, n_treat, events_control, n_control):
    p1, p2 = events_treat / n_treat, events_control / n_control
    rd = p1 - p2
    se = np.sqrt(p1 * (1 - p1) / n_treat + p2 * (1 - p2) / n_control)
    return 1 / rd, 1 / (rd - 1.96 * se), 1 / (rd + 1.96 * se)
''',
    # counts from day 0 instead of from the last dose
    "spine_days": '''
import numpy as np
from dmnlab.models import ketamine as km

def spine_days(schedule="single", tau_spine_days=5.0, level=0.1):
    r = km.plasticity_cascade(schedule, tau_spine_days)
    above = np.flatnonzero(r["spines"] > level)
    return float(r["t_h"][above[-1]] / 24.0) if above.size else 0.0
''',
}
