"""Chapter 8 demos: NNT and risk difference from two response rates; a forest plot of the key
trials of chapters 4-6 (data/trials.csv); the filterable claims table."""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from ..data import load_table
from ..evidence_table import claims_filter_demo
from ..interact import Choice, Demo, Slider, Toggle
from ..models import trials as tr
from ..render import OKABE_ITO
from ..validate import check_choice, check_probability

# --------------------------------------------------------------------------- presets

#: Published response (or relapse) rates. ``n`` = (treated, control) or None when the arm sizes
#: were not verified (the demo then uses the slider's value and says so).
PRESETS = {
    "custom": dict(label="Your own numbers (use the sliders)"),
    "transform28": dict(label="Esketamine + oral AD vs oral AD, response day 28 (TRANSFORM pooled)",
                        p_treat=0.587, p_control=0.452, n=None, good=True, status="verified",
                        source="Turkoz et al. 2021, pooled TRANSFORM-1 and -2"),
    "transform2": dict(label="Esketamine + oral AD vs oral AD, response day 2 (TRANSFORM pooled)",
                       p_treat=0.173, p_control=0.094, n=None, good=True, status="verified",
                       source="Turkoz et al. 2021"),
    "stone": dict(label="Antidepressant vs placebo, 'large response' (FDA pooled data)",
                  p_treat=0.245, p_control=0.096, n=None, good=True, status="verified",
                  source="Stone et al. 2022, 232 trials, 73,388 participants"),
    "sustain1": dict(label="Esketamine continued vs stopped, relapse in stable remitters (SUSTAIN-1)",
                     p_treat=0.267, p_control=0.453, n=None, good=False, status="verified",
                     source="Daly et al. 2019; relapse is a bad event"),
    "karma": dict(label="Serial ketamine vs midazolam, response (KARMA-Dep 2)",
                  p_treat=0.469, p_control=0.333, n=(32, 30), good=True, status="verified",
                  source="Jelovac et al. 2025; arm sizes inferred from the percentages of 62 analysed"),
    "murrough": dict(label="Ketamine vs midazolam, response at 24 h (Murrough 2013)",
                     p_treat=0.64, p_control=0.28, n=(47, 25), good=True, status="unverified",
                     source="Murrough et al. 2013; rates recalled, not verified; arm sizes from the abstract's t-tests"),
}

_C_BOTH, _C_BENEFIT, _C_HARM, _C_NONE = "#56B4E9", "#009E73", "#D55E00", "#dddddd"


