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
