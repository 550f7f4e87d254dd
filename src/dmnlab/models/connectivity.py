"""Seed-based functional connectivity, global signal regression and network summaries.

Pure numpy: every function takes arrays of numbers and returns arrays of numbers, so a unit
test (or a learner) can check it by hand. BOLD arrays are ``region x time`` (rows are regions),
as in :func:`dmnlab.data.load_hcp`.

These are *analysis* functions applied to real data, not models of the brain. The one
published property they are checked against is Murphy et al. (2009, NeuroImage 44:893-905):
after global signal regression, a seed's covariances with all the regions that make up the
global signal sum to zero, so its correlations cannot all be positive.
"""

from __future__ import annotations

import numpy as np

from ..validate import check_array, check_int

__all__ = [
    "zscore_rows",
    "global_signal",
    "regress_global_signal",
    "seed_timeseries",
    "seed_correlation",
    "seed_correlation_from_fc",
    "fisher_mean_maps",
    "network_means",
    "dmn_contrast",
    "offdiagonal",
    "fc_summary",
]


def _bold(bold, name: str = "bold") -> np.ndarray:
    x = check_array(name, bold, ndim=2)
    if x.shape[0] < 2:
        raise ValueError(f"{name} must have at least 2 regions (rows); got shape {x.shape}")
    if x.shape[1] < 3:
        raise ValueError(f"{name} must have at least 3 time points (columns); got shape {x.shape}")
    return x


def _seed_indices(seed, n_regions: int) -> np.ndarray:
    """A region index or a list of them, each in [0, n_regions - 1], without repeats."""
    if isinstance(seed, (list, tuple, np.ndarray)):
        items = list(np.asarray(seed).ravel())
        if not items:
            raise ValueError("seed must name at least one region index")
    else:
        items = [seed]
    idx = np.array([check_int("seed", s, 0, n_regions - 1) for s in items], dtype=int)
    if len(np.unique(idx)) != len(idx):
        raise ValueError(f"seed must not repeat a region; got {idx.tolist()}")
    return idx


def zscore_rows(bold) -> np.ndarray:
    """Each row (region) demeaned and scaled to unit standard deviation.

    Raises ValueError if a row is constant (its correlation would be undefined).
    """
    x = _bold(bold)
    z = x - x.mean(axis=1, keepdims=True)
    sd = z.std(axis=1, keepdims=True)
    if np.any(sd == 0):
        bad = np.flatnonzero(sd.ravel() == 0).tolist()
        raise ValueError(f"bold has constant rows {bad[:5]}; their correlation is undefined")
    return z / sd


def global_signal(bold) -> np.ndarray:
    """The global signal: the mean over regions at each time point (length = time points).

    In voxel data the global signal is the mean over all brain voxels; here it is the mean
    over the regions given, which is what the course's region-level data allow.
    """
    return _bold(bold).mean(axis=0)


def regress_global_signal(bold) -> np.ndarray:
    """Remove the global signal from every region by least squares (GSR).

    Each region's demeaned time course ``x_i`` becomes ``x_i - beta_i * g`` with ``g`` the
    demeaned global signal and ``beta_i = <x_i, g> / <g, g>``. Returns a new array of the same
    shape (rows demeaned).
    """
    x = _bold(bold)
    x = x - x.mean(axis=1, keepdims=True)
    g = x.mean(axis=0)
    gg = float(g @ g)
    if gg == 0.0:
        raise ValueError("bold has a constant global signal; there is nothing to regress out")
    beta = (x @ g) / gg
    return x - np.outer(beta, g)


def seed_timeseries(bold, seed) -> np.ndarray:
    """The seed's time course: one region's row, or the mean of several regions' rows."""
    x = _bold(bold)
    idx = _seed_indices(seed, x.shape[0])
    return x[idx].mean(axis=0)


def seed_correlation(bold, seed, *, gsr: bool = False) -> np.ndarray:
    """Pearson correlation of a seed's time course with every region (a seed map).

    Parameters
    ----------
    bold : region x time array.
    seed : a region index, or a list of indices whose mean time course is the seed.
    gsr : regress the global signal out of every region first (see :func:`regress_global_signal`).

    Returns an array with one r per region (the seed regions' own values included).
    """
    if not isinstance(gsr, (bool, np.bool_)):
        raise ValueError(f"gsr must be True or False; got {gsr!r}")
    x = regress_global_signal(bold) if gsr else _bold(bold)
    s = seed_timeseries(x, seed)
    s = s - s.mean()
    xc = x - x.mean(axis=1, keepdims=True)
    den = np.sqrt((xc ** 2).sum(axis=1) * (s @ s))
    if np.any(den == 0):
        raise ValueError("bold (or the seed) has a constant time course; its correlation is undefined")
    return np.clip((xc @ s) / den, -1.0, 1.0)


