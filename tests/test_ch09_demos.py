"""Chapter 9 demos and tables: the target demo shows what the model computes, every value the
forest figure draws comes from data/treatment_effects.csv with a status, and the table's
numbers agree with data/facts.csv."""

import numpy as np
import pandas as pd
import pytest

from dmnlab.brain import cortex_lookups, painted_regions
from dmnlab.data import load_hcp
from dmnlab.demos import ch09
from dmnlab.facts import STATUSES, fact
from dmnlab.interact import Expand
from dmnlab.models.tms_targeting import tms_target


def test_target_demo_shows_the_model_pick_for_every_state():
    demo = ch09.target_demo()
    hcp = load_hcp(94)
    cand = ch09.region_indices(ch09.CANDIDATES)
    for seed, (_, names) in ch09.SEED_STANDINS.items():
        idx = ch09.region_indices(names)
        for gsr in (False, True):
            for subject in range(7):
                pick, r = tms_target(hcp.bold[subject], idx, cand, gsr=gsr)
                upd = demo.evaluate(seed=seed, gsr=gsr, subject=subject)
                name = ch09.CANDIDATES[cand.index(pick)]
                assert ch09.LONG[name] in upd["readout"].split("pick is the ")[1].split(" (r")[0]
                vals = upd["data"][0]["intensity"]
                assert isinstance(vals, Expand)
                shown = np.asarray(vals.values, float)
                keep = painted_regions(94).copy()      # subcortical regions are not painted
                keep[idx] = False                      # nor the seed's own regions
                np.testing.assert_allclose(shown[keep], r[keep], atol=1e-6)
                # the grid row of this person marks the same pick
                assert upd["data"][6]["x"][subject + 1] == cand.index(pick)


def test_the_pick_moves_with_gsr_seed_and_person():
    """The reliability point must be in the data, not only in the text."""
    picks = {(s, g): ch09.target_picks(s, g)["pick"] for s in ch09.SEED_STANDINS for g in (False, True)}
    persons = pd.concat([p.iloc[1:] for p in picks.values()])
    assert persons.nunique() >= 3
    assert any(picks[(s, False)].iloc[0] != picks[(s, True)].iloc[0] for s in ch09.SEED_STANDINS)
    assert len({p.iloc[0] for p in picks.values()}) >= 2
    table = ch09.load_target_table()
    assert len(table) == 3 * 2 * 7 * 5 and set(table.columns) == {"person", "seed", "gsr", "region", "r"}


def test_cortex_lookup_and_anchors():
    lut = cortex_lookups(94)["cortex94"]
    _, _, anchors, _ = ch09._cortex_parts()
    assert all(anchors[c] is not None for c in ch09.CANDIDATES)
    assert lut.max() < 94


def test_treatment_effects_table():
    df = ch09.treatment_effects()
    assert df["status"].isin(STATUSES).all()
    assert df["source"].str.len().gt(0).all() and df["checked"].str.len().gt(10).all()
    drawn = df[df["measure"].str.startswith("OR") | (df["measure"] == "HR")]
    assert drawn["estimate"].notna().all()
    ok = drawn["ci_low"].isna() | ((drawn["ci_low"] < drawn["estimate"]) & (drawn["estimate"] < drawn["ci_high"]))
    assert ok.all()
    assert set(df["kind"]) >= {"drug", "stimulation", "psychotherapy"}
    mbct = df.set_index("effect_id").loc["E10"]
    assert (mbct["estimate"], mbct["ci_low"], mbct["ci_high"]) == (
        fact("mbct_ipd_hr").number, fact("mbct_ipd_hr_low").number, fact("mbct_ipd_hr_high").number)
    assert df.set_index("effect_id").loc["E01", "estimate"] == fact("mutz2019_ect_bitemporal_or").number
    assert df.set_index("effect_id").loc["E03", "estimate"] == fact("mutz2019_rtms_or").number
    assert not (df["status"] == "unverified").any(), "no unverified value is drawn in chapter 9"


def test_forest_figure_draws_every_ratio_row_and_states_the_caveat():
    fig = ch09.forest_figure()
    labels = [y for t in fig.data for y in t.y]
    df = ch09.treatment_effects()
    assert sorted(labels) == sorted(df.loc[df["measure"].str.startswith("OR") | (df["measure"] == "HR"), "label"])
    assert any("Not a league table" in (a.text or "") for a in fig.layout.annotations)


def test_relapse_demo_readout_matches_the_model():
    demo = ch09.relapse_demo()
    upd = demo.evaluate(control_risk=50)
    y = upd["data"]
    assert y[2]["y"][-1] == pytest.approx(50.0)
    assert y[3]["y"][-1] == pytest.approx(100 * (1 - 0.5 ** fact("mbct_ipd_hr").number))
    assert "NNT" in upd["readout"]
    with pytest.raises(ValueError, match="control_risk"):
        demo.evaluate(control_risk=95)


def test_demos_listed():
    assert [d.name for d in ch09.demos()] == ["tms_target", "mbct_relapse"]
