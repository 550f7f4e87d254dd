"""Student edition: solutions removed, stubs kept; every stub matches its solution."""

import sys

import nbformat
import pytest

from conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import editions  # noqa: E402

IDS = [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_stub_matches_its_solution(path):
    nb = nbformat.read(path, as_version=4)
    pairs = editions.exercise_pairs(nb)
    for stub, sols in pairs:
        assert sols, f"{path.name}: a stub without a solution:\n{stub.source[:200]}"
        stub_fns = editions.functions(stub.source)
        sol_fns = {}
        for s in sols:
            sol_fns.update(editions.functions(s.source))
        assert stub_fns, f"{path.name}: a stub must define the function the learner completes"
        for name, sig in stub_fns.items():
            assert name in sol_fns, f"{path.name}: stub {name}() has no solution"
            assert sig == sol_fns[name], f"{path.name}: {name}() signature differs: stub {sig}, solution {sol_fns[name]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_edition_has_no_solutions(path):
    nb = nbformat.read(path, as_version=4)
    st = editions.student_notebook(nb)
    assert not any("solution" in c.metadata.get("tags", []) for c in st.cells)
    assert not any("{solution-start}" in c.source for c in st.cells)
    n_stubs = sum("exercise-stub" in c.metadata.get("tags", []) for c in nb.cells)
    assert n_stubs == sum("exercise-stub" in c.metadata.get("tags", []) for c in st.cells)
    assert len(st.cells) < len(nb.cells)


@pytest.mark.slow
def test_student_edition_runs(tmp_path):
    """The student edition of chapter 0 runs top to bottom (the stubs run without error)."""
    from nbclient import NotebookClient

    nb = editions.student_notebook(nbformat.read(NOTEBOOKS[0], as_version=4))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
