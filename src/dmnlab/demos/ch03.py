"""Chapter 3 figures and demos: the DMN-in-depression studies side by side, why small studies
mislead (publication bias), the studies of a published meta-analysis (the brain-image
replications) for the learner to pool, and the sticky-mind model of rumination."""

from __future__ import annotations

import functools
import math

import numpy as np

from ..data import load_table
from ..interact import Demo, Slider
from ..models import publication_bias as pb
from ..models import rumination as rm
from ..render import OKABE_ITO, StaticFigure, plotly_template
from ..validate import check_number

__all__ = ["load_studies", "studies_figure", "publication_bias_demo", "sticky_mind_demo",
           "sticky_mind_state", "inflation_table", "load_brain_image_studies", "brain_image_forest", "demos"]

DIRECTION_COLOURS = {
    "increased": OKABE_ITO[1],                              # vermillion
    "increased (DMN-sgPFC coupling only)": OKABE_ITO[4],    # orange
    "decreased": OKABE_ITO[0],                              # blue
    "no difference": "#777777",
    "within-patient association": OKABE_ITO[2],             # bluish green: a correlation among patients,
}                                                           # not a patient-control difference


# --------------------------------------------------------------------------- the studies


def load_studies():
    """data/dmn_mdd_studies.csv: resting-state DMN studies of depression, side by side."""
    df = load_table("dmn_mdd_studies.csv")
    df["n_total"] = df["n_patients"] + df["n_controls"]
    return df


def studies_figure() -> StaticFigure:
    """One figure: each study's sample size (x, log scale), direction (colour) and design
    (symbol), with the effect size where the study reports one."""
    import plotly.graph_objects as go

    df = load_studies().sort_values(["n_total", "year"], na_position="first").reset_index(drop=True)
    labels = [f"{s}{' *' if st == 'unverified' else ''}" for s, st in zip(df["study"], df["status"])]
    fig = go.Figure()
    xmissing = 12.0  # where studies whose n was not extracted are drawn
    for direction, colour in DIRECTION_COLOURS.items():
        sub = df[df["direction"] == direction]
        if sub.empty:
            continue
        x = sub["n_total"].fillna(xmissing).to_numpy(dtype=float)
        meta = sub["design"].str.contains("meta|pooled").to_numpy()
        text = []
        for _, r in sub.iterrows():
            n = ("n not extracted" if math.isnan(r["n_total"])
                 else f"{int(r['n_patients'])} patients, {int(r['n_controls'])} controls")
            eff = (f"<br>effect: {r['effect_size']:+.3f} ({r['effect_metric']})"
                   if not math.isnan(r["effect_size"]) else "")
            text.append(f"<b>{r['study']}</b> ({r['design']})<br>{n}<br>{r['measure']}<br>{r['dmn_finding']}{eff}"
                        f"<br>notes: {r['medication_recurrence']}<br>source: {r['source']} ({r['status']})")
        fig.add_trace(go.Scatter(
            x=x, y=[labels[i] for i in sub.index], mode="markers", name=f"DMN finding: {direction}",
            marker=dict(color=colour, size=np.where(meta, 16, 12),
                        symbol=np.where(meta, "diamond", "circle").tolist(),
                        line=dict(color="#222", width=1)),
            hovertext=text, hoverinfo="text"))
    # effect sizes as text where reported
    eff = df[df["effect_size"].notna()]
    fig.add_trace(go.Scatter(
        x=eff["n_total"].to_numpy(dtype=float), y=[labels[i] for i in eff.index], mode="text",
        text=[f"g = {v:.3f}".replace("-", "\u2212") + "\u2003\u2003" for v in eff["effect_size"]],
        textposition="middle left", textfont=dict(size=12), showlegend=False, hoverinfo="skip"))
    miss = df[df["n_total"].isna()]
    fig.add_trace(go.Scatter(
        x=np.full(len(miss), xmissing), y=[labels[i] for i in miss.index], mode="text",
        text=["\u2003\u2003n not extracted"] * len(miss), textposition="middle right",
        textfont=dict(size=11, color="#555"), showlegend=False, hoverinfo="skip"))
    fig.add_vline(x=25, line=dict(color="#999", dash="dot"))
    fig.add_annotation(x=math.log10(25), y=1.0, yref="paper", text="median fMRI study, n about 25",
                       showarrow=False, xanchor="left", yanchor="bottom", font=dict(size=11, color="#555"))
    fig.update_layout(
        template=plotly_template(), height=520,
        title=dict(text="DMN findings in depression by sample size (published studies)", font=dict(size=15)),
        xaxis=dict(type="log", title="patients + controls (log scale)", range=[1.0, 3.4]),
        yaxis=dict(title="", automargin=True, categoryorder="array", categoryarray=labels),  # small at the bottom
        legend=dict(orientation="h", y=-0.22, x=0),
        margin=dict(l=10, r=20, t=60, b=120),
    )
    alt = ("A dot chart with one row per study of the default mode network in depression, ordered by sample size. "
           "The x axis is the number of patients plus controls on a log scale. Vermillion dots mark studies that "
           "found increased DMN connectivity; an orange diamond marks increased DMN coupling with the subgenual "
           "prefrontal cortex only; blue marks decreased DMN connectivity; grey marks no difference; green marks "
           "a correlation within patients with no patient-control comparison (Hamilton 2011, 34 people). Diamonds "
           "are meta-analyses or pooled data. Small single studies (48 and 66 people) found increases; the two "
           "largest samples (REST-meta-MDD, 1,642 people; Tozzi 2021, 1,301 people, g = -0.246) found decreases.")
    caption = ("What to notice: the small single studies on the left report increased DMN connectivity; the "
               "largest samples on the right report a small decrease (in REST-meta-MDD only in recurrent, medicated "
               "patients); and the only effect size shown is small (Hedges' g = -0.246), with a prediction interval "
               "across sites that included zero. The green dot is not a group difference at all: it is a correlation "
               "among patients. Hover over a dot "
               "for the measure, the finding and the source. "
               "Data: data/dmn_mdd_studies.csv; * = not checked against the paper. Rows at the left edge are "
               "studies whose sample size is not extracted here (not small studies).")
    return StaticFigure(fig, alt=alt, caption=caption)


