"""The claims table of chapter 8, filterable live and readable in the static book, and the
chapter's checklist for grading a new claim.

* :func:`claims_table` — every claim of ``data/claims.csv`` in one table. In the book it is a
  MyST table whose sources are real citations; in JupyterLab it is an HTML table whose column
  headers sort it when clicked.
* :func:`claims_filter_demo` — the same claims in a plotly table with dropdowns for verdict,
  chapter and seed text (live); the book keeps the verdict filter (one precomputed state per
  verdict).
* :data:`CHECKLIST` and :func:`score_claim` — seven questions to ask of any claim.
"""

from __future__ import annotations

import functools
import html
import re

import pandas as pd

from .evidence import GRADES, VERDICTS, _Markdown, load_claims
from .facts import fill
from .interact import Choice, Demo
from .validate import check_choice

__all__ = ["SEED_LABELS", "claims_frame", "claims_table", "verdict_counts", "filter_claims",
           "claims_filter_demo", "CHECKLIST", "score_claim", "checklist_table"]

#: What kind of page each seed text is. The seller is described, never named or linked.
SEED_LABELS = {
    "000_1acd9b6ceed82783.txt": "A: a page selling ketamine products online",
    "001_aca49709d968ebad.txt": "B: a ketamine clinic's blog post",
    "002_1e2a3d11e2987c4a.txt": "C: a clinical-reference blog entry drafted with an AI model",
    "003_fbf14e3abfb0fa6e.txt": "D: a depression-programme page ending in a ketamine link",
    "004_22822ad9f73d840e.txt": "E: a second ketamine clinic's blog post",
}

_VERDICT_ORDER = list(VERDICTS)


@functools.lru_cache(maxsize=1)
def claims_frame() -> pd.DataFrame:
    """The claims with a short seed label (``seed``) and sorted by claim id (corrections as stored,
    with their ``{fact}`` roles; the tables below fill them)."""
    df = load_claims().copy()
    df["seed"] = df["seed_file"].map(SEED_LABELS).fillna(df["seed_file"])
    return df.sort_values("claim_id").reset_index(drop=True)


def verdict_counts() -> pd.Series:
    """How many claims got each verdict (all verdict words, zero included)."""
    return claims_frame()["verdict"].value_counts().reindex(_VERDICT_ORDER, fill_value=0)


def filter_claims(verdict: str = "all", chapter="all", seed: str = "all") -> pd.DataFrame:
    """The claims with this verdict, chapter and seed label ("all" keeps every value)."""
    df = claims_frame()
    check_choice("verdict", verdict, ["all"] + _VERDICT_ORDER)
    check_choice("chapter", chapter, ["all"] + sorted(df["chapter"].unique().tolist()))
    check_choice("seed", seed, ["all"] + sorted(df["seed"].unique().tolist()))
    m = pd.Series(True, index=df.index)
    if verdict != "all":
        m &= df["verdict"] == verdict
    if chapter != "all":
        m &= df["chapter"] == chapter
    if seed != "all":
        m &= df["seed"] == seed
    return df[m]


def _keys(s: str) -> list:
    return [k for k in re.split(r"[;,\s]+", s) if k]


def _md_cell(text: str) -> str:
    return str(text).replace("|", "/").replace("\n", " ")


