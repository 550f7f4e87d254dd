"""Chapter 8 demos: NNT and risk difference from two response rates; a forest plot of the key
trials of chapters 4-6 (data/trials.csv); the filterable claims table."""

from __future__ import annotations

import functools
import html
import math

import numpy as np
import pandas as pd

from ..data import load_table
from ..facts import fact
from ..evidence_table import claims_filter_demo
from ..interact import Choice, Demo, Slider
from ..models import trials as tr
from ..render import OKABE_ITO
from ..validate import check_choice, check_probability

# --------------------------------------------------------------------------- presets

#: The label under which the pooled TRANSFORM result is always shown: what it is, and what it is not.
TRANSFORM_POOLED = ("post hoc, observed-case pooling of TRANSFORM-1 and -2 only (Turkoz 2021; people with "
                    "day-28 data; not intention-to-treat)")

#: Published response (or relapse) rates. ``n`` = (treated, control) when the arm sizes are known
#: (read, or derived from counts and percentages as ``note`` says), else None (the demo then uses
#: the slider's value and says so). ``events`` = (treated, control) counts when they were read.
#: ``published_nnt``: the NNT as the paper itself reported it (None if it reported none).
PRESETS = {
    "custom": dict(label="Your own numbers (use the sliders)"),
    "transform28": dict(label="Esketamine + oral AD vs oral AD + placebo spray, response at day 28, "
                              + TRANSFORM_POOLED,
                        short="Esketamine, response day 28 (pooled post hoc)",
                        row="Esketamine, day 28: TRANSFORM-1 and -2 pooled post hoc, observed cases (Turkoz 2021)",
                        p_treat=182 / 310, p_control=94 / 208, n=(310, 208), events=(182, 94), good=True,
                        status="verified", published_nnt=None, fact_nnt="nnt_transform_pooled",
                        source="turkoz2021treatment",
                        note="Turkoz et al. 2021, abstract: 182/310 vs 94/208 (58.7% vs 45.2%)"),
    "transform2": dict(label="Esketamine + oral AD vs oral AD + placebo spray, response at day 2, same pooling",
                       short="Esketamine, response day 2 (pooled post hoc)",
                       row="Esketamine, day 2: the same post hoc, observed-case pooling",
                       p_treat=55 / 318, p_control=19 / 203, n=(318, 203), events=(55, 19), good=True,
                       status="verified", published_nnt=None, source="turkoz2021treatment",
                       note="Turkoz et al. 2021, abstract: 55/318 vs 19/203 (17.3% vs 9.4%)"),
    "stone": dict(label="Antidepressant vs placebo, 'large response' (FDA trials, Stone 2022)",
                  short="Antidepressant vs placebo, large response (FDA)",
                  row="Antidepressant vs placebo, 'large response' (FDA trials, Stone 2022)",
                  p_treat=fact("stone2022_large_response_drug_pct").number / 100,
                  p_control=fact("stone2022_large_response_placebo_pct").number / 100,
                  n=None, events=None, good=True, status="verified",
                  published_nnt=None, source="stone2022response",
                  note=(f"Stone et al. 2022, abstract: {fact('stone2022_large_response_drug_pct').text()} vs "
                        f"{fact('stone2022_large_response_placebo_pct').text()}; arm sizes not given")),
    "sustain1": dict(label="Esketamine continued vs stopped, relapse in stable remitters (SUSTAIN-1)",
                     short="Esketamine kept vs stopped, relapse (SUSTAIN-1)",
                     row="Esketamine continued vs stopped, relapse in stable remitters (SUSTAIN-1)",
                     p_treat=24 / 90, p_control=39 / 86, n=(90, 86), events=(24, 39), good=False,
                     status="verified", published_nnt=6, fact_published="sustain1_nnt_remitters",
                     source="daly2019efficacy",
                     note=("Daly et al. 2019, abstract: relapse in 24 (26.7%) vs 39 (45.3%) of 176 remitters; "
                           "arm sizes 90 and 86 derived from the counts and percentages; relapse is a bad event")),
    "murrough": dict(label="Ketamine vs midazolam, response 24 h after one infusion (Murrough 2013)",
                     short="Ketamine vs midazolam, 24 h (Murrough 2013)",
                     row="Ketamine vs midazolam, response 24 h after one infusion (Murrough 2013)",
                     p_treat=0.64, p_control=0.28, n=None, events=None, good=True, status="verified",
                     published_nnt=None, source="murrough2013antidepressant",
                     note=("Murrough et al. 2013, abstract: 64% vs 28% (N = 73, randomized 2:1; OR 2.18); "
                           "the arm sizes analysed were not read")),
}


