"""Chapter 10 demos: drug interactions through CYP enzymes, exposure by CYP2D6 phenotype, and the
fall of the level after a drug is stopped.

Every parameter comes from ``data/cyp_interactions.csv`` (or, for the half-lives of the
discontinuation demo, ``data/pk_parameters.csv``), each with its source and status; the readouts
show them. The figures show exposure *relative* to the usual level, never doses: the chapter is
about mechanisms, not about adjusting anyone's medicine.
"""

from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go

from ..data import load_table
from ..interact import Choice, Demo
from ..models import interactions as ix
from ..models import pk
from ..render import OKABE_ITO
from ..validate import check_choice

__all__ = [
    "load_interactions", "value", "row", "fm_desipramine", "inhibitor_activity", "SUBSTRATES", "PERPETRATORS",
    "predicted_ratio", "observed_ratios", "model_checks", "interaction_demo", "model_check_figure",
    "PHENOTYPES", "CYP2C19_PHENOTYPES", "phenotype_share", "phenotype_frequencies", "phenotype_table",
    "phenotype_figure", "WASHOUT_DRUGS", "washout_curves",
    "washout_summary", "discontinuation_demo", "demos", "phenotype_frequency_table", "model_check_table",
]


# ------------------------------------------------------------------------ the data table
@functools.lru_cache(maxsize=1)
def _table():
    return load_table("cyp_interactions.csv")


def load_interactions():
    """The table ``data/cyp_interactions.csv`` (a copy): one published or model value per row,
    with ``id``, ``kind``, ``drug``, ``partner``, ``enzyme``, ``quantity``, ``value``, ``unit``,
    ``source``, ``status``, ``checked`` and ``note``."""
    return _table().copy()


def row(row_id: str) -> dict:
    """One row of the table as a dict (``row("desipramine_cl_pm")["source"]``)."""
    df = _table()
    check_choice("row_id", row_id, df["id"].tolist())
    return df.set_index("id").loc[row_id].to_dict()


def value(row_id: str) -> float:
    """The number in one row (``value("desipramine_cl_nm")`` -> 102.0)."""
    return float(row(row_id)["value"])


def fm_desipramine() -> float:
    """Fraction of desipramine's clearance through CYP2D6: 1 - CL(poor) / CL(normal), from the
    medians of Brøsen et al. (1993) before any inhibitor."""
    return ix.fm_from_clearances(value("desipramine_cl_nm"), value("desipramine_cl_pm"))


_MR = {"paroxetine": "paroxetine", "fluoxetine": "fluoxetine", "bupropion": "bupropion"}


def inhibitor_activity(inhibitor: str) -> float:
    """Remaining CYP2D6 activity with ``inhibitor``: from the dextromethorphan metabolic ratios
    (paroxetine, fluoxetine, bupropion) or, for sertraline, the calibrated row (status model)."""
    check_choice("inhibitor", inhibitor, ["paroxetine", "fluoxetine", "bupropion", "sertraline"])
    if inhibitor == "sertraline":
        return value("sertraline_activity")
    return ix.activity_from_metabolic_ratios(value(f"dm_mr_before_{inhibitor}"), value(f"dm_mr_after_{inhibitor}"))


# substrate: (label, fm, where fm comes from)
SUBSTRATES = {
    "desipramine": ("Desipramine (fm from Brøsen 1993)", None, "verified clearances, fm derived"),
    "half": ("Hypothetical substrate, fm 0.5", "hypothetical_fm", "model"),
    "dextromethorphan": ("Dextromethorphan-like, fm 0.98", "dextromethorphan_fm", "model"),
}

# perpetrator: (label, kind)
PERPETRATORS = {
    "none": "No interaction",
    "sertraline": "Sertraline (weak; calibrated)",
    "fluoxetine": "Fluoxetine",
    "paroxetine": "Paroxetine",
    "bupropion": "Bupropion",
    "pm": "CYP2D6 poor metaboliser",
    "um": "CYP2D6 ultrarapid (score 3)",
}


