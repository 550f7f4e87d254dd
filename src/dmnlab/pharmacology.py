"""Chapter 6's drug tables: loaders and validators.

Three tables in ``data/`` (each row cites ``book/references.bib`` and carries a status):

``drugs.csv``
    One row per drug: class, mechanism, dose range as labelled or studied (for information, not
    advice), half-life (a single value ``t_half_h`` for the models plus the cited range in
    ``t_half_text``), active metabolite, bioavailability, US approval notes (``approval_fda``),
    a typical plasma level and unbound fraction where the side-effect model uses them, molecular
    weight, sources and ``checked`` (what was read for which field, ``field: ... | field: ...``).
    Every value has its own status column (:data:`DRUG_VALUE_STATUS`: ``t_half_status``,
    ``bioavailability_status``, ``approval_status``, ``plasma_level_status``,
    ``fraction_unbound_status``, ``mw_status``), required where the value is given and empty
    where it is not; the row ``status`` covers the descriptive text (class, mechanism, dose
    range, metabolite). A typical plasma level is a modelling choice (status ``model``).
    :func:`load_drugs` adds ``unverified_fields``, the names of the row's unverified values (the
    descriptive text when the row's ``status`` is unverified).
``affinities.csv``
    Long format: drug, target, ``ki_nM`` (with ``qualifier`` ">" when only a lower bound is
    known), ``measure`` (Ki or KD), assay note, source, status, and ``checked`` (what was read:
    the abstract or table of the primary paper, or the named compilation that cites it).
``dmn_drug_effects.csv``
    What each class does to a DMN measure: population, phase, measure, direction, n, source,
    status, ``checked`` (what was read), and the seed claim (``claim_id``) with its verdict and
    grade from ``claims.csv``.

Every loader checks the table (columns, allowed statuses, numbers in range) and raises
``ValueError`` saying which row and column is wrong.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from .facts import STATUSES as _FACT_STATUSES
from .data import load_table
from .validate import check_choice

__all__ = [
    "STATUSES",
    "TARGETS",
    "ALL_TARGETS",
    "load_drugs",
    "DRUG_VALUE_STATUS",
    "drug_value_status_counts",
    "load_affinities",
    "load_dmn_effects",
    "affinity_profile",
    "drug_names",
    "source_keys",
    "validate_table",
]

#: the status words of every data table, defined once in dmnlab.facts
STATUSES = tuple(_FACT_STATUSES)
#: the ten targets of chapter 6's receptor-profile figure (the default of :func:`affinity_profile`)
TARGETS = ("SERT", "NET", "DAT", "H1", "muscarinic", "alpha1", "alpha2", "5-HT2A", "5-HT2C", "D2")
#: every target ``affinities.csv`` may hold: TARGETS plus the serotonin-receptor subtypes and melatonin
#: receptors that the newer antidepressants (vortioxetine, vilazodone, agomelatine) and the antipsychotics
#: act at. A separate tuple so that figures drawn over TARGETS keep their ten columns.
ALL_TARGETS = TARGETS + ("5-HT1A", "5-HT1B", "5-HT3", "5-HT7", "MT1", "MT2")

_DRUG_COLS = ["drug", "class", "mechanism", "dose_range", "t_half_h", "t_half_text", "t_half_status",
              "active_metabolite", "bioavailability", "bioavailability_status", "approval_fda", "approval_status",
              "plasma_level_ng_ml", "plasma_level_status", "fraction_unbound", "fraction_unbound_status",
              "mw_g_per_mol", "mw_status", "source", "status", "checked"]
#: value column -> its status column in drugs.csv
DRUG_VALUE_STATUS = {"t_half_h": "t_half_status", "bioavailability": "bioavailability_status",
                     "approval_fda": "approval_status", "plasma_level_ng_ml": "plasma_level_status",
                     "fraction_unbound": "fraction_unbound_status", "mw_g_per_mol": "mw_status"}
_AFF_COLS = ["drug", "target", "ki_nM", "qualifier", "measure", "assay", "source", "status", "checked"]
_DMN_COLS = ["id", "class", "drug", "population", "phase", "measure", "direction", "n", "finding", "source",
             "status", "checked", "claim_id", "verdict", "grade", "ledger_ids"]


def source_keys(sources: str) -> list[str]:
    """Split a ``source`` cell ("key1;key2") into bib keys."""
    if not isinstance(sources, str):
        raise ValueError(f"sources must be a string of bib keys separated by ';'; got {sources!r}")
    return [k.strip() for k in sources.split(";") if k.strip()]


def validate_table(df: pd.DataFrame, name: str, columns: list[str]) -> pd.DataFrame:
    """Check a chapter-6 table: exact columns, a non-empty source and an allowed status per row."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"df must be a pandas DataFrame; got {type(df).__name__}")
    if list(df.columns) != columns:
        raise ValueError(f"{name}: columns must be {columns}; got {list(df.columns)}")
    for i, row in df.iterrows():
        if not source_keys(row["source"] if isinstance(row["source"], str) else ""):
            raise ValueError(f"{name} row {i} ({row.iloc[0]}): source must name at least one bib key")
        if row["status"] not in STATUSES:
            raise ValueError(f"{name} row {i} ({row.iloc[0]}): status must be one of {STATUSES}; "
                             f"got {row['status']!r}")
    return df


