"""One demo, two renderings.

A :class:`Demo` is declared once: its controls, a function that builds the figure's fixed
structure, and a *pure* function from control values to what changes (trace data, layout,
a text readout). Then

* live (a kernel is present), ``show(demo)`` gives ipywidgets controls driving a plotly
  ``FigureWidget`` whose data is updated in place, so a slider answers in milliseconds;
* static (the book page), the same demo becomes a plotly figure with its own sliders, every
  state precomputed on the controls' grid, so the page still moves with no kernel.

Example::

    demo = Demo(
        name="sine",
        controls=[Slider("freq", "Frequency", 0.5, 3, 0.5, 1, unit="Hz")],
        figure=lambda: go.Figure(go.Scatter(x=t, y=0 * t)),
        update=lambda freq: {"data": [{"y": np.sin(2 * np.pi * freq * t)}]},
        alt="A sine wave whose frequency follows the slider.",
    )
    show(demo)
"""

from __future__ import annotations

import html
import itertools
import time
import traceback
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Callable, Sequence

import numpy as np

from .render import (
    PLOTLY_CONFIG,
    Renderable,
    encode_plotly,
    figure_element,
    figure_json,
    json_for_script,
    table_html,
    trace_types,
)
from .validate import check_bool, check_choice, check_number

__all__ = ["Slider", "Choice", "Toggle", "Demo", "Expand"]


# --------------------------------------------------------------------------- controls


@dataclass(frozen=True)
class Slider:
    """A number chosen on a grid: ``min``, ``min + step``, ..., ``max``."""

    name: str
    label: str
    min: float
    max: float
    step: float
    value: float
    unit: str = ""
    fmt: str = ".3g"

    def __post_init__(self):
        if not self.max > self.min:
            raise ValueError(f"Slider {self.name!r}: max must be greater than min")
        if not self.step > 0:
            raise ValueError(f"Slider {self.name!r}: step must be > 0")
        check_number(f"Slider {self.name!r} value", self.value, self.min, self.max)

    @property
    def is_int(self) -> bool:
        return all(float(v).is_integer() for v in (self.min, self.max, self.step, self.value))

    def grid(self) -> list:
        n = int(round((self.max - self.min) / self.step))
        vals = self.min + self.step * np.arange(n + 1)
        vals = vals[vals <= self.max + 1e-9 * abs(self.step)]
        return [int(round(v)) for v in vals] if self.is_int else [float(round(v, 10)) for v in vals]

    def validate(self, value):
        v = check_number(self.name, value, self.min, self.max, unit=self.unit)
        return int(round(v)) if self.is_int and float(v).is_integer() else v

    def label_of(self, value) -> str:
        return format(value, self.fmt) + (f" {self.unit}" if self.unit else "")

    def widget(self):
        import ipywidgets as w

        cls = w.IntSlider if self.is_int else w.FloatSlider
        kw = {} if self.is_int else {"readout_format": self.fmt if self.fmt != ".3g" else ".2f"}
        return cls(
            value=self.value, min=self.min, max=self.max, step=self.step,
            description=self.label + (f" ({self.unit})" if self.unit else ""),
            continuous_update=True, style={"description_width": "initial"},
            layout=w.Layout(width="min(100%, 520px)"), **kw,
        )


@dataclass(frozen=True)
class Choice:
    """One of a few named options. ``options`` holds values or ``(label, value)`` pairs."""

    name: str
    label: str
    options: Sequence[Any]
    value: Any

    def __post_init__(self):
        check_choice(f"Choice {self.name!r} value", self.value, self.values())

    def pairs(self) -> list:
        return [o if isinstance(o, tuple) and len(o) == 2 else (str(o), o) for o in self.options]

    def values(self) -> list:
        return [v for _, v in self.pairs()]

    def grid(self) -> list:
        return self.values()

    def validate(self, value):
        return check_choice(self.name, value, self.values())

    def label_of(self, value) -> str:
        return {v: lab for lab, v in self.pairs()}.get(value, str(value))

    def widget(self):
        import ipywidgets as w

        return w.Dropdown(options=self.pairs(), value=self.value, description=self.label,
                          style={"description_width": "initial"})


