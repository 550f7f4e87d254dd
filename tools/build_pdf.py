"""The printable book: book/_build/pdf/default-mode.pdf, made offline from the built HTML.

    .venv/bin/python tools/build_pdf.py      (what `make pdf` runs, after `make book`)

Each page of the book is opened in Debian's chromium (through Playwright), every interactive
plotly figure is replaced by a static image of its default state (sliders removed), and the
page is printed to PDF; the pages are then joined in table-of-contents order with a bookmark
per page. Nothing is downloaded.
"""
from __future__ import annotations

import io
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
HTML = ROOT / "book" / "_build" / "html"
OUT = ROOT / "book" / "_build" / "pdf" / "default-mode.pdf"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]

TO_IMAGES = """async () => {
  // the book draws figures as they come near the screen: draw them all first
  if (window.dmnlab && window.dmnlab.drawAll) await window.dmnlab.drawAll();
  if (window.dmnlabMaths) await window.dmnlabMaths();  // MathJax loads when maths is near: load it now
  const plots = [...document.querySelectorAll('.dmnlab-plot')].filter(g => g._fullData);
  for (const gd of plots) {
    const P = (window.dmnlab && window.dmnlab.plotlyOf) ? window.dmnlab.plotlyOf(gd) : window.Plotly;
    const fig = gd.closest('figure');
    const lay = gd.layout || {};
    if ((lay.sliders && lay.sliders.length) || (lay.updatemenus && lay.updatemenus.length)) {
      // a printed figure shows its default state; the controls below it go
      const below = Math.max(0, ((lay.margin || {}).b || 50) - 50);
      const notes = (lay.annotations || []).filter(a => !String(a.name || '').startsWith('dmnlab-label-'));
      await P.relayout(gd, {sliders: [], updatemenus: [], annotations: notes, 'margin.b': 50,
                            height: (lay.height || 450) - below});
    }
    const w = Math.min(gd.offsetWidth || 700, 760), h = gd.offsetHeight || 450;
    const url = await P.toImage(gd, {format: 'png', width: w, height: h, scale: 2});
    const img = document.createElement('img');
    img.src = url; img.style.width = w + 'px'; img.style.maxWidth = '100%';
    img.alt = (fig && fig.getAttribute('aria-label')) || 'figure';
    gd.replaceWith(img);
  }
  document.querySelectorAll('.dmnlab-readout').forEach(e => { if (!e.textContent.trim()) e.remove(); });
  return plots.length;
}"""


def pages_in_order() -> list[str]:
    import yaml

    toc = yaml.safe_load((ROOT / "book" / "_toc.yml").read_text())
    out = [toc["root"]]
    for part in toc.get("parts", []):
        for ch in part["chapters"]:
            if "glob" in ch:
                out += sorted(str(p.relative_to(ROOT / "book").with_suffix(""))
                              for p in (ROOT / "book").glob(ch["glob"] + ".ipynb"))
            else:
                out.append(ch["file"])
    return out


def main() -> int:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    if not (HTML / "index.html").exists():
        print("Build the book first: make book")
        return 2
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        print("chromium is needed: sudo apt-get install chromium (make test-deps does it)")
        return 2
    writer = PdfWriter()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        for doc in pages_in_order():
            f = HTML / f"{doc}.html"
            if not f.exists():
                print(f"  skip {doc} (no page)")
                continue
            page.goto(f.as_uri(), wait_until="load")
            n = page.evaluate(TO_IMAGES)
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=True,
                           margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            reader = PdfReader(io.BytesIO(pdf))
            start = len(writer.pages)
            for pg in reader.pages:
                writer.add_page(pg)
            title = page.title().split("\u2014")[0].split(" - ")[0].strip() or doc
            writer.add_outline_item(title=title, page_number=start)
            print(f"  {doc}: {len(reader.pages)} pages, {n} figures as images")
        browser.close()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    writer.add_metadata({"/Title": "Default Mode", "/Author": "The Default Mode authors"})
    with OUT.open("wb") as fh:
        writer.write(fh)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(writer.pages)} pages, {OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