def _positive(df, name, col, *, lo=0.0, hi=math.inf):
    vals = pd.to_numeric(df[col], errors="coerce")
    bad = df[df[col].notna() & ~((vals > lo) & (vals <= hi))]
    if len(bad):
        raise ValueError(f"{name}: {col} must be a number in ({lo:g}, {hi:g}] where given; "
                         f"bad rows: {bad.iloc[:, 0].tolist()}")


@functools.lru_cache(maxsize=1)
def load_drugs() -> pd.DataFrame:
    """``data/drugs.csv``, checked (see the module docstring for the columns)."""
    df = validate_table(load_table("drugs.csv"), "drugs.csv", _DRUG_COLS)
    if df["drug"].duplicated().any():
        raise ValueError(f"drugs.csv: duplicate drugs {df.loc[df['drug'].duplicated(), 'drug'].tolist()}")
    _positive(df, "drugs.csv", "t_half_h", hi=24 * 365)
    _positive(df, "drugs.csv", "plasma_level_ng_ml", hi=1e5)
    _positive(df, "drugs.csv", "fraction_unbound", hi=1.0)
    _positive(df, "drugs.csv", "mw_g_per_mol", hi=2000)
    _check_drug_statuses(df)
    df["checked"] = df["checked"].fillna("")
    # the row's own status covers its descriptive text (class, mechanism, dose range, metabolite)
    df["unverified_fields"] = ["; ".join((["class, mechanism, metabolite"] if r["status"] == "unverified" else [])
                                         + [v for v, sc in DRUG_VALUE_STATUS.items() if r[sc] == "unverified"])
                               for _, r in df.iterrows()]
    return df


def _check_drug_statuses(df: pd.DataFrame) -> None:
    """Each value column has an allowed status where a value is given, and none where it is empty."""
    for value_col, status_col in DRUG_VALUE_STATUS.items():
        given = df[value_col].notna() & (df[value_col].astype(str).str.strip() != "")
        bad = df[given & ~df[status_col].isin(STATUSES)]
        if len(bad):
            raise ValueError(f"drugs.csv: {status_col} must be one of {STATUSES} where {value_col} is given; "
                             f"bad rows: {bad['drug'].tolist()}")
        stray = df[~given & df[status_col].notna()]
        if len(stray):
            raise ValueError(f"drugs.csv: {status_col} must be empty where {value_col} is empty; "
                             f"bad rows: {stray['drug'].tolist()}")


def drug_value_status_counts() -> dict:
    """{status: number of values} over the six value columns of drugs.csv (empty values not counted)."""
    d = load_drugs()
    counts = {s: 0 for s in STATUSES}
    for status_col in DRUG_VALUE_STATUS.values():
        for s, n in d[status_col].dropna().value_counts().items():
            counts[s] += int(n)
    return counts


@functools.lru_cache(maxsize=1)
def load_affinities() -> pd.DataFrame:
    """``data/affinities.csv``, checked: every drug is in drugs.csv, every target is known, and every
    ``verified`` or ``secondary`` row says in ``checked`` what was read (see data/README.md)."""
    df = validate_table(load_table("affinities.csv"), "affinities.csv", _AFF_COLS)
    df["qualifier"] = df["qualifier"].fillna("")
    df["checked"] = df["checked"].fillna("").astype(str)
    unread = df[df["status"].isin(["verified", "secondary"]) & (df["checked"].str.strip() == "")]
    if len(unread):
        raise ValueError("affinities.csv: a verified or secondary row must say in 'checked' what was read; "
                         f"empty in rows {unread.index.tolist()}")
    _positive(df, "affinities.csv", "ki_nM", hi=1e6)
    if df["ki_nM"].isna().any():
        raise ValueError("affinities.csv: every row needs ki_nM")
    bad = sorted(set(df["target"]) - set(ALL_TARGETS))
    if bad:
        raise ValueError(f"affinities.csv: unknown targets {bad}; allowed {ALL_TARGETS}")
    if not df["measure"].isin(["Ki", "KD"]).all():
        raise ValueError("affinities.csv: measure must be 'Ki' or 'KD'")
    if not df["qualifier"].isin(["", ">"]).all():
        raise ValueError("affinities.csv: qualifier must be empty or '>'")
    missing = sorted(set(df["drug"]) - set(load_drugs()["drug"]))
    if missing:
        raise ValueError(f"affinities.csv: drugs not in drugs.csv: {missing}")
    if df.duplicated(["drug", "target"]).any():
        raise ValueError("affinities.csv: one row per drug and target")
    return df


