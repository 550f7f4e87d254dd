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
    assert set(df["status"]) <= set(ph.STATUSES), name
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
    """Approval wording checked 2026-11-28 against labels and agency announcements (see each row's
    `checked` and data/facts.csv): esketamine 2019/2020/Jan 2025 monotherapy with its REMS; the US
    Clozapine REMS eliminated in 2025 (FDA communication of 27 Aug 2025); brexanolone withdrawn;
    agomelatine authorised in the EU only; gepirone 22 Sep 2023; Auvelity August 2022."""
    d = ph.load_drugs().set_index("drug")["approval_fda"]
    assert "not FDA-approved for any psychiatric disorder" in d["ketamine"]
    assert "5 Mar 2019" in d["esketamine"] and "REMS" in d["esketamine"]
    assert "Aug 2020" in d["esketamine"] and "Jan 2025" in d["esketamine"] and "monotherapy" in d["esketamine"]
    assert "19 Mar 2019" in d["brexanolone"] and "60-h" in d["brexanolone"] and "14 Apr 2025" in d["brexanolone"]
    assert "4 Aug 2023" in d["zuranolone"] and "not approved for MDD" in d["zuranolone"]
    assert d["MDMA"].startswith("Not FDA-approved") and "9 Aug 2024" in d["MDMA"]
    assert d["psilocybin"].startswith("Not FDA-approved")
    # the review's finding: no REMS for clozapine any more, ANC monitoring stays
    assert "REMS was eliminated" in d["clozapine"] and "ANC monitoring remains" in d["clozapine"]
    assert "(REMS;" not in d["clozapine"]
    assert d["agomelatine"].startswith("Not FDA-approved") and "EU" in d["agomelatine"]
    assert "22 Sep 2023" in d["gepirone"] and "August 2022" in d["dextromethorphan-bupropion"]


def test_every_drug_value_has_a_status_and_few_are_unverified():
    """Per-field statuses (data/README.md): each of the six values of a row has its own status,
    present exactly where the value is, and `checked` says what was read. Across drugs.csv and
    pk_parameters.csv at most 5% of the values are unverified (issue 14)."""
    d = ph.load_drugs()
    counts = ph.drug_value_status_counts()
    assert set(counts) == set(ph.STATUSES) and sum(counts.values()) >= 150
    pk = load_table("pk_parameters.csv")
    assert set(pk["status"]) <= set(ph.STATUSES) and pk["checked"].notna().all()
    n_unverified = counts["unverified"] + int((pk["status"] == "unverified").sum())
    assert n_unverified <= 0.05 * (sum(counts.values()) + len(pk)), n_unverified
    for _, r in d.iterrows():
        if any(r[c] in ("verified", "secondary", "model") for c in ph.DRUG_VALUE_STATUS.values()):
            assert r["checked"].strip(), r["drug"]


def test_values_used_by_the_side_effect_model_tests_are_not_unverified():
    """tests/test_ch06_models.py uses the typical level, unbound fraction and molecular weight of
    these drugs: none may be unverified (issue 14); a typical level is a modelling choice."""
    d = ph.load_drugs().set_index("drug")
    for drug in ("fluoxetine", "sertraline", "venlafaxine", "bupropion", "citalopram", "paroxetine", "escitalopram"):
        for col in ("plasma_level_status", "fraction_unbound_status", "mw_status"):
            assert d.at[drug, col] in ("verified", "secondary", "model"), (drug, col)
        assert d.at[drug, "plasma_level_status"] == "model"


def test_review_corrections_in_the_drug_table():
    """Fluoxetine's 168 h is a modelling lump (label: steady state after about 4-5 weeks);
    quetiapine's ~100% is relative to an oral solution, absolute bioavailability is low;
    psilocybin's molar mass is psilocybin's (284.3), not psilocin's (204.3)."""
    d = ph.load_drugs().set_index("drug")
    assert d.at["fluoxetine", "t_half_status"] == "model" and "4-5 weeks" in d.at["fluoxetine", "t_half_text"]
    assert "lumped" in d.at["fluoxetine", "checked"]
    q = d.at["quetiapine", "bioavailability"]
    assert "relative to an oral solution" in q and "absolute" in q
    assert d.at["psilocybin", "mw_g_per_mol"] == pytest.approx(284.3)


def test_drug_status_columns_are_checked():
    import pandas as pd

    raw = load_table("drugs.csv")
    bad = raw.copy()
    bad.loc[0, "bioavailability_status"] = pd.NA
    with pytest.raises(ValueError, match="bioavailability_status must be one of"):
        ph._check_drug_statuses(bad)
    bad = raw.copy()
    i = bad.index[bad["bioavailability"].isna()][0]
    bad.loc[i, "bioavailability_status"] = "secondary"
    with pytest.raises(ValueError, match="must be empty where bioavailability is empty"):
        ph._check_drug_statuses(bad)


