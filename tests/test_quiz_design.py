"""Quizzes that test reasoning: every question says whether it asks for recall or reasoning
(apply or judge: predict what a slider does, spot the flaw in a claim, pick the right comparison);
at least a third of each chapter's questions are reasoning items; every answer option says why it
is right or wrong; facts come from data/facts.csv."""

import json
import math

import pytest

from dmnlab.data import DATA_DIR
from dmnlab.quiz import load_quiz

QUIZZES = sorted((DATA_DIR / "quizzes").glob("*.json"))


@pytest.mark.parametrize("path", QUIZZES, ids=[p.stem for p in QUIZZES])
def test_a_third_of_the_questions_are_reasoning_with_feedback_on_every_option(path):
    raw = json.loads(path.read_text())
    kinds = [q.get("kind") for q in raw]
    assert all(k in ("recall", "reasoning") for k in kinds), f"{path.name}: every question needs kind recall|reasoning"
    n_reason = kinds.count("reasoning")
    assert n_reason >= math.ceil(len(raw) / 3), f"{path.name}: {n_reason} of {len(raw)} questions are reasoning items"
    for i, q in enumerate(load_quiz(path.stem), 1):
        for a in q["answers"]:
            fb = a.get("feedback", "").strip()
            assert len(fb) >= 30, f"{path.name} question {i}: feedback {fb!r} must say why, not only right/wrong"


def test_quiz_script_survives_a_mathjax_that_is_still_loading(monkeypatch):
    """jupyterquiz reads MathJax.version[0] in delayed callbacks; on a page whose MathJax is a config
    object still loading, that threw a TypeError (seen on every page of the hub class). The shown
    script asks for the version with every MathJax test and never indexes a missing version."""
    import importlib
    import re

    q = importlib.import_module("dmnlab.quiz")  # the module (dmnlab.quiz is also the function's name)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    q.quiz("00_start_here")
    js = shown[1].data
    assert not re.search(r"\b(version|v)\[0\]", js)
    tests = re.findall(r"typeof MathJax !==? 'undefined'( && MathJax\.version)?", js)
    assert tests and all(tests), "every MathJax test also asks for its version"