def trial_counts() -> pd.DataFrame:
    """The published trials whose event counts were read: one row per comparison, with
    ``events_treat``, ``n_treat``, ``events_control``, ``n_control``, ``higher_is_better``
    (False for a bad event such as relapse), ``published_nnt`` (the NNT the paper itself reports,
    or None), ``status``, ``source`` (a key of book/references.bib) and ``note``.

    Exercises load their counts here; the computation is theirs."""
    rows = []
    for key, p in PRESETS.items():
        if p.get("events") is None:
            continue
        rows.append({"key": key, "trial": p["short"], "events_treat": p["events"][0], "n_treat": p["n"][0],
                     "events_control": p["events"][1], "n_control": p["n"][1], "higher_is_better": p["good"],
                     "published_nnt": p["published_nnt"], "status": p["status"], "source": p["source"],
                     "note": p["note"]})
    return pd.DataFrame(rows).set_index("key")


_C_BOTH, _C_BENEFIT, _C_HARM, _C_NONE = "#56B4E9", "#009E73", "#D55E00", "#dddddd"


def preset_values(preset: str, p_treat_pct: float, p_control_pct: float, n_arm: int) -> dict:
    """The rates, arm sizes and direction the demo uses for ``preset`` (sliders if 'custom')."""
    check_choice("preset", preset, list(PRESETS))
    if preset == "custom":
        return dict(p_treat=p_treat_pct / 100, p_control=p_control_pct / 100, n_treat=int(n_arm),
                    n_control=int(n_arm), good=True, n_given=False, label=PRESETS[preset]["label"],
                    status="", source="", published_nnt=None)
    p = PRESETS[preset]
    n_t, n_c = p["n"] if p["n"] else (int(n_arm), int(n_arm))
    return dict(p_treat=p["p_treat"], p_control=p["p_control"], n_treat=n_t, n_control=n_c, good=p["good"],
                n_given=p["n"] is not None, label=p["label"], status=p["status"], source=p["source"],
                published_nnt=p.get("published_nnt"))


def icon_codes(p_treat: float, p_control: float, good: bool = True, people: int = 100) -> np.ndarray:
    """Category of each of ``people`` treated people: 0 event either way, 1 helped by treatment,
    2 harmed by treatment, 3 no event either way (rates rounded to whole people)."""
    p_treat = check_probability("p_treat", p_treat)
    p_control = check_probability("p_control", p_control)
    k_t, k_c = int(round(people * p_treat)), int(round(people * p_control))
    both = min(k_t, k_c)
    diff = abs(k_t - k_c)
    helped = (k_t > k_c) == good and diff > 0
    codes = np.full(people, 3, dtype=np.int8)
    codes[:both] = 0
    codes[both:both + diff] = 1 if helped else 2
    return codes