def claims_table() -> _Markdown:
    """Every claim: id, seed, chapter, verdict, grade, claim, correction and sources.

    The book shows a MyST table (sources as citations that resolve in the chapter's
    references); JupyterLab shows an HTML table sorted by clicking a column header.
    """
    df = claims_frame()
    rows = []
    for _, r in df.iterrows():
        cite = "{footcite:p}`" + ",".join(_keys(r["sources"])) + "`"
        rows.append(f"| **{r['claim_id']}** ({r['seed'][:1]}, ch. {r['chapter']}) | {r['verdict']} ({r['grade']}) | "
                    f"{_md_cell(r['claim'])} | {_md_cell(fill(r['correction'], markup='myst'))} {cite} |")
    legend = "; ".join(f"{v[:1]} = {v[3:]}" for v in SEED_LABELS.values())
    md = (f":::{{dropdown}} The full table: all {len(df)} claims with their sources (click to open)\n\n"
          f"Seed texts: {legend}. Each row: claim id (seed text, chapter), verdict (grade).\n\n"
          "| Claim | Verdict (grade) | What was claimed (paraphrase) | What the evidence shows |\n"
          "|---|---|---|---|\n" + "\n".join(rows) + "\n:::\n")
    uid = "claims-table"
    head = ["Id", "Seed", "Ch.", "Verdict", "Grade", "Claim (paraphrase)", "What the evidence shows", "Sources"]
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in
                         (r["claim_id"], r["seed"][:1], r["chapter"], r["verdict"], r["grade"], r["claim"],
                          fill(r["correction"]), ", ".join(_keys(r["sources"])))) + "</tr>"
        for _, r in df.iterrows())
    th = "".join(f'<th scope="col" style="cursor:pointer" title="sort" onclick="dmnlabSortTable(\'{uid}\',{i})">'
                 f"{html.escape(h)} &#8693;</th>" for i, h in enumerate(head))
    script = ("<script>function dmnlabSortTable(id,c){var t=document.getElementById(id),b=t.tBodies[0],"
              "r=Array.from(b.rows),d=t.getAttribute('data-dir')==='a'?-1:1;t.setAttribute('data-dir',d>0?'a':'d');"
              "r.sort(function(x,y){var a=x.cells[c].innerText,z=y.cells[c].innerText,"
              "na=parseFloat(a),nz=parseFloat(z);"
              "if(!isNaN(na)&&!isNaN(nz)&&c===2)return d*(na-nz);return d*a.localeCompare(z);});"
              "r.forEach(function(x){b.appendChild(x);});}</script>")
    h = (f"<p>{html.escape('Seed texts: ' + legend)}. Click a column header to sort.</p>"
         f'<table class="dmnlab-table" id="{uid}" style="font-size:90%"><thead><tr>{th}</tr></thead>'
         f"<tbody>{body}</tbody></table>{script}")
    return _Markdown(md, h)


# --------------------------------------------------------------------------- filterable demo

_WRAP = 60


def _wrap(text: str, width: int = _WRAP) -> str:
    words, lines, cur = str(text).split(), [], ""
    for w in words:
        if len(cur) + len(w) + 1 > width and cur:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "<br>".join(lines)


@functools.lru_cache(maxsize=512)
def _table_columns(verdict: str, chapter, seed: str) -> tuple:
    df = filter_claims(verdict, chapter, seed)
    return (df["claim_id"].tolist(), [s[:1] for s in df["seed"]], df["chapter"].astype(str).tolist(),
            [f"{v}<br>({g})" for v, g in zip(df["verdict"], df["grade"])],
            [_wrap(c, 32) for c in df["claim"]], [_wrap(fill(c), 50) for c in df["correction"]])


def claims_filter_demo() -> Demo:
    """A plotly table of the claims with dropdowns for verdict, chapter and seed text."""
    import plotly.graph_objects as go

    df = claims_frame()
    chapters = sorted(df["chapter"].unique().tolist())
    seeds = sorted(df["seed"].unique().tolist())
    counts = verdict_counts()
    v_opts = [("all verdicts", "all")] + [(f"{v} ({counts[v]})", v) for v in _VERDICT_ORDER if counts[v] > 0]
    c_opts = [("all chapters", "all")] + [(f"chapter {c}", c) for c in chapters]
    s_opts = [("all seed texts", "all")] + [(s, s) for s in seeds]

    def figure():
        fig = go.Figure(go.Table(
            columnwidth=[44, 28, 28, 104, 210, 320],
            header=dict(values=["<b>Id</b>", "<b>Seed</b>", "<b>Ch.</b>", "<b>Verdict (grade)</b>",
                                "<b>Claim (paraphrase)</b>", "<b>What the evidence shows</b>"],
                        fill_color="#0072B2", font=dict(color="white", size=12), align="left"),
            cells=dict(values=[[], [], [], [], [], []], align="left", font=dict(size=11),
                       fill_color="#f7f7f7", height=22),
        ))
        fig.update_layout(height=620, margin=dict(l=5, r=5, t=40, b=5),
                          title="Claims of the five seed texts, checked")
        return fig

    def update(verdict, chapter, seed):
        cols = _table_columns(verdict, chapter, seed)
        n = len(cols[0])
        return {"data": [{"cells": {"values": [list(c) for c in cols]}}],
                "readout": f"{n} of {len(df)} claims shown" + ("" if n else " (no claim matches these filters)")}

    return Demo(
        name="claims_filter",
        controls=[Choice("verdict", "Verdict", v_opts, "all"),
                  Choice("chapter", "Chapter", c_opts, "all"),
                  Choice("seed", "Seed text", s_opts, "all")],
        figure=figure,
        update=update,
        alt=("A scrollable table of the claims made by five web texts about depression, the default mode "
             "network and ketamine, with each claim's verdict, evidence grade and a correction; dropdowns "
             "filter it by verdict, chapter and seed text."),
        caption=("Filter by verdict: the texts' few 'supported' claims are general statements; the specific "
                 "mechanistic and clinical promises are the ones that fail. Scroll inside the table. In the "
                 "book only the verdict filter is available; the full table with citations follows."),
        static=["verdict"],
    )


