"""Editions: the student edition holds no answer at all (code, prose, figures, fences); the
instructor edition keeps every solution and adds the lecturer's pack, which the public book and
the student edition never contain."""

import re
import sys

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import editions  # noqa: E402
import exercises as ex  # noqa: E402

NOTEBOOKS = ex.chapter_notebooks()
IDS = [p.stem for p in NOTEBOOKS]
PACK = ROOT / "instructor"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_stub_matches_its_solution(path):
    nb = nbformat.read(path, as_version=4)
    pairs = editions.exercise_pairs(nb)
    assert pairs, f"{path.name}: no exercises"
    for stub, sols in pairs:
        assert sols, f"{path.name}: a stub without a solution:\n{stub.source[:200]}"
        stub_fns = editions.functions(stub.source)
        sol_fns = {}
        for s in sols:
            sol_fns.update(editions.functions(s.source))
        assert stub_fns, f"{path.name}: a stub must define the function the learner completes"
        for name, sig in stub_fns.items():
            assert name in sol_fns, f"{path.name}: stub {name}() has no solution"
            assert sig == sol_fns[name], \
                f"{path.name}: {name}() signature differs: stub {sig}, solution {sol_fns[name]}"


def answer_fragments(nb) -> list[str]:
    """Every piece of an answer: solution lines (code and prose between the solution fences) that
    do not also appear outside the solution blocks (the stub, the checker cell, the chapter)."""
    exs = ex.exercises(nb)
    inside = {i for e in exs for i in range(e.solution_start, e.solution_end + 1)}
    # worked independently of editions.student_notebook, which is what is under test
    outside = "\n".join(c.source for i, c in enumerate(nb.cells) if i not in inside)
    frags = []
    for e in exs:
        stub = "\n".join(nb.cells[i].source for i in (e.stub_cell, e.check_cell) if i is not None)
        for i in range(e.solution_start, e.solution_end + 1):
            c = nb.cells[i]
            text = c.source
            if i == e.solution_start:
                text = text.split("```{solution-start}", 1)[1]
            if i == e.solution_end:
                text = text.split("```{solution-end}", 1)[0]
            for line in text.splitlines():
                s = line.strip()
                if len(s) < 20 or s in stub or s in outside or s.startswith((":class:", "```", "import ", "from ")):
                    continue
                frags.append(s)
    return frags


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_edition_contains_no_answer(path):
    nb = nbformat.read(path, as_version=4)
    student = editions.student_notebook(nb)
    text = "\n".join(c.source for c in student.cells)
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells), "a solution-tagged cell"
    assert "{solution-start}" not in text and "{solution-end}" not in text, "a solution fence"
    assert not any(c.get("outputs") for c in student.cells if c.cell_type == "code"), "outputs (figures) left in"
    frags = answer_fragments(nb)
    assert frags, f"{path.name}: found no solution content to look for"
    leaked = [f for f in frags if f in text]
    assert not leaked, f"{path.name}: the student edition leaks answers: {leaked[:3]}"
    n_stub = lambda n: sum("exercise-stub" in c.metadata.get("tags", []) for c in n.cells)  # noqa: E731
    n_check = lambda n: sum("exercise-check" in c.metadata.get("tags", []) for c in n.cells)  # noqa: E731
    assert n_stub(student) == n_stub(nb) and n_check(student) == n_check(nb), "stubs and checkers stay"
    # the exercise texts stay
    for e in ex.exercises(nb):
        assert nb.cells[e.task_cell].source in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_instructor_edition_keeps_every_answer(path):
    nb = nbformat.read(path, as_version=4)
    joined = "\n".join(c.source for c in nb.cells)
    for f in answer_fragments(nb):
        assert f in joined
    assert sum("solution" in c.metadata.get("tags", []) for c in nb.cells) >= len(ex.exercises(nb))


