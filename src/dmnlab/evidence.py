"""Claims, verdicts, evidence grades and the safety note: one source of truth for every chapter.

``data/claims.csv`` holds every claim of the seed texts the course was commissioned from,
with a verdict, an evidence grade, a correction and source keys into ``book/references.bib``.
Chapters show a claim with :func:`claim_box`; chapter 8 shows the whole table.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from .data import load_table
from .facts import fill
from .render import render_mode
from .validate import check_choice

__all__ = ["VERDICTS", "GRADES", "load_claims", "claim_box", "claim_group", "safety_note", "grade_legend"]

#: The words a verdict may take (data/claims.csv, chapter 8).
VERDICTS = {
    "supported": "the evidence backs the claim as stated",
    "oversimplified": "a defensible core stated as settled or universal fact",
    "misleading": "true only under narrow conditions, or framed to mislead",
    "wrong": "contradicted by the evidence",
    "outdated": "was the view or the fact once; no longer",
    "unsupported": "no adequate evidence found for it",
    "unsafe": "promotional or risky advice that should not be followed",
}

#: Evidence grades used in every evidence box of the course.
GRADES = {
    "A": "strong: consistent findings from large samples, meta-analyses or several controlled trials",
    "B": "moderate: several studies agree, with real limitations (small samples, heterogeneity, bias risk)",
    "C": "weak or preliminary: small, uncontrolled or animal studies; not yet replicated",
    "D": "contested or contradicted: good studies disagree, or the best evidence goes against it",
}

_CLAIM_COLUMNS = ["claim_id", "seed_file", "claim", "chapter", "verdict", "grade", "correction", "sources"]


def load_claims() -> pd.DataFrame:
    """The claims table (data/claims.csv), checked: known verdicts and grades, no empty fields."""
    df = load_table("claims.csv")
    missing = [c for c in _CLAIM_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"data/claims.csv lacks the columns {missing}")
    for col in _CLAIM_COLUMNS:
        if df[col].isna().any():
            bad = df.loc[df[col].isna(), "claim_id"].tolist()
            raise ValueError(f"data/claims.csv: column {col!r} is empty for claims {bad}")
    bad_v = sorted(set(df["verdict"]) - set(VERDICTS))
    if bad_v:
        raise ValueError(f"data/claims.csv: unknown verdicts {bad_v}; allowed: {sorted(VERDICTS)}")
    bad_g = sorted(set(df["grade"]) - set(GRADES))
    if bad_g:
        raise ValueError(f"data/claims.csv: unknown grades {bad_g}; allowed: {sorted(GRADES)}")
    if df["claim_id"].duplicated().any():
        dup = df.loc[df["claim_id"].duplicated(), "claim_id"].tolist()
        raise ValueError(f"data/claims.csv: duplicate claim ids {dup}")
    return df


def _keys(sources: str) -> list[str]:
    return [k for k in re.split(r"[;,\s]+", sources) if k]


class _Markdown:
    """Output shown as MyST markdown in the book (citations resolve) and as HTML in JupyterLab."""

    def __init__(self, md: str, html_text: str):
        self.md = md
        self.html = html_text

    def _repr_mimebundle_(self, include=None, exclude=None):
        if render_mode() == "static":
            return {"text/markdown": self.md}
        return {"text/html": self.html, "text/markdown": self.md}


def claim_box(claim_id: str) -> _Markdown:
    """An evidence box for one seed-text claim: what was claimed, the verdict, the grade, the
    correction and its sources. The same text everywhere the claim is discussed."""
    df = load_claims()
    check_choice("claim_id", claim_id, df["claim_id"].tolist())
    r = df.set_index("claim_id").loc[claim_id]
    keys = _keys(r["sources"])
    correction_md, correction_txt = fill(r["correction"], markup="myst"), fill(r["correction"])
    cites = "{footcite:p}`" + ",".join(keys) + "`"
    title = f"Claim check {claim_id}: {r['verdict'].upper()} (evidence grade {r['grade']})"
    md = (
        f":::{{admonition}} {title}\n:class: dmnlab-evidence\n\n"
        f"**What a source text claimed** (paraphrased): {r['claim']}\n\n"
        f"**Verdict:** {r['verdict']} ({VERDICTS[r['verdict']]}). "
        f"**Evidence grade:** {r['grade']} ({GRADES[r['grade']]}).\n\n"
        f"**What the evidence shows:** {correction_md} {cites}\n\n"
        f"*All claims are checked side by side in chapter 8 (Reading the evidence).*\n:::\n"
    )
    h = (
        f'<div class="dmnlab-evidence" role="note" style="border-left:5px solid #0072B2;padding:.5em .9em;'
        f'background:#f4f8fb"><p><strong>{html.escape(title)}</strong></p>'
        f"<p><strong>What a source text claimed</strong> (paraphrased): {html.escape(r['claim'])}</p>"
        f"<p><strong>Verdict:</strong> {html.escape(r['verdict'])} ({html.escape(VERDICTS[r['verdict']])}). "
        f"<strong>Evidence grade:</strong> {r['grade']} ({html.escape(GRADES[r['grade']])}).</p>"
        f"<p><strong>What the evidence shows:</strong> {html.escape(correction_txt)} "
        f"[sources: {html.escape(', '.join(keys))}]</p></div>"
    )
    return _Markdown(md, h)


def claim_group(claim_ids, title: str = "Claims checked in this section", intro: str = "") -> _Markdown:
    """Several seed-text claims graded in one box: for each, the claim (paraphrased), its verdict
    and grade, and what the evidence shows, with sources. A section's claims read as one argument
    instead of a row of identical boxes; chapter 8 still lists every claim."""
    df = load_claims().set_index("claim_id")
    if isinstance(claim_ids, str) or not list(claim_ids):
        raise ValueError("claim_ids must be a non-empty list of claim ids such as ['S03', 'S04']")
    for cid in claim_ids:
        check_choice("claim_ids", cid, df.index.tolist())
    md_items, html_items = [], []
    for cid in claim_ids:
        r = df.loc[cid]
        keys = _keys(r["sources"])
        cites = "{footcite:p}`" + ",".join(keys) + "`"
        md_items.append(
            f"- **{cid}** · *{r['verdict']}*, grade **{r['grade']}**. Claimed: {r['claim']} "
            f"Evidence: {fill(r['correction'], markup='myst')} {cites}")
        html_items.append(
            f"<li><strong>{html.escape(cid)}</strong> · <em>{html.escape(r['verdict'])}</em>, grade "
            f"<strong>{r['grade']}</strong>. Claimed: {html.escape(r['claim'])} Evidence: "
            f"{html.escape(fill(r['correction']))} [sources: {html.escape(', '.join(keys))}]</li>")
    head = f"{intro}\n\n" if intro else ""
    md = (f":::{{admonition}} {title}\n:class: dmnlab-evidence\n\n{head}" + "\n".join(md_items)
          + "\n\n*Verdicts and grades as defined in chapter 0; every claim side by side in chapter 8.*\n:::\n")
    h = (f'<div class="dmnlab-evidence" role="note" style="border-left:5px solid #0072B2;padding:.5em .9em;'
         f'background:#f4f8fb"><p><strong>{html.escape(title)}</strong></p>'
         + (f"<p>{html.escape(intro)}</p>" if intro else "") + "<ul>" + "".join(html_items) + "</ul></div>")
    return _Markdown(md, h)


def grade_legend() -> _Markdown:
    """The table of evidence grades and verdict words (chapter 0 shows it)."""
    rows = "\n".join(f"| {g} | {d} |" for g, d in GRADES.items())
    vrows = "\n".join(f"| {v} | {d} |" for v, d in VERDICTS.items())
    md = f"| Grade | Meaning |\n|---|---|\n{rows}\n\n| Verdict | Meaning |\n|---|---|\n{vrows}\n"
    h = ('<table class="dmnlab-table"><thead><tr><th>Grade</th><th>Meaning</th></tr></thead><tbody>'
         + "".join(f"<tr><td>{g}</td><td>{html.escape(d)}</td></tr>" for g, d in GRADES.items())
         + '</tbody></table><table class="dmnlab-table"><thead><tr><th>Verdict</th><th>Meaning</th></tr></thead><tbody>'
         + "".join(f"<tr><td>{v}</td><td>{html.escape(d)}</td></tr>" for v, d in VERDICTS.items())
         + "</tbody></table>")
    return _Markdown(md, h)


_CRISIS_FACTS = ("crisis_line_us", "crisis_line_us_veterans", "crisis_line_eu_112", "crisis_directory_iasp",
                 "crisis_directory_findahelpline", "crisis_line_uk_ie_samaritans")


def safety_note() -> _Markdown:
    """The course's safety note, identical on every page that shows it. Its crisis lines come
    from data/facts.csv (one source; each re-checked on the date the note states)."""
    from .facts import fact

    f = {k: fact(k) for k in _CRISIS_FACTS}
    us, vet, eu = f["crisis_line_us"].value, f["crisis_line_us_veterans"].value, f["crisis_line_eu_112"].value
    iasp, fah = f["crisis_directory_iasp"].value, f["crisis_directory_findahelpline"].value
    sam = f["crisis_line_uk_ie_samaritans"].value
    checked = max(x.as_of for x in f.values())
    # say honestly which entries could not be re-checked (status unverified in data/facts.csv)
    names = {"crisis_directory_iasp": "the IASP directory's address",
             "crisis_directory_findahelpline": "Find A Helpline's address"}
    open_items = [names.get(k, k) for k, x in f.items() if x.status == "unverified"]
    caveat = (f"; {' and '.join(open_items)} could not be re-read that day" if open_items else "")
    md = f""":::{{admonition}} Educational, not medical advice
