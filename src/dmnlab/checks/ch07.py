"""Checkers for the exercises of chapter 7 (Networks in motion).

Each checker runs the learner's function on the HCP data and the course's network model (model
FC from :func:`dmnlab.models.network.model_fc`) and says what is wrong."""

from __future__ import annotations

import functools

import numpy as np

from ..data import load_hcp
from ..demos.ch07 import A_DEFAULT, DRUG_FRACTION, neurolib_reference
from ..models import network as nw
from . import Checker, CheckResult

IU = np.triu_indices(80, 1)
FRACTIONS = np.round(np.arange(0.02, 0.99, 0.02), 2)


@functools.lru_cache(maxsize=1)
def _hcp():
    return load_hcp(80)


def _r(u, v) -> float:
    return float(np.corrcoef(u, v)[0, 1])


# --------------------------------------------------------------------------- warm-up: SC and FC


def check_sc_fc_correlation(fn) -> CheckResult:
    """sc_fc_correlation(sc, fc) -> (r of SC with FC, r of log10 SC with FC), over the region pairs
    (each pair once, no diagonal; the log only where SC > 0)."""
    c = Checker("sc_fc_correlation")
    sc, fc = nw.structural_matrix(), _hcp().group_fc
    cases = [("the HCP group matrices", sc, fc), ("person 3's FC", sc, _hcp().fc[2])]
    for what, s, f in cases:
        got = c.call(fn, s.copy(), f.copy())
        if got is None:
            break
        vals = c.numbers(got, 2, "(r with SC, r with log10 SC)")
        if vals is None:
            break
        r_raw, r_log = vals
        u, v = s[IU], f[IU]
        pos = u > 0
        want = (_r(u, v), _r(np.log10(u[pos]), v[pos]))
        full = _r(s.ravel(), f.ravel())
        if np.isclose(r_raw, full, atol=1e-6) and not np.isclose(full, want[0], atol=1e-6):
            c.check(False, f"{what}: you correlated the whole matrices ({full:.3f}). The diagonal (SC 0, FC 1) "
                           "is not a pair of regions, and every pair appears twice: use the upper triangle "
                           "(np.triu_indices(80, k=1))")
            break
        if np.isclose(r_log, r_raw, atol=1e-9) and not np.isclose(want[0], want[1], atol=1e-6):
            c.check(False, f"{what}: your two numbers are the same; the second correlates log10 of SC (where SC > 0) "
                           "with FC")
            break
        c.close(r_raw, want[0], f"r(SC, FC), {what}", atol=1e-6)
        c.close(r_log, want[1], f"r(log10 SC, FC), {what}", atol=1e-6)
    return c.result()


# --------------------------------------------------------------------------- core: fit two ways


@functools.lru_cache(maxsize=16)
def _fit_two_ways(which: str, a: float) -> tuple:
    target = _hcp().group_fc if which == "group" else _hcp().fc[int(which)]
    gc = nw.critical_coupling(a)
    rs, rms, rms_full = [], [], []
    for f in FRACTIONS:
        m = nw.model_fc(f * gc, a)
        u, v = m[IU], target[IU]
        rs.append(_r(u, v))
        rms.append(float(np.sqrt(np.mean((u - v) ** 2))))
        rms_full.append(float(np.sqrt(np.mean((m - target) ** 2))))
    rs, rms, rms_full = map(np.array, (rs, rms, rms_full))
    return (float(FRACTIONS[np.argmax(rs)]), float(rs.max()), float(FRACTIONS[np.argmin(rms)]), float(rms.min()),
            float(FRACTIONS[np.argmax(rms)]), float(rms.max()), float(FRACTIONS[np.argmin(rms_full)]),
            float(rms_full.min()))


def check_fit_two_ways(fn) -> CheckResult:
    """fit_two_ways(fc_data, fractions, a) -> (best G/G_c by r, that r, best G/G_c by RMS difference,
    that RMS), scanning the model FC over the couplings fractions x G_c."""
    c = Checker("fit_two_ways")
    cases = [("the group FC", "group", _hcp().group_fc, A_DEFAULT), ("person 4's FC", "3", _hcp().fc[3], A_DEFAULT),
             ("the group FC with a = -0.2", "group", _hcp().group_fc, -0.2)]
    for what, key, target, a in cases:
        got = c.call(fn, target.copy(), FRACTIONS.copy(), a)
        if got is None:
            break
        vals = c.numbers(got, 4, "(best fraction by r, best r, best fraction by RMS, best RMS)")
        if vals is None:
            break
        f_r, r, f_rms, rms = vals
        w = _fit_two_ways(key, a)
        if np.isclose(f_rms, w[4]) and np.isclose(rms, w[5], atol=1e-6):
            c.check(False, f"{what}: you picked the coupling with the *largest* RMS difference; the best fit has the "
                           "smallest error (argmin), while the best correlation is the largest (argmax)")
            break
        if np.isclose(rms, w[7], atol=1e-6) and not np.isclose(w[7], w[3], atol=1e-6):
            c.check(False, f"{what}: your RMS includes the diagonal and counts every pair twice; compute it over "
                           "the upper triangle only, like r")
            break
        if np.isclose(f_r, w[0] * nw.critical_coupling(a), atol=1e-9) or \
                np.isclose(f_rms, w[2] * nw.critical_coupling(a), atol=1e-9):
            c.check(False, f"{what}: return the best coupling as a fraction of G_c (an entry of `fractions`), "
                           "not G itself")
            break
        c.close(f_r, w[0], f"the best G/G_c by correlation, {what}", atol=1e-9)
        c.close(r, w[1], f"the best r, {what}", atol=1e-6)
        c.close(f_rms, w[2], f"the best G/G_c by RMS difference, {what}", atol=1e-9)
        c.close(rms, w[3], f"the smallest RMS difference, {what}", atol=1e-6)
    return c.result()


