"""Chapter 6 figures and demos: receptor profiles, from profile to side-effects, kinetics,
lithium, and what each drug class does to the DMN.

Data: ``data/drugs.csv``, ``data/affinities.csv``, ``data/dmn_drug_effects.csv`` (loaded and
checked by :mod:`dmnlab.pharmacology`). Models: :mod:`dmnlab.models.side_effects`,
:mod:`dmnlab.models.lithium`, :mod:`dmnlab.models.pk`. Statuses (data/README.md): a value read in
the primary source is ``verified``, one read in a named compilation ``secondary`` (both drawn
solid), a modelling choice ``model``, and an ``unverified`` value is drawn hatched and named in
legends and readouts.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from ..interact import Choice, Demo, Slider
from ..models import lithium as li
from ..models import pk
from ..models.side_effects import BLOCKADE_EFFECTS, EFFECT_THRESHOLD, free_concentration_nM, \
    occupancy_profile, predicted_effects
from ..facts import fill
from ..pharmacology import ALL_TARGETS, affinity_profile, drug_names, load_dmn_effects, load_drugs
from ..render import OKABE_ITO, plotly_template
from ..validate import check_choice, check_number

HATCH = "/"   # pattern of unverified bars
#: short axis labels for every target of data/affinities.csv (dmnlab.pharmacology.ALL_TARGETS)
TARGET_LABELS = {"SERT": "SERT", "NET": "NET", "DAT": "DAT", "H1": "H1", "muscarinic": "musc.",
                 "alpha1": "alpha1", "alpha2": "alpha2", "5-HT1A": "5-HT1A", "5-HT1B": "5-HT1B",
                 "5-HT2A": "5-HT2A", "5-HT2C": "5-HT2C", "5-HT3": "5-HT3", "5-HT7": "5-HT7", "D2": "D2",
                 "MT1": "MT1", "MT2": "MT2"}
#: the figure's order: transporters, then the side-effect receptors, then serotonin, dopamine, melatonin
PROFILE_ORDER = ("SERT", "NET", "DAT", "H1", "muscarinic", "alpha1", "alpha2", "5-HT1A", "5-HT1B", "5-HT2A",
                 "5-HT2C", "5-HT3", "5-HT7", "D2", "MT1", "MT2")
if set(PROFILE_ORDER) != set(ALL_TARGETS) or set(TARGET_LABELS) != set(ALL_TARGETS):
    raise RuntimeError("demos.ch06: PROFILE_ORDER and TARGET_LABELS must name every target of ALL_TARGETS")
#: the pairs the receptor-profile demo offers (a menu keeps the static page small; any two drugs can be
#: drawn with :func:`receptor_profile_figure`)
PROFILE_PAIRS = (("amitriptyline", "sertraline"), ("amitriptyline", "nortriptyline"),
                 ("clomipramine", "desipramine"), ("sertraline", "paroxetine"), ("citalopram", "escitalopram"),
                 ("venlafaxine", "duloxetine"), ("bupropion", "sertraline"), ("vortioxetine", "vilazodone"),
                 ("fluoxetine", "vortioxetine"), ("trazodone", "mirtazapine"), ("agomelatine", "mirtazapine"),
                 ("doxepin", "mirtazapine"), ("haloperidol", "clozapine"), ("olanzapine", "aripiprazole"),
                 ("risperidone", "quetiapine"))


@functools.lru_cache(maxsize=1)
def _classes() -> dict:
    return dict(zip(load_drugs()["drug"], load_drugs()["class"]))


def _label(drug: str) -> str:
    return f"{drug} ({_classes()[drug]})"


# --------------------------------------------------------------------------- receptor profiles


def profile_drugs() -> list:
    """Every drug with at least one value in data/affinities.csv (25 drugs, the newer agents
    included): any two can be drawn with :func:`receptor_profile_figure`; the demo's menu offers
    the pairs of :data:`PROFILE_PAIRS`."""
    return drug_names(with_affinities=True)


def status_counts_text(drug: str, targets=PROFILE_ORDER) -> str:
    """'6 values: 5 secondary, 1 verified' for one drug's rows of affinities.csv."""
    p = affinity_profile(drug, tuple(targets))
    st = p.loc[p["ki_nM"].notna(), "status"].value_counts()
    parts = ", ".join(f"{int(st[s])} {s}" for s in ("verified", "secondary", "unverified") if s in st)
    return f"{int(st.sum())} values: {parts}"


