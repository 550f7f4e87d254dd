"""Chapter 9 figures and demos: where a connectivity-guided TMS protocol would aim on the course's
real HCP resting-state data, relapse curves under MBCT from the published hazard ratio, and a
forest-style figure of treatment effects from data/treatment_effects.csv."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from ..brain import cortex_lookups, cortex_traces, cortex_values
from ..data import load_hcp, load_table
from ..facts import fact
from ..interact import Choice, Demo, Slider, Toggle
from ..models.connectivity import fisher_mean_maps
from ..models.tms_targeting import pick_target, seed_map
from ..models.treatment_effects import odds_ratio_ci, relapse_curves
from ..render import OKABE_ITO, plotly_template
from ..validate import check_bool, check_choice

__all__ = ["SEED_STANDINS", "CANDIDATES", "SUBJECTS", "region_indices", "load_target_table", "target_picks",
           "target_demo", "relapse_demo", "treatment_effects", "forest_figure", "forest_view", "demos"]

# --------------------------------------------------------------------------- the TMS target

#: Seeds that stand in for the subgenual cingulate: key -> (label, AAL2 region names). AAL2 has
#: no subgenual region; its Cingulate_Ant is AAL3's ACC_sub + ACC_pre + ACC_sup together
#: (data/aal2_regions.csv), so the first seed is the whole anterior cingulate. The other two are
#: ventromedial prefrontal regions of AAL2, offered to show how much the pick depends on the seed.
SEED_STANDINS = {
    "acc": ("Anterior cingulate, L+R (whole ACC)", ("Cingulate_Ant_L", "Cingulate_Ant_R")),
    "rectus": ("Gyrus rectus, L+R (ventromedial)", ("Rectus_L", "Rectus_R")),
    "medorb": ("Medial orbitofrontal, L+R", ("Frontal_Med_Orb_L", "Frontal_Med_Orb_R")),
}
#: The left lateral prefrontal regions of AAL2 a coil over the left frontal lobe can reach: the
#: search area of the course's "protocol". The DLPFC proper is mostly the middle frontal gyrus.
CANDIDATES = ("Frontal_Sup_2_L", "Frontal_Mid_2_L", "Frontal_Inf_Tri_L", "Frontal_Inf_Oper_L", "Frontal_Inf_Orb_2_L")
SHORT = {"Frontal_Sup_2_L": "Sup. frontal", "Frontal_Mid_2_L": "Mid. frontal", "Frontal_Inf_Tri_L": "IFG tri.",
         "Frontal_Inf_Oper_L": "IFG oper.", "Frontal_Inf_Orb_2_L": "IFG orb."}
DLPFC_PROPER = ("Frontal_Sup_2_L", "Frontal_Mid_2_L")
LONG = {"Frontal_Sup_2_L": "left superior frontal gyrus", "Frontal_Mid_2_L": "left middle frontal gyrus",
        "Frontal_Inf_Tri_L": "left inferior frontal gyrus (triangular part)",
        "Frontal_Inf_Oper_L": "left inferior frontal gyrus (opercular part)",
        "Frontal_Inf_Orb_2_L": "left inferior frontal gyrus (orbital part)"}
SUBJECTS = [("Group (7 people)", "group")] + [(f"Person {i + 1}", i) for i in range(7)]


def region_indices(names, regions: pd.DataFrame | None = None) -> list:
    """Row indices of AAL2 region names in ``load_regions(94)`` (the order of load_hcp(94))."""
    reg = load_hcp(94).regions if regions is None else regions
    lookup = {n: i for i, n in enumerate(reg["name"])}
    bad = [n for n in names if n not in lookup]
    if bad:
        raise ValueError(f"names must be AAL2 region names of load_regions(94); unknown: {bad}")
    return [lookup[n] for n in names]


@functools.lru_cache(maxsize=1)
def _maps() -> dict:
    """{(seed, gsr): array (8, 94)}: the group map (Fisher mean) then the seven people's maps."""
    hcp = load_hcp(94)
    out = {}
    for key, (_, names) in SEED_STANDINS.items():
        idx = region_indices(names, hcp.regions)
        for gsr in (False, True):
            sub = np.array([seed_map(b, idx, gsr=gsr) for b in hcp.bold])
            out[(key, gsr)] = np.vstack([fisher_mean_maps(sub), sub])
    return out


