"""Plausible wrong answers for chapter 7's exercises."""

WRONG = {
    # correlates the whole matrices: the diagonal (SC 0, FC 1) and every pair twice
    "sc_fc_correlation": '''
import numpy as np

def sc_fc_correlation(sc, fc):
    r = np.corrcoef(sc.ravel(), fc.ravel())[0, 1]
    pos = sc.ravel() > 0
    r_log = np.corrcoef(np.log10(sc.ravel()[pos]), fc.ravel()[pos])[0, 1]
    return r, r_log
''',
    # picks the largest RMS difference as the best fit (argmax for both measures)
    "fit_two_ways": '''
import numpy as np
from dmnlab.models import network as nw

def fit_two_ways(fc_data, fractions, a=-0.3):
    iu = np.triu_indices(len(fc_data), k=1)
    g_c = nw.critical_coupling(a)
    rs, rms = [], []
    for f in fractions:
        u, v = nw.model_fc(f * g_c, a)[iu], fc_data[iu]
        rs.append(np.corrcoef(u, v)[0, 1])
        rms.append(np.sqrt(np.mean((u - v) ** 2)))
    i, k = int(np.argmax(rs)), int(np.argmax(rms))
    return fractions[i], rs[i], fractions[k], rms[k]
''',
    # compares the simulation with the HCP data instead of with the linearised model
    "agreement_with_simulation": '''
import numpy as np
from dmnlab.data import load_hcp

def agreement_with_simulation(reference):
    iu = np.triu_indices(80, k=1)
    data = load_hcp(80).group_fc[iu]
    out = {}
    for run in reference["runs"]:
        sim = np.asarray(run["fc_upper"])
        out[run["sigma"]] = (np.corrcoef(data, sim)[0, 1], sim.mean() - data.mean())
    return out
''',
    # averages the within-DMN block with its diagonal
    "manipulation_changes": '''
import numpy as np
from dmnlab.models import network as nw

def manipulation_changes(strength):
    a = -0.3
    g = 0.9 * nw.critical_coupling(a)
    dmn = nw.dmn_mask()
    before = nw.model_fc(g, a)
    after = nw.model_fc(g, a, sc=nw.scale_node_coupling(1 - strength, dmn))
    change = after - before
    within = change[np.ix_(dmn, dmn)].mean()
    between = change[np.ix_(dmn, ~dmn)].mean()
    return within, between, change[np.triu_indices(80, k=1)].max()
''',
}
