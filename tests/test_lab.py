"""A real JupyterLab server on localhost, driven in chromium as a learner would: open chapter 0,
run all cells, move an ipywidgets slider with the keyboard, and see the plotly figure change."""

import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.lab, pytest.mark.browser]


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """Start JupyterLab on a copy of the notebooks; all its state stays in a temp folder."""
    home = tmp_path_factory.mktemp("lab")
    nbdir = home / "notebooks"
    shutil.copytree(ROOT / "notebooks", nbdir)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
    port, token = free_port(), "dmnlab-test-token"
    env = dict(os.environ,
               HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(home / "ws"),
               JUPYTER_PLATFORM_DIRS="1", MPLBACKEND="Agg")
    env.pop("DMNLAB_RENDER", None)
    cmd = [str(pathlib.Path(sys.executable).with_name("jupyter")), "lab", "--no-browser",
           f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={nbdir}", "--ServerApp.open_browser=False",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except Exception:
            if proc.poll() is not None:
                pytest.fail("JupyterLab exited:\n" + (home / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-3000:])
    yield {"url": url, "token": token, "home": home}
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_slider_moves_the_live_figure(lab, browser):
    ctx = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = ctx.new_page()
    page.on("dialog", lambda d: d.accept())
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")) else None)
    page.goto(f"{lab['url']}/lab/tree/00_start_here.ipynb?token={lab['token']}")
    # the kernel is attached when the status bar reads "Python 3 (ipykernel) | Idle"
    page.wait_for_selector(".jp-Notebook", timeout=60000)
    page.wait_for_function(
        "() => /\\|\\s*Idle/.test((document.querySelector('.jp-StatusBar-Widget, #jp-main-statusbar') || {}).textContent || '')",
        timeout=90000)
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
    slider = page.locator(".dmnlab-live-demo .widget-slider .noUi-handle, .dmnlab-live-demo .widget-slider .slider-handle, .dmnlab-live-demo input[type=range]").first
    slider.wait_for(timeout=120000)
    gd = page.locator(".dmnlab-live-demo .js-plotly-plot").first
    gd.wait_for(timeout=60000)
    page.wait_for_function("g => g._fullData && g._fullData.length === 2", arg=gd.element_handle(), timeout=60000)
    before = gd.evaluate("g => JSON.stringify(g._fullData[1].marker.color)")
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # keyboard-operable: 0.30 -> 0.50
    page.wait_for_function(
        """([g, b]) => { const c = JSON.stringify(g._fullData[1].marker.color);
                         return c !== b && (g._fullData[1].marker.color || []).filter(x => x === '#D55E00').length <
                           JSON.parse(b).filter(x => x === '#D55E00').length; }""",
        arg=[gd.element_handle(), before], timeout=30000)
    readout = page.locator(".dmnlab-live-demo .dmnlab-readout").first.inner_text()
    assert "r > 0.50" in readout, readout
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    assert not any("Traceback" in e or "Error" in e for e in errors), errors
    assert not external, external[:5]
    ctx.close()
