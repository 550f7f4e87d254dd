"""The claims table: every seed text covered, allowed verdicts, sources that resolve."""

import pathlib
import re

import pytest

from dmnlab import claim_box, load_claims, safety_note
from dmnlab.evidence import GRADES, VERDICTS

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def bib_keys():
    import pybtex.database

    return set(pybtex.database.parse_file(str(ROOT / "book" / "references.bib")).entries.keys())


def test_claims_have_allowed_verdicts_grades_and_resolving_sources():
    df = load_claims()
    assert set(df.verdict) <= set(VERDICTS) and set(df.grade) <= set(GRADES)
    keys = bib_keys()
    missing = {k for s in df.sources for k in re.split(r"[;,\s]+", s) if k and k not in keys}
    assert not missing, f"source keys not in book/references.bib: {sorted(missing)}"
    assert df.chapter.between(0, 8).all()


def test_every_seed_text_is_covered():
    df = load_claims()
    names = {"000_1acd9b6ceed82783.txt", "001_aca49709d968ebad.txt", "002_1e2a3d11e2987c4a.txt",
             "003_fbf14e3abfb0fa6e.txt", "004_22822ad9f73d840e.txt"}
    if SEEDS.exists():
        names = {p.name for p in SEEDS.glob("*.txt")}
    assert names <= set(df.seed_file)
    assert len(df) >= 15


def test_claims_paraphrase_and_never_copy_long_runs_of_a_seed():
    if not SEEDS.exists():
        pytest.skip("seed texts are not beside this clone")
    seeds = " ".join(p.read_text().lower() for p in SEEDS.glob("*.txt"))
    seeds = re.sub(r"\s+", " ", seeds)
    for _, r in load_claims().iterrows():
        words = re.sub(r"\s+", " ", (r.claim + " " + r.correction).lower()).split()
        for i in range(len(words) - 11):
            run = " ".join(words[i:i + 12])
            assert run not in seeds, f"{r.claim_id} copies a seed sentence: {run!r}"


def test_claim_box_and_safety_note(monkeypatch):
    monkeypatch.setenv("DMNLAB_RENDER", "static")
    md = claim_box("S09")._repr_mimebundle_()["text/markdown"]
    assert "OUTDATED" in md and "988" in md and "{footcite:p}`" in md
    with pytest.raises(ValueError, match="claim_id must be one of"):
        claim_box("nope")
    note = safety_note()._repr_mimebundle_()["text/markdown"]
    assert "988" in note and "not medical advice" in note
    monkeypatch.setenv("DMNLAB_RENDER", "live")
    assert "988" in safety_note()._repr_mimebundle_()["text/html"]


def test_claim_group_grades_several_claims_in_one_box():
    from dmnlab import claim_group

    g = claim_group(["S03", "S04"], title="Claims about the DMN in depression")
    md = g._repr_mimebundle_()["text/markdown"]
    assert md.count("- **S0") == 2 and "Claims about the DMN in depression" in md
    assert "{footcite:p}`" in md and "grade **D**" in md
    with pytest.raises(ValueError, match="claim_ids"):
        claim_group("S03")
    with pytest.raises(ValueError, match="claim_ids"):
        claim_group(["S03", "S999"])