@functools.lru_cache(maxsize=4096)
def _nnt_state(preset: str, p_treat_pct: float, p_control_pct: float, n_arm: int) -> dict:
    v = preset_values(preset, p_treat_pct, p_control_pct, n_arm)
    pt, pc, good = v["p_treat"], v["p_control"], v["good"]
    res = tr.describe_two_rates(pt, pc, v["n_treat"], v["n_control"], higher_is_better=good)
    lt, ut = res["ci_treat"]
    lc, uc = res["ci_control"]
    event = "response" if good else "relapse"
    rd_pts = 100 * res["rd"]
    if math.isinf(res["nnt"]):
        head = "equal rates: no difference, NNT infinite"
    elif res["nnt"] > 0:
        head = (f"risk difference {rd_pts:+.1f} percentage points in favour of treatment; 1/{abs(res['rd']):.3f} "
                "gives the NNT")
    else:
        head = (f"risk difference {rd_pts:+.1f} points: treatment is worse, number needed to harm "
                f"{abs(res['nnt']):.1f}")
    if v.get("published_nnt"):
        head += f"; the paper reports it rounded up to a whole person, {v['published_nnt']}"
    n_txt = (f"n = {v['n_treat']} vs {v['n_control']}" if v["n_given"]
             else f"n = {v['n_treat']} per arm (assumed: move the n slider)")
    ratio = f"odds ratio {res['or']:.2f}, risk ratio {res['rr']:.2f}" if np.isfinite(res["or"]) else ""
    tag = f" [{v['status']}]" if v["status"] == "unverified" else ""
    readout = (f"{v['label']}{tag}: {event} {100 * pt:.1f}% vs {100 * pc:.1f}%; {head}. 95% CI (Newcombe, "
               f"{n_txt}): {res['text']}. {ratio}.")
    codes = icon_codes(pt, pc, good)
    return {
        "data": [
            {"y": [100 * pt, 100 * pc],
             "error_y": {"type": "data", "symmetric": False, "array": [100 * (ut - pt), 100 * (uc - pc)],
                         "arrayminus": [100 * (pt - lt), 100 * (pc - lc)], "color": "#333"}},
            {"marker": {"color": codes}},
        ],
        "layout": {"yaxis": {"title": {"text": f"{event} rate (%)"}}},
        "readout": readout,
    }