# --------------------------------------------------------------------------- core: model vs simulation


def _agreement(ref) -> dict:
    p = ref["params"]
    lin = nw.model_fc(p["G"], p["a"], w=p["w"])[IU]
    out = {}
    for run in ref["runs"]:
        sim = np.asarray(run["fc_upper"], dtype=float)
        out[float(run["sigma"])] = (_r(lin, sim), float(sim.mean() - lin.mean()))
    return out


def check_agreement_with_simulation(fn) -> CheckResult:
    """agreement_with_simulation(reference) -> {noise sigma: (r between the Lyapunov FC and the
    simulated FC, mean simulated FC minus mean Lyapunov FC)} over the region pairs."""
    c = Checker("agreement_with_simulation")
    ref = neurolib_reference()
    got = c.call(fn, ref)
    if got is None:
        return c.result()
    if not c.check(isinstance(got, dict), f"return a dictionary {{sigma: (r, mean difference)}}; got "
                                          f"{type(got).__name__}", "returns a dictionary"):
        return c.result()
    want = _agreement(ref)
    keys = {float(k): v for k, v in got.items()} if all(isinstance(k, (int, float)) for k in got) else None
    if not c.check(keys is not None and sorted(keys) == sorted(want),
                   f"use the noise levels as keys, {sorted(want)}; got {list(got)[:4]}", "one entry per noise level"):
        return c.result()
    emp = _hcp().group_fc[IU]
    for sigma, (r_w, d_w) in want.items():
        r_g, d_g = c.unpack(keys[sigma], 2, "(r, mean difference)")
        if r_g is None:
            break
        sim = np.asarray(next(run["fc_upper"] for run in ref["runs"] if float(run["sigma"]) == sigma), float)
        if np.isclose(float(r_g), _r(emp, sim), atol=1e-6):
            c.check(False, f"sigma = {sigma}: you compared the simulation with the HCP data; compare it with the "
                           "linearised model's FC at the same parameters (reference['params'])")
            break
        if np.isclose(float(d_g), -d_w, atol=1e-9) and not np.isclose(d_w, 0, atol=1e-9):
            c.check(False, f"sigma = {sigma}: the sign of the difference is reversed: simulated minus Lyapunov")
            break
        c.close(r_g, r_w, f"r(Lyapunov FC, simulated FC) at sigma = {sigma}", atol=1e-6)
        c.close(d_g, d_w, f"mean simulated minus mean Lyapunov FC at sigma = {sigma}", atol=1e-6)
    return c.result()


# --------------------------------------------------------------------------- challenge: manipulation


@functools.lru_cache(maxsize=16)
def _manipulation(strength: float) -> tuple:
    a = A_DEFAULT
    g = DRUG_FRACTION * nw.critical_coupling(a)
    mask = nw.dmn_mask()
    before = nw.model_fc(g, a)
    after = nw.model_fc(g, a, sc=nw.scale_node_coupling(1 - strength, mask))
    sb, sa = nw.dmn_summary(before, mask), nw.dmn_summary(after, mask)
    d = after - before
    diag_within = float(d[np.outer(mask, mask)].mean())
    return (sa["within_dmn"] - sb["within_dmn"], sa["dmn_to_rest"] - sb["dmn_to_rest"], float(d[IU].max()),
            diag_within)


def check_manipulation_changes(fn) -> CheckResult:
    """manipulation_changes(strength) -> (change in mean within-DMN FC, change in mean DMN-to-rest FC,
    the largest change of any pair of regions) when every connection of the DMN nodes is scaled by
    (1 - strength), at G = 0.9 G_c and a = -0.3."""
    c = Checker("manipulation_changes")
    for s in (0.2, 0.45):
        got = c.call(fn, s)
        if got is None:
            break
        vals = c.unpack(got, 3, "(change within the DMN, change DMN to rest, largest change of any pair)")
        if vals[0] is None:
            break
        try:
            dw, dr, dmax = (float(x) for x in vals)
        except (TypeError, ValueError):
            c.check(False, f"strength {s}: return three numbers; got {got!r:.80}")
            break
        w = _manipulation(s)
        if np.isclose(dw, w[3], atol=1e-9) and not np.isclose(w[3], w[0], atol=1e-9):
            c.check(False, f"strength {s}: your within-DMN mean includes the diagonal (each region with itself, "
                           "always 1, so its change is 0); leave it out")
            break
        if dmax == 0.0 and w[2] < 0:
            c.check(False, f"strength {s}: the largest change came out exactly 0: that is the diagonal. Take it over "
                           "pairs of different regions only")
            break
        if np.isclose(dw, -w[0], atol=1e-9) or np.isclose(dr, -w[1], atol=1e-9):
            c.check(False, f"strength {s}: the sign is reversed: a change is after minus before")
            break
        c.close(dw, w[0], f"the change in within-DMN FC at strength {s}", atol=1e-6)
        c.close(dr, w[1], f"the change in DMN-to-rest FC at strength {s}", atol=1e-6)
        c.close(dmax, w[2], f"the largest change of any pair at strength {s}", atol=1e-6)
    return c.result()
