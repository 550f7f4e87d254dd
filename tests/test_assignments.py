"""`make assignments`: each chapter's exercises as an nbgrader course, graded by nbgrader itself.

nbgrader's own `generate_assignment` makes the release; nbgrader's own `autograde` grades three
submissions per chapter: the instructor's solutions (full marks), the untouched release (zero)
and the solutions with one deliberately wrong answer from tests/wrong_answers (partial marks)."""

import importlib
import shutil
import sys

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import assignments  # noqa: E402
import exercises as ex  # noqa: E402

pytestmark = pytest.mark.slow

# while chapters are being converted to the exercise ladder, DMNLAB_ASSIGNMENTS=ch00,ch01 limits the run
ONLY = [k for k in __import__("os").environ.get("DMNLAB_ASSIGNMENTS", "").split(",") if k] or None


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("assignments")
    points = assignments.build(root, only=ONLY)
    return root, points


def test_every_chapter_is_an_assignment_with_points(course):
    root, points = course
    keys = [ex.chapter_key(p) for p in ex.chapter_notebooks()]
    assert sorted(points) == sorted(ONLY or keys)
    for key, total in points.items():
        release = nbformat.read(root / "release" / key / f"{key}.ipynb", as_version=4)
        text = "\n".join(c.source for c in release.cells)
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, f"{key}: release leaks answers"
        assert "raise NotImplementedError()" in text
        graded = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert sum(c.metadata["nbgrader"]["points"] for c in graded) == total >= 4


def _answer_cells(nb) -> dict:
    return {c.metadata["nbgrader"]["grade_id"].removesuffix("_answer"): c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def test_nbgrader_autograde_full_zero_and_partial_marks(course):
    root, points = course
    for key in points:
        src = nbformat.read(root / "source" / key / f"{key}.ipynb", as_version=4)
        rel = nbformat.read(root / "release" / key / f"{key}.ipynb", as_version=4)
        wrong_src = importlib.import_module(f"wrong_answers.{key}").WRONG
        # one deliberately wrong answer: the first core exercise of the chapter
        nb_ex = ex.exercises(nbformat.read(next(p for p in ex.chapter_notebooks() if ex.chapter_key(p) == key), 4))
        target = next(e for e in nb_ex if e.level == "core")
        wrong = nbformat.from_dict(rel)
        sol_cells = _answer_cells(src)
        for name, cell in _answer_cells(wrong).items():
            body = "\n".join(line for line in sol_cells[name].source.splitlines()
                              if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
            cell.source = wrong_src[name] if name == target.function else body
        for student, nb in (("solver", src), ("blank", rel), ("wrong", wrong)):
            d = root / "submitted" / student / key
            d.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, d / f"{key}.ipynb")
        r = assignments.nbgrader("autograde", key, "--create", "--force", cwd=root)
        assert r.returncode == 0, f"nbgrader autograde {key} failed:\n{r.stdout[-2000:]}\n{r.stderr[-3000:]}"
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="default-mode") as gb:
            score = {s: gb.find_submission(key, s).score for s in ("solver", "blank", "wrong")}
            maximum = gb.find_assignment(key).max_score
        assert maximum == points[key]
        assert score["solver"] == maximum, f"{key}: the solutions scored {score['solver']} of {maximum}"
        assert score["blank"] == 0, f"{key}: the untouched release scored {score['blank']}"
        assert score["wrong"] == maximum - target.points, (
            f"{key}: one wrong answer ({target.function}, {target.points} points) should score "
            f"{maximum - target.points} of {maximum}; got {score['wrong']}")
        shutil.rmtree(root / "autograded", ignore_errors=True)