# --------------------------------------------------------------------------- a meta-analysis to redo


def load_brain_image_studies():
    """data/brain_image_studies.csv: group statistics of McCabe and Castel's experiment and the 10
    replications of Michael et al. (2013), one row per experiment and critique condition."""
    return load_table("brain_image_studies.csv")


def brain_image_forest() -> StaticFigure:
    """Forest plot of the 12 raw mean differences (image minus no image, 1-4 scale) with 95%
    intervals, and the pooled estimate Michael et al. published (from data/facts.csv)."""
    import plotly.graph_objects as go

    from ..facts import fact
    from ..models import effect_size as es

    df = load_brain_image_studies()
    y, v = zip(*[es.mean_difference(r.mean_image, r.sd_image, r.n_image, r.mean_no_image, r.sd_no_image,
                                    r.n_no_image) for r in df.itertuples()])
    y, se = np.array(y), np.sqrt(np.array(v))
    n = (df["n_image"] + df["n_no_image"]).to_numpy()
    labels = [(("Original + critique" if c == "yes" else "Original (McCabe 2008)") if s.startswith("McCabe") else
               "Replication " + e.replace("Experiment ", "") + (" + critique" if c == "yes" else ""))
              for s, e, c in zip(df["study"], df["experiment"], df["critique"])]
    pooled = fact("michael2013_pooled_diff").number
    lo, hi = fact("michael2013_pooled_ci_low").number, fact("michael2013_pooled_ci_high").number
    orig = df["study"].str.startswith("McCabe").to_numpy()
    rows = np.arange(len(df), dtype=float)           # one row per experiment; the pooled row below them
    fig = go.Figure()
    for mask, name, colour in ((orig, "original study (McCabe & Castel 2008)", OKABE_ITO[1]),
                               (~orig, "replications (Michael et al. 2013)", OKABE_ITO[0])):
        fig.add_trace(go.Scatter(
            x=y[mask], y=rows[mask], mode="markers", name=name,
            marker=dict(color=colour, symbol="square", size=np.clip(np.sqrt(n[mask]) * 0.9, 6, 16)),
            error_x=dict(type="data", array=1.96 * se[mask], color=colour, thickness=1.5, width=4),
            hovertext=[f"{labels[i]}: {y[i]:+.2f} (95% CI {y[i] - 1.96 * se[i]:+.2f} to {y[i] + 1.96 * se[i]:+.2f}); "
                       f"{n[i]} people" for i in np.flatnonzero(mask)], hoverinfo="text"))
    yp = float(len(df)) + 0.3
    fig.add_trace(go.Scatter(
        x=[lo, pooled, hi, pooled, lo], y=[yp, yp - 0.35, yp, yp + 0.35, yp], mode="lines", fill="toself",
        fillcolor="rgba(0,0,0,0.8)", line=dict(color="#000"), name="published random-effects estimate",
        hovertext=f"Michael et al. 2013: {pooled:.2f} (95% CI {lo:.2f} to {hi:.2f})", hoverinfo="text"))
    fig.add_vline(x=0, line=dict(color="#555", width=1))
    fig.update_layout(
        template=plotly_template(), height=560, margin=dict(l=10, r=20, t=60, b=10),
        title=dict(text="Does a brain image make an article more convincing?", font=dict(size=15)),
        xaxis=dict(title="image minus no image (1-4 scale)", range=[-0.45, 0.75], dtick=0.2),
        yaxis=dict(automargin=True, autorange="reversed", tickmode="array", tickvals=[*rows, yp],
                   ticktext=[*labels, "Published pooled"], showgrid=False, zeroline=False),
        legend=dict(orientation="h", y=-0.2, x=0))
    alt = ("A forest plot with 12 rows, one per experiment, and a black diamond at the bottom. Each row shows the "
           "difference in agreement (1 to 4 scale) between readers who saw a brain image and readers who did not, "
           "with a 95% interval. The two rows of the original study (vermillion) lie at +0.23 and +0.31, with wide "
           "intervals; the ten replications (blue) scatter around zero, from -0.05 to +0.33, the large ones "
           "closest to zero. The published pooled estimate is 0.07 (95% CI 0.00 to 0.14).")
    caption = ("Data, not a model (data/brain_image_studies.csv; secondary, read in the metadat compilation). Notice "
               "that the original experiment's two conditions (vermillion) sit to the right of most replications, "
               "and that the largest replications (biggest squares) lie closest to zero. The black diamond is the "
               "pooled estimate the authors published; exercise 2 asks you to reproduce it.")
    return StaticFigure(fig, alt=alt, caption=caption)


