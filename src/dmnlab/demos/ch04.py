"""Chapter 4 demos: plasma levels of four SSRIs, SERT occupancy (model and measurements), a
diagram of the serotonin synapse that the occupancy and delay demos light up, and a model of the
therapeutic delay (5-HT1A autoreceptor desensitisation).

Drug parameters come from ``data/pk_parameters.csv`` (each with its source key and status);
the readouts show them. Doses are those labelled or studied, shown for illustration only.
"""

from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go

from ..data import load_table
from ..facts import fact
from ..interact import Choice, Demo, Slider
from ..models import occupancy as occ
from ..models import pk, synapse
from ..render import OKABE_ITO
from ..validate import check_choice, check_number

__all__ = [
    "DRUGS", "DRUG_NAMES", "drug_parameters", "simulate_regimen", "regimen_summary", "occupancy_table",
    "ed50_from_point", "pk_demo", "occupancy_demo", "delay_demo", "synapse_state", "synapse_figure",
    "occupancy_fit_figure", "history_timeline", "depletion_table", "depletion_figure", "effect_size_figure", "demos",
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
        top = float(max(sim["parent"].max(), met.max() if met.size else 0.0))
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
                "layout": {"shapes": shapes, "yaxis": {"range": [0, top * 1.1]}},
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


# ------------------------------------------------------------------------ measured occupancy
def occupancy_table():
    """``data/sert_occupancy.csv``: SERT occupancy measured in people (PET or SPECT), one row per
    study, drug, regimen and dose, with its source and status. The learner fits the hyperbola to it."""
    return load_table("sert_occupancy.csv")


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


# ------------------------------------------------------------------------ the synapse diagram
# A schematic drawn with plotly traces in its own pair of axes (x 0-10, y 0.7-10, equal scale),
# so that a demo can light it up by updating trace data only: the SERT units fill as the drug
# occupies them, the 5-HT1A autoreceptors fade as they desensitise, the axon thins as firing
# slows, the cleft fills with serotonin and more postsynaptic receptors are bound.
N_SERT = 10
N_AUTO = 5
N_POST = 6
MAX_5HT_DOTS = 30
_CELL = (2.6, 8.75, 1.45, 0.8)          # raphe cell body: centre x, y, half-width, half-height
_AXON = ((2.6, 2.6), (7.95, 5.95))
_TERMINAL = (0.45, 4.75, 4.05, 5.95)     # x0, x1, y0 (membrane facing the cleft), y1
_CLEFT = (0.6, 4.6, 3.2, 3.8)
_POST = (0.3, 4.9, 1.0, 3.1)
_LABEL_X = 5.1
_BLUE, _VERMILLION, _GREEN, _PURPLE, _ORANGE, _SKY = OKABE_ITO[:6]


def _ellipse(cx, cy, rx, ry, n=60):
    a = np.linspace(0, 2 * np.pi, n)
    return cx + rx * np.cos(a), cy + ry * np.sin(a)


def _rounded_box(x0, x1, y0, y1, r=0.35, n=8):
    """Closed outline of a box with rounded corners (for the terminal and the neuron)."""
    xs, ys = [], []
    for cx, cy, a0 in ((x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90), (x0 + r, y0 + r, 180), (x1 - r, y0 + r, 270)):
        a = np.radians(np.linspace(a0, a0 + 90, n))
        xs.extend(cx + r * np.cos(a))
        ys.extend(cy + r * np.sin(a))
    return np.array(xs + xs[:1]), np.array(ys + ys[:1])


def _sert_positions():
    x0, x1, y0, _ = _TERMINAL
    return np.linspace(x0 + 0.3, x1 - 0.3, N_SERT), np.full(N_SERT, y0)


def _auto_positions():
    cx, cy, rx, ry = _CELL
    a = np.radians(np.linspace(20, 160, N_AUTO))
    return cx + rx * np.cos(a), cy + ry * np.sin(a)


def _post_positions():
    return np.linspace(_POST[0] + 0.5, _POST[1] - 0.5, N_POST), np.full(N_POST, _POST[3])


@functools.lru_cache(maxsize=1)
def _cleft_dots():
    rng = np.random.default_rng(4)                 # fixed layout: the same dots in every state
    x0, x1, y0, y1 = _CLEFT
    return rng.uniform(x0, x1, MAX_5HT_DOTS), rng.uniform(y0 + 0.08, y1 - 0.08, MAX_5HT_DOTS)


def synapse_state(occupancy=0.0, sensitivity=1.0, firing=1.0, serotonin=1.0, serotonin_known=True) -> dict:
    """What the diagram shows, checked: SERT occupancy in [0, 1), autoreceptor sensitivity in
    [0, 1], firing and cleft serotonin relative to the drug-free baseline (0-5)."""
    return {
        "occupancy": check_number("occupancy", occupancy, 0.0, 1.0, hi_inclusive=False),
        "sensitivity": check_number("sensitivity", sensitivity, 0.0, 1.0),
        "firing": check_number("firing", firing, 0.0, 5.0),
        "serotonin": check_number("serotonin", serotonin, 0.0, 5.0),
        "serotonin_known": bool(serotonin_known),
    }


def _diagram_dynamic(state: dict) -> list:
    """Trace updates for the diagram's changing parts, in the order _add_diagram adds them."""
    o, a, f, s = state["occupancy"], state["sensitivity"], state["firing"], state["serotonin"]
    n_block = int(round(o * N_SERT))
    sx, sy = _sert_positions()
    n_auto = int(round(a * N_AUTO))
    ax, ay = _auto_positions()
    n_dots = int(np.clip(round(6 * s), 0, MAX_5HT_DOTS)) if state["serotonin_known"] else 6
    dx, dy = _cleft_dots()
    n_bound = int(np.clip(round(N_POST * s / 2), 0, N_POST)) if state["serotonin_known"] else N_POST // 2
    px, py = _post_positions()
    cleft = f"Cleft: serotonin x{s:.1f}" if state["serotonin_known"] else "Cleft: 5-HT not modelled"
    return [
        {"line": {"width": 1.2 + 3.0 * min(f, 2.0)}},                              # axon
        {"x": ax[:n_auto], "y": ay[:n_auto]},                                       # autoreceptors, sensitive
        {"x": ax[n_auto:], "y": ay[n_auto:]},                                       # autoreceptors, desensitised
        {"x": sx[n_block:], "y": sy[n_block:]},                                     # SERT, free
        {"x": sx[:n_block], "y": sy[:n_block]},                                     # SERT, drug bound
        {"x": dx[:n_dots], "y": dy[:n_dots]},                                       # 5-HT in the cleft
        {"x": px[:n_bound], "y": py[:n_bound]},                                     # receptors, bound
        {"x": px[n_bound:], "y": py[n_bound:]},                                     # receptors, free
        {"text": [f"5-HT1A autoreceptors<br>(the brake): {n_auto} of {N_AUTO} active",
                  f"Axon: firing x{f:.2f}",
                  f"SERT: {n_block} of {N_SERT} blocked",
                  cleft]},
    ]


def _add_diagram(fig, row=None, col=None, state=None) -> tuple:
    """Draw the synapse schematic into subplot (row, col), or into a plain figure. Returns
    (index of the first dynamic trace, number of dynamic traces)."""
    import plotly.graph_objects as go

    state = state or synapse_state()
    where = {"row": row, "col": col} if row is not None else {}

    def add(trace):
        fig.add_trace(trace, **where)

    def shape(x, y, fill, name):
        add(go.Scatter(x=x, y=y, fill="toself", fillcolor=fill, mode="lines", line=dict(color="#555", width=1),
                       hoverinfo="text", hovertext=name, showlegend=False))

    shape(*_ellipse(*_CELL), "rgba(230,159,0,0.22)", "raphe cell body (brainstem)")
    shape(*_rounded_box(*_TERMINAL), "rgba(86,180,233,0.22)", "axon terminal (forebrain)")
    shape(*_rounded_box(*_POST), "rgba(0,158,115,0.18)", "postsynaptic neuron")
    vx = np.array([1.3, 2.1, 3.0, 3.8, 2.5])
    vy = np.array([5.2, 4.8, 5.3, 4.9, 5.6])
    add(go.Scatter(x=vx, y=vy, mode="markers", marker=dict(size=13, color="white", line=dict(color=_ORANGE, width=2)),
                   hoverinfo="text", hovertext="vesicles holding serotonin", showlegend=False))
    # leader lines from the labels to the parts they name, and the static labels
    lead_y = [(_CELL[1] - 0.3, _CELL[1] - 0.3), (9.75, _CELL[1] + _CELL[3]), (6.9, 6.9), (5.25, 5.25),
              (4.3, _TERMINAL[2]), (3.55, 3.5), (2.2, 2.2)]
    lead_x0 = [_CELL[0] + _CELL[2] - 0.05, _CELL[0] + 0.9, _AXON[0][0] + 0.1, _TERMINAL[1] - 0.1,
               _TERMINAL[1] - 0.3, _CLEFT[1] - 0.1, _POST[1] - 0.1]
    lx, ly = [], []
    for (y_lab, y_part), x_part in zip(lead_y, lead_x0):
        lx += [x_part, _LABEL_X - 0.1, None]
        ly += [y_part, y_lab, None]
    add(go.Scatter(x=lx, y=ly, mode="lines", line=dict(color="#999", width=0.8, dash="dot"), hoverinfo="skip",
                   showlegend=False))
    add(go.Scatter(x=[_LABEL_X] * 3, y=[lead_y[0][0], lead_y[3][0], lead_y[6][0]], mode="text",
                   text=["Raphe cell body", "Terminal: vesicles<br>of serotonin (5-HT)",
                         "Postsynaptic neuron:<br>5-HT receptors"],
                   textposition="middle right", textfont=dict(size=12, color="#222"), hoverinfo="skip",
                   showlegend=False, cliponaxis=False))
    first = len(fig.data)
    add(go.Scatter(x=list(_AXON[0]), y=list(_AXON[1]), mode="lines", line=dict(color="#555", width=4.2),
                   hoverinfo="text", hovertext="axon: firing sets how much 5-HT is released", showlegend=False))
    ax, ay = _auto_positions()
    add(go.Scatter(x=ax, y=ay, mode="markers", marker=dict(symbol="triangle-down", size=13, color=_PURPLE,
                   line=dict(color="#333", width=1)), hoverinfo="text",
                   hovertext="5-HT1A autoreceptor, active: slows firing", showlegend=False))
    add(go.Scatter(x=[], y=[], mode="markers", marker=dict(symbol="triangle-down-open", size=13, color="#888",
                   line=dict(width=1.5)), hoverinfo="text", hovertext="5-HT1A autoreceptor, desensitised",
                   showlegend=False))
    sx, sy = _sert_positions()
    add(go.Scatter(x=sx, y=sy, mode="markers", marker=dict(symbol="square-open", size=12, color=_BLUE,
                   line=dict(width=2.2)), hoverinfo="text", hovertext="SERT, free: takes 5-HT back up",
                   showlegend=False))
    add(go.Scatter(x=[], y=[], mode="markers", marker=dict(symbol="square-x", size=12, color=_VERMILLION,
                   line=dict(color="#222", width=1)), hoverinfo="text",
                   hovertext="SERT with the drug bound: blocked", showlegend=False))
    add(go.Scatter(x=[], y=[], mode="markers",
                   marker=dict(size=6, color=_ORANGE, line=dict(color="#7a4d00", width=0.6)),
                   hoverinfo="text", hovertext="serotonin in the cleft", showlegend=False))
    px, py = _post_positions()
    add(go.Scatter(x=[], y=[], mode="markers", marker=dict(symbol="triangle-up", size=13, color=_GREEN,
                   line=dict(color="#222", width=1)), hoverinfo="text",
                   hovertext="postsynaptic receptor with 5-HT bound", showlegend=False))
    add(go.Scatter(x=px, y=py, mode="markers", marker=dict(symbol="triangle-up-open", size=13, color=_GREEN,
                   line=dict(width=1.5)), hoverinfo="text", hovertext="postsynaptic receptor, free",
                   showlegend=False))
    add(go.Scatter(x=[_LABEL_X] * 4, y=[lead_y[1][0], lead_y[2][0], lead_y[4][0], lead_y[5][0]], mode="text",
                   text=[""] * 4, textposition="middle right", textfont=dict(size=12, color="#222"),
                   hoverinfo="skip", showlegend=False, cliponaxis=False))
    n_dyn = len(fig.data) - first
    for trace, upd in zip(fig.data[first:], _diagram_dynamic(state)):
        trace.update(upd)
    axis = dict(visible=False, fixedrange=True)
    if row is None:
        fig.update_xaxes(range=[0, 11.2], **axis)
        fig.update_yaxes(range=[0.7, 10.3], scaleanchor="x", scaleratio=1, **axis)
    else:
        fig.update_xaxes(range=[0, 11.2], row=row, col=col, **axis)
        ref = fig.get_subplot(row, col).xaxis.plotly_name.replace("axis", "")
        fig.update_yaxes(range=[0.7, 10.3], scaleanchor=ref, scaleratio=1, row=row, col=col, **axis)
    return first, n_dyn


@functools.lru_cache(maxsize=1)
def _diagram_first() -> int:
    """How many fixed traces the diagram draws before its first changing one."""
    return _add_diagram(go.Figure())[0]


def synapse_figure(occupancy=0.0, sensitivity=1.0, firing=1.0, serotonin=1.0) -> go.Figure:
    """The serotonin synapse as a labelled schematic (not anatomy, not to scale): raphe cell body
    with 5-HT1A autoreceptors, axon, terminal with vesicles and SERT, cleft, postsynaptic
    neuron with receptors. The demos of this chapter draw the same diagram and light it up."""
    fig = go.Figure()
    _add_diagram(fig, state=synapse_state(occupancy, sensitivity, firing, serotonin))
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white",
                      title="The serotonin synapse (schematic, not to scale)")
    return fig