def nnt_demo() -> Demo:
    """Two response rates -> risk difference, NNT (with a Newcombe CI), OR and an icon array."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    xs, ys = np.meshgrid(np.arange(10), np.arange(10)[::-1])
    xs, ys = xs.ravel(), ys.ravel()
    scale = [[0, _C_BOTH], [0.1667, _C_BOTH], [0.1667, _C_BENEFIT], [0.5, _C_BENEFIT], [0.5, _C_HARM],
             [0.8333, _C_HARM], [0.8333, _C_NONE], [1, _C_NONE]]

    def figure():
        fig = make_subplots(rows=1, cols=2, column_widths=[0.42, 0.58], horizontal_spacing=0.12,
                            subplot_titles=("Event rates with 95% Wilson intervals", "100 treated people"))
        fig.add_trace(go.Bar(x=["treatment", "control"], y=[50, 30], marker_color=[OKABE_ITO[0], "#999999"],
                             showlegend=False, hovertemplate="%{x}: %{y:.1f}%<extra></extra>"), 1, 1)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers", showlegend=False, hoverinfo="skip",
                                 marker=dict(size=10, symbol="circle", color=np.zeros(100, dtype=np.int8),
                                             cmin=0, cmax=3, colorscale=scale)), 1, 2)
        for name, col in (("event with or without treatment", _C_BOTH), ("helped by treatment", _C_BENEFIT),
                          ("harmed by treatment", _C_HARM), ("no event either way", _C_NONE)):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name,
                                     marker=dict(size=12, color=col)), 1, 2)
        fig.update_yaxes(range=[0, 100], row=1, col=1)
        fig.update_xaxes(visible=False, row=1, col=2)
        fig.update_yaxes(visible=False, scaleanchor="x2", row=1, col=2)
        fig.update_layout(height=470, legend=dict(orientation="h", y=1.2, x=0, yanchor="bottom"),
                          margin=dict(t=130), title=dict(text="Number needed to treat from two rates", y=0.98))
        return fig

    def update(preset, p_treat, p_control, n_arm):
        return _nnt_state(preset, float(p_treat), float(p_control), int(n_arm))

    return Demo(
        name="nnt_from_rates",
        controls=[Choice("preset", "Trial", [(v["label"], k) for k, v in PRESETS.items()], "custom"),
                  Slider("p_treat", "Rate on treatment", 5, 95, 5, 50, unit="%"),
                  Slider("p_control", "Rate on control", 5, 95, 5, 35, unit="%"),
                  Slider("n_arm", "People per arm (for the CI)", 20, 500, 20, 100)],
        figure=figure,
        update=update,
        alt=("Left: two bars, the event rate on treatment and on control, with 95% confidence intervals. Right: "
             "a grid of 100 dots, one per treated person, coloured by whether they would have had the event "
             "anyway, were helped by the treatment, were harmed, or had no event either way."),
        caption=("Only the green dots are due to the treatment: the NNT is 100 divided by their number. Set the "
                 "control rate high and watch a 'response rate' that sounds impressive shrink to a modest NNT. "
                 "In the book the sliders move the two rates (100 people per arm); in JupyterLab, choose a "
                 "published trial in the first menu."),
        static=["p_treat", "p_control"],
    )


def presets_markdown():
    """The published presets as a table (book and JupyterLab): rates, risk difference, NNT with its
    95% interval where the arm sizes are known, and the NNT the paper itself reported."""
    from ..evidence import _Markdown
    from ..facts import fill

    t = preset_table()
    head = "| Trial and outcome | Treated % | Control % | RD (points) | NNT (95% CI) | NNT as published |"
    rows_md, rows_txt = [], []
    for key, r in t.iterrows():
        nnt_txt = f"{r['NNT']:.1f}"
        fact_id = PRESETS[key].get("fact_nnt")
        nnt_md = f"{{fact-nocite}}`{nnt_txt} <{fact_id}>`" if fact_id else nnt_txt
        known = not math.isnan(r["NNT 95% CI low"])
        ci = f" ({r['NNT 95% CI low']:.1f} to {r['NNT 95% CI high']:.1f})" if known else " (arm sizes not known)"
        ci_md = (f" ({{fact-nocite}}`{r['NNT 95% CI low']:.1f} <{fact_id}_ci_low>` to "
                 f"{{fact-nocite}}`{r['NNT 95% CI high']:.1f} <{fact_id}_ci_high>`)") if fact_id and known else ci
        pub = "none reported" if math.isnan(r["NNT as published"]) else str(int(r["NNT as published"]))
        cells = [r["trial"], f"{r['treatment %']:.1f}", f"{r['control %']:.1f}", f"{r['risk difference (points)']:.1f}"]
        rows_md.append("| " + " | ".join(cells + [fill(nnt_md + ci_md, markup="myst"), pub]) + " |")
        rows_txt.append(cells + [nnt_txt + ci, pub])
    md = head + "\n|---|---|---|---|---|---|\n" + "\n".join(rows_md) + "\n"
    h = ('<table class="dmnlab-table"><thead><tr>' + "".join(
        f'<th scope="col">{c}</th>' for c in ("Trial and outcome", "Treated %", "Control %", "RD (points)",
                                                "NNT (95% CI)", "NNT as published")) + "</tr></thead><tbody>"
         + "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows_txt)
         + "</tbody></table>")
    return _Markdown(md, h)


def preset_table() -> pd.DataFrame:
    """Every published preset with its risk difference, NNT and (where the arm sizes are known) the
    NNT's 95% interval (Newcombe's risk-difference interval, inverted), indexed by preset key."""
    rows = {}
    for k, p in PRESETS.items():
        if k == "custom":
            continue
        rd = tr.risk_difference(p["p_treat"], p["p_control"], p["good"])
        lo = hi = math.nan
        if p["n"]:
            res = tr.nnt_interval(p["p_treat"], p["p_control"], p["n"][0], p["n"][1], higher_is_better=p["good"])
            if res["nnt_low"] is not None:
                lo, hi = res["nnt_low"], res["nnt_high"]
        rows[k] = {"trial": p["row"], "treatment %": round(100 * p["p_treat"], 1),
                   "control %": round(100 * p["p_control"], 1), "risk difference (points)": round(100 * rd, 1),
                   "NNT": round(tr.nnt(p["p_treat"], p["p_control"], p["good"]), 1),
                   "NNT 95% CI low": lo, "NNT 95% CI high": hi,
                   "NNT as published": p["published_nnt"] if p["published_nnt"] else math.nan,
                   "status": p["status"], "source": p["source"]}
    return pd.DataFrame.from_dict(rows, orient="index")


# --------------------------------------------------------------------------- forest plot

FOREST_GROUPS = {
    "hamd": "Mean difference, HAMD-17 points",
    "madrs": "Mean difference, MADRS points",
    "qids": "Mean difference, QIDS-SR-16 points",
    "or_response": "Odds ratio for response",
    "ratio_harm": "Ratio for a harmful event (relapse, suicide)",
}

#: One sign convention for every mean-difference panel: change on the treatment minus change on the
#: control, so a negative value (left of 0) means symptoms fell more on the treatment. It is the
#: convention of the published differences (TRANSFORM-2, KARMA-Dep 2, psilocybin vs escitalopram:
#: psilocybin minus escitalopram, fact ``carhartharris2021_qids_diff``); a row published the other
#: way round (a drug-minus-placebo *improvement*, Stone 2022) is shown with its sign reversed, and
#: its hover text says so.
MD_CONVENTION = "treatment minus control change in score; negative (left) = symptoms fell more on the treatment"


def load_trials() -> pd.DataFrame:
    """data/trials.csv with a forest-plot ``group`` column."""
    df = load_table("trials.csv")

    def group(r):
        if r["measure"] in ("MD", "SMD"):
            return {"HAMD-17": "hamd", "MADRS": "madrs", "QIDS-SR-16": "qids"}.get(r["scale"], "other")
        if r["measure"] in ("OR", "RR", "HR"):
            return "or_response" if r["favours"] == "higher" else "ratio_harm"
        return "other"

    df = df.copy()
    df["group"] = df.apply(group, axis=1)
    return df


@functools.lru_cache(maxsize=32)
def forest_rows(group: str) -> pd.DataFrame:
    """The rows of one forest-plot panel, as plotted: ``x``, ``lo``, ``hi``.

    Mean differences follow :data:`MD_CONVENTION` (a row whose published difference is an
    improvement, ``favours == "higher"``, is reversed; ``flipped`` marks it). Ratios are shown as
    published. Rows whose values could not be checked (status ``unverified``) are not plotted."""
    check_choice("group", group, list(FOREST_GROUPS))
    df = load_trials()
    out = df[(df["group"] == group) & (df["status"] != "unverified")].copy()
    flip = (out["measure"].isin(["MD", "SMD"])) & (out["favours"] == "higher")
    out["flipped"] = flip
    out["x"] = np.where(flip, -out["estimate"], out["estimate"])
    out["lo"] = np.where(flip, -out["ci_high"], out["ci_low"])
    out["hi"] = np.where(flip, -out["ci_low"], out["ci_high"])
    out["published"] = [f"{m} {e:g} (95% CI {a:g} to {b:g})" + (" as an improvement; sign reversed here" if f else "")
                        for m, e, a, b, f in zip(out["measure"], out["estimate"], out["ci_low"], out["ci_high"], flip)]
    return out.reset_index(drop=True)


def _panel(group: str) -> dict:
    """Traces and axes of one forest-plot panel."""
    rows = forest_rows(group)
    is_ratio = group in ("or_response", "ratio_harm")
    labels = [f"{t} [{s}]" if s != "verified" else t for t, s in zip(rows["trial"], rows["status"])]
    trace = dict(
        x=rows["x"].tolist(), y=labels,
        error_x={"type": "data", "symmetric": False, "array": (rows["hi"] - rows["x"]).tolist(),
                 "arrayminus": (rows["x"] - rows["lo"]).tolist(), "color": "#222", "thickness": 2},
        text=[f"{c}<br>published: {p}<br>{n}" for c, p, n in zip(rows["comparison"], rows["published"], rows["note"])],
    )
    if is_ratio:
        xlab = ("odds ratio (log scale)<br>right of 1 favours the drug" if group == "or_response"
                else "ratio (log scale)<br>left of 1 favours the treatment")
        lo, hi = float(rows["lo"].min()), float(rows["hi"].max())
        xr = [math.log10(min(lo, 1.0) / 1.3), math.log10(max(hi, 1.0) * 1.3)]
    else:
        xlab = "treatment minus control change (points)<br>left of 0 favours the treatment"
        lo, hi = float(rows["lo"].min()), float(rows["hi"].max())
        pad = 0.1 * (max(hi, 0) - min(lo, 0) + 1e-9)
        xr = [min(lo, 0) - pad, max(hi, 0) + pad]
    return dict(trace=trace, labels=labels, xr=xr, xlab=xlab, is_ratio=is_ratio, null=1.0 if is_ratio else 0.0,
                n=len(rows), n_cross=int(((rows["lo"] <= (1.0 if is_ratio else 0.0))
                                          & ((1.0 if is_ratio else 0.0) <= rows["hi"])).sum()))


_PANELS = list(FOREST_GROUPS)


@functools.lru_cache(maxsize=32)
def _forest_cached(group: str) -> dict:
    """Only visibilities and axes change: every panel's traces are in the figure from the start."""
    check_choice("group", group, list(FOREST_GROUPS))
    pan = _panel(group)
    k = _PANELS.index(group)
    data = []
    for i in range(len(_PANELS)):
        data += [{"visible": i == k}, {"visible": i == k}]
    readout = (f"{FOREST_GROUPS[group]}: {pan['n']} estimate(s), {pan['n_cross']} with an interval that includes "
               "no effect. Hover over a row for the published numbers.")
    layout = {"xaxis": {"type": "log" if pan["is_ratio"] else "linear", "range": pan["xr"],
                        "title": {"text": pan["xlab"]}},
              "yaxis": {"categoryarray": pan["labels"][::-1]},
              "title": {"text": FOREST_GROUPS[group]}}
    return {"data": data, "layout": layout, "readout": readout}