# --------------------------------------------------------------------------- publication bias

D_GRID = Slider("true_d", "True effect (Cohen's d)", 0.0, 0.8, 0.1, 0.3)
N_GRID = Slider("n_per_group", "People per group", 10, 100, 10, 20)
N_STUDIES = 2000
BINS = np.round(np.arange(-1.5, 2.51, 0.1), 2)


@functools.lru_cache(maxsize=256)
def _pb_state(true_d: float, n: int) -> dict:
    sim = pb.simulate_studies(true_d, n, N_STUDIES, seed=2013)
    summ = pb.summarise_studies(sim)
    all_c, _ = np.histogram(sim["d_obs"], BINS)
    pub_c, _ = np.histogram(sim["d_obs"][sim["published"]], BINS)
    mean_abs = float(np.abs(sim["d_obs"][sim["published"]]).mean()) if summ["n_published"] else float("nan")
    return {"all": all_c, "pub": pub_c, "summary": summ, "mean_abs_pub": mean_abs}


@functools.lru_cache(maxsize=1)
def _pb_grid() -> int:
    """Precompute every slider state of the publication-bias demo (a fraction of a second), so
    that live updates only look results up."""
    for d in D_GRID.grid():
        for n in N_GRID.grid():
            _pb_state(round(d, 1), n)
    return len(D_GRID.grid()) * len(N_GRID.grid())


def inflation_table(true_d: float) -> list:
    """For one true d: (n per group, power, mean |d| of the published studies) on the slider grid."""
    d = check_number("true_d", true_d, 0.0, 0.8)
    d = round(d, 1)
    return [(n, _pb_state(d, n)["summary"]["power"], _pb_state(d, n)["mean_abs_pub"]) for n in N_GRID.grid()]


