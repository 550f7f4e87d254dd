"""Sphinx extension of the Default Mode book.

* Before any notebook runs, sets DMNLAB_RENDER=static so dmnlab renders every demo as a
  static plotly figure with its own sliders (kernels inherit the environment).
* Serves the front-end assets from the book's own static files, never a CDN: plotly.js (the full
  bundle from the installed plotly package, and plotly's cartesian and gl3d partial bundles of the
  same version from node_modules/), require.js, the ipywidgets HTML manager and MathJax 3 (from
  node_modules/, installed from the npm registry).
* Lets each page load only what it uses: the figure runtime (dmnlab_demo.js, which then loads
  the plotly bundle a figure needs when it comes near the screen) only on pages with figures;
  MathJax only on pages with maths, when the maths comes near the screen; the search index only
  on the search page. Each figure's data over a few kB moves to a spec file that the runtime
  fetches when it draws that figure, PNG figures to image files, large JavaScript outputs (the
  quizzes) to deferred scripts, so the page itself stays small.
* Post-processes the HTML for accessibility (pa11y's HTML_CodeSniffer and axe-core): table header
  cells get a scope, the theme's search form gets a submit button, and a few theme controls get
  names that match their text.
* Unhooks sphinx-thebe (it would point pages at a CDN).
* Fails the build if a notebook page was not executed, or failed: a book whose figures
  silently went missing is not a book.
* Writes _static/execution_times.json (seconds per notebook) for the status page and benchmarks.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
import shutil

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = pathlib.Path(__file__).resolve().parents[2]
NODE = ROOT / "node_modules"

# (source relative to node_modules, destination relative to _static/vendor)
NPM_ASSETS = [
    ("plotly.js-cartesian-dist-min/plotly-cartesian.min.js", "plotly-cartesian.min.js"),
    ("plotly.js-gl3d-dist-min/plotly-gl3d.min.js", "plotly-gl3d.min.js"),
    ("requirejs/require.js", "require.js"),
    ("@jupyter-widgets/html-manager/dist/embed-amd.js", "embed-amd.js"),
    ("mathjax/es5/tex-mml-chtml.js", "mathjax/tex-mml-chtml.js"),
    ("mathjax/es5/input", "mathjax/input"),
    ("mathjax/es5/output/chtml", "mathjax/output/chtml"),
    ("mathjax/es5/a11y", "mathjax/a11y"),
    ("mathjax/es5/ui", "mathjax/ui"),
    ("mathjax/es5/sre", "mathjax/sre"),
    ("mathjax/es5/adaptors", "mathjax/adaptors"),
]


def _sync(src: pathlib.Path, dst: pathlib.Path) -> None:
    """Copy a file or tree if missing or changed (size/mtime), so rebuilds stay fast."""
    if src.is_dir():
        for p in src.rglob("*"):
            if p.is_file():
                _sync(p, dst / p.relative_to(src))
        return
    if dst.exists():
        a, b = src.stat(), dst.stat()
        if a.st_size == b.st_size and int(a.st_mtime) <= int(b.st_mtime):
            return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


def _vendor_dir(app) -> pathlib.Path:
    return pathlib.Path(app.outdir).parent / "vendor_static"


def _drop_thebe(app) -> None:
    """Jupyter Book always loads sphinx-thebe, which writes a CDN address (unpkg) into every
    page. This book does not use Thebe (its launch buttons are links), so unhook it."""
    def thebe_code(lst) -> bool:
        h = lst.handler
        # keep st_static_path: it serves sphinx-thebe.css, which every page links (a local file)
        return (getattr(h, "__module__", "").startswith("sphinx_thebe")
                and getattr(h, "__name__", "") != "st_static_path")

    for event, listeners in app.events.listeners.items():
        app.events.listeners[event] = [lst for lst in listeners if not thebe_code(lst)]


def _repository_url() -> str:
    """Where the course's repository is published: DMNLAB_REPOSITORY_URL, else git's origin."""
    url = os.environ.get("DMNLAB_REPOSITORY_URL", "").strip()
    if not url:
        import subprocess

        try:
            url = subprocess.run(["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True,
                                 text=True, timeout=5).stdout.strip()
        except Exception:
            url = ""
    if url.startswith("git@github.com:"):
        url = "https://github.com/" + url.split(":", 1)[1]
    url = url.removesuffix(".git")
    return url if url.startswith("https://") else ""


def _launch_buttons(config) -> None:
    """Binder and JupyterHub launch buttons on every notebook page, once the repository is public.

    Binder needs the repository's address (DMNLAB_REPOSITORY_URL or git's origin); a JupyterHub
    button appears when DMNLAB_JUPYTERHUB_URL names the class hub (it opens the notebook through
    nbgitpuller).
    """
    url = _repository_url()
    if not url:
        return
    opts = dict(config.html_theme_options or {})
    opts.update(repository_url=url, repository_branch=os.environ.get("DMNLAB_REPOSITORY_BRANCH", "main"),
                path_to_docs="book")
    launch = {"notebook_interface": "jupyterlab", "binderhub_url": "https://mybinder.org"}
    hub = os.environ.get("DMNLAB_JUPYTERHUB_URL", "").strip()
    if hub:
        launch["jupyterhub_url"] = hub
    opts["launch_buttons"] = launch
    config.html_theme_options = opts


def on_config_inited(app, config):
    _drop_thebe(app)
    _launch_buttons(config)
    os.environ["DMNLAB_RENDER"] = "static"
    os.environ.setdefault("MPLBACKEND", "Agg")
    vendor_root = _vendor_dir(app)
    vendor = vendor_root / "vendor"
    missing = [s for s, _ in NPM_ASSETS if not (NODE / s).exists()]
    if missing:
        raise ExtensionError(
            "The book's front-end assets are not installed (missing: " + ", ".join(missing) +
            "). Run `make setup` (it runs `npm ci`), then build again.")
    for src, dst in NPM_ASSETS:
        _sync(NODE / src, vendor / dst)
    import plotly
    from plotly.offline import get_plotlyjs_version

    # the partial bundles must be the plotly.js that plotly.py writes figures for
    want = get_plotlyjs_version()
    for pkg in ("plotly.js-cartesian-dist-min", "plotly.js-gl3d-dist-min"):
        have = json.loads((NODE / pkg / "package.json").read_text())["version"]
        if have != want:
            raise ExtensionError(f"{pkg} is {have} but the plotly Python package draws with plotly.js {want}: "
                                 f"pin {pkg}@{want} in package.json")
    _sync(pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js", vendor / "plotly.min.js")
    import dmnlab

    static = pathlib.Path(dmnlab.__file__).parent / "static"
    for name in ("dmnlab_demo.js", "dmnlab.css"):
        _sync(static / name, vendor / name)
    config.html_static_path = list(config.html_static_path) + [str(vendor_root)]
    # MathJax 3 from our own static files
    config.mathjax_path = "vendor/mathjax/tex-mml-chtml.js"
    # ipywidgets: only pages that carry widget state load these, and they load them locally
    config.nb_ipywidgets_js = {
        "vendor/require.js": {},
        "vendor/embed-amd.js": {"data-jupyter-widgets-cdn": "vendor/", "data-jupyter-widgets-cdn-only": "true"},
    }


def on_builder_inited(app):
    app.add_css_file("vendor/dmnlab.css")


MATH_MARKS = ('class="math', "dmnlab-needs-maths", "\\(", "\\[", "$$")


def page_has_maths(app, pagename: str, body: str) -> bool:
    """Maths on this page itself (Sphinx counts a page's toctree children too, so the intro
    page, whose toctree lists the chapters, would load MathJax for the chapters' equations)."""
    own = app.env.get_domain("math").data.get("has_equations", {}).get(pagename, False)
    return bool(own) or any(m in body for m in MATH_MARKS)


# Loads MathJax when maths approaches the screen (or the page is printed: window.dmnlabMaths()
# returns a promise that resolves once MathJax has typeset the page).
MATHJAX_WHEN_NEEDED = """(function () {
  var src = @SRC@, started = null;
  function load() {
    if (!started) started = new Promise(function (ok) {
      var s = document.createElement("script");
      s.src = src; s.async = true;
      s.onload = function () {
        var p = window.MathJax && window.MathJax.startup && window.MathJax.startup.promise;
        (p || Promise.resolve()).then(ok, ok);
      };
      s.onerror = function () { ok(); };
      document.head.appendChild(s);
    });
    return started;
  }
  window.dmnlabMaths = load;
  function watch() {
    var els = Array.prototype.slice.call(document.querySelectorAll(".math, .dmnlab-needs-maths"))
      .map(function (e) { return e.hidden ? e.parentElement : e; });
    if (!els.length) return;
    if (!("IntersectionObserver" in window)) { load(); return; }
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { io.disconnect(); load(); }
    }, {rootMargin: "50% 0px"});
    els.forEach(function (e) { io.observe(e); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch); else watch();
  window.addEventListener("beforeprint", load);
})();"""


def on_html_page_context(app, pagename, templatename, context, doctree):
    """Per page: the figure runtime only where there are figures, MathJax only where there is maths."""
    if app.builder.format != "html":
        return
    body = context.get("body") or ""
    scripts = context.get("script_files")
    if scripts is None:
        return
    mj = app.config.mathjax_path
    is_mathjax = lambda s: str(getattr(s, "filename", "") or "").endswith(mj)  # noqa: E731
    if not page_has_maths(app, pagename, body):
        scripts[:] = [s for s in scripts if not is_mathjax(s)
                      and not str((getattr(s, "attributes", {}) or {}).get("body", "")).startswith("window.MathJax")]
    elif any(is_mathjax(s) for s in scripts):
        # MathJax (1.1 MB, and typesetting is work) loads when the first maths comes near the screen
        src = context["pathto"]("_static/" + mj, 1)
        scripts[:] = [s for s in scripts if not is_mathjax(s)]
        app.builder.add_js_file("", body=MATHJAX_WHEN_NEEDED.replace("@SRC@", json.dumps(src)))
    if "dmnlab-spec" in body:
        app.builder.add_js_file("vendor/dmnlab_demo.js", defer="defer")  # this page only
    # Stylesheets hold up the first paint: a page links only those it uses (this book never uses
    # Thebe; sphinx-exercise's and dmnlab's styles only where there are exercises or dmnlab output)
    css = context.get("css_files")
    if css is not None:
        def used(c):
            name = str(getattr(c, "filename", "") or "")
            if name.endswith("sphinx-thebe.css"):
                return False
            if name.endswith("exercise.css"):
                return re.search(r'class="[^"]*\b(exercise|solution)\b', body) is not None
            if name.endswith("vendor/dmnlab.css"):  # dmnlab output, or the search page's form (its hint colour)
                return "dmnlab-" in body or pagename == "search"
            return True

        css[:] = [c for c in css if used(c)]


# Small fixes to the theme's HTML so that axe-core finds no serious violation
# (label-content-name-mismatch): a control's accessible name must contain its visible text.
A11Y_FIXES = [
    ('title="Search" aria-label="Search"', 'title="Search" aria-label="Search Ctrl+K"'),
    ('data-mode="light" title="Light"', 'data-mode="light" aria-hidden="true"'),
    ('data-mode="dark"  title="Dark"', 'data-mode="dark" aria-hidden="true"'),
    ('data-mode="auto"  title="System Settings"', 'data-mode="auto" aria-hidden="true"'),
    # docutils wraps bibliography entries (role doc-biblioentry) in role="list" (aria-required-children)
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
]


SPEC_INLINE_MAX = 4096  # bytes: a figure's data above this moves to a spec file fetched on demand
SPEC_DIR = "_static/dmnlab-specs"
SCRIPT_DIR = "_static/dmnlab-scripts"
_SPEC = re.compile(r'<script type="application/json" class="dmnlab-spec">(.*?)</script>', re.S)
_SEARCH_INDEX = re.compile(r'\s*<script src="(?:\.\./)*searchindex\.js"></script>')
_FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
_ICON = re.compile(r'<i class="(fa[sbr]?|fa-(?:solid|regular|brands)) ([^"]*)"(?![^>]*aria-hidden)')
_SEARCH_FORM = re.compile(r'(<form class="bd-search[^>]*>)(.*?)(</form>)', re.S)
_THEAD = re.compile(r"<thead>.*?</thead>", re.S)
_TBODY = re.compile(r"<tbody>.*?</tbody>", re.S)
_TH = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)")


