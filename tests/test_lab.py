"""A real JupyterLab server on localhost, driven in chromium as a learner would: open a chapter,
run all cells, operate a live demo with the keyboard, and see its plotly figure change.

Chapter 0's slider is checked in detail (the readout and the figure's colours follow it); in every
other chapter the first live demo must answer a key press with a changed figure. Timing is not
asserted here: `make bench` measures it (benchmarks/lab_latency.py, same driver)."""

import json
import pathlib
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import labdriver  # noqa: E402

pytestmark = [pytest.mark.lab, pytest.mark.browser]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the notebooks; all its state stays in a temp folder."""
    with labdriver.jupyterlab(pathlib.Path(tmp_path_factory.mktemp("lab"))) as server:
        yield server


def test_slider_moves_the_live_figure(lab, browser):
    ctx = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = labdriver.open_and_run(ctx, lab, "00_start_here")
    slider = page.locator(".dmnlab-live-demo .widget-slider .noUi-handle, .dmnlab-live-demo .widget-slider "
                          ".slider-handle, .dmnlab-live-demo input[type=range]").first
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
    # updates arrive one key press at a time: wait for the last one
    page.wait_for_function("() => /r > 0\\.50/.test((document.querySelector('.dmnlab-live-demo .dmnlab-readout')"
                           " || {}).textContent || '')",
                           timeout=30000)
    readout = page.locator(".dmnlab-live-demo .dmnlab-readout").first.inner_text()
    assert "r > 0.50" in readout, readout
    # the mode bar is off, live as in the book: nothing sits on the figure's title
    assert page.locator(".dmnlab-live-demo .modebar-container .modebar").count() == 0
    assert not labdriver.errors_in_outputs(page)
    assert not page.external, page.external[:5]
    ctx.close()


@pytest.mark.parametrize("stem", [s for s in labdriver.chapters() if not s.startswith("00")])
def test_a_key_press_changes_a_live_demo(lab, browser, stem):
    """Every chapter: all cells run without error, and its first live demo answers the keyboard."""
    ctx = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = labdriver.open_and_run(ctx, lab, stem)
    assert not labdriver.errors_in_outputs(page), labdriver.errors_in_outputs(page)[:2]
    names = labdriver.live_demos(page)
    assert names, f"{stem}: no live demo on the page"
    info = page.evaluate(labdriver.SETUP, 0)
    assert info, f"{stem}: demo {names[0]} has no control or no figure"
    before = page.evaluate(labdriver.DIGEST)
    changed = False
    for k in range(2):  # a slider already at its right end moves left instead
        labdriver.press(page, info["kind"], k)
        try:
            page.wait_for_function(f"() => ({labdriver.DIGEST})() !== {json.dumps(before)}", timeout=20000)
            changed = True
            break
        except Exception:
            continue
    assert changed, f"{stem}: demo {names[0]} ({info['kind']}) did not change its figure after a key press"
    assert not page.external, page.external[:5]
    ctx.close()
