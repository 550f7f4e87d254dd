"""Chapter 8: the claims table (filterable, readable in the book) and the claim checklist."""

import pytest

from dmnlab.evidence import VERDICTS
from dmnlab.evidence_table import (CHECKLIST, SEED_LABELS, checklist_table, claims_frame, claims_table,
                                   filter_claims, score_claim, verdict_counts)


def test_every_claim_has_a_seed_label_and_no_seller_is_named():
    df = claims_frame()
    assert set(df.seed_file) <= set(SEED_LABELS)
    text = " ".join(SEED_LABELS.values()).lower()
    for word in ("ketamclinic", "edelica", "http", "www."):
        assert word not in text


def test_filters_partition_the_claims():
    df = claims_frame()
    assert verdict_counts().sum() == len(df)
    assert sum(len(filter_claims(v)) for v in VERDICTS) == len(df)
    assert len(filter_claims("all", 5)) == (df.chapter == 5).sum()
    with pytest.raises(ValueError, match="verdict"):
        filter_claims("true")
    with pytest.raises(ValueError, match="chapter"):
        filter_claims("all", 42)


def test_static_table_cites_and_live_table_sorts(monkeypatch):
    monkeypatch.setenv("DMNLAB_RENDER", "static")
    md = claims_table()._repr_mimebundle_()["text/markdown"]
    assert md.count("{footcite:p}`") == len(claims_frame())
    assert "| **S09** (D, ch. 0) |" in md and "{dropdown}" in md
    monkeypatch.setenv("DMNLAB_RENDER", "live")
    h = claims_table()._repr_mimebundle_()["text/html"]
    assert "dmnlabSortTable" in h and h.count("<tr>") == len(claims_frame()) + 1


def test_checklist_scoring():
    all_yes = {k: True for k, _, _ in CHECKLIST}
    assert score_claim(all_yes) == {"score": 7, "failed": [], "grade": "A"}
    seller = {k: False for k, _, _ in CHECKLIST}
    assert score_claim(seller)["grade"] == "D"
    no_rep = dict(all_yes, replicated=False)
    assert score_claim(no_rep)["grade"] == "B"
    assert "Who says it" in checklist_table().md
    with pytest.raises(ValueError, match="claim lacks"):
        score_claim({"who": True})
    with pytest.raises(ValueError, match="design"):
        score_claim(dict(all_yes, design="yes"))
    with pytest.raises(ValueError, match="claim must be a dict"):
        score_claim(["who"])


def test_demos_of_chapter_8_fit_their_budgets():
    from dmnlab.demos.ch08 import demos, preset_table

    names = [d.name for d in demos()]
    assert names == ["nnt_from_rates", "trials_forest", "claims_filter"]
    for d in demos():
        assert len(d.static_html()) < 900_000
    t = preset_table()
    assert int(t.loc["sustain1", "NNT as published"]) == 6  # Daly et al. 2019 report NNT 6 (5.4 rounded up)


def test_claims_tables_fill_registered_facts(monkeypatch):
    """Corrections hold {fact} roles: the book table keeps them (rendered with the fact's link), the
    live table and the filter demo show the plain values, never the raw role."""
    from dmnlab.facts import fact

    monkeypatch.setenv("DMNLAB_RENDER", "static")
    md = claims_table()._repr_mimebundle_()["text/markdown"]
    assert "{fact-nocite}`7.4 <nnt_transform_pooled>`" in md
    monkeypatch.setenv("DMNLAB_RENDER", "live")
    h = claims_table()._repr_mimebundle_()["text/html"]
    assert "{fact" not in h and f"NNT of {fact('nnt_transform_pooled').value}" in h
    from dmnlab.evidence_table import claims_filter_demo

    assert "{fact" not in claims_filter_demo().static_html()
