"""Checkers for the exercises of Appendix A1 (a Python primer)."""

from __future__ import annotations

import numpy as np

from ..data import load_hcp
from ..evidence import load_claims
from . import Checker, CheckResult


def check_percent_change(fn) -> CheckResult:
    """percent_change(before, after) -> 100 * (after - before) / before."""
    c = Checker("percent_change")
    for before, after in ((20.0, 25.0), (50.0, 40.0), (8.0, 8.0)):
        got = c.call(fn, before, after)
        if got is None:
            break
        want = 100 * (after - before) / before
        if np.isclose(got, (after - before) / before) and want != 0:
            c.check(False, f"percent_change({before}, {after}) returned {got:g}, a fraction: "
                           "multiply by 100 for a percentage")
            break
        if np.isclose(got, 100 * (after - before) / after) and want != 0:
            c.check(False, f"percent_change({before}, {after}) returned {got:g}: "
                           "divide by the value *before*, not after")
            break
        c.close(got, want, f"percent_change({before}, {after})")
    return c.result()


def _pair():
    hcp = load_hcp(94)
    reg = hcp.regions
    i = int(reg.index[reg["name"] == "Cingulate_Post_L"][0])
    j = int(reg.index[reg["name"] == "Frontal_Med_Orb_L"][0])
    return hcp.bold[0][i], hcp.bold[0][j], hcp.bold[1][i]


def check_correlation(fn) -> CheckResult:
    """correlation(a, b) -> Pearson r of two equally long signals, computed with numpy by hand."""
    c = Checker("correlation")
    a, b, a2 = _pair()
    for x, y, what in ((a, b, "two regions of person 1"), (a, a2, "one region in two people"),
                       (a, 2 * a + 3, "a signal and a rescaled copy")):
        got = c.call(fn, x.copy(), y.copy())
        if got is None:
            break
        want = float(np.corrcoef(x, y)[0, 1])
        cov_only = float(np.mean((x - x.mean()) * (y - y.mean())))
        if np.isclose(got, cov_only) and not np.isclose(want, cov_only):
            c.check(False, f"{what}: you returned the covariance ({got:.4g}); divide by both standard deviations")
            break
        if abs(got) > 1 + 1e-9:
            c.check(False, f"{what}: got {got:.4g}, but a correlation lies between -1 and 1: "
                           "did you centre both signals?")
            break
        c.close(got, want, f"r for {what}", atol=1e-6)
    return c.result()


def check_count_by_verdict(fn) -> CheckResult:
    """count_by_verdict(claims) -> {verdict: number of claims}, every verdict in the table."""
    c = Checker("count_by_verdict")
    claims = load_claims()
    got = c.call(fn, claims.copy())
    if got is not None:
        want = {str(k): int(v) for k, v in claims["verdict"].value_counts().items()}
        if not c.check(isinstance(got, dict), f"return a dict (verdict -> count); got {type(got).__name__}",
                       "returns a dict"):
            return c.result()
        got = {str(k): int(v) for k, v in got.items()}
        missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
        c.check(not missing, f"verdicts missing from your dict: {missing}", "every verdict present")
        c.check(not extra, f"these keys are not verdicts of the table: {extra}", "no extra keys")
        wrong = {k: (got[k], want[k]) for k in want if k in got and got[k] != want[k]}
        differ = ", ".join(f"{k} {a} vs {b}" for k, (a, b) in wrong.items())
        c.check(not wrong, "counts differ (yours, expected): " + differ,
                "every count right")
        c.check(sum(got.values()) == len(claims),
                f"your counts add up to {sum(got.values())}; the table has {len(claims)} claims",
                "counts add up to the table")
    return c.result()


def check_require_fraction(fn) -> CheckResult:
    """require_fraction(x) -> x when 0 <= x <= 1; otherwise ValueError naming x and the range."""
    c = Checker("require_fraction")
    ok = True
    for x in (0.0, 0.25, 1.0):
        got = c.call(fn, x)
        if got is None:
            ok = False
            break
        c.close(got, x, f"require_fraction({x}) returns {x}")
    if ok:
        for bad in (1.5, -0.1):
            try:
                fn(bad)
            except ValueError as exc:
                msg = str(exc)
                c.check("x" in msg and ("[0, 1]" in msg or ("0" in msg and "1" in msg)),
                        f"require_fraction({bad}) raised ValueError({msg!r}); the message should name the parameter x "
                        "and the allowed range [0, 1]", f"a clear ValueError for {bad}")
                c.check(str(bad) in msg, f"the message should also say what was given ({bad}); got {msg!r}",
                        "the message shows the bad value")
            except NotImplementedError:
                c._not_done()
                break
            except Exception as exc:
                c.check(False, f"require_fraction({bad}) raised {type(exc).__name__}; raise a ValueError instead")
            else:
                c.check(False, f"require_fraction({bad}) returned without an error; "
                               "a value outside [0, 1] must raise ValueError")
    return c.result()


def check_signal_figure(fn) -> CheckResult:
    """signal_figure(bold, rows, labels) -> a plotly figure, one line per row, titled axes."""
    import plotly.graph_objects as go

    c = Checker("signal_figure")
    hcp = load_hcp(94)
    bold = hcp.bold[0][:, :200]
    rows, labels = [38, 20], ["Posterior cingulate (left)", "Medial orbitofrontal (left)"]
    fig = c.call(fn, bold, rows, labels)
    if fig is not None:
        if not c.check(isinstance(fig, go.Figure), f"return a plotly go.Figure; got {type(fig).__name__}",
                       "returns a plotly figure"):
            return c.result()
        c.check(len(fig.data) == len(rows), f"one line per row: expected {len(rows)} traces, got {len(fig.data)}",
                "one trace per region")
        for k, tr in enumerate(fig.data[:len(rows)]):
            y = np.asarray(tr.y, dtype=float) if tr.y is not None else np.array([])
            c.close(y, bold[rows[k]], f"trace {k + 1} holds row {rows[k]}", atol=1e-6)
            c.check(tr.name == labels[k],
                    f"trace {k + 1} should be named {labels[k]!r} (for the legend); got {tr.name!r}",
                    "traces named for the legend")
        xt = (fig.layout.xaxis.title.text or "").strip()
        yt = (fig.layout.yaxis.title.text or "").strip()
        c.check(bool(xt) and bool(yt), "give both axes a title (what is on them, with units)", "both axes titled")
    return c.result()