def forest_demo() -> Demo:
    """A forest plot of data/trials.csv, one outcome type at a time so scales are never mixed."""
    import plotly.graph_objects as go

    hover = "<b>%{y}</b><br>%{text}<extra></extra>"

    def figure():
        fig = go.Figure()
        for g in _PANELS:
            pan = _panel(g)
            fig.add_trace(go.Scatter(**pan["trace"], mode="markers", name="estimate and 95% interval",
                                     showlegend=False, visible=False,
                                     marker=dict(symbol="square", size=11, color=OKABE_ITO[0]), hovertemplate=hover))
            ys = pan["labels"] or [""]
            fig.add_trace(go.Scatter(x=[pan["null"]] * len(ys), y=ys, mode="lines", name="no effect",
                                     showlegend=False, visible=False, hoverinfo="skip",
                                     line=dict(color="#555", dash="dot", width=1.5)))
        fig.update_layout(height=430, margin=dict(l=20, r=20, t=60, b=40), title="Key trials of chapters 4-6",
                          showlegend=False, yaxis=dict(type="category", categoryorder="array", automargin=True))
        return fig

    return Demo(
        name="trials_forest",
        controls=[Choice("group", "Outcome", [(v, k) for k, v in FOREST_GROUPS.items()], "madrs")],
        figure=figure,
        update=lambda group: _forest_cached(group),
        alt=("A forest plot: one row per trial or meta-analysis, a square at its estimate and a horizontal line "
             "for its 95% interval, a dotted vertical line at no effect (0 for a difference, 1 for a ratio). A menu "
             "picks one outcome type at a time."),
        caption=("Read the intervals, not just the squares: an interval that crosses the dotted line is compatible "
                 "with no effect (KARMA-Dep 2; psilocybin vs escitalopram). In every mean-difference panel the "
                 "difference is the treatment's change minus the control's, so left of the line favours the "
                 "treatment; scales are never mixed in one panel. Data: data/trials.csv, each row with its source "
                 "(rows marked [secondary] were read in reports of the paper, not the paper itself)."),
    )


