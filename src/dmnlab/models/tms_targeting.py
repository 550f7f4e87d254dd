"""Connectivity-guided TMS targeting on region-level resting-state data (chapter 9).

The accelerated, connectivity-guided TMS protocols stimulate the part of the left dorsolateral
prefrontal cortex whose resting signal is most *anti*correlated with the subgenual cingulate
(Fox et al. 2012, Biol Psychiatry 72:595-603; Cole et al. 2020 and 2022, Am J Psychiatry).
These functions do that computation on the course's region x time BOLD arrays:

1. the seed's time course (the mean of the seed regions' rows);
2. optionally, global signal regression (the regional mean time course regressed out of every
   row by least squares);
3. the Pearson correlation of the seed with every region;
4. the candidate region with the lowest correlation: the "pick".

Pure numpy, no plotting. Region-level data are coarse: a region stands in for a few cubic
centimetres of cortex, and the course's atlas (AAL2) has no separate subgenual cingulate, so a
pick here is a teaching model of the procedure, not a clinical target.
"""

from __future__ import annotations

import numpy as np

from ..validate import check_array, check_bool, check_int
from .connectivity import regress_global_signal

__all__ = ["seed_map", "pick_target", "tms_target", "pick_agreement"]


def _indices(name: str, idx, n_regions: int) -> np.ndarray:
    """A non-empty list of distinct region indices in [0, n_regions - 1]."""
    items = list(np.asarray(idx).ravel()) if isinstance(idx, (list, tuple, np.ndarray)) else [idx]
    if not items:
        raise ValueError(f"{name} must name at least one region index in [0, {n_regions - 1}]")
    out = np.array([check_int(name, i, 0, n_regions - 1) for i in items], dtype=int)
    if len(np.unique(out)) != len(out):
        raise ValueError(f"{name} must not repeat a region; got {out.tolist()}")
    return out


def seed_map(bold, seed, *, gsr: bool = False) -> np.ndarray:
    """Correlation of the seed's mean time course with every region (one r per region).

    Parameters
    ----------
    bold : region x time array (rows are regions), at least 2 regions and 3 time points.
    seed : a region index or a list of indices; their mean time course is the seed.
    gsr : regress the global signal (mean over regions) out of every row first.
    """
    x = check_array("bold", bold, ndim=2)
    if x.shape[0] < 2 or x.shape[1] < 3:
        raise ValueError(f"bold must be regions x time with at least 2 regions and 3 time points; got shape {x.shape}")
    gsr = check_bool("gsr", gsr)
    s_idx = _indices("seed", seed, x.shape[0])
    if gsr:
        x = regress_global_signal(x)
    xc = x - x.mean(axis=1, keepdims=True)
    s = xc[s_idx].mean(axis=0)
    den = np.sqrt((xc ** 2).sum(axis=1) * float(s @ s))
    if np.any(den == 0):
        raise ValueError("bold has a constant time course (or the seed does); its correlation is undefined")
    return np.clip((xc @ s) / den, -1.0, 1.0)


def pick_target(r, candidates) -> int:
    """The candidate region with the lowest (most negative) correlation with the seed.

    ``r`` holds one correlation per region; ``candidates`` are region indices. Returns the
    region index (not the position in ``candidates``). Ties go to the first candidate listed.
    """
    v = check_array("r", r, ndim=1)
    if np.any(np.abs(v) > 1 + 1e-9):
        raise ValueError("r must hold correlations, in the range [-1, 1]")
    c = _indices("candidates", candidates, len(v))
    return int(c[int(np.argmin(v[c]))])


def tms_target(bold, seed, candidates, *, gsr: bool = False) -> tuple:
    """The whole procedure: ``(pick, r)`` with ``pick`` the region index of the candidate most
    anticorrelated with the seed and ``r`` the seed map (one r per region)."""
    r = seed_map(bold, seed, gsr=gsr)
    c = _indices("candidates", candidates, len(r))
    s = _indices("seed", seed, len(r))
    if np.intersect1d(c, s).size:
        raise ValueError("candidates must not include the seed regions themselves")
    return pick_target(r, c), r


def pick_agreement(picks, reference) -> float:
    """The fraction of ``picks`` (region indices, e.g. one per person) equal to ``reference``."""
    p = np.asarray(picks).ravel()
    if p.size == 0:
        raise ValueError("picks must hold at least one region index")
    if p.dtype.kind not in "iu":
        raise ValueError(f"picks must be whole-number region indices; got dtype {p.dtype}")
    ref = check_int("reference", reference, 0, None)
    return float(np.mean(p == ref))