def preset_values(preset: str, p_treat_pct: float, p_control_pct: float, n_arm: int) -> dict:
    """The rates, arm sizes and direction the demo uses for ``preset`` (sliders if 'custom')."""
    check_choice("preset", preset, list(PRESETS))
    if preset == "custom":
        return dict(p_treat=p_treat_pct / 100, p_control=p_control_pct / 100, n_treat=int(n_arm),
                    n_control=int(n_arm), good=True, n_given=False, label=PRESETS[preset]["label"],
                    status="", source="")
    p = PRESETS[preset]
    n_t, n_c = p["n"] if p["n"] else (int(n_arm), int(n_arm))
    return dict(p_treat=p["p_treat"], p_control=p["p_control"], n_treat=n_t, n_control=n_c, good=p["good"],
                n_given=p["n"] is not None, label=p["label"], status=p["status"], source=p["source"])


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
        head = (f"risk difference {rd_pts:+.1f} percentage points in favour of treatment -> NNT = 1/"
                f"{abs(res['rd']):.3f} = {res['nnt']:.1f}, reported as {res['nnt_rounded']:.0f}")
    else:
        head = (f"risk difference {rd_pts:+.1f} points: treatment is worse -> number needed to harm "
                f"{abs(res['nnt']):.1f}")
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
                                 marker=dict(size=17, symbol="circle", color=np.zeros(100, dtype=np.int8),
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
    """The published presets as a table (book and JupyterLab)."""
    from ..evidence import _Markdown

    t = preset_table()
    head = "| Trial and outcome | Treated % | Control % | RD (points) | NNT | Reported |"
    rows = [f"| {r['trial']}{' **[unverified]**' if r['status'] == 'unverified' else ''} | {r['treatment %']:.1f} | "
            f"{r['control %']:.1f} | {r['risk difference (points)']:.1f} | {r['NNT']:.1f} | "
            f"{r['NNT reported (rounded up)']} |" for _, r in t.iterrows()]
    md = head + "\n|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    return _Markdown(md, t.drop(columns=["source"]).to_html(index=False, classes="dmnlab-table"))


def preset_table() -> pd.DataFrame:
    """Every published preset with its risk difference and NNT (for the static page)."""
    rows = []
    for k, p in PRESETS.items():
        if k == "custom":
            continue
        rd = tr.risk_difference(p["p_treat"], p["p_control"], p["good"])
        rows.append({"trial": p["label"], "treatment %": round(100 * p["p_treat"], 1),
                     "control %": round(100 * p["p_control"], 1), "risk difference (points)": round(100 * rd, 1),
                     "NNT": round(tr.nnt(p["p_treat"], p["p_control"], p["good"]), 1),
                     "NNT reported (rounded up)": int(tr.nnt_rounded(p["p_treat"], p["p_control"], p["good"])),
                     "status": p["status"], "source": p["source"]})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- forest plot

FOREST_GROUPS = {
    "hamd": "Mean difference, HAMD-17 points",
    "madrs": "Mean difference, MADRS points",
    "qids": "Mean difference, QIDS-SR-16 points",
    "or_response": "Odds ratio for response",
    "ratio_harm": "Ratio for a harmful event (relapse, suicide)",
}


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
def forest_rows(group: str, include_unverified: bool = True) -> pd.DataFrame:
    """The rows of one forest-plot panel. Mean differences are put on one direction: positive =
    in favour of the treatment (the published sign is kept in ``published``)."""
    check_choice("group", group, list(FOREST_GROUPS))
    df = load_trials()
    df = df[df["group"] == group]
    if not include_unverified:
        df = df[df["status"] != "unverified"]  # verified and secondary rows stay
    out = df.copy()
    flip = (out["measure"].isin(["MD", "SMD"])) & (out["favours"] == "lower")
    out["x"] = np.where(flip, -out["estimate"], out["estimate"])
    out["lo"] = np.where(flip, -out["ci_high"], out["ci_low"])
    out["hi"] = np.where(flip, -out["ci_low"], out["ci_high"])
    out["published"] = [f"{m} {e:g} (95% CI {a:g} to {b:g})" for m, e, a, b in
                        zip(out["measure"], out["estimate"], out["ci_low"], out["ci_high"])]
    return out.reset_index(drop=True)


def _panel(group: str, include_unverified: bool) -> dict:
    """Traces and axes of one forest-plot panel."""
    rows = forest_rows(group, include_unverified)
    is_ratio = group in ("or_response", "ratio_harm")
    labels = [f"{t} [{s}]" if s != "verified" else t for t, s in zip(rows["trial"], rows["status"])]
    traces = []
    for status in ("verified", "unverified"):
        sub = ((rows["status"] == "unverified") == (status == "unverified")).to_numpy()  # secondary: solid
        r = rows[sub]
        traces.append(dict(
            x=r["x"].tolist(), y=[lab for lab, s in zip(labels, sub) if s],
            error_x={"type": "data", "symmetric": False, "array": (r["hi"] - r["x"]).tolist(),
                     "arrayminus": (r["x"] - r["lo"]).tolist(),
                     "color": "#222" if status == "verified" else "#888", "thickness": 2},
            text=[f"{c}<br>published: {p}<br>{n}" for c, p, n in zip(r["comparison"], r["published"], r["note"])],
        ))
    if rows.empty:
        xr, xlab = [-1, 1], ""
    elif is_ratio:
        xlab = ("odds ratio (log scale; > 1 favours the drug)" if group == "or_response"
                else "ratio (log scale; < 1 favours the treatment)")
        lo, hi = float(rows["lo"].min()), float(rows["hi"].max())
        xr = [math.log10(min(lo, 1.0) / 1.3), math.log10(max(hi, 1.0) * 1.3)]
    else:
        xlab = "difference in points, positive = in favour of the treatment"
        lo, hi = float(rows["lo"].min()), float(rows["hi"].max())
        pad = 0.1 * (max(hi, 0) - min(lo, 0) + 1e-9)
        xr = [min(lo, 0) - pad, max(hi, 0) + pad]
    null = 1.0 if is_ratio else 0.0
    return dict(traces=traces, labels=labels, xr=xr, xlab=xlab, is_ratio=is_ratio, null=null, n=len(rows),
                n_unv=int((rows["status"] == "unverified").sum()))


_PANELS = [(g, u) for g in FOREST_GROUPS for u in (True, False)]


@functools.lru_cache(maxsize=32)
def _forest_cached(group: str, include_unverified: bool) -> dict:
    """Only visibilities and axes change: every panel's traces are in the figure from the start."""
    check_choice("group", group, list(FOREST_GROUPS))
    pan = _panel(group, include_unverified)
    k = _PANELS.index((group, include_unverified))
    data = []
    for i in range(len(_PANELS)):
        on = i == k
        data += [{"visible": on}, {"visible": on}, {"visible": on}]
    if pan["n"] == 0:
        readout = (f"{FOREST_GROUPS[group]}: no estimate in this panel has a verified interval; switch the "
                   "toggle on to see the unverified ones.")
    else:
        readout = (f"{FOREST_GROUPS[group]}: {pan['n']} estimate(s)"
                   + (f", {pan['n_unv']} with an unverified interval (open grey diamond)" if pan["n_unv"] else "")
                   + ". Hover over a row for the published numbers.")
    layout = {"xaxis": {"type": "log" if pan["is_ratio"] else "linear", "range": pan["xr"]},
              "yaxis": {"categoryarray": pan["labels"][::-1]},
              "title": {"text": f"{FOREST_GROUPS[group]}<br><sup>{pan['xlab']}</sup>"}}
    return {"data": data, "layout": layout, "readout": readout}


def forest_demo() -> Demo:
    """A forest plot of data/trials.csv, one outcome type at a time so scales are never mixed."""
    import plotly.graph_objects as go

    hover = "<b>%{y}</b><br>%{text}<extra></extra>"

    def figure():
        fig = go.Figure()
        for i, (g, u) in enumerate(_PANELS):
            pan = _panel(g, u)
            first = i == 0
            ver, unv = pan["traces"]
            fig.add_trace(go.Scatter(**ver, mode="markers", name="verified estimate and 95% interval",
                                     legendgroup="v", showlegend=first, visible=False,
                                     marker=dict(symbol="square", size=11, color=OKABE_ITO[0]), hovertemplate=hover))
            fig.add_trace(go.Scatter(**unv, mode="markers", name="interval not verified", legendgroup="u",
                                     showlegend=first, visible=False,
                                     marker=dict(symbol="diamond-open", size=12, color="#888", line=dict(width=2)),
                                     hovertemplate=hover))
            ys = pan["labels"] or [""]
            fig.add_trace(go.Scatter(x=[pan["null"]] * len(ys), y=ys, mode="lines", name="no effect",
                                     legendgroup="n", showlegend=first, visible=False, hoverinfo="skip",
                                     line=dict(color="#555", dash="dot", width=1.5)))
        fig.update_layout(height=420, margin=dict(l=250, r=20, t=70, b=40), title="Key trials of chapters 4-6",
                          legend=dict(orientation="h", y=-0.25, x=0),
                          yaxis=dict(type="category", categoryorder="array"))
        return fig

    return Demo(
        name="trials_forest",
        controls=[Choice("group", "Outcome", [(v, k) for k, v in FOREST_GROUPS.items()], "madrs"),
                  Toggle("include_unverified", "Show rows whose interval is unverified", True)],
        figure=figure,
        update=lambda group, include_unverified: _forest_cached(group, bool(include_unverified)),
        alt=("A forest plot: one row per trial or meta-analysis, a square at its estimate and a horizontal line "
             "for its 95% interval, a dotted vertical line at no effect. A menu picks one outcome type at a time."),
        caption=("Read the intervals, not just the squares: an interval that crosses the dotted line is compatible "
                 "with no effect (KARMA-Dep 2; psilocybin vs escitalopram). Mean differences are signed so that "
                 "right is always better for the treatment; scales are never mixed in one panel. Data: "
                 "data/trials.csv, each row with its source."),
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

    from ..render import StaticFigure

    labels = ["ketamine vs midazolam<br>(active placebo)", "ketamine vs saline<br>(inert placebo)"]
    d, lo, hi = np.array([0.7, 1.8]), np.array([0.4, 1.4]), np.array([0.9, 2.2])
    fig = go.Figure(go.Bar(x=labels, y=d, marker_color=[OKABE_ITO[0], OKABE_ITO[1]],
                           error_y=dict(type="data", symmetric=False, array=hi - d, arrayminus=d - lo, color="#222"),
                           hovertemplate="%{x}: d = %{y}<extra></extra>"))
    fig.update_layout(height=360, yaxis_title="effect size d, baseline to day 1", bargap=0.5,
                      title="The same drug looks bigger against an inert placebo (9 trials, 367 patients)")
    return StaticFigure(
        fig,
        alt=("Two bars: the effect size of ketamine at day 1 was about 0.7 (95% CI 0.4 to 0.9) in trials that used "
             "midazolam as control and about 1.8 (1.4 to 2.2) in trials that used saline."),
        caption=("With saline, patients and raters can tell who had ketamine, and expectation inflates the "
                 "difference. The pooled analysis found the gap came mostly from midazolam doing better than "
                 "saline, not from ketamine doing worse. Data: Wilkinson et al. 2019 (patient-level pooled analysis)."),
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
    fig.update_layout(height=400, xaxis_title="standardised mean difference d",
                      yaxis=dict(title="NNT (log scale)", type="log", tickvals=[1, 2, 3, 5, 10, 20, 50, 100]),
                      title="Model: the NNT that a given d implies depends on the control rate",
                      legend=dict(x=0.45, y=0.98))
    return StaticFigure(
        fig,
        alt=("Four falling curves of NNT (log scale) against d from 0.1 to 1.2: one for the Kraemer-Kupfer formula "
             "and three for Furukawa's formula at control response rates of 10, 30 and 50 percent."),
        caption=("Model (normal outcomes, equal spread). At d = 0.3 the NNT is about 6 by Kraemer-Kupfer, but "
                 "between about 8.5 and 16 by Furukawa's formula, depending on how many respond without the drug. "
                 "An NNT without its control rate is half a number."),
    )


def seventy_percent_figure():
    """Response on the drug and on the control in the studies behind 'up to 70 %'."""
    import plotly.graph_objects as go

    from ..render import StaticFigure

    rows = [  # label, drug %, control % (None = no control group), status
        ("Open label, up to 6 infusions (n = 24)", 70.8, None, "verified"),
        ("Crossover, 1 infusion (n = 18)", 71.0, None, "unverified"),
        ("vs midazolam, 24 h (n = 73)", 64.0, 28.0, "unverified"),
        ("Esketamine, day 28 (pooled TRANSFORM)", 58.7, 45.2, "verified"),
        ("vs midazolam, serial (KARMA-Dep 2)", 46.9, 33.3, "verified"),
    ]
    labels = [r[0] + (" [unverified]" if r[3] == "unverified" else "") for r in rows]
    fig = go.Figure()
    for lab, drug, ctrl, _ in rows:
        if ctrl is not None:
            fig.add_trace(go.Scatter(x=[ctrl, drug], y=[lab, lab], mode="lines", line=dict(color="#999", width=4),
                                     showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[r[1] for r in rows], y=labels, mode="markers", name="on ketamine / esketamine",
                             marker=dict(size=13, color=OKABE_ITO[1], symbol="circle")))
    fig.add_trace(go.Scatter(x=[r[2] for r in rows if r[2] is not None],
                             y=[lab for lab, r in zip(labels, rows) if r[2] is not None], mode="markers",
                             name="on the control treatment", marker=dict(size=13, color=OKABE_ITO[0], symbol="square")))
    fig.update_layout(height=380, xaxis=dict(title="responders (%)", range=[0, 100]),
                      yaxis=dict(autorange="reversed", categoryorder="array", categoryarray=labels),
                      margin=dict(l=250),
                      legend=dict(orientation="h", y=-0.25), title="Where 'up to 70%' comes from")
    # the lines were added first with the raw labels; relabel them to match the markers
    k = 0
    for lab, r in zip(labels, rows):
        if r[2] is not None:
            fig.data[k].y = [lab, lab]
            k += 1
    return StaticFigure(
        fig,
        alt=("Dot plot of response rates. The two top rows have only a ketamine dot near 70 percent and no control. "
             "The three controlled comparisons show an orange ketamine dot and a blue control dot joined by a line: "
             "64 vs 28 percent, 58.7 vs 45.2 percent and 46.9 vs 33.3 percent."),
        caption=("Rows from the top: Murrough 2013 open-label series; Zarate 2006 crossover trial; Murrough 2013 "
                 "midazolam-controlled trial; pooled TRANSFORM trials; KARMA-Dep 2. "
                 "The 70% figures have no control group. Where there is one, the control arm responds too, and the "
                 "part due to the drug is the gap between the dots: 13 to 14 points in the two larger verified "
                 "comparisons. Rows marked [unverified] use numbers recalled but not checked against the paper."),
    )
