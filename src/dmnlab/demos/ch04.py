"""Chapter 4 demos: plasma levels of four SSRIs, SERT occupancy, and a model of the
therapeutic delay (5-HT1A autoreceptor desensitisation).

Drug parameters come from ``data/pk_parameters.csv`` (each with its source key and status);
the readouts show them. Doses are those labelled or studied, shown for illustration only.
"""

from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go

from ..data import load_table
from ..interact import Choice, Demo, Slider
from ..models import occupancy as occ
from ..models import pk, synapse
from ..render import OKABE_ITO
from ..validate import check_choice, check_number

__all__ = [
    "DRUGS", "DRUG_NAMES", "drug_parameters", "simulate_regimen", "regimen_summary",
    "ed50_from_point", "pk_demo", "occupancy_demo", "delay_demo", "synapse_schematic", "history_timeline",
    "depletion_figure", "effect_size_figure", "demos",
]

DRUG_NAMES = ("fluoxetine", "sertraline", "escitalopram", "paroxetine")
HORIZON_DAYS = 100
STEP_H = 2.0


@functools.lru_cache(maxsize=1)
def _table():
    return load_table("pk_parameters.csv")


@functools.cache
def drug_parameters(drug: str) -> dict:
    """Parameters of ``drug`` (one of DRUG_NAMES) as {parameter: value}, with
    ``"_rows"`` holding (parameter, value, unit, source, status, note) for display."""
    check_choice("drug", drug, DRUG_NAMES)
    df = _table()
    rows = df[df["drug"] == drug]
    out = {r.parameter: float(r.value) for r in rows.itertuples()}
    out["_rows"] = tuple((r.parameter, r.value, r.unit, r.source if isinstance(r.source, str) else "",
                          r.status, r.note) for r in rows.itertuples())
    return out


class _Drugs(dict):
    def __missing__(self, key):
        self[key] = drug_parameters(key)
        return self[key]


DRUGS = _Drugs()


@functools.lru_cache(maxsize=256)
def simulate_regimen(drug: str, daily_dose_mg: float, interval_h: float, stop_day: float) -> dict:
    """Plasma concentration (ng/mL) over HORIZON_DAYS for ``daily_dose_mg`` given every
    ``interval_h`` hours (each dose = daily dose x interval / 24) until ``stop_day``.

    Returns {"t_days", "parent", "metabolite" (empty unless fluoxetine), "total"}.
    """
    check_choice("drug", drug, DRUG_NAMES)
    daily = check_number("daily_dose_mg", daily_dose_mg, 0.0, 500.0, lo_inclusive=False, unit="mg/day")
    tau = check_number("interval_h", interval_h, 6.0, 168.0, unit="h")
    stop = check_number("stop_day", stop_day, 1.0, HORIZON_DAYS - 7, unit="days")
    p = drug_parameters(drug)
    t = np.arange(0.0, HORIZON_DAYS * 24 + STEP_H / 2, STEP_H)
    dose = daily * tau / 24.0
    n = max(1, int(np.ceil(stop * 24 / tau - 1e-9)))
    met = np.zeros(0)
    if drug == "fluoxetine":
        par, m = pk.parent_metabolite_oral(t, dose, tau, n, p["t_half_h"], p["ka_per_h"], p["vd_l"], 1.0,
                                           p["fm"], p["t_half_m_h"], p["vd_m_l"])
        met = m * 1000
        par = par * 1000
        total = par + met
    elif drug == "paroxetine":
        # integrate to 3 weeks after the last dose; beyond that the level is < 1e-9 of its peak
        # and falls with the linear-limit rate Vmax / (Km V), which continues it exactly enough
        t_end = min(t[-1], (n - 1) * tau + 21 * 24)
        head = t <= t_end
        par = np.zeros_like(t)
        par[head] = pk.michaelis_menten_oral(t[head], dose, tau, n, p["vmax_mg_per_h"], p["km_mg_per_l"],
                                             p["ka_per_h"], p["vd_l"]) * 1000
        if (~head).any():
            k_lin = p["vmax_mg_per_h"] / (p["km_mg_per_l"] * p["vd_l"])
            last = par[head][-1]
            par[~head] = last * np.exp(-k_lin * (t[~head] - t[head][-1]))
        total = par
    else:
        par = pk.oral_concentration(t, dose, tau, n, p["t_half_h"], p["ka_per_h"], p["vd_l"]) * 1000
        total = par
    return {"t_days": t / 24.0, "parent": par, "metabolite": met, "total": total}