@functools.lru_cache(maxsize=128)
def _pair_targets(drug_a: str, drug_b: str) -> tuple:
    """The targets (in PROFILE_ORDER) at which at least one of the two drugs has a value."""
    pa, pb = affinity_profile(drug_a, PROFILE_ORDER), affinity_profile(drug_b, PROFILE_ORDER)
    return tuple(t for t in PROFILE_ORDER if not (np.isnan(pa.at[t, "ki_nM"]) and np.isnan(pb.at[t, "ki_nM"])))


def _profile_trace(drug: str, targets: tuple) -> dict:
    p = affinity_profile(drug, targets)
    x = [None if np.isnan(v) else round(float(v), 3) for v in p["pKi"]]
    hatch = [HATCH if s == "unverified" else "" for s in p["status"]]
    text, hover = [], []
    for t, row in p.iterrows():
        if np.isnan(row["ki_nM"]):
            text.append("")
            hover.append(f"{drug}, {t}: no value in the table")
        else:
            text.append(f"{row['qualifier']}{row['ki_nM']:g}" + (" *" if row["status"] == "unverified" else ""))
            hover.append(f"{drug}, {t}: Ki {row['qualifier']}{row['ki_nM']:g} nM ({row['status']})")
    return {"x": x, "y": [TARGET_LABELS[t] for t in targets], "name": drug,
            "marker": {"pattern": {"shape": hatch}}, "text": text, "hovertext": hover}


def _profile_base():
    import plotly.graph_objects as go

    fig = go.Figure(layout=dict(template=plotly_template()))
    for i, col in enumerate(OKABE_ITO[:2]):
        fig.add_bar(orientation="h", x=[0], y=[""], name=f"drug {'AB'[i]}",
                    marker=dict(color=col, pattern=dict(shape=[""], fillmode="overlay", fgcolor="white", size=6)),
                    text=[""], textposition="outside", hovertext=[""], hoverinfo="text", cliponaxis=False,
                    textfont=dict(size=10))
    fig.add_bar(orientation="h", x=[None], y=[None], name="hatched = unverified", showlegend=True,
                marker=dict(color="#999999", pattern=dict(shape=HATCH, fillmode="overlay", fgcolor="white")))
    fig.update_layout(barmode="group", height=500, bargap=0.25,
                      xaxis=dict(title="pKi (9 = 1 nM, 6 = 1,000 nM)", range=[3, 12.6], dtick=1),
                      yaxis=dict(autorange="reversed", tickfont=dict(size=12)),
                      legend=dict(orientation="h", y=1.01, yanchor="bottom", x=0, traceorder="normal"),
                      uniformtext=dict(minsize=9, mode="show"),
                      title=dict(text="Affinity (pKi, log scale)", y=0.98),
                      margin=dict(t=110, b=50, l=60, r=20))
    return fig


def _profile_update(drug_a: str, drug_b: str) -> dict:
    targets = _pair_targets(drug_a, drug_b)
    return {"data": [_profile_trace(drug_a, targets), _profile_trace(drug_b, targets), None],
            "readout": (f"{drug_a} ({_classes()[drug_a]}): {status_counts_text(drug_a)}. "
                        f"{drug_b} ({_classes()[drug_b]}): {status_counts_text(drug_b)}. "
                        "Targets without a bar for a drug have no value in the table.")}


PROFILE_ALT = ("Horizontal grouped bar chart: for two drugs, the affinity (pKi, a log scale) at every target for which "
               "the course's table has a value for either drug, among the serotonin, noradrenaline and dopamine "
               "transporters, histamine H1, muscarinic, alpha1 and alpha2 adrenergic, serotonin 5-HT1A, 5-HT1B, "
               "5-HT2A, 5-HT2C, 5-HT3 and 5-HT7, dopamine D2 and melatonin MT1 and MT2 receptors; each bar is "
               "labelled with its Ki in nM. Hatched bars are unverified values.")