def _fm(substrate: str) -> float:
    check_choice("substrate", substrate, list(SUBSTRATES))
    key = SUBSTRATES[substrate][1]
    return fm_desipramine() if key is None else value(key)


def _activity(perpetrator: str) -> float:
    check_choice("perpetrator", perpetrator, list(PERPETRATORS))
    if perpetrator == "none":
        return 1.0
    if perpetrator == "pm":
        return 0.0
    if perpetrator == "um":
        return ix.activity_from_activity_score(3.0)
    return inhibitor_activity(perpetrator)


def predicted_ratio(substrate: str, perpetrator: str) -> float:
    """The static model's exposure ratio for a substrate with an inhibitor or in a phenotype."""
    return ix.auc_ratio(_fm(substrate), _activity(perpetrator))


def observed_ratios(substrate: str, perpetrator: str) -> list:
    """Published exposure ratios for this pair: [(ratio, label, source key, status), ...]."""
    if substrate != "desipramine":
        return []
    out = []
    if perpetrator == "paroxetine":
        out.append((value("desipramine_auc24_paroxetine") / value("desipramine_auc24_before"),
                    "AUC(0-24h) at steady state, Alderman 1997", "alderman1997desipramine", "verified"))
        out.append((value("desipramine_cl_nm") / value("desipramine_cl_nm_paroxetine"),
                    "clearance ratio, single dose, Brøsen 1993", "brosen1993inhibition", "verified"))
    elif perpetrator == "bupropion":
        r = row("desipramine_bupropion_auc_ratio")
        out.append((float(r["value"]), "AUC, clinical study described by Reese 2008", r["source"], r["status"]))
    elif perpetrator == "sertraline":
        out.append((value("desipramine_auc24_sertraline") / value("desipramine_auc24_before_sertraline"),
                    "AUC(0-24h), Alderman 1997 (used to calibrate sertraline)", "alderman1997desipramine", "verified"))
    elif perpetrator == "pm":
        out.append((value("desipramine_cl_nm") / value("desipramine_cl_pm"),
                    "clearance ratio, normal vs poor metabolisers, Brøsen 1993 (used to set fm)",
                    "brosen1993inhibition", "verified"))
    return out


#: The published exposure changes the model is tested against (tests/test_ch10_interactions.py):
#: (perpetrator, observed ratio, what, source key). Sertraline and the poor metaboliser are not
#: tests: their model values were set from the same observations.
def model_checks() -> list:
    """[(label, predicted, observed, source, status)] for desipramine with paroxetine (two studies)
    and bupropion; the inhibitor strengths come from *other* studies (dextromethorphan ratios)."""
    rows = []
    for perp in ("paroxetine", "bupropion"):
        pred = predicted_ratio("desipramine", perp)
        for obs, what, src, status in observed_ratios("desipramine", perp):
            rows.append((f"{perp.capitalize()}: {what}", pred, obs, src, status))
    return rows


# ------------------------------------------------------------------------ interaction demo
DAYS = 35
_T = np.arange(0.0, DAYS * 24 + 0.5, 3.0)


@functools.lru_cache(maxsize=64)
def _course(ratio: float) -> np.ndarray:
    return ix.exposure_course(_T, value("desipramine_t_half"), ratio, 24.0, value("desipramine_ka"))


