"""Chapter 5 figures and demos: ketamine's plasma levels, the disinhibition hypothesis and a
conceptual plasticity cascade. Every curve here is a MODEL of a hypothesis, not data; the
models live in :mod:`dmnlab.models.ketamine`."""

from __future__ import annotations

import functools

import numpy as np

from ..data import load_table
from ..facts import fact
from ..interact import Choice, Demo, Slider
from ..models import ketamine as km
from ..render import OKABE_ITO, plotly_template

BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY = OKABE_ITO[:6]

#: Plasma ketamine at the end of a 0.5 mg/kg, 40-minute infusion (data/facts.csv).
_END = fact("ketamine_end_infusion_ng_ml").value

#: Concentrations offered by the circuit demo (ng/mL), with what each corresponds to.
CONC_CHOICES = [
    ("0 ng/mL (no drug)", 0),
    ("25 ng/mL", 25),
    ("50 ng/mL", 50),
    ("75 ng/mL", 75),
    ("100 ng/mL", 100),
    ("150 ng/mL", 150),
    (f"{_END} ng/mL (end of infusion)", int(_END)),
    ("250 ng/mL", 250),
    ("400 ng/mL", 400),
    ("700 ng/mL", 700),
    ("1200 ng/mL (anaesthetic)", 1200),
    ("2400 ng/mL (anaesthetic)", 2400),
]
PREFERENCES = [("yes, 4x (the hypothesis)", 4.0), ("no (equal)", 1.0)]

_CURVE_NG = np.geomspace(5.0, 3000.0, 160)


@functools.lru_cache(maxsize=4)
def _circuit_curves(pref: float) -> dict:
    return km.circuit_steady_state(_CURVE_NG / km.MW_KETAMINE, pref)


