"""A class on a real JupyterHub: how long until everyone is working, and what each student costs.

The hub is classroom/jupyterhub_config.py (the file a lecturer uses), with only its ports and
folders moved into a temporary folder. Students log in in chromium, each through the README's
nbgitpuller link to a local bare clone of this repository; half open chapter 1, half chapter 4;
each runs all cells and operates a control with the keyboard. Meanwhile every process of the hub
is sampled (psutil): the hub and its proxy, each student's server, each kernel.

    tools/offline.sh .venv/bin/python benchmarks/hub.py                 # print the figures
    tools/offline.sh .venv/bin/python benchmarks/hub.py --write-sizing  # and classroom/sizing.json

`run()` returns the dict `make bench` stores under the key "hub" of benchmarks/results.json.
tests/test_hub.py drives the same class with the same functions and fails on any error.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import pathlib
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[1]
CONFIG = ROOT / "classroom" / "jupyterhub_config.py"
SIZING = ROOT / "classroom" / "sizing.json"
README = ROOT / "README.md"
BIN = pathlib.Path(sys.executable).parent
CHAPTERS = ("01_default_mode_network", "04_monoamine_hypothesis")
COURSE_DIR = "default-mode"  # the bare clone's name, hence the folder nbgitpuller makes
PASSWORD = "dmnlab-class-password"  # nosec: a throwaway hub on localhost
MIB = 1024 * 1024
# the steps of a student's session, as failures name them
LOGIN, OPEN, RUN = "log in", "open the chapter (spawn, pull, JupyterLab, kernel)", "run every cell"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- the course, as students get it ------------------------------------------------------------

def course_clone(where: pathlib.Path) -> tuple[str, str]:
    """A bare clone of this repository's HEAD, branch main; returns (repo URL, HEAD commit)."""
    dest = where / COURSE_DIR
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(dest)], check=True)
    subprocess.run(["git", "--git-dir", str(dest), "update-ref", "refs/heads/main", head], check=True)
    subprocess.run(["git", "--git-dir", str(dest), "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    return dest.as_uri(), head


def readme_link_template() -> str:
    """The nbgitpuller link exactly as the README gives it to lecturers."""
    links = re.findall(r"`(https://<your-hub>/hub/user-redirect/git-pull\?[^`]+)`", README.read_text())
    if len(links) != 1:
        raise AssertionError(f"README.md should give one nbgitpuller link template, found {len(links)}")
    return links[0]


def class_link(hub_url: str, repo_url: str, chapter: str) -> str:
    """Fill the README's template: hub address, repository URL (encoded), repository name, chapter."""
    link = readme_link_template()
    for placeholder, value in (("https://<your-hub>", hub_url),
                               ("<repository-url>", urllib.parse.quote(repo_url, safe="")),
                               ("<repository-name>", COURSE_DIR),
                               ("<chapter>", chapter)):
        if placeholder not in link:
            raise AssertionError(f"the README's nbgitpuller link lacks {placeholder}: {link}")
        link = link.replace(placeholder, value)
    return link


# ---- the hub ---------------------------------------------------------------------------------

@dataclass
class Hub:
    url: str
    proc: subprocess.Popen
    log: pathlib.Path
    homes: pathlib.Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def problems(self) -> list[str]:
        """Error lines and tracebacks the hub or any student's server wrote to the log."""
        out, lines = [], self.log_text().splitlines()
        for i, line in enumerate(lines):
            if line.startswith("[E ") or line.startswith("[C ") or "Traceback (most recent call last)" in line:
                out.append("\n".join(lines[i:i + 12]))
        return out


def image_checkout(tmp: pathlib.Path) -> pathlib.Path:
    """The course library and data at the cloned commit, as an image built from it would hold them.

    The students' kernels import dmnlab from here (PYTHONPATH) rather than from the working tree
    the .venv's editable install points at, so the class runs one consistent commit.
    """
    dest = tmp / "image"
    subprocess.run(["git", "clone", "--quiet", str(tmp / COURSE_DIR), str(dest)], check=True)
    return dest


def hub_config(tmp: pathlib.Path, image: pathlib.Path) -> pathlib.Path:
    """The lecturer's configuration with test-only overrides: free ports, the course library of the
    cloned commit, everything in `tmp`."""
    path = tmp / "jupyterhub_test_config.py"
    pythonpath = [str(image / "src")]
    if os.environ.get("PYTHONPATH"):  # tools/offline.sh's socket guard, when it has no namespace
        pythonpath.append(os.environ["PYTHONPATH"])
    path.write_text(
        f"""c = get_config()  # noqa: F821
load_subconfig({str(CONFIG)!r})  # noqa: F821
# test-only: the hub's API and the proxy's API on free localhost ports
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
# test-only: kernels use the library and data of the commit the students pulled
c.Spawner.environment = dict(c.Spawner.environment, PYTHONPATH={os.pathsep.join(pythonpath)!r})
c.Application.log_level = "INFO"
""")
    return path


@contextlib.contextmanager
def running_hub(tmp: pathlib.Path, image: pathlib.Path, timeout: float = 60):
    """Start JupyterHub (and its proxy) from classroom/jupyterhub_config.py; stop it afterwards."""
    port = free_port()
    env = dict(os.environ, DMNLAB_HUB_PASSWORD=PASSWORD, DMNLAB_HUB_URL=f"http://127.0.0.1:{port}",
               DMNLAB_HUB_STATE=str(tmp / "state"), DMNLAB_HUB_HOMES=str(tmp / "home"))
    for k in [k for k in env if k.startswith(("JUPYTER", "IPYTHONDIR", "DMNLAB_RENDER"))]:
        env.pop(k)
    log = tmp / "hub.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(hub_config(tmp, image))], cwd=tmp, env=env,
                                stdout=fh, stderr=subprocess.STDOUT)
    hub = Hub(url=f"http://127.0.0.1:{port}", proc=proc, log=log, homes=tmp / "home")
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{hub.url}/hub/api/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("JupyterHub did not start:\n" + hub.log_text()[-4000:])
            time.sleep(0.3)
        yield hub
    finally:
        proc.terminate()  # the hub stops every student's server and the proxy on its way out
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


# ---- processes and their cost ----------------------------------------------------------------

def _kind(cmdline: list[str]) -> str | None:
    text = " ".join(cmdline)
    if "configurable-http-proxy" in text:
        return "proxy"
    if "jupyterhub-singleuser" in text:
        return "server"
    if "ipykernel_launcher" in text or "ipykernel" in text:
        return "kernel"
    return None


@dataclass
class ProcStat:
    kind: str
    owner: str  # the student whose home the process runs in ("" for the hub and its proxy)
    rss_max: int = 0
    rss_last: int = 0
    cpu_s: float = 0.0


class Sampler:
    """Samples RSS and CPU time of the hub's process tree every `every` seconds, in a thread."""

    def __init__(self, hub: Hub, every: float = 0.5):
        import psutil

        self.psutil = psutil
        self.hub = hub
        self.every = every
        self.stats: dict[int, ProcStat] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _owner(self, proc) -> str:
        try:
            cwd = pathlib.Path(proc.cwd())
        except Exception:
            return ""
        try:
            return cwd.relative_to(self.hub.homes).parts[0]
        except (ValueError, IndexError):
            return ""

    def sample(self) -> None:
        ps = self.psutil
        try:
            root = ps.Process(self.hub.proc.pid)
            procs = [root] + root.children(recursive=True)
        except ps.Error:
            return
        for p in procs:
            try:
                with p.oneshot():
                    # classified at every sample: a server's child is a copy of the server until it
                    # has exec'd the kernel
                    kind = "hub" if p.pid == root.pid else _kind(p.cmdline())
                    if kind is None:  # git, a shell: short-lived helpers
                        continue
                    st = self.stats.get(p.pid)
                    if st is None or st.kind != kind:
                        st = self.stats[p.pid] = ProcStat(kind, "" if kind in ("hub", "proxy") else self._owner(p))
                    rss = p.memory_info().rss
                    t = p.cpu_times()
                    st.rss_last = rss
                    st.rss_max = max(st.rss_max, rss)
                    st.cpu_s = t.user + t.system
            except ps.Error:
                continue

    def _loop(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(10)
        self.sample()


# ---- a student, in chromium ------------------------------------------------------------------

SLIDER = ".widget-slider .noUi-handle, .widget-slider .slider-handle, .widget-slider input[type=range]"
CHECKBOX = ".widget-checkbox input[type=checkbox]"
IDLE = ("() => /\\|\\s*Idle/.test((document.querySelector('.jp-StatusBar-Widget, #jp-main-statusbar') "
        "|| {}).textContent || '')")
# Every code cell has an execution count, or a cell shows an error: whichever comes first.
RAN = """n => {
  const errs = [...document.querySelectorAll(
      ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")]
      .map(e => e.textContent).filter(t => /Traceback|Error/.test(t));
  if (errs.length) return {state: 'error', errors: errs.map(t => t.slice(0, 2000))};
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
      .map(p => p.textContent.trim());
  const done = prompts.every(p => /^\\[\\d+\\]:?$/.test(p));
  if (prompts.length === n && done) return {state: 'done', cells: prompts.length};
  return false;
}"""
# What the figure shows: data and annotations, so any redraw that changes them is seen.
FIGURE = """g => JSON.stringify({
  data: (g._fullData || []).map(t => [t.x, t.y, t.z, t.text, t.visible, t.marker && t.marker.color,
                                       t.marker && t.marker.size, t.intensity].map(
      v => (v && typeof v === 'object' && !Array.isArray(v) && v.length !== undefined) ? Array.from(v) : v)),
  notes: ((g._fullLayout || {}).annotations || []).map(a => a.text),
  shapes: ((g._fullLayout || {}).shapes || []).map(s => [s.x0, s.x1, s.y0, s.y1])})"""


@dataclass
class Student:
    name: str
    chapter: str
    link: str
    page: object = None
    ctx: object = None
    external: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)  # console.error messages (reported, not failed on)
    page_errors: list = field(default_factory=list)  # uncaught JavaScript exceptions
    t_open: float = math.nan  # the chapter is open in JupyterLab, kernel idle
    t_ran: float = math.nan  # every cell has run
    t_moved: float = math.nan  # the control changed the figure
    code_cells: int = 0
    control: str = ""
    readout: tuple = ("", "")
    errors: list = field(default_factory=list)
    stopped: str = ""  # the step the session could not get past
    live_figures: list = field(default_factory=list)
    commit: str = ""
    shots: pathlib.Path | None = None


def code_cells(course: pathlib.Path, chapter: str) -> int:
    """Code cells of a chapter in the commit the students pulled (not the working tree)."""
    nb = json.loads((course / "notebooks" / f"{chapter}.ipynb").read_text())
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code")


def log_in(browser, hub: Hub, st: Student) -> None:
    """Follow the nbgitpuller link as a student would: the hub asks for a login first."""
    st.ctx = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = st.page = st.ctx.new_page()
    page.on("dialog", lambda d: d.accept())
    page.on("request", lambda r: st.external.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")) else None)
    page.on("console", lambda m: st.console_errors.append(m.text[:500]) if m.type == "error" else None)
    page.on("pageerror", lambda e: st.page_errors.append(f"{e} {(e.stack or '')[:600]}"))
    page.goto(st.link, wait_until="domcontentloaded")
    page.fill("#username_input", st.name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit", no_wait_after=True)


def wait_open(st: Student, t0: float, timeout_s: float) -> None:
    """Logged in, server spawned, course pulled, chapter open in JupyterLab with an idle kernel."""
    page = st.page
    page.wait_for_url(re.compile(r"/user/[^/]+/lab/"), timeout=timeout_s * 1000)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout_s * 1000)
    page.wait_for_function(IDLE, timeout=timeout_s * 1000)
    st.t_open = time.perf_counter() - t0


def run_all(st: Student) -> None:
    st.page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    st.page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()


def wait_ran(st: Student, t0: float, timeout_s: float) -> None:
    res = st.page.wait_for_function(RAN, arg=st.code_cells, timeout=timeout_s * 1000,
                                    polling=500).json_value()
    if res["state"] == "error":
        raise AssertionError(f"{st.name} ({st.chapter}): a cell failed:\n" + "\n---\n".join(res["errors"]))
    st.page.wait_for_function(IDLE, timeout=timeout_s * 1000)
    st.t_ran = time.perf_counter() - t0


def move_control(st: Student, t0: float, timeout_s: float) -> None:
    """Operate the first live demo's slider with the arrow keys (a checkbox with the space bar
    in a chapter whose demos have no slider) and wait until the plotly figure has changed."""
    page = st.page
    demos = page.locator(".dmnlab-live-demo")
    slider_demo = demos.filter(has=page.locator(SLIDER))
    if slider_demo.count():
        demo, st.control = slider_demo.first, "slider"
        ctl = demo.locator(SLIDER).first
    else:
        demo, st.control = demos.filter(has=page.locator(CHECKBOX)).first, "checkbox"
        ctl = demo.locator(CHECKBOX).first
    gd = demo.locator(".js-plotly-plot").first
    gd.wait_for(timeout=timeout_s * 1000)
    gd.scroll_into_view_if_needed()
    if not gd.evaluate("g => (g._fullData || []).length"):  # check_page has given it time to draw
        raise AssertionError(f"the figure of the first live demo with a {st.control} is empty")
    before = gd.evaluate(FIGURE)
    readout = demo.locator(".dmnlab-readout")
    r0 = readout.first.inner_text() if readout.count() else ""
    ctl.focus()
    if st.control == "slider":
        for _ in range(3):
            page.keyboard.press("ArrowRight")
    else:
        page.keyboard.press("Space")
    page.wait_for_function(f"([g, b]) => ({FIGURE})(g) !== b", arg=[gd.element_handle(), before],
                           timeout=timeout_s * 1000, polling=200)
    r1 = readout.first.inner_text() if readout.count() else ""
    st.readout = (r0, r1)
    st.t_moved = time.perf_counter() - t0


def stderr_outputs(st: Student) -> list[str]:
    return [t for t in st.page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
        if "Traceback" in t or "Error" in t]


# ---- the class ---------------------------------------------------------------------------------

@dataclass
class ClassRun:
    students: list
    image: pathlib.Path
    stats: dict
    head: str
    hub_problems: list
    homes: pathlib.Path
    wall_s: float
    t_ready: float
    t_ran: float
    t_moved: float
    log_tail: str = ""
    browser_cpu_s: float = math.nan  # the one chromium that stands in for every student's browser


def _step(st: Student, what: str, fn, *args) -> bool:
    """Run one step of a student's session; a failure is recorded and ends that student's session."""
    if st.stopped:
        return False
    try:
        fn(*args)
        return True
    except Exception as exc:
        st.stopped = what
        st.errors.append(f"could not {what}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                         + ("\n" + "\n".join(str(exc).splitlines()[1:20]) if len(str(exc).splitlines()) > 1 else ""))
        with contextlib.suppress(Exception):
            st.page.screenshot(path=str(st.shots / f"{st.name}.png"))
        return False


def check_page(st: Student) -> None:
    """What the student sees after running everything: no error output, every live figure drawn."""
    errs = stderr_outputs(st)
    if errs:
        st.errors.append("error output in the notebook:\n" + "\n".join(e[:1500] for e in errs))
    traces = """() => [...document.querySelectorAll('.dmnlab-live-demo .js-plotly-plot')]
        .map(p => (p.data || []).length)"""
    with contextlib.suppress(Exception):  # drawing may lag the kernel a little: give it 30 s
        st.page.wait_for_function(f"() => {{ const t = ({traces})(); return t.length && t.every(n => n > 0); }}",
                                  timeout=30_000, polling=500)
    figs = st.page.evaluate(traces)
    st.live_figures = figs
    if not figs or any(n == 0 for n in figs):
        st.errors.append(f"live figures without data (traces per live figure, in page order): {figs}")


def browser_cpu_s() -> float:
    """CPU seconds used so far by the chromium processes this Python process started (via Playwright)."""
    import psutil

    total = 0.0
    for p in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "chrom" in p.name():
                t = p.cpu_times()
                total += t.user + t.system
    return total


def pulled_commit(home: pathlib.Path) -> str:
    res = subprocess.run(["git", "-C", str(home / COURSE_DIR), "rev-parse", "HEAD"], capture_output=True, text=True)
    return res.stdout.strip()


def run_class(browser, tmp: pathlib.Path, n_students: int = 8, timeout_s: float = 300) -> ClassRun:
    """Start the hub, send `n_students` through the README's link, run their chapter, move a control.

    A failure ends that student's session and is recorded in `Student.errors` (with a screenshot
    in tmp/screenshots); the hub not starting raises. The caller checks and measures the result.
    """
    tmp = pathlib.Path(tmp)
    shots = tmp / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    repo_url, head = course_clone(tmp)
    image = image_checkout(tmp)
    with running_hub(tmp, image) as hub:
        students = [Student(f"student{i + 1}", CHAPTERS[i % len(CHAPTERS)],
                            class_link(hub.url, repo_url, CHAPTERS[i % len(CHAPTERS)]), shots=shots)
                    for i in range(n_students)]
        for st in students:
            st.code_cells = code_cells(image, st.chapter)
        try:
            browser_cpu0 = browser_cpu_s()
            with Sampler(hub) as sampler:
                t0 = time.perf_counter()
                for st in students:  # everyone arrives at once; the servers start concurrently
                    _step(st, LOGIN, log_in, browser, hub, st)
                for st in students:
                    _step(st, OPEN, wait_open, st, t0, timeout_s)
                t_ready = time.perf_counter() - t0
                for st in students:  # the lecturer says "Run, Run All Cells"
                    _step(st, "run all cells", run_all, st)
                for st in students:
                    _step(st, RUN, wait_ran, st, t0, timeout_s)
                t_ran = time.perf_counter() - t0
                for st in students:
                    _step(st, "check the page", check_page, st)
                for st in students:
                    _step(st, "move a control and see the figure change", move_control, st, t0, 30)
                t_moved = time.perf_counter() - t0
                wall = time.perf_counter() - t0
            browser_cpu = browser_cpu_s() - browser_cpu0
            for st in students:
                st.commit = pulled_commit(hub.homes / st.name)
        finally:
            for st in students:
                if st.ctx is not None:
                    with contextlib.suppress(Exception):
                        st.ctx.close()
        problems = hub.problems()
        log_tail = hub.log_text()[-4000:]
    return ClassRun(students, image, sampler.stats, head, problems, hub.homes, wall, t_ready, t_ran, t_moved,
                    log_tail, browser_cpu)


# ---- figures -----------------------------------------------------------------------------------

def _mib(x: float) -> float:
    return round(x / MIB, 1)


def _r1(x: float) -> float:
    return round(x, 1)


def _spread(values: list[float], scale=_mib) -> dict | None:
    values = [v for v in values if not math.isnan(v)]
    if not values:
        return None
    return {"median": scale(statistics.median(values)), "max": scale(max(values)), "n": len(values)}


def figures(cr: ClassRun) -> dict:
    """Time, memory and CPU of the class: what `make bench` stores under "hub"."""
    stats = list(cr.stats.values())
    by = {k: [s for s in stats if s.kind == k] for k in ("hub", "proxy", "server", "kernel")}
    students = {st.name: st for st in cr.students}
    per_student = {}
    for name in students:
        mine = [s for s in by["server"] + by["kernel"] if s.owner == name]
        per_student[name] = (sum(s.rss_max for s in mine), sum(s.cpu_s for s in mine))
    kernel_by_chapter = {}
    for ch in CHAPTERS:
        ks = [s.rss_max for s in by["kernel"] if s.owner in students and students[s.owner].chapter == ch]
        if ks:
            kernel_by_chapter[ch] = _spread(ks)
    return {
        "students": len(cr.students),
        "chapters": {ch: sum(1 for st in cr.students if st.chapter == ch) for ch in CHAPTERS},
        "class_ready_s": _r1(cr.t_ready),  # all logged in, servers spawned, course pulled, kernels idle
        "class_ran_s": _r1(cr.t_ran),  # ... and every cell run
        "class_moved_s": _r1(cr.t_moved),  # ... and a control moved by everyone
        "student_ready_s": _spread([st.t_open for st in cr.students], _r1),
        "student_run_all_s": _spread([st.t_ran - st.t_open for st in cr.students], _r1),
        "server_rss_mib": _spread([s.rss_max for s in by["server"]]),
        "kernel_rss_mib": _spread([s.rss_max for s in by["kernel"]]),
        "kernel_rss_mib_by_chapter": kernel_by_chapter,
        "student_rss_mib": _spread([v[0] for v in per_student.values()]),  # server + kernel
        "hub_proxy_rss_mib": _mib(sum(s.rss_max for s in by["hub"] + by["proxy"])),
        "server_cpu_s": _spread([s.cpu_s for s in by["server"]], _r1),
        "kernel_cpu_s": _spread([s.cpu_s for s in by["kernel"]], _r1),
        "student_cpu_s": _spread([v[1] for v in per_student.values()], _r1),
        "hub_proxy_cpu_s": _r1(sum(s.cpu_s for s in by["hub"] + by["proxy"])),
        "browser_cpu_s": _r1(cr.browser_cpu_s),  # on a real hub this runs on the students' machines
        "errors": {st.name: st.errors for st in cr.students if st.errors},
        "rss": "peak resident set size per process, sampled every 0.5 s with psutil",
        "machine": machine(),
    }


class _Watch:
    """Peak RSS and CPU seconds of one process, sampled every 0.2 s in a thread."""

    def __init__(self, pid: int):
        import psutil

        self.proc, self.error = psutil.Process(pid), psutil.Error
        self.rss_max, self.cpu_s = 0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def sample(self):
        with contextlib.suppress(self.error):
            self.rss_max = max(self.rss_max, self.proc.memory_info().rss)
            t = self.proc.cpu_times()
            self.cpu_s = t.user + t.system

    def _loop(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(0.2)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)
        self.sample()


def chapter_kernels(course: pathlib.Path | None = None) -> dict:
    """Every chapter on a fresh kernel (nbclient), as a student who opens it would run it:
    the kernel's peak RSS, its CPU seconds and the wall time. The class above opens two chapters;
    this gives the heaviest one, which the per-student limit must hold."""
    import nbformat
    from nbclient import NotebookClient

    course = course or ROOT
    out = {}
    for path in sorted((course / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        t0 = time.perf_counter()
        with client.setup_kernel(), _Watch(client.km.provisioner.process.pid) as w:
            for i, cell in enumerate(nb.cells):
                client.execute_cell(cell, i)
        out[path.stem] = {"kernel_rss_mib": _mib(w.rss_max), "kernel_cpu_s": _r1(w.cpu_s),
                          "wall_s": _r1(time.perf_counter() - t0)}
        print(f"  {path.stem}: {out[path.stem]}", flush=True)
    return out


def _ceil_to(x: float, step: float) -> float:
    return math.ceil(x / step - 1e-9) * step


def derive_sizing(hub: dict) -> dict:
    """Per-student guarantees and limits for Zero to JupyterHub from the measured figures.

    memory guarantee: the median student of the class (their server plus one chapter's kernel),
                      rounded up to 128 MiB;
    memory limit:     the largest server plus the three heaviest chapter kernels (a student with three
                      chapters open at once), plus 25 % headroom, rounded up to 256 MiB;
    CPU guarantee:    enough for the busiest student's whole session (server start, kernel, Run All,
                      the control) to get its CPU time within 60 s when the whole class starts at once
                      (their CPU seconds / 60), rounded up to 0.05;
    CPU limit:        one core: a student's whole session needs a few CPU seconds, so more would
                      rarely be used.
    """
    kernels = sorted((v["kernel_rss_mib"] for v in hub["chapter_kernels"].values()), reverse=True)
    cpu_max = hub["student_cpu_s"]["max"]
    mem_guarantee = int(_ceil_to(hub["student_rss_mib"]["median"], 128))
    mem_limit = int(_ceil_to(1.25 * (hub["server_rss_mib"]["max"] + sum(kernels[:3])), 256))
    cpu_guarantee = round(_ceil_to(cpu_max / 60, 0.05), 2)
    return {
        "memory_guarantee_mib": mem_guarantee,
        "memory_limit_mib": mem_limit,
        "cpu_guarantee": cpu_guarantee,
        "cpu_limit": 1.0,
        "z2jh": {"singleuser.memory.guarantee": f"{mem_guarantee}M", "singleuser.memory.limit": f"{mem_limit}M",
                 "singleuser.cpu.guarantee": cpu_guarantee, "singleuser.cpu.limit": 1.0},
        "rule": " ".join(derive_sizing.__doc__.split("\n\n", 1)[1].split()),
    }


def write_sizing(hub: dict, path: pathlib.Path = SIZING) -> dict:
    """classroom/sizing.json: the measured figures the README quotes and the Helm values derive from."""
    sizing = {
        "measured": time.strftime("%Y-%m-%d"),
        "machine": hub["machine"],
        "students": hub["students"],
        "class_ready_s": hub["class_ready_s"],
        "class_ran_s": hub["class_ran_s"],
        "student_ready_s": hub["student_ready_s"],
        "server_rss_mib": hub["server_rss_mib"],
        "kernel_rss_mib": hub["kernel_rss_mib"],
        "student_rss_mib": hub["student_rss_mib"],
        "hub_proxy_rss_mib": hub["hub_proxy_rss_mib"],
        "student_cpu_s": hub["student_cpu_s"],
        "hub_proxy_cpu_s": hub["hub_proxy_cpu_s"],
        "browser_cpu_s": hub["browser_cpu_s"],
        "chapter_kernels": hub["chapter_kernels"],
        "per_student": derive_sizing(hub),
    }
    path.write_text(json.dumps(sizing, indent=1) + "\n")
    return sizing


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    import jupyterhub

    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, JupyterHub {jupyterhub.__version__}")


@contextlib.contextmanager
def browser_session():
    """A headless Debian chromium under Playwright, as the tests use it."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium is not installed (make test-deps installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def run(students: int = 8) -> dict:
    """The "hub" figures for benchmarks/results.json: the class (about 2 minutes on two cores),
    then every chapter on a fresh kernel (about a minute), both at the repository's HEAD."""
    with tempfile.TemporaryDirectory(prefix="dmnlab-hub-") as tmp:
        with browser_session() as browser:
            cr = run_class(browser, pathlib.Path(tmp), students)
        out = figures(cr)
        old = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join([str(cr.image / "src")] + ([old] if old else []))
        try:
            out["chapter_kernels"] = chapter_kernels(cr.image)
        finally:
            if old is None:
                os.environ.pop("PYTHONPATH")
            else:
                os.environ["PYTHONPATH"] = old
    return out


if __name__ == "__main__":
    result = run()
    print(json.dumps(result, indent=1))
    if "--write-sizing" in sys.argv[1:]:
        write_sizing(result)
        print(f"wrote {SIZING.relative_to(ROOT)}")
