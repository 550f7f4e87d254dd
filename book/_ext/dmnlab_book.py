"""Sphinx extension of the Default Mode book.

* Before any notebook runs, sets DMNLAB_RENDER=static so dmnlab renders every demo as a
  static plotly figure with its own sliders (kernels inherit the environment).
* Serves the front-end assets from the book's own static files, never a CDN: one plotly.js
  for the whole site (from the installed plotly package), and require.js, the ipywidgets
  HTML manager and MathJax 3 (from node_modules/, installed from the npm registry).
* Unhooks sphinx-thebe (it would point pages at a CDN).
* Fails the build if a notebook page was not executed, or failed: a book whose figures
  silently went missing is not a book.
* Writes _static/execution_times.json (seconds per notebook) for the status page and benchmarks.
"""

from __future__ import annotations

import json
import os
import pathlib
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
        return getattr(h, "__module__", "").startswith("sphinx_thebe") and getattr(h, "__name__", "") != "st_static_path"

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
    # plotly.js before anything that might define require(), so it registers as window.Plotly
    app.add_js_file("vendor/plotly.min.js", priority=100)
    app.add_js_file("vendor/dmnlab_demo.js", priority=101)
    app.add_css_file("vendor/dmnlab.css")


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


def _fix_html(outdir: pathlib.Path) -> None:
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = text
        for old, rep in A11Y_FIXES:
            new = new.replace(old, rep)
        # a code block that scrolls sideways must be reachable by keyboard (scrollable-region-focusable);
        # whether it scrolls depends on the reader's fonts and screen, so every <pre> takes focus
        new = new.replace("<pre>", '<pre tabindex="0">')
        if new != text:
            page.write_text(new, encoding="utf-8")


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
    app.connect("env-get-outdated", lambda app, env, added, changed, removed: ["status"] if "status" in env.found_docs else [])
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
