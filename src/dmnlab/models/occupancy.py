"""Receptor and transporter occupancy: what fraction of a target a drug binds.

Pure numpy; no plotting. Every public function checks its input and raises ``ValueError``
naming the parameter and the allowed range.

Public functions
----------------
``occupancy(conc_nM, ki_nM)``
    Law of mass action at equilibrium, one site, no competing ligand: C / (C + Ki), with C the
    *free* concentration at the target. Returns a fraction in [0, 1).
``free_concentration_nM(conc_mg_per_l, mw_g_per_mol, fraction_unbound)``
    Total plasma concentration in mg/L -> free (unbound) concentration in nM:
    C_mg/L * 1e6 / MW * fu.
``occupancy_from_dose(dose_mg, ed50_mg, emax=1.0)``
    Hyperbolic dose-occupancy curve Emax * D / (D + ED50), the form PET studies fit to
    occupancy against dose.
``dose_for_occupancy(target, ed50_mg, emax=1.0)``
    Its inverse: the dose giving occupancy ``target`` (< emax).
``concentration_for_occupancy(target, ki_nM)``
    The free concentration giving occupancy ``target``: Ki * target / (1 - target).
``ng_per_ml_to_nM(level_ng_ml, mw_g_per_mol)``
    A mass concentration in ng/mL (= ug/L) as a molar one in nM: ng/mL / MW * 1000.
``total_level_for_occupancy_ng_ml(target, ki_nM, mw_g_per_mol, fraction_unbound)``
    The total plasma level (ng/mL) whose free part gives occupancy ``target`` (chapter 6).

Caveats, stated once here and in the chapter: plasma free concentration is only a proxy for
the free concentration at a brain transporter; Ki values measured in vitro (membranes, buffer,
temperature, radioligand) differ from in-vivo affinity, often by several-fold. Chapter 4 checks
the model against PET (Meyer et al. 2004, Am J Psychiatry 161:826) in ``tests/test_ch04_occupancy.py``.
"""

from __future__ import annotations

import numpy as np

from ..validate import check_array, check_number

__all__ = [
    "occupancy",
    "free_concentration_nM",
    "occupancy_from_dose",
    "dose_for_occupancy",
    "concentration_for_occupancy",
    "ng_per_ml_to_nM",
    "total_level_for_occupancy_ng_ml",
]


def _nonneg(name: str, value, hi: float, unit: str):
    """A non-negative number or array of them (<= hi); returns (array, was_scalar)."""
    scalar = np.ndim(value) == 0
    if scalar:
        return np.asarray(check_number(name, value, 0.0, hi, unit=unit)), True
    arr = check_array(name, value)
    if arr.size and (np.any(arr < 0) or np.any(arr > hi)):
        raise ValueError(f"{name} must lie in the range [0, {hi:g}] {unit}; got min {arr.min():g}, max {arr.max():g}")
    return arr, False


def _out(x: np.ndarray, scalar: bool):
    return float(x) if scalar else x


def occupancy(conc_nM, ki_nM):
    """Fraction of sites bound at equilibrium: C / (C + Ki).

    conc_nM: free concentration(s) in nM, each in [0, 1e9]; ki_nM: the equilibrium
    dissociation constant (K_i or K_D) in (0, 1e7] nM.
    Returns a float for a scalar input, an array otherwise.
    """
    c, scalar = _nonneg("conc_nM", conc_nM, 1e9, "nM")
    ki = check_number("ki_nM", ki_nM, 0.0, 1e7, lo_inclusive=False, unit="nM")
    return _out(c / (c + ki), scalar)


def free_concentration_nM(conc_mg_per_l, mw_g_per_mol, fraction_unbound):
    """Unbound concentration in nM from a total plasma concentration in mg/L.

    nM = mg/L * 1e6 / MW * fu. conc_mg_per_l in [0, 1e4] mg/L; mw_g_per_mol in (0, 1e6];
    fraction_unbound in (0, 1]. (1 ng/mL = 0.001 mg/L.)
    """
    c, scalar = _nonneg("conc_mg_per_l", conc_mg_per_l, 1e4, "mg/L")
    mw = check_number("mw_g_per_mol", mw_g_per_mol, 0.0, 1e6, lo_inclusive=False, unit="g/mol")
    fu = check_number("fraction_unbound", fraction_unbound, 0.0, 1.0, lo_inclusive=False)
    return _out(c * 1e6 / mw * fu, scalar)


def occupancy_from_dose(dose_mg, ed50_mg, emax=1.0):
    """Hyperbolic dose-occupancy curve: emax * D / (D + ED50).

    dose_mg in [0, 1e5] mg (scalar or array); ed50_mg in (0, 1e5] mg; emax in (0, 1].
    """
    d, scalar = _nonneg("dose_mg", dose_mg, 1e5, "mg")
    ed50 = check_number("ed50_mg", ed50_mg, 0.0, 1e5, lo_inclusive=False, unit="mg")
    emax = check_number("emax", emax, 0.0, 1.0, lo_inclusive=False)
    return _out(emax * d / (d + ed50), scalar)


def dose_for_occupancy(target, ed50_mg, emax=1.0) -> float:
    """Dose (mg) at which :func:`occupancy_from_dose` equals ``target``: ED50 * t / (emax - t).

    target in (0, emax); ed50_mg in (0, 1e5]; emax in (0, 1].
    """
    ed50 = check_number("ed50_mg", ed50_mg, 0.0, 1e5, lo_inclusive=False, unit="mg")
    emax = check_number("emax", emax, 0.0, 1.0, lo_inclusive=False)
    t = check_number("target", target, 0.0, emax, lo_inclusive=False, hi_inclusive=False)
    return float(ed50 * t / (emax - t))


def concentration_for_occupancy(target, ki_nM) -> float:
    """Free concentration (nM) giving occupancy ``target``: Ki * t / (1 - t).

    target in (0, 1); ki_nM in (0, 1e7].
    """
    ki = check_number("ki_nM", ki_nM, 0.0, 1e7, lo_inclusive=False, unit="nM")
    t = check_number("target", target, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    return float(ki * t / (1.0 - t))


def ng_per_ml_to_nM(level_ng_ml, mw_g_per_mol):
    """A concentration in ng/mL as nM: ng/mL = ug/L, divided by g/mol gives umol/L, times 1000 nM.

    level_ng_ml in [0, 1e7] (scalar or array); mw_g_per_mol in (0, 1e6].
    """
    c, scalar = _nonneg("level_ng_ml", level_ng_ml, 1e7, "ng/mL")
    mw = check_number("mw_g_per_mol", mw_g_per_mol, 0.0, 1e6, lo_inclusive=False, unit="g/mol")
    return _out(c / mw * 1000.0, scalar)


def total_level_for_occupancy_ng_ml(target, ki_nM, mw_g_per_mol, fraction_unbound) -> float:
    """Total plasma level (ng/mL) whose free part occupies the fraction ``target`` of a site.

    Free concentration needed: Ki * t / (1 - t) (nM); total = free / fu, converted to ng/mL with
    the molar mass. target in (0, 1); ki_nM in (0, 1e7]; mw_g_per_mol in (0, 1e6];
    fraction_unbound in (0, 1].
    """
    free = concentration_for_occupancy(target, ki_nM)
    mw = check_number("mw_g_per_mol", mw_g_per_mol, 0.0, 1e6, lo_inclusive=False, unit="g/mol")
    fu = check_number("fraction_unbound", fraction_unbound, 0.0, 1.0, lo_inclusive=False)
    return float(free / fu * mw / 1000.0)
