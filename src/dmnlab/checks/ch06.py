"""Checkers for the exercises of chapter 6 (Pharmacology of drug classes).

Each checker calls the learner's function on the course's own tables (``load_drugs()``,
``load_affinities()``, ``load_dmn_effects()``), and on a small made-up table where that helps to
tell a general answer from one that only fits the real data, and says what is wrong.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..models import lithium as li
from ..models import occupancy as occ
from ..pharmacology import load_affinities, load_dmn_effects, load_drugs
from . import Checker, CheckResult


def _ki(affinities: pd.DataFrame, drug: str, target: str) -> float:
    row = affinities[(affinities["drug"] == drug) & (affinities["target"] == target)]
    return float(row["ki_nM"].iloc[0])


# --------------------------------------------------------------------------- 1. warm-up


def check_net_sert_ratio(fn) -> CheckResult:
    """net_sert_ratio(affinities, drug) -> NET Ki / SERT Ki from the long table."""
    c = Checker("net_sert_ratio")
    aff = load_affinities()
    for drug in ("clomipramine", "venlafaxine", "duloxetine", "desipramine", "citalopram"):
        got = c.call(fn, aff.copy(), drug)
        if got is None:
            break
        want = _ki(aff, drug, "NET") / _ki(aff, drug, "SERT")
        if isinstance(got, (pd.Series, pd.DataFrame, np.ndarray)) and np.size(got) != 1:
            c.check(False, f"{drug}: return one number (a float), not a {type(got).__name__}; pick the single Ki "
                           "value out of the rows you selected (for example with .iloc[0] or .item())")
            break
        try:
            g = float(np.asarray(got).ravel()[0])
        except (TypeError, ValueError, IndexError):
            c.check(False, f"{drug}: expected a number, got {got!r}")
            break
        if math.isclose(g, 1 / want, rel_tol=1e-6) and not math.isclose(want, 1.0, rel_tol=1e-3):
            c.check(False, f"{drug}: {g:.4g} is SERT Ki / NET Ki, the reciprocal. The question is how many times "
                           "more tightly the drug binds SERT: NET Ki divided by SERT Ki (a larger Ki is weaker "
                           "binding)")
            break
        if not c.close(g, want, f"NET/SERT ratio of {drug}", rtol=1e-6):
            break
    # a made-up table: the function must read the table it is given, not the course's file
    fake = pd.DataFrame({"drug": ["x", "x", "x"], "target": ["SERT", "NET", "H1"], "ki_nM": [2.0, 50.0, 1.0],
                         "qualifier": ["", "", ""], "measure": ["Ki"] * 3, "assay": [""] * 3, "source": ["s"] * 3,
                         "status": ["secondary"] * 3, "checked": ["c"] * 3})
    if not c.problems:
        got = c.call(fn, fake, "x")
        if got is not None:
            c.close(np.asarray(got, dtype=float).ravel()[0], 25.0, "a made-up table (SERT 2 nM, NET 50 nM)",
                    rtol=1e-6)
    return c.result()


def check_free_nM(fn) -> CheckResult:
    """free_nM(level_ng_ml, mw_g_per_mol, fraction_unbound) -> unbound concentration in nM."""
    c = Checker("free_nM")
    d = load_drugs().set_index("drug")
    cases = [(float(d.at[x, "plasma_level_ng_ml"]), float(d.at[x, "mw_g_per_mol"]), float(d.at[x, "fraction_unbound"]))
             for x in ("sertraline", "amitriptyline", "venlafaxine")] + [(309.3, 309.3, 1.0)]
    for level, mw, fu in cases:
        got = c.call(fn, level, mw, fu)
        if got is None:
            break
        want = level / mw * 1000 * fu
        what = f"free_nM({level:g}, {mw:g}, {fu:g})"
        g = c.number(got, what)
        if g is None:
            break
        if math.isclose(g, want / 1000, rel_tol=1e-6):
            c.check(False, f"{what} = {g:.4g}: that is micromolar. ng/mL is ug/L; divided by g/mol it gives umol/L, "
                           "and 1 umol/L = 1000 nM")
            break
        if fu < 1 and math.isclose(g, want / fu, rel_tol=1e-6):
            c.check(False, f"{what} = {g:.4g}: that is the total concentration. Only the unbound fraction "
                           f"({fu:g}) is free to reach a receptor: multiply by it")
            break
        if fu < 1 and math.isclose(g, want / fu / fu, rel_tol=1e-6):
            c.check(False, f"{what} = {g:.4g}: you divided by the unbound fraction; the free concentration is "
                           "smaller than the total, so multiply")
            break
        if not c.close(g, want, what, rtol=1e-6):
            break
    return c.result()


# --------------------------------------------------------------------------- 2. core


def _reference_occupancy(drugs, aff, drug, target, factor=1.0) -> float:
    row = drugs.set_index("drug").loc[drug]
    level = float(row["plasma_level_ng_ml"]) * factor
    free = level / float(row["mw_g_per_mol"]) * 1000 * float(row["fraction_unbound"])
    return float(occ.occupancy(free, _ki(aff, drug, target)))


def check_occupancy_at_level(fn) -> CheckResult:
    """occupancy_at_level(drugs, affinities, drug, target, level_factor) -> fraction of ``target``
    occupied at ``level_factor`` times the drug's typical plasma level."""
    c = Checker("occupancy_at_level")
    drugs, aff = load_drugs(), load_affinities()
    cases = [("sertraline", "SERT", 1.0), ("amitriptyline", "H1", 1.0), ("amitriptyline", "muscarinic", 2.0),
             ("haloperidol", "D2", 1.0), ("clozapine", "D2", 0.5), ("sertraline", "H1", 4.0)]
    for drug, target, f in cases:
        got = c.call(fn, drugs.copy(), aff.copy(), drug, target, f)
        if got is None:
            break
        want = _reference_occupancy(drugs, aff, drug, target, f)
        what = f"{drug} at {target}, {f:g} x the typical level"
        g = c.number(got, what, "(a fraction between 0 and 1)")
        if g is None:
            break
        if g > 1.0 and math.isclose(g, 100 * want, rel_tol=1e-4):
            c.check(False, f"{what}: {g:.3g} looks like a percentage; return the fraction (0 to 1)")
            break
        row = drugs.set_index("drug").loc[drug]
        total = float(row["plasma_level_ng_ml"]) * f / float(row["mw_g_per_mol"]) * 1000
        if math.isclose(g, float(occ.occupancy(total, _ki(aff, drug, target))), rel_tol=1e-6) \
                and not math.isclose(g, want, rel_tol=1e-3):
            c.check(False, f"{what}: {g:.3f} is the occupancy of the *total* concentration. Only the unbound "
                           "fraction binds: multiply by fraction_unbound first")
            break
        if math.isclose(g, float(occ.occupancy(total / 1000 * float(row["fraction_unbound"]),
                                               _ki(aff, drug, target))), rel_tol=1e-6):
            c.check(False, f"{what}: {g:.3g} comes from a concentration in micromolar set against a Ki in "
                           "nanomolar; convert ng/mL to nM (times 1000 after dividing by the molar mass)")
            break
        if not c.close(g, want, what, rtol=1e-6, atol=1e-9):
            break
    return c.result()