def demos() -> list:
    """Every demo of chapter 8 (used by the tests and by `make bench`)."""
    return [nnt_demo(), forest_demo(), claims_filter_demo()]


# --------------------------------------------------------------------------- static figures

def verdict_grade_figure():
    """Counts of the claims by verdict and evidence grade (a heatmap)."""
    import plotly.graph_objects as go

    from ..evidence import GRADES, VERDICTS
    from ..evidence_table import claims_frame
    from ..render import StaticFigure

    df = claims_frame()
    tab = df.groupby(["verdict", "grade"]).size().unstack(fill_value=0).reindex(
        index=list(VERDICTS), columns=list(GRADES), fill_value=0)
    fig = go.Figure(go.Heatmap(z=tab.to_numpy(), x=[f"grade {g}" for g in tab.columns], y=list(tab.index),
                               colorscale="Cividis", text=tab.to_numpy(), texttemplate="%{text}",
                               hovertemplate="%{y}, %{x}: %{z} claims<extra></extra>",
                               colorbar=dict(title="claims")))
    fig.update_layout(height=360, title=f"{len(df)} claims of the seed texts by verdict and evidence grade",
                      yaxis=dict(autorange="reversed"), margin=dict(l=120))
    return StaticFigure(
        fig,
        alt=("A heatmap with the seven verdicts as rows and the four evidence grades as columns; each cell "
             "gives the number of seed-text claims with that verdict and grade."),
        caption=("Few claims are simply 'supported'. Most are oversimplified, misleading or unsupported, and "
                 "the unsafe ones (selling, self-referral) are graded A because the facts that refute them "
                 "(what is approved, and how) are certain."),
    )


