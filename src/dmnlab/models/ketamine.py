"""Ketamine: plasma levels, NMDA-receptor block, the disinhibition hypothesis and a plasticity
cascade. Every function here is a MODEL OF A HYPOTHESIS, not data.

Three models, each a pure function of numbers (no plotting, no widgets):

1. **Pharmacokinetics** (:func:`plasma_concentration`): 0.5 mg/kg IV over 40 minutes into a
   two-compartment model, computed with the course's shared
   :func:`dmnlab.models.pk.infusion_two_compartment`. Clearance (79 L/h per 70 kg) and total
   volume of distribution (252 L per 70 kg) are the weighted means of the meta-analysis of
   Kamp et al. (2020, Anesthesiology 133:1192-1213). That paper reports totals, not a
   two-compartment split, so the split (V1 = 100 L, V2 = 152 L, Q = 200 L/h per 70 kg) is a
   choice of this course: it keeps Kamp's totals and makes the model reproduce the
   end-of-infusion level of about 185 ng/mL reported for this regimen (Zarate 2006, tabulated
   by Zanos et al. 2018, Pharmacol Rev). The terminal half-life it then gives (about 2.6 h)
   is an independent check against the 2.5-3 h usually quoted.

2. **Disinhibition circuit** (:func:`circuit_steady_state`): a rate model of a pyramidal
   population E inhibited by an interneuron population I, with NMDA-receptor drive to both.
   Fraction of NMDA receptors blocked = C / (C + Ki). Ki for racemic ketamine (0.49 uM) is
   derived from the [3H]MK-801 displacement constants of the enantiomers, S 0.3 uM and
   R 1.4 uM (Ebert et al. 1997, Eur J Pharmacol), for a 50:50 mixture competing for one site.
   The hypothesis (Homayoun & Moghaddam 2007) says tonically active interneurons are blocked
   more; the model expresses this as an interneuron Ki divided by ``interneuron_preference``
   (default 4). That factor is an ASSUMPTION standing for use-dependent channel block; it has
   not been measured. Rates are in arbitrary units; outputs are reported relative to baseline.

3. **Plasticity cascade** (:func:`plasticity_cascade`): glutamate burst -> BDNF -> mTORC1 ->
   synaptic proteins -> extra dendritic spines (as a fraction of a ceiling), with decay.
   A CONCEPTUAL model: its time constants are orders of magnitude taken from the animal
   experiments cited in chapter 5 (rapid BDNF translation, Autry et al. 2011; rapid mTORC1
   activation and synaptic proteins, then new spines within a day, Li et al. 2010; spine
   density raised for up to two weeks after one dose in mouse frontal cortex,
   Phoumthipphavong et al. 2016). Its units are arbitrary and it predicts no clinical score.

Concentrations: mg/L in the PK functions (1 mg/L = 1000 ng/mL), micromolar (uM) in the
circuit (ketamine free base, 237.73 g/mol: 185 ng/mL = 0.78 uM).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ..validate import check_array, check_choice, check_number
from . import pk

__all__ = [
    "MW_KETAMINE",
    "PK_PARAMS_70KG",
    "KI_S_UM",
    "KI_R_UM",
    "ki_racemic_um",
    "ng_per_ml_to_um",
    "um_to_ng_per_ml",
    "infusion_regimen",
    "plasma_concentration",
    "nmda_block",
    "circuit_steady_state",
    "glutamate_burst",
    "dose_schedule",
    "plasticity_cascade",
    "CIRCUIT_PARAMS",
    "CASCADE_PARAMS",
    "SCHEDULES",
    "time_above",
]

#: Molar mass of ketamine free base (C13H16ClNO), g/mol.
MW_KETAMINE = 237.73

#: Two-compartment parameters per 70 kg. CL and V1 + V2 (= Vss 252 L) from Kamp et al. 2020
#: (meta-analysis, weighted means); the split V1/V2/Q is this course's calibration (see module
#: docstring).
PK_PARAMS_70KG = {"cl_l_per_h": 79.0, "v1_l": 100.0, "q_l_per_h": 200.0, "v2_l": 152.0}

#: [3H]MK-801 displacement constants (uM), rat brain: Ebert et al. 1997.
KI_S_UM = 0.3
KI_R_UM = 1.4

#: Circuit parameters (arbitrary rate units). h: NMDA-independent drive; a: NMDA-dependent
#: drive; w_ei: inhibition of E by I; w_ie: NMDA-mediated excitation of I by E.
CIRCUIT_PARAMS = {"h_e": 0.6, "a_e": 2.0, "h_i": 0.2, "a_i": 1.5, "w_ei": 1.0, "w_ie": 0.5}

#: Cascade time constants (hours) and gains. Orders of magnitude from the cited experiments.
CASCADE_PARAMS = {
    "tau_bdnf_h": 1.0,      # BDNF translation within the first hour (Autry 2011)
    "tau_mtor_h": 1.0,      # mTORC1 activated rapidly (Li 2010)
    "tau_protein_h": 12.0,  # synaptic proteins, then spines, within about a day (Li 2010)
    "gain": 1.2,            # sets a single dose's spine peak to about 0.4 of the ceiling
}

_MAX_CONC_UM = 1000.0


# --------------------------------------------------------------------------- units
def ng_per_ml_to_um(conc_ng_per_ml) -> float | np.ndarray:
    """Ketamine ng/mL -> micromolar (free base, 237.73 g/mol). Input >= 0 (scalar or array)."""
    c = check_array("conc_ng_per_ml", conc_ng_per_ml)
    if np.any(c < 0):
        raise ValueError("conc_ng_per_ml must be >= 0")
    out = c / MW_KETAMINE
    return float(out) if out.ndim == 0 else out


def um_to_ng_per_ml(conc_um) -> float | np.ndarray:
    """Ketamine micromolar -> ng/mL (free base). Input >= 0 (scalar or array)."""
    c = check_array("conc_um", conc_um)
    if np.any(c < 0):
        raise ValueError("conc_um must be >= 0")
    out = c * MW_KETAMINE
    return float(out) if out.ndim == 0 else out


def ki_racemic_um(ki_s_um=KI_S_UM, ki_r_um=KI_R_UM) -> float:
    """Apparent Ki (uM) of a 50:50 racemate whose enantiomers compete for one site:
    1 / (0.5 / Ki_S + 0.5 / Ki_R). With Ebert et al. (1997): 0.49 uM.

    ki_s_um, ki_r_um in (0, 1000] uM.
    """
    ks = check_number("ki_s_um", ki_s_um, 0.0, 1000.0, lo_inclusive=False, unit="uM")
    kr = check_number("ki_r_um", ki_r_um, 0.0, 1000.0, lo_inclusive=False, unit="uM")
    return 1.0 / (0.5 / ks + 0.5 / kr)


# --------------------------------------------------------------------------- PK
def infusion_regimen(dose_mg_per_kg=0.5, duration_min=40.0, weight_kg=70.0) -> dict:
    """The infusion as rate and duration: dose_mg_per_kg in (0, 5], duration_min in [1, 240],
    weight_kg in [30, 200]. Returns {"dose_mg", "rate_mg_per_h", "duration_h"}."""
    d = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, 5.0, lo_inclusive=False, unit="mg/kg")
    m = check_number("duration_min", duration_min, 1.0, 240.0, unit="min")
    w = check_number("weight_kg", weight_kg, 30.0, 200.0, unit="kg")
    dose = d * w
    return {"dose_mg": dose, "rate_mg_per_h": dose / (m / 60.0), "duration_h": m / 60.0}


def plasma_concentration(t_h, dose_mg_per_kg=0.5, duration_min=40.0, weight_kg=70.0) -> np.ndarray:
    """MODEL: plasma ketamine (ng/mL) at times ``t_h`` (hours from the start of the infusion).

    Zero-order infusion into the two-compartment model of :data:`PK_PARAMS_70KG`, volumes and
    clearances scaled in proportion to body weight. Uses
    :func:`dmnlab.models.pk.infusion_two_compartment`. Parameters as :func:`infusion_regimen`;
    t_h a 1-D array of hours in [0, 43800].
    """
    reg = infusion_regimen(dose_mg_per_kg, duration_min, weight_kg)
    scale = float(weight_kg) / 70.0
    p = {k: v * scale for k, v in PK_PARAMS_70KG.items()}
    mg_per_l = pk.infusion_two_compartment(t_h, reg["rate_mg_per_h"], reg["duration_h"], **p)
    return 1000.0 * mg_per_l


# --------------------------------------------------------------------------- circuit
def nmda_block(conc_um, ki_um=None) -> float | np.ndarray:
    """MODEL: fraction of NMDA receptors blocked, C / (C + Ki), for a concentration in uM.

    conc_um >= 0 (scalar or array, at most 1000 uM); ki_um in (0, 1000] uM, default the
    racemic value of :func:`ki_racemic_um` (0.49 uM). Treats plasma concentration as the
    concentration at the receptor: a simplification (protein binding and brain uptake are
    ignored).
    """
    c = check_array("conc_um", conc_um)
    if np.any(c < 0) or np.any(c > _MAX_CONC_UM):
        raise ValueError(f"conc_um must be in the range [0, {_MAX_CONC_UM:g}] uM")
    ki = ki_racemic_um() if ki_um is None else check_number("ki_um", ki_um, 0.0, 1000.0,
                                                          lo_inclusive=False, unit="uM")
    out = c / (c + ki)
    return float(out) if out.ndim == 0 else out


def _steady(conc_um: np.ndarray, pref: float, p: dict):
    ki = ki_racemic_um()
    b_e = conc_um / (conc_um + ki)
    b_i = conc_um / (conc_um + ki / pref)
    c_i = p["h_i"] + p["a_i"] * (1.0 - b_i)       # interneuron input without feedback from E
    k_i = p["w_ie"] * (1.0 - b_i)                  # NMDA-mediated E -> I excitation
    c_e = p["h_e"] + p["a_e"] * (1.0 - b_e)
    e = np.maximum((c_e - p["w_ei"] * c_i) / (1.0 + p["w_ei"] * k_i), 0.0)
    i = c_i + k_i * e
    return e, i, b_e, b_i


def circuit_steady_state(conc_um, interneuron_preference=4.0) -> dict:
    """MODEL of the disinhibition hypothesis: steady-state rates of a pyramidal (E) and an
    interneuron (I) population for a ketamine concentration.

        I = h_i + a_i (1 - b_I) + w_ie (1 - b_I) E
        E = max(0, h_e + a_e (1 - b_E) - w_ei I)

    b_E, b_I: NMDA block in each population (:func:`nmda_block`; the interneurons' Ki is
    divided by ``interneuron_preference``, the hypothesis' preferential block of tonically
    active interneurons; 1 means no preference). Parameters :data:`CIRCUIT_PARAMS`.

    conc_um in [0, 1000] uM (scalar or array); interneuron_preference in [1, 20].
    Returns arrays (or floats) ``e_rel``, ``i_rel`` (rates relative to drug-free baseline),
    ``block_e``, ``block_i``.
    Checked (tests/test_ch05_ketamine.py) against the shapes reported by Homayoun & Moghaddam
    (2007: interneurons slow, pyramidal neurons speed up) and Moghaddam et al. (1997:
    subanaesthetic doses raise prefrontal glutamate, an anaesthetic dose lowers it).
    """
    c = check_array("conc_um", conc_um)
    if np.any(c < 0) or np.any(c > _MAX_CONC_UM):
        raise ValueError(f"conc_um must be in the range [0, {_MAX_CONC_UM:g}] uM")
    pref = check_number("interneuron_preference", interneuron_preference, 1.0, 20.0)
    e0, i0, _, _ = _steady(np.zeros(1), pref, CIRCUIT_PARAMS)
    e, i, be, bi = _steady(c, pref, CIRCUIT_PARAMS)
    out = {"e_rel": e / e0[0], "i_rel": i / i0[0], "block_e": be, "block_i": bi}
    if c.ndim == 0:
        out = {k: float(v) for k, v in out.items()}
    return out


def glutamate_burst(conc_um, interneuron_preference=4.0) -> float | np.ndarray:
    """MODEL: the 'glutamate burst', pyramidal output above baseline, max(E/E0 - 1, 0).
    Arguments as :func:`circuit_steady_state`."""
    e = circuit_steady_state(conc_um, interneuron_preference)["e_rel"]
    return np.maximum(np.asarray(e) - 1.0, 0.0) if np.ndim(e) else max(e - 1.0, 0.0)


# --------------------------------------------------------------------------- cascade
SCHEDULES = ("single", "induction")


def dose_schedule(schedule: str) -> tuple:
    """Dose times in days. "single": one dose at day 0. "induction": twice a week for four
    weeks (days 0, 3, 7, 10, 14, 17, 21, 24), the induction phase of the esketamine label."""
    check_choice("schedule", schedule, SCHEDULES)
    return (0.0,) if schedule == "single" else (0.0, 3.0, 7.0, 10.0, 14.0, 17.0, 21.0, 24.0)


@functools.lru_cache(maxsize=64)
def _cascade(schedule: str, tau_spine_days: float, days: float, dt_h: float) -> dict:
    t = np.arange(0.0, days * 24.0 + dt_h / 2, dt_h)
    conc = np.zeros_like(t)
    for d in dose_schedule(schedule):
        shifted = t - d * 24.0
        on = shifted >= 0
        if on.any():
            conc[on] += plasma_concentration(shifted[on])
    burst = glutamate_burst(conc / MW_KETAMINE)
    p = CASCADE_PARAMS
    n = t.size
    bdnf = np.zeros(n)
    mtor = np.zeros(n)
    prot = np.zeros(n)
    spine = np.zeros(n)
    tau_s = tau_spine_days * 24.0
    eb, em, ep = (math.exp(-dt_h / p[k]) for k in ("tau_bdnf_h", "tau_mtor_h", "tau_protein_h"))
    es = math.exp(-dt_h / tau_s)
    b = m = q = s = 0.0
    g = p["gain"]
    for k in range(1, n):
        b = b * eb + (1 - eb) * burst[k]
        m = m * em + (1 - em) * b
        q = q * ep + (1 - ep) * m
        # spines: formation driven by synaptic proteins toward a ceiling of 1, first-order loss
        s = s * es + dt_h * g / p["tau_protein_h"] * q * (1.0 - s)
        bdnf[k], mtor[k], prot[k], spine[k] = b, m, q, s
    return {"t_h": t, "plasma_ng_per_ml": conc, "burst": burst, "bdnf": bdnf, "mtorc1": mtor,
            "proteins": prot, "spines": np.clip(spine, 0.0, 1.0)}


def plasticity_cascade(schedule="single", tau_spine_days=5.0, days=42.0, dt_h=0.25) -> dict:
    """CONCEPTUAL MODEL: glutamate burst -> BDNF -> mTORC1 -> synaptic proteins -> spines.

    Each dose is the 0.5 mg/kg, 40-minute infusion of :func:`plasma_concentration`; plasma
    level drives the circuit's glutamate burst (:func:`glutamate_burst`, quasi-steady state),
    which drives three first-order stages (time constants in :data:`CASCADE_PARAMS`) and then
    spine formation toward a ceiling (1 = the most extra spines the model allows), with loss
    time constant ``tau_spine_days``. With "induction" the same infusion is simply repeated on
    the esketamine induction days: esketamine's nasal pharmacokinetics are not modelled.

    schedule in {"single", "induction"}; tau_spine_days in [1, 20]; days in [1, 90];
    dt_h in [0.05, 1]. Returns arrays keyed ``t_h``, ``plasma_ng_per_ml``, ``burst``,
    ``bdnf``, ``mtorc1``, ``proteins``, ``spines`` (copies; safe to modify).
    """
    check_choice("schedule", schedule, SCHEDULES)
    tau = check_number("tau_spine_days", tau_spine_days, 1.0, 20.0, unit="days")
    d = check_number("days", days, 1.0, 90.0, unit="days")
    dt = check_number("dt_h", dt_h, 0.05, 1.0, unit="h")
    res = _cascade(schedule, round(tau, 6), round(d, 6), round(dt, 6))
    return {k: v.copy() for k, v in res.items()}


def time_above(t_h, y, level) -> float:
    """Hours during which ``y`` exceeds ``level`` (t_h, y: 1-D arrays of equal length, t_h
    increasing; level a finite number)."""
    t = check_array("t_h", t_h, ndim=1)
    v = check_array("y", y, ndim=1)
    if t.shape != v.shape:
        raise ValueError(f"y must have the same length as t_h ({t.size}); got {v.size}")
    if t.size < 2 or np.any(np.diff(t) <= 0):
        raise ValueError("t_h must hold at least 2 strictly increasing times")
    lv = check_number("level", level)
    dt = np.diff(t)
    return float(np.sum(dt * (v[:-1] > lv)))