def disinhibition_demo() -> Demo:
    """Ketamine concentration -> NMDA block in each population -> the circuit's rates (model)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    def figure():
        fig = make_subplots(rows=2, cols=1, row_heights=[0.34, 0.66], vertical_spacing=0.16,
                            subplot_titles=("NMDA receptors blocked", "Firing relative to no drug"))
        fig.add_trace(go.Bar(x=["pyramidal", "interneuron"], y=[0, 0], marker_color=[BLUE, ORANGE],
                             text=["", ""], textposition="outside", showlegend=False,
                             hovertemplate="%{x}: %{y:.0%} blocked<extra></extra>"), 1, 1)
        c = _circuit_curves(4.0)
        fig.add_trace(go.Scatter(x=_CURVE_NG, y=c["e_rel"], name="pyramidal (E)",
                                 line=dict(color=BLUE, width=3)), 2, 1)
        fig.add_trace(go.Scatter(x=_CURVE_NG, y=c["i_rel"], name="interneuron (I)",
                                 line=dict(color=ORANGE, width=3, dash="dash")), 2, 1)
        fig.add_trace(go.Scatter(x=[185, 185], y=[0, 0], mode="markers", showlegend=False,
                                 marker=dict(size=13, color=[BLUE, ORANGE], symbol="circle",
                                             line=dict(color="black", width=1.5)),
                                 hoverinfo="skip"), 2, 1)
        fig.add_hline(y=1.0, line=dict(color="#888", width=1, dash="dot"), row=2, col=1)
        fig.add_vrect(x0=1200, x1=3000, fillcolor="#bbbbbb", opacity=0.25, line_width=0, row=2, col=1)
        fig.update_yaxes(range=[0, 1.2], tickformat=".0%", row=1, col=1)
        fig.update_yaxes(range=[0, 2.0], title_text="relative rate", row=2, col=1)
        fig.update_xaxes(type="log", title_text="plasma ketamine (ng/mL, log scale)", row=2, col=1)
        fig.update_layout(template=plotly_template(), height=600,
                          title=dict(text="Disinhibition hypothesis: model, not data", x=0.01,
                                     xanchor="left"),
                          legend=dict(x=0.99, xanchor="right", y=0.52, yanchor="top",
                                      bgcolor="rgba(255,255,255,0.8)"))
        return fig

    def update(conc_ng_ml, preference):
        c = _circuit_curves(float(preference))
        s = km.circuit_steady_state(conc_ng_ml / km.MW_KETAMINE, preference)
        x = max(conc_ng_ml, 5.0)
        burst = max(s["e_rel"] - 1.0, 0.0)
        return {
            "data": [
                {"y": [s["block_e"], s["block_i"]],
                 "text": [f"{s['block_e']:.0%}", f"{s['block_i']:.0%}"]},
                {"y": c["e_rel"]},
                {"y": c["i_rel"]},
                {"x": [x, x], "y": [s["e_rel"], s["i_rel"]]},
            ],
            "readout": (f"{conc_ng_ml} ng/mL = {conc_ng_ml / km.MW_KETAMINE:.2f} µM: block "
                        f"{s['block_e']:.0%} (pyramidal), {s['block_i']:.0%} (interneuron); "
                        f"interneuron rate x{s['i_rel']:.2f}, pyramidal rate x{s['e_rel']:.2f}"
                        + (f" (a 'glutamate burst' of +{burst:.0%})" if burst > 0.005 else "")),
        }

    return Demo(
        name="disinhibition",
        controls=[Choice("conc_ng_ml", "Plasma ketamine", CONC_CHOICES, 185),
                  Choice("preference", "Interneurons blocked first", PREFERENCES, 4.0)],
        figure=figure,
        update=update,
        alt=("Model figure in two panels. Top: bars for the fraction of NMDA receptors blocked in "
             "pyramidal neurons (blue) and interneurons (orange) at the chosen ketamine concentration. "
             "Bottom: relative firing of pyramidal neurons (solid blue) and interneurons (dashed "
             "orange) against plasma ketamine on a log axis from 5 to 3000 ng/mL; dots mark the "
             "chosen concentration; a grey band marks the anaesthetic range."),
        caption=("Model, not data. With the interneurons blocked more easily (the hypothesis), "
                 "interneuron firing falls first, pyramidal neurons are released from inhibition and "
                 "fire faster at subanaesthetic levels (the 'glutamate burst'), and at anaesthetic "
                 "levels, where both populations are almost fully blocked, pyramidal output falls "
                 "below baseline. Switch the preference off: the burst disappears. The preference "
                 "factor (4) is an assumption; the affinity (Ki 0.49 µM) comes from Ebert et al. 1997."),
    )


# --------------------------------------------------------------------------- cascade

SCHEDULE_CHOICES = [("one infusion", "single"), ("twice weekly", "induction")]


def cascade_demo() -> Demo:
    """Plasma level and the conceptual cascade over six weeks, one dose or twice weekly (model)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    base = km.plasticity_cascade("single", 5.0)
    days = base["t_h"] / 24.0
    # thin the plotted series to one point an hour: plenty on a 42-day axis, and it keeps the
    # static page small
    sl = slice(None, None, 4)
    x = days[sl]

    def hourly_max(y):
        """Largest value in each 1-hour bin (the 40-minute peaks would be clipped by thinning)."""
        n = len(x)
        pad = np.pad(y, (0, 4 * n - len(y)), mode="edge")
        return pad.reshape(n, 4).max(axis=1)

    def figure():
        fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                            row_heights=[0.35, 0.65],
                            subplot_titles=("Plasma ketamine (model, ng/mL; hourly maximum)",
                                            "Conceptual cascade (model, arbitrary units)"))
        fig.add_trace(go.Scatter(x=x, y=hourly_max(base["plasma_ng_per_ml"]), name="plasma",
                                 line=dict(color="#555", width=1.5), showlegend=False), 1, 1)
        styles = [("mtorc1", "mTORC1 signalling", ORANGE, "dot"),
                  ("proteins", "synaptic proteins", GREEN, "dash"),
                  ("spines", "extra spines (share of ceiling)", VERMILLION, "solid")]
        for key, label, col, dash in styles:
            fig.add_trace(go.Scatter(x=x, y=base[key][sl], name=label,
                                     line=dict(color=col, width=3 if key == "spines" else 2, dash=dash)),
                          2, 1)
        fig.update_yaxes(range=[0, 220], row=1, col=1)
        fig.update_yaxes(range=[0, 1.0], row=2, col=1)
        fig.update_xaxes(title_text="days after the first dose", range=[0, 42], row=2, col=1)
        fig.update_layout(template=plotly_template(), height=560,
                          title=dict(text="Plasticity hypothesis: conceptual model, not data",
                                     x=0.01, xanchor="left"),
                          legend=dict(x=0.99, xanchor="right", y=0.5, yanchor="top",
                                      bgcolor="rgba(255,255,255,0.8)"))
        return fig

    def update(schedule, tau_spine_days):
        r = km.plasticity_cascade(schedule, tau_spine_days)
        s, t = r["spines"], r["t_h"]
        above = km.time_above(t, s, 0.1) / 24.0
        n = len(km.dose_schedule(schedule))
        return {
            "data": [{"y": hourly_max(r["plasma_ng_per_ml"])}, {"y": r["mtorc1"][sl]},
                     {"y": r["proteins"][sl]}, {"y": s[sl]}],
            "readout": (f"{n} dose{'s' if n > 1 else ''}; plasma is back below 5 ng/mL within a day of "
                        f"each dose, yet the model's extra spines stay above 0.1 for {above:.1f} days "
                        f"(spine loss time constant {tau_spine_days:g} days)"),
        }

    return Demo(
        name="plasticity_cascade",
        controls=[Choice("schedule", "Dosing", SCHEDULE_CHOICES, "single"),
                  Slider("tau_spine_days", "Spine loss time constant", 2, 10, 1, 5, unit="days")],
        figure=figure,
        update=update,
        alt=("Model figure in two stacked panels sharing a time axis of 0 to 42 days. Top: plasma "
             "ketamine, brief spikes at each dose. Bottom: three curves of a conceptual cascade in "
             "arbitrary units: mTORC1 signalling (dotted orange) and synaptic proteins (dashed green), "
             "which follow each dose within hours to a day, and extra dendritic spines (solid "
             "vermillion), which rise over a day and decay over days."),
        caption=("Conceptual model, not data. The drug is gone within a day of each dose, but the "
                 "model's new spines outlast it by days; repeated doses keep them up, and they decay "
                 "once dosing stops. The spine loss time constant is the least certain number: try "
                 "2 and 10 days. The time constants come from animal experiments (Li et al. 2010; "
                 "Autry et al. 2011; Phoumthipphavong et al. 2016); nothing here predicts a "
                 "depression score."),
    )