def active_placebo_figure():
    """Ketamine's day-1 effect size against midazolam vs against saline (Wilkinson et al. 2019)."""
    import plotly.graph_objects as go

    from ..facts import fact, fill
    from ..render import StaticFigure

    labels = ["ketamine vs midazolam<br>(active placebo)", "ketamine vs saline<br>(inert placebo)"]
    d = np.array([fact("wilkinson2019_d_midazolam").number, fact("wilkinson2019_d_saline").number])
    lo, hi = np.array([0.4, 1.4]), np.array([0.9, 2.2])  # 95% CIs, same abstract (see the facts' statements)
    fig = go.Figure(go.Bar(x=labels, y=d, marker_color=[OKABE_ITO[0], OKABE_ITO[1]],
                           error_y=dict(type="data", symmetric=False, array=hi - d, arrayminus=d - lo, color="#222"),
                           hovertemplate="%{x}: d = %{y}<extra></extra>"))
    fig.update_layout(height=360, yaxis_title="effect size d, baseline to day 1", bargap=0.5,
                      title="The same drug looks bigger against an inert placebo (9 trials, 367 patients)")
    return StaticFigure(
        fig,
        alt=fill("Two bars: the effect size of ketamine at day 1 was {fact}`0.7 <wilkinson2019_d_midazolam>` "
                 "(95% CI 0.4 to 0.9) in trials that used midazolam as control and "
                 "{fact}`1.8 <wilkinson2019_d_saline>` (1.4 to 2.2) in trials that used saline."),
        caption=("With saline, patients and raters can tell who had ketamine, and expectation inflates the "
                 "difference. The pooled analysis found the gap came mostly from midazolam doing better than "
                 "saline, not from ketamine doing worse. Data: Wilkinson et al. 2019 (patient-level pooled analysis "
                 "of nine trials; values read in its abstract)."),
    )


def d_nnt_figure():
    """NNT implied by d: Kraemer & Kupfer's formula vs Furukawa's at three control rates (model)."""
    import plotly.graph_objects as go

    from ..render import StaticFigure

    ds = np.round(np.arange(0.1, 1.21, 0.02), 2)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ds, y=[tr.nnt_from_d_kraemer(d) for d in ds], name="Kraemer & Kupfer (no control rate)",
                             line=dict(color="#000", width=3)))
    for cer, col, dash in ((0.1, OKABE_ITO[0], "solid"), (0.3, OKABE_ITO[2], "dash"), (0.5, OKABE_ITO[1], "dot")):
        fig.add_trace(go.Scatter(x=ds, y=[tr.nnt_from_d_furukawa(d, cer) for d in ds],
                                 name=f"Furukawa, control rate {int(cer * 100)}%", line=dict(color=col, dash=dash)))
    fig.update_layout(height=470, xaxis_title="standardised mean difference d",
                      yaxis=dict(title="NNT (log scale)", type="log", tickvals=[1, 2, 3, 5, 10, 20, 50, 100]),
                      title="Model: the NNT that a given d implies depends on the control rate",
                      legend=dict(orientation="h", x=0, y=-0.25, yanchor="top"), margin=dict(b=120))
    return StaticFigure(
        fig,
        alt=("Four falling curves of NNT (log scale) against d from 0.1 to 1.2: one for the Kraemer-Kupfer formula "
             "and three for Furukawa's formula at control response rates of 10, 30 and 50 percent."),
        caption=("Model (normal outcomes, equal spread). At d = 0.3 the NNT is about 6 by Kraemer-Kupfer, but "
                 "between about 8.5 and 16 by Furukawa's formula, depending on how many respond without the drug. "
                 "An NNT without its control rate is half a number."),
    )