PROFILE_CAPTION = ("Start with amitriptyline and sertraline: both bind the serotonin transporter tightly, but "
                   "amitriptyline also binds H1, muscarinic and alpha1 receptors within about tenfold of it, which is "
                   "where its sedation, dry mouth and dizziness come from. Each step of the axis is a tenfold change; "
                   "differences of less than tenfold between assays are within their usual disagreement. Solid bars: "
                   "values read in the primary paper itself (verified) or in a named compilation that cites it "
                   "(secondary, most of the table, for example Tatsumi's transporter values read in Iversen's 2006 "
                   "review); the hover text and the readout say which. Hatched bars and values marked * are "
                   "unverified. A target without a bar for one drug has no value in the table, which is not the "
                   "same as no binding. 'musc.' is muscarinic binding in human brain (mixed M1-M5) or, for "
                   "antipsychotics, as their review tables give it.")


def receptor_profile_demo() -> Demo:
    """A menu of drug pairs (:data:`PROFILE_PAIRS`), their affinities side by side (pKi, log scale);
    unverified values hatched, verified and secondary solid. 15 states on the static page."""
    options = [(f"{a} vs {b}", f"{a}|{b}") for a, b in PROFILE_PAIRS]

    def update(pair: str):
        a, b = pair.split("|")
        return _profile_update(a, b)

    return Demo(
        name="receptor_profile",
        controls=[Choice("pair", "Compare", options, "amitriptyline|sertraline")],
        figure=_profile_base, update=update, static=["pair"],
        alt=PROFILE_ALT, caption=PROFILE_CAPTION,
    )


def receptor_profile_figure(drug_a: str, drug_b: str):
    """The same figure for any two drugs of :func:`profile_drugs`. Returns (fig, alt, caption)."""
    drugs = profile_drugs()
    check_choice("drug_a", drug_a, drugs)
    check_choice("drug_b", drug_b, drugs)
    fig = _profile_base()
    for trace, upd in zip(fig.data, _profile_update(drug_a, drug_b)["data"]):
        if upd:
            trace.update(upd)
    caption = (f"{drug_a} and {drug_b}: {status_counts_text(drug_a)}; {status_counts_text(drug_b)}. "
               "Solid bars are verified or secondary values, hatched bars unverified; a missing bar means no value "
               "in the table.")
    return fig, PROFILE_ALT, caption


# --------------------------------------------------------------------------- side-effects

SIDE_TARGETS = ("SERT", "NET", "H1", "muscarinic", "alpha1", "5-HT2A", "D2")
LEVEL_FACTORS = [("1/4 x", 0.25), ("1/2 x", 0.5), ("1 x (typical)", 1.0), ("2 x", 2.0), ("4 x", 4.0)]


def side_effect_drugs() -> list:
    return drug_names(with_affinities=True, with_level=True)


def _fu_status(drug: str) -> str:
    return str(load_drugs().set_index("drug").at[drug, "fraction_unbound_status"])


@functools.lru_cache(maxsize=64)
def _level_inputs(drug: str) -> tuple:
    row = load_drugs().set_index("drug").loc[drug]
    return float(row["plasma_level_ng_ml"]), float(row["mw_g_per_mol"]), float(row["fraction_unbound"])


@functools.lru_cache(maxsize=256)
def predicted_occupancy(drug: str, level_factor: float = 1.0) -> pd.DataFrame:
    """Model: predicted occupancy per target for ``drug`` at ``level_factor`` x its typical level.

    Returns a frame indexed by target with ``ki_nM``, ``status``, ``occupancy`` and the free
    concentration (nM) in ``attrs["free_nM"]``.
    """
    check_choice("drug", drug, side_effect_drugs())
    f = check_number("level_factor", level_factor, 0.05, 20.0)
    level, mw, fu = _level_inputs(drug)
    free = free_concentration_nM(level * f, mw, fu)
    prof = affinity_profile(drug, SIDE_TARGETS)
    occ = occupancy_profile(free, {t: float(k) for t, k in prof["ki_nM"].items()})
    prof["occupancy"] = [occ.get(t, np.nan) for t in prof.index]
    prof.attrs["free_nM"] = free
    return prof


def effects_text(drug: str, level_factor: float = 1.0) -> str:
    """The effects the model predicts (targets at >= 50% occupancy), as one sentence."""
    p = predicted_occupancy(drug, level_factor)
    eff = predicted_effects({t: o for t, o in p["occupancy"].items() if not np.isnan(o)})
    if not eff:
        return "no H1, muscarinic, alpha1 or D2 blockade predicted at this level"
    return "; ".join(f"{t} {o:.0%} -> {e}" for t, o, e in eff)


