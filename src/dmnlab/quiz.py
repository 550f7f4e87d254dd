"""Self-check quizzes (jupyterquiz) that work live and in the static book.

Questions live in ``data/quizzes/<chapter>.json`` (jupyterquiz's format), so the answers are not
printed in the notebook's code. Colours are colour-blind-safe (blue = correct, vermillion =
incorrect), and the feedback is also given in words.
"""

from __future__ import annotations

import json
import re

from .data import DATA_DIR, DataFileMissing

__all__ = ["quiz", "load_quiz"]

_COLORS = {
    "--jq-multiple-choice-bg": "#1f3b5c",
    "--jq-many-choice-bg": "#5c3a1f",
    "--jq-numeric-bg": "#1f3b5c",
    "--jq-string-bg": "#1f3b5c",
    "--jq-correct-color": "#56B4E9",
    "--jq-incorrect-color": "#E69F00",
    "--jq-text-color": "#ffffff",
    "--jq-link-color": "#cfe8ff",
    "--jq-mc-button-bg": "#ffffff",
    "--jq-numeric-input-bg": "#ffffff",
    "--jq-numeric-input-label": "#101010",
}

_TYPES = {"multiple_choice", "many_choice", "numeric", "string"}


def load_quiz(name: str) -> list:
    """The questions of ``data/quizzes/<name>.json``, checked for jupyterquiz's format."""
    if not isinstance(name, str) or not name.replace("_", "").isalnum():
        raise ValueError(f"name must be a quiz name such as '00_start_here'; got {name!r}")
    path = DATA_DIR / "quizzes" / f"{name}.json"
    if not path.exists():
        raise DataFileMissing(f"Quiz file {path} is missing. Restore it with `git checkout data/quizzes/{name}.json`.")
    qs = _fill_facts(json.loads(path.read_text()))
    if not isinstance(qs, list) or not qs:
        raise ValueError(f"{path}: a quiz must be a non-empty list of questions")
    for i, q in enumerate(qs):
        if q.get("type") not in _TYPES or "question" not in q or "answers" not in q:
            raise ValueError(f"{path}: question {i + 1} needs 'type' (one of {sorted(_TYPES)}), "
                             "'question' and 'answers'")
        if q["type"] in ("multiple_choice", "many_choice") and not any(a.get("correct") for a in q["answers"]):
            raise ValueError(f"{path}: question {i + 1} has no correct answer")
        for a in q["answers"]:
            if "feedback" not in a:
                raise ValueError(f"{path}: every answer of question {i + 1} needs feedback text")
    return qs


def _fill_facts(obj):
    """Registered facts (the fact role: a value and an id) become their values, checked against data/facts.csv."""
    from .facts import fill

    if isinstance(obj, str):
        return fill(obj)
    if isinstance(obj, list):
        return [_fill_facts(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _fill_facts(v) for k, v in obj.items()}
    return obj


# jupyterquiz's fallback that fetches MathJax from a remote host: `script.src = 'https://.../tex-svg.js';`
_REMOTE_MATHJAX = re.compile(r"script\.src = 'https?://[^']*mathjax[^']*';")


def quiz(name: str):
    """Show the self-check quiz ``name`` (e.g. ``quiz("00_start_here")``).

    Built from jupyterquiz's own parts, with one change: jupyterquiz fetches MathJax from a CDN
    when it finds an unfinished MathJax on the page; the course never loads anything from a CDN,
    so that fallback is switched off (the page's own MathJax typesets the quiz), and a MathJax
    that is still loading is left alone instead of raising an error.
    """
    import hashlib

    from IPython.display import HTML, Javascript, display
    from jupyterquiz.dynamic.loader import load_questions_script
    from jupyterquiz.dynamic.renderer import build_script, build_styles, render_div

    questions = load_quiz(name)
    div_id = "q" + hashlib.sha1(name.encode()).hexdigest()[:11]  # stable across runs
    prefix, static, url = load_questions_script(questions, div_id)
    html = render_div(div_id, False, False, False, 1_000_000, 720, 10, "left")
    base = _default_colors()
    base.update(_COLORS)
    styles = build_styles(div_id, base)
    script = build_script(prefix, static, url, div_id, True)
    script, n = _REMOTE_MATHJAX.subn("return;", script)
    if n == 0:
        raise RuntimeError("jupyterquiz changed: its remote MathJax fallback was not found; update dmnlab.quiz")
    # MathJax may be present but still loading (a config object without a version), also inside the
    # script's delayed re-checks: every test for MathJax also asks for its version, and reading the
    # first character of a version that is not there yet gives "" instead of a TypeError
    script = _MATHJAX_TEST.sub(r"\g<0> && MathJax.version", script)
    script = _VERSION_CHAR.sub(r"String(\1 || '')[0]", script)
    # jupyterquiz's numeric inputs have no label; give every input one once the quiz is drawn
    script += (
        "\n(function(){var n=0;function fix(){var c=document.getElementById('" + div_id + "');"
        "if(c){c.querySelectorAll('input:not([aria-label])').forEach(function(i){"
        "i.setAttribute('aria-label','Your answer');});}if(n++<100){setTimeout(fix,100);}}fix();})();\n")
    if _has_maths(questions):
        # jupyterquiz typesets with the page's MathJax; the book loads MathJax only on pages that
        # say they have maths, and the questions travel inside a script where it cannot see them
        html += '<span class="dmnlab-needs-maths" hidden></span>'
    display(HTML(html + styles))
    display(Javascript(script))


_TEX = re.compile(r"\$|\\\(|\\\[")
#: every `typeof MathJax != 'undefined'` (or `!==`) test in jupyterquiz's script
_MATHJAX_TEST = re.compile(r"typeof MathJax !==? 'undefined'")
#: `version[0]` / `v[0]`: the first character of MathJax's version
_VERSION_CHAR = re.compile(r"\b(version|v)\[0\]")


def _has_maths(questions: list) -> bool:
    """Whether any question or answer holds TeX ($...$, \\(...\\) or \\[...\\])."""
    return bool(_TEX.search(json.dumps(questions, ensure_ascii=False).replace("\\\\", "\\")))


def _default_colors() -> dict:
    return {
        "--jq-multiple-choice-bg": "#392061", "--jq-mc-button-bg": "#fafafa",
        "--jq-mc-button-border": "#e0e0e0e0", "--jq-mc-button-inset-shadow": "#555555",
        "--jq-many-choice-bg": "#f75c03ff", "--jq-numeric-bg": "#392061ff",
        "--jq-numeric-input-bg": "#c0c0c0", "--jq-numeric-input-label": "#101010",
        "--jq-numeric-input-shadow": "#999999", "--jq-string-bg": "#4c1a57",
        "--jq-incorrect-color": "#c80202", "--jq-correct-color": "#009113",
        "--jq-text-color": "#fafafa", "--jq-link-color": "#9abafa",
    }
