"""Lithium: a teaching model of serum level against dose and kidney function.

A MODEL FOR TEACHING, NOT FOR DOSING. Real lithium is dosed by a prescriber from measured
12-hour trough levels, kidney and thyroid tests, and the person's clinical state.

The model
---------
* Lithium is an ion: it is not metabolised and is cleared by the kidney. Its clearance is a
  fixed fraction of the glomerular filtration rate, here of creatinine clearance (CrCl), because
  most filtered lithium is reabsorbed with sodium in the proximal tubule.
* The fraction is set so that a CrCl of 100 mL/min gives the mean lithium clearance of a
  population-PK study of 79 psychiatric inpatients with normal renal function, 1.36 L/h
  (Jermain et al. 1991, Clin Pharm 10:376). That makes lithium clearance about 23% of CrCl,
  inside the 20-30% of GFR usually quoted (that range was read on a secondary page only).
  The reference CrCl of 100 mL/min is this model's assumption.
* Volume of distribution 0.6 L/kg (total body water; ledger B, read on secondary pages quoting
  the label and a nephrology review). Jermain et al. estimated 32.8 L (about 0.47 L/kg at 70 kg).
* One compartment, first-order absorption (``ka`` 1 per hour, an assumption matching a peak
  0.5-2 h after an immediate-release dose), bioavailability 1 (ledger: about 95-100%, unverified).
* Lithium carbonate (Li2CO3, 73.89 g/mol) carries 2 mmol of lithium per 73.89 mg, so 300 mg is
  8.12 mmol.

Reference ranges (12-h trough, mmol/L): 0.6-1.2 therapeutic; above 1.5 toxicity becomes likely;
above about 2.0 severe (RCPA manual, ledger B, C2). The US label's boxed warning says toxicity can
occur at doses close to therapeutic concentrations.

What the model leaves out (and why real levels differ): sodium depletion, dehydration,
vomiting or diarrhoea; NSAIDs, ACE inhibitors, angiotensin-receptor blockers and thiazide
diuretics, which lower lithium clearance; age; pregnancy; the slow distribution into tissues
(a two-compartment drug); variability between people (Jermain's clearance CV about 24%).
"""

from __future__ import annotations

import math

import numpy as np

from ..validate import check_int, check_number
from . import pk

__all__ = [
    "LI2CO3_MW",
    "MMOL_LI_PER_MG_LI2CO3",
    "THERAPEUTIC_RANGE",
    "TOXIC_LEVEL",
    "SEVERE_LEVEL",
    "REFERENCE_CRCL_ML_MIN",
    "REFERENCE_CLEARANCE_L_PER_H",
    "VD_L_PER_KG",
    "lithium_clearance_l_per_h",
    "lithium_half_life_h",
    "steady_state_average_mmol_l",
    "dose_for_level_mg_per_day",
    "lithium_level_mmol_l",
    "classify_level",
]

LI2CO3_MW = 73.89                       # g/mol
MMOL_LI_PER_MG_LI2CO3 = 2.0 / LI2CO3_MW  # mmol Li+ per mg of lithium carbonate
THERAPEUTIC_RANGE = (0.6, 1.2)          # mmol/L, 12-h trough (RCPA manual; ledger B, C2)
TOXIC_LEVEL = 1.5                       # mmol/L: toxicity likely above (ledger B, C2)
SEVERE_LEVEL = 2.0                      # mmol/L: severe toxicity (ledger B, C2)
REFERENCE_CRCL_ML_MIN = 100.0           # model assumption: "normal renal function"
REFERENCE_CLEARANCE_L_PER_H = 1.36      # Jermain et al. 1991, mean in normal renal function
VD_L_PER_KG = 0.6                       # ledger B (C2)
_FRACTION_OF_CRCL = REFERENCE_CLEARANCE_L_PER_H / (REFERENCE_CRCL_ML_MIN * 0.06)


def lithium_clearance_l_per_h(crcl_ml_min: float) -> float:
    """Lithium clearance (L/h) for a creatinine clearance ``crcl_ml_min`` in [5, 200] mL/min.

    Proportional to CrCl: 1.36 L/h at 100 mL/min (Jermain et al. 1991), about 23% of CrCl.
    """
    crcl = check_number("crcl_ml_min", crcl_ml_min, 5.0, 200.0, unit="mL/min")
    return _FRACTION_OF_CRCL * crcl * 0.06