def _externalise_specs(text: str, page: pathlib.Path, outdir: pathlib.Path, keys: set) -> str:
    """Figure data over SPEC_INLINE_MAX bytes leaves the page for ``_static/dmnlab-specs/<hash>.js``
    (a script, so it loads from file:// too); the page's runtime fetches it when it draws the figure."""
    rel = os.path.relpath(outdir / SPEC_DIR, page.parent).replace(os.sep, "/")

    def repl(m):
        payload = m.group(1)
        if len(payload) <= SPEC_INLINE_MAX:
            return m.group(0)
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]
        f = outdir / SPEC_DIR / f"{key}.js"
        if not f.exists():
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(f'dmnlabSpec("{key}",{payload});\n', encoding="utf-8")
        keys.add(key)
        return (f'<script type="application/json" class="dmnlab-spec" data-key="{key}" '
                f'data-src="{rel}/{key}.js"></script>')

    return _SPEC.sub(repl, text)


_INLINE_JS = re.compile(r'<script type="application/javascript">(.*?)</script>', re.S)


def _externalise_scripts(text: str, page: pathlib.Path, outdir: pathlib.Path, keys: set) -> str:
    """A notebook's large JavaScript output (jupyterquiz's quiz: about 43 kB) leaves the page for a
    file run after the page is parsed (defer), so the page itself is smaller and shows sooner."""
    rel = os.path.relpath(outdir / SCRIPT_DIR, page.parent).replace(os.sep, "/")

    def repl(m):
        code = m.group(1)
        if len(code) <= SPEC_INLINE_MAX or "document.write" in code:
            return m.group(0)
        key = hashlib.sha256(code.encode("utf-8")).hexdigest()[:20]
        f = outdir / SCRIPT_DIR / f"{key}.js"
        if not f.exists():
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(code, encoding="utf-8")
        keys.add(key)
        return f'<script type="application/javascript" src="{rel}/{key}.js" defer></script>'

    return _INLINE_JS.sub(repl, text)


