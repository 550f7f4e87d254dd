"""How dmnlab figures reach the reader: live in JupyterLab, or as static HTML in the book.

The book build sets ``DMNLAB_RENDER=static`` (its Sphinx extension does this before any
notebook runs). Then every figure and demo renders as self-contained HTML that draws with
the site's single copy of plotly.js, and every interactive demo carries its own plotly
sliders. Without it (JupyterLab, classroom), demos are ipywidgets driving a plotly
``FigureWidget`` updated in place.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import re
import uuid
from typing import Any

import numpy as np

__all__ = [
    "render_mode",
    "OKABE_ITO",
    "SEQUENTIAL",
    "DIVERGING",
    "StaticFigure",
    "show",
    "encode_plotly",
    "plotly_template",
]

#: Okabe & Ito's colour-blind-safe qualitative palette.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
#: Perceptually uniform, colour-blind-safe sequential and diverging scales.
SEQUENTIAL = "Viridis"
DIVERGING = "RdBu_r"


def render_mode() -> str:
    """``"static"`` inside the book build (or when DMNLAB_RENDER=static), else ``"live"``."""
    return "static" if os.environ.get("DMNLAB_RENDER", "").lower() == "static" else "live"


def plotly_template():
    """A small plotly template: white background, Okabe-Ito colours, readable fonts."""
    import plotly.graph_objects as go

    return go.layout.Template(
        layout=dict(
            colorway=OKABE_ITO,
            font=dict(family="Helvetica, Arial, sans-serif", size=13, color="#222"),
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis=dict(showline=True, linecolor="#444", ticks="outside", gridcolor="#e5e5e5", zeroline=False),
            yaxis=dict(showline=True, linecolor="#444", ticks="outside", gridcolor="#e5e5e5", zeroline=False),
            margin=dict(l=60, r=20, t=50, b=50),
            hoverlabel=dict(font_size=13),
        )
    )


# --------------------------------------------------------------------------- encoding

_FLOAT_SIG = np.float32


def _encode_array(arr: np.ndarray) -> Any:
    """numpy array -> plotly.js typed-array spec (base64), compact and exact enough for plots."""
    if arr.dtype.kind == "b":
        arr = arr.astype(np.uint8)
    if arr.dtype.kind in "iu":
        lo, hi = (int(arr.min()), int(arr.max())) if arr.size else (0, 0)
        if lo >= -128 and hi <= 127:
            dt, code = np.int8, "i1"
        elif lo >= -32768 and hi <= 32767:
            dt, code = np.int16, "i2"
        else:
            dt, code = np.int32, "i4"
    elif arr.dtype.kind == "f":
        dt, code = _FLOAT_SIG, "f4"
    else:  # strings, objects: plain JSON list
        return arr.tolist()
    a = np.ascontiguousarray(arr, dtype=np.dtype(dt).newbyteorder("<"))
    spec = {"dtype": code, "bdata": base64.b64encode(a.tobytes()).decode("ascii")}
    if arr.ndim > 1:
        spec["shape"] = ",".join(str(s) for s in arr.shape)
    return spec


def encode_plotly(obj: Any) -> Any:
    """Recursively make ``obj`` JSON-ready; numeric numpy arrays become base64 typed arrays."""
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "iufb" and obj.size >= 8:
            if obj.dtype.kind == "f" and not np.all(np.isfinite(obj)):
                return [None if not np.isfinite(v) else float(v) for v in obj.ravel()] if obj.ndim == 1 \
                    else [[None if not np.isfinite(v) else float(v) for v in row] for row in obj]
            return _encode_array(obj)
        return encode_plotly(obj.tolist())
    if isinstance(obj, dict):
        if "bdata" in obj and "dtype" in obj:  # plotly's own typed array: re-encode compactly
            arr = np.frombuffer(base64.b64decode(obj["bdata"]), dtype=np.dtype(obj["dtype"]).newbyteorder("<"))
            if "shape" in obj:
                arr = arr.reshape([int(s) for s in str(obj["shape"]).split(",")])
            return encode_plotly(arr.copy())
        return {str(k): encode_plotly(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [encode_plotly(v) for v in obj]
    if isinstance(obj, (np.floating,)):
        v = float(obj)
        return v if np.isfinite(v) else None
    if isinstance(obj, float):
        return obj if np.isfinite(obj) else None
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    return obj


def figure_json(fig) -> dict:
    """A plotly figure as a JSON-ready dict with compact arrays."""
    d = fig.to_plotly_json()
    return {"data": encode_plotly(d.get("data", [])), "layout": encode_plotly(d.get("layout", {}))}


def json_for_script(obj: Any) -> str:
    """JSON safe to place inside a <script> element."""
    s = json.dumps(obj, separators=(",", ":"), allow_nan=False)
    return s.replace("</", "<\\/").replace("<!--", "<\\!--")


#: plotly's configuration for every figure, live and static. The mode bar is hidden: on a
#: phone it sits on top of the title (and on a desktop too, when the pointer is over the figure).
#: Zoom by dragging and reset by double-clicking still work; 3-D scenes still rotate.
PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "displayModeBar": False}

#: plotly.js partial bundles (npm ``plotly.js-<name>-dist-min``, the same plotly.js version as the
#: plotly Python package) and the trace types each one holds (their READMEs). A figure names the
#: smallest bundle that draws all its traces; "full" is the whole plotly.min.js, "table" means
#: the figure is only tables, which the book draws as HTML tables without plotly.
PLOTLY_BUNDLES = {
    "cartesian": frozenset({"bar", "box", "contour", "heatmap", "histogram", "histogram2d",
                            "histogram2dcontour", "image", "pie", "scatter", "scatterternary", "violin"}),
    "gl3d": frozenset({"cone", "isosurface", "mesh3d", "scatter", "scatter3d", "streamtube", "surface",
                       "volume"}),
}


def trace_types(data) -> set:
    """The plotly trace types of a figure's ``data`` (a trace without ``type`` is a scatter)."""
    return {str(t.get("type") or "scatter") for t in data}