def lithium_half_life_h(crcl_ml_min: float, weight_kg: float = 70.0) -> float:
    """Elimination half-life (h) = ln 2 * Vd / CL; ``weight_kg`` in [30, 200] kg."""
    w = check_number("weight_kg", weight_kg, 30.0, 200.0, unit="kg")
    return math.log(2) * VD_L_PER_KG * w / lithium_clearance_l_per_h(crcl_ml_min)


def steady_state_average_mmol_l(daily_dose_mg: float, crcl_ml_min: float) -> float:
    """Average steady-state serum lithium (mmol/L) = dosing rate / clearance.

    ``daily_dose_mg`` of lithium carbonate in [0, 3000] mg/day. Independent of Vd and of how the
    dose is split; the 12-h trough is somewhat lower (see :func:`lithium_level_mmol_l`).
    """
    dose = check_number("daily_dose_mg", daily_dose_mg, 0.0, 3000.0, unit="mg/day")
    rate_mmol_per_h = dose * MMOL_LI_PER_MG_LI2CO3 / 24.0
    return rate_mmol_per_h / lithium_clearance_l_per_h(crcl_ml_min)


def dose_for_level_mg_per_day(target_mmol_l: float, crcl_ml_min: float) -> float:
    """Daily lithium-carbonate dose (mg/day) whose steady-state AVERAGE equals ``target_mmol_l``.

    A model exercise only: ``target_mmol_l`` in (0, 2] mmol/L. Real dosing is titrated to
    measured trough levels by a prescriber.
    """
    target = check_number("target_mmol_l", target_mmol_l, 0.0, 2.0, lo_inclusive=False, unit="mmol/L")
    cl = lithium_clearance_l_per_h(crcl_ml_min)
    return target * cl * 24.0 / MMOL_LI_PER_MG_LI2CO3


def lithium_level_mmol_l(t_h, daily_dose_mg: float, crcl_ml_min: float, weight_kg: float = 70.0,
                         doses_per_day: int = 2, ka_per_h: float = 1.0) -> np.ndarray:
    """Serum lithium (mmol/L) at times ``t_h`` (h, from the first dose) of regular dosing.

    ``daily_dose_mg`` (lithium carbonate) in [0, 3000] mg/day, split into ``doses_per_day``
    (1-4) equal doses; ``crcl_ml_min`` in [5, 200]; ``weight_kg`` in [30, 200]; ``ka_per_h``
    in (0, 20]. Uses the shared one-compartment model :func:`dmnlab.models.pk.oral_concentration`.
    """
    dose = check_number("daily_dose_mg", daily_dose_mg, 0.0, 3000.0, unit="mg/day")
    n = check_int("doses_per_day", doses_per_day, 1, 4)
    w = check_number("weight_kg", weight_kg, 30.0, 200.0, unit="kg")
    ka = check_number("ka_per_h", ka_per_h, 0.0, 20.0, lo_inclusive=False, unit="per hour")
    t_half = lithium_half_life_h(crcl_ml_min, w)
    t = np.asarray(t_h, dtype=float)
    if dose == 0:
        return np.zeros_like(t)
    mg_per_l = pk.oral_concentration(t, dose / n, 24.0 / n, None, t_half, ka, VD_L_PER_KG * w, 1.0)
    return np.asarray(mg_per_l) * MMOL_LI_PER_MG_LI2CO3


def classify_level(level_mmol_l: float) -> str:
    """Which reference band a serum level (mmol/L, in [0, 10]) falls in (teaching labels)."""
    c = check_number("level_mmol_l", level_mmol_l, 0.0, 10.0, unit="mmol/L")
    lo, hi = THERAPEUTIC_RANGE
    if c < lo:
        return "below the usual range"
    if c <= hi:
        return "within the usual range"
    if c <= TOXIC_LEVEL:
        return "above the usual range"
    if c <= SEVERE_LEVEL:
        return "toxic range"
    return "severe toxicity range"