def interaction_demo() -> Demo:
    """Exposure of a CYP2D6 substrate with an inhibitor, or in a poor/ultrarapid metaboliser."""
    base = _course(1.0)
    for sub in SUBSTRATES:  # precompute every state once, so that the live demo answers at once
        for perp in PERPETRATORS:
            _course(round(predicted_ratio(sub, perp), 6))

    def figure():
        fig = go.Figure()
        fig.add_scatter(x=_T / 24, y=base, mode="lines", name="usual level",
                        line=dict(color=OKABE_ITO[7], width=2))
        fig.add_scatter(x=_T / 24, y=base, mode="lines", name="with the interaction",
                        line=dict(color=OKABE_ITO[5], width=2.5))
        fig.add_hline(y=1.0, line=dict(color="#999999", width=1, dash="dot"))
        fig.update_layout(height=420, margin=dict(l=60, r=20, t=50, b=50),
                          title="Level of a CYP2D6 substrate, one dose a day (model)",
                          yaxis_title="level (1 = usual average)",
                          legend=dict(x=0.01, y=0.99, xanchor="left", yanchor="top",
                                      bgcolor="rgba(255,255,255,0.85)"))
        fig.update_xaxes(title_text="days of regular dosing")
        return fig

    def update(substrate, perpetrator):
        fm = _fm(substrate)
        a = _activity(perpetrator)
        ratio = ix.auc_ratio(fm, a)
        y = _course(round(ratio, 6))
        t_half = value("desipramine_t_half")
        new_half = ix.half_life_with_ratio(t_half, ratio)
        obs = observed_ratios(substrate, perpetrator)
        parts = [f"{SUBSTRATES[substrate][0]}; {PERPETRATORS[perpetrator]}: remaining CYP2D6 activity "
                 f"{a:.3g}, so exposure x{ratio:.2f} (model: 1 / (fm a + 1 - fm), fm = {fm:.3f})."]
        if perpetrator != "none":
            parts.append(f"Half-life {t_half:g} h -> {new_half:.0f} h, so the new plateau takes about "
                         f"{5 * new_half / 24:.0f} days to reach (about five half-lives).")
        for o, what, _src, status in obs:
            parts.append(f"Published: x{o:.2f} ({what}; {status}).")
        if perpetrator in ("fluoxetine", "paroxetine", "bupropion"):
            parts.append("Inhibitor strength from the dextromethorphan/dextrorphan ratio before and during the "
                         "inhibitor (Kotlyar 2005 for bupropion, a 1999 crossover study for the SSRIs): a different "
                         "study from the one it is compared with.")
        if substrate != "desipramine":
            parts.append("A teaching substrate with desipramine's half-life, so that only fm differs.")
        parts.append("Model, not a prediction for any person.")
        top = max(2.0, float(y.max()) * 1.1)
        return {"data": [None, {"y": y}], "layout": {"yaxis": {"range": [0, top]}}, "readout": " ".join(parts)}

    return Demo(
        name="cyp2d6_interaction",
        controls=[Choice("substrate", "Substrate", [(v[0], k) for k, v in SUBSTRATES.items()], "desipramine"),
                  Choice("perpetrator", "Inhibitor or genotype", [(v, k) for k, v in PERPETRATORS.items()],
                         "paroxetine")],
        figure=figure,
        update=update,
        alt=("Line chart over 35 days of regular once-daily dosing: the grey line is the usual level of a CYP2D6 "
             "substrate, which levels off at 1; the orange line is the level with the chosen inhibitor or genotype, "
             "which climbs more slowly to a higher plateau (several times higher for strong inhibitors and poor "
             "metabolisers, lower for an ultrarapid metaboliser)."),
        caption=("Model, not data, and not a guide for anyone's medicine. Notice two things: a strong inhibitor raises "
                 "the plateau by about as much as being a poor metaboliser does, and the rise is slow, because the "
                 "half-life lengthens by the same factor as the exposure. The weaker the enzyme's share of clearance "
                 "(fm), the smaller the effect of any inhibitor."),
    )