# ------------------------------------------------------------------------ occupancy demo
def occupancy_demo() -> Demo:
    """SERT occupancy against daily dose: a hyperbola through the 4-week PET mean (Emax = 1),
    the measurements of data/sert_occupancy.csv, and the synapse with its SERT units filled."""
    from plotly.subplots import make_subplots

    doses = np.linspace(0, 60, 241)
    band = fact("sert_occ_min_dose_range_pct").value
    lo, hi = (float(v) for v in band.split("-"))
    table = occupancy_table()

    def measured(drug, steady):
        t = table[(table["drug"] == drug) & ((table["regimen"] != "single dose") == steady)]
        t = t[(t["hours_after_dose"].isna()) | (t["hours_after_dose"] <= 6)]
        return t["dose_mg"].to_numpy(float), t["occupancy_pct"].to_numpy(float)

    def figure():
        fig = make_subplots(rows=2, cols=1, row_heights=[0.52, 0.48], vertical_spacing=0.12,
                            subplot_titles=("Occupancy against daily dose", "The synapse at this dose"))
        fig.add_scatter(x=doses, y=doses * 0, mode="lines", name="model (Emax = 1, through the 4-week mean)",
                        line=dict(color=OKABE_ITO[4], width=2), row=1, col=1)
        fig.add_scatter(x=[20.0], y=[80.0], mode="markers", name="measured at steady state",
                        marker=dict(color=OKABE_ITO[5], size=11, symbol="diamond", line=dict(color="#222", width=1)),
                        row=1, col=1)
        fig.add_scatter(x=[10.0], y=[60.0], mode="markers", name="measured 6 h after one dose",
                        marker=dict(color=OKABE_ITO[2], size=10, symbol="circle-open", line=dict(width=2)),
                        row=1, col=1)
        fig.add_scatter(x=[20.0], y=[50.0], mode="markers", name="chosen dose (model)",
                        marker=dict(color="#000000", size=12, symbol="x-thin-open", line=dict(width=2)),
                        row=1, col=1)
        fig.add_hrect(y0=lo, y1=hi, fillcolor="rgba(0,158,115,0.15)", line_width=0, row=1, col=1)
        _add_diagram(fig, row=2, col=1)
        fig.update_yaxes(range=[0, 100], title_text="SERT occupancy (%)", row=1, col=1)
        fig.update_xaxes(title_text="daily dose (mg)", range=[0, 61], row=1, col=1)
        fig.update_layout(height=720, margin=dict(l=60, r=20, t=60, b=40), plot_bgcolor="white",
                          title="SERT occupancy (model and measurements)",
                          legend=dict(x=0.99, y=0.6, xanchor="right", yanchor="bottom",
                                      bgcolor="rgba(255,255,255,0.85)", font=dict(size=11)))
        return fig

    def update(drug, dose_mg):
        ed50 = _occ_ed50(drug)
        o = occ.occupancy_from_dose(dose_mg, ed50)
        pet = float(_table().query("drug == @drug and parameter == 'occupancy_20mg'")["value"].iloc[0])
        d80 = occ.dose_for_occupancy(0.8, ed50)
        gain = 100 * (occ.occupancy_from_dose(40, ed50) - occ.occupancy_from_dose(20, ed50))
        plateau = fact("sert_occ_paroxetine_plateau_pct").value
        sx, sy = measured(drug, True)
        fx, fy = measured(drug, False)
        readout = (f"{drug.capitalize()} {dose_mg:g} mg/day: modelled occupancy {100 * o:.0f}%. "
                   f"ED50 = {ed50:.1f} mg (from the PET mean {100 * pet:.0f}% after 4 weeks on 20 mg/day, "
                   f"Meyer 2001, verified). 80% occupancy at {d80:.0f} mg/day; doubling the dose from 20 to "
                   f"40 mg adds only {gain:.0f} points. Assumption: Emax = 1; PET found a plateau near "
                   f"{plateau}%, so the model over-states high doses. Band: {band}% at the minimum doses of "
                   "five drugs (Meyer 2004).")
        return {"data": [{"y": 100 * occ.occupancy_from_dose(doses, ed50)},
                         {"x": sx, "y": sy},
                         {"x": fx, "y": fy},
                         {"x": [dose_mg], "y": [100 * o]},
                         *([None] * _diagram_first()),
                         *_diagram_dynamic(synapse_state(min(o, 0.999), serotonin_known=False))],
                "readout": readout}

    return Demo(
        name="sert_occupancy",
        controls=[Choice("drug", "Drug", [("Paroxetine", "paroxetine"), ("Citalopram", "citalopram")], "paroxetine"),
                  Slider("dose_mg", "Daily dose (mg)", 0, 60, 5, 20)],
        figure=figure,
        update=update,
        alt=("Two panels. Top: modelled SERT occupancy rising steeply at low doses and flattening above about 20 mg "
             "per day, a shaded band at 76 to 85 percent, filled diamonds for occupancy measured after weeks of "
             "treatment and open circles for occupancy 6 hours after a single dose. Bottom: a schematic synapse in "
             "which ten transporter symbols on the terminal are drawn blocked (filled, crossed) in proportion to the "
             "modelled occupancy."),
        caption=("Model through one published point, with the measurements beside it. Notice how steep the curve is "
                 "below 10 mg and how flat above 20 mg: the minimum therapeutic dose already blocks about four in five "
                 "transporters, and doubling it adds little. For citalopram, the open circles (6 h after one dose) "
                 "and the diamonds (after 10 days or 4 weeks) come from different small studies and methods, and "
                 "they overlap: compare like with like. Doses are for illustration only."),
    )