def side_effects_demo() -> Demo:
    """Predicted occupancy at each target for a drug at its typical free concentration (model)."""
    import plotly.graph_objects as go

    drugs = side_effect_drugs()
    x = [TARGET_LABELS[t] for t in SIDE_TARGETS]
    colors = [OKABE_ITO[0] if t in ("SERT", "NET") else OKABE_ITO[1] if t in BLOCKADE_EFFECTS else OKABE_ITO[2]
              for t in SIDE_TARGETS]

    def figure():
        fig = go.Figure(layout=dict(template=plotly_template()))
        fig.add_bar(x=x, y=[0] * len(x), marker=dict(color=colors, pattern=dict(shape=[""] * len(x),
                    fillmode="overlay", fgcolor="white", size=6)), text=[""] * len(x), textposition="outside",
                    hovertext=[""] * len(x), hoverinfo="text", showlegend=False, cliponaxis=False,
                    textfont=dict(size=11))
        fig.add_hline(y=100 * EFFECT_THRESHOLD, line=dict(color="#444", dash="dot"),
                      annotation_text="50%: teaching threshold", annotation_position="top left")
        for name, col in (("therapeutic target (transporter)", OKABE_ITO[0]),
                          ("side-effect receptor", OKABE_ITO[1]), ("other receptor", OKABE_ITO[2])):
            fig.add_bar(x=[None], y=[None], name=name, marker=dict(color=col))
        fig.add_bar(x=[None], y=[None], name="hatched = affinity unverified",
                    marker=dict(color="#999999", pattern=dict(shape=HATCH, fillmode="overlay", fgcolor="white")))
        fig.update_layout(height=470, yaxis=dict(title="predicted occupancy (%)", range=[0, 110]),
                          title=dict(text="Model: occupancy at a typical level", y=0.98),
                          legend=dict(orientation="h", y=1.01, yanchor="bottom", x=0), margin=dict(t=135, b=40),
                          barmode="overlay",
                          xaxis=dict(tickangle=0), uniformtext=dict(minsize=10, mode="show"))
        return fig

    def update(drug: str, level: float):
        p = predicted_occupancy(drug, level)
        occ = p["occupancy"].to_numpy()
        y = [None if np.isnan(o) else round(100 * o, 1) for o in occ]
        text = ["" if np.isnan(o) else f"{100 * o:.0f}%" for o in occ]
        hatch = [HATCH if s == "unverified" else "" for s in p["status"]]
        hover = [f"{t}: Ki {k:g} nM ({s})" if not np.isnan(k) else f"{t}: not in the table"
                 for t, k, s in zip(p.index, p["ki_nM"], p["status"])]
        return {"data": [{"y": y, "text": text, "marker": {"pattern": {"shape": hatch}}, "hovertext": hover}],
                "readout": (f"{drug}: free concentration about {p.attrs['free_nM']:.3g} nM (typical level: a "
                            f"model choice; unbound fraction {_fu_status(drug)}). "
                            f"Predicted: {effects_text(drug, level)}.")}

    return Demo(
        name="side_effects",
        controls=[Choice("drug", "Drug", [(_label(d), d) for d in drugs], "amitriptyline"),
                  Choice("level", "Plasma level", LEVEL_FACTORS, 1.0)],
        figure=figure, update=update,
        alt=("Bar chart from a model: for the chosen drug, the predicted percentage of serotonin and noradrenaline "
             "transporters, H1, muscarinic, alpha1, 5-HT2A and D2 receptors occupied at a typical free plasma "
             "concentration, with a dotted line at 50%."),
        caption=("Model, not data. Pick amitriptyline, then nortriptyline, then sertraline: the tricyclics block H1, "
                 "muscarinic and alpha1 receptors at ordinary levels, sertraline blocks almost nothing but its "
                 "transporter. Then move the plasma level: occupancy of a tightly bound target hardly changes, "
                 "a weakly bound one changes almost in proportion. Assumptions: free concentration = typical plasma "
                 "level (a model choice, inside published ranges where one was read) x unbound fraction (read in "
                 "a compilation); brain free concentration = plasma free concentration; in-vitro Ki holds in vivo. "
                 "Hatched: the affinity is unverified."),
    )