def publication_bias_demo() -> Demo:
    """Many small studies of a true effect; only the 'significant' ones are published."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    centres = (BINS[:-1] + BINS[1:]) / 2
    ns = np.array(N_GRID.grid(), dtype=float)

    def figure():
        _pb_grid()
        fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.12,
                            subplot_titles=("2,000 simulated studies (model)", "Published |d| vs n (model)"))
        fig.add_trace(go.Bar(x=centres, y=np.zeros_like(centres), name="all studies run",
                             marker_color="#bbbbbb", width=0.1), 1, 1)
        fig.add_trace(go.Bar(x=centres, y=np.zeros_like(centres), name='"published" (p < 0.05)',
                             marker_color=OKABE_ITO[1], width=0.1), 1, 1)
        fig.add_trace(go.Scatter(x=[0, 0], y=[0, 1], mode="lines", name="true effect",
                                 line=dict(color="#000", width=3)), 1, 1)
        fig.add_trace(go.Scatter(x=[0, 0], y=[0, 1], mode="lines", name="mean published |d|",
                                 line=dict(color=OKABE_ITO[1], width=3, dash="dash")), 1, 1)
        fig.add_trace(go.Scatter(x=ns, y=np.zeros_like(ns), mode="lines+markers", name="mean published |d| (by n)",
                                 line=dict(color=OKABE_ITO[1]), showlegend=False), 1, 2)
        fig.add_trace(go.Scatter(x=[ns[0], ns[-1]], y=[0, 0], mode="lines", showlegend=False,
                                 line=dict(color="#000", width=2)), 1, 2)
        fig.add_trace(go.Scatter(x=[20], y=[0], mode="markers", showlegend=False,
                                 marker=dict(color=OKABE_ITO[0], size=14, symbol="circle-open",
                                             line=dict(width=3))), 1, 2)
        # the plot sits in the top 70% of the paper, so that axis titles and the legend stay clear of
        # the sliders the static page adds below the paper
        fig.update_layout(template=plotly_template(), height=520, barmode="overlay",
                          legend=dict(orientation="h", y=0.0, yanchor="bottom", x=0),
                          margin=dict(l=60, r=20, t=50, b=20))
        fig.update_yaxes(domain=[0.34, 1.0])
        for ann in fig.layout.annotations:
            ann.update(y=1.0)
        fig.update_xaxes(title_text="observed effect size d", range=[-1.2, 2.2], row=1, col=1)
        fig.update_yaxes(title_text="number of studies", row=1, col=1)
        fig.update_xaxes(title_text="people per group", row=1, col=2)
        fig.update_yaxes(title_text="effect size d", range=[0, 1.6], row=1, col=2)
        return fig

    def update(true_d: float, n_per_group: int):
        d = round(float(true_d), 1)
        n = int(n_per_group)
        if n not in N_GRID.grid():
            raise ValueError(f"n_per_group must be one of {N_GRID.grid()}; got {n}")
        st = _pb_state(d, n)
        s = st["summary"]
        ymax = float(st["all"].max()) * 1.05
        curve = np.array([_pb_state(d, k)["mean_abs_pub"] for k in N_GRID.grid()])
        m = st["mean_abs_pub"]
        if d > 0:
            tail = (f"mean |d| of the published studies = {m:.2f}, {s['exaggeration']:.1f} times the true {d:.1f}; "
                    f"{100 * s['wrong_sign']:.0f}% of them have the wrong sign.")
        else:
            tail = ("the true effect is zero, so every 'published' study is a false positive; "
                    f"their mean |d| is {m:.2f}.")
        return {
            "data": [{"y": st["all"]}, {"y": st["pub"]}, {"x": [d, d], "y": [0, ymax]},
                     {"x": [m, m], "y": [0, ymax]}, {"y": curve}, {"y": [d, d]}, {"x": [n], "y": [m]}],
            "readout": (f"Power {100 * s['power']:.0f}% ({s['n_published']} of {N_STUDIES} studies significant); "
                        + tail),
        }

    return Demo(
        name="publication_bias",
        controls=[D_GRID, N_GRID],
        figure=figure,
        update=update,
        alt=("Left: a histogram of the observed effect sizes of 2,000 simulated two-group studies (grey) with the "
             "statistically significant ones overlaid in vermillion; a black line marks the true effect and a dashed "
             "vermillion line the mean absolute effect of the significant studies. Right: the mean absolute effect of "
             "the significant studies against the number of people per group, with the true effect as a black line."),
        caption=("Model (simulation, not data). With a true d of 0.3 and 20 people per group, only about 15% of "
                 "studies reach p < 0.05, and those that do report effects more than twice the true one. Raise the "
                 "number of people per group: power rises and the 'published' effect falls towards the truth."),
    )


# --------------------------------------------------------------------------- sticky mind

S_SLIDER = Slider("stickiness", "Stickiness (well depth)", 0.25, 1.75, 0.25, 1.0)
SIG_SLIDER = Slider("noise", "Noise", 0.5, 0.9, 0.1, 0.7)
TAU_SLIDER = Slider("task_demand", "Task demand (tilt)", 0.0, 0.6, 0.1, 0.0)
T_MAX, DT, PLOT_EVERY = 600.0, 0.03, 50
#: Runs per slider state: the time course shows the first; the dwell times pool all of them.
N_RUNS = 32
#: Episode lengths (model units) at which the survival curves are drawn.
T_GRID = np.round(np.logspace(-0.5, 3.5, 29), 4)
X_LAND = np.linspace(-1.6, 1.6, 61)


def _grid_values():
    return S_SLIDER.grid(), SIG_SLIDER.grid(), TAU_SLIDER.grid()


@functools.lru_cache(maxsize=1)
def _sticky_grid() -> dict:
    """Every slider state of the sticky-mind demo: 32 runs of 600 model units each (common random
    numbers, seed 3), so that the live demo only looks results up. About 1-2 s, once."""
    ss, sigs, taus = _grid_values()
    S, SIG, TAU = (a.ravel() for a in np.meshgrid(ss, sigs, taus, indexing="ij"))
    runs = rm.simulate_episodes(S, SIG, TAU, n_trials=N_RUNS, t_max=T_MAX, dt=DT, seed=3,
                                record_every=PLOT_EVERY)
    out = {}
    for key, r in zip(zip(S, SIG, TAU), runs):
        frac = r["fraction_dmn"]
        out[tuple(round(float(v), 2) for v in key)] = {
            "x": r["x"].astype(np.float32),
            "fraction_dmn": frac,
            "dominance": 2 * frac - 1,
            "mean_dwell_dmn": r["mean_dwell_dmn"],
            "n_switches": r["n_switches"],
            "n_episodes_dmn": int(r["dmn"]["completed"].sum()),
            "surv_dmn": rm.survival_curve(r["dmn"]["lengths"], r["dmn"]["completed"], T_GRID),
            "surv_task": rm.survival_curve(r["task"]["lengths"], r["task"]["completed"], T_GRID),
        }
    return out


def sticky_mind_state(stickiness: float, noise: float, task_demand: float) -> dict:
    """The precomputed runs for one slider state (values must lie on the demo's slider grid)."""
    s = S_SLIDER.validate(stickiness)
    sig = SIG_SLIDER.validate(noise)
    tau = TAU_SLIDER.validate(task_demand)
    key = (round(s, 2), round(sig, 2), round(tau, 2))
    grid = _sticky_grid()
    if key not in grid:
        raise ValueError(f"stickiness, noise and task_demand must lie on the slider grids {_grid_values()}; got {key}")
    return grid[key]


def sticky_mind_demo() -> Demo:
    """The sticky-mind model: time course, landscape, how long episodes last, dominance index."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    t = np.arange(int(round(T_MAX / DT)) // PLOT_EVERY + 1) * DT * PLOT_EVERY

    def figure():
        fig = make_subplots(rows=2, cols=2, specs=[[{"colspan": 2}, None], [{}, {}]], vertical_spacing=0.16,
                            horizontal_spacing=0.14, row_heights=[0.5, 0.5],
                            subplot_titles=("One run (model): x > 0 DMN-dominant, x < 0 task-engaged",
                                            "Landscape U(x) (model)",
                                            f"Share of episodes still going ({N_RUNS} runs, model)"))
        fig.add_trace(go.Scatter(x=t, y=np.zeros_like(t), mode="lines", name="state x(t)",
                                 line=dict(color=OKABE_ITO[0], width=1.2), showlegend=False), 1, 1)
        fig.add_trace(go.Scatter(x=X_LAND, y=np.zeros_like(X_LAND), mode="lines", showlegend=False,
                                 line=dict(color="#222", width=2)), 2, 1)
        fig.add_trace(go.Scatter(x=T_GRID, y=np.ones_like(T_GRID), mode="lines",
                                 name="DMN-dominant episodes", line=dict(color=OKABE_ITO[1], width=3)), 2, 2)
        fig.add_trace(go.Scatter(x=T_GRID, y=np.ones_like(T_GRID), mode="lines",
                                 name="task-engaged episodes",
                                 line=dict(color=OKABE_ITO[0], dash="dot", width=3)), 2, 2)
        fig.add_trace(go.Scatter(x=T_GRID, y=np.ones_like(T_GRID), mode="lines",
                                 name="Kramers (DMN, exponential)",
                                 line=dict(color="#000", dash="dash", width=1.5)), 2, 2)
        fig.add_hline(y=0.5, line=dict(color="#999", dash="dot"), row=1, col=1)
        fig.add_hline(y=-0.5, line=dict(color="#999", dash="dot"), row=1, col=1)
        fig.update_layout(template=plotly_template(), height=720,
                          legend=dict(orientation="h", y=0.0, yanchor="bottom", x=0),
                          margin=dict(l=60, r=20, t=50, b=20))
        # keep axis titles and legend inside the paper, clear of the static page's sliders below it
        fig.update_yaxes(domain=[0.66, 1.0], row=1, col=1)
        fig.update_yaxes(domain=[0.24, 0.5], row=2, col=1)
        fig.update_yaxes(domain=[0.24, 0.5], row=2, col=2)
        fig.layout.annotations[1].update(y=0.5)
        fig.layout.annotations[2].update(y=0.5)
        fig.update_xaxes(title_text="time (model units)", row=1, col=1)
        fig.update_yaxes(title_text="x", range=[-2, 2], row=1, col=1)
        fig.update_xaxes(title_text="x (task <- -> DMN)", row=2, col=1)
        fig.update_yaxes(title_text="U(x)", range=[-1.2, 2.5], row=2, col=1)
        fig.update_xaxes(title_text="episode length (model units, log)", type="log", range=[-0.5, 3.5], row=2, col=2)
        fig.update_yaxes(range=[0, 1.05], row=2, col=2)
        return fig

    def update(stickiness: float, noise: float, task_demand: float):
        st = sticky_mind_state(stickiness, noise, task_demand)
        U = rm.potential(X_LAND, stickiness, task_demand)
        kr = rm.kramers_dwell_time(stickiness, noise, task_demand, well="dmn")
        kr_curve = np.exp(-T_GRID / kr) if kr > 0 else np.zeros_like(T_GRID)
        md = st["mean_dwell_dmn"]
        md_txt = f"{md:.0f}" if np.isfinite(md) else f"> {T_MAX:.0f} (never left)"
        kr_txt = f"{kr:.3g}" if kr > 0 else "0 (the DMN well has vanished)"
        surv = [np.nan_to_num(st[k], nan=1.0).astype(np.float32) for k in ("surv_dmn", "surv_task")]
        return {
            "data": [{"y": st["x"]}, {"y": U.astype(np.float32)}, {"y": surv[0]}, {"y": surv[1]},
                     {"y": kr_curve.astype(np.float32)}],
            "readout": (f"Fraction of time DMN-dominant {100 * st['fraction_dmn']:.0f}%; DMN dominance index "
                        f"{st['dominance']:+.2f}; {st['n_switches']} switches in {N_RUNS} runs "
                        f"({st['n_episodes_dmn']} DMN-dominant episodes ended); mean DMN dwell {md_txt} "
                        f"(Kramers' estimate {kr_txt}) model time units."),
        }

    return Demo(
        name="sticky_mind",
        controls=[S_SLIDER, SIG_SLIDER, TAU_SLIDER],
        figure=figure,
        update=update,
        alt=("Three panels of a simulated conceptual model. Top: one run of a variable x that jumps between a "
             "DMN-dominant state (x near +1) and a task-engaged state (x near -1), with dotted lines at plus and "
             "minus 0.5. Bottom left: the double-well landscape the variable moves in. Bottom right: survival "
             "curves from 32 runs, the share of episodes still going against episode length on a log axis, for "
             "DMN-dominant (vermillion) and task-engaged (blue, dotted) episodes, with Kramers' exponential "
             "prediction as a black dashed line."),
        caption=("Conceptual model, not fitted to data. The bottom-right curves pool 32 runs per setting: at the "
                 "start values they fall steeply around 70 model units and follow Kramers' exponential, the mark of "
                 "memoryless escape. Raise the stickiness: the curves slide right (episodes last much longer, roughly "
                 "exponentially in the barrier); raise the noise and they slide back; raise the task demand and the "
                 "DMN curve moves left of the task curve."),
    )


def demos() -> list:
    """Every demo of chapter 3 (used by the tests and by `make bench`)."""
    return [publication_bias_demo(), sticky_mind_demo()]