# ------------------------------------------------------------------------ delay model
@functools.lru_cache(maxsize=256)
def _course(tau_des_days: float, occupancy_max: float) -> dict:
    r = synapse.ssri_time_course(days=42.0, tau_des_days=tau_des_days, occupancy_max=occupancy_max, dt_days=0.05)
    keep = slice(None, None, 4)                                 # 0.2-day points for the figure
    return {k: v[keep] for k, v in r.items()}


DAYS = [("day 0", 0.0), ("day 1", 1.0), ("day 3", 3.0), ("day 7", 7.0), ("day 14", 14.0), ("day 21", 21.0),
        ("day 42", 42.0)]


def delay_demo() -> Demo:
    """SSRI on day 0: raphe firing and forebrain serotonin over 6 weeks (one hypothesis), and the
    synapse on a chosen day: SERT units blocked, autoreceptors desensitised, serotonin in the cleft."""
    from plotly.subplots import make_subplots

    def figure():
        fig = make_subplots(rows=2, cols=1, row_heights=[0.52, 0.48], vertical_spacing=0.12,
                            subplot_titles=("Six weeks of treatment", "The synapse on the chosen day"))
        fig.add_scatter(x=[0.0], y=[1.0], mode="lines", name="raphe firing",
                        line=dict(color=OKABE_ITO[1], width=2), row=1, col=1)
        fig.add_scatter(x=[0.0], y=[1.0], mode="lines", name="forebrain serotonin",
                        line=dict(color=OKABE_ITO[0], width=2.5), row=1, col=1)
        fig.add_scatter(x=[0.0], y=[1.0], mode="lines", name="autoreceptor sensitivity",
                        line=dict(color=OKABE_ITO[3], width=1.8, dash="dot"), row=1, col=1)
        fig.add_scatter(x=[3.0, 3.0], y=[0.0, 3.2], mode="lines", name="chosen day", showlegend=False,
                        line=dict(color="#444", width=1, dash="dash"), hoverinfo="skip", row=1, col=1)
        fig.add_hline(y=1.0, line=dict(color="#999999", width=1), row=1, col=1)
        _add_diagram(fig, row=2, col=1)
        fig.update_yaxes(range=[0, 3.2], title_text="relative to baseline", row=1, col=1)
        fig.update_xaxes(title_text="days of treatment", range=[0, 42], row=1, col=1)
        fig.update_layout(height=720, margin=dict(l=60, r=20, t=60, b=40), plot_bgcolor="white",
                          title="SSRI from day 0 (model of one hypothesis)",
                          legend=dict(x=0.99, y=0.77, xanchor="right", yanchor="middle",
                                      bgcolor="rgba(255,255,255,0.85)", font=dict(size=11)))
        return fig

    def update(tau_des_days, occupancy_max, day):
        r = _course(float(tau_des_days), float(occupancy_max))
        t = r["t"]
        i2 = int(np.searchsorted(t, 2.0))
        low = int(np.argmin(r["firing"]))
        k = min(int(np.searchsorted(t, float(day) - 1e-9)), len(t) - 1)
        state = synapse_state(float(r["occupancy"][k]), float(min(r["sensitivity"][k], 1.0)),
                              float(r["firing"][k]), float(r["forebrain_5ht"][k]))
        readout = (f"Day {day:g}: SERT {r['occupancy'][k]:.0%} blocked, autoreceptor sensitivity "
                   f"{r['sensitivity'][k]:.0%}, firing x{r['firing'][k]:.2f}, forebrain serotonin "
                   f"x{r['forebrain_5ht'][k]:.2f}. Day 2: serotonin x{r['forebrain_5ht'][i2]:.2f}, firing "
                   f"x{r['firing'][i2]:.2f}; firing is lowest on day {t[low]:.0f} (x{r['firing'][low]:.2f}); "
                   f"day 42: serotonin x{r['forebrain_5ht'][-1]:.2f}. Desensitisation time constant "
                   f"{tau_des_days:g} days: 95% complete after about {3 * tau_des_days:.0f} days. "
                   "A model of one hypothesis, not data.")
        return {"data": [{"x": t, "y": r["firing"]}, {"x": t, "y": r["forebrain_5ht"]},
                         {"x": t, "y": r["sensitivity"]}, {"x": [day, day]},
                         *([None] * _diagram_first()), *_diagram_dynamic(state)],
                "readout": readout}

    return Demo(
        name="autoreceptor_delay",
        controls=[Slider("tau_des_days", "Desensitisation time constant (days)", 2, 20, 2, 8),
                  Slider("occupancy_max", "SERT occupancy at plateau", 0.5, 0.9, 0.1, 0.8),
                  Choice("day", "Show the synapse on", DAYS, 3.0)],
        figure=figure,
        update=update,
        alt=("Two panels. Top: three lines over 42 days: raphe firing drops in the first days and climbs back to "
             "baseline over weeks; forebrain serotonin rises a little at once and more over weeks; autoreceptor "
             "sensitivity declines slowly; a dashed line marks the chosen day. Bottom: a schematic synapse on that "
             "day: transporter symbols drawn blocked, autoreceptor symbols drawn open as they desensitise, a thinner "
             "axon while firing is slowed, and more serotonin dots in the cleft as transmission rises."),
        caption=("Model of one hypothesis, not data. Pick a day: on day 1 most transporters are already blocked, "
                 "yet the autoreceptors are all active, firing is slowed and the cleft holds only a little more "
                 "serotonin; by week 3 the autoreceptors have desensitised, firing is back and serotonin is several "
                 "times baseline. The delay is set by the desensitisation time constant, not by the blockade."),
        static=["tau_des_days", "day"],
    )


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