def side_effects_heatmap():
    """Static figure: predicted H1 / muscarinic / alpha1 / D2 occupancy for every drug, by class (model)."""
    import plotly.graph_objects as go

    drugs = side_effect_drugs()
    d = load_drugs().set_index("drug")
    tg = ["H1", "muscarinic", "alpha1", "D2"]
    z, text = [], []
    for drug in drugs:
        p = predicted_occupancy(drug, 1.0)
        z.append([100 * p.at[t, "occupancy"] if not np.isnan(p.at[t, "occupancy"]) else None for t in tg])
        text.append([("" if np.isnan(p.at[t, "occupancy"]) else f"{100 * p.at[t, 'occupancy']:.0f}"
                      + ("*" if p.at[t, "status"] == "unverified" else "")) for t in tg])
    short = {"tricyclic": "TCA", "antipsychotic": "AP"}
    ylab = [f"{x} ({short.get(d.at[x, 'class'].split(' (')[0], d.at[x, 'class'].split(' (')[0])})" for x in drugs]
    fig = go.Figure(go.Heatmap(z=z, x=[TARGET_LABELS[t] for t in tg], y=ylab,
                               text=text, texttemplate="%{text}", colorscale="Viridis", zmin=0, zmax=100,
                               colorbar=dict(title=dict(text="predicted occupancy %", side="top"), orientation="h",
                                             y=-0.02, yanchor="top", thickness=12, len=0.9),
                               hoverongaps=False),
                    layout=dict(template=plotly_template()))
    fig.update_layout(height=720, yaxis=dict(autorange="reversed"), xaxis=dict(tickangle=0, side="top"),
                      margin=dict(l=10, t=110, r=20, b=90),
                      title=dict(text="Model: predicted side-effect receptor occupancy at typical levels", y=0.98))
    unv_fu = [x for x in drugs if d.at[x, "fraction_unbound_status"] == "unverified"]
    alt = (f"Heat map from a model: rows are {len(drugs)} antidepressants and antipsychotics, columns are histamine "
           "H1, muscarinic, alpha1 and D2 receptors; each cell is the predicted percentage occupancy at a typical "
           "plasma level, brighter meaning more; an empty cell has no affinity value in the table.")
    cap = ("Model, not data (TCA: tricyclic; AP: antipsychotic). Inputs: each typical plasma level is a modelling "
           "choice (status model, inside a "
           "published range where one was read), each unbound fraction was read in a compilation (secondary)"
           + (f" except {', '.join(unv_fu)}'s (unverified)" if unv_fu else "") +
           "; * marks a cell whose affinity is unverified; an empty cell has no affinity in the table (the "
           "tricyclics' D2 values were removed because no readable source gave them). H1 blockade predicts sedation "
           "and weight gain, muscarinic dry mouth and constipation, alpha1 orthostatic hypotension, D2 prolactin "
           "rise and extrapyramidal effects. Notice the bright H1, muscarinic and alpha1 columns for the tricyclics "
           "and the SSRIs' dark rows; among antipsychotics, D2 occupancy is the target, and olanzapine, "
           "quetiapine and clozapine add strong H1 blockade (weight gain, sedation).")
    return fig, alt, cap


# --------------------------------------------------------------------------- pharmacokinetics

PK_EXCLUDE = ("psilocybin", "LSD", "MDMA", "ketamine", "esketamine", "brexanolone")
PK_DAYS = 42


def pk_drugs() -> list:
    """Drugs taken as regular oral doses whose half-life is in the table."""
    return [d for d in drug_names(with_half_life=True) if d not in PK_EXCLUDE]


@functools.lru_cache(maxsize=64)
def pk_curve(drug: str) -> tuple:
    """Model: level relative to the steady-state average over 42 days of once-daily dosing.

    One compartment (:func:`dmnlab.models.pk.oral_concentration`), the table's half-life,
    ka = 1 per hour (assumed). Returns (t_days, relative_level).
    """
    check_choice("drug", drug, pk_drugs())
    t_half = float(load_drugs().set_index("drug").at[drug, "t_half_h"])
    t = np.arange(0, PK_DAYS * 24 + 1, 2.0)
    c = pk.oral_concentration(t, 1.0, 24.0, None, t_half, 1.0, 1.0, 1.0)
    css_avg = 1.0 / (pk.elimination_rate(t_half) * 24.0)   # D / (k V tau) with D = V = 1
    return t / 24.0, np.asarray(c) / css_avg


