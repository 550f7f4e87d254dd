"""Student and instructor editions of the notebooks.

    .venv/bin/python tools/editions.py student      -> build/student/*.ipynb   (solutions removed)
    .venv/bin/python tools/editions.py instructor   -> build/instructor/*.ipynb (everything kept)

In a chapter, each exercise has a code cell tagged ``exercise-stub`` (what the student
completes) followed by a hidden solution: a markdown cell opening ``{solution-start}``, code
cells tagged ``solution``, and a markdown cell ``{solution-end}``. The student edition drops the
solution block and keeps the stub; both editions stay runnable top to bottom.
"""
from __future__ import annotations

import ast
import pathlib
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def is_solution_cell(cell) -> bool:
    if cell.cell_type == "code":
        return "solution" in cell.metadata.get("tags", [])
    src = cell.source.strip()
    return src.startswith("```{solution-start}") or src.startswith("```{solution-end}")


def student_notebook(nb):
    out = nbformat.from_dict(nb)
    out.cells = [c for c in nb.cells if not is_solution_cell(c)]
    for c in out.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return out


def functions(source: str) -> dict:
    """Top-level functions of a cell: name -> argument signature (names, defaults count)."""
    tree = ast.parse(source)
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            a = node.args
            out[node.name] = ([x.arg for x in a.posonlyargs + a.args], len(a.defaults),
                              [x.arg for x in a.kwonlyargs], bool(a.vararg), bool(a.kwarg))
    return out


def exercise_pairs(nb):
    """(stub cell, [solution cells]) for each exercise, in order."""
    pairs, current = [], None
    for c in nb.cells:
        if c.cell_type == "code" and "exercise-stub" in c.metadata.get("tags", []):
            current = (c, [])
            pairs.append(current)
        elif c.cell_type == "code" and "solution" in c.metadata.get("tags", []) and current is not None:
            current[1].append(c)
    return pairs


def write(edition: str) -> list[pathlib.Path]:
    dest = ROOT / "build" / edition
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        out = student_notebook(nb) if edition == "student" else nb
        target = dest / path.name
        nbformat.write(out, target)
        written.append(target)
    print(f"{edition} edition: {len(written)} notebooks in {dest.relative_to(ROOT)}/")
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("student", "instructor"):
        sys.exit("usage: editions.py student|instructor")
    write(sys.argv[1])