:class: warning

This course teaches neuroscience and pharmacology. It is **not medical advice** and nothing in
it recommends, sells or doses any drug. Do not start, stop or change a medicine because of
anything here; talk to a doctor or pharmacist who knows your history.

**If you are in crisis or thinking about suicide:** in the US, call or text **{us}** (the 988
Suicide & Crisis Lifeline; veterans {vet}), or call **911** in an emergency. Elsewhere, call
your local emergency number ({eu} across the EU) or find a crisis line for your country in the
International Association for Suicide Prevention's directory of crisis centres
(<{iasp}>) or at <{fah}>. In the UK and Ireland, Samaritans answer on {sam}.

*These numbers and addresses were last checked on {checked}{caveat}; see
[Facts and sources]({{doc}}`/facts`).*
:::
"""
    md = md.replace("[Facts and sources]({doc}`/facts`)", "{doc}`Facts and sources </facts>`")
    h = (
        '<div role="note" style="border-left:5px solid #D55E00;padding:.5em .9em;background:#fdf3ec">'
        "<p><strong>Educational, not medical advice.</strong> This course teaches neuroscience and "
        "pharmacology. It is not medical advice and nothing in it recommends, sells or doses any drug. "
        "Do not start, stop or change a medicine because of anything here; talk to a doctor or "
        "pharmacist who knows your history.</p><p><strong>If you are in crisis or thinking about "
        f"suicide:</strong> in the US, call or text <strong>{html.escape(us)}</strong> (the 988 Suicide &amp; "
        f"Crisis Lifeline; veterans {html.escape(vet)}), or call 911 in an emergency. Elsewhere, call your "
        f"local emergency number ({html.escape(eu)} across the EU) or find a crisis line in the International "
        f"Association for Suicide Prevention's directory ({html.escape(iasp)}) or at {html.escape(fah)}. In "
        f"the UK and Ireland, Samaritans answer on {html.escape(sam)}.</p>"
        f"<p><em>These numbers and addresses were last checked on {html.escape(checked + caveat)}.</em></p></div>"
    )
    return _Markdown(md, h)