def plotly_bundle(data) -> str:
    """Which plotly.js the book must load to draw ``data``: "table", "cartesian", "gl3d" or "full"."""
    types = trace_types(data)
    if types and types == {"table"}:
        return "table"
    for name, holds in PLOTLY_BUNDLES.items():
        if types <= holds:
            return name
    return "full"


_RICH_TAGS = re.compile(r"&lt;(/?)(b|i|em|strong|sub|sup)&gt;", re.I)
_RICH_BR = re.compile(r"&lt;br\s*/?&gt;", re.I)


def _rich(text) -> str:
    """plotly's rich text (a few tags) as safe HTML: escape everything, keep b/i/em/strong/sub/sup/br."""
    s = html.escape("" if text is None else str(text), quote=False)
    return _RICH_BR.sub("<br>", _RICH_TAGS.sub(r"<\1\2>", s))


def table_html(fig) -> str:
    """A figure made of a plotly table as an HTML table (header cells with scope; the title as its
    caption; it scrolls inside its box). The book's runtime draws table figures the same way."""
    d = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig
    trace = d["data"][0]
    title = (d.get("layout") or {}).get("title") or {}
    title = title.get("text", "") if isinstance(title, dict) else title
    head = [(" ".join(map(str, h)) if isinstance(h, (list, tuple)) else h)
            for h in ((trace.get("header") or {}).get("values") or [])]
    cols = [list(c) for c in ((trace.get("cells") or {}).get("values") or [])]
    n = max((len(c) for c in cols), default=0)
    cell = 'style="border:1px solid #d0d0d0;padding:0.2em 0.45em;text-align:left;vertical-align:top"'
    rows = "".join("<tr>" + "".join(f"<td {cell}>{_rich(c[r] if r < len(c) else '')}</td>" for c in cols) + "</tr>"
                   for r in range(n))
    cap = f"<caption>{_rich(title)}</caption>" if title else ""
    # inline styles too: JupyterLab does not load the book's stylesheet
    return (f'<div class="dmnlab-table-wrap" tabindex="0" role="region" style="overflow:auto;max-height:480px" '
            f'aria-label="{html.escape(re.sub("<[^>]*>", "", str(title or "table")), quote=True)}">'
            f'<table class="dmnlab-htable" style="border-collapse:collapse;font-size:0.85em">{cap}<thead><tr>'
            + "".join(f'<th scope="col" {cell[:-1]};background:#e8eef5">{_rich(h)}</th>' for h in head)
            + f"</tr></thead><tbody>{rows}</tbody></table></div>")


