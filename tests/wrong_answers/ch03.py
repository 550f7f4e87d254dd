"""Plausible wrong answers for chapter 3's exercises."""

WRONG = {
    # counts the row marked unverified (Kaiser 2015) as if its finding had been read
    "people_by_direction": '''
def people_by_direction(studies):
    n = studies["n_patients"] + studies["n_controls"]
    return n.groupby(studies["direction"]).sum().to_dict()
''',
    # pools with the fixed-effect weights 1/v even when tau² > 0
    "random_effects": '''
import numpy as np

def random_effects(yi, vi):
    yi, vi = np.asarray(yi, float), np.asarray(vi, float)
    w = 1 / vi
    mu = np.sum(w * yi) / np.sum(w)
    Q = np.sum(w * (yi - mu) ** 2)
    k = len(yi)
    tau2 = max(0.0, (Q - (k - 1)) / (np.sum(w) - np.sum(w ** 2) / np.sum(w)))
    se = np.sqrt(1 / np.sum(w))
    I2 = max(0.0, (Q - (k - 1)) / Q)
    return mu, mu - 1.96 * se, mu + 1.96 * se, Q, tau2, I2
''',
    # reports the power as a percentage
    "honest_n": '''
from dmnlab.models.publication_bias import simulate_studies, summarise_studies

def honest_n(true_d=0.3, max_exaggeration=1.25):
    for n in range(10, 301, 10):
        s = summarise_studies(simulate_studies(true_d, n, 2000, seed=0))
        if s["exaggeration"] <= max_exaggeration:
            return n, 100 * s["power"]
''',
    # uses only Kramers' exponential factor, forgetting the 1/s prefactor
    "dwell_ratio": '''
import math
from dmnlab.models.rumination import simulate_sticky_mind

def dwell_ratio(s_low=0.75, s_high=1.0, noise=0.7):
    sim = [simulate_sticky_mind(s, noise, 0.0, t_max=200, dt=0.02, n_trials=60, seed=1).mean_dwell_dmn
           for s in (s_low, s_high)]
    return sim[1] / sim[0], math.exp((s_high - s_low) / (noise ** 2 / 2))
''',
}
