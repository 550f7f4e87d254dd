"""The built book opened from disk in a real chromium with the network off: every page loads
without a failed request or a console error, every plotly figure draws, static sliders, buttons
and menus move their figure, quizzes answer, exercise solutions open, and axe-core finds no
serious or critical accessibility violation. Pages load only what they use: no plotly, figure
runtime or MathJax on a page without figures or maths, plotly only when a figure comes near the
screen, and the smallest plotly bundle that draws the page's figures."""

import functools
import http.server
import json
import re
import threading

import pytest

from conftest import HTML, NOTEBOOKS, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.book]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pages():
    base = ["index.html", "data.html", "glossary.html", "bibliography.html", "license.html", "cite.html",
            "status.html", "instructor.html"]
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
    """The book draws figures as they come near the screen; draw them all and wait."""
    page.wait_for_function("() => !document.querySelector('figure[data-plotly]') || "
                           "(window.dmnlab && window.dmnlab.drawAll)",
                           timeout=30000)
    page.evaluate("async () => { if (window.dmnlab) await window.dmnlab.drawAll(); }")
    page.wait_for_function(
        """() => [...document.querySelectorAll('figure[data-plotly]')]
                   .every(f => f.hasAttribute('data-dmnlab-drawn'))""",
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
    n_figs = page.evaluate("document.querySelectorAll('figure[data-plotly]').length")
    n_drawn = page.evaluate("""[...document.querySelectorAll('figure[data-plotly]')].filter(f =>
        f.getAttribute('data-plotly') === 'table' ? f.querySelector('table.dmnlab-htable')
                                                  : f.querySelector('.dmnlab-plot')._fullData).length""")
    assert n_figs == n_drawn
    # every image has alt text; every plot has an accessible name
    assert page.evaluate("[...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).length") == 0
    assert page.evaluate(
        "[...document.querySelectorAll('.dmnlab-plot')].map(g => g.closest('figure'))"
        ".filter(f => !f || !(f.getAttribute('aria-label')||'').trim()).length") == 0


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
    # the title holds a link to the exercise: open with the dropdown's own toggle button
    sol.locator("summary, button.toggle-button").first.click()
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


# ---------------------------------------------------------------- pages load only what they use

HEAVY = re.compile(r"(plotly[-\w.]*\.js|dmnlab_demo\.js|require\.js|embed-amd\.js|mathjax|searchindex\.js"
                   r"|dmnlab-specs/)")


def requested(page, rel, scroll=False):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto((HTML / rel).as_uri(), wait_until="load")
    page.wait_for_timeout(1500)
    return urls


@pytest.mark.parametrize("rel", ["intro.html", "glossary.html", "data.html", "license.html"])
def test_text_pages_load_no_plotly_runtime_or_mathjax(built_book, page, rel):
    heavy = [u for u in requested(page, rel) if HEAVY.search(u)]
    assert heavy == [], heavy


def test_maths_pages_load_mathjax_and_others_do_not(built_book):
    """MathJax where a page has maths (its own: the intro's toctree lists pages with equations),
    and nowhere else; a page with typeset maths really typesets it."""
    marks = ('class="math', "dmnlab-needs-maths", "\\(", "\\[", "$$")
    with_maths = 0
    for page in built_book.rglob("*.html"):
        if "_static" in page.parts:
            continue
        text = page.read_text()
        loads = "mathjax/tex-mml-chtml.js" in text
        if 'class="math' in text:
            assert loads, page.name
            with_maths += 1
        elif not any(m in text for m in marks):
            assert not loads, page.name
    assert with_maths >= 1
    assert "mathjax/" not in (built_book / "intro.html").read_text()


def test_maths_is_typeset_when_it_comes_near(built_book, page):
    """MathJax is fetched when the first maths nears the screen, then typesets the page."""
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    for nb in NOTEBOOKS:
        page.goto((HTML / f"notebooks/{nb.stem}.html").as_uri(), wait_until="load")
        if page.locator(".math").count():
            break
    else:
        pytest.fail("no chapter has maths")
    page.locator(".math").first.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('mjx-container')", timeout=30000)
    assert any("mathjax/tex-mml-chtml.js" in u for u in urls)


def test_figures_load_plotly_only_when_they_come_near(built_book, browser):
    """On a phone, a chapter whose figures are all further down fetches no plotly until the reader
    scrolls towards one; then only the bundle that figure names, and the figure is drawn."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    rel = None
    for nb in NOTEBOOKS:
        page.goto((HTML / f"notebooks/{nb.stem}.html").as_uri(), wait_until="load")
        page.wait_for_timeout(800)
        first = page.evaluate("""() => { const f = document.querySelector('figure[data-plotly]');
                                        return f ? f.getBoundingClientRect().top : null; }""")
        if first is not None and first > 3 * 844:
            rel = nb.stem
            break
        urls.clear()
    assert rel, "no chapter has its first figure three screens down"
    assert not [u for u in urls if re.search(r"plotly[-\w.]*\.js|dmnlab-specs/", u)], urls
    fig = page.locator("figure[data-plotly]").first
    bundle = fig.get_attribute("data-plotly")
    fig.scroll_into_view_if_needed()
    page.wait_for_function("f => f.hasAttribute('data-dmnlab-drawn')", arg=fig.element_handle(), timeout=30000)
    loaded = [u.rsplit("/", 1)[1] for u in urls if re.search(r"plotly[-\w.]*\.js", u)]
    want = {"cartesian": ["plotly-cartesian.min.js"], "gl3d": ["plotly-gl3d.min.js"], "full": ["plotly.min.js"],
            "table": []}[bundle]
    assert loaded == want, (rel, bundle, loaded)
    ctx.close()


@pytest.mark.parametrize("rel", [f"notebooks/{nb.stem}.html" for nb in NOTEBOOKS])
def test_each_page_loads_just_the_plotly_bundles_its_figures_name(built_book, page, rel):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto((HTML / rel).as_uri(), wait_until="load")
    wait_for_figures(page)
    named = set(page.evaluate(
        "[...document.querySelectorAll('figure[data-plotly]')].map(f => f.getAttribute('data-plotly'))"))
    files = {"cartesian": "plotly-cartesian.min.js", "gl3d": "plotly-gl3d.min.js", "full": "plotly.min.js"}
    loaded = sorted(u.rsplit("/", 1)[1] for u in urls if re.search(r"plotly[-\w.]*\.js", u))
    assert loaded == sorted(files[b] for b in named if b in files), (named, loaded)


def test_choice_buttons_and_keyboard_switch_the_state(built_book, page):
    """A categorical control is a row of plotly buttons (or a drop-down), not a slider: clicking
    the second option, or pressing the right arrow on the focused figure, shows its state."""
    page.set_viewport_size({"width": 1200, "height": 900})
    for nb in NOTEBOOKS:
        page.goto((HTML / f"notebooks/{nb.stem}.html").as_uri(), wait_until="load")
        wait_for_figures(page)
        k = page.evaluate("""() => [...document.querySelectorAll('figure.dmnlab-demo')].findIndex(f => {
            const gd = f.querySelector('.dmnlab-plot'); const L = gd._fullLayout || {};
            return (L.updatemenus || []).length && !(L.sliders || []).length &&
                   L.updatemenus[0].type === 'buttons'; })""")
        if k >= 0:
            break
    assert k >= 0, "no demo with a row of buttons as its first control"
    demo = page.locator("figure.dmnlab-demo").nth(k)
    readout = demo.locator(".dmnlab-readout")
    gd = demo.locator(".dmnlab-plot")
    state = ("g => JSON.stringify([g._fullLayout.updatemenus.map(m => m.active), "
             "(g._fullData || []).map(t => t.visible)])")
    before, text0 = gd.evaluate(state), readout.inner_text()
    buttons = demo.locator("g.updatemenu-button")
    assert buttons.count() >= 2
    demo.scroll_into_view_if_needed()
    buttons.nth(1).click()
    page.wait_for_function(f"g => ({state})(g) !== {json.dumps(before)}", arg=gd.element_handle(), timeout=10000)
    assert gd.evaluate("g => g._fullLayout.updatemenus[0].active") == 1
    # and back with the keyboard
    demo.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("g => g._fullLayout.updatemenus[0].active === 0", arg=gd.element_handle(), timeout=10000)
    assert readout.inner_text() == text0


def test_table_figures_are_html_tables_with_header_scopes(built_book, page):
    """Figures made of tables are HTML tables (readable on a phone, header cells tied to columns);
    a table demo's choices are labelled selects that change the rows."""
    found = False
    for nb in NOTEBOOKS:
        page.goto((HTML / f"notebooks/{nb.stem}.html").as_uri(), wait_until="load")
        wait_for_figures(page)
        tables = page.locator("figure[data-plotly=table] table.dmnlab-htable")
        if tables.count() == 0:
            continue
        found = True
        for i in range(tables.count()):
            t = tables.nth(i)
            assert t.locator("thead th[scope=col]").count() >= 2
            assert t.locator("tbody tr").count() >= 1
        demo = page.locator("figure.dmnlab-demo[data-plotly=table]").first
        if demo.count():
            sel = demo.locator("select").first
            sid = sel.get_attribute("id")
            assert demo.locator(f"label[for='{sid}']").count() == 1
            rows0 = demo.locator("tbody tr").count()
            sel.select_option(index=1)
            page.wait_for_function("([d, n]) => d.querySelectorAll('tbody tr').length !== n",
                                   arg=[demo.element_handle(), rows0], timeout=5000)
    assert found, "no table figure in the book"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def test_served_pages_find_every_file_favicon_included(built_book, page):
    """Over http (as a reader's browser gets it), no request of a page fails, the favicon included."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        bad = []
        page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        base = f"http://127.0.0.1:{srv.server_address[1]}"
        for rel in ["intro.html", "notebooks/01_default_mode_network.html"]:
            page.goto(f"{base}/{rel}", wait_until="load")
            wait_for_figures(page)
        icon = page.evaluate("(document.querySelector('link[rel~=icon]') || {}).href || ''")
        assert icon.endswith(".svg"), icon
        r = page.request.get(icon)
        assert r.status == 200 and b"<svg" in r.body()
        assert bad == [], bad
    finally:
        srv.shutdown()
        srv.server_close()


def test_cortex_maps_grow_with_the_page(built_book, browser):
    """A cortex map is sized for a phone; on a desktop page its scene grows with the column (the
    views filled about 340 px of a 600 px column before), and on a phone it keeps its size."""
    heights = {}
    for width in (390, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        page = ctx.new_page()
        page.goto((HTML / "notebooks/09_treating_the_network.html").as_uri(), wait_until="load")
        wait_for_figures(page)
        heights[width] = page.evaluate("""() => {
            const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.scene
                && g.data.some(t => t.meta && t.meta.dmnlab_cortex));
            const sc = gd._fullLayout.scene, s = gd._fullLayout._size;
            return {scene_px: (sc.domain.y[1] - sc.domain.y[0]) * s.h, width: s.w};
        }""")
        ctx.close()
    phone, desk = heights[390], heights[1280]
    assert desk["width"] > 1.5 * phone["width"], heights
    assert desk["scene_px"] > 1.5 * phone["scene_px"], heights   # the views are as wide as the column allows
