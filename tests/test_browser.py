"""The built book opened from disk in a real chromium with the network off: every page loads
without a failed request or a console error, every plotly figure draws, static sliders move
their figure, quizzes answer, exercise solutions open, and axe-core finds no serious or
critical accessibility violation."""

import json

import pytest

from conftest import HTML, NOTEBOOKS, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.book]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pages():
    base = ["index.html", "data.html", "glossary.html", "bibliography.html", "license.html", "cite.html", "status.html", "instructor.html"]
    return base + [f"notebooks/{nb.stem}.html" for nb in NOTEBOOKS]


def open_page(page, rel):
    failed, errors, external = [], [], []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def on_request(req):
        if not req.url.startswith(("file://", "data:", "blob:", "about:")):
            external.append(req.url)

    page.on("request", on_request)
    page.goto((HTML / rel).as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return failed, errors, external


def wait_for_figures(page):
    page.wait_for_function(
        """() => [...document.querySelectorAll('figure.dmnlab-figure .dmnlab-plot, figure.dmnlab-demo .dmnlab-plot')]
               .every(gd => gd._fullData && gd._fullLayout)""",
        timeout=30000,
    )


@pytest.mark.parametrize("rel", pages())
def test_page_loads_offline_and_draws(built_book, page, rel):
    failed, errors, external = open_page(page, rel)
    wait_for_figures(page)
    page.wait_for_timeout(200)
    assert not external, f"requests leave the disk: {external[:5]}"
    assert not failed, f"failed requests: {failed[:5]}"
    assert not errors, f"console errors: {errors[:5]}"
    n_plots = page.evaluate("document.querySelectorAll('.dmnlab-plot').length")
    n_drawn = page.evaluate("[...document.querySelectorAll('.dmnlab-plot')].filter(g => g._fullData).length")
    assert n_plots == n_drawn
    # every image has alt text; every plot has an accessible name
    assert page.evaluate("[...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).length") == 0
    assert page.evaluate(
        "[...document.querySelectorAll('.dmnlab-plot')].map(g => g.closest('figure')).filter(f => !f || !(f.getAttribute('aria-label')||'').trim()).length") == 0


@pytest.mark.parametrize("rel", pages())
def test_page_has_no_serious_accessibility_violations(built_book, page, rel):
    open_page(page, rel)
    wait_for_figures(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => { const r = await axe.run(document, {resultTypes: ['violations']});
             return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => ({id: v.id, impact: v.impact, n: v.nodes.length,
                                target: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }""")
    assert result == [], json.dumps(result, indent=1)


def test_static_slider_moves_the_figure(built_book, page):
    open_page(page, "notebooks/00_start_here.html")
    wait_for_figures(page)
    demo = page.locator("figure.dmnlab-demo").first
    gd = demo.locator(".dmnlab-plot")
    before = gd.evaluate("g => JSON.stringify(g._fullData[1].marker.color)")
    readout0 = demo.locator(".dmnlab-readout").inner_text()
    # click the slider rail near its right end (a real click on the rail moves the grip there)
    rail = demo.locator(".slider-rail-touch-rect").first
    rail.scroll_into_view_if_needed()
    box = rail.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.95, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "([g, b]) => JSON.stringify(g._fullData[1].marker.color) !== b", arg=[gd.element_handle(), before],
        timeout=10000)
    readout1 = demo.locator(".dmnlab-readout").inner_text()
    assert readout1 != readout0 and "r > 0.70" in readout1


def test_quiz_answers(built_book, page):
    open_page(page, "notebooks/00_start_here.html")
    page.wait_for_selector(".Quiz .MCButton", timeout=15000)
    first_q = page.locator(".Quiz").first
    first_q.locator(".MCButton").nth(1).click()  # the correct answer of question 1
    fb = first_q.locator(".Feedback")
    page.wait_for_function("e => e.textContent.trim().length > 0", arg=fb.element_handle(), timeout=5000)
    assert "Correct" in fb.inner_text()


def test_exercise_solution_opens(built_book, page):
    open_page(page, "notebooks/00_start_here.html")
    sol = page.locator("details.solution, .solution.dropdown").first
    assert sol.count() == 1
    assert not page.locator(".solution .cell_output, details.solution .highlight").first.is_visible()
    sol.locator("summary, .admonition-title").first.click()
    page.wait_for_timeout(300)
    assert page.locator(".solution .highlight").first.is_visible()


def test_static_demo_is_keyboard_operable(built_book, page):
    """A reader without a mouse moves the static sliders with the arrow keys."""
    open_page(page, "notebooks/00_start_here.html")
    wait_for_figures(page)
    demo = page.locator("figure.dmnlab-demo").first
    assert demo.get_attribute("tabindex") == "0" and "Keyboard" in demo.get_attribute("aria-label")
    readout = demo.locator(".dmnlab-readout")
    before = readout.inner_text()
    demo.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("([e, b]) => e.textContent !== b", arg=[readout.element_handle(), before], timeout=10000)
    assert "r > 0.35" in readout.inner_text()
