"""A real JupyterHub with a class of eight students, on localhost and offline.

The hub runs classroom/jupyterhub_config.py (the file a lecturer uses for `make hub`) with only
its ports and folders moved into a temporary folder; configurable-http-proxy comes from
node_modules. The course is a bare clone of this repository's HEAD. Each student follows the
README's nbgitpuller link in chromium (one browser, a context per student): the hub asks them to
log in with the shared password, starts their server, nbgitpuller clones the course into their
home and JupyterLab opens the chapter. Half open chapter 1, half chapter 4; everyone runs all
cells and operates a demo's control with the keyboard. benchmarks/hub.py drives the class (the
same code measures it for `make bench`); the tests below check what each student got.
"""

import pathlib
import re
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import hub as classroom  # noqa: E402  (benchmarks/hub.py)

pytestmark = [pytest.mark.lab, pytest.mark.browser, pytest.mark.slow]

STUDENTS = 8


@pytest.fixture(scope="module")
def klass(browser, tmp_path_factory):
    return classroom.run_class(browser, tmp_path_factory.mktemp("hub"), STUDENTS)


def _report(students, what):
    return "\n".join(f"{st.name} ({st.chapter}): {what(st)}" for st in students)


def test_every_student_logged_in_pulled_the_course_and_opened_their_chapter(klass):
    stuck = [st for st in klass.students if st.stopped in (classroom.LOGIN, classroom.OPEN)]
    assert not stuck, _report(stuck, lambda st: st.errors)
    assert sorted({st.chapter for st in klass.students}) == sorted(classroom.CHAPTERS)
    for st in klass.students:
        # nbgitpuller cloned the lecturer's commit into the student's own home ...
        assert st.commit == klass.head, f"{st.name}: pulled {st.commit!r}, expected {klass.head}"
        assert (klass.homes / st.name / classroom.COURSE_DIR / "notebooks" / f"{st.chapter}.ipynb").is_file()
        # ... and JupyterLab opened the chapter the link named, in that student's server
        assert re.search(rf"/user/{st.name}/lab/tree/{classroom.COURSE_DIR}/notebooks/{st.chapter}\.ipynb",
                         st.page.url if st.page else ""), st.page.url if st.page else ""
    assert 0 < klass.t_ready < klass.t_ran


def test_every_cell_ran_without_error(klass):
    failed = [st for st in klass.students
              if st.stopped == classroom.RUN or any(e.startswith("error output") for e in st.errors)]
    assert not failed, _report(failed, lambda st: st.errors)
    for st in klass.students:
        assert st.code_cells > 10, f"{st.chapter}: {st.code_cells} code cells"


def test_every_live_figure_is_drawn(klass):
    """Every ipywidgets demo's plotly figure has its traces once the cells have run."""
    empty = [st for st in klass.students if any(e.startswith("live figures without data") for e in st.errors)]
    assert not empty, _report(empty, lambda st: st.live_figures)


def test_keyboard_control_changes_the_figure(klass):
    """Chapter 4: a slider moved with the arrow keys. Chapter 1 has no slider in its live demos;
    there the first demo's checkbox is toggled with the space bar."""
    stuck = [st for st in klass.students if st.t_moved != st.t_moved]  # NaN: never moved
    assert not stuck, _report(stuck, lambda st: st.errors)
    for st in klass.students:
        expected = "slider" if st.chapter.startswith("04") else "checkbox"
        assert st.control == expected, (st.name, st.control)


def test_no_javascript_errors(klass):
    broken = [st for st in klass.students if st.page_errors]
    assert not broken, _report(broken, lambda st: st.page_errors[:3])


def test_the_hub_and_every_server_logged_no_error(klass):
    """A failed spawn, a crashed server or a traceback in any server shows here."""
    assert not klass.hub_problems, "\n\n".join(klass.hub_problems[:5])
    servers = {s.owner for s in klass.stats.values() if s.kind == "server"}
    assert servers == {st.name for st in klass.students}, servers


def test_nothing_left_localhost(klass):
    outside = {st.name: st.external[:5] for st in klass.students if st.external}
    assert not outside, outside


def test_make_hub_runs_the_configuration_the_class_used():
    recipe = re.search(r"^hub:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.M)
    assert recipe, "Makefile has no hub target"
    assert "jupyterhub -f classroom/jupyterhub_config.py" in recipe.group(1), recipe.group(1)


@pytest.mark.parametrize("password", [None, "short"])
def test_the_configuration_refuses_a_missing_or_short_password(tmp_path, password):
    env = {"PATH": "/usr/bin:/bin", "DMNLAB_HUB_STATE": str(tmp_path)}
    if password is not None:
        env["DMNLAB_HUB_PASSWORD"] = password
    res = subprocess.run([str(pathlib.Path(sys.executable).with_name("jupyterhub")), "-f",
                          str(ROOT / "classroom" / "jupyterhub_config.py"), "--show-config"],
                         env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert res.returncode != 0
    assert "DMNLAB_HUB_PASSWORD" in res.stderr + res.stdout, res.stderr[-2000:]