class Renderable:
    """Something dmnlab shows: it renders itself, live (JupyterLab) or static (the book).

    Subclasses give ``static_html()`` (self-contained HTML for the book page) and
    ``show_live()`` (display the live view). ``dmnlab.show`` and IPython's ``display`` both
    end here; this module never needs to know the concrete kinds (figures, demos, ...).
    """

    def static_html(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def show_live(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def _ipython_display_(self):
        from IPython.display import HTML, display

        if render_mode() == "static":
            display(HTML(self.static_html()))
        else:
            self.show_live()


def figure_element(cls: str, spec: dict, alt: str, caption: str = "", *, readout: bool = False,
                   attrs: dict | None = None) -> str:
    """The HTML of a plotly figure in the book: a ``<figure>`` holding an empty plot box (sized
    as the figure will be, so nothing jumps when it is drawn), the caption and the figure's JSON.

    Nothing here loads plotly: the page's runtime (dmnlab_demo.js) draws the figure when it comes
    near the screen, with the bundle named in ``data-plotly``.
    """
    uid = "dmnlab-" + uuid.uuid4().hex[:10]
    bundle = plotly_bundle(spec.get("data", []))
    height = int((spec.get("layout") or {}).get("height") or 450)
    extra = "".join(f' {k}="{html.escape(str(v), quote=True)}"' for k, v in (attrs or {}).items())
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    box = ('<div class="dmnlab-plot"></div>' if bundle == "table"
           else f'<div class="dmnlab-plot" style="min-height:{height}px"></div>')
    out = '<p class="dmnlab-readout" aria-live="polite"></p>' if readout else ""
    return (f'<figure class="{cls}" id="{uid}" data-plotly="{bundle}"{extra} '
            f'aria-label="{html.escape(alt, quote=True)}">{box}{out}{cap}'
            f'<script type="application/json" class="dmnlab-spec">{json_for_script(spec)}</script></figure>')


# --------------------------------------------------------------------------- static figures


class StaticFigure(Renderable):
    """A figure with alt text and a caption, shown the same way in JupyterLab and the book.

    ``fig`` is a plotly ``go.Figure`` or a matplotlib ``Figure``. Plotly figures draw with
    the site's plotly.js in the book and with JupyterLab's plotly renderer live; matplotlib
    figures become a PNG ``<img>`` with the alt text.
    """

    def __init__(self, fig, alt: str, caption: str = "", *, label: str = ""):
        if not isinstance(alt, str) or len(alt.strip()) < 10:
            raise ValueError("alt must be a sentence (at least 10 characters) describing the figure for screen readers")
        self.fig = fig
        self.alt = alt.strip()
        self.caption = caption.strip()
        self.label = label
        self.kind = _figure_kind(fig)

    # plain PNG for matplotlib; cached
    def _png_b64(self) -> str:
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", facecolor="white")
        return base64.b64encode(buf.getvalue()).decode("ascii")

    def static_html(self) -> str:
        if self.kind == "matplotlib":
            cap = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
            img = (f'<img class="dmnlab-img" alt="{html.escape(self.alt, quote=True)}" '
                   f'src="data:image/png;base64,{self._png_b64()}"/>')
            return f'<figure class="dmnlab-figure">{img}{cap}</figure>'
        spec = figure_json(self.fig)
        spec["config"] = PLOTLY_CONFIG
        return figure_element("dmnlab-figure", spec, self.alt, self.caption)

    to_html = static_html  # older name

    def _repr_mimebundle_(self, include=None, exclude=None):
        if render_mode() == "static" or self.kind == "matplotlib":
            return {"text/html": self.static_html(), "text/plain": f"<figure: {self.alt}>"}
        bundle = dict(self.fig._repr_mimebundle_(include, exclude, config=PLOTLY_CONFIG) or {})
        bundle["text/plain"] = f"<figure: {self.alt}>"
        return bundle

    def show_live(self):  # live plotly: figure then caption, both visible in Lab
        from IPython.display import HTML, display

        if self.kind == "plotly" and trace_types(self.fig.to_plotly_json()["data"]) == {"table"}:
            display(HTML(table_html(self.fig)))  # an HTML table: readable, scrolls, no plotly redraw
            if self.caption:
                display(HTML(f'<p class="dmnlab-caption"><em>{html.escape(self.caption)}</em></p>'))
        elif self.kind == "plotly":
            display(self.fig._repr_mimebundle_(config=PLOTLY_CONFIG), raw=True)
            if self.caption:
                display(HTML(f'<p class="dmnlab-caption"><em>{html.escape(self.caption)}</em></p>'))
        else:
            display(HTML(self.static_html()))


def _figure_kind(fig) -> str:
    mod = type(fig).__module__
    if mod.startswith("plotly"):
        return "plotly"
    if mod.startswith("matplotlib"):
        return "matplotlib"
    raise ValueError(f"fig must be a plotly or matplotlib figure; got {type(fig).__name__}")


def show(obj, alt: str | None = None, caption: str = ""):
    """Display a demo or a figure the right way for where the reader is.

    ``show(demo)`` for an interactive demo (or anything else that renders itself);
    ``show(fig, alt=..., caption=...)`` for a plotly or matplotlib figure.
    """
    from IPython.display import display

    if isinstance(obj, Renderable):
        display(obj)
        return None
    if alt is None:
        raise ValueError("alt must be given: a sentence that describes the figure for readers who cannot see it")
    sf = StaticFigure(obj, alt, caption)
    display(sf)
    if sf.kind == "matplotlib":
        import matplotlib.pyplot as plt

        plt.close(obj)
    return None
