"""Exercise checkers: the learner runs them on their own answer; nbgrader runs the same ones.

Every exercise of the course asks the learner to complete a function (the *stub*). Its checker,
``dmnlab.checks.chNN.check_<function name>``, calls the learner's function on real inputs and
says what is wrong, not only pass or fail::

    from dmnlab.checks.ch01 import check_seed_map_by_hand
    check_seed_map_by_hand(seed_map_by_hand)      # shows a report under the cell

A stub that is not finished yet (its body is ``...`` or ``raise NotImplementedError()``) gets
"not done yet", never a traceback, so a notebook still runs top to bottom. The autograded
assignments (``make assignments``) call ``check_<name>(<name>).assert_ok()`` in their test cells:
one definition of "right" for the learner, the book and the lecturer.

Writing a checker::

    def check_top_regions(fn) -> CheckResult:
        c = Checker("top_regions")
        table = seed_map_table()                  # the real data the exercise uses
        got = c.call(fn, table, 5)                # None when the call failed (already reported)
        if got is not None:
            labels, frac = c.unpack(got, 2, "(labels, fraction)")
            c.check(len(labels) == 5, f"expected 5 labels, got {len(labels)}")
            c.close(frac, 0.8, "the fraction of default regions", atol=1e-9)
        return c.result()
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["Checker", "CheckResult", "NOT_DONE"]

#: The message a learner sees for an unfinished stub.
NOT_DONE = "not done yet: the function still returns nothing (replace the `...` with your code and `return` the result)"


class CheckResult:
    """What a checker found: ``passed``, the ``problems`` (each says what is wrong and, where it
    helps, what was expected) and what was checked. Shown as a short report in a notebook."""

    def __init__(self, exercise: str, problems: list[str], checks: list[str], not_done: bool = False):
        self.exercise = exercise
        self.problems = list(problems)
        self.checks = list(checks)
        self.not_done = not_done

    @property
    def passed(self) -> bool:
        return not self.problems and bool(self.checks)

    def __bool__(self) -> bool:
        return self.passed

    def text(self) -> str:
        if self.passed:
            names = list(dict.fromkeys(self.checks))  # each kind of check once, in order
            return f"✓ {self.exercise}: all {len(self.checks)} checks passed ({'; '.join(names)})."
        head = f"✗ {self.exercise}: " + ("not done yet." if self.not_done else
                                           f"{len(self.problems)} problem(s) found.")
        return "\n".join([head, *[f"  - {p}" for p in self.problems]])

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        ok = self.passed
        colour, bg = ("#0072B2", "#eef5fb") if ok else ("#D55E00", "#fdf3ec")  # Okabe-Ito blue / vermillion
        items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
        if ok:
            body = f"<strong>&#10003; {html.escape(self.exercise)}: all {len(self.checks)} checks passed.</strong>"
        elif self.not_done:
            body = (f"<strong>&#10007; {html.escape(self.exercise)}: not done yet.</strong>"
                    f"<ul>{items}</ul>")
        else:
            body = (f"<strong>&#10007; {html.escape(self.exercise)}: {len(self.problems)} problem(s) found."
                    f"</strong><ul>{items}</ul>")
        return (f'<div class="dmnlab-check" role="status" style="border-left:5px solid {colour};'
                f'padding:.4em .8em;background:{bg}">{body}</div>')

    def assert_ok(self) -> None:
        """Raise AssertionError with the report unless every check passed (used by nbgrader)."""
        if not self.passed:
            raise AssertionError(self.text())


class Checker:
    """Collects the checks of one exercise. Every method records a problem instead of raising."""

    def __init__(self, exercise: str):
        self.exercise = exercise
        self.problems: list[str] = []
        self.checks: list[str] = []
        self.not_done = False

    # ---- calling the learner's code ------------------------------------------------------
    def call(self, fn: Callable, *args, **kwargs) -> Any:
        """``fn(*args, **kwargs)``, or None after recording why it could not be used."""
        if not callable(fn):
            self.problems.append(f"expected the function {self.exercise}, got {type(fn).__name__}")
            return None
        try:
            out = fn(*args, **kwargs)
        except NotImplementedError:
            self._not_done()
            return None
        except Exception as exc:  # the learner sees the error in one line, not a traceback
            self.problems.append(f"calling {self.exercise}(...) raised {type(exc).__name__}: {exc}")
            return None
        if out is None or out is Ellipsis:
            self._not_done()
            return None
        return out

    def _not_done(self) -> None:
        if not self.not_done:
            self.not_done = True
            self.problems.append(NOT_DONE)

    # ---- checks --------------------------------------------------------------------------
    def check(self, condition: bool, problem: str, what: str | None = None) -> bool:
        """Record ``problem`` unless ``condition``; ``what`` names the check when it passes."""
        if condition:
            self.checks.append(what or "ok")
            return True
        self.problems.append(problem)
        return False

    def unpack(self, value: Any, n: int, shape: str) -> tuple:
        """Split a returned tuple of ``n`` items (``shape`` describes it, e.g. "(threshold, n_dmn)")."""
        try:
            items = tuple(value)
        except TypeError:
            items = ()
        if len(items) != n:
            self.problems.append(f"return {n} values, {shape}; got {_short(value)}")
            return (None,) * n
        return items

    def numbers(self, value: Any, n: int, shape: str) -> list[float] | None:
        """``unpack`` for a tuple of ``n`` numbers: the floats, or None after recording why not."""
        items = self.unpack(value, n, shape)
        if items[0] is None:
            return None
        try:
            return [float(v) for v in items]
        except (TypeError, ValueError):
            self.problems.append(f"return numbers {shape}; got {_short(items)}")
            return None

    def number(self, value: Any, what: str, kind: str = "") -> float | None:
        """One number (a size-1 array or Series counts), or None after recording what was returned
        instead; ``kind`` says what the number should be (e.g. "in mmol/L")."""
        try:
            if np.size(value) == 1:
                return float(np.asarray(value).ravel()[0])
        except (TypeError, ValueError):
            pass
        self.problems.append(f"{what}: return one number{' ' + kind if kind else ''}, got {_short(value)}")
        return None

    def close(self, got: Any, expected: Any, what: str, *, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
        """``got`` equals ``expected`` within the tolerances (numbers or arrays, NaN where NaN)."""
        try:
            g = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            self.problems.append(f"{what}: expected a number or numbers, got {_short(got)}")
            return False
        e = np.asarray(expected, dtype=float)
        if g.shape != e.shape:
            self.problems.append(f"{what}: expected shape {e.shape}, got {g.shape}")
            return False
        ok = np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
        if ok:
            self.checks.append(what)
            return True
        if e.ndim == 0:
            self.problems.append(f"{what}: got {_num(g)}, expected {_num(e)}")
        else:
            bad = ~np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
            i = tuple(np.argwhere(bad)[0])
            self.problems.append(f"{what}: {int(bad.sum())} of {e.size} values differ (first at index "
                                 f"{i[0] if len(i) == 1 else i}: got {_num(g[i])}, expected {_num(e[i])})")
        return False

    def result(self) -> CheckResult:
        return CheckResult(self.exercise, self.problems, self.checks, self.not_done)


def _num(x) -> str:
    x = float(x)
    return "NaN" if math.isnan(x) else f"{x:.6g}"


def _short(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 80 else s[:77] + "..."
