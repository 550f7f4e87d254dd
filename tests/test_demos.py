"""Every demo of every chapter: its static page fits the budgets, its live widget updates in
place for values across its grid, and bad values are refused with a ValueError."""

import importlib
import pkgutil

import numpy as np
import pytest

import dmnlab.demos


def all_demos():
    out = []
    for m in sorted(pkgutil.iter_modules(dmnlab.demos.__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"dmnlab.demos.{m.name}")
        if hasattr(mod, "demos"):
            out += [(f"{m.name}.{d.name}", d) for d in mod.demos()]
    return out


DEMOS = all_demos()


def test_every_chapter_module_lists_its_demos():
    assert DEMOS, "no demos found"
    names = [n for n, _ in DEMOS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name,demo", DEMOS, ids=[n for n, _ in DEMOS])
def test_static_page_within_budget(name, demo):
    html = demo.static_html()  # raises if over max_states / max_bytes
    assert len(html) < 1_000_000
    assert 'aria-label="' in html


@pytest.mark.parametrize("name,demo", DEMOS, ids=[n for n, _ in DEMOS])
def test_live_updates_in_place_across_the_grid(name, demo):
    w = demo.widget()
    fig = w.fig
    rng = np.random.default_rng(0)
    for c in demo.controls:
        grid = c.grid()
        for v in [grid[0], grid[-1], grid[int(rng.integers(len(grid)))]]:
            demo.set(**{c.name: v})
            assert w.error.value == "", f"{name}: {c.name}={v}: {w.error.value}"
    assert w.fig is fig


@pytest.mark.parametrize("name,demo", DEMOS, ids=[n for n, _ in DEMOS])
def test_bad_values_are_valueerrors(name, demo):
    for c in demo.controls:
        for bad in ("x", None, float("nan")):
            with pytest.raises(ValueError, match=c.name):
                demo.evaluate(**{c.name: bad})
        if hasattr(c, "max"):
            with pytest.raises(ValueError, match=c.name):
                demo.evaluate(**{c.name: c.max + 10 * c.step})