@functools.lru_cache(maxsize=256)
def regimen_summary(drug: str, daily_dose_mg: float, interval_h: float, stop_day: float) -> dict:
    """Days to reach 90% of the steady-state (interval-average) level, and days after the last
    dose until the level falls below 10% of its value at stopping (parent + metabolite)."""
    sim = simulate_regimen(drug, daily_dose_mg, interval_h, stop_day)
    long = simulate_regimen(drug, daily_dose_mg, interval_h, HORIZON_DAYS - 7)
    t, c = long["t_days"], long["total"]
    w = max(1, int(round(interval_h / STEP_H)))
    avg = np.convolve(c, np.ones(w) / w, mode="valid")         # running average over one interval
    t_avg = t[w - 1:]
    ss = avg[np.searchsorted(t_avg, HORIZON_DAYS - 8)]
    reached = np.flatnonzero(avg >= 0.9 * ss)
    t90 = float(t_avg[reached[0]]) if reached.size else float("nan")
    ts, cs = sim["t_days"], sim["total"]
    i_stop = np.searchsorted(ts, stop_day)
    level_at_stop = cs[i_stop]
    below = np.flatnonzero((ts > stop_day) & (cs < 0.1 * level_at_stop))
    washout = float(ts[below[0]] - stop_day) if below.size else float("nan")
    return {"t90_days": t90, "washout10_days": washout, "level_at_stop": float(level_at_stop),
            "ss_average": float(ss)}


def _source_text(drug: str) -> str:
    rows = drug_parameters(drug)["_rows"]
    parts = []
    for name, value, unit, src, status, _note in rows:
        if name.startswith("occupancy") or name.startswith("dose"):
            continue
        tag = f"{src}, {status}" if src else status
        parts.append(f"{name} = {value:g} {unit} ({tag})")
    return "; ".join(parts)


# ------------------------------------------------------------------------ PK demo
def pk_demo() -> Demo:
    """Plasma level of an SSRI over 100 days: start, steady state, stop, washout."""
    dose_choice = Choice("dose", "Dose (labelled range)", [("lowest labelled", "min"), ("highest labelled", "max")],
                         "min")
    interval = Choice("interval", "Dosing interval", [("every 12 h", 12.0), ("every 24 h", 24.0),
                                                       ("every 48 h", 48.0)], 24.0)
    drug = Choice("drug", "Drug", [(d.capitalize(), d) for d in DRUG_NAMES], "fluoxetine")
    stop = Slider("stop_week", "Stop after (weeks)", 2, 10, 1, 6)

    def figure():
        fig = go.Figure()
        fig.add_scatter(x=[0.0], y=[0.0], mode="lines", name="parent drug (model)",
                        line=dict(color=OKABE_ITO[0], width=1.5))
        fig.add_scatter(x=[0.0], y=[0.0], mode="lines", name="norfluoxetine (model)",
                        line=dict(color=OKABE_ITO[1], width=1.5, dash="dot"))
        fig.update_layout(height=430, margin=dict(l=60, r=20, t=50, b=50),
                          title="Plasma level (model)",
                          yaxis_title="plasma concentration (ng/mL)",
                          legend=dict(x=0.99, y=0.99, xanchor="right", yanchor="top",
                                      bgcolor="rgba(255,255,255,0.8)"))
        fig.update_xaxes(title_text="days since the first dose")
        return fig

    def update(drug, dose, interval, stop_week):
        p = drug_parameters(drug)
        daily = p["dose_min_mg"] if dose == "min" else p["dose_max_mg"]
        stop_day = 7.0 * stop_week
        sim = simulate_regimen(drug, daily, interval, stop_day)
        s = regimen_summary(drug, daily, interval, stop_day)
        t = sim["t_days"]
        met = sim["metabolite"]
        shapes = [dict(type="line", x0=stop_day, x1=stop_day, y0=0, y1=1, yref="paper",
                       line=dict(color="#555555", dash="dash", width=1)),
                  dict(type="rect", x0=0, x1=s["t90_days"], y0=0, y1=1, yref="paper",
                       fillcolor="rgba(86,180,233,0.12)", line=dict(width=0))]
        per_dose = daily * interval / 24
        readout = (f"{drug.capitalize()} {per_dose:g} mg every {interval:g} h "
                   f"({daily:g} mg/day, the {'lowest' if dose == 'min' else 'highest'} labelled daily dose; "
                   f"illustration only). 90% of steady state after {s['t90_days']:.0f} days (shaded). "
                   f"After the last dose (dashed line), the level falls below 10% in "
                   f"{s['washout10_days']:.0f} days. "
                   f"Parameters: {_source_text(drug)}. Typical adult values; people vary widely (CYP2D6/2C19).")
        if drug == "paroxetine":
            readout += " Paroxetine: saturable (Michaelis-Menten) elimination, illustrative parameters."
        return {"data": [{"x": t, "y": sim["parent"]},
                         {"x": t if met.size else np.zeros(0), "y": met, "showlegend": bool(met.size)}],
                "layout": {"shapes": shapes, "yaxis": {"range": [0, float(max(sim["parent"].max(), met.max() if met.size else 0.0)) * 1.1]}},
                "readout": readout}

    return Demo(
        name="ssri_plasma_levels",
        controls=[drug, dose_choice, interval, stop],
        figure=figure,
        update=update,
        alt=("Line chart of modelled plasma concentration against days for the chosen SSRI: the level climbs "
             "in a saw-tooth with each dose, levels off at steady state, then falls after the last dose."),
        caption=("Model, not data. Notice that the time to steady state depends on the half-life, not on the dose "
                 "or the interval; fluoxetine with norfluoxetine takes about a month to level off and weeks to wash "
                 "out, while the others level off within about a week. Splitting the same daily amount changes the "
                 "saw-tooth, not the average. Doses shown are labelled doses, for illustration only."),
        static=["drug", "dose", "interval"],
    )