@dataclass(frozen=True)
class Toggle:
    """On or off."""

    name: str
    label: str
    value: bool = False

    def grid(self) -> list:
        return [False, True]

    def validate(self, value):
        return check_bool(self.name, value)

    def label_of(self, value) -> str:
        return "on" if value else "off"

    def widget(self):
        import ipywidgets as w

        return w.Checkbox(value=self.value, description=self.label, indent=False)


Control = Slider | Choice | Toggle


@dataclass(frozen=True)
class Expand:
    """Values per item (e.g. per brain region) to spread over a long array by a lookup table.

    ``Expand("cortex", values)`` in a trace update stands for ``values[lookup]``, where
    ``lookup`` (``Demo.lookups["cortex"]``) gives each element (e.g. each vertex of a surface)
    the index of its item, or -1 for none (NaN). The static page carries the lookup once and
    each state only the short ``values``; the browser expands them. Live, dmnlab expands them in
    Python before updating the figure in place.
    """

    lookup: str
    values: Any

    def expand(self, lookups: dict) -> np.ndarray:
        if lookups is None or self.lookup not in lookups:
            raise ValueError(f"Expand: lookup {self.lookup!r} is not one of the demo's lookups "
                             f"{sorted(lookups or {})}")
        lut = np.asarray(lookups[self.lookup])
        vals = np.asarray(self.values, dtype=float)
        if lut.size and lut.max() >= vals.size:
            raise ValueError(f"Expand: lookup {self.lookup!r} refers to item {int(lut.max())} but only "
                             f"{vals.size} values were given")
        out = np.full(lut.shape, np.nan)
        ok = lut >= 0
        out[ok] = vals[lut[ok]]
        return out

    def to_spec(self) -> dict:
        return {"dmnlab_lookup": self.lookup, "values": np.asarray(self.values, dtype=float)}


def _resolve(obj: Any, lookups: dict | None) -> Any:
    """Replace every :class:`Expand` inside an update by its expanded array (live path)."""
    if isinstance(obj, Expand):
        return obj.expand(lookups)
    if isinstance(obj, dict):
        return {k: _resolve(v, lookups) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_resolve(v, lookups) for v in obj]
    return obj