@functools.lru_cache(maxsize=1)
def load_dmn_effects() -> pd.DataFrame:
    """``data/dmn_drug_effects.csv``, checked; verdicts and grades must match ``claims.csv``."""
    df = validate_table(load_table("dmn_drug_effects.csv"), "dmn_drug_effects.csv", _DMN_COLS)
    df["checked"] = df["checked"].fillna("").astype(str)
    unread = df[(df["status"] != "unverified") & (df["checked"].str.strip() == "")]
    if len(unread):
        raise ValueError("dmn_drug_effects.csv: a verified or secondary row must say in 'checked' what was read; "
                         f"empty in rows {unread['id'].tolist()}")
    for c in ("claim_id", "verdict", "grade", "n"):
        df[c] = df[c].astype(object).where(df[c].notna(), "")
    df["n"] = [str(int(v)) if isinstance(v, float) else str(v) for v in df["n"]]
    claims = load_table("claims.csv").set_index("claim_id")
    for i, row in df.iterrows():
        cid = row["claim_id"]
        if not cid:
            continue
        if cid not in claims.index:
            raise ValueError(f"dmn_drug_effects.csv row {i}: claim_id {cid!r} is not in claims.csv")
        if (claims.at[cid, "verdict"], claims.at[cid, "grade"]) != (row["verdict"], row["grade"]):
            raise ValueError(f"dmn_drug_effects.csv row {i}: verdict/grade of {cid} differ from claims.csv")
    return df


def drug_names(*, with_affinities: bool = False, with_level: bool = False, with_half_life: bool = False) -> list:
    """Drug names of drugs.csv, optionally only those with affinities / a plasma level / a half-life."""
    return list(_drug_names(bool(with_affinities), bool(with_level), bool(with_half_life)))


@functools.lru_cache(maxsize=16)
def _drug_names(with_affinities: bool, with_level: bool, with_half_life: bool) -> tuple:
    d = load_drugs()
    keep = pd.Series(True, index=d.index)
    if with_affinities:
        keep &= d["drug"].isin(set(load_affinities()["drug"]))
    if with_level:
        keep &= d["plasma_level_ng_ml"].notna() & d["fraction_unbound"].notna() & d["mw_g_per_mol"].notna()
    if with_half_life:
        keep &= d["t_half_h"].notna()
    return tuple(d.loc[keep, "drug"].tolist())


@functools.lru_cache(maxsize=512)
def _profile(drug: str, targets: tuple) -> pd.DataFrame:
    a = load_affinities()
    sub = a[a["drug"] == drug].set_index("target")
    out = pd.DataFrame(index=list(targets))
    out["ki_nM"] = [float(sub.at[t, "ki_nM"]) if t in sub.index else np.nan for t in targets]
    out["qualifier"] = [sub.at[t, "qualifier"] if t in sub.index else "" for t in targets]
    out["status"] = [sub.at[t, "status"] if t in sub.index else "" for t in targets]
    out["source"] = [sub.at[t, "source"] if t in sub.index else "" for t in targets]
    out["pKi"] = 9.0 - np.log10(out["ki_nM"])
    return out


def affinity_profile(drug: str, targets=TARGETS) -> pd.DataFrame:
    """One row per target for ``drug``: ki_nM (NaN if not in the table), qualifier, status, pKi.

    pKi = 9 - log10(Ki in nM) (= -log10 Ki in mol/L): higher means tighter binding.
    """
    check_choice("drug", drug, drug_names(with_affinities=True))
    if isinstance(targets, str):
        raise ValueError(f"targets must be a sequence of target names from {ALL_TARGETS}; got {targets!r}")
    for t in targets:
        check_choice("targets", t, ALL_TARGETS)
    return _profile(drug, tuple(targets)).copy()