# --------------------------------------------------------------------------- PK vs effect


def pk_versus_effect_figure():
    """Two panels: the modelled plasma curve of one 0.5 mg/kg infusion over 24 h, and the same
    curve beside the model's spine curve and the clinical window over 14 days."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    t = np.linspace(0.0, 24.0, 577)
    c = km.plasma_concentration(t)
    r = km.plasticity_cascade("single", 5.0, days=14.0)
    d = r["t_h"] / 24.0
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.2, specs=[[{}], [{"secondary_y": True}]],
                        subplot_titles=("First 24 hours", "Two weeks: plasma and the slow model"))
    fig.add_trace(go.Scatter(x=t, y=c, name="plasma ketamine (model)", line=dict(color="#444", width=3)), 1, 1)
    fig.add_hrect(y0=100, y1=250, fillcolor=PURPLE, opacity=0.15, line_width=0, row=1, col=1)
    fig.add_annotation(x=14, y=160, text="dissociative effects reported<br>at about 100-250 ng/mL",
                       showarrow=False, font=dict(size=11), row=1, col=1)
    fig.add_trace(go.Scatter(x=d, y=r["plasma_ng_per_ml"], name="plasma (left axis)", showlegend=False,
                             line=dict(color="#444", width=2)), 2, 1, secondary_y=False)
    fig.add_trace(go.Scatter(x=d, y=r["spines"], name="extra spines (model, right axis)",
                             line=dict(color=VERMILLION, width=3)), 2, 1, secondary_y=True)
    fig.add_vrect(x0=1, x1=7, fillcolor=SKY, opacity=0.18, line_width=0, row=2, col=1)
    fig.add_vline(x=1, line=dict(color=BLUE, width=1.5, dash="dash"), row=2, col=1)
    fig.add_annotation(x=7.2, y=165, xanchor="left",
                       text="trials: benefit at 24 h;<br>symptoms typically<br>return within days",
                       showarrow=False, align="left", font=dict(size=11), row=2, col=1)
    fig.update_xaxes(title_text="hours from the start of the infusion", range=[0, 24], row=1, col=1)
    fig.update_xaxes(title_text="days", range=[0, 14], row=2, col=1)
    fig.update_yaxes(title_text="ng/mL", range=[0, 200], row=1, col=1)
    fig.update_yaxes(title_text="ng/mL", range=[0, 200], row=2, col=1, secondary_y=False)
    fig.update_yaxes(title_text="extra spines (a.u.)", range=[0, 0.6], row=2, col=1,
                     secondary_y=True, showgrid=False)
    fig.update_layout(template=plotly_template(), height=680,
                      legend=dict(orientation="h", x=0, xanchor="left", y=-0.13, yanchor="top"),
                      margin=dict(l=60, r=70, t=80, b=100),
                      title=dict(text="One 0.5 mg/kg infusion over 40 min: model, 70 kg", x=0.01,
                                 xanchor="left"))
    return fig


PK_ALT = ("Model figure in two stacked panels. Top: plasma ketamine over 24 hours after a 0.5 mg/kg "
          "40-minute infusion, rising to about 183 ng/mL at 40 minutes and falling with a terminal "
          "half-life of about 2.6 hours; a shaded band marks 100-250 ng/mL. Bottom: over 14 days the "
          "plasma curve is a spike on day 0, while the model's extra-spine curve rises over a day and "
          "decays over about a week; a dashed line marks 24 hours, the main time point of the controlled "
          "trials, and a shaded band the following days, in which symptoms typically return.")
PK_CAPTION = ("Model, not data (the shaded band is a summary of trials, not a measurement). The plasma "
              "level peaks at the end of the infusion and is near zero by the next day, while the "
              "controlled trials measure their main benefit at 24 hours and symptoms typically return "
              "over the following days. Effect does not track concentration: whatever carries the effect "
              "must outlast the drug. PK: clearance and volume from the Kamp et al. (2020) meta-analysis; "
              "the split between compartments is calibrated to the "
              f"{fact('ketamine_end_infusion_ng_ml').value} ng/mL reported for this regimen.")


# --------------------------------------------------------------------------- trials table


def trials_table(columns=("trial", "design", "n", "comparator", "outcome", "result", "status")):
    """data/ketamine_trials.csv: the trials the chapter discusses, with the status of each result
    (``columns=None`` for every column, including the sources and what was checked)."""
    df = load_table("ketamine_trials.csv")
    if columns is None:
        return df
    return df[list(columns)].astype(object).where(df[list(columns)].notna(), "")


def demos() -> list:
    """Every demo of chapter 5 (used by the tests and by `make bench`)."""
    return [disinhibition_demo(), cascade_demo()]