def check_lithium_average(fn) -> CheckResult:
    """lithium_average(daily_dose_mg, crcl_ml_min) -> the teaching model's steady-state average (mmol/L)."""
    c = Checker("lithium_average")
    for dose, crcl in ((900, 100), (900, 50), (600, 80), (1200, 120)):
        got = c.call(fn, dose, crcl)
        if got is None:
            break
        want = li.steady_state_average_mmol_l(dose, crcl)
        what = f"lithium_average({dose}, {crcl})"
        g = c.number(got, what, "in mmol/L")
        if g is None:
            break
        if math.isclose(g, want / 2, rel_tol=1e-4):
            c.check(False, f"{what} = {g:.3f}: half the expected level. Each Li2CO3 carries two lithium ions: "
                           "1 mmol of lithium carbonate gives 2 mmol of lithium")
            break
        if math.isclose(g, want * 24, rel_tol=1e-4):
            c.check(False, f"{what} = {g:.3f}: 24 times too high. The dose is per day and the clearance per hour: "
                           "turn the dose into a rate per hour first")
            break
        if crcl != 100 and math.isclose(g, li.steady_state_average_mmol_l(dose, 100) * crcl / 100, rel_tol=1e-4):
            c.check(False, f"{what}: your level rises with kidney function. Clearance is proportional to creatinine "
                           "clearance, and the level is the dosing rate divided by the clearance")
            break
        if not c.close(g, want, what, rtol=1e-4):
            break
    return c.result()