_IMG = re.compile(r'<img class="dmnlab-img" alt="([^"]*)" src="data:image/png;base64,([A-Za-z0-9+/=]+)"/>')


def _externalise_images(text: str, page: pathlib.Path, outdir: pathlib.Path, keys: set) -> str:
    """dmnlab's PNG figures (matplotlib, nilearn) leave the page for ``_images/dmnlab-<hash>.png``:
    the page stays small, the browser fetches an image when it comes near the screen (lazy), and
    its width and height keep its place so nothing jumps when it arrives."""
    import base64
    import struct

    rel = os.path.relpath(outdir / "_images", page.parent).replace(os.sep, "/")

    def repl(m):
        data = base64.b64decode(m.group(2))
        if len(data) < SPEC_INLINE_MAX or data[:8] != b"\x89PNG\r\n\x1a\n":
            return m.group(0)
        w, h = struct.unpack(">II", data[16:24])
        key = hashlib.sha256(data).hexdigest()[:20]
        f = outdir / "_images" / f"dmnlab-{key}.png"
        if not f.exists():
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(data)
        keys.add(f"dmnlab-{key}")
        return (f'<img class="dmnlab-img" alt="{m.group(1)}" src="{rel}/dmnlab-{key}.png" width="{w}" '
                f'height="{h}" loading="lazy" decoding="async"/>')

    return _IMG.sub(repl, text)


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)


