"""The demo mechanism: one declaration, a live widget updated in place, a static page with sliders."""

import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from dmnlab import Choice, Demo, Slider, Toggle
from dmnlab.render import StaticFigure, encode_plotly

t = np.linspace(0, 1, 200)


def sine_demo(**kw):
    def update(freq, phase, squared):
        y = np.sin(2 * np.pi * freq * t + phase)
        if squared:
            y = y ** 2
        return {"data": [{"y": y}], "layout": {"title": {"text": f"f = {freq:g} Hz"}},
                "readout": f"mean = {y.mean():.3f}"}

    return Demo(
        name="sine",
        controls=[Slider("freq", "Frequency", 1, 4, 1, 2, unit="Hz"),
                  Choice("phase", "Phase", [("0", 0.0), ("pi/2", np.pi / 2)], 0.0),
                  Toggle("squared", "Square it", False)],
        figure=lambda: go.Figure(go.Scatter(x=t, y=0 * t)),
        update=update,
        alt="A sine wave whose frequency follows the slider.",
        caption="Notice the number of peaks.",
        **kw,
    )


def test_evaluate_validates_each_control():
    d = sine_demo()
    assert d.evaluate(freq=3)["readout"].startswith("mean =")
    with pytest.raises(ValueError, match=r"freq must be in the range \[1, 4\] Hz; got 9"):
        d.evaluate(freq=9)
    with pytest.raises(ValueError, match="phase must be one of"):
        d.evaluate(phase=1.0)
    with pytest.raises(ValueError, match="squared must be True or False"):
        d.evaluate(squared="yes")
    with pytest.raises(ValueError, match="'amplitude' is not a control"):
        d.evaluate(amplitude=1)


def test_live_widget_updates_the_same_figurewidget_in_place():
    d = sine_demo()
    w = d.widget()
    fig_before = w.fig
    y0 = np.array(w.fig.data[0].y)
    d.set(freq=4)
    assert w.fig is fig_before  # no re-render: the same FigureWidget
    y1 = np.array(w.fig.data[0].y)
    assert not np.allclose(y0, y1)
    np.testing.assert_allclose(y1, np.sin(2 * np.pi * 4 * t), atol=1e-12)
    assert w.fig.layout.title.text == "f = 4 Hz"
    assert "mean =" in w.readout.value
    assert w.controls["freq"].value == 4


def test_live_widget_shows_bad_input_as_a_message_not_a_traceback():
    def update(freq, phase, squared):
        if freq == 3:
            raise ValueError("freq 3 is not allowed in this demo")
        return {"data": [{"y": t * freq}]}

    d = sine_demo()
    d.update = update
    w = d.widget()
    w.controls["freq"].value = 3  # as if the learner dragged the slider
    assert "freq 3 is not allowed" in w.error.value and "Traceback" not in w.error.value
    w.controls["freq"].value = 2
    assert w.error.value == ""


def test_static_spec_has_one_state_per_grid_point_and_controls():
    """Numbers get a plotly slider; a choice and an on/off switch get buttons (or a drop-down),
    each with method "skip" (the page's runtime shows the precomputed state), and a label."""
    d = sine_demo()
    spec = d.static_spec()
    assert len(spec["states"]) == 4 * 2 * 2
    assert [s["name"] for s in spec["layout"]["sliders"]] == ["freq"]
    assert spec["layout"]["sliders"][0]["active"] == 1  # default freq = 2 is the 2nd grid value
    menus = spec["layout"]["updatemenus"]
    assert [m["name"] for m in menus] == ["phase", "squared"]
    assert [b["label"] for b in menus[0]["buttons"]] == ["0", "pi/2"]
    assert [b["label"] for b in menus[1]["buttons"]] == ["off", "on"]
    assert all(m["type"] == "buttons" and all(b["method"] == "skip" for b in m["buttons"]) for m in menus)
    labels = [a["text"] for a in spec["layout"]["annotations"] if a.get("name", "").startswith("dmnlab-label-")]
    assert labels == ["Phase:", "Square it:"]
    assert [c["kind"] for c in spec["controls"]] == ["slider", "menu", "menu"]
    assert spec["controls"][0]["labels"] == ["1 Hz", "2 Hz", "3 Hz", "4 Hz"]
    # controls are stacked below the plot, each lower than the last, inside the bottom margin
    tops = [spec["layout"]["sliders"][0]["pad"]["t"]] + [m["pad"]["t"] for m in menus]
    assert tops == sorted(tops) and len(set(tops)) == 3
    assert spec["layout"]["margin"]["b"] > tops[-1] + 30
    st = spec["states"]["3,0,1"]
    assert st["readout"].startswith("mean =") and st["data"][0]["y"]["dtype"] == "f4"
    assert all(step["method"] == "skip" for step in spec["layout"]["sliders"][0]["steps"])


