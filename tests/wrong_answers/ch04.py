"""Plausible wrong answers for chapter 4's exercises."""

WRONG = {
    # "at least" read as "more than": the groups at the threshold itself are lost
    "who_gets_worse": '''
def who_gets_worse(table, at_least=2):
    return list(table.loc[table["effect"] > at_least, "group"])
''',
    # forgets to convert hours to days
    "days_to_steady_state": '''
import math

def days_to_steady_state(t_half_h, fraction=0.9):
    k = math.log(2) / t_half_h
    return -math.log(1 - fraction) / k
''',
    # compares the rates as a ratio, and divides 100 by the drug's own rate
    "extra_per_100": '''
def extra_per_100(drug_pct, placebo_pct):
    return drug_pct / placebo_pct, 100 / drug_pct
''',
    # fixes Omax at 100% and fits only ED50
    "fit_occupancy": '''
import numpy as np
from scipy.optimize import curve_fit

def fit_occupancy(dose_mg, occupancy_pct, sd_pct=None):
    f = lambda d, ed50: 100 * d / (d + ed50)
    (ed50,), _ = curve_fit(f, np.asarray(dose_mg, float), np.asarray(occupancy_pct, float), p0=[5])
    return 100.0, float(ed50)
''',
    # averages the 6 h and 54 h measurements after 10 days
    "first_dose_share": '''
def first_dose_share(table, drug, dose_mg):
    rows = table[(table["drug"] == drug) & (table["dose_mg"] == dose_mg)]
    single = float(rows.loc[rows["regimen"] == "single dose", "occupancy_pct"].iloc[0])
    steady = float(rows.loc[rows["regimen"] == "10 days", "occupancy_pct"].mean())
    return single, steady, single / steady
''',
    # compares the level (not the rise above baseline) with a fraction of its final value
    "days_to_full_effect": '''
import numpy as np
from dmnlab.models import synapse

def days_to_full_effect(tau_des_days, fraction=0.9):
    r = synapse.ssri_time_course(days=90.0, tau_des_days=tau_des_days)
    s = r["forebrain_5ht"]
    return float(r["t"][np.argmax(s >= fraction * s[-1])])
''',
}