def _row(subject) -> int:
    return 0 if subject == "group" else int(subject) + 1


def target_picks(seed: str = "acc", gsr: bool = False) -> pd.DataFrame:
    """For the group and each person: the pick (the candidate most anticorrelated with the seed)
    and every candidate's r."""
    check_choice("seed", seed, list(SEED_STANDINS))
    gsr = check_bool("gsr", gsr)
    m = _maps()[(seed, gsr)]
    cand = region_indices(CANDIDATES)
    rows = []
    for label, subject in SUBJECTS:
        r = m[_row(subject)]
        pick = pick_target(r, cand)
        rows.append({"data": label, "pick": CANDIDATES[cand.index(pick)],
                     **{SHORT[c]: round(float(r[i]), 3) for c, i in zip(CANDIDATES, cand)}})
    return pd.DataFrame(rows).set_index("data")


def load_target_table() -> pd.DataFrame:
    """Every candidate's correlation with every seed stand-in, with and without GSR, for each of
    the 7 people: columns person (1-7), seed, gsr, region, r (real HCP data; long format)."""
    maps = _maps()
    cand = region_indices(CANDIDATES)
    rows = []
    for (seed, gsr), m in maps.items():
        for p in range(7):
            for name, i in zip(CANDIDATES, cand):
                rows.append({"person": p + 1, "seed": seed, "gsr": gsr, "region": name, "r": float(m[p + 1, i])})
    return pd.DataFrame(rows)


def _anchor(traces, region: int, lookup: np.ndarray):
    """(x, y) in the cortex scene where a region's label sits: the median of its vertices in
    the view (of the four) that shows most of it; ties and bilateral regions prefer the left."""
    cortex, _, titles = traces
    x, y = np.asarray(cortex.x, float), np.asarray(cortex.y, float)
    sel = lookup == region
    if not sel.any():
        return None
    width = float(np.max(np.r_[x, np.asarray(traces[1].x, float)]))
    ty = sorted({float(v) for v in list(titles.y)[:-1]}, reverse=True)
    row_edge = ty[1] if len(ty) > 1 else -np.inf
    col = (x[sel] > width / 2).astype(int)
    row = (y[sel] < row_edge).astype(int)
    cell = row * 2 + col
    best = int(np.argmax(np.bincount(cell, minlength=4)))   # ties: the first (left) view
    return float(np.median(x[sel][cell == best])), float(np.median(y[sel][cell == best]))


@functools.lru_cache(maxsize=1)
def _cortex_parts():
    traces, scene = cortex_traces(n_regions=94, scale="diverging", vmax=0.6, colorbar_title="r with the seed",
                                  value_name="r", colorbar=dict(len=200))
    lookup = np.asarray(cortex_lookups(94)["cortex94"])
    names = load_hcp(94).regions["name"].tolist()
    anchors = {}
    for n in set(CANDIDATES) | {s for _, ss in SEED_STANDINS.values() for s in ss}:
        anchors[n] = _anchor(traces, names.index(n), lookup)
    ztop = float(scene["zaxis"]["range"][1]) * 0.98
    return traces, scene, anchors, ztop