def test_many_or_long_options_become_a_drop_down():
    from dmnlab.interact import _menu_type

    assert _menu_type(["off", "on"]) == "buttons"
    assert _menu_type([f"drug {i}" for i in range(8)]) == "dropdown"
    assert _menu_type(["a very long option label indeed", "another very long option label"]) == "dropdown"


def test_each_figure_names_the_smallest_plotly_bundle():
    from dmnlab.render import plotly_bundle

    assert plotly_bundle([{"type": "scatter"}, {"type": "bar"}, {}]) == "cartesian"
    assert plotly_bundle([{"type": "mesh3d"}, {"type": "scatter3d"}]) == "gl3d"
    assert plotly_bundle([{"type": "mesh3d"}, {"type": "heatmap"}]) == "full"
    assert plotly_bundle([{"type": "scattergl"}]) == "full"
    assert plotly_bundle([{"type": "table"}]) == "table"
    html = sine_demo().static_html()
    assert 'data-plotly="cartesian"' in html and 'data-demo="sine"' in html


def test_render_does_not_import_interact():
    """The layers run one way: interact builds on render; render shows anything that renders
    itself (dmnlab.render.Renderable) without knowing demos."""
    import ast
    import pathlib

    import dmnlab.render as render

    tree = ast.parse(pathlib.Path(render.__file__).read_text())
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not any("interact" in m for m in imported), imported
    assert isinstance(sine_demo(), render.Renderable)


