"""Input checks shared by every public function of dmnlab.

A bad value raises ``ValueError`` whose message names the parameter and the
allowed range or choices, so that a learner sees what to change, never a
traceback from deep inside numpy.
"""

from __future__ import annotations

import math
import numbers
from typing import Any
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["check_number", "check_int", "check_choice", "check_bool", "check_array", "check_probability"]


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e6:
        return str(int(x))
    return f"{x:g}"


def _range_text(lo, hi, lo_inclusive, hi_inclusive) -> str:
    if lo is not None and hi is not None:
        left = "[" if lo_inclusive else "("
        right = "]" if hi_inclusive else ")"
        return f"in the range {left}{_fmt(lo)}, {_fmt(hi)}{right}"
    if lo is not None:
        return f"{'>=' if lo_inclusive else '>'} {_fmt(lo)}"
    if hi is not None:
        return f"{'<=' if hi_inclusive else '<'} {_fmt(hi)}"
    return "a finite number"


def check_number(
    name: str,
    value: Any,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_inclusive: bool = True,
    hi_inclusive: bool = True,
    unit: str = "",
) -> float:
    """Return ``value`` as a float, or raise ValueError naming ``name`` and the range.

    Booleans, strings, None, NaN and infinities are refused.
    """
    rng = _range_text(lo, hi, lo_inclusive, hi_inclusive)
    unit_txt = f" {unit}" if unit else ""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number {rng}{unit_txt}; got {value!r}")
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{name} must be a finite number {rng}{unit_txt}; got {value!r}")
    too_low = lo is not None and (v < lo if lo_inclusive else v <= lo)
    too_high = hi is not None and (v > hi if hi_inclusive else v >= hi)
    if too_low or too_high:
        raise ValueError(f"{name} must be {rng}{unit_txt}; got {_fmt(v)}")
    return v


def check_int(name: str, value: Any, lo: int | None = None, hi: int | None = None) -> int:
    """Return ``value`` as an int within [lo, hi], or raise ValueError."""
    rng = _range_text(lo, hi, True, True)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)) \
                and math.isfinite(float(value)) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError(f"{name} must be a whole number {rng}; got {value!r}")
    v = int(value)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ValueError(f"{name} must be a whole number {rng}; got {v}")
    return v


def check_probability(name: str, value: Any) -> float:
    """A number in [0, 1]."""
    return check_number(name, value, 0.0, 1.0)


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices`` (strings compare case-sensitively)."""
    choices = list(choices)
    try:
        ok = value in choices
    except Exception:  # unhashable or odd comparisons
        ok = False
    if not ok:
        shown = ", ".join(repr(c) for c in choices[:12])
        more = f" (and {len(choices) - 12} more)" if len(choices) > 12 else ""
        raise ValueError(f"{name} must be one of {shown}{more}; got {value!r}")
    return value


def check_bool(name: str, value: Any) -> bool:
    """Return ``value`` if it is True or False."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise ValueError(f"{name} must be True or False; got {value!r}")


def check_array(
    name: str,
    value: Any,
    *,
    ndim: int | None = None,
    shape: Sequence[int | None] | None = None,
    min_len: int | None = None,
    finite: bool = True,
) -> np.ndarray:
    """Return ``value`` as a float array, checking its dimensions and values."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of numbers; got {type(value).__name__}") from None
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array; got shape {arr.shape}")
    if shape is not None:
        if arr.ndim != len(shape) or any(s is not None and s != a for s, a in zip(shape, arr.shape)):
            want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
            raise ValueError(f"{name} must have shape {want}; got {arr.shape}")
    if min_len is not None and (arr.ndim == 0 or arr.shape[-1] < min_len):
        raise ValueError(f"{name} must have at least {min_len} values along its last axis; got shape {arr.shape}")
    if finite and arr.size and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or infinity)")
    return arr
