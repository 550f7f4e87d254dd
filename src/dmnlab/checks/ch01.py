"""Checkers for the exercises of chapter 1 (The default mode network).

Each checker runs the learner's function on the real HCP data the chapter uses (and, where a
slip would hide in those data, on a small made-up array) and says what is wrong."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from ..data import load_hcp, load_regions
from ..demos.ch01 import SUBSYSTEMS, seed_indices, subsystem_nodes
from ..models.connectivity import regress_global_signal, seed_correlation
from . import Checker, CheckResult


@functools.lru_cache(maxsize=1)
def _hcp():
    return load_hcp(94)


def _seed(name: str) -> np.ndarray:
    return seed_indices(name, _hcp().regions)


def _centred(a) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    return a - a.mean(axis=-1, keepdims=True)


# --------------------------------------------------------------------------- warm-up: subsystems


def _centroids_expected() -> pd.DataFrame:
    nodes, reg = subsystem_nodes(), load_regions(94)
    placed = nodes.dropna(subset=["aal2"]).merge(reg, left_on="aal2", right_on="name")
    out = placed.groupby("subsystem")[["x", "y", "z"]].mean()
    out["n"] = placed.groupby("subsystem").size()
    return out.reindex(SUBSYSTEMS)


def check_subsystem_centroids(fn) -> CheckResult:
    """subsystem_centroids(nodes, regions) -> a table indexed by subsystem with columns x, y, z
    (the mean MNI position of the subsystem's AAL2 stand-ins, mm) and n (how many nodes have one)."""
    c = Checker("subsystem_centroids")
    got = c.call(fn, subsystem_nodes(), load_regions(94))
    if got is None:
        return c.result()
    if not c.check(isinstance(got, pd.DataFrame), f"return a pandas table (DataFrame); got {type(got).__name__}",
                   "returns a table"):
        return c.result()
    want = _centroids_expected()
    missing_cols = [k for k in ("x", "y", "z", "n") if k not in got.columns]
    if not c.check(not missing_cols, f"the table needs the columns x, y, z and n; missing {missing_cols} "
                                     f"(it has {list(got.columns)[:8]})", "columns x, y, z, n"):
        return c.result()
    if "subsystem" in got.columns and set(got["subsystem"]) == set(SUBSYSTEMS):
        got = got.set_index("subsystem")
    idx = [str(i) for i in got.index]
    if not c.check(sorted(idx) == sorted(SUBSYSTEMS),
                   f"index the table by subsystem (one row each: {SUBSYSTEMS}); got rows {idx[:6]}",
                   "one row per subsystem"):
        return c.result()
    got = got.copy()
    got.index = idx
    got = got.reindex(SUBSYSTEMS)
    n_got = pd.to_numeric(got["n"], errors="coerce").to_numpy(float)
    if n_got[2] == want["n"].iloc[2] + 1:
        c.check(False, "n of the medial temporal subsystem counts the retrosplenial node, which has no AAL2 "
                       "stand-in: count only the nodes whose region was found (count() skips missing values; "
                       "size() does not)")
    else:
        c.close(n_got, want["n"].to_numpy(float), "the number of nodes with a stand-in in each subsystem")
    xyz = got[["x", "y", "z"]].to_numpy(float) if all(got[k].dtype.kind in "fi" for k in "xyz") else None
    if xyz is None:
        c.check(False, "x, y and z must be numbers (mean MNI coordinates in mm)")
        return c.result()
    w = want[["x", "y", "z"]].to_numpy(float)
    med = _centroids_median()
    if not np.allclose(xyz, w, atol=0.05) and np.allclose(xyz, med, atol=0.05):
        c.check(False, "these are medians; a centroid is the mean position")
    else:
        c.close(xyz, w, "the mean x, y, z of each subsystem", atol=0.05)
    return c.result()


def _centroids_median() -> np.ndarray:
    nodes, reg = subsystem_nodes(), load_regions(94)
    placed = nodes.dropna(subset=["aal2"]).merge(reg, left_on="aal2", right_on="name")
    return placed.groupby("subsystem")[["x", "y", "z"]].median().reindex(SUBSYSTEMS).to_numpy(float)


# --------------------------------------------------------------------------- core: seed map


def _uncentred_map(bold, rows):
    s = bold[rows].mean(axis=0)
    return bold @ s / (np.linalg.norm(bold, axis=1) * np.linalg.norm(s))


def _mean_of_maps(bold, rows):
    return np.mean([seed_correlation(bold, int(i)) for i in rows], axis=0)


def check_seed_map_by_hand(fn) -> CheckResult:
    """seed_map_by_hand(bold, seed_rows) -> the Pearson correlation of the mean time course of the
    seed rows with every row of bold (regions x time)."""
    c = Checker("seed_map_by_hand")
    hcp = _hcp()
    cases = [("person 1, posterior cingulate seed", hcp.bold[0], _seed("Posterior cingulate (DMN)")),
             ("person 4, right insula seed", hcp.bold[3], _seed("Right insula (salience)")),
             ("person 6, medial prefrontal seed", hcp.bold[5], _seed("Medial prefrontal (DMN)"))]
    for what, bold, rows in cases:
        got = c.call(fn, bold.copy(), rows.copy())
        if got is None:
            break
        g = np.asarray(got, dtype=float) if np.ndim(got) else np.array([np.nan])
        want = seed_correlation(bold, rows)
        if g.shape == (bold.shape[1],):
            c.check(False, f"{what}: you returned {g.size} values, one per time point; return one r per region "
                           f"(row), {bold.shape[0]} values")
            break
        if g.shape == want.shape and not np.allclose(g, want, atol=1e-6):
            if np.allclose(g, _uncentred_map(bold, rows), atol=1e-6):
                c.check(False, f"{what}: nearly every r is about 1. Centre the seed and every row first (subtract "
                               "each time course's own mean): the raw BOLD values sit around 10,000, and without "
                               "centring that constant dominates every dot product")
                break
            if len(rows) > 1 and np.allclose(g, _mean_of_maps(bold, rows), atol=1e-6):
                c.check(False, f"{what}: you averaged the seed regions' correlation maps; average their time "
                               "courses first, then correlate that one seed time course with every row")
                break
            if np.nanmax(np.abs(g)) > 1 + 1e-9:
                c.check(False, f"{what}: values up to {np.nanmax(np.abs(g)):.3g} are not correlations (they lie "
                               "between -1 and 1): divide each dot product by the two norms")
                break
        c.close(g, want, f"the seed map, {what}", atol=1e-6)
    return c.result()


# --------------------------------------------------------------------------- core: regression


def _lstsq_residuals(bold, confounds, intercept=True):
    bold = np.asarray(bold, dtype=float)
    x = np.asarray(confounds, dtype=float).reshape(bold.shape[1], -1)
    if intercept:
        x = np.column_stack([np.ones(bold.shape[1]), x])
    beta = np.linalg.lstsq(x, bold.T, rcond=None)[0]
    return bold - (x @ beta).T


def check_regress_out(fn) -> CheckResult:
    """regress_out(bold, confounds) -> bold with the confounds (a time course, or time x k) regressed
    out of every row by least squares with an intercept; same shape as bold."""
    c = Checker("regress_out")
    hcp = _hcp()
    bold = hcp.bold[0]
    g = bold.mean(axis=0)
    rng = np.random.default_rng(3)
    motion = np.cumsum(rng.standard_normal(bold.shape[1])) * 0.1
    cases = [("the global signal of person 1", bold, g),
             ("the global signal and a second confound (two columns)", bold, np.column_stack([g, motion]))]
    for what, b, conf in cases:
        got = c.call(fn, b.copy(), conf.copy())
        if got is None:
            break
        out = np.asarray(got, dtype=float) if np.ndim(got) == 2 else None
        if out is None or out.shape != b.shape:
            shape = None if out is None else out.shape
            hint = " (you returned it transposed: time x regions)" if shape == b.shape[::-1] else ""
            c.check(False, f"{what}: return an array shaped like bold, {b.shape} (regions x time); got "
                           f"{shape if shape is not None else type(got).__name__}{hint}")
            break
        want = _lstsq_residuals(b, conf)
        if np.allclose(_centred(out), _centred(want), atol=1e-6 * np.abs(want).max()):
            c.checks.append(f"residuals after regressing out {what}")
            continue
        if np.ndim(conf) == 1 and np.allclose(out, b - conf, atol=1e-6):
            c.check(False, f"{what}: you subtracted the global signal itself from every region; regression gives "
                           "each region its own weight (beta) on it, found by least squares")
            break
        if np.allclose(_centred(out), _centred(_lstsq_residuals(b, conf, intercept=False)), atol=1e-6):
            c.check(False, f"{what}: add an intercept, a column of ones, to the design matrix. The raw BOLD values "
                           "sit around 10,000, so without it the fit spends itself on the mean and the residuals "
                           "still carry the global signal")
            break
        res = _centred(out)
        gc = _centred(np.asarray(conf, float).reshape(b.shape[1], -1).T)
        with np.errstate(all="ignore"):
            r = (res @ gc.T) / np.outer(np.linalg.norm(res, axis=1), np.linalg.norm(gc, axis=1))
        leftover = float(np.nanmax(np.abs(r))) if np.isfinite(r).any() else float("nan")
        c.check(False, f"{what}: your result differs from the least-squares residuals (largest difference "
                       f"{np.abs(_centred(out) - _centred(want)).max():.3g}); what is left still correlates with "
                       f"the confounds (|r| up to {leftover:.2g}): fit all the confounds together, by least squares")
        break
    return c.result()


# --------------------------------------------------------------------------- challenge: Murphy 2009


def _cov_sums(bold, rows):
    out = []
    for x in (bold, regress_global_signal(bold)):
        xc = _centred(x)
        s = xc[rows].mean(axis=0)
        out.append(float((xc @ s).sum() / (x.shape[1] - 1)))
    return out


def _corr_sums(bold, rows):
    return [float(np.nansum(seed_correlation(x, rows))) for x in (bold, regress_global_signal(bold))]


def check_gsr_covariance_sums(fn) -> CheckResult:
    """gsr_covariance_sums(bold, seed_rows) -> (sum over every region of the covariance of the seed's
    time course with the region's, before GSR; the same sum after GSR)."""
    c = Checker("gsr_covariance_sums")
    hcp = _hcp()
    cases = [("person 1, posterior cingulate seed", hcp.bold[0], _seed("Posterior cingulate (DMN)")),
             ("person 5, left superior parietal seed", hcp.bold[4], _seed("Left superior parietal (dorsal attention)"))]
    for what, bold, rows in cases:
        got = c.call(fn, bold.copy(), rows.copy())
        if got is None:
            break
        vals = c.numbers(got, 2, "(sum before GSR, sum after GSR)")
        if vals is None:
            break
        before, after = vals
        want_b, want_a = _cov_sums(bold, rows)
        corr_b, corr_a = _corr_sums(bold, rows)
        if np.isclose(before, corr_b, rtol=1e-6) or np.isclose(after, corr_a, rtol=1e-6, atol=1e-9):
            c.check(False, f"{what}: these are sums of correlations (after GSR {corr_a:.3g}, not zero). The exact "
                           "property is about covariances: a correlation also divides by each region's own "
                           "standard deviation, which weights the regions unequally")
            break
        if np.isclose(after, before, rtol=1e-6):
            c.check(False, f"{what}: your two sums are the same; compute the second one on the data after global "
                           "signal regression (regress_global_signal)")
            break
        if not c.check(np.isclose(before, want_b, rtol=2e-3),
                       f"{what}: the sum before GSR is {want_b:.6g} (covariances over time, centred signals); "
                       f"you returned {before:.6g}", f"the covariance sum before GSR, {what}"):
            break
        c.check(abs(after) <= 1e-8 * abs(want_b),
                f"{what}: after GSR the covariances sum to zero up to rounding (about {want_a:.1e}); you returned "
                f"{after:.6g}. Regress the global signal out of every region, including the seed's own rows, and "
                "sum over all of them", f"the covariance sum after GSR is zero, {what}")
    return c.result()