def _to_spec(obj: Any) -> Any:
    """Replace every :class:`Expand` by its compact JSON form (static path)."""
    if isinstance(obj, Expand):
        return obj.to_spec()
    if isinstance(obj, dict):
        return {k: _to_spec(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_to_spec(v) for v in obj]
    return obj


# --------------------------------------------------------------------------- demo


@dataclass
class Demo(Renderable):
    """An interactive figure declared once and rendered live or static.

    Parameters
    ----------
    name : short identifier (used by tests and benchmarks).
    controls : the sliders, choices and toggles, in display order.
    figure : builds the figure's fixed structure (traces, axes); called once.
    update : pure function ``update(**values) -> {"data": [...], "layout": {...}, "readout": str}``.
        ``data`` is a list aligned with the figure's traces (``None`` for a trace that does not
        change); each entry is a dict of trace properties. Raise ``ValueError`` for bad input.
    alt : what the figure shows, for screen readers.
    caption : what to notice.
    static : names of the controls that get sliders on the static page (default: all).
        The others stay at their default value there.
    max_states, max_bytes : budgets for the precomputed static page.
    lookups : named integer arrays for :class:`Expand` (e.g. the region of every vertex of a
        cortical surface); the static page carries each once.
    """

    name: str
    controls: list
    figure: Callable[[], Any]
    update: Callable[..., dict]
    alt: str
    caption: str = ""
    static: Sequence[str] | None = None
    max_states: int = 400
    max_bytes: int = 900_000
    lookups: dict | None = None
    _widget: Any = field(default=None, init=False, repr=False)

    def __post_init__(self):
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ValueError(f"Demo {self.name!r}: control names must be unique; got {names}")
        if self.static is not None:
            for s in self.static:
                check_choice("static", s, names)
        if not isinstance(self.alt, str) or len(self.alt.strip()) < 10:
            raise ValueError("alt must be a sentence (at least 10 characters) describing the figure")

    # ---- evaluation ---------------------------------------------------------------
    def defaults(self) -> dict:
        return {c.name: c.value for c in self.controls}

    def validate(self, **values) -> dict:
        """Defaults overlaid with ``values``, each checked by its control (ValueError if bad)."""
        known = {c.name: c for c in self.controls}
        for k in values:
            if k not in known:
                raise ValueError(f"{k!r} is not a control of demo {self.name!r}; controls are {list(known)}")
        out = self.defaults()
        for k, v in values.items():
            out[k] = known[k].validate(v)
        return out

    def evaluate(self, **values) -> dict:
        """The update for these control values (validated). Pure: no figure is touched."""
        params = self.validate(**values)
        upd = self.update(**params) or {}
        if not isinstance(upd, dict):
            raise TypeError(f"update of demo {self.name!r} must return a dict, got {type(upd).__name__}")
        return upd

    def base_figure(self):
        """The figure at the default control values."""
        import plotly.graph_objects as go

        fig = self.figure()
        if not isinstance(fig, go.Figure):
            raise TypeError(f"figure of demo {self.name!r} must return a plotly go.Figure")
        _apply(fig, self.evaluate(), self.lookups)
        return fig

    # ---- live -------------------------------------------------------------------
    def widget(self):
        """ipywidgets controls + a FigureWidget updated in place (built once, then reused)."""
        if self._widget is None:
            self._widget = _LiveDemo(self)
        return self._widget

    def set(self, **values) -> float:
        """Move the live controls programmatically; returns the update time in seconds."""
        return self.widget().set(**values)

    # ---- static -----------------------------------------------------------------
    def static_controls(self) -> list:
        if self.static is None:
            return list(self.controls)
        return [c for c in self.controls if c.name in self.static]

    def static_spec(self) -> dict:
        """Everything the static page needs: base figure, sliders, and every precomputed state."""
        ctrls = self.static_controls()
        grids = [c.grid() for c in ctrls]
        n_states = int(np.prod([len(g) for g in grids])) if grids else 1
        if n_states > self.max_states:
            raise ValueError(
                f"Demo {self.name!r}: the static page would hold {n_states} states (> max_states="
                f"{self.max_states}); coarsen the slider steps or limit `static` to fewer controls")
        base = self.figure()
        spec = figure_json(base)
        defaults = self.defaults()
        active = []
        for c, g in zip(ctrls, grids):
            active.append(_nearest_index(g, c.value))
        states = {}
        for idx in itertools.product(*[range(len(g)) for g in grids]):
            vals = dict(defaults)
            vals.update({c.name: g[i] for c, g, i in zip(ctrls, grids, idx)})
            upd = self.evaluate(**vals)
            states[",".join(map(str, idx))] = {
                "data": encode_plotly(_to_spec(upd.get("data", []))),
                "layout": encode_plotly(_to_spec(upd.get("layout", {}))),
                "readout": upd.get("readout", ""),
            }
        spec["layout"] = _place_controls(spec["layout"], ctrls, grids, active,
                                         below_axes=_has_cartesian_axes(spec["data"]))
        if self.lookups:
            spec["lookups"] = {k: encode_plotly(np.asarray(v, dtype=np.int16 if np.max(v) < 32767 else np.int32))
                               for k, v in self.lookups.items()}
        spec.update(
            controls=[{"name": c.name, "label": c.label, "kind": _control_kind(c), "active": a,
                       "labels": [c.label_of(v) for v in g]}
                      for c, g, a in zip(ctrls, grids, active)],
            states=states,
            config=PLOTLY_CONFIG,
        )
        return spec

    def static_html(self) -> str:
        spec = self.static_spec()
        size = len(json_for_script(spec))
        if size > self.max_bytes:
            raise ValueError(
                f"Demo {self.name!r}: the static page would carry {size / 1e6:.2f} MB "
                f"(> max_bytes={self.max_bytes / 1e6:.2f} MB); coarsen the grid or simplify traces")
        return figure_element("dmnlab-demo", spec, self.alt, self.caption, readout=True,
                              attrs={"data-demo": self.name})

    # ---- display ----------------------------------------------------------------
    def show_live(self):
        from IPython.display import display

        display(self.widget().box)


def _control_kind(c) -> str:
    """Numbers get a slider on the static page; a choice or an on/off switch gets buttons or a menu."""
    return "slider" if isinstance(c, Slider) else "menu"


SLIDER_ROW = 80  # px below the plot for each slider (current value, rail, tick labels)
MENU_ROW = 62    # px for each menu: its label above a row of buttons (or a drop-down)


def _menu_type(labels: list) -> str:
    """A few short options read best as buttons; more, or long ones, as a drop-down menu."""
    return "buttons" if len(labels) <= 4 and sum(len(s) + 4 for s in labels) <= 56 else "dropdown"


def _place_controls(layout: dict, ctrls: list, grids: list, active: list, *, below_axes: bool) -> dict:
    """Sliders (numbers) and button rows or drop-downs (choices, on/off) stacked below the plot.

    Every control carries ``method: "skip"``: plotly only reports the choice, and the page's
    runtime (dmnlab_demo.js) shows the precomputed state. Below 2-D axes the first control
    starts under the tick labels and axis title, so it never covers them.
    """
    layout = dict(layout)
    sliders, menus, notes = [], [], list(layout.get("annotations") or [])
    top = 70 if below_axes else 10
    for c, g, a in zip(ctrls, grids, active):
        labels = [c.label_of(v) for v in g]
        if _control_kind(c) == "slider":
            sliders.append({
                "name": c.name, "active": a,
                "currentvalue": {"prefix": f"{c.label}: ", "font": {"size": 13}},
                "steps": [{"label": s, "method": "skip", "args": [], "value": str(i)} for i, s in enumerate(labels)],
                "x": 0.0, "len": 1.0, "xanchor": "left", "y": 0, "yanchor": "top",
                "pad": {"t": top, "b": 0, "l": 0, "r": 0}, "font": {"size": 11}, "minorticklen": 0,
            })
            top += SLIDER_ROW
        else:
            notes.append({"text": f"{html.escape(c.label)}:", "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                          "xanchor": "left", "yanchor": "top", "yshift": -top, "showarrow": False,
                          "align": "left", "font": {"size": 13}, "name": f"dmnlab-label-{c.name}"})
            menus.append({
                "name": c.name, "type": _menu_type(labels), "direction": "right", "active": a,
                "showactive": True, "x": 0, "xanchor": "left", "y": 0, "yanchor": "top",
                "pad": {"t": top + 22, "l": 0, "r": 0, "b": 0}, "font": {"size": 12},
                "bgcolor": "#ffffff", "bordercolor": "#767676",
                "buttons": [{"label": s, "method": "skip", "args": [], "name": str(i)}
                            for i, s in enumerate(labels)],
            })
            if menus[-1]["type"] == "dropdown":
                menus[-1]["direction"] = "up"  # opens over the plot, never below the figure's edge
            top += MENU_ROW
    if sliders:
        layout["sliders"] = sliders
    if menus:
        layout["updatemenus"] = menus
        layout["annotations"] = notes
    extra = top - (70 if below_axes else 10) + (60 if below_axes else 0)
    margin = dict(layout.get("margin") or {})
    margin["b"] = max(margin.get("b", 50), 50) + max(extra, 0)
    layout["margin"] = margin
    layout["height"] = (layout.get("height") or 450) + max(extra, 0)
    return layout


_NON_CARTESIAN = {"scatter3d", "mesh3d", "surface", "cone", "streamtube", "isosurface", "volume",
                  "pie", "sunburst", "treemap", "icicle", "funnelarea", "table", "sankey",
                  "scatterpolar", "barpolar", "scattergeo", "choropleth"}


def _has_cartesian_axes(data) -> bool:
    return any(t.get("type", "scatter") not in _NON_CARTESIAN for t in data)


def _nearest_index(grid, value) -> int:
    try:
        return grid.index(value)
    except ValueError:
        arr = np.asarray(grid, dtype=float)
        return int(np.argmin(np.abs(arr - float(value))))


def _apply(fig, upd: dict, lookups: dict | None = None) -> None:
    """Apply an update dict to a plotly figure or FigureWidget in place (expanding any Expand)."""
    upd = _resolve(upd, lookups)
    data = upd.get("data") or []
    if len(data) > len(fig.data):
        raise ValueError(f"update returned {len(data)} trace updates but the figure has {len(fig.data)} traces")
    for trace, d in zip(fig.data, data):
        if d:
            trace.update(d)
    if upd.get("layout"):
        fig.layout.update(upd["layout"])


class _LiveDemo:
    """The ipywidgets side of a demo."""

    def __init__(self, demo: Demo):
        import ipywidgets as w
        import plotly.graph_objects as go

        self.demo = demo
        base = demo.base_figure()
        self.table = trace_types(base.to_plotly_json()["data"]) == {"table"}
        if self.table:
            # a figure made of tables: an HTML table (redrawing a plotly table takes hundreds of ms)
            self.fig = base
            self.view = w.HTML(value=table_html(base))
            self.view.add_class("dmnlab-live-table")
        else:
            self.fig = go.FigureWidget(base)
            self.fig._config = dict(PLOTLY_CONFIG)  # no mode bar over the title, as in the book
            self.view = self.fig
        self.controls = {c.name: c.widget() for c in demo.controls}
        self.readout = w.HTML(value=self._readout_html(demo.evaluate().get("readout", "")))
        self.error = w.HTML(value="")
        for wdg in self.controls.values():
            wdg.observe(self._on_change, names="value")
        caption = w.HTML(value=f'<p class="dmnlab-caption"><em>{html.escape(demo.caption)}</em></p>') \
            if demo.caption else w.HTML("")
        self.box = w.VBox(
            [w.VBox(list(self.controls.values())), self.error, self.view, self.readout, caption],
            layout=w.Layout(width="100%"),
        )
        self.box.add_class("dmnlab-live-demo")
        self.box.add_class(f"dmnlab-demo-{demo.name}")  # tests and benchmarks find a demo by name
        self.last_update_s = 0.0

    @staticmethod
    def _readout_html(text: str) -> str:
        return f'<p class="dmnlab-readout" aria-live="polite">{html.escape(text)}</p>' if text else ""

    def values(self) -> dict:
        return {k: wdg.value for k, wdg in self.controls.items()}

    def _on_change(self, _change=None):
        self.refresh()

    def refresh(self) -> float:
        t0 = time.perf_counter()
        try:
            upd = self.demo.evaluate(**self.values())
        except ValueError as exc:  # the learner sees the message, not a traceback
            self.error.value = (f'<div class="dmnlab-error" role="alert" style="color:#8a1c00">'
                                f"&#9888; {html.escape(str(exc))}</div>")
            return time.perf_counter() - t0
        except Exception as exc:  # a bug in a demo: say so plainly, keep the details out of the way
            self.error.value = (f'<div class="dmnlab-error" role="alert" style="color:#8a1c00">'
                                f"&#9888; This demo could not update ({html.escape(type(exc).__name__)}: "
                                f"{html.escape(str(exc))}).</div>")
            traceback.print_exc()
            return time.perf_counter() - t0
        self.error.value = ""
        if self.table:
            _apply(self.fig, upd, self.demo.lookups)
            self.view.value = table_html(self.fig)
        else:
            with self.fig.batch_update():
                _apply(self.fig, upd, self.demo.lookups)
        self.readout.value = self._readout_html(upd.get("readout", ""))
        self.last_update_s = time.perf_counter() - t0
        return self.last_update_s

    def set(self, **values) -> float:
        """Set control values (validated first) and update once."""
        params = self.demo.validate(**values)
        for k in values:
            wdg = self.controls[k]
            wdg.unobserve(self._on_change, names="value")
            try:
                wdg.value = params[k]
            finally:
                wdg.observe(self._on_change, names="value")
        return self.refresh()