def model_check_figure() -> tuple:
    """Predicted against published exposure ratios (desipramine with paroxetine and bupropion):
    ``(figure, alt text, caption)``."""
    checks = model_checks()
    short = {"alderman1997desipramine": "Alderman 1997", "brosen1993inhibition": "Brøsen 1993",
             "reese2008vitro": "Reese 2008"}
    labels = [f"{c[0].split(':')[0]}<br>{short.get(c[3], c[3])}" for c in checks]
    pred = [c[1] for c in checks]
    obs = [c[2] for c in checks]
    fig = go.Figure()
    fig.add_bar(y=labels, x=obs, orientation="h", name="published", marker_color=OKABE_ITO[4],
                text=[f"{v:.1f}" for v in obs], textposition="outside")
    fig.add_bar(y=labels, x=pred, orientation="h", name="static model", marker_color=OKABE_ITO[5],
                text=[f"{v:.1f}" for v in pred], textposition="outside")
    fig.update_layout(barmode="group", height=380, margin=dict(l=10, r=30, t=60, b=80),
                      title="Desipramine with an inhibitor:<br>model against studies",
                      legend=dict(orientation="h", x=0, y=-0.28, xanchor="left"))
    fig.update_xaxes(title_text="exposure ratio", range=[0, 8])
    fig.update_yaxes(autorange="reversed", automargin=True)
    pairs = "; ".join(f"{lab.replace('<br>', ' ')}: published {o:.1f}, model {p:.1f}"
                      for lab, p, o in zip(labels, pred, obs))
    alt = ("Grouped horizontal bars comparing published desipramine exposure ratios with the static model's "
           f"predictions. {pairs}.")
    caption = ("Model against studies. Notice that the model, built from other studies, lands within about a "
               "quarter of each published value, and that it over-predicts all three: it assumes the same "
               "inhibition in everyone, and the dextromethorphan ratios it starts from vary widely between people.")
    return fig, alt, caption


# ------------------------------------------------------------------------ phenotypes
#: CYP2D6 phenotype: (key, label, activity scores spanned). The score groups are those of CPIC's
#: 2015 guideline (Hicks 2015, Table 1), which Gaedigk et al. 2017 also use for the shares of people
#: (rows ``cyp2d6_share_<key>_low/high`` of the table).
PHENOTYPES = (
    ("poor", "Poor (score 0)", (0.0, 0.0)),
    ("intermediate", "Intermediate (0.5)", (0.5, 0.5)),
    ("normal", "Normal (1-2)", (1.0, 2.0)),
    ("ultrarapid", "Ultrarapid (>2; 3 shown)", (3.0, 3.0)),
)

CYP2C19_PHENOTYPES = ("poor", "intermediate", "normal", "rapid", "ultrarapid")


def phenotype_share(enzyme: str, key: str) -> str:
    """The range of people with a phenotype across populations, as the table gives it ("0.4-5.4%")."""
    check_choice("enzyme", enzyme, ["cyp2d6", "cyp2c19"])
    lo, hi = value(f"{enzyme}_share_{key}_low"), value(f"{enzyme}_share_{key}_high")
    return f"{lo:g}-{hi:g}%"


def phenotype_frequencies() -> list:
    """[(enzyme, phenotype, range, source key, status)] for CYP2D6 and CYP2C19."""
    out = []
    for enzyme, keys in (("cyp2d6", [k for k, _, _ in PHENOTYPES]), ("cyp2c19", CYP2C19_PHENOTYPES)):
        for k in keys:
            r = row(f"{enzyme}_share_{k}_low")
            out.append((enzyme.upper(), k, phenotype_share(enzyme, k), r["source"], r["status"]))
    return out


def phenotype_table(fm: float) -> list:
    """For each CYP2D6 phenotype: (key, label, low, high exposure relative to score 2, share)."""
    out = []
    for key, label, (lo, hi) in PHENOTYPES:
        r = [ix.auc_ratio(fm, ix.activity_from_activity_score(s)) for s in (lo, hi)]
        out.append((key, label, min(r), max(r), phenotype_share("cyp2d6", key)))
    return out


