"""Every notebook runs top to bottom on a fresh kernel with the network off, without errors,
is committed without outputs, and follows the chapter shape."""

import json
import os
import re
import shutil
import time

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import NOTEBOOKS

IDS = [p.stem for p in NOTEBOOKS]


def test_there_are_notebooks():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    for c in nb["cells"]:
        if c["cell_type"] == "code":
            assert not c.get("outputs") and c.get("execution_count") is None, f"{path.name}: strip outputs"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_chapter_shape(path):
    """Design notes section 7: title, objectives, prerequisites, time, exercises with hidden
    solutions, quiz, summary, what's next, references."""
    nb = nbformat.read(path, as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "starts with a title"
    for needle in ("Learning objectives", "Prerequisites", "Time to learn", "## Summary", "## What's next",
                   "## References", "{footbibliography}", "{exercise-start}", "{solution-start}"):
        assert needle in md, f"{path.name} lacks {needle!r}"
    assert "dmnlab.quiz(" in code, f"{path.name} has no quiz"
    assert re.search(r":class: dropdown", md), "solutions are hidden (dropdown)"
    # headings in order: no jump of more than one level
    levels = [len(m.group(1)) for c in nb.cells if c.cell_type == "markdown"
              for m in re.finditer(r"^(#{1,6}) ", c.source, re.M)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"{path.name}: heading levels skip"
    stubs = [c for c in nb.cells if "exercise-stub" in c.metadata.get("tags", [])]
    sols = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert sols and len(stubs) <= len(sols)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_on_a_fresh_kernel_without_errors(path, tmp_path):
    if os.environ.get("DMNLAB_OFFLINE") not in ("netns", "guard"):
        pytest.fail("run the tests through `make test` (tools/offline.sh turns the network off)")
    nb = nbformat.read(path, as_version=4)
    work = tmp_path / "notebooks"
    shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns("*.ipynb"))
    t0 = time.time()
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(work)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    stderr = [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not any("Traceback" in s for s in stderr)
    print(f"{path.name}: {time.time() - t0:.1f} s")
