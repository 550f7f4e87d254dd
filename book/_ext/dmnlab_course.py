"""Course tables read from the chapters themselves, so the instructor guide never disagrees with them.

``{dmnlab-chapters}``      every chapter: its learning objectives and its "Time to learn", as the
                           notebook states them.
``{dmnlab-exercise-map}``  every chapter: each objective and the exercises that practise it
                           (level and points, as nbgrader grades them).
"""

from __future__ import annotations

import pathlib
import re
import sys

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

# the repository: found from the course library (installed editable from src/), so that a copy of
# this extension in a temporary book (tools/build_book.py --only) still reads the real notebooks
import dmnlab  # noqa: E402

ROOT = pathlib.Path(dmnlab.__file__).resolve().parents[2]


def _tools():
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    import exercises

    return exercises


def chapter_info(path: pathlib.Path) -> dict:
    ex = _tools()
    nb = ex.read(path)
    first = nb.cells[0].source
    title = first.splitlines()[0].lstrip("# ").strip()
    time = re.search(r"\*\*Time to learn:\*\*\s*([^\n]+?)(?:\.\s*$|\.\s|\n|$)", first, re.M)
    block = ""
    if "Learning objectives" in first:
        block = first.split("Learning objectives", 1)[1].split("**Prerequisites", 1)[0]
    objectives = {int(n): re.sub(r"\s+", " ", t).strip().rstrip(";.")
                  for n, t in re.findall(r"^\s*(\d+)\.\s+(.*?)(?=^\s*\d+\.\s|\n\s*\n|\Z)", block, re.M | re.S)}
    return {"path": path, "title": title, "time": time.group(1).strip() if time else "not stated",
            "objectives": objectives, "exercises": ex.exercises(nb)}


def _doc(path: pathlib.Path) -> str:
    return f"notebooks/{path.stem}"


class ChaptersDirective(SphinxDirective):
    has_content = False

    def run(self):
        ex = _tools()
        lines = ["| Chapter | After it, a student can ... | Time to learn |", "|---|---|---|"]
        for p in ex.chapter_notebooks():
            info = chapter_info(p)
            objs = "; ".join(f"({n}) {t}" for n, t in info["objectives"].items())
            lines.append(f"| {{doc}}`{info['title']} </{_doc(p)}>` | {objs} | {info['time']} |")
            self.env.note_dependency(str(p))
        return _parse(self, lines)


class ExerciseMapDirective(SphinxDirective):
    has_content = False

    def run(self):
        ex = _tools()
        lines = []
        for p in ex.chapter_notebooks():
            info = chapter_info(p)
            self.env.note_dependency(str(p))
            total = sum(e.points for e in info["exercises"])
            lines += [f"**{info['title']}** ({len(info['exercises'])} exercises, {total} points)", "",
                      "| Objective | Exercises that practise it |", "|---|---|"]
            for n, text in info["objectives"].items():
                exs = [e for e in info["exercises"] if n in e.objectives]
                cell = "; ".join(f"{e.title} ({e.level}, {e.points} pt)" for e in exs) or "**none**"
                lines.append(f"| {n}. {text} | {cell} |")
            lines.append("")
        return _parse(self, lines)


def _parse(directive, lines):
    node = nodes.section()
    node.document = directive.state.document
    directive.state.nested_parse(StringList(lines, source="notebooks"), directive.content_offset, node)
    return node.children


def setup(app):
    app.add_directive("dmnlab-chapters", ChaptersDirective)
    app.add_directive("dmnlab-exercise-map", ExerciseMapDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
