"""Quizzes: checked questions; the displayed script fetches nothing remote and labels its inputs."""

import importlib
import json

import pytest

quizmod = importlib.import_module("dmnlab.quiz")


def test_every_chapter_quiz_loads():
    names = sorted(p.stem for p in (quizmod.DATA_DIR / "quizzes").glob("*.json"))
    assert "00_start_here" in names and len(names) >= 9
    for n in names:
        qs = quizmod.load_quiz(n)
        assert len(qs) >= 4


def test_quiz_output_is_offline_and_labelled(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    quizmod.quiz("00_start_here")
    html, js = shown[0].data, shown[1].data
    assert "https://" not in js and "http://" not in js
    assert "aria-label','Your answer'" in js
    assert 'id="q' in html


def test_bad_quiz_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(quizmod, "DATA_DIR", tmp_path)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "x.json").write_text(json.dumps(
        [{"question": "q", "type": "multiple_choice",
          "answers": [{"answer": "a", "correct": False, "feedback": "f"}]}]))
    with pytest.raises(ValueError, match="no correct answer"):
        quizmod.load_quiz("x")
    with pytest.raises(ValueError, match="name must be a quiz name"):
        quizmod.load_quiz("../etc")
    with pytest.raises(quizmod.DataFileMissing):
        quizmod.load_quiz("missing")


def test_a_quiz_with_maths_asks_the_page_for_mathjax(tmp_path, monkeypatch):
    """The book loads MathJax only on pages with maths; a quiz whose questions hold TeX says so."""
    monkeypatch.setattr(quizmod, "DATA_DIR", tmp_path)
    (tmp_path / "quizzes").mkdir()
    q = [{"question": "What is $\\sqrt{4}$?", "type": "multiple_choice",
          "answers": [{"answer": "2", "correct": True, "feedback": "yes"},
                      {"answer": "4", "correct": False, "feedback": "no"}]}]
    (tmp_path / "quizzes" / "m.json").write_text(json.dumps(q))
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    quizmod.quiz("m")
    assert "dmnlab-needs-maths" in shown[0].data
    q[0]["question"] = "Which transporter do SSRIs block?"
    (tmp_path / "quizzes" / "m.json").write_text(json.dumps(q))
    shown.clear()
    quizmod.quiz("m")
    assert "dmnlab-needs-maths" not in shown[0].data