def pk_demo() -> Demo:
    """Accumulation to steady state for any drug of the table (model)."""
    import plotly.graph_objects as go

    drugs = pk_drugs()
    d = load_drugs().set_index("drug")

    def figure():
        fig = go.Figure(layout=dict(template=plotly_template()))
        fig.add_scatter(x=[0], y=[0], mode="lines", line=dict(color=OKABE_ITO[0], width=2), name="model level")
        fig.add_hline(y=1, line=dict(color="#444", dash="dot"), annotation_text="steady-state average",
                      annotation_position="top left")
        fig.add_scatter(x=[0, 0], y=[0, 2.2], mode="lines", line=dict(color=OKABE_ITO[1], dash="dash"),
                        name="5 half-lives")
        fig.update_layout(height=420, xaxis=dict(title="days of once-daily dosing", range=[0, PK_DAYS]),
                          yaxis=dict(title="level / steady-state average", range=[0, 2.2]),
                          title=dict(text="Model: how a drug accumulates with daily doses", y=0.97),
                          legend=dict(orientation="h", y=1.1, x=0), margin=dict(t=80))
        return fig

    def update(drug: str):
        t, c = pk_curve(drug)
        t_half = float(d.at[drug, "t_half_h"])
        t5 = min(5 * t_half / 24.0, PK_DAYS)
        t90 = pk.time_to_steady_state(t_half, 0.9) / 24.0
        r = pk.accumulation_ratio(t_half, 24.0)
        status = d.at[drug, "t_half_status"]
        kind = ("a model choice, not a published half-life" if status == "model" else f"status {status}")
        return {"data": [{"x": t, "y": c, "name": f"{drug} (model)"}, {"x": [t5, t5]}],
                "readout": (f"{drug}: half-life used {t_half:g} h ({kind}; published: {d.at[drug, 't_half_text']}). "
                            f"In the model: 90% of steady state after {t90:.1f} days, 97% after {5 * t_half / 24:.1f}; "
                            f"accumulation ratio {r:.2f}.")}

    return Demo(
        name="pk_accumulation",
        controls=[Choice("drug", "Drug", [(_label(x), x) for x in drugs], "fluoxetine")],
        figure=figure, update=update,
        alt=("Line chart from a model: the plasma level of the chosen drug, relative to its steady-state average, "
             "over 42 days of one dose a day, with a dashed line at five half-lives."),
        caption=fill("Model, not data (one compartment, absorption rate assumed 1 per hour, once-daily dosing for "
                     "every drug). Compare fluoxetine with sertraline (steady state within about a week) and "
                     "methylphenidate (no accumulation). Fluoxetine's curve uses one lumped half-life of "
                     "{fact-nocite}`168 <fluoxetine_lumped_half_life_h>` h for fluoxetine plus norfluoxetine: a "
                     "modelling choice made so that five half-lives match the label's steady state after about "
                     "{fact-nocite}`4-5 <fluoxetine_steady_state_weeks>` weeks, not a published half-life. The "
                     "readout gives each half-life's status and the published values."),
    )


# --------------------------------------------------------------------------- lithium


@functools.lru_cache(maxsize=512)
def lithium_curve(daily_dose_mg: float, crcl_ml_min: float) -> tuple:
    """Model: 14 days of twice-daily lithium carbonate; returns (t_days, mmol/L)."""
    t = np.arange(0, 14 * 24 + 1, 3.0)
    return t / 24.0, li.lithium_level_mmol_l(t, daily_dose_mg, crcl_ml_min)


def lithium_bands() -> list:
    """(low, high, colour, label) of the shaded bands of the lithium figure (RCPA Manual values)."""
    lo, hi = li.THERAPEUTIC_RANGE
    return [(lo, hi, "#009E73", f"usual {lo:g}-{hi:g}"), (hi, li.STOP_LEVEL, "#E69F00", "above range"),
            (li.STOP_LEVEL, li.TOXIC_LEVEL, "#D55E00", "stop, assess"), (li.TOXIC_LEVEL, 3.0, "#000000", "toxic")]