# --------------------------------------------------------------------------- checklist

#: The chapter's checklist: (key, question, what earns the point). One point each.
CHECKLIST = [
    ("who", "Who says it, and do they gain if you believe it?",
     "an independent source with no sales, clinic or sponsor interest in the answer"),
    ("design", "What kind of study is behind it?",
     "a randomized controlled trial or a systematic review of them (not a case series, an animal study or an opinion)"),
    ("population", "In whom was it shown?",
     "people like the ones the claim is about (patients, not healthy volunteers or mice)"),
    ("comparison", "Compared with what?",
     "a control arm, ideally an active placebo or a standard treatment, with blinding that was checked"),
    ("size", "How big is the effect, in absolute terms?",
     "an absolute effect is given (points on a scale, risk difference or NNT), not only 'up to' or a relative change"),
    ("duration", "For how long?",
     "the effect was followed for a clinically meaningful time (weeks to months, not hours)"),
    ("replicated", "Has it been replicated?",
     "independent groups found the same in more than one study or in a meta-analysis"),
]


def checklist_table() -> _Markdown:
    """The checklist as a table (book and JupyterLab)."""
    md = "| # | Question | A point when ... |\n|---|---|---|\n" + "\n".join(
        f"| {i} | {q} | {p} |" for i, (_, q, p) in enumerate(CHECKLIST, 1)) + "\n"
    h = ('<table class="dmnlab-table"><thead><tr><th>#</th><th>Question</th><th>A point when ...</th></tr>'
         "</thead><tbody>" + "".join(f"<tr><td>{i}</td><td>{html.escape(q)}</td><td>{html.escape(p)}</td></tr>"
                                     for i, (_, q, p) in enumerate(CHECKLIST, 1)) + "</tbody></table>")
    return _Markdown(md, h)


def score_claim(claim: dict) -> dict:
    """Score a claim against :data:`CHECKLIST`.

    ``claim`` maps each checklist key (``who``, ``design``, ...) to True (the claim passes that
    question) or False. Returns ``score`` (0-7), ``failed`` (the keys that failed) and a
    suggested evidence ``grade``: A for 6-7 points with a controlled design and replication,
    B for 4-5, C for 2-3, D for 0-1. A grade is a starting point for judgement, not a verdict.
    """
    if not isinstance(claim, dict):
        raise ValueError(f"claim must be a dict with the keys {[k for k, _, _ in CHECKLIST]}; "
                         f"got {type(claim).__name__}")
    keys = [k for k, _, _ in CHECKLIST]
    missing = [k for k in keys if k not in claim]
    if missing:
        raise ValueError(f"claim lacks the checklist keys {missing}; each must be True or False")
    for k in keys:
        if not isinstance(claim[k], bool):
            raise ValueError(f"claim[{k!r}] must be True or False; got {claim[k]!r}")
    score = sum(claim[k] for k in keys)
    if score >= 6 and claim["design"] and claim["replicated"]:
        grade = "A"
    elif score >= 4:
        grade = "B"
    elif score >= 2:
        grade = "C"
    else:
        grade = "D"
    assert grade in GRADES
    return {"score": int(score), "failed": [k for k in keys if not claim[k]], "grade": grade}