def phenotype_figure() -> tuple:
    """Exposure by CYP2D6 phenotype (model) for desipramine and a half-CYP2D6 substrate:
    ``(figure, alt text, caption)``."""
    fig = go.Figure()
    for fm, name, colour in ((fm_desipramine(), f"desipramine (fm {fm_desipramine():.2f})", OKABE_ITO[5]),
                             (value("hypothetical_fm"), "a substrate with fm 0.5", OKABE_ITO[2])):
        rows = phenotype_table(fm)
        mid = [np.sqrt(lo * hi) for _, _, lo, hi, _ in rows]
        fig.add_scatter(
            x=[lab for _, lab, *_ in rows], y=mid, mode="markers", name=name,
            marker=dict(size=12, color=colour, symbol="diamond"),
            error_y=dict(type="data", symmetric=False, array=[hi - m for (_, _, lo, hi, _), m in zip(rows, mid)],
                         arrayminus=[m - lo for (_, _, lo, hi, _), m in zip(rows, mid)], thickness=2, width=8),
            hovertemplate="%{x}: exposure x%{y:.2f}<extra>" + name + "</extra>")
    for _key, lab, _lo, _hi, share in phenotype_table(0.5):
        fig.add_annotation(x=lab, y=np.log10(9.0), yref="y", text=f"{share}<br>of people", showarrow=False,
                           font=dict(size=11, color="#444"))
    fig.add_hline(y=1.0, line=dict(color="#999999", width=1, dash="dot"))
    fig.update_yaxes(type="log", range=[np.log10(0.4), np.log10(12)], title_text="exposure relative to score 2 (log)",
                     tickvals=[0.5, 1, 2, 5, 10], ticktext=["0.5", "1", "2", "5", "10"])
    fig.update_layout(height=440, margin=dict(l=60, r=20, t=50, b=70),
                      title="Exposure by CYP2D6 phenotype (model)",
                      legend=dict(orientation="h", x=0, y=-0.2, xanchor="left"))

    def describe(fm):
        parts = []
        for _key, lab, lo, hi, _share in phenotype_table(fm):
            parts.append(f"{lab.split(' (')[0].lower()} {lo:.1f}" + (f" to {hi:.1f}" if hi - lo > 0.05 else ""))
        return ", ".join(parts)

    alt = ("Log-scale chart of modelled exposure relative to a person with CYP2D6 activity score 2, for four "
           f"phenotypes. Desipramine: {describe(fm_desipramine())}. A substrate with fm 0.5: "
           f"{describe(value('hypothetical_fm'))}. The share of people with each phenotype is written above it: "
           + ", ".join(f"{lab.split(' (')[0].lower()} {share}" for _k, lab, _l, _h, share in phenotype_table(0.5))
           + ".")
    caption = ("Model, not data. Notice that the phenotype matters only as much as the enzyme's share of the drug's "
               "clearance: for desipramine a poor metaboliser's exposure is almost seven times a normal one's, for a "
               "half-CYP2D6 drug only twice. Poor metabolisers are a few percent of people; the normal group alone "
               "spans almost a twofold range.")
    return fig, alt, caption


# ------------------------------------------------------------------------ discontinuation
#: drug: list of (compound, half-life row id or (table, drug, parameter), role)
WASHOUT_DRUGS = {
    "fluoxetine": ("Fluoxetine", [("fluoxetine", ("pk", "fluoxetine", "t_half_h")),
                                  ("norfluoxetine", ("pk", "fluoxetine", "t_half_m_h"))]),
    "sertraline": ("Sertraline", [("sertraline", ("pk", "sertraline", "t_half_h"))]),
    "escitalopram": ("Escitalopram", [("escitalopram", ("pk", "escitalopram", "t_half_h"))]),
    "paroxetine": ("Paroxetine", [("paroxetine", ("pk", "paroxetine", "t_half_h"))]),
    "venlafaxine": ("Venlafaxine", [("venlafaxine", ("cyp", "venlafaxine_t_half")),
                                    ("O-desmethylvenlafaxine", ("cyp", "odv_t_half"))]),
}

WASHOUT_DAYS = 42
_TW = np.arange(0.0, WASHOUT_DAYS * 24 + 0.5, 2.0)


@functools.lru_cache(maxsize=1)
def _pk_table():
    return load_table("pk_parameters.csv")