def test_show_displays_demos_figures_and_matplotlib(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import dmnlab.render as render

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    d = sine_demo()
    render.show(d)
    render.show(go.Figure(go.Scatter(y=[1, 2, 3])), alt="three points rising to the right")
    fig, ax = plt.subplots()
    render.show(fig, alt="an empty matplotlib axes for the test")
    assert shown[0] is d
    assert isinstance(shown[1], StaticFigure) and shown[1].kind == "plotly"
    assert isinstance(shown[2], StaticFigure) and shown[2].kind == "matplotlib"
    with pytest.raises(ValueError, match="alt must be given"):
        render.show(go.Figure())


def test_live_figures_hide_the_mode_bar():
    from dmnlab.render import PLOTLY_CONFIG

    assert PLOTLY_CONFIG["displayModeBar"] is False
    w = sine_demo().widget()
    assert w.fig._config.get("displayModeBar") is False


def test_static_controls_subset_and_budgets():
    d = sine_demo(static=["freq"])
    assert len(d.static_spec()["states"]) == 4
    with pytest.raises(ValueError, match="max_states"):
        sine_demo(max_states=5).static_spec()
    with pytest.raises(ValueError, match="max_bytes"):
        sine_demo(max_bytes=1000).static_html()


def test_static_html_carries_alt_text_caption_and_safe_json():
    html = sine_demo().static_html()
    assert 'aria-label="A sine wave whose frequency follows the slider."' in html
    assert "<figcaption>Notice the number of peaks.</figcaption>" in html
    payload = re.search(r'<script type="application/json" class="dmnlab-spec">(.*?)</script>', html, re.S).group(1)
    assert "</" not in payload
    json.loads(payload)


def test_encode_plotly_typed_arrays_round_trip():
    import base64

    a = np.linspace(-1, 1, 50)
    enc = encode_plotly({"y": a, "z": np.arange(100).reshape(10, 10), "n": np.float64(2.5), "small": np.array([1, 2])})
    back = np.frombuffer(base64.b64decode(enc["y"]["bdata"]), dtype="<f4")
    np.testing.assert_allclose(back, a, rtol=1e-6)
    assert enc["z"]["shape"] == "10,10" and enc["z"]["dtype"] == "i1"
    assert enc["n"] == 2.5 and enc["small"] == [1, 2]


def test_demo_declaration_errors():
    with pytest.raises(ValueError, match="alt must be a sentence"):
        Demo("x", [Slider("a", "A", 0, 1, 0.5, 0)], go.Figure, lambda a: {}, alt="")
    with pytest.raises(ValueError, match="unique"):
        Demo("x", [Slider("a", "A", 0, 1, 0.5, 0), Slider("a", "B", 0, 1, 0.5, 0)], go.Figure,
             lambda a: {}, alt="a long enough alt text")
    with pytest.raises(ValueError, match="value must be in the range"):
        Slider("a", "A", 0, 1, 0.5, 3)


def test_static_figure_needs_alt_text():
    with pytest.raises(ValueError, match="alt must be a sentence"):
        StaticFigure(go.Figure(), alt="fig")
    with pytest.raises(ValueError, match="plotly or matplotlib"):
        StaticFigure(object(), alt="a long enough alt text")


def test_expand_spreads_values_by_a_lookup_live_and_static():
    """Expand: the live figure gets values[lookup] (NaN where lookup < 0); the static page
    carries the lookup once and each state only the short values."""
    import numpy as np
    import plotly.graph_objects as go

    from dmnlab.interact import Expand

    lut = np.array([0, 0, 1, 1, 2, -1, 2, 1])
    demo = Demo(name="expand", controls=[Slider("k", "k", 0, 2, 1, 0)],
                figure=lambda: go.Figure(go.Scatter(x=np.arange(8), y=np.zeros(8), mode="markers")),
                update=lambda k: {"data": [{"y": Expand("r", np.arange(3.0) * (k + 1))}]},
                alt="a figure whose points take per-region values", lookups={"r": lut})
    y = np.asarray(demo.base_figure().data[0].y, dtype=float)
    assert np.array_equal(y[[0, 1, 2, 3, 4, 6, 7]], [0, 0, 1, 1, 2, 2, 1]) and np.isnan(y[5])
    spec = demo.static_spec()
    assert spec["lookups"]["r"]["dtype"] == "i1"
    assert spec["states"]["2"]["data"][0]["y"] == {"dmnlab_lookup": "r", "values": [0.0, 3.0, 6.0]}
    with pytest.raises(ValueError, match="lookup 'x'"):
        Expand("x", [1.0]).expand({"r": lut})
    with pytest.raises(ValueError, match="only 2 values"):
        Expand("r", [1.0, 2.0]).expand({"r": lut})


def test_a_table_demo_is_an_html_table_live():
    """A demo whose figure is only tables shows an HTML table live (a plotly table redraw takes
    hundreds of milliseconds in the browser); choosing an option rewrites its rows."""
    import ipywidgets as w

    rows = {"a": [["x", "y"], ["1", "2"]], "b": [["z"], ["3"]]}
    d = Demo(name="tab", controls=[Choice("which", "Which", ["a", "b"], "a")],
             figure=lambda: go.Figure(go.Table(header=dict(values=["name", "n"]), cells=dict(values=[[], []]))),
             update=lambda which: {"data": [{"cells": {"values": rows[which]}}]},
             alt="a small table whose rows follow the choice")
    live = d.widget()
    assert isinstance(live.view, w.HTML) and live.view in live.box.children
    html0 = live.view.value
    assert '<th scope="col"' in html0 and "<td" in html0 and ">x</td>" in html0
    d.set(which="b")
    assert ">z</td>" in live.view.value and ">x</td>" not in live.view.value
    assert 'data-plotly="table"' in d.static_html()