def test_solution_removal_handles_prose_and_one_cell_blocks():
    """Prose inside the solution (before the closing fence) goes; text after the fence stays."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("def f():\n    ...", metadata={"tags": ["exercise-stub"]}),
        nbformat.v4.new_markdown_cell("Before.\n\n```{solution-start} ex-x\n:class: dropdown\n```"),
        nbformat.v4.new_code_cell("def f():\n    return 42", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("Why 42: the answer to everything here.\n\n```{solution-end}\n```\n\n"
                                      "After the fence."),
        nbformat.v4.new_markdown_cell("```{solution-start} ex-y\n:class: dropdown\n```\nSecret prose.\n"
                                      "```{solution-end}\n```"),
    ])
    out = editions.student_notebook(nb)
    text = "\n".join(c.source for c in out.cells)
    assert "Before." in text and "After the fence." in text
    assert "42" not in text and "Why" not in text and "Secret" not in text and "solution-" not in text
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("```{solution-start} ex-z\n```")])
    with pytest.raises(ValueError, match="never closed"):
        editions.student_notebook(bad)


def test_written_editions(tmp_path, monkeypatch):
    """`make student` writes answer-free notebooks and no lecturer's pack; `make instructor` both."""
    monkeypatch.setattr(editions, "ROOT", tmp_path)
    editions.write("student")
    editions.write("instructor")
    st, ins = tmp_path / "build" / "student", tmp_path / "build" / "instructor"
    assert sorted(p.name for p in st.glob("*.ipynb")) == sorted(p.name for p in NOTEBOOKS)
    assert not (st / "instructor").exists()
    for p in st.glob("*.ipynb"):
        assert "{solution-start}" not in p.read_text()
    assert (ins / "instructor").is_dir() == PACK.is_dir()


def test_lecturers_pack_is_complete():
    """instructor/ holds, per chapter, exam questions with model answers and a rubric and model
    answers to the chapter's discussion prompts; a 10-week module plan; two mini-projects with a rubric."""
    assert PACK.is_dir(), "instructor/ (the lecturer's pack) is missing"
    for path in NOTEBOOKS:
        key = ex.chapter_key(path)
        if key.startswith("a"):
            continue  # appendices have no exam questions
        bank = PACK / "bank" / f"{key}.md"
        assert bank.exists(), f"instructor/bank/{key}.md is missing"
        text = bank.read_text()
        for needle in ("## Short-answer questions", "## Data question", "## Discussion prompts", "Model answer",
                       "Rubric"):
            assert needle in text, f"{bank.name} lacks {needle!r}"
    plan = (PACK / "module_plan.md").read_text()
    weeks = re.findall(r"^### Week (\d+)", plan, re.M)
    assert [int(w) for w in weeks] == list(range(1, 11)), "the module plan has weeks 1-10"
    for needle in ("Lecture", "Practical", "Reading", "Assessment"):
        assert needle in plan
    projects = (PACK / "projects.md").read_text()
    assert len(re.findall(r"^## Project \d", projects, re.M)) >= 2 and "Rubric" in projects


@pytest.mark.book
def test_public_book_has_no_lecturers_pack(built_book):
    """Nothing of instructor/ reaches the public book: no model answer, no rubric text."""
    needles = []
    for md in PACK.rglob("*.md"):
        for line in md.read_text().splitlines():
            s = line.strip().replace("*", "")
            if s.lower().startswith("model answer:") and len(s) > 40:
                needles.append(s.split(":", 1)[1].strip()[:60])
    assert needles, "found no model answers in instructor/ to look for"
    pages = "\n".join(p.read_text() for p in built_book.rglob("*.html"))
    leaked = [n for n in needles if n and n in pages]
    assert not leaked, f"the public book contains lecturer's pack text: {leaked[:3]}"


@pytest.mark.slow
def test_student_edition_runs(tmp_path):
    """The student edition of chapter 0 runs top to bottom (stubs and checkers run without error)."""
    from nbclient import NotebookClient

    nb = editions.student_notebook(nbformat.read(NOTEBOOKS[0], as_version=4))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    checks = [o for c in nb.cells if "exercise-check" in c.metadata.get("tags", []) for o in c.outputs]
    assert checks and all("not done yet" in str(o) for o in checks), "the checkers report the stubs as not done"