def _fake_effects() -> pd.DataFrame:
    return pd.DataFrame({"class": ["A", "A", "B", "B", "C", "C", "C"],
                         "direction": ["increase", "decrease", "increase", "no change", "decrease", "decrease",
                                       "increase"],
                         "population": ["healthy"] * 7})


def check_classes_with_both_directions(fn) -> CheckResult:
    """classes_with_both_directions(effects) -> sorted list of the classes with at least one row whose
    direction is "increase" and at least one whose direction is "decrease"."""
    c = Checker("classes_with_both_directions")
    for table, what in ((load_dmn_effects().copy(), "the course's DMN table"), (_fake_effects(), "a made-up table")):
        got = c.call(fn, table)
        if got is None:
            break
        d = table.groupby("class")["direction"].agg(set)
        want = sorted(k for k, v in d.items() if {"increase", "decrease"} <= v)
        either = sorted(k for k, v in d.items() if v & {"increase", "decrease"})
        try:
            g = sorted(str(x) for x in got)
        except TypeError:
            c.check(False, f"{what}: return a list of class names, got {got!r}")
            break
        if g == either and either != want:
            c.check(False, f"{what}: {g} lists the classes with an increase *or* a decrease; the question is which "
                           "have both (a class whose studies disagree in direction)")
            break
        c.check(g == want, f"{what}: expected {want}, got {g}", f"classes with both directions in {what}")
        if g != want:
            break
    return c.result()


# --------------------------------------------------------------------------- 3. challenge


def check_level_for_occupancy(fn) -> CheckResult:
    """level_for_occupancy(drugs, affinities, drug, target, occupancy) -> the total plasma level (ng/mL)
    at which ``target`` is occupied to the fraction ``occupancy``."""
    c = Checker("level_for_occupancy")
    drugs, aff = load_drugs(), load_affinities()
    d = drugs.set_index("drug")
    for drug, target, p in (("amitriptyline", "muscarinic", 0.5), ("sertraline", "SERT", 0.8),
                            ("haloperidol", "D2", 0.7), ("clozapine", "H1", 0.9)):
        got = c.call(fn, drugs.copy(), aff.copy(), drug, target, p)
        if got is None:
            break
        ki, mw, fu = _ki(aff, drug, target), float(d.at[drug, "mw_g_per_mol"]), float(d.at[drug, "fraction_unbound"])
        want = occ.total_level_for_occupancy_ng_ml(p, ki, mw, fu)
        what = f"{drug}, {p:.0%} of {target}"
        g = c.number(got, what, "in ng/mL")
        if g is None:
            break
        if math.isclose(g, want * fu, rel_tol=1e-6):
            c.check(False, f"{what}: {g:.3g} ng/mL is the *free* level. A blood test measures the total, of which only "
                           f"the fraction {fu:g} is free: divide the free level by it")
            break
        if math.isclose(g, ki * (1 - p) / p / fu * mw / 1000, rel_tol=1e-6) and p != 0.5:
            c.check(False, f"{what}: you inverted the hyperbola the wrong way round: from p = C / (C + Ki), "
                           "C = Ki p / (1 - p)")
            break
        if math.isclose(g, want * 1e6, rel_tol=1e-6) or math.isclose(g, want / 1e6, rel_tol=1e-6) \
                or math.isclose(g, want * 1000, rel_tol=1e-6) or math.isclose(g, want / 1000, rel_tol=1e-6):
            c.check(False, f"{what}: {g:.3g} is off by a power of 1000: nM to ng/mL is times the molar mass and "
                           "divided by 1000")
            break
        if not c.close(g, want, what, rtol=1e-6):
            break
    return c.result()