def target_demo() -> Demo:
    """Where would you aim? Every region's correlation with a subgenual stand-in on the cortex, the
    left frontal pick of a connectivity-guided protocol, and how the pick moves with GSR, the
    seed and the person."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    traces, scene, anchors, ztop = _cortex_parts()
    cand = region_indices(CANDIDATES)
    ylabels = ["Group"] + [f"Person {i}" for i in range(1, 8)]
    xlabels = [SHORT[c] for c in CANDIDATES]

    def figure():
        fig = make_subplots(rows=2, cols=1, vertical_spacing=0.1,
                            specs=[[{"type": "scene"}], [{"type": "xy"}]],
                            subplot_titles=("", "Left lateral prefrontal candidates: r with the seed"))
        for t in traces:
            fig.add_trace(t, 1, 1)
        fig.add_trace(go.Scatter3d(x=[0], y=[0], z=[ztop], mode="markers+text", name="seed",
                                   marker=dict(size=7, color="#000000", symbol="diamond"),
                                   text=["seed"], textposition="top center", textfont=dict(size=12, color="#000"),
                                   hoverinfo="skip"), 1, 1)
        fig.add_trace(go.Scatter3d(x=[0], y=[0], z=[ztop], mode="markers+text", name="TMS pick",
                                   marker=dict(size=9, color="#F0E442", symbol="circle",
                                               line=dict(color="#000000", width=2)),
                                   text=["pick"], textposition="top center", textfont=dict(size=13, color="#000"),
                                   hoverinfo="skip"), 1, 1)
        fig.add_trace(go.Heatmap(z=np.zeros((8, 5)), x=list(range(5)), y=list(range(8)), colorscale="RdBu_r",
                                 zmin=-0.6, zmax=0.6, showscale=False, xgap=2, ygap=2, name="r",
                                 text=[[f"{ylabels[j]}, {xlabels[i]}" for i in range(5)] for j in range(8)],
                                 hovertemplate="%{text}: r = %{z:.2f}<extra></extra>"), 2, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name="pick per row",
                                 marker=dict(symbol="star", size=13, color="#F0E442",
                                             line=dict(color="#000", width=1.5)),
                                 hovertemplate="%{text}<extra></extra>"), 2, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name="shown on the brain", hoverinfo="skip",
                                 line=dict(color="#000000", width=2.5)), 2, 1)
        fig.update_yaxes(range=[7.5, -0.5], tickvals=list(range(8)), ticktext=ylabels, showline=False, ticks="",
                         showgrid=False, row=2, col=1)
        fig.update_xaxes(range=[-0.5, 4.5], tickvals=list(range(5)), ticktext=xlabels, showline=False, ticks="",
                         showgrid=False, tickangle=0, tickfont=dict(size=11), row=2, col=1)
        # fixed heights: plotly scales a 3D scene to its height, so 255 px of brain fits a phone
        fig.update_layout(template=plotly_template(), showlegend=False, height=620,
                          margin=dict(l=58, r=6, t=80, b=30), hovermode="closest",
                          scene=dict(scene, domain=dict(x=[0, 1], y=[0.5, 1.0])),
                          yaxis=dict(domain=[0, 0.37]),
                          title=dict(text="Where would you aim? (HCP data, AAL2)", x=0.02, font=dict(size=15)))
        for a in fig.layout.annotations:
            a.update(font=dict(size=13), x=0, xanchor="left", y=0.41, yanchor="bottom")
        return fig

    @functools.lru_cache(maxsize=64)
    def update(seed: str, gsr: bool, subject):
        m = _maps()[(seed, gsr)]
        r = m[_row(subject)]
        picks = [pick_target(m[k], cand) for k in range(8)]
        pick = picks[_row(subject)]
        pick_name = CANDIDATES[cand.index(pick)]
        seed_names = SEED_STANDINS[seed][1]
        sx, sy = anchors[seed_names[0]]
        px, py = anchors[pick_name]
        k = _row(subject)
        group_pick = picks[0]
        agree = sum(p == group_pick for p in picks[1:])
        values = r.copy()
        values[region_indices(seed_names)] = 0.0     # the seed's own regions: no colour
        box_y = [k - 0.5, k - 0.5, k + 0.5, k + 0.5, k - 0.5]
        who = "group mean of 7 people" if subject == "group" else f"person {subject + 1}"
        where = "DLPFC proper" if pick_name in DLPFC_PROPER else "ventrolateral, outside the DLPFC"
        return {
            "data": [{"intensity": cortex_values(values, 94)}, None, None,
                     {"x": [sx], "y": [sy], "z": [ztop]},
                     {"x": [px], "y": [py], "z": [ztop]},
                     {"z": np.array([[m[j, i] for i in cand] for j in range(8)], dtype=np.float32)},
                     {"x": [cand.index(p) for p in picks], "y": list(range(8)),
                      "text": [f"{ylabels[j]}: pick = {xlabels[cand.index(p)]}" for j, p in enumerate(picks)]},
                     {"x": [-0.5, 4.5, 4.5, -0.5, -0.5], "y": box_y}],
            "readout": (f"{SEED_STANDINS[seed][0]}, GSR {'on' if gsr else 'off'}, {who}: the pick is the "
                        f"{LONG[pick_name]} (r = {r[pick]:+.2f}; {where}). {agree} of 7 people pick the "
                        f"group's region, the {LONG[CANDIDATES[cand.index(group_pick)]]}."),
        }

    return Demo(
        name="tms_target",
        controls=[Choice("seed", "Seed standing in for the subgenual cingulate",
                         [(lab, key) for key, (lab, _) in SEED_STANDINS.items()], "acc"),
                  Toggle("gsr", "Global signal regression", False),
                  Choice("subject", "Whose data", SUBJECTS, "group")],
        figure=figure,
        update=lambda seed, gsr, subject: update(seed, bool(gsr), subject),
        lookups=cortex_lookups(94),
        alt=("Top: four views of the cortex (left and right, outer and inner faces) coloured from blue (negative) "
             "to red (positive) by each region's resting-state correlation with the chosen seed; a black diamond "
             "marks the seed and a yellow circle the left frontal region a connectivity-guided protocol would pick. "
             "Bottom: a grid of the five left lateral prefrontal candidates (columns) for the group and each of "
             "seven people (rows), coloured by r, with a star on each row's pick and a box around the row shown."),
        caption=("With the whole anterior cingulate as the seed and no global signal regression, every left "
                 "prefrontal candidate of the group map correlates positively: there is no anticorrelated target, "
                 "only the least correlated one. Turn global signal regression on: values fall, some candidates turn "
                 "negative, "
                 "and the pick can change. Look down the grid: the stars do not line up, so the pick depends on "
                 "the person; switch the seed stand-in and it moves again. Real data (HCP, 7 people, 1,200 volumes "
                 "each); AAL2 has no subgenual region, so these seeds are stand-ins and the regions are far coarser "
                 "than a clinical target."),
    )


# --------------------------------------------------------------------------- relapse under MBCT


def _hr_triplet():
    return (fact("mbct_ipd_hr").number, fact("mbct_ipd_hr_low").number, fact("mbct_ipd_hr_high").number)


def relapse_demo() -> Demo:
    """Cumulative relapse over 60 weeks in a comparison group (a baseline risk you choose) and
    under MBCT, from the individual-patient-data meta-analysis's hazard ratio (model)."""
    import plotly.graph_objects as go

    weeks = np.linspace(0, 60, 61)
    hr, lo, hi = _hr_triplet()

    def figure():
        fig = go.Figure([
            go.Scatter(x=weeks, y=weeks * 0, mode="lines", line=dict(width=0), hoverinfo="skip", showlegend=False,
                       name="MBCT interval (upper)"),
            go.Scatter(x=weeks, y=weeks * 0, mode="lines", line=dict(width=0), fill="tonexty",
                       fillcolor="rgba(0,158,115,0.22)", hoverinfo="skip", name=f"MBCT, HR {lo:.2f} to {hi:.2f}"),
            go.Scatter(x=weeks, y=weeks * 0, mode="lines", line=dict(color="#000000", width=2.5, dash="dash"),
                       name="comparison group", hovertemplate="week %{x}: %{y:.0f}% relapsed<extra>comparison</extra>"),
            go.Scatter(x=weeks, y=weeks * 0, mode="lines", line=dict(color="#009E73", width=3),
                       name=f"MBCT, HR {hr:.2f}", hovertemplate="week %{x}: %{y:.0f}% relapsed<extra>MBCT</extra>"),
        ])
        fig.update_layout(template=plotly_template(), height=400, margin=dict(l=60, r=10, t=50, b=50),
                          title=dict(text="Relapse under MBCT vs comparison (model)", x=0.02, font=dict(size=15)),
                          legend=dict(x=0.02, y=0.98, yanchor="top", bgcolor="rgba(255,255,255,0.85)",
                                      font=dict(size=12)),
                          xaxis=dict(title="weeks after the start", range=[0, 60], dtick=12),
                          yaxis=dict(title="relapsed (%)", range=[0, 90]))
        return fig

    @functools.lru_cache(maxsize=64)
    def update(control_risk: float):
        p = control_risk / 100.0
        c, t = relapse_curves(weeks, p, hr)
        _, t_lo = relapse_curves(weeks, p, lo)
        _, t_hi = relapse_curves(weeks, p, hi)
        arr = c[-1] - t[-1]
        arr_lo, arr_hi = c[-1] - t_hi[-1], c[-1] - t_lo[-1]
        return {
            "data": [{"y": 100 * t_hi}, {"y": 100 * t_lo}, {"y": 100 * c}, {"y": 100 * t}],
            "readout": (f"By week 60: comparison {100 * c[-1]:.0f}% relapsed, MBCT {100 * t[-1]:.0f}% "
                        f"({100 * t_lo[-1]:.0f}% to {100 * t_hi[-1]:.0f}% across the HR's interval): "
                        f"{100 * arr:.0f} fewer relapses per 100 people, NNT about {1 / arr:.0f} "
                        f"({1 / arr_hi:.0f} to {1 / arr_lo:.0f})."),
        }

    return Demo(
        name="mbct_relapse",
        controls=[Slider("control_risk", "Relapse by week 60 without MBCT", 20, 80, 5, 50, unit="%", fmt=".0f")],
        figure=figure,
        update=update,
        alt=("Two rising curves of the percentage relapsed over 60 weeks: a dashed black curve for the comparison "
             "group and a green curve for MBCT, with a green band for the hazard ratio's 95% interval; a slider "
             "sets how many in the comparison group relapse by week 60."),
        caption=("Model: a constant relapse hazard in the comparison group, set by the slider, and the published "
                 "hazard ratio of MBCT vs no MBCT (individual-patient-data meta-analysis). Move the slider: the "
                 "relative effect stays the same, but the number of relapses prevented per 100 people, and so the "
                 "NNT, depends on how likely relapse was to begin with."),
    )