# ------------------------------------------------------------------------ occupancy
def ed50_from_point(dose_mg: float, occupancy_fraction: float) -> float:
    """ED50 of the hyperbola emax=1 that passes through one (dose, occupancy) PET point."""
    d = check_number("dose_mg", dose_mg, 0.0, 1e4, lo_inclusive=False, unit="mg")
    o = check_number("occupancy_fraction", occupancy_fraction, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    return d * (1 - o) / o


def _occ_ed50(drug: str) -> float:
    df = _table()
    row = df[(df["drug"] == drug) & (df["parameter"] == "occupancy_20mg")]
    return ed50_from_point(20.0, float(row["value"].iloc[0]))


OCC_DRUGS = ("paroxetine", "citalopram")


def occupancy_demo() -> Demo:
    """SERT occupancy against daily dose: a hyperbola through one PET point per drug."""
    doses = np.linspace(0, 60, 241)

    def figure():
        fig = go.Figure()
        fig.add_scatter(x=doses, y=doses * 0, mode="lines", name="model: Emax = 1 hyperbola",
                        line=dict(color=OKABE_ITO[4], width=2))
        fig.add_scatter(x=[20.0], y=[80.0], mode="markers", name="PET, 20 mg/day (Meyer 2001)",
                        marker=dict(color=OKABE_ITO[5], size=10, symbol="diamond"))
        fig.add_scatter(x=[20.0], y=[50.0], mode="markers", name="chosen dose",
                        marker=dict(color="#000000", size=11, symbol="circle-open", line=dict(width=2)))
        fig.add_hrect(y0=76, y1=85, fillcolor="rgba(0,158,115,0.15)", line_width=0,
                      annotation_text="76-85%: mean at minimum therapeutic doses, 5 SSRIs (Meyer 2004)",
                      annotation_position="bottom right", annotation_font_size=11)
        fig.update_layout(height=420, margin=dict(l=60, r=20, t=50, b=50),
                          title="SERT occupancy against dose (model)",
                          yaxis_title="striatal SERT occupancy (%)",
                          yaxis=dict(range=[0, 100]),
                          legend=dict(x=0.99, y=0.08, xanchor="right", yanchor="bottom", bgcolor="rgba(255,255,255,0.8)"))
        fig.update_xaxes(title_text="daily dose (mg)")
        return fig

    def update(drug, dose_mg):
        ed50 = _occ_ed50(drug)
        o = occ.occupancy_from_dose(dose_mg, ed50)
        pet = float(_table().query("drug == @drug and parameter == 'occupancy_20mg'")["value"].iloc[0])
        d80 = occ.dose_for_occupancy(0.8, ed50)
        readout = (f"{drug.capitalize()} {dose_mg:g} mg/day: modelled occupancy {100 * o:.0f}%. "
                   f"ED50 = {ed50:.1f} mg (from the PET mean {100 * pet:.0f}% at 20 mg/day, Meyer 2001, verified). "
                   f"80% occupancy at {d80:.0f} mg/day; doubling the dose from 20 to 40 mg adds only "
                   f"{100 * (occ.occupancy_from_dose(40, ed50) - occ.occupancy_from_dose(20, ed50)):.0f} points. "
                   "Assumption: Emax = 1; PET studies at high doses found about 85%, so the model over-states the plateau.")
        return {"data": [{"y": 100 * occ.occupancy_from_dose(doses, ed50)},
                         {"y": [100 * pet]},
                         {"x": [dose_mg], "y": [100 * o]}],
                "readout": readout}

    return Demo(
        name="sert_occupancy",
        controls=[Choice("drug", "Drug", [("Paroxetine", "paroxetine"), ("Citalopram", "citalopram")], "paroxetine"),
                  Slider("dose_mg", "Daily dose (mg)", 0, 60, 5, 20)],
        figure=figure,
        update=update,
        alt=("Curve of modelled SERT occupancy rising steeply at low doses and flattening above about 20 mg/day, "
             "with a band at 76-85% and the PET point at 20 mg/day."),
        caption=("Model through one published point. Notice how steep the curve is below 10 mg and how flat above "
                 "20 mg: the minimum therapeutic dose already blocks about four in five transporters, and higher "
                 "doses add little occupancy. Doses are for illustration only."),
    )


# ------------------------------------------------------------------------ delay model
@functools.lru_cache(maxsize=256)
def _course(tau_des_days: float, occupancy_max: float) -> dict:
    r = synapse.ssri_time_course(days=42.0, tau_des_days=tau_des_days, occupancy_max=occupancy_max, dt_days=0.05)
    keep = slice(None, None, 4)                                 # 0.2-day points for the figure
    return {k: v[keep] for k, v in r.items()}


def delay_demo() -> Demo:
    """SSRI on day 0: raphe firing and forebrain serotonin over 6 weeks (one hypothesis)."""
    def figure():
        fig = go.Figure()
        fig.add_scatter(x=[0.0], y=[1.0], mode="lines", name="raphe firing",
                        line=dict(color=OKABE_ITO[1], width=2))
        fig.add_scatter(x=[0.0], y=[1.0], mode="lines", name="forebrain serotonin",
                        line=dict(color=OKABE_ITO[0], width=2.5))
        fig.add_scatter(x=[0.0], y=[1.0], mode="lines", name="5-HT1A autoreceptor sensitivity",
                        line=dict(color=OKABE_ITO[7], width=1.5, dash="dot"))
        fig.add_hline(y=1.0, line=dict(color="#999999", width=1))
        fig.update_layout(height=430, margin=dict(l=60, r=20, t=50, b=50),
                          title="SSRI from day 0 (model of one hypothesis)",
                          yaxis_title="relative to drug-free baseline (1 = baseline)",
                          yaxis=dict(range=[0, 3.2]),
                          legend=dict(x=0.01, y=0.99, xanchor="left", yanchor="top", bgcolor="rgba(255,255,255,0.8)"))
        fig.update_xaxes(title_text="days of treatment")
        return fig

    def update(tau_des_days, occupancy_max):
        r = _course(float(tau_des_days), float(occupancy_max))
        t = r["t"]
        i2 = int(np.searchsorted(t, 2.0))
        low = int(np.argmin(r["firing"]))
        readout = (f"Day 2: forebrain serotonin x{r['forebrain_5ht'][i2]:.2f}, firing x{r['firing'][i2]:.2f}. "
                   f"Firing is lowest on day {t[low]:.0f} (x{r['firing'][low]:.2f}); "
                   f"day 42: serotonin x{r['forebrain_5ht'][-1]:.2f}, firing x{r['firing'][-1]:.2f}. "
                   f"Desensitisation time constant {tau_des_days:g} days: 95% complete after about "
                   f"{3 * tau_des_days:.0f} days. A model of one hypothesis, not data.")
        return {"data": [{"x": t, "y": r["firing"]}, {"x": t, "y": r["forebrain_5ht"]},
                         {"x": t, "y": r["sensitivity"]}],
                "readout": readout}

    return Demo(
        name="autoreceptor_delay",
        controls=[Slider("tau_des_days", "Desensitisation time constant (days)", 2, 20, 2, 8),
                  Slider("occupancy_max", "SERT occupancy at plateau", 0.5, 0.9, 0.1, 0.8)],
        figure=figure,
        update=update,
        alt=("Three lines over 42 days: raphe firing drops in the first days and climbs back to baseline over weeks; "
             "forebrain serotonin rises a little at once and more over weeks; autoreceptor sensitivity declines slowly."),
        caption=("Model of one hypothesis, not data. Notice that the transporter is blocked within a day or two, yet "
                 "forebrain serotonin reaches its full rise only as the autoreceptors desensitise: the delay is set by "
                 "the desensitisation time constant, not by pharmacokinetics."),
    )


# ------------------------------------------------------------------------ schematic
def synapse_schematic() -> go.Figure:
    """A labelled schematic (not anatomy, not to scale) of a serotonin neuron and synapse,
    stacked top to bottom so that it reads on a narrow page."""
    fig = go.Figure()
    boxes = [
        (0.80, 0.99, "1. Raphe cell body (brainstem)", "rgba(230,159,0,0.15)",
         "5-HT1A autoreceptors: more 5-HT here means slower firing<br>"
         "SERT here too: an SSRI raises 5-HT around the cell body first<br>"
         "hypothesis: over weeks the autoreceptors desensitise and firing recovers"),
        (0.42, 0.70, "2. Axon terminal (forebrain)", "rgba(86,180,233,0.18)",
         "tryptophan -> 5-HTP (tryptophan hydroxylase, rate-limiting) -> 5-HT<br>"
         "5-HT stored in vesicles, released when the neuron fires<br>"
         "SERT takes released 5-HT back up  (blocked by SSRIs)<br>"
         "MAO-A breaks 5-HT down to 5-HIAA  (blocked by MAO inhibitors)"),
        (0.01, 0.22, "3. Postsynaptic neuron (forebrain)", "rgba(0,158,115,0.15)",
         "many postsynaptic 5-HT receptor subtypes (e.g. 5-HT1A, 5-HT2A)"),
    ]
    for y0, y1, label, col, text in boxes:
        fig.add_shape(type="rect", x0=0.02, y0=y0, x1=0.98, y1=y1, fillcolor=col, line=dict(color="#555555"))
        fig.add_annotation(x=0.04, y=y1 - 0.025, text=f"<b>{label}</b>", showarrow=False, xanchor="left",
                           yanchor="top", font=dict(size=13))
        fig.add_annotation(x=0.04, y=y1 - 0.075, text=text, showarrow=False, xanchor="left", yanchor="top",
                           align="left", font=dict(size=11.5))
    for y_from, y_to, label in ((0.80, 0.70, "axon (firing sets how much 5-HT is released)"),
                                (0.42, 0.22, "synaptic cleft: released 5-HT")):
        fig.add_annotation(x=0.5, y=y_to + 0.005, ax=0.5, ay=y_from - 0.005, xref="x", yref="y", axref="x",
                           ayref="y", text="", showarrow=True, arrowhead=2, arrowwidth=1.5, arrowcolor="#333333")
        fig.add_annotation(x=0.52, y=(y_from + y_to) / 2, text=label, showarrow=False, xanchor="left",
                           font=dict(size=11))
    fig.update_xaxes(visible=False, range=[0, 1])
    fig.update_yaxes(visible=False, range=[0, 1])
    fig.update_layout(height=560, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white",
                      title="Schematic of a serotonin neuron and synapse (not to scale)")
    return fig


# ------------------------------------------------------------------------ static figures
HISTORY = (
    (1954, "Reserpine (depletes monoamines) and depression in hypertensive patients (Freis)"),
    (1957, "Iproniazid, an MAO inhibitor, as a 'psychic energizer' (Loomer, Saunders, Kline)"),
    (1958, "Imipramine in depressive states (Kuhn)"),
    (1965, "Catecholamine hypothesis, hedged by its author (Schildkraut)"),
    (1967, "Serotonin (indoleamine) hypothesis (Coppen)"),
    (1990, "Tryptophan depletion reverses antidepressant-induced remission (Delgado)"),
    (2007, "Depletion meta-analysis: no mood change in healthy people (Ruhé)"),
    (2022, "Umbrella review: no consistent evidence for low serotonin (Moncrieff)"),
    (2023, "Critique: the serotonin system is still implicated (Jauhar and 34 others)"),
)


def history_timeline() -> go.Figure:
    """Timeline of the monoamine hypothesis (events as cited in the chapter), top to bottom."""
    n = len(HISTORY)
    ys = list(range(n))
    era_color = [OKABE_ITO[4] if y < 1970 else OKABE_ITO[5] for y, _ in HISTORY]
    fig = go.Figure()
    fig.add_scatter(x=[0] * n, y=ys, mode="lines+markers", line=dict(color="#999999", width=2),
                    marker=dict(size=11, color=era_color), hovertext=[t for _, t in HISTORY],
                    hoverinfo="text", showlegend=False)
    for (year, text), y in zip(HISTORY, ys):
        fig.add_annotation(x=0.04, y=y, xref="x", yref="y", text=f"<b>{year}</b>  {text}", showarrow=False,
                           xanchor="left", align="left", font=dict(size=12))
    fig.add_annotation(x=-0.02, y=2, text="drugs, hypotheses", textangle=-90, showarrow=False,
                       font=dict(size=11, color=OKABE_ITO[4]), xanchor="right")
    fig.add_annotation(x=-0.02, y=6.5, text="direct tests", textangle=-90, showarrow=False,
                       font=dict(size=11, color=OKABE_ITO[5]), xanchor="right")
    fig.update_xaxes(visible=False, range=[-0.08, 1.0])
    fig.update_yaxes(visible=False, range=[n - 0.5, -0.6])
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white",
                      title="From drugs to hypothesis to tests")
    return fig