def lithium_demo() -> Demo:
    """Serum lithium against the RCPA reference values as dose and kidney function change (model)."""
    import plotly.graph_objects as go

    def figure():
        fig = go.Figure(layout=dict(template=plotly_template()))
        for y0, y1, col, lab in lithium_bands():
            fig.add_hrect(y0=y0, y1=y1, fillcolor=col, opacity=0.15, line_width=0,
                          annotation_text=lab, annotation_position="right", annotation_font_size=11)
        fig.add_scatter(x=[0], y=[0], mode="lines", line=dict(color=OKABE_ITO[0], width=2), name="model serum lithium")
        fig.update_layout(height=430, xaxis=dict(title="days of twice-daily dosing", range=[0, 14]),
                          yaxis=dict(title="serum lithium (mmol/L)", range=[0, 3.0]), showlegend=False,
                          title=dict(text="Teaching model of lithium levels: NOT for dosing", y=0.97),
                          margin=dict(r=100))
        return fig

    def update(dose: float, crcl: float):
        t, c = lithium_curve(dose, crcl)
        trough = float(c[-1])
        avg = li.steady_state_average_mmol_l(dose, crcl)
        th = li.lithium_half_life_h(crcl)
        return {"data": [{"x": t, "y": c}],
                "readout": (f"Model: {dose:g} mg/day, creatinine clearance {crcl:g} mL/min: half-life {th:.0f} h; "
                            f"steady-state average {avg:.2f} mmol/L; level 12 h after the last dose of day 14 "
                            f"{trough:.2f} mmol/L ({li.classify_level(trough)}). A teaching model, not for dosing.")}

    return Demo(
        name="lithium_level",
        controls=[Slider("dose", "Lithium carbonate", 300, 2100, 150, 900, unit="mg/day", fmt=".0f"),
                  Slider("crcl", "Creatinine clearance", 20, 140, 10, 100, unit="mL/min", fmt=".0f")],
        figure=figure, update=update,
        alt=("Line chart from a model: serum lithium over 14 days of twice-daily lithium carbonate, over shaded bands "
             "for the usual range (0.6 to 1.2 mmol/L), above the range (to 1.5), stop and assess (1.5 to 1.9) and "
             "toxic (above 1.9)."),
        caption=fill("Teaching model, not for dosing. Keep the dose and lower the creatinine clearance from 100 to 50 "
                     "mL/min: the average level doubles (to about 1.5 mmol/L) and the rise takes longer, because "
                     "lithium leaves only through the kidney. Bands from the RCPA Manual: "
                     "{fact-nocite}`0.6-1.2 <lithium_range_mmol_l>` mmol/L for blood drawn "
                     "{fact-nocite}`8-12 <lithium_sample_time_h>` h after a dose; above "
                     "{fact-nocite}`1.5 <lithium_stop_mmol_l>` mmol/L stop and assess; above "
                     "{fact-nocite}`1.9 <lithium_toxic_mmol_l>` mmol/L toxic (above "
                     "{fact-nocite}`1.2 <lithium_toxic_older_mmol_l>` mmol/L may be toxic in older people). Model: "
                     "clearance {fact-nocite}`1.36 <jermain1991_cl_l_per_h>` L/h at 100 mL/min and volume "
                     "{fact-nocite}`32.8 <jermain1991_v_l>` L (Jermain et al. 1991), 70 kg; no sodium, fluid or "
                     "drug interactions."),
    )


# --------------------------------------------------------------------------- DMN evidence

CLASS_ORDER = ["SSRI", "SNRI", "tricyclic", "antipsychotic", "mood stabiliser", "benzodiazepine", "stimulant",
               "psychedelic", "ketamine"]


@functools.lru_cache(maxsize=16)
def dmn_rows(drug_class: str) -> pd.DataFrame:
    """Rows of dmn_drug_effects.csv for one class (or "all")."""
    check_choice("drug_class", drug_class, ["all"] + CLASS_ORDER)
    df = load_dmn_effects()
    return df if drug_class == "all" else df[df["class"] == drug_class]


