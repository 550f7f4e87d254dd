"""Student and instructor editions of the notebooks.

    .venv/bin/python tools/editions.py student      -> build/student/    (no answers anywhere)
    .venv/bin/python tools/editions.py instructor   -> build/instructor/ (everything, plus the lecturer's pack)

Each exercise (see tools/exercises.py) has a stub the learner completes, a checker cell, and a
hidden solution: everything from the cell that opens ```{solution-start}``` to the cell that
closes ```{solution-end}```: code, prose, figures and both fences. The student edition removes
all of it (keeping any text before the opening fence or after the closing one in those two cells)
and strips outputs; stubs and checkers stay, so the notebook still runs top to bottom. The
instructor edition keeps every notebook whole and adds ``instructor/`` (the assessment bank,
marking rubrics, model answers, the module plan and the mini-projects), which is not part of the
public book.
"""
from __future__ import annotations

import pathlib
import shutil
import sys

import nbformat

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from exercises import ROOT, chapter_notebooks, functions, is_solution_end, is_solution_start, tags  # noqa: E402

NOTEBOOKS = chapter_notebooks()
PACK = ROOT / "instructor"

__all__ = ["student_notebook", "exercise_pairs", "functions", "write", "NOTEBOOKS"]


def _before(source: str, fence: str) -> str:
    return source.split(fence, 1)[0].rstrip()


def _after_end(source: str) -> str:
    tail = source.split("```{solution-end}", 1)[1]
    tail = tail.split("```", 1)[1] if "```" in tail else tail  # the fence's closing backticks
    return tail.strip()


def student_notebook(nb):
    """A copy of ``nb`` with every solution removed and every output stripped."""
    out = nbformat.from_dict(nb)
    kept = []
    inside = False
    for c in out.cells:
        if is_solution_start(c):
            head = _before(c.source, "```{solution-start}")
            if head:
                kept.append(nbformat.v4.new_markdown_cell(head))
            inside = True
            if is_solution_end(c):  # a one-cell solution block
                inside = False
                tail = _after_end(c.source)
                if tail:
                    kept.append(nbformat.v4.new_markdown_cell(tail))
            continue
        if inside:
            if is_solution_end(c):
                inside = False
                tail = _after_end(c.source)
                if tail:
                    kept.append(nbformat.v4.new_markdown_cell(tail))
            continue
        if c.cell_type == "code" and "solution" in tags(c):
            continue  # a solution cell outside a fenced block is still an answer
        kept.append(c)
    if inside:
        raise ValueError("a {solution-start} fence is never closed by {solution-end}")
    out.cells = kept
    for c in out.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return out


def exercise_pairs(nb):
    """(stub cell, [solution cells]) for each exercise, in order."""
    pairs, current = [], None
    for c in nb.cells:
        if c.cell_type == "code" and "exercise-stub" in tags(c):
            current = (c, [])
            pairs.append(current)
        elif c.cell_type == "code" and "solution" in tags(c) and current is not None:
            current[1].append(c)
    return pairs


def write(edition: str) -> list[pathlib.Path]:
    dest = ROOT / "build" / edition
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    written = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        out = student_notebook(nb) if edition == "student" else nb
        target = dest / path.name
        nbformat.write(out, target)
        written.append(target)
    if edition == "instructor" and PACK.is_dir():
        shutil.copytree(PACK, dest / "instructor")
        written.extend(sorted((dest / "instructor").rglob("*.md")))
    print(f"{edition} edition: {len(NOTEBOOKS)} notebooks in {dest.relative_to(ROOT)}/"
          + (" plus the lecturer's pack in instructor/" if edition == "instructor" and PACK.is_dir() else ""))
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("student", "instructor"):
        sys.exit("usage: editions.py student|instructor")
    write(sys.argv[1])