def seventy_percent_rows() -> list:
    """The studies behind "up to 70%": (label, drug %, control % or None, fact id of the drug rate).

    Only values read in the papers' abstracts are drawn. Left out: the crossover trial often quoted
    for 71% at 24 h (Zarate 2006; its numbers could not be read for this course) and KARMA-Dep 2's
    response rates (found only on a blog)."""
    from ..facts import fact

    def f(fid):
        return fact(fid).number

    return [
        ("Open label, up to 6 infusions (n = 24)", f("murrough2013_repeated_response_pct"), None),
        ("Ketamine vs midazolam, 24 h (n = 73)", f("murrough2013_response_ketamine_pct"),
         f("murrough2013_response_midazolam_pct")),
        ("Esketamine, day 28<br>(TRANSFORM-1 and -2, post hoc)",
         f("esk_transform_pooled_response_pct"), f("esk_transform_pooled_control_response_pct")),
    ]


def seventy_percent_figure():
    """Response on the drug and on the control in the studies behind 'up to 70 %'."""
    import plotly.graph_objects as go

    from ..facts import fill
    from ..render import StaticFigure

    rows = seventy_percent_rows()
    labels = [r[0] for r in rows]
    fig = go.Figure()
    for lab, drug, ctrl in rows:
        if ctrl is not None:
            fig.add_trace(go.Scatter(x=[ctrl, drug], y=[lab, lab], mode="lines", line=dict(color="#999", width=4),
                                     showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[r[1] for r in rows], y=labels, mode="markers", name="on ketamine / esketamine",
                             marker=dict(size=13, color=OKABE_ITO[1], symbol="circle"),
                             hovertemplate="%{y}: %{x}% on the drug<extra></extra>"))
    fig.add_trace(go.Scatter(x=[r[2] for r in rows if r[2] is not None],
                             y=[r[0] for r in rows if r[2] is not None], mode="markers",
                             name="on the control treatment", marker=dict(size=13, color=OKABE_ITO[0], symbol="square"),
                             hovertemplate="%{y}: %{x}% on the control<extra></extra>"))
    fig.update_layout(height=340, xaxis=dict(title="responders (%)", range=[0, 100]),
                      yaxis=dict(range=[len(labels) - 0.4, -0.6], categoryorder="array", categoryarray=labels),
                      margin=dict(l=250), legend=dict(orientation="h", y=-0.3), title="Where 'up to 70%' comes from")
    return StaticFigure(
        fig,
        alt=fill("Dot plot of response rates in three studies. The top row, an open-label series, has only a drug "
                 "dot at {fact-nocite}`70.8 <murrough2013_repeated_response_pct>` percent and no control. The two "
                 "controlled comparisons show a drug dot and a control dot joined by a line: "
                 "{fact-nocite}`64 <murrough2013_response_ketamine_pct>` vs "
                 "{fact-nocite}`28 <murrough2013_response_midazolam_pct>` percent for ketamine against midazolam "
                 "at 24 hours, and {fact-nocite}`58.7 <esk_transform_pooled_response_pct>` vs "
                 "{fact-nocite}`45.2 <esk_transform_pooled_control_response_pct>` percent for esketamine at day 28."),
        caption=("Rows from the top: Murrough 2013 open-label series of repeated infusions; Murrough 2013 "
                 "midazolam-controlled trial of one infusion; Turkoz 2021's post hoc pooling of the people with "
                 "day-28 data in TRANSFORM-1 and -2 (not intention-to-treat). The 70% figure has no control group. "
                 "Where there is one, the control arm responds too, and the part due to the drug is the gap between "
                 "the dots. Two often-quoted numbers are left out because they could not be checked against the "
                 "papers: the response rate at 24 hours of a crossover trial of 18 patients, and the response rates "
                 "of KARMA-Dep 2."),
    )
