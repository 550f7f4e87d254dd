"""Drug interactions through metabolism: the mechanistic static model and its time course.

Pure numpy; no plotting. Every public function checks its input and raises ``ValueError`` naming
the parameter and the allowed range. Times are in hours.

The mechanistic static model
----------------------------
A drug (the *substrate*) is cleared partly by one enzyme, a fraction ``fm`` of its clearance, and
partly by other routes (``1 - fm``). If another drug (the *inhibitor*) leaves a fraction ``a`` of
that enzyme's activity, the substrate's clearance falls to ``CL (fm a + 1 - fm)``, and its exposure
(the area under the concentration-time curve, AUC, for the same dose) rises by

    AUC ratio = 1 / (fm a + (1 - fm))

For a reversible (competitive) inhibitor at concentration [I] with inhibition constant Ki,
``a = 1 / (1 + [I]/Ki)``. A genetic poor metaboliser has ``a = 0``: the ratio is then
``1 / (1 - fm)``, the largest any inhibitor of that enzyme can cause. The model assumes that
the substrate is cleared by the liver after oral dosing, that its volume of distribution does not
change and that inhibition is steady; it ignores variation between people.

Public functions
----------------
``auc_ratio(fm, remaining_activity)``
    The static model above (numbers or numpy arrays).
``activity_from_ki(inhibitor_conc, ki)``
    ``1 / (1 + [I]/Ki)`` for a reversible inhibitor.
``fm_from_clearances(cl_normal, cl_poor)``
    ``1 - CL_poor / CL_normal``: the fraction through the enzyme, read off the clearance of people
    who lack it (poor metabolisers) and people who have it.
``activity_from_metabolic_ratios(mr_before, mr_after)``
    ``MR_before / MR_after``: the remaining activity read off a probe's urinary metabolic ratio
    (for dextromethorphan/dextrorphan the ratio is inversely proportional to CYP2D6's clearance of
    the probe, other routes unchanged).
``activity_from_activity_score(activity_score, reference=2.0)``
    CYP2D6 activity relative to two fully functional alleles, assuming activity in proportion to
    the CPIC activity score (a modelling assumption).
``exposure_course(t_h, t_half_h, ratio=1.0, tau_h=24.0, ka_per_h=1.0, n_doses=None)``
    Concentration over time with repeated oral doses (``dmnlab.models.pk``), relative to the
    average steady-state level *without* the interaction; with the interaction the half-life is
    ``ratio`` times longer and the plateau ``ratio`` times higher.
``fraction_remaining_after_stop(t_h, t_half_h, t_half_metabolite_h=None)``
    The level after a constant input stops, as a fraction of the level at the moment of stopping:
    ``exp(-k t)`` for a drug, and for an active metabolite formed from it
    ``(km exp(-k t) - k exp(-km t)) / (km - k)``.
"""

from __future__ import annotations

import math

import numpy as np

from ..validate import check_array, check_number
from . import pk

__all__ = [
    "auc_ratio",
    "activity_from_ki",
    "fm_from_clearances",
    "activity_from_metabolic_ratios",
    "activity_from_activity_score",
    "half_life_with_ratio",
    "exposure_course",
    "fraction_remaining_after_stop",
]

LN2 = math.log(2.0)
_MAX_ACTIVITY = 10.0  # an ultrarapid metaboliser may have more than the reference activity


def _fraction_array(name: str, value, hi: float = 1.0, unit: str = "") -> np.ndarray | float:
    """A number or an array in [0, hi]; returns a float for a scalar input."""
    if np.ndim(value) == 0:
        return check_number(name, value, 0.0, hi, unit=unit)
    arr = check_array(name, value)
    if arr.size and (arr.min() < 0 or arr.max() > hi):
        raise ValueError(f"{name} must lie in the range [0, {hi:g}]; got min {arr.min():g}, max {arr.max():g}")
    return arr


def auc_ratio(fm, remaining_activity):
    """Exposure (AUC) ratio with / without the interaction: ``1 / (fm a + 1 - fm)``.

    fm: fraction of the substrate's clearance through the enzyme, in [0, 1];
    remaining_activity: fraction of the enzyme's activity left, in [0, 10] (0 = fully blocked or
    a poor metaboliser, 1 = unchanged, above 1 = more activity than the reference, e.g. an
    ultrarapid metaboliser). Numbers or arrays (broadcast together).
    """
    f = _fraction_array("fm", fm)
    a = _fraction_array("remaining_activity", remaining_activity, hi=_MAX_ACTIVITY)
    out = 1.0 / (np.asarray(f) * np.asarray(a) + 1.0 - np.asarray(f))
    return float(out) if np.ndim(out) == 0 else out


def activity_from_ki(inhibitor_conc, ki):
    """Remaining activity with a reversible inhibitor: ``1 / (1 + [I]/Ki)``.

    inhibitor_conc >= 0 and ki > 0, in the same unit (e.g. micromolar), each at most 1e6.
    """
    i = check_number("inhibitor_conc", inhibitor_conc, 0.0, 1e6)
    k = check_number("ki", ki, 0.0, 1e6, lo_inclusive=False)
    return 1.0 / (1.0 + i / k)