def _half_life(ref) -> tuple:
    """(half-life in h, source key, status) for a reference into one of the two tables."""
    if ref[0] == "pk":
        df = _pk_table()
        r = df[(df["drug"] == ref[1]) & (df["parameter"] == ref[2])].iloc[0]
        return float(r["value"]), str(r["source"]), str(r["status"])
    r = row(ref[1])
    return float(r["value"]), str(r["source"]), str(r["status"])


def _ka(drug: str) -> tuple:
    """(absorption rate per h, status) for the discontinuation model."""
    if drug == "venlafaxine":
        return value("venlafaxine_ka"), row("venlafaxine_ka")["status"]
    df = _pk_table()
    r = df[(df["drug"] == drug) & (df["parameter"] == "ka_per_h")].iloc[0]
    return float(r["value"]), str(r["status"])


@functools.lru_cache(maxsize=8)
def washout_curves(drug: str) -> dict:
    """{compound: (fraction of the level at stopping, half-life h, source, status)} over 42 days.

    The course's PK model (``dmnlab.models.pk``): one dose a day until steady state (ten of the
    longest half-lives), then no more. Time 0 is when the next dose would have been due; each
    compound is shown as a fraction of its own level at that moment, so doses and volumes cancel
    out. A metabolite is formed from the drug (``pk.parent_metabolite_oral``)."""
    check_choice("drug", drug, list(WASHOUT_DRUGS))
    comps = WASHOUT_DRUGS[drug][1]
    halves = [(name, *_half_life(ref)) for name, ref in comps]
    ka, _ = _ka(drug)
    longest = max(h for _, h, _, _ in halves)
    n = int(np.ceil(10 * longest / 24)) + 1
    t_stop = n * 24.0
    t = np.concatenate([np.arange(0.0, t_stop, 6.0), t_stop + _TW])
    if len(halves) == 2:
        par, met = pk.parent_metabolite_oral(t, 1.0, 24.0, n, halves[0][1], ka, 1.0, 1.0, 1.0, halves[1][1], 1.0)
        levels = [par, met]
    else:
        levels = [pk.oral_concentration(t, 1.0, 24.0, n, halves[0][1], ka, 1.0)]
    after = t >= t_stop
    out = {}
    for (name, h, src, status), c in zip(halves, levels):
        tail = c[after]
        out[name] = (tail / tail[0], h, src, status)
    return out


def washout_summary(drug: str, threshold: float = 0.1) -> float:
    """Days after stopping until every active compound is below ``threshold`` of its level."""
    curves = washout_curves(drug)
    slowest = np.max(np.vstack([c[0] for c in curves.values()]), axis=0)
    below = np.flatnonzero(slowest < threshold)
    return float(_TW[below[0]] / 24) if below.size else float("nan")


