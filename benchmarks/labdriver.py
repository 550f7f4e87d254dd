"""Drive a real JupyterLab as a learner does: open a chapter, run all cells, operate each live demo
with the keyboard and watch its plotly figure in chromium.

Used by benchmarks/lab_latency.py (`make bench`: key press -> figure redrawn, per demo) and by
tests/test_lab.py (a key press changes the figure, one demo per chapter). All of JupyterLab's state
lives in a temporary folder; its port is a free one; nothing leaves localhost.

JupyterLab pitfalls handled here (design notes, section 10): Lab virtualises long notebooks, so
cells far from view are not in the page: the notebook tracker's ``windowingMode`` is ``none``;
Lab restores the last workspace: each notebook opens in its own workspace with ``?reset``; a
"Select Kernel" dialog would hang a run: the notebooks carry kernelspec metadata and any dialog
is accepted; news and update checks are off.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
TOKEN = "dmnlab-lab-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        p = shutil.which(name)
        if p:
            return p
    raise RuntimeError("chromium is needed (make test-deps installs Debian's chromium)")


CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@contextlib.contextmanager
def jupyterlab(home: pathlib.Path):
    """A JupyterLab server on a copy of the notebooks; yields {"url", "token", "home"}."""
    nbdir = home / "notebooks"
    shutil.copytree(ROOT / "notebooks", nbdir)
    settings = home / "settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}))
    port = free_port()
    env = dict(os.environ,
               HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(home / "ws"),
               JUPYTER_PLATFORM_DIRS="1", MPLBACKEND="Agg", MPLCONFIGDIR=str(home / "mpl"))
    env.pop("DMNLAB_RENDER", None)
    cmd = [str(pathlib.Path(sys.executable).with_name("jupyter")), "lab", "--no-browser",
           f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
           f"--ServerApp.root_dir={nbdir}", "--ServerApp.open_browser=False",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
                break
            except Exception as err:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-3000:]) from err
                time.sleep(0.5)
        yield {"url": url, "token": TOKEN, "home": home}
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def chapters() -> list[str]:
    return [p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]


LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


def open_and_run(ctx, lab: dict, stem: str, timeout_s: float = 240):
    """Open notebook ``stem`` in a fresh workspace, run all cells, wait until the kernel is idle
    and every cell has run. Returns the page (its external requests in ``page.external``)."""
    page = ctx.new_page()
    page.on("dialog", lambda d: d.accept())
    page.external = []
    page.on("request", lambda r: page.external.append(r.url) if not r.url.startswith(LOCAL) else None)
    ws = "ws" + stem[:2]
    page.goto(f"{lab['url']}/lab/workspaces/{ws}/tree/{stem}.ipynb?reset&token={lab['token']}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90000)
    status = "(document.querySelector('#jp-main-statusbar') || {}).textContent || ''"
    page.wait_for_function(f"() => /\\|\\s*Idle/.test({status})", timeout=120000)
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
    # every code cell has an execution count and the kernel is idle again
    page.wait_for_function(
        f"""() => {{
          const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent);
          return prompts.length && prompts.every(p => /\\[\\d+\\]/.test(p)) && /\\|\\s*Idle/.test({status});
        }}""", timeout=timeout_s * 1000)
    return page


def errors_in_outputs(page) -> list[str]:
    texts = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    return [t for t in texts if "Traceback" in t or "Error" in t]


def live_demos(page) -> list[str]:
    """Names of the live demos on the page, in order (each box has the class dmnlab-demo-<name>)."""
    return page.evaluate("""() => [...document.querySelectorAll('.dmnlab-live-demo')].map(b =>
        ([...b.classList].find(c => c.startsWith('dmnlab-demo-')) || 'dmnlab-demo-?').slice(12))""")


# In the page: the first control of demo box i, what kind it is, and a watcher that notes when its
# figure (plotly, or a table-only demo's HTML table) changes after a key press.
SETUP = """async (i) => {
  const box = document.querySelectorAll('.dmnlab-live-demo')[i];
  box.scrollIntoView({block: 'center'});
  // the figure: a plotly FigureWidget, or the HTML table a table-only demo shows
  const gd = box.querySelector('.js-plotly-plot, .dmnlab-live-table');
  if (!gd) return null;
  const t0 = performance.now();
  while (gd.classList.contains('js-plotly-plot') && !(gd._fullData && gd._fullLayout) && performance.now() - t0 < 30000)
    await new Promise(r => setTimeout(r, 50));
  const ctl = box.querySelector(
    '.widget-slider .noUi-handle, .widget-slider .slider-handle, .widget-slider input[type=range], ' +
    '.widget-dropdown select, .widget-checkbox input, .widget-toggle-buttons button');
  if (!ctl) return null;
  document.querySelectorAll('[data-dmnlab-target]').forEach(e => e.removeAttribute('data-dmnlab-target'));
  ctl.setAttribute('data-dmnlab-target', '1');
  const kind = ctl.tagName === 'SELECT' ? 'dropdown' : (ctl.type === 'checkbox' ? 'checkbox' : 'slider');
  window.__dmnlabGd = gd;
  return {kind};
}"""

# arm before the key press: t0 at keydown (capture phase), t1 at the first animation frame after the
# figure changed: its DOM changed, or plotly reported the update applied (a 3-D scene redraws its
# canvas, which changes no DOM)
ARM = """() => {
  const gd = window.__dmnlabGd;
  const w = window.__dmnlabWatch = {t0: null, t1: null};
  const onkey = () => { if (w.t0 === null) w.t0 = performance.now(); };
  document.addEventListener('keydown', onkey, {capture: true, once: true});
  const events = ['plotly_restyle', 'plotly_relayout', 'plotly_update', 'plotly_afterplot', 'plotly_redraw'];
  let obs = null;
  const stop = () => {
    if (obs) obs.disconnect();
    if (gd.removeListener) events.forEach(e => gd.removeListener(e, fire));
  };
  function fire() {
    if (w.t0 === null || w.t1 !== null || w.pending) return;
    w.pending = true;
    requestAnimationFrame(() => { w.t1 = performance.now(); stop(); });
  }
  obs = new MutationObserver(fire);
  obs.observe(gd, {subtree: true, childList: true, attributes: true, characterData: true});
  if (gd.on) events.forEach(e => gd.on(e, fire));
  w.stop = stop;
}"""

DIGEST = """() => {
  const gd = window.__dmnlabGd;
  if (!gd.classList.contains('js-plotly-plot')) return gd.textContent;
  const num = a => { if (!a || typeof a === 'string') return String(a); let s = 0, n = 0;
    for (const v of a) {
      if (typeof v === 'number' && isFinite(v)) s += v * (1 + (n % 7));
      else if (v !== null && v !== undefined) s += String(v).length;
      n++;
    }
    return n + ':' + s.toFixed(6); };
  const traces = (gd._fullData || []).map(t => [t.visible, num(t.x), num(t.y), num(t.z), num(t.intensity),
    t.marker ? num(Array.isArray(t.marker.color) || ArrayBuffer.isView(t.marker.color) ? t.marker.color
                                                                                       : [t.marker.color]) : '',
    Array.isArray(t.text) ? t.text.join('|') : String(t.text),
    t.cells ? JSON.stringify(t.cells.values) : ''].join(';'));
  const L = gd._fullLayout || {};
  return JSON.stringify([traces, (L.annotations || []).map(a => a.text),
                         (L.shapes || []).map(s => [s.x0, s.x1, s.y0, s.y1]),
                         L.title && L.title.text, L.xaxis && L.xaxis.range, L.yaxis && L.yaxis.range]);
}"""


KEYS = {"slider": ["ArrowRight", "ArrowLeft"],  # one step right, then back
        # a closed <select>: End/Home pick the last/first option (in chromium on Linux the arrow
        # keys open the list instead of changing the value)
        "dropdown": ["End", "Home"],
        "checkbox": [" ", " "]}


def press(page, kind: str, k: int) -> str:
    """The k-th key press on the armed control (see KEYS). Returns the key pressed."""
    key = KEYS[kind][k % 2]
    page.locator("[data-dmnlab-target]").first.focus()
    page.keyboard.press(key)
    return key


def key_to_redraw_ms(page, kind: str, k: int, timeout_s: float = 10) -> float | None:
    """One key press; milliseconds until the figure was redrawn (None if it did not change)."""
    page.evaluate(ARM)
    press(page, kind, k)
    try:
        page.wait_for_function("() => window.__dmnlabWatch.t1 !== null", timeout=timeout_s * 1000)
    except Exception:
        page.evaluate("() => window.__dmnlabWatch.stop()")
        return None
    w = page.evaluate("() => [window.__dmnlabWatch.t0, window.__dmnlabWatch.t1]")
    # let this update's round trip end before the next press: after each update plotly's FigureWidget
    # sends the browser's figure back to Python, which takes the kernel 10-80 ms
    page.wait_for_timeout(300)
    return w[1] - w[0]


def new_browser(playwright):
    return playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS, headless=True)
