"""Every chapter's exercises form a ladder tied to its objectives, and every checker accepts the
solution and rejects both the untouched stub and a plausible wrong answer (tests/wrong_answers).

The same checkers grade the nbgrader assignments (tests/test_assignments.py)."""

import importlib
import io
import re
import sys
from contextlib import redirect_stdout

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import exercises as ex  # noqa: E402

NOTEBOOKS = ex.chapter_notebooks()
IDS = [p.stem for p in NOTEBOOKS]
LEVEL_RANK = {lvl: i for i, lvl in enumerate(ex.LEVELS)}


def load(path):
    nb = nbformat.read(path, as_version=4)
    return nb, ex.exercises(nb)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercise_ladder_covers_every_objective(path):
    nb, exs = load(path)
    assert len(exs) >= 4, f"{path.name}: {len(exs)} exercises; the ladder needs at least 4"
    for e in exs:
        assert e.level in ex.LEVELS, f"{path.name} {e.label}: no '**Warm-up** · objective N · checker: `check_x`' line"
        assert e.label.startswith(f"ex-{path.stem.split('_')[0].lower()}-"), f"{path.name}: label {e.label!r}"
    levels = [LEVEL_RANK[e.level] for e in exs]
    assert levels == sorted(levels), \
        f"{path.name}: levels must climb (warm-up, core, challenge): {[e.level for e in exs]}"
    assert set(levels) == {0, 1, 2}, f"{path.name}: needs a warm-up, a core and a challenge exercise"
    objs = ex.objectives(nb)
    assert objs, f"{path.name}: no numbered learning objectives found"
    practised = {o for e in exs for o in e.objectives}
    assert practised <= set(objs), \
        f"{path.name}: exercises cite objectives {sorted(practised - set(objs))} that do not exist"
    assert set(objs) <= practised, \
        f"{path.name}: objectives {sorted(set(objs) - practised)} are practised by no exercise"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_each_exercise_has_stub_checker_hints_and_hidden_solution(path):
    nb, exs = load(path)
    for e in exs:
        where = f"{path.name} {e.label}"
        assert e.stub_cell is not None and e.check_cell is not None, f"{where}: needs a stub and a checker cell"
        assert e.solution_start is not None and e.solution_end is not None and e.solution_cells, \
            f"{where}: hidden solution"
        assert ":class: dropdown" in nb.cells[e.solution_start].source, \
            f"{where}: the solution must be hidden (dropdown)"
        stub = nb.cells[e.stub_cell].source
        assert e.function in ex.functions(stub), f"{where}: the stub must define {e.function}()"
        assert re.search(rf"\b{e.checker}\({e.function}\)", nb.cells[e.check_cell].source), \
            f"{where}: the checker cell must run {e.checker}({e.function})"
        assert len(e.hints) >= 2, f"{where}: at least two progressive hints (a nudge, then the method)"
        body = ex.function_body("\n".join(nb.cells[i].source for i in e.solution_cells), e.function)
        hint_text = " ".join(b for _, b in e.hints)
        for line in body.splitlines():
            line = line.strip()
            if len(line) >= 25 and line not in stub and not line.startswith(("#", "return None", '"""')):
                assert line not in hint_text, f"{where}: a hint gives away a solution line: {line!r}"


def run_cells(sources: list[str]) -> dict:
    ns: dict = {"__name__": "__exercise__"}
    with redirect_stdout(io.StringIO()):
        for src in sources:
            exec(compile(src, "<cell>", "exec"), ns)
    return ns


def checker_for(path, e):
    mod = importlib.import_module(f"dmnlab.checks.{ex.chapter_key(path)}")
    assert hasattr(mod, e.checker), f"dmnlab.checks.{ex.chapter_key(path)} lacks {e.checker}"
    return getattr(mod, e.checker)


def wrong_answers(path) -> dict:
    try:
        return importlib.import_module(f"wrong_answers.{ex.chapter_key(path)}").WRONG
    except ModuleNotFoundError:
        return {}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_checkers_accept_the_solution_and_reject_stub_and_wrong_answer(path):
    nb, exs = load(path)
    wrong = wrong_answers(path)
    for e in exs:
        where = f"{path.name} {e.label}"
        check = checker_for(path, e)
        # only imports and definitions: the lines that try a function out may use the chapter's variables
        stub_ns = run_cells([ex.definitions(nb.cells[e.stub_cell].source)])
        r = check(stub_ns[e.function])
        assert not r.passed and r.not_done, f"{where}: the untouched stub must get 'not done yet': {r.text()}"
        sol_ns = run_cells([ex.definitions(nb.cells[i].source) for i in [e.stub_cell, *e.solution_cells]])
        r = check(sol_ns[e.function])
        assert r.passed, f"{where}: the solution must pass its checker: {r.text()}"
        r.assert_ok()
        assert e.function in wrong, f"{where}: tests/wrong_answers/{ex.chapter_key(path)}.py needs a wrong {e.function}"
        bad = run_cells([wrong[e.function]])[e.function]
        r = check(bad)
        assert not r.passed and not r.not_done and r.problems, f"{where}: the wrong answer must be caught: {r.text()}"
        with pytest.raises(AssertionError):
            r.assert_ok()