def depletion_table():
    """Ruhé et al. (2007) as a small table: group, ordered effect category (0 none, 1 slight,
    2 moderate, 3 relapse) and its label. Qualitative: categories, not effect sizes."""
    import pandas as pd

    return pd.DataFrame([{"group": g, "effect": v, "label": t} for g, v, t in DEPLETION])


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
    """Published numbers: FDA patient-level data (Stone 2022) and STAR*D remission (Rush 2006 vs
    Pigott 2023); the values come from data/facts.csv."""
    from plotly.subplots import make_subplots

    v = {k: fact(k).value for k in ("stone2022_large_response_placebo_pct", "stone2022_large_response_drug_pct",
                                    "stard_step1_remission_pct", "stard_cumulative_remission_pct",
                                    "stard_reanalysis_remission_pct")}
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.18, subplot_titles=(
        "Large response (FDA data)", "STAR*D remission"))
    fig.add_bar(x=["placebo", "drug"], y=[float(v["stone2022_large_response_placebo_pct"]),
                                          float(v["stone2022_large_response_drug_pct"])],
                text=[v["stone2022_large_response_placebo_pct"] + "%", v["stone2022_large_response_drug_pct"] + "%"],
                textposition="outside", marker_color=[OKABE_ITO[7], OKABE_ITO[4]], showlegend=False, row=1, col=1)
    keys = ("stard_step1_remission_pct", "stard_cumulative_remission_pct", "stard_reanalysis_remission_pct")
    fig.add_bar(x=["step 1", "4 steps, 2006", "4 steps, 2023"], y=[float(v[k]) for k in keys],
                text=[v[k] + "%" for k in keys], textposition="outside",
                marker_color=[OKABE_ITO[2], OKABE_ITO[4], OKABE_ITO[5]], showlegend=False, row=1, col=2)
    fig.update_yaxes(range=[0, 80], title="% of patients", row=1, col=1)
    fig.update_yaxes(range=[0, 80], row=1, col=2)
    fig.update_layout(height=400, margin=dict(l=60, r=20, t=50, b=80), plot_bgcolor="white")
    return fig