# --------------------------------------------------------------------------- forest figure

KIND_COLORS = {"stimulation": OKABE_ITO[0], "drug": OKABE_ITO[4], "psychotherapy": OKABE_ITO[2]}


def treatment_effects() -> pd.DataFrame:
    """data/treatment_effects.csv, with the odds ratios of rows given as counts computed here
    (Woolf interval) so that every drawn value has an estimate, an interval or none, and a status."""
    df = load_table("treatment_effects.csv").copy()
    for i, r in df.iterrows():
        if r["measure"] == "OR (from counts)":
            est, lo, hi = odds_ratio_ci(int(r["events_treat"]), int(r["n_treat"]),
                                        int(r["events_control"]), int(r["n_control"]))
            df.loc[i, ["estimate", "ci_low", "ci_high"]] = [est, lo, hi]
    return df


def forest_figure():
    """Odds ratios of response or remission vs sham/placebo (log scale), and MBCT's relapse hazard
    ratio, drugs and non-drug treatments side by side, with the caveats on the figure."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    df = treatment_effects()
    ors = df[df["measure"].str.startswith("OR")]
    hrs = df[df["measure"] == "HR"]
    fig = make_subplots(rows=2, cols=1, row_heights=[0.8, 0.2], vertical_spacing=0.2,
                        subplot_titles=("Response or remission:<br>odds ratio vs sham or placebo",
                                        "Relapse: hazard ratio vs no MBCT"))
    seen = set()
    for row, part in ((1, ors), (2, hrs)):
        for kind, color in KIND_COLORS.items():
            sub = part[part["kind"] == kind]
            for filled in (True, False):
                s = sub[(sub["status"] == "verified") == filled]
                if s.empty:
                    continue
                err = dict(type="data", symmetric=False, thickness=2, width=4, color=color,
                           array=(s["ci_high"] - s["estimate"]).fillna(0).to_numpy(),
                           arrayminus=(s["estimate"] - s["ci_low"]).fillna(0).to_numpy())
                hover = [f"{lab}: {comp}<br>{m} {e:.2f}"
                         + (f" ({lo:.2f} to {hi:.2f})" if pd.notna(lo) else " (interval not read)")
                         + f"<br>{o}; {des}; n = {int(n) if pd.notna(n) else 'n/a'}<br>status: {st}"
                         for lab, comp, m, e, lo, hi, o, des, n, st in zip(
                             s["label"], s["comparison"], s["measure"], s["estimate"], s["ci_low"], s["ci_high"],
                             s["outcome"], s["design"], s["n"], s["status"])]
                name = f"{kind} ({'verified' if filled else 'secondary'})"
                fig.add_trace(go.Scatter(
                    x=s["estimate"], y=s["label"], mode="markers", error_x=err, text=hover,
                    hovertemplate="%{text}<extra></extra>", name=name, showlegend=name not in seen,
                    marker=dict(size=11, color=color if filled else "white", symbol="diamond" if row == 2 else "circle",
                                line=dict(color=color, width=2.5))), row, 1)
                seen.add(name)
        fig.add_vline(x=1, line=dict(color="#444", width=1), row=row, col=1)
    fig.update_yaxes(categoryorder="array", categoryarray=list(ors["label"])[::-1], row=1, col=1)
    fig.update_xaxes(type="log", range=[np.log10(0.3), np.log10(200)], tickvals=[0.5, 1, 2, 5, 10, 30, 100],
                     ticktext=["0.5", "1", "2", "5", "10", "30", "100"], row=1, col=1,
                     title=dict(text="more responders with treatment →", font=dict(size=12)))
    fig.update_xaxes(type="log", range=[np.log10(0.4), np.log10(1.6)], tickvals=[0.5, 0.7, 1, 1.4],
                     ticktext=["0.5", "0.7", "1", "1.4"], row=2, col=1,
                     title=dict(text="← fewer relapses with MBCT", font=dict(size=12)))
    fig.update_yaxes(tickfont=dict(size=11), showline=False, ticks="")
    fig.add_annotation(text=("Not a league table: trials differ in patients,<br>outcome (response or remission), "
                             "control<br>(sham, placebo), blinding and size."),
                       xref="paper", yref="paper", x=0, y=-0.17, xanchor="left", yanchor="top", showarrow=False,
                       align="left", font=dict(size=11, color="#333"))
    fig.update_layout(template=plotly_template(), height=675, margin=dict(l=118, r=10, t=120, b=145),
                      legend=dict(orientation="h", x=0, y=1.12, yanchor="bottom", font=dict(size=11)))
    for a in fig.layout.annotations[:2]:
        a.update(font=dict(size=13), x=0, xanchor="left")
    return fig


def forest_view():
    """The forest figure with alt text and a caption, for dmnlab.show."""
    from ..render import StaticFigure

    return StaticFigure(
        forest_figure(),
        alt=("A forest plot on a log scale. Top: odds ratios of response or remission against sham or placebo, "
             "each a dot with its 95% interval where one was read: ECT (two forms), 10 Hz rTMS and iTBS from a "
             "network meta-analysis, two sham-controlled trials of SNT, the BROADEN deep brain stimulation trial, "
             "and the largest and smallest antidepressant odds ratios of a network meta-analysis. Bottom: MBCT's "
             "hazard ratio for relapse with its interval. Filled symbols are verified values, open ones secondary."),
        caption=("ECT's odds ratios are the largest, but rest on few, old sham-controlled trials (wide intervals); "
                 "the two SNT trials are tiny, so their intervals span almost a factor of ten; deep brain stimulation "
                 "did not separate from sham; the antidepressants' odds ratios pool hundreds of placebo-controlled "
                 "trials in people who were mostly not treatment-resistant. Points without a bar have no interval "
                 "read for this course. Comparing across trials like this shows the size of the evidence, not which "
                 "treatment is best for whom."),
    )


def demos() -> list:
    """Every demo of chapter 9 (used by the tests and by `make bench`)."""
    return [target_demo(), relapse_demo()]
