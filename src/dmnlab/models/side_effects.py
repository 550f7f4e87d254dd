"""From a receptor profile to predicted side-effects: a teaching model.

The chain
---------
1. A typical total plasma level (ng/mL) times the unbound fraction gives the free
   concentration (nM) (:func:`dmnlab.models.occupancy.free_concentration_nM`).
2. Assume the free concentration at brain (and peripheral) receptors equals the free plasma
   concentration.
3. Assume the in-vitro affinity (Ki or KD, nM) holds in the body; occupancy = C / (C + Ki)
   (:func:`dmnlab.models.occupancy.occupancy`).
4. Map each blocked receptor to the effects its blockade is known to cause.

Each step is an approximation: in-vitro affinities vary 2-10-fold between assays, species and
radioligands; brain and plasma free concentrations differ for some drugs; plasma levels vary
several-fold between people. The output is a *ranking* of likely side-effects, the way
Richelson and colleagues used receptor potencies ("an antidepressant's potency for blocking a
specific receptor is predictive of certain side effects": Cusack, Nelson & Richelson 1994),
not a prediction for a person.

Effects of receptor blockade (pharmacology textbook knowledge; see the chapter for citations):
H1: sedation, weight gain. Muscarinic: dry mouth, constipation, urinary retention, blurred
vision, confusion (especially in older people). Alpha1: orthostatic hypotension, dizziness.
D2: in the 65-78% occupancy window antipsychotic response becomes likely, above 72% prolactin
rises and above 78% extrapyramidal symptoms appear (Kapur et al. 2000; data/facts.csv
d2_occupancy_window_pct, kapur2000_prolactin_pct).
"""

from __future__ import annotations

import math

from ..validate import check_choice, check_number
from . import occupancy as occ

__all__ = ["BLOCKADE_EFFECTS", "free_concentration_nM", "occupancy_profile", "predicted_effects",
           "EFFECT_THRESHOLD"]

BLOCKADE_EFFECTS = {
    "H1": "sedation, weight gain",
    "muscarinic": "dry mouth, constipation, urinary retention, blurred vision, confusion",
    "alpha1": "orthostatic hypotension, dizziness",
    "D2": "prolactin rise (>72%), extrapyramidal symptoms (>78%)",
}
EFFECT_THRESHOLD = 0.5   # teaching threshold: "at least half the receptors blocked" (not a clinical rule)

#: every target name of data/affinities.csv (dmnlab.pharmacology.ALL_TARGETS; repeated here so that the
#: model does not import the data layer)
_TARGETS = ("SERT", "NET", "DAT", "H1", "muscarinic", "alpha1", "alpha2", "5-HT2A", "5-HT2C", "D2",
            "5-HT1A", "5-HT1B", "5-HT3", "5-HT7", "MT1", "MT2")


def free_concentration_nM(level_ng_ml: float, mw_g_per_mol: float, fraction_unbound: float) -> float:
    """Free (unbound) plasma concentration in nM from a total level in ng/mL (in [0, 1e5])."""
    lvl = check_number("level_ng_ml", level_ng_ml, 0.0, 1e5, unit="ng/mL")
    return float(occ.free_concentration_nM(lvl / 1000.0, mw_g_per_mol, fraction_unbound))


def occupancy_profile(free_nM: float, ki_by_target: dict) -> dict:
    """Predicted fractional occupancy per target: C / (C + Ki).

    ``free_nM`` in [0, 1e6] nM; ``ki_by_target`` maps target names (SERT, NET, DAT, H1,
    muscarinic, alpha1, alpha2, 5-HT2A, 5-HT2C, D2, 5-HT1A, 5-HT1B, 5-HT3, 5-HT7, MT1, MT2) to Ki
    in nM, in (0, 1e7]; NaN entries are skipped (target not measured).
    """
    c = check_number("free_nM", free_nM, 0.0, 1e6, unit="nM")
    if not isinstance(ki_by_target, dict):
        raise ValueError(f"ki_by_target must be a dict of target -> Ki (nM); got {type(ki_by_target).__name__}")
    out = {}
    for target, ki in ki_by_target.items():
        check_choice("ki_by_target key", target, _TARGETS)
        if isinstance(ki, float) and math.isnan(ki):
            continue
        out[target] = float(occ.occupancy(c, check_number(f"ki_by_target[{target!r}]", ki, 0.0, 1e7,
                                                             lo_inclusive=False, unit="nM")))
    return out


def predicted_effects(occupancies: dict, threshold: float = EFFECT_THRESHOLD) -> list:
    """Effects predicted from blockade: ``[(target, occupancy, effects), ...]`` for each target of
    :data:`BLOCKADE_EFFECTS` whose occupancy is at least ``threshold`` (in [0, 1]), highest first."""
    thr = check_number("threshold", threshold, 0.0, 1.0)
    if not isinstance(occupancies, dict):
        raise ValueError(f"occupancies must be a dict of target -> occupancy; got {type(occupancies).__name__}")
    rows = []
    for target, o in occupancies.items():
        o = check_number(f"occupancies[{target!r}]", o, 0.0, 1.0)
        if target in BLOCKADE_EFFECTS and o >= thr:
            rows.append((target, o, BLOCKADE_EFFECTS[target]))
    return sorted(rows, key=lambda r: -r[1])
