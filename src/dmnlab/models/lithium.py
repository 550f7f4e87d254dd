"""Lithium: a teaching model of serum level against dose and kidney function.

A MODEL FOR TEACHING, NOT FOR DOSING. Real lithium is dosed by a prescriber from measured
levels (blood drawn 8-12 hours after the last dose), kidney and thyroid tests, and the person's
clinical state.

The model
---------
* Lithium is an ion: it is not metabolised and is cleared by the kidney. Its clearance is a
  fixed fraction of the glomerular filtration rate, here of creatinine clearance (CrCl), because
  most filtered lithium is reabsorbed with sodium in the proximal tubule.
* Both parameters come from one population-pharmacokinetic study of 79 psychiatric inpatients
  with normal renal function (Jermain et al. 1991, Clin Pharm 10:376; PubMed abstract): mean
  clearance 1.36 L/h and volume of distribution 32.8 L. The clearance is placed at a CrCl of
  100 mL/min (this model's assumption for "normal renal function"), which makes lithium clearance
  about 23% of CrCl; the volume is taken for a 70 kg adult and scaled with body weight (also an
  assumption). The resulting half-life, ln 2 x 32.8 / 1.36 = 16.7 h, lies inside the 8-20 h of
  the RCPA Manual (tests/test_ch06_models.py checks it).
* One compartment, first-order absorption (``ka`` 1 per hour, an assumption matching a peak
  0.5-2 h after an immediate-release dose), bioavailability 1 (not checked).
* Lithium carbonate (Li2CO3, 73.89 g/mol) carries 2 mmol of lithium per 73.89 mg, so 300 mg is
  8.12 mmol.

Reference values (RCPA Manual, "Lithium - serum", read 2026-11-28; data/facts.csv lithium_*):
0.6-1.2 mmol/L for blood drawn 8-12 h after the dose; above 1.5 mmol/L stop lithium and assess
for toxicity; above 1.9 mmol/L toxic (above 1.2 mmol/L may be toxic in older patients). The US
label's boxed warning says toxicity can occur at doses close to therapeutic concentrations.

What the model leaves out (and why real levels differ): sodium depletion, dehydration,
vomiting or diarrhoea; drugs that lower lithium clearance (the US labeling lists NSAIDs, ACE
inhibitors, angiotensin-receptor blockers and diuretics); age; pregnancy; the slow distribution
into tissues (a two-compartment drug); variability between people (Jermain's clearance CV about
24%).
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
    "STOP_LEVEL",
    "TOXIC_LEVEL",
    "REFERENCE_CRCL_ML_MIN",
    "REFERENCE_CLEARANCE_L_PER_H",
    "REFERENCE_VOLUME_L",
    "REFERENCE_WEIGHT_KG",
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
THERAPEUTIC_RANGE = (0.6, 1.2)          # mmol/L, blood drawn 8-12 h after the dose (RCPA Manual)
STOP_LEVEL = 1.5                        # mmol/L: RCPA Manual: above it, stop lithium and assess for toxicity
TOXIC_LEVEL = 1.9                       # mmol/L: RCPA Manual: toxic above it (above 1.2 may be toxic in older people)
REFERENCE_CRCL_ML_MIN = 100.0           # model assumption: "normal renal function"
REFERENCE_CLEARANCE_L_PER_H = 1.36      # Jermain et al. 1991, mean in normal renal function
REFERENCE_VOLUME_L = 32.8               # Jermain et al. 1991, mean volume of distribution
REFERENCE_WEIGHT_KG = 70.0              # model assumption: the volume above belongs to a 70 kg adult
VD_L_PER_KG = REFERENCE_VOLUME_L / REFERENCE_WEIGHT_KG   # 0.47 L/kg
_FRACTION_OF_CRCL = REFERENCE_CLEARANCE_L_PER_H / (REFERENCE_CRCL_ML_MIN * 0.06)


def lithium_clearance_l_per_h(crcl_ml_min: float) -> float:
    """Lithium clearance (L/h) for a creatinine clearance ``crcl_ml_min`` in [5, 200] mL/min.

    Proportional to CrCl: 1.36 L/h at 100 mL/min (Jermain et al. 1991), about 23% of CrCl.
    """
    crcl = check_number("crcl_ml_min", crcl_ml_min, 5.0, 200.0, unit="mL/min")
    return _FRACTION_OF_CRCL * crcl * 0.06


def lithium_half_life_h(crcl_ml_min: float, weight_kg: float = 70.0) -> float:
    """Elimination half-life (h) = ln 2 * Vd / CL; ``weight_kg`` in [30, 200] kg.

    Vd = 32.8 L (Jermain et al. 1991) for 70 kg, scaled with weight: 16.7 h at CrCl 100 mL/min.
    """
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
    """Which reference band a serum level (mmol/L, in [0, 10]) falls in (RCPA Manual values;
    teaching labels, not a clinical rule)."""
    c = check_number("level_mmol_l", level_mmol_l, 0.0, 10.0, unit="mmol/L")
    lo, hi = THERAPEUTIC_RANGE
    if c < lo:
        return "below the usual range"
    if c <= hi:
        return "within the usual range"
    if c <= STOP_LEVEL:
        return "above the usual range"
    if c <= TOXIC_LEVEL:
        return "above 1.5: stop and assess (RCPA)"
    return "toxic range (above 1.9, RCPA)"