def _header_ids(text: str) -> str:
    """Tables with more than one level of header cells (pandas' MultiIndex tables: two header
    rows, row headers that span rows) tie every data cell to its header cells by ``headers``
    (WCAG H43); scope is not enough there. Cells are laid on a grid honouring rowspan/colspan."""
    from bs4 import BeautifulSoup

    count = [0]

    def fix(m):
        src = m.group(0)
        if "<td" not in src or ("rowspan" not in src and src.count("<tr", 0, src.find("</thead>") + 1) < 2) \
                or " headers=" in src:
            return src
        soup = BeautifulSoup(src, "html.parser")
        table = soup.table
        count[0] += 1
        tid = table.get("id") or f"dmnlab-t{count[0]}"
        grid, head_rows = {}, set()
        for r, tr in enumerate(table.find_all("tr")):
            if tr.find_parent("thead") is not None:
                head_rows.add(r)
            c = 0
            for cell in tr.find_all(["th", "td"], recursive=False):
                while (r, c) in grid:
                    c += 1
                rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
                for dr in range(rs):
                    for dc in range(cs):
                        grid[(r + dr, c + dc)] = cell
                if cell.name == "th":  # every header cell gets an id; empty ones head nothing
                    cell["id"] = cell.get("id") or f"{tid}-h{r}-{c}"
                c += cs
        placed = set()
        for (r, c), cell in sorted(grid.items()):
            if cell.name != "td" or id(cell) in placed:
                continue
            placed.add(id(cell))
            def heads(cells):
                return [h["id"] for h in cells if h.name == "th" and h.get_text(strip=True)]

            ids = heads(grid[(h, c)] for h in sorted(head_rows) if (h, c) in grid)
            ids += heads(grid[(r, k)] for k in range(c) if (r, k) in grid)
            if ids:
                cell["headers"] = " ".join(dict.fromkeys(ids))
        return str(table)

    return _TABLE.sub(fix, text)


