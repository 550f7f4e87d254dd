"""Bad input gets a ValueError that names the parameter and the allowed range, and nothing else."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dmnlab.validate import check_array, check_bool, check_choice, check_int, check_number

anything = st.one_of(
    st.none(), st.booleans(), st.text(max_size=5), st.floats(allow_nan=True, allow_infinity=True),
    st.integers(), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)


@given(anything)
def test_check_number_accepts_in_range_and_refuses_the_rest_with_valueerror(x):
    ok = (isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) and 0 <= x <= 10)
    if ok:
        assert check_number("dose", x, 0, 10) == float(x)
    else:
        with pytest.raises(ValueError, match=r"^dose must be"):
            check_number("dose", x, 0, 10)


def test_check_number_message_names_the_range_and_unit():
    with pytest.raises(ValueError) as e:
        check_number("interval", 30, 1, 24, unit="h")
    assert str(e.value) == "interval must be in the range [1, 24] h; got 30"
    with pytest.raises(ValueError, match=r"in the range \(0, 1\]"):
        check_number("fraction", 0.0, 0, 1, lo_inclusive=False)


@given(anything)
def test_check_int(x):
    try:
        v = check_int("n", x, 1, 5)
    except ValueError as e:
        assert str(e).startswith("n must be a whole number in the range [1, 5]")
    else:
        assert 1 <= v <= 5 and float(x) == v


@given(anything)
def test_check_choice_and_bool_only_raise_valueerror(x):
    try:
        check_choice("drug", x, ["sertraline", "fluoxetine"])
    except ValueError as e:
        assert "drug must be one of 'sertraline', 'fluoxetine'" in str(e)
    try:
        check_bool("gsr", x)
    except ValueError as e:
        assert "gsr must be True or False" in str(e)


def test_check_array_shapes_and_values():
    a = check_array("coords", [[1, 2, 3]], ndim=2)
    assert a.shape == (1, 3)
    with pytest.raises(ValueError, match="coords must be a 2-D array"):
        check_array("coords", [1, 2, 3], ndim=2)
    with pytest.raises(ValueError, match="finite"):
        check_array("bold", [1.0, np.nan])
    with pytest.raises(ValueError, match="array of numbers"):
        check_array("bold", ["a", "b"])
    with pytest.raises(ValueError, match=r"shape \(any, 3\)"):
        check_array("coords", np.zeros((2, 2)), shape=(None, 3))


@settings(max_examples=50)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_public_functions_refuse_bad_thresholds_with_valueerror(x):
    from dmnlab.demos.ch00 import regions_above

    if math.isfinite(x) and 0 <= x <= 0.9:
        out = regions_above(x)
        assert 0 <= out["n_dmn_above"] <= out["n_above"] <= 78
    else:
        with pytest.raises(ValueError, match="threshold must be"):
            regions_above(x)