def dmn_evidence_demo() -> Demo:
    """A table of DMN findings by class with the graded verdict on each seed claim."""
    import plotly.graph_objects as go

    cols = ["class", "drug", "population", "phase", "measure", "direction", "n", "claim"]
    heads = ["class", "drug", "population", "acute / chronic", "measure", "direction", "n",
             "seed claim: verdict (grade)"]

    def figure():
        fig = go.Figure(go.Table(
            columnwidth=[62, 70, 95, 80, 125, 80, 30, 100],
            header=dict(values=[f"<b>{h}</b>" for h in heads], fill_color="#e8eef5", align="left",
                        font=dict(size=12)),
            cells=dict(values=[[""]] * len(cols), align="left", font=dict(size=11), height=24)),
            layout=dict(template=plotly_template()))
        fig.update_layout(height=640, margin=dict(l=5, r=5, t=40, b=10),
                          title=dict(text="What each drug class does to DMN measures (studies in this course's table)",
                                     y=0.98))
        return fig

    def update(drug_class: str):
        df = dmn_rows(drug_class).copy()
        df["claim"] = [f"{c}: {v} ({g})" if c else "-" for c, v, g in zip(df.claim_id, df.verdict, df.grade)]
        vals = [df[c].astype(str).tolist() for c in cols]
        return {"data": [{"cells": {"values": vals}}],
                "readout": (f"{len(df)} rows; verdicts are on the seed-text claims (chapter 8 lists them all). "
                            "Direction words are the studies' own; each row cites its source in the data table.")}

    return Demo(
        name="dmn_evidence",
        controls=[Choice("drug_class", "Class", [("all classes", "all")] + [(c, c) for c in CLASS_ORDER], "all")],
        figure=figure, update=update,
        alt=("A table with one row per study: drug class, drug, population (healthy or patients), acute or chronic, "
             "imaging measure, direction of the DMN change, sample size, and the seed-text claim it bears on with "
             "its verdict and evidence grade."),
        caption=("Read the direction column class by class: SSRIs and SNRIs raise DMN connectivity in some studies and "
                 "lower it in others, depending on population and timing; benzodiazepines lower it as sedation does; "
                 "stimulants restore task-related deactivation in children but not in adults; there is no direct "
                 "evidence for tricyclics and no drug-specific effect for lithium."),
    )


def demos() -> list:
    """Every demo of chapter 6 (used by the tests and by `make bench`)."""
    return [receptor_profile_demo(), side_effects_demo(), pk_demo(), lithium_demo(), dmn_evidence_demo()]


# --------------------------------------------------------------------------- the drug table

def drug_table_figure():
    """Static figure: the whole drug table as a scrollable plotly table. Returns (fig, alt, caption)."""
    import plotly.graph_objects as go

    d = load_drugs()
    # dose ranges are not shown: most are not yet checked against the labels (row status), and a dose
    # range is the one value a reader might act on
    cols = ["drug", "class", "mechanism", "t_half_text", "active_metabolite", "bioavailability",
            "approval_fda", "unverified_fields"]
    heads = ["drug", "class", "mechanism", "half-life",
             "active metabolite", "oral bioavailability", "US approval notes", "unverified in this row"]
    vals = [d[c].fillna("").astype(str).tolist() for c in cols]
    fig = go.Figure(go.Table(
        columnwidth=[75, 85, 150, 105, 100, 75, 170, 150],
        header=dict(values=[f"<b>{h}</b>" for h in heads], fill_color="#e8eef5", align="left", font=dict(size=11)),
        cells=dict(values=vals, align="left", font=dict(size=10))),
        layout=dict(template=plotly_template()))
    fig.update_layout(height=560, margin=dict(l=5, r=5, t=10, b=5))
    alt = (f"A scrollable table of {len(d)} psychiatric drugs with their class, mechanism, half-life, active "
           "metabolite, oral bioavailability, US approval notes (regulatory status checked 28 November 2026) "
           "and the values in each row that are unverified.")
    cap = ("Scroll inside the table (sideways on a phone). Notice how specific the approvals are (agomelatine is "
           "authorised in the EU, not the US; brexanolone's approval was withdrawn; clozapine no longer has a REMS), "
           "how half-lives range from hours to weeks, and the last column: the values in each row that no readable "
           "source has confirmed. Regulatory status checked 28 November 2026.")
    return fig, alt, cap