_UNIQUE_IDS = ("exercise-content", "solution-content")  # sphinx-exercise repeats these in every box


def _unique_ids(text: str) -> str:
    for name in _UNIQUE_IDS:
        n = [0]

        def number(m, n=n, name=name):
            n[0] += 1
            return f'id="{name}"' if n[0] == 1 else f'id="{name}-{n[0]}"'

        text = re.sub(f'id="{name}"', number, text)
    return text


def _scope_headers(text: str) -> str:
    """Header cells name what they head (WCAG H63): scope="col" in a table head, "row" in its body
    (pandas' index cells, the row labels of docutils tables)."""
    text = _THEAD.sub(lambda m: _TH.sub('<th scope="col"', m.group(0)), text)
    return _TBODY.sub(lambda m: _TH.sub('<th scope="row"', m.group(0)), text)


# Icons: the theme's Font Awesome CSS draws them with its web fonts (all 1,400 solid icons, 150 kB,
# fetched before the first paint). The book uses a dozen: each page gets a font with just those.
_ICON_STYLES = {"fa-solid": ("fa-solid-900", 900, "Free"), "fas": ("fa-solid-900", 900, "Free"),
                "fa-regular": ("fa-regular-400", 400, "Free"), "far": ("fa-regular-400", 400, "Free"),
                "fa-brands": ("fa-brands-400", 400, "Brands"), "fab": ("fa-brands-400", 400, "Brands")}
_ICON_USE = re.compile(r'<(?:i|span) class="([^"]*\b(?:fa-solid|fas|fa-regular|far|fa-brands|fab)\b[^"]*)"')
_ICON_MARK = "<!-- dmnlab icons -->"