DEPLETION = (
    ("Healthy, no family history of depression", 0, "no mood decrease"),
    ("Healthy, family history of depression", 1, "slight mood decrease"),
    ("In remission, drug-free", 2, "moderate mood decrease"),
    ("In remission, on serotonergic antidepressants", 3, "relapse of symptoms"),
)


def depletion_figure() -> go.Figure:
    """Qualitative summary of Ruhé et al. (2007): what acute tryptophan depletion did, by group."""
    labels = [g for g, _, _ in DEPLETION]
    fig = go.Figure(go.Bar(x=[v for _, v, _ in DEPLETION], y=labels, orientation="h",
                           text=[t for _, _, t in DEPLETION], textposition="outside",
                           marker_color=[OKABE_ITO[i] for i in (7, 2, 1, 5)]))
    fig.update_xaxes(range=[0, 4.6], tickvals=[0, 1, 2, 3], ticktext=["none", "slight", "moderate", "relapse"],
                     title="mood effect (ordered categories)")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=330, margin=dict(l=20, r=20, t=40, b=60), plot_bgcolor="white",
                      title="Who gets worse when serotonin is lowered?")
    return fig


def effect_size_figure() -> go.Figure:
    """Published numbers: FDA patient-level data (Stone 2022) and STAR*D remission (Rush 2006 vs Pigott 2023)."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.18, subplot_titles=(
        "Large response (FDA data, 232 trials)", "STAR*D: remission after up to 4 steps"))
    fig.add_bar(x=["placebo", "drug"], y=[9.6, 24.5], text=["9.6%", "24.5%"], textposition="outside",
                marker_color=[OKABE_ITO[7], OKABE_ITO[4]], showlegend=False, row=1, col=1)
    fig.add_bar(x=["step 1 (citalopram)", "cumulative, 2006 report", "cumulative, 2023 reanalysis"],
                y=[36.8, 67, 35], text=["36.8%", "67%", "35%"], textposition="outside",
                marker_color=[OKABE_ITO[2], OKABE_ITO[4], OKABE_ITO[5]], showlegend=False, row=1, col=2)
    fig.update_yaxes(range=[0, 80], title="% of patients", row=1, col=1)
    fig.update_yaxes(range=[0, 80], row=1, col=2)
    fig.update_layout(height=400, margin=dict(l=60, r=20, t=50, b=80), plot_bgcolor="white")
    return fig


def demos() -> list:
    return [pk_demo(), occupancy_demo(), delay_demo()]
