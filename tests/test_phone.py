"""The built book on a phone (390 x 844 CSS px, touch): every figure fits the screen, none of its
text is cut off or sits under plotly's mode bar, and slider labels do not run into each other.

Every figure of every chapter page is drawn (the book draws them as they come near the screen;
the test asks the page's runtime to draw them all), then every visible SVG text of every plotly
figure (titles, tick labels, axis titles, legend entries, slider and button labels, annotations)
is measured against its figure's box.
"""

import json

import pytest

from conftest import HTML, NOTEBOOKS

pytestmark = [pytest.mark.browser, pytest.mark.book]

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}

MEASURE = """async () => {
  await window.dmnlab.drawAll();
  await new Promise(r => setTimeout(r, 300));
  const vw = document.documentElement.clientWidth;
  const out = {figures: 0, problems: []};
  const visible = t => {
    const s = getComputedStyle(t);
    if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    if (parseFloat(s.fillOpacity) === 0 || /rgba\\(.*,\\s*0\\)$/.test(s.fill)) return false;
    for (let p = t.parentElement; p && p.tagName !== 'svg'; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (ps.display === 'none' || ps.visibility === 'hidden' || parseFloat(ps.opacity) === 0) return false;
    }
    const r = t.getBoundingClientRect();
    return t.textContent.trim() !== '' && r.width > 0 && r.height > 0;
  };
  for (const fig of document.querySelectorAll('figure.dmnlab-figure[data-plotly], figure.dmnlab-demo[data-plotly]')) {
    const name = (fig.getAttribute('data-demo') || fig.id) + ' ' +
                 (fig.querySelector('.dmnlab-title') || {}).textContent;
    const fr = fig.getBoundingClientRect();
    if (fr.left < -1 || fr.right > vw + 1)
      out.problems.push(`${name}: figure is ${Math.round(fr.width)} px wide on a ${vw} px screen`);
    const title = fig.querySelector('.dmnlab-title');
    if (title && title.scrollWidth > title.clientWidth + 1) out.problems.push(`${name}: title wider than the screen`);
    const wrap = fig.querySelector('.dmnlab-table-wrap');
    if (wrap && wrap.getBoundingClientRect().right > vw + 1)
      out.problems.push(`${name}: table box wider than the screen`);
    const gd = fig.querySelector('.dmnlab-plot.js-plotly-plot');
    if (!gd) continue;
    out.figures++;
    const svg = gd.querySelector('svg.main-svg');
    const box = (svg || gd).getBoundingClientRect();
    const mb = gd.querySelector('.modebar-container');
    const mr = mb && getComputedStyle(mb).display !== 'none' && mb.querySelector('.modebar') ?
      mb.querySelector('.modebar').getBoundingClientRect() : null;
    const texts = [...gd.querySelectorAll('svg text')].filter(visible);
    // text in a subplot's plot layer is clipped to that subplot's plotting area (cliponaxis)
    const clipOf = t => {
      const sub = t.closest('g.subplot'), plot = t.closest('[clip-path]');
      const cls = sub && [...sub.classList].find(c => c !== 'subplot');
      const drag = plot && cls && gd.querySelector(`.draglayer .${cls} .nsewdrag`);
      return drag ? drag.getBoundingClientRect() : box;
    };
    for (const t of texts) {
      const r = t.getBoundingClientRect(), b = clipOf(t);
      const label = JSON.stringify(t.textContent.trim().slice(0, 40));
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
        out.problems.push(`${name}: text ${label} is cut off (` +
          `${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)} px wide, ` +
          `${Math.round(r.top - box.top)}..${Math.round(r.bottom - box.top)} of ${Math.round(box.height)} px high)`);
      if (mr && mr.width > 0 && r.left < mr.right && r.right > mr.left && r.top < mr.bottom && r.bottom > mr.top)
        out.problems.push(`${name}: text ${label} lies under the mode bar`);
    }
    // slider tick labels that are shown must not run into each other
    for (const g of gd.querySelectorAll("g.slider-group")) {
      const labs = [...g.querySelectorAll("g.slider-labels text")].filter(visible).map(t => t.getBoundingClientRect())
        .sort((a, b) => a.left - b.left);
      for (let i = 1; i < labs.length; i++)
        if (labs[i].left < labs[i - 1].right - 0.5) { out.problems.push(`${name}: slider labels overlap`); break; }
    }
  }
  return out;
}"""


def chapter_pages():
    return [f"notebooks/{nb.stem}.html" for nb in NOTEBOOKS]


@pytest.mark.parametrize("rel", chapter_pages())
def test_every_figure_fits_a_phone(built_book, browser, rel):
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((HTML / rel).as_uri(), wait_until="load")
    n = page.evaluate("document.querySelectorAll('figure[data-plotly]').length")
    if n == 0:
        ctx.close()
        pytest.skip("no figure on this page")
    page.wait_for_function("() => window.dmnlab && window.dmnlab.drawAll", timeout=30000)
    out = page.evaluate(MEASURE)
    ctx.close()
    assert not errors, errors[:3]
    assert out["problems"] == [], json.dumps(out["problems"][:25], indent=1)


def test_phone_check_sees_a_cut_off_label(built_book, browser):
    """The check itself: a tick label pushed out of its figure is reported."""
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    for rel in chapter_pages():
        page.goto((HTML / rel).as_uri(), wait_until="load")
        if not page.evaluate("document.querySelectorAll('figure[data-plotly=cartesian]').length"):
            continue
        page.wait_for_function("() => window.dmnlab && window.dmnlab.drawAll", timeout=30000)
        page.evaluate("window.dmnlab.drawAll()")
        moved = page.evaluate("""() => {
                                   const t = document.querySelector('.dmnlab-plot.js-plotly-plot svg .xtick text');
                                         if (t) t.setAttribute('x', -400); return !!t; }""")
        if moved:
            break
    else:
        pytest.fail("no chapter has a 2-D figure with tick labels")
    out = page.evaluate(MEASURE.replace("await window.dmnlab.drawAll();", ""))
    ctx.close()
    assert any("is cut off" in p for p in out["problems"]), out