def _icon_fonts(outdir: pathlib.Path, pages: dict) -> str:
    """Subset the theme's Font Awesome fonts to the icons the pages use (fontTools, which matplotlib
    brings); returns the @font-face rules (URLs relative to _static/vendor/), or "" if not possible."""
    css = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    fonts = outdir / "_static" / "vendor" / "fontawesome" / "webfonts"
    if not css.exists() or not fonts.exists():
        return ""
    try:
        from fontTools import subset
    except ImportError:
        return ""
    points = {}
    for rule in re.finditer(r"([^{}]+)\{content:\"\\([0-9a-f]+)\"\}", css.read_text(encoding="utf-8")):
        for sel in rule.group(1).split(","):
            m = re.fullmatch(r"\s*\.(fa-[a-z0-9-]+):(?::)?before\s*", sel)
            if m:
                points[m.group(1)] = int(rule.group(2), 16)
    # icons the stylesheets draw themselves (admonition and sidebar icons: raw private-use characters
    # in CSS variables, or escapes outside the .fa-* icon classes)
    in_css = set()
    for sheet in (outdir / "_static").rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="ignore")
        in_css.update(ord(ch) for ch in text if 0xE000 <= ord(ch) <= 0xF8FF)
        for rule in re.finditer(r"([^{}]*)\{[^}]*content:\s*\"\\([ef][0-9a-f]{3})\"", text):
            if not re.fullmatch(r"\s*(\.fa-[a-z0-9-]+:{1,2}before\s*,?\s*)+", rule.group(1)):
                in_css.add(int(rule.group(2), 16))
    wanted: dict = {style: set(in_css) for style in {_ICON_STYLES["fas"], _ICON_STYLES["far"]}}
    for text in pages.values():
        for m in _ICON_USE.finditer(text):
            classes = m.group(1).split()
            style = _ICON_STYLES[next(c for c in classes if c in _ICON_STYLES)]
            wanted.setdefault(style, set()).update(points[c] for c in classes if c in points)
    rules = []
    for (name, weight, family), cps in sorted(wanted.items()):
        src = fonts / f"{name}.ttf"
        if not cps or not src.exists():
            continue
        opts = subset.Options()
        opts.flavor = "woff"
        font = subset.load_font(str(src), opts)
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=sorted(cps))
        sub.subset(font)
        dst = outdir / "_static" / "vendor" / f"{name}.dmnlab.woff"
        subset.save_font(font, str(dst), opts)
        rules.append(f'@font-face{{font-family:"Font Awesome 6 {family}";font-style:normal;font-weight:{weight};'
                     f'font-display:block;src:url(@VENDOR@/{name}.dmnlab.woff) format("woff")}}')
    return "".join(rules)


_EX_CAPTION = re.compile(r'(<span class="caption-number">Exercise )(\d+)( </span>)')
_EX_LINK = re.compile(r'(href="#ex-[^"]*">\s*Exercise )(\d+)\b')


def _exercise_numbers(text: str) -> str:
    """sphinx-exercise numbers exercises across the whole book ("Exercise 15" in chapter 3); the
    chapters' text says "exercise 2". Number them per page, in the order they appear, and make the
    solutions' links to them say the same."""
    order = {}
    for m in _EX_CAPTION.finditer(text):
        order.setdefault(m.group(2), str(len(order) + 1))
    if not order:
        return text
    text = _EX_CAPTION.sub(lambda m: m.group(1) + order[m.group(2)] + m.group(3), text)
    return _EX_LINK.sub(lambda m: m.group(1) + order.get(m.group(2), m.group(2)), text)


def _fix_html(outdir: pathlib.Path) -> None:
    keys: set = set()
    done = {}
    for page in outdir.rglob("*.html"):
        if SPEC_DIR in page.as_posix():
            continue
        text = page.read_text(encoding="utf-8")
        new = text
        for old, rep in A11Y_FIXES:
            new = new.replace(old, rep)
        # a code block that scrolls sideways must be reachable by keyboard (scrollable-region-focusable);
        # whether it scrolls depends on the reader's fonts and screen, so every <pre> takes focus
        new = new.replace("<pre>", '<pre tabindex="0">')
        # the search index is only read by the search page (search-as-you-type is off): 150 kB less
        # on every other page
        if page.name != "search.html" or page.parent != outdir:
            new = _SEARCH_INDEX.sub("", new)
        # the theme's search form submits on Enter only; give it a submit button (WCAG H32),
        # visible when it has keyboard focus
        new = _SEARCH_FORM.sub(lambda m: m.group(0) if 'type="submit"' in m.group(2) else
                               m.group(1) + m.group(2) + '<button type="submit" class="visually-hidden-focusable '
                               'btn btn-sm">Search</button>' + m.group(3), new)
        # The theme draws its icons twice over: Font Awesome's CSS and web fonts (in its stylesheet) and
        # fontawesome.js (1.5 MB, every page), which swaps each icon for an SVG. The CSS alone draws
        # them; the icons are decoration (their buttons carry labels), so screen readers skip them.
        new = _FONTAWESOME_JS.sub("", new)
        new = _ICON.sub(lambda m: m.group(0) + ' aria-hidden="true"', new)
        new = _exercise_numbers(new)
        new = _scope_headers(new)
        new = _header_ids(new)
        new = _unique_ids(new)
        new = _externalise_specs(new, page, outdir, keys)
        new = _externalise_images(new, page, outdir, keys)
        new = _externalise_scripts(new, page, outdir, keys)
        keys.update(re.findall(r'class="dmnlab-spec" data-key="([0-9a-f]+)"', new))
        keys.update(re.findall(r'dmnlab-(?:specs|scripts)/([0-9a-f]+)\.js"', new))
        keys.update(re.findall(r'/(dmnlab-[0-9a-f]+)\.png"', new))
        done[page] = (text, new)
    # every page: the icon font with just the book's icons, declared after the theme's stylesheet
    rules = _icon_fonts(outdir, {p: n for p, (_, n) in done.items()})
    for page, (text, new) in done.items():
        if rules and _ICON_MARK not in new and "</head>" in new:
            rel = os.path.relpath(outdir / "_static" / "vendor", page.parent).replace(os.sep, "/")
            new = new.replace("</head>", f"{_ICON_MARK}<style>{rules.replace('@VENDOR@', rel)}</style>\n</head>", 1)
        if new != text:
            page.write_text(new, encoding="utf-8")
    stale = [*(outdir / SPEC_DIR).glob("*.js"), *(outdir / SCRIPT_DIR).glob("*.js"),
             *(outdir / "_images").glob("dmnlab-*.png")]
    for f in stale:
        if f.stem not in keys:  # left over from an earlier build
            f.unlink()


