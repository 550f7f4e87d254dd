"""A serotonin neuron with 5-HT1A autoreceptor feedback that desensitises: a model of ONE
hypothesis for the therapeutic delay of SSRIs (Blier & de Montigny).

This is a *model*, not data. It encodes the account of Blier and de Montigny (Blier & de
Montigny 1994, Trends Pharmacol Sci 15:220; Blier et al. 1998, Ann N Y Acad Sci 861:204):
an SSRI blocks SERT at once; serotonin rises around the raphe cell bodies, activates
somatodendritic 5-HT1A autoreceptors and slows raphe firing, so the rise in forebrain
serotonin is blunted; over about two to three weeks the autoreceptors desensitise, firing
recovers and forebrain serotonin rises further. The account is contested (Commons & Linnros
2019, ACS Chem Neurosci 10:3048): feedback by remaining autoreceptors persists and other slow
adaptations (plasticity) may explain the delay.

All quantities are relative to the drug-free baseline (1.0). Time is in days.

Public functions
----------------
``reuptake_gain(occupancy, non_sert_fraction=0.2)``
    How much extracellular serotonin per spike rises when a fraction ``occupancy`` of SERT is
    blocked: 1 / ((1 - b)(1 - occupancy) + b), b = share of clearance not through SERT.
``raphe_firing(gain, sensitivity, feedback=3.0)``
    Steady firing with autoreceptor feedback: F = (1 + w) / (1 + w * a * F * gain), solved
    exactly (F = 1 at baseline).
``ssri_time_course(days=42.0, tau_des_days=7.0, occupancy_max=0.8, tau_occ_days=1.0,
non_sert_fraction=0.2, feedback=3.0, dt_days=0.05)``
    SSRI started on day 0: SERT occupancy, autoreceptor sensitivity, raphe firing and forebrain
    serotonin over time (dict of arrays).

Parameters and where they come from: occupancy plateau 0.8 (PET, Meyer et al. 2004, Am J
Psychiatry 161:826); desensitisation over 2-3 weeks (Blier et al. 1998), so tau_des ~ 7 days
puts 95% of the change at 3 tau = 3 weeks; the feedback gain w, the non-SERT clearance share b
and the occupancy time constant are model assumptions, chosen for illustration. Desensitisation
is homeostatic here: sensitivity relaxes toward 1/gain, the value at which autoreceptor
activation (and so firing) is back to baseline, as the electrophysiology described by Blier and
colleagues reports for raphe firing after about 2-3 weeks.
"""

from __future__ import annotations

import math

import numpy as np

from ..validate import check_number

__all__ = ["reuptake_gain", "raphe_firing", "ssri_time_course"]


def reuptake_gain(occupancy, non_sert_fraction=0.2) -> float:
    """Extracellular serotonin per spike relative to baseline when ``occupancy`` of SERT is
    blocked: 1 / ((1 - b)(1 - occupancy) + b). occupancy in [0, 1); non_sert_fraction b in
    (0, 1]."""
    o = check_number("occupancy", occupancy, 0.0, 1.0, hi_inclusive=False)
    b = check_number("non_sert_fraction", non_sert_fraction, 0.0, 1.0, lo_inclusive=False)
    return 1.0 / ((1.0 - b) * (1.0 - o) + b)


def _firing(gain, sens, w):
    """Positive root of w*a*g*F^2 + F - (1 + w) = 0 (vectorised; gain, sens > 0)."""
    q = w * sens * gain
    return (-1.0 + np.sqrt(1.0 + 4.0 * q * (1.0 + w))) / (2.0 * q)


def raphe_firing(gain, sensitivity, feedback=3.0) -> float:
    """Raphe firing relative to baseline with 5-HT1A autoreceptor feedback.

    Firing F is inhibited by autoreceptor activation a * S, where somatodendritic serotonin
    S = F * gain: F = (1 + w) / (1 + w a F gain). gain in [1, 1000]; sensitivity a in (0, 1];
    feedback w in (0, 100]. Returns F (1.0 at gain = a = 1).
    """
    g = check_number("gain", gain, 1.0, 1000.0)
    a = check_number("sensitivity", sensitivity, 0.0, 1.0, lo_inclusive=False)
    w = check_number("feedback", feedback, 0.0, 100.0, lo_inclusive=False)
    return float(_firing(g, a, w))


def ssri_time_course(days=42.0, tau_des_days=7.0, occupancy_max=0.8, tau_occ_days=1.0,
                     non_sert_fraction=0.2, feedback=3.0, dt_days=0.05) -> dict:
    """Time course after an SSRI is started on day 0 (model; all values relative to baseline).

    SERT occupancy rises as occupancy_max (1 - exp(-t / tau_occ)); reuptake gain follows it;
    autoreceptor sensitivity a relaxes toward 1/gain with time constant tau_des (exact
    exponential step); firing and serotonin follow at once (they are fast compared with days).

    Parameters: days in (0, 365]; tau_des_days in [0.5, 100]; occupancy_max in [0, 0.99];
    tau_occ_days in (0, 30]; non_sert_fraction in (0, 1]; feedback in (0, 100];
    dt_days in [0.001, 1].

    Returns a dict of arrays: ``t`` (days), ``occupancy``, ``gain``, ``sensitivity``,
    ``firing`` (raphe), ``raphe_5ht`` (somatodendritic) and ``forebrain_5ht``.
    """
    T = check_number("days", days, 0.0, 365.0, lo_inclusive=False, unit="days")
    tau_d = check_number("tau_des_days", tau_des_days, 0.5, 100.0, unit="days")
    omax = check_number("occupancy_max", occupancy_max, 0.0, 0.99)
    tau_o = check_number("tau_occ_days", tau_occ_days, 0.0, 30.0, lo_inclusive=False, unit="days")
    b = check_number("non_sert_fraction", non_sert_fraction, 0.0, 1.0, lo_inclusive=False)
    w = check_number("feedback", feedback, 0.0, 100.0, lo_inclusive=False)
    dt = check_number("dt_days", dt_days, 0.001, 1.0, unit="days")
    n = int(math.ceil(T / dt)) + 1
    t = np.linspace(0.0, T, n)
    occ = omax * (1.0 - np.exp(-t / tau_o))
    gain = 1.0 / ((1.0 - b) * (1.0 - occ) + b)
    target = 1.0 / gain
    sens = np.empty(n)
    sens[0] = 1.0
    decay = np.exp(-np.diff(t) / tau_d)
    # exact step for da/dt = (target - a)/tau with target held at its mid-step value
    mid = 0.5 * (target[1:] + target[:-1])
    for i in range(n - 1):
        sens[i + 1] = mid[i] + (sens[i] - mid[i]) * decay[i]
    firing = _firing(gain, sens, w)
    return {
        "t": t,
        "occupancy": occ,
        "gain": gain,
        "sensitivity": sens,
        "firing": firing,
        "raphe_5ht": firing * gain,
        "forebrain_5ht": firing * gain,
    }
