"""Read the exercises of a chapter notebook (used by the editions, the assignments and the tests).

An exercise, as CONTRIBUTING.md describes it, is a run of cells:

1. a markdown cell with ```` ```{exercise-start} Title ```` / ``:label: ex-NN-name`` / the task,
   a line ``**Warm-up** · objective 2 · checker: `check_name` `` (level: Warm-up, Core or
   Challenge; one or more objective numbers), progressive hints as
   ``<details class="dmnlab-hint"><summary>Hint 1: ...</summary> ... </details>``, and
   ```` ```{exercise-end} ````;
2. a code cell tagged ``exercise-stub``: the function the learner completes (body ``...``);
3. a code cell tagged ``exercise-check``: imports and runs the checker on the learner's function;
4. the hidden solution: a markdown cell opening ```` ```{solution-start} ````, code cells tagged
   ``solution`` (the same function, finished, then using it and running the checker), any
   explanation, and a markdown cell ending with ```` ```{solution-end} ````.
"""
from __future__ import annotations

import ast
import pathlib
import re
from dataclasses import dataclass, field

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
LEVELS = ("warm-up", "core", "challenge")
POINTS = {"warm-up": 1, "core": 2, "challenge": 3}

_LEVEL = re.compile(r"\*\*(Warm-up|Core|Challenge)\*\*\s*·\s*objectives?\s+([0-9][0-9 ,and]*)\s*·\s*checker:\s*"
                    r"`(check_[A-Za-z0-9_]+)`", re.I)
_LABEL = re.compile(r":label:\s*(ex-[A-Za-z0-9-]+)")
_HINT = re.compile(r'<details class="dmnlab-hint"><summary>(.*?)</summary>(.*?)</details>', re.S)


def chapter_notebooks() -> list[pathlib.Path]:
    """The chapters (NN_name.ipynb) and the appendices (A1_name.ipynb), in reading order."""
    nbdir = ROOT / "notebooks"
    return sorted(nbdir.glob("[0-9][0-9]_*.ipynb")) + sorted(nbdir.glob("A[0-9]_*.ipynb"))


def chapter_key(path: pathlib.Path) -> str:
    """``01_default_mode_network.ipynb`` -> ``ch01``; ``A1_python_primer.ipynb`` -> ``a1``."""
    head = path.stem.split("_", 1)[0]
    return f"ch{head}" if head.isdigit() else head.lower()


@dataclass
class Exercise:
    label: str
    title: str
    level: str
    objectives: list
    checker: str
    task_cell: int
    stub_cell: int | None = None
    check_cell: int | None = None
    solution_cells: list = field(default_factory=list)
    solution_start: int | None = None
    solution_end: int | None = None
    hints: list = field(default_factory=list)

    @property
    def function(self) -> str:
        return self.checker.removeprefix("check_")

    @property
    def points(self) -> int:
        return POINTS.get(self.level, 0)  # 0 for an exercise without a level line (the tests require one)


def is_solution_start(cell) -> bool:
    return cell.cell_type == "markdown" and "```{solution-start}" in cell.source


def is_solution_end(cell) -> bool:
    return cell.cell_type == "markdown" and "```{solution-end}" in cell.source


def tags(cell) -> list:
    return cell.metadata.get("tags", [])


def exercises(nb) -> list[Exercise]:
    """Every exercise of a notebook, with the indices of its cells."""
    out: list[Exercise] = []
    current = None
    in_solution = False
    for i, c in enumerate(nb.cells):
        if c.cell_type == "markdown" and "```{exercise-start}" in c.source:
            m = _LEVEL.search(c.source)
            lab = _LABEL.search(c.source)
            title = c.source.split("```{exercise-start}", 1)[1].split("\n", 1)[0].strip()
            objs = [int(x) for x in re.findall(r"\d+", m.group(2))] if m else []
            current = Exercise(label=lab.group(1) if lab else "", title=title,
                               level=m.group(1).lower() if m else "", objectives=objs,
                               checker=m.group(3) if m else "", task_cell=i,
                               hints=[(h.strip(), b.strip()) for h, b in _HINT.findall(c.source)])
            out.append(current)
            in_solution = False
            continue
        if current is None:
            continue
        if c.cell_type == "code" and "exercise-stub" in tags(c) and current.stub_cell is None:
            current.stub_cell = i
        elif c.cell_type == "code" and "exercise-check" in tags(c) and current.check_cell is None:
            current.check_cell = i
        if is_solution_start(c):
            current.solution_start = i
            in_solution = True
        if in_solution and c.cell_type == "code" and "solution" in tags(c):
            current.solution_cells.append(i)
        if in_solution and is_solution_end(c):
            current.solution_end = i
            in_solution = False
            current = None
    return out


def objectives(nb) -> list[int]:
    """The numbers of the chapter's learning objectives (the numbered list after
    "Learning objectives" in the overview)."""
    for c in nb.cells[:3]:
        if c.cell_type == "markdown" and "Learning objectives" in c.source:
            block = c.source.split("Learning objectives", 1)[1].split("**Prerequisites", 1)[0]
            return [int(n) for n in re.findall(r"^\s*(\d+)\.\s", block, re.M)]
    return []


def functions(source: str) -> dict:
    """Top-level functions of a cell: name -> signature (argument names, number of defaults,
    keyword-only names, *args, **kwargs)."""
    tree = ast.parse(source)
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            a = node.args
            out[node.name] = ([x.arg for x in a.posonlyargs + a.args], len(a.defaults),
                              [x.arg for x in a.kwonlyargs], bool(a.vararg), bool(a.kwarg))
    return out


def definitions(source: str) -> str:
    """Only the imports and function definitions of a cell (not the lines that try them out,
    which may use variables from earlier cells of the chapter)."""
    tree = ast.parse(source)
    lines = source.splitlines()
    keep = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef)):
            start = node.lineno - 1 - len(getattr(node, "decorator_list", []))
            keep.append("\n".join(lines[start:node.end_lineno]))
    return "\n\n\n".join(keep)


def function_body(source: str, name: str) -> str:
    """The body of top-level function ``name`` in ``source`` (without its docstring), dedented."""
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                    and isinstance(body[0].value.value, str):
                body = body[1:]
            if not body:
                return ""
            start, end = body[0].lineno - 1, body[-1].end_lineno
            chunk = lines[start:end]
            indent = min(len(x) - len(x.lstrip()) for x in chunk if x.strip())
            return "\n".join(x[indent:] for x in chunk)
    raise KeyError(name)


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)
