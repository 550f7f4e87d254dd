"""Plausible wrong answers for chapter 1's exercises."""

WRONG = {
    # a left merge keeps the retrosplenial node (no AAL2 stand-in), and size() counts it
    "subsystem_centroids": '''
def subsystem_centroids(nodes, regions):
    placed = nodes.merge(regions, left_on="aal2", right_on="name", how="left")
    return placed.groupby("subsystem").agg(x=("x", "mean"), y=("y", "mean"), z=("z", "mean"),
                                           n=("node", "size"))
''',
    # forgets to centre the time courses: with BOLD values near 10,000 every r comes out near 1
    "seed_map_by_hand": '''
import numpy as np

def seed_map_by_hand(bold, seed_rows):
    bold = np.asarray(bold, dtype=float)
    seed = bold[seed_rows].mean(axis=0)
    return bold @ seed / (np.linalg.norm(bold, axis=1) * np.linalg.norm(seed))
''',
    # least squares without an intercept (a column of ones)
    "regress_out": '''
import numpy as np

def regress_out(bold, confounds):
    bold = np.asarray(bold, dtype=float)
    x = np.asarray(confounds, dtype=float).reshape(bold.shape[1], -1)
    beta = np.linalg.lstsq(x, bold.T, rcond=None)[0]
    return bold - (x @ beta).T
''',
    # sums correlations instead of covariances
    "gsr_covariance_sums": '''
import numpy as np
from dmnlab.models.connectivity import regress_global_signal

def gsr_covariance_sums(bold, seed_rows):
    sums = []
    for data in (bold, regress_global_signal(bold)):
        seed = data[seed_rows].mean(axis=0)
        sums.append(float(sum(np.corrcoef(seed, row)[0, 1] for row in data)))
    return sums[0], sums[1]
''',
}