def discontinuation_demo() -> Demo:
    """The level of each active compound after the last dose, as a share of the level at stopping."""
    for d in WASHOUT_DRUGS:  # precompute every state once, so that the live demo answers at once
        washout_curves(d)

    def figure():
        fig = go.Figure()
        fig.add_scatter(x=_TW / 24, y=_TW * 0, mode="lines", name="drug", line=dict(color=OKABE_ITO[5], width=2.5))
        fig.add_scatter(x=_TW / 24, y=_TW * 0, mode="lines", name="active metabolite",
                        line=dict(color=OKABE_ITO[4], width=2.5, dash="dash"))
        fig.add_hline(y=10, line=dict(color="#999999", width=1, dash="dot"),
                      annotation_text="10%", annotation_position="top right")
        fig.update_layout(height=420, margin=dict(l=60, r=20, t=50, b=50),
                          title="After the last dose: how fast the level falls (model)",
                          yaxis=dict(range=[0, 105], title="% of the level at stopping"),
                          legend=dict(x=0.99, y=0.99, xanchor="right", yanchor="top",
                                      bgcolor="rgba(255,255,255,0.85)"))
        fig.update_xaxes(title_text="days after stopping")
        return fig

    def update(drug):
        curves = washout_curves(drug)
        items = list(curves.items())
        data = []
        for i in range(2):
            if i < len(items):
                name, (y, _h, _s, _st) = items[i]
                data.append({"x": _TW / 24, "y": 100 * y, "name": name, "visible": True})
            else:
                data.append({"x": [0.0], "y": [0.0], "visible": False})
        desc = "; ".join(f"{n} half-life {h:g} h ({s}, {st})" for n, (_y, h, s, st) in items)
        days = washout_summary(drug)
        readout = (f"{WASHOUT_DRUGS[drug][0]}: {desc}. Every active compound is below 10% of its level at "
                   f"stopping after about {days:.1f} days. Model from steady state; it says nothing about who "
                   "gets symptoms, and it is not a plan for stopping a medicine.")
        if drug == "paroxetine":
            readout += (" Paroxetine's clearance rises as its level falls (its CYP2D6 route is saturated at "
                        "usual levels), so the real fall is, if anything, steeper than shown.")
        return {"data": data, "readout": readout}

    return Demo(
        name="discontinuation_washout",
        controls=[Choice("drug", "Antidepressant", [(v[0], k) for k, v in WASHOUT_DRUGS.items()], "paroxetine")],
        figure=figure,
        update=update,
        alt=("Line chart of the level of the chosen antidepressant (and its active metabolite, where it has one) over "
             "six weeks after the last dose, as a percentage of the level at stopping: venlafaxine and paroxetine fall "
             "below 10% within days, fluoxetine and especially norfluoxetine over weeks."),
        caption=("Model, not data. Notice how differently the level falls: within two to three days for venlafaxine "
                 "and paroxetine, over weeks for fluoxetine, whose active metabolite norfluoxetine acts as a built-in "
                 "taper. Discontinuation symptoms are commonest with the short half-life drugs; the half-life is one "
                 "reason, not the only one. Never a guide to stopping a medicine: that is planned with a prescriber."),
    )


def demos() -> list:
    return [interaction_demo(), discontinuation_demo()]


class _MarkdownTable:
    """A small table: Markdown in the book (citations resolve), HTML in JupyterLab."""

    def __init__(self, md: str):
        self.md = md

    def _repr_markdown_(self) -> str:
        return self.md

    def _html(self) -> str:
        import html
        import re

        rows = [r for r in self.md.splitlines() if not r.startswith("|---")]
        cells = [[re.sub(r"\{footcite:t\}`([^`]+)`", r"[\1]", c.strip()) for c in r.strip("|").split("|")]
                 for r in rows]
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in cells[0])
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in cells[1:])
        return f'<table class="dmnlab-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..render import render_mode

        if render_mode() == "static":
            return {"text/markdown": self.md}
        return {"text/html": self._html(), "text/markdown": self.md}


def phenotype_frequency_table() -> _MarkdownTable:
    """How common each CYP2D6 and CYP2C19 phenotype is: the range across populations, with the
    source and status of each row of ``data/cyp_interactions.csv``."""
    lines = ["| Enzyme | Phenotype | People with it (range across populations) | Source | Status |",
             "|---|---|---|---|---|"]
    for enzyme, key, rng, src, status in phenotype_frequencies():
        lines.append(f"| {enzyme} | {key} | {rng} | {{footcite:t}}`{src}` | {status} |")
    return _MarkdownTable("\n".join(lines))


def model_check_table() -> _MarkdownTable:
    """The model's predictions next to the published exposure changes (with sources and status)."""
    lines = ["| Inhibitor, study | Static model | Published | Model / published | Source (status) |",
             "|---|---|---|---|---|"]
    for label, pred, obs, src, status in model_checks():
        lines.append(f"| {label} | x{pred:.2f} | x{obs:.2f} | {pred / obs:.2f} | {{footcite:t}}`{src}` ({status}) |")
    return _MarkdownTable("\n".join(lines))
