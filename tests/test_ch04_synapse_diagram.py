"""The chapter 4 synapse diagram (issue 18 item 7): one schematic, drawn on its own and inside the
occupancy and delay demos, which light it up by updating trace data only (so the static book's
precomputed states and the live widget show the same thing)."""

import pytest

from dmnlab.demos import ch04
from dmnlab.models import occupancy as occ


def _dynamic(fig):
    first = ch04._diagram_first()
    return fig.data, first


def test_static_figure_names_every_part():
    fig = ch04.synapse_figure()
    text = " ".join(" ".join(t.text) if isinstance(t.text, tuple) else (t.text or "") for t in fig.data)
    hover = " ".join(str(t.hovertext) for t in fig.data)
    for part in ("Raphe cell body", "5-HT1A autoreceptors", "Axon", "Terminal", "SERT", "Cleft", "Postsynaptic"):
        assert part in text, part
    for part in ("vesicles", "SERT, free", "SERT with the drug bound", "serotonin in the cleft",
                 "postsynaptic receptor"):
        assert part in hover, part
    assert "not to scale" in fig.layout.title.text
    # the diagram keeps its shape: equal x and y scale
    assert fig.layout.yaxis.scaleanchor == "x"


@pytest.mark.parametrize("o", [0.0, 0.35, 0.8, 0.95])
def test_sert_units_follow_occupancy(o):
    upd = ch04._diagram_dynamic(ch04.synapse_state(occupancy=o))
    free, blocked = upd[3], upd[4]
    assert len(blocked["x"]) == round(o * ch04.N_SERT)
    assert len(free["x"]) + len(blocked["x"]) == ch04.N_SERT
    assert f"{round(o * ch04.N_SERT)} of {ch04.N_SERT} blocked" in upd[-1]["text"][2]


def test_autoreceptors_fade_and_cleft_fills():
    base = ch04._diagram_dynamic(ch04.synapse_state())
    later = ch04._diagram_dynamic(ch04.synapse_state(0.8, sensitivity=0.2, firing=1.0, serotonin=3.0))
    assert len(base[1]["x"]) == ch04.N_AUTO and len(base[2]["x"]) == 0
    assert len(later[1]["x"]) == 1 and len(later[2]["x"]) == ch04.N_AUTO - 1
    assert len(later[5]["x"]) == 18 > len(base[5]["x"]) == 6
    unknown = ch04._diagram_dynamic(ch04.synapse_state(0.8, serotonin_known=False))
    assert "not modelled" in unknown[-1]["text"][3]


@pytest.mark.parametrize("name,bad", [("occupancy", 1.0), ("occupancy", -0.1), ("sensitivity", 1.5),
                                      ("firing", -1.0), ("serotonin", float("nan"))])
def test_bad_state_names_the_parameter(name, bad):
    with pytest.raises(ValueError, match=name):
        ch04.synapse_state(**{name: bad})


def test_occupancy_demo_lights_the_diagram_with_the_model_occupancy():
    demo = ch04.occupancy_demo()
    fig = demo.base_figure()
    first = ch04._diagram_first()
    n_chart = 4
    for dose in (0, 5, 20, 60):
        upd = demo.evaluate(drug="citalopram", dose_mg=dose)
        o = occ.occupancy_from_dose(dose, ch04._occ_ed50("citalopram"))
        blocked = upd["data"][n_chart + first + 4]
        assert len(blocked["x"]) == round(min(o, 0.999) * ch04.N_SERT)
        assert len(upd["data"]) == len(fig.data)


def test_delay_demo_lights_the_diagram_on_the_chosen_day():
    demo = ch04.delay_demo()
    fig = demo.base_figure()
    first = ch04._diagram_first()
    day1 = demo.evaluate(day=1.0)["data"]
    day42 = demo.evaluate(day=42.0)["data"]
    assert len(day1) == len(fig.data)
    k = 4 + first
    # by day 1 most SERT is blocked (model: 80% plateau, time constant 1 day -> about half)
    assert len(day42[k + 4]["x"]) == 8
    # autoreceptors desensitise over the weeks; the cleft holds more serotonin
    assert len(day42[k + 1]["x"]) < len(day1[k + 1]["x"])
    assert len(day42[k + 5]["x"]) > len(day1[k + 5]["x"])
    # the static page carries the diagram for every day and time constant, within budget
    spec = demo.static_spec()
    assert len(spec["states"]) == 10 * len(ch04.DAYS)
    assert demo.static_html()
