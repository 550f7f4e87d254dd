"""Chapter 6's data tables: every row cites a source that resolves in book/references.bib
(parsed with pybtex), every status is allowed, values are in range, and the DMN-evidence
verdicts agree with data/claims.csv."""

import pathlib

import numpy as np
import pytest

from dmnlab import pharmacology as ph
from dmnlab.data import load_table

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bib_keys():
    import pybtex.database

    return set(pybtex.database.parse_file(str(ROOT / "book" / "references.bib")).entries.keys())


@pytest.mark.parametrize("loader,name", [(ph.load_drugs, "drugs.csv"), (ph.load_affinities, "affinities.csv"),
                                         (ph.load_dmn_effects, "dmn_drug_effects.csv")])
def test_every_row_has_a_resolving_source_and_an_allowed_status(loader, name, bib_keys):
    df = loader()
    assert len(df) > 0
    assert set(df["status"]) <= {"verified", "unverified"}, name
    for i, s in df["source"].items():
        keys = ph.source_keys(s)
        assert keys, f"{name} row {i} has no source"
        missing = [k for k in keys if k not in bib_keys]
        assert not missing, f"{name} row {i}: {missing} not in references.bib"


def test_drug_table_covers_every_class_of_the_chapter():
    classes = set(ph.load_drugs()["class"])
    for needed in ("SSRI", "SNRI", "tricyclic", "MAOI", "NDRI", "NaSSA", "mood stabiliser", "benzodiazepine",
                   "stimulant", "psychedelic", "neurosteroid"):
        assert any(c.startswith(needed) for c in classes), needed
    assert any("antipsychotic" in c for c in classes)


def test_approvals_that_the_chapter_states_exactly():
    d = ph.load_drugs().set_index("drug")["approval_fda"]
    assert "not FDA-approved for any psychiatric disorder" in d["ketamine"]
    assert "Mar 2019" in d["esketamine"] and "REMS" in d["esketamine"]
    assert "19 Mar 2019" in d["brexanolone"] and "60-h" in d["brexanolone"]
    assert "4 Aug 2023" in d["zuranolone"] and "not approved for MDD" in d["zuranolone"]
    assert d["MDMA"].startswith("Not FDA-approved") and "Aug 2024" in d["MDMA"]
    assert d["psilocybin"].startswith("Not FDA-approved")


def test_affinity_anchor_values_match_the_ledger():
    """Values read on source pages (ledger C): Richelson & Nelson 1984 abstract (doxepin H1 KD
    0.24 nM, alpha1 24 nM; amitriptyline muscarinic 18 nM), Tatsumi 1997 via Iversen 2006 Table 2
    (sertraline DAT 25 nM; desipramine NET 0.8 nM), Bymaster 2001 (duloxetine SERT 0.8, NET 7.5 nM).
    Tolerance: exact (to 1e-9)."""
    a = ph.load_affinities().set_index(["drug", "target"])
    for (drug, tgt), v in {("doxepin", "H1"): 0.24, ("doxepin", "alpha1"): 24, ("amitriptyline", "muscarinic"): 18,
                           ("sertraline", "DAT"): 25, ("desipramine", "NET"): 0.8, ("duloxetine", "SERT"): 0.8,
                           ("duloxetine", "NET"): 7.5}.items():
        assert a.at[(drug, tgt), "ki_nM"] == pytest.approx(v, abs=1e-9)
        assert a.at[(drug, tgt), "status"] == "verified"


def test_unverified_values_are_marked_and_counted():
    a = ph.load_affinities()
    # the ledger (section C) marks most antidepressant receptor values as unverified (M)
    tca_receptors = a[a.drug.isin(["imipramine", "nortriptyline"]) & a.target.isin(["H1", "muscarinic", "alpha1"])]
    assert (tca_receptors.status == "unverified").all()
    assert (a[a.drug == "escitalopram"].status == "unverified").all()
    assert 0.3 < (a.status == "unverified").mean() < 0.8


def test_dmn_table_verdicts_match_claims_csv():
    d = ph.load_dmn_effects()
    claims = load_table("claims.csv").set_index("claim_id")
    rows = d[d.claim_id != ""]
    for _, r in rows.iterrows():
        assert claims.at[r.claim_id, "verdict"] == r.verdict and claims.at[r.claim_id, "grade"] == r.grade
    # every seed claim of the brief has a row: SSRIs, tricyclics, antipsychotics, mood stabilisers,
    # benzodiazepines, ADHD drugs, psychedelics
    assert {"S28", "S29", "S30", "S31", "S33", "S34", "S35", "S36"} <= set(rows.claim_id)
    for col in ("population", "phase", "measure", "direction"):
        assert d[col].notna().all()


def test_ledger_corrections_are_applied():
    d = ph.load_dmn_effects().set_index("id")
    assert d.at["N02", "source"] == "cui2021effects"
    assert d.at["N11", "source"] == "mowinckel2017increased"
    assert d.at["N08", "source"] == "adhikari2020effects"


def test_validate_table_names_the_problem():
    df = ph.load_drugs().copy()
    df.loc[0, "status"] = "probably"
    with pytest.raises(ValueError, match="status must be one of"):
        ph.validate_table(df, "drugs.csv", list(df.columns))
    df = ph.load_drugs().copy()
    df.loc[1, "source"] = np.nan
    with pytest.raises(ValueError, match="source must name at least one bib key"):
        ph.validate_table(df, "drugs.csv", list(df.columns))
    with pytest.raises(ValueError, match="columns must be"):
        ph.validate_table(df, "drugs.csv", ["drug"])
    with pytest.raises(ValueError, match="df must be a pandas DataFrame"):
        ph.validate_table([1, 2], "x", ["drug"])


def test_affinity_profile_and_bad_input():
    p = ph.affinity_profile("amitriptyline")
    assert p.at["SERT", "pKi"] == pytest.approx(9 - np.log10(4.3))
    assert np.isnan(p.at["alpha2", "ki_nM"])
    with pytest.raises(ValueError, match="drug must be one of"):
        ph.affinity_profile("aspirin")
    with pytest.raises(ValueError, match="targets"):
        ph.affinity_profile("amitriptyline", ["GABA-A"])
    with pytest.raises(ValueError, match="targets"):
        ph.affinity_profile("amitriptyline", "SERT")
    with pytest.raises(ValueError, match="sources must be a string"):
        ph.source_keys(None)