def seed_correlation_from_fc(fc, seed) -> np.ndarray:
    """A seed map read from a correlation matrix: the seed's row (Fisher-z mean of several rows).

    This is what a group map is made of when only FC matrices are kept. It equals
    :func:`seed_correlation` for a single-region seed.
    """
    m = check_array("fc", fc, ndim=2)
    if m.shape[0] != m.shape[1]:
        raise ValueError(f"fc must be a square matrix; got shape {m.shape}")
    if np.any(np.abs(m) > 1 + 1e-9):
        raise ValueError("fc must hold correlations, in the range [-1, 1]")
    idx = _seed_indices(seed, m.shape[0])
    z = np.arctanh(np.clip(m[idx], -0.999999, 0.999999))
    return np.tanh(z.mean(axis=0))


def fisher_mean_maps(maps) -> np.ndarray:
    """Average several seed maps (rows) in Fisher z space; NaN entries are ignored."""
    a = check_array("maps", maps, ndim=2, finite=False)
    if np.any(np.isinf(a)):
        raise ValueError("maps must not contain infinities")
    if np.any(np.abs(a[np.isfinite(a)]) > 1 + 1e-9):
        raise ValueError("maps must hold correlations, in the range [-1, 1]")
    z = np.arctanh(np.clip(a, -0.999999, 0.999999))
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.tanh(np.nanmean(z, axis=0))


def network_means(values, labels) -> dict:
    """Mean of ``values`` within each label (NaNs and empty labels skipped), in first-seen order."""
    v = check_array("values", values, ndim=1, finite=False)
    lab = np.asarray(labels, dtype=object)
    if lab.shape != v.shape:
        raise ValueError(f"labels must have one entry per value ({len(v)}); got {lab.shape}")
    out = {}
    for name in dict.fromkeys(lab.tolist()):
        if name is None or (isinstance(name, float) and np.isnan(name)) or name == "":
            continue
        sel = (lab == name) & np.isfinite(v)
        if sel.any():
            out[str(name)] = float(v[sel].mean())
    return out


def dmn_contrast(values, is_dmn, exclude=()) -> dict:
    """Mean value inside the DMN, outside it, and the difference (``exclude``: indices to skip,
    e.g. the seed itself). Returns {"dmn", "rest", "difference", "n_dmn", "n_rest"}."""
    v = check_array("values", values, ndim=1, finite=False)
    mask = np.asarray(is_dmn)
    if mask.shape != v.shape or mask.dtype.kind != "b":
        raise ValueError(f"is_dmn must be a boolean array with one entry per value ({len(v)})")
    keep = np.isfinite(v)
    if len(exclude):
        ex = _seed_indices(exclude, len(v))
        keep[ex] = False
    a, b = v[keep & mask], v[keep & ~mask]
    if len(a) == 0 or len(b) == 0:
        raise ValueError("is_dmn must leave at least one region inside and one outside the DMN")
    return {"dmn": float(a.mean()), "rest": float(b.mean()), "difference": float(a.mean() - b.mean()),
            "n_dmn": int(len(a)), "n_rest": int(len(b))}


def offdiagonal(fc) -> np.ndarray:
    """The upper-triangle entries (above the diagonal) of a square matrix, as a 1-D array."""
    m = check_array("fc", fc, ndim=2)
    if m.shape[0] != m.shape[1]:
        raise ValueError(f"fc must be a square matrix; got shape {m.shape}")
    return m[np.triu_indices(m.shape[0], 1)]


def fc_summary(fc) -> dict:
    """Mean off-diagonal correlation, fraction of negative correlations, min and max."""
    e = offdiagonal(fc)
    if np.any(np.abs(e) > 1 + 1e-9):
        raise ValueError("fc must hold correlations, in the range [-1, 1]")
    if e.size == 0:
        raise ValueError("fc must be at least 2 x 2")
    return {"mean_r": float(e.mean()), "fraction_negative": float((e < 0).mean()),
            "min_r": float(e.min()), "max_r": float(e.max())}
