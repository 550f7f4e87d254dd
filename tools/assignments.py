"""Autograded assignments: each chapter's exercises as an nbgrader course directory.

    .venv/bin/python tools/assignments.py            (what `make assignments` runs)

writes ``build/assignments/`` (an nbgrader course directory):

    nbgrader_config.py
    source/chNN/chNN.ipynb     the exercises of chapter NN with solutions and autograder tests
    release/chNN/chNN.ipynb    made by nbgrader's own `generate_assignment` (solutions removed,
                               hidden tests removed, cells locked)

For every exercise (tools/exercises.py) the source notebook holds: the task (with its hints),
an *answer* cell (the stub, whose ``...`` becomes ``### BEGIN SOLUTION`` ... ``### END SOLUTION``
around the solution's body), a cell that tries the function, and an *autograder test* cell worth
1 (warm-up), 2 (core) or 3 (challenge) points. The test cell runs the exercise's checker so the
student sees the same report as in the course, and, hidden from the student, asserts it passed.

Then a lecturer collects submissions into ``submitted/<student>/chNN/chNN.ipynb`` and runs
``nbgrader autograde chNN`` in build/assignments (see the instructor guide).
"""
from __future__ import annotations

import ast
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

import nbformat

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from exercises import ROOT, chapter_key, chapter_notebooks, exercises, function_body  # noqa: E402

COURSE = ROOT / "build" / "assignments"
CONFIG = '''# nbgrader configuration of the Default Mode assignments (written by tools/assignments.py)
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "default-mode"
c.CourseDirectory.root = {root!r}
c.ExecutePreprocessor.timeout = 300
c.Execute.timeout = 300
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
'''


def _nbg(cell, **meta):
    cell.metadata["nbgrader"] = {"schema_version": 3, "task": False, **meta}
    return cell


def _task_markdown(source: str) -> str:
    """The exercise's task without the MyST fences (the hints stay: they are HTML). Text before
    the opening fence (a section's introduction in the chapter) is left out."""
    out = []
    source = "```{exercise-start}" + source.split("```{exercise-start}", 1)[1]
    for line in source.splitlines():
        s = line.strip()
        if s.startswith("```{exercise-start}"):
            title = s.removeprefix("```{exercise-start}").strip()
            out.append(f"## {title}" if title else "## Exercise")
            continue
        if s.startswith((":label:", ":class:", "```{exercise-end}")) or s == "```":
            continue
        out.append(line)
    return "\n".join(out).strip()


def _split_stub(stub: str) -> tuple[str, str]:
    """(imports and function definitions, the rest: the lines that try the function)."""
    tree = ast.parse(stub)
    lines = stub.splitlines()
    keep, rest = [], []
    for node in tree.body:
        seg = "\n".join(lines[node.lineno - 1 - len(getattr(node, "decorator_list", [])):node.end_lineno])
        (keep if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef)) else rest).append(seg)
    return "\n\n\n".join(keep), "\n".join(rest)


def answer_cell_source(stub: str, solution: str, names: list[str]) -> str:
    """The stub's definitions with each ``...`` body replaced by the solution's body between
    nbgrader's solution markers."""
    defs, _ = _split_stub(stub)
    tree = ast.parse(defs)
    lines = defs.splitlines()
    for node in sorted((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in names),
                       key=lambda n: -n.lineno):
        ell = [b for b in node.body if isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant)
               and b.value.value is Ellipsis]
        if not ell:
            raise ValueError(f"stub {node.name}(): its body must contain `...` where the learner writes")
        line = ell[0].lineno - 1
        indent = lines[line][:len(lines[line]) - len(lines[line].lstrip())]
        body = textwrap.indent(function_body(solution, node.name), indent)
        lines[line:line + 1] = [f"{indent}### BEGIN SOLUTION", *body.splitlines(), f"{indent}### END SOLUTION"]
    return "\n".join(lines)


def _imports(source: str) -> set:
    return {ast.unparse(n) for n in ast.parse(source).body if isinstance(n, (ast.Import, ast.ImportFrom))}


def assignment_notebook(path: pathlib.Path):
    nb = nbformat.read(path, as_version=4)
    key = chapter_key(path)
    title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
    exs = exercises(nb)
    total = sum(e.points for e in exs)
    cells = [nbformat.v4.new_markdown_cell(
        f"# Exercises of chapter {title}\n\n"
        f"{len(exs)} exercises, {total} points. Complete each function where it says `YOUR CODE HERE`, "
        "then run the cell below it: the checker tells you what is right and what is wrong, exactly as in "
        "the course. Your work is graded by the same checks (warm-up 1 point, core 2, challenge 3). "
        "The chapter itself explains the ideas; keep it open beside this notebook.")]
    for e in exs:
        stub = nb.cells[e.stub_cell].source
        solution = "\n".join(nb.cells[i].source for i in e.solution_cells)
        missing = _imports(solution) - _imports(stub)
        if missing:
            raise ValueError(f"{path.name} {e.label}: the solution imports {sorted(missing)} that the stub does "
                             "not; put every import the solution needs in the stub")
        cells.append(nbformat.v4.new_markdown_cell(
            _task_markdown(nb.cells[e.task_cell].source) + f"\n\n*{e.level.capitalize()}, {e.points} point(s).*"))
        cells.append(_nbg(nbformat.v4.new_code_cell(answer_cell_source(stub, solution, [e.function])),
                          grade=False, solution=True, locked=False, grade_id=f"{e.function}_answer"))
        # the chapter's lines that try the function out are left out: they may use the chapter's
        # variables; the checker cell below tries the function on the real data instead
        check_import = f"from dmnlab.checks.{key} import {e.checker}"
        cells.append(_nbg(nbformat.v4.new_code_cell(
            f"{check_import}\n\n{e.checker}({e.function})\n"
            f"### BEGIN HIDDEN TESTS\n{e.checker}({e.function}).assert_ok()\n### END HIDDEN TESTS"),
            grade=True, solution=False, locked=True, points=e.points, grade_id=f"{e.function}_test"))
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    out.metadata["language_info"] = {"name": "python"}
    return key, out, total


def nbgrader(*args: str, cwd: pathlib.Path = COURSE) -> subprocess.CompletedProcess:
    exe = pathlib.Path(sys.executable).with_name("nbgrader")
    # nbgrader runs `alembic` (its database migrations) from PATH: the course environment's
    env = dict(os.environ, PATH=f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, env=env)


def build(course: pathlib.Path = COURSE, only: list[str] | None = None) -> dict:
    """Write the source notebooks and let nbgrader generate the release. Returns {key: points}."""
    shutil.rmtree(course, ignore_errors=True)
    (course / "source").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(CONFIG.format(root=str(course)))
    points = {}
    for path in chapter_notebooks():
        if only and chapter_key(path) not in only:
            continue
        key, nb, total = assignment_notebook(path)
        (course / "source" / key).mkdir()
        nbformat.write(nb, course / "source" / key / f"{key}.ipynb")
        r = nbgrader("generate_assignment", key, "--force", cwd=course)
        if r.returncode != 0 or not (course / "release" / key / f"{key}.ipynb").exists():
            raise RuntimeError(f"nbgrader generate_assignment {key} failed:\n{r.stdout}\n{r.stderr}")
        points[key] = total
    return points


if __name__ == "__main__":
    pts = build()
    print(f"{len(pts)} assignments, {sum(pts.values())} points, in {COURSE.relative_to(ROOT)}/ "
          "(source/ with solutions and tests; release/ generated by nbgrader)")