def on_build_finished(app, exc):
    if exc is not None or app.builder.format != "html":
        return
    _fix_html(pathlib.Path(app.outdir))
    from myst_nb.sphinx_ import NbMetadataCollector

    env = app.env
    problems, times = [], {}
    for docname in sorted(env.found_docs):
        src = env.doc2path(docname)
        if not str(src).endswith(".ipynb"):
            continue
        data = NbMetadataCollector.get_exec_data(env, docname)
        if not data:
            problems.append(f"{docname}: was not executed (execution is off or was skipped)")
        elif not data.get("succeeded"):
            problems.append(f"{docname}: execution failed ({data.get('error')})")
        else:
            times[docname] = {"seconds": data.get("runtime"), "method": data.get("method")}
    out = pathlib.Path(app.outdir) / "_static" / "execution_times.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(times, indent=1, sort_keys=True))
    if problems:
        raise ExtensionError("Notebook pages were not executed:\n  " + "\n  ".join(problems))


class execution_times(nodes.General, nodes.Element):
    """Placeholder for the table of notebook execution times (filled once all pages are read)."""


class ExecutionTimesDirective(SphinxDirective):
    def run(self):
        return [execution_times("")]


def on_doctree_resolved(app, doctree, docname):
    from myst_nb.sphinx_ import NbMetadataCollector

    for node in list(doctree.findall(execution_times)):
        rows = []
        for doc in sorted(app.env.found_docs):
            if not str(app.env.doc2path(doc)).endswith(".ipynb"):
                continue
            data = NbMetadataCollector.get_exec_data(app.env, doc) or {}
            secs = data.get("runtime")
            rows.append((app.env.titles[doc].astext() if doc in app.env.titles else doc,
                         f"{secs:.1f}" if secs is not None else "not run",
                         "yes" if data.get("succeeded") else "no"))
        total = sum(float(r[1]) for r in rows if r[1] != "not run")
        table = nodes.table(classes=["dmnlab-table"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (60, 20, 20):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        body = nodes.tbody()
        group += body

        def row(cells, parent):
            r = nodes.row()
            for c in cells:
                entry = nodes.entry()
                entry += nodes.paragraph(text=str(c))
                r += entry
            parent += r

        row(("Chapter", "Seconds (fresh kernel)", "Ran without error"), head)
        for r in rows:
            row(r, body)
        row(("All chapters", f"{total:.1f}", "yes" if all(r[2] == "yes" for r in rows) else "no"), body)
        node.replace_self(table)


def setup(app):
    app.add_node(execution_times)
    app.add_directive("dmnlab-execution-times", ExecutionTimesDirective)
    app.connect("doctree-resolved", on_doctree_resolved)
    # the status page lists every notebook's run: rebuild it on every build
    app.connect("env-get-outdated",
                lambda app, env, added, changed, removed: ["status"] if "status" in env.found_docs else [])
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context, priority=900)  # after MathJax adds itself
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