def test_affinity_anchor_values_match_what_was_read():
    """Values read in primary abstracts or papers (status verified): Richelson & Nelson 1984 abstract
    (doxepin H1 KD 0.24 nM and alpha1 24 nM; amitriptyline muscarinic 18 nM; trazodone muscarinic 324 uM
    and D2 3,800 nM; bupropion alpha2 81 uM), Tatsumi 1997 abstract (sertraline DAT 25 nM), Bymaster 2001
    abstract (duloxetine SERT 0.8, NET 7.5 nM), Richelson & Souder 2000 abstract (olanzapine H1 0.087 nM,
    clozapine muscarinic 9 nM), Millan 2003 abstract (agomelatine pKi 6.2 at human 5-HT2C), Plenge 2021
    Fig. 1b (vilazodone SERT Ki 0.68 nM). Read in compilations (status secondary): Iversen 2006 Table 2
    (desipramine NET 0.8, clomipramine SERT 0.3 / NET 38 nM, Tatsumi's data), Goodman & Gilman Table 15-4
    (paroxetine muscarinic 108 nM). Tolerance: exact (1e-9), agomelatine to 3 significant figures."""
    a = ph.load_affinities().set_index(["drug", "target"])
    verified = {("doxepin", "H1"): 0.24, ("doxepin", "alpha1"): 24, ("amitriptyline", "muscarinic"): 18,
                ("trazodone", "muscarinic"): 324000, ("trazodone", "D2"): 3800, ("bupropion", "alpha2"): 81000,
                ("sertraline", "DAT"): 25, ("duloxetine", "SERT"): 0.8, ("duloxetine", "NET"): 7.5,
                ("olanzapine", "H1"): 0.087, ("clozapine", "muscarinic"): 9, ("vilazodone", "SERT"): 0.68}
    for key, v in verified.items():
        assert a.at[key, "ki_nM"] == pytest.approx(v, abs=1e-9), key
        assert a.at[key, "status"] == "verified", key
    assert a.at[("agomelatine", "5-HT2C"), "ki_nM"] == pytest.approx(10 ** (9 - 6.2), rel=1e-3)
    assert a.at[("agomelatine", "5-HT2C"), "status"] == "verified"
    secondary = {("desipramine", "NET"): 0.8, ("clomipramine", "SERT"): 0.3, ("clomipramine", "NET"): 38,
                 ("paroxetine", "muscarinic"): 108}
    for key, v in secondary.items():
        assert a.at[key, "ki_nM"] == pytest.approx(v, abs=1e-9), key
        assert a.at[key, "status"] == "secondary", key
    # Tatsumi's transporter values were read in Iversen's review, not in Tatsumi's own table
    tat = a[a["source"].str.contains("iversen2006neurotransmitter")]
    assert len(tat) >= 40 and (tat["status"] == "secondary").all()
    assert tat["checked"].str.contains("Iversen 2006").all()


def test_affinity_statuses_are_counted_and_every_checked_value_says_what_was_read():
    """Trust issue (item 11): at most 5% of the affinity values unverified; every verified or secondary
    row names what was read; the few unverified rows say why they are kept."""
    a = ph.load_affinities()
    counts = a["status"].value_counts()
    assert set(counts.index) <= {"verified", "secondary", "unverified"}
    assert counts.get("unverified", 0) / len(a) <= 0.05, counts.to_dict()
    checked = a[a["status"].isin(["verified", "secondary"])]["checked"].str.strip()
    assert (checked.str.len() > 10).all()
    unv = a[a["status"] == "unverified"]
    assert unv["checked"].str.startswith("not read").all()
    # a verified value was read in the primary paper itself (its abstract or a figure/table of it), and
    # 'checked' says that first; a value read only in a compilation is secondary
    ver = a[a["status"] == "verified"]
    assert ver["checked"].str.contains(r"abstract|Fig\. \d").all()
    assert not ver["checked"].str.match("Iversen|Goodman|Expert Opin|Ther Clin|Pharmacotherapy|ACNP|Mork").any()
    # every drug of issue 15's list that has a readable value is in the table
    assert {"vortioxetine", "vilazodone", "trazodone", "agomelatine", "mirtazapine", "bupropion"} <= set(a["drug"])
    assert set(a["target"]) <= set(ph.ALL_TARGETS)


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
    # the newer antidepressants' targets are outside the ten figure columns but can be asked for
    v = ph.affinity_profile("vortioxetine", ["SERT", "5-HT3", "5-HT1A"])
    assert v.at["5-HT3", "ki_nM"] == pytest.approx(3.7) and v.at["5-HT3", "status"] == "secondary"
    assert list(ph.affinity_profile("agomelatine").index) == list(ph.TARGETS)
    with pytest.raises(ValueError, match="targets"):
        ph.affinity_profile("amitriptyline", "SERT")
    with pytest.raises(ValueError, match="sources must be a string"):
        ph.source_keys(None)