def occupancy_fit_figure(doses, occupancy_pct, omax_pct: float, ed50_mg: float, drug: str = "escitalopram"):
    """Draw a fitted hyperbola (the learner's Omax and ED50) over the measured points it was fitted
    to, with the same drug's steady-state measurements from data/sert_occupancy.csv beside them."""
    d = np.asarray(doses, dtype=float)
    o = np.asarray(occupancy_pct, dtype=float)
    if d.shape != o.shape or d.ndim != 1 or d.size < 2:
        raise ValueError("doses and occupancy_pct must be 1-D arrays of the same length (at least 2 points)")
    omax = check_number("omax_pct", omax_pct, 0.0, 100.0, lo_inclusive=False, unit="%")
    ed50 = check_number("ed50_mg", ed50_mg, 0.0, 1e3, lo_inclusive=False, unit="mg")
    check_choice("drug", drug, sorted(set(occupancy_table()["drug"])))
    grid = np.linspace(0, max(40.0, d.max() * 1.5), 200)
    t = occupancy_table()
    steady = t[(t["drug"] == drug) & (t["regimen"] != "single dose") & ~(t["hours_after_dose"] > 6)]
    lo, hi = (float(x) for x in fact("sert_occ_min_dose_range_pct").value.split("-"))
    fig = go.Figure()
    fig.add_hrect(y0=lo, y1=hi, fillcolor="rgba(0,158,115,0.15)", line_width=0)
    fig.add_scatter(x=grid, y=omax * grid / (grid + ed50), mode="lines", name="your fit",
                    line=dict(color=OKABE_ITO[4], width=2.5))
    fig.add_scatter(x=d, y=o, mode="markers", name="fitted points",
                    marker=dict(color=OKABE_ITO[2], size=10, symbol="circle-open", line=dict(width=2)))
    if len(steady):
        fig.add_scatter(x=steady["dose_mg"], y=steady["occupancy_pct"], mode="markers",
                        name="same drug at steady state",
                        marker=dict(color=OKABE_ITO[5], size=11, symbol="diamond", line=dict(color="#222", width=1)))
    fig.add_hline(y=omax, line=dict(color=OKABE_ITO[4], width=1, dash="dot"))
    fig.update_layout(height=400, margin=dict(l=60, r=20, t=50, b=50), plot_bgcolor="white",
                      title=f"{drug.capitalize()}: hyperbola fitted to measured occupancy",
                      legend=dict(x=0.99, y=0.05, xanchor="right", yanchor="bottom", bgcolor="rgba(255,255,255,0.85)"))
    fig.update_yaxes(range=[0, 100], title="SERT occupancy (%)")
    fig.update_xaxes(title="dose (mg)")
    return fig


def demos() -> list:
    return [pk_demo(), occupancy_demo(), delay_demo()]