def fm_from_clearances(cl_normal, cl_poor) -> float:
    """Fraction of clearance through an enzyme from the clearance of people with and without it:
    ``1 - cl_poor / cl_normal`` (cl_normal > 0, 0 <= cl_poor <= cl_normal, at most 1e5, same unit)."""
    cn = check_number("cl_normal", cl_normal, 0.0, 1e5, lo_inclusive=False)
    cp = check_number("cl_poor", cl_poor, 0.0, 1e5)
    if cp > cn:
        raise ValueError(f"cl_poor must be at most cl_normal ({cn:g}); got {cp:g}")
    return 1.0 - cp / cn


def activity_from_metabolic_ratios(mr_before, mr_after) -> float:
    """Remaining activity from a probe's metabolic ratio before and during the inhibitor:
    ``mr_before / mr_after`` (both > 0, at most 1e4)."""
    b = check_number("mr_before", mr_before, 0.0, 1e4, lo_inclusive=False)
    a = check_number("mr_after", mr_after, 0.0, 1e4, lo_inclusive=False)
    return b / a


def activity_from_activity_score(activity_score, reference: float = 2.0) -> float:
    """Enzyme activity relative to ``reference`` (default: two fully functional CYP2D6 alleles),
    assuming activity proportional to the CPIC activity score. activity_score in [0, 6];
    reference in (0, 6]. A modelling assumption, not a measured relation."""
    s = check_number("activity_score", activity_score, 0.0, 6.0)
    r = check_number("reference", reference, 0.0, 6.0, lo_inclusive=False)
    return s / r


def half_life_with_ratio(t_half_h, ratio) -> float:
    """Half-life when clearance falls by ``ratio`` and the volume is unchanged: ``t_half_h * ratio``.
    t_half_h in (0, 8760] h; ratio in (0, 1000]."""
    t = check_number("t_half_h", t_half_h, 0.0, 8760.0, lo_inclusive=False, unit="h")
    r = check_number("ratio", ratio, 0.0, 1000.0, lo_inclusive=False)
    return t * r


def exposure_course(t_h, t_half_h, ratio=1.0, tau_h=24.0, ka_per_h=1.0, n_doses=None) -> np.ndarray:
    """Relative concentration after repeated oral doses every ``tau_h`` hours (from t = 0).

    1.0 is the average steady-state level of the substrate *without* the interaction. With an
    exposure ratio ``ratio`` (from :func:`auc_ratio`) clearance is divided by ``ratio`` at an
    unchanged volume, so the half-life becomes ``t_half_h * ratio`` and the plateau ``ratio``
    times higher. Uses :func:`dmnlab.models.pk.oral_concentration`.

    t_h: times in hours (1-D, in [0, 43800]); t_half_h in (0, 8760]; ratio in (0, 1000];
    tau_h in (0, 8760]; ka_per_h in (0, 1000]; n_doses None (dosing continues) or 1-100000.
    """
    t_half = check_number("t_half_h", t_half_h, 0.0, 8760.0, lo_inclusive=False, unit="h")
    r = check_number("ratio", ratio, 0.0, 1000.0, lo_inclusive=False)
    tau = check_number("tau_h", tau_h, 0.0, 8760.0, lo_inclusive=False, unit="h")
    # unit dose in a unit volume: the uninhibited steady-state average is D / (k V tau) = 1 / (k tau)
    conc = pk.oral_concentration(t_h, 1.0, tau, n_doses, t_half * r, ka_per_h, 1.0)
    k = LN2 / t_half
    return conc * k * tau


def fraction_remaining_after_stop(t_h, t_half_h, t_half_metabolite_h=None) -> np.ndarray:
    """Level after a steady, constant input stops at t = 0, as a fraction of the level at t = 0.

    Drug: ``exp(-k t)``. With ``t_half_metabolite_h``: the level of a metabolite formed from the
    drug, ``(km exp(-k t) - k exp(-km t)) / (km - k)``, which falls with the slower of the two
    half-lives (fluoxetine's norfluoxetine, venlafaxine's O-desmethylvenlafaxine).

    t_h: times in hours (>= 0, 1-D); half-lives in (0, 8760] h.
    """
    t = check_array("t_h", t_h)
    t = np.atleast_1d(t)
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"t_h must be a 1-D array of times in hours; got shape {t.shape}")
    if t.min() < 0:
        raise ValueError(f"t_h must be >= 0 h; got min {t.min():g}")
    k = LN2 / check_number("t_half_h", t_half_h, 0.0, 8760.0, lo_inclusive=False, unit="h")
    if t_half_metabolite_h is None:
        return np.exp(-k * t)
    km = LN2 / check_number("t_half_metabolite_h", t_half_metabolite_h, 0.0, 8760.0, lo_inclusive=False, unit="h")
    if abs(km - k) <= 1e-9 * max(k, km):  # equal half-lives: the limit (1 + k t) exp(-k t)
        return (1.0 + k * t) * np.exp(-k * t)
    return (km * np.exp(-k * t) - k * np.exp(-km * t)) / (km - k)
