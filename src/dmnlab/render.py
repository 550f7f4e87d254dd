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


PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "modeBarButtonsToRemove": ["sendDataToCloud"]}


# --------------------------------------------------------------------------- static figures


class StaticFigure:
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

    def to_html(self) -> str:
        cap = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        if self.kind == "matplotlib":
            img = (f'<img class="dmnlab-img" alt="{html.escape(self.alt, quote=True)}" '
                   f'src="data:image/png;base64,{self._png_b64()}"/>')
            return f'<figure class="dmnlab-figure">{img}{cap}</figure>'
        uid = "dmnlab-" + uuid.uuid4().hex[:10]
        spec = figure_json(self.fig)
        spec["config"] = PLOTLY_CONFIG
        return (
            f'<figure class="dmnlab-figure" id="{uid}" aria-label="{html.escape(self.alt, quote=True)}">'
            f'<div class="dmnlab-plot"></div>{cap}'
            f'<script type="application/json" class="dmnlab-spec">{json_for_script(spec)}</script></figure>'
            f"{_boot_script(uid, 'dmnlabFigure')}"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        if render_mode() == "static" or self.kind == "matplotlib":
            return {"text/html": self.to_html(), "text/plain": f"<figure: {self.alt}>"}
        bundle = dict(self.fig._repr_mimebundle_(include, exclude) or {})
        bundle["text/plain"] = f"<figure: {self.alt}>"
        return bundle

    def _ipython_display_(self):  # live plotly: figure then caption, both visible in Lab
        from IPython.display import HTML, display

        if render_mode() == "live" and self.kind == "plotly":
            display(self.fig)
            if self.caption:
                display(HTML(f'<p class="dmnlab-caption"><em>{html.escape(self.caption)}</em></p>'))
        else:
            display(HTML(self.to_html()))


def _figure_kind(fig) -> str:
    mod = type(fig).__module__
    if mod.startswith("plotly"):
        return "plotly"
    if mod.startswith("matplotlib"):
        return "matplotlib"
    raise ValueError(f"fig must be a plotly or matplotlib figure; got {type(fig).__name__}")


def _boot_script(uid: str, fn: str) -> str:
    # The runtime (dmnlab_demo.js) is loaded once per page by the book; wait for it.
    return (
        "<script>(function(){var n=0;function go(){var e=document.getElementById('%s');"
        "if(window.%s&&window.Plotly&&e){window.%s(e);}else if(n++<400){setTimeout(go,25);}}go();})();</script>"
        % (uid, fn, fn)
    )


def show(obj, alt: str | None = None, caption: str = ""):
    """Display a demo or a figure the right way for where the reader is.

    ``show(demo)`` for an interactive :class:`~dmnlab.interact.Demo`;
    ``show(fig, alt=..., caption=...)`` for a plotly or matplotlib figure.
    """
    from IPython.display import display

    from .interact import Demo

    if isinstance(obj, (Demo, StaticFigure)):
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
