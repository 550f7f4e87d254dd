"""Chapter 3: the table of DMN-in-depression studies and its figure.

Published numbers checked: Kaiser et al. (2015) 556 MDD / 518 controls; Yan et al. (2019)
848 / 794 after exclusions; Tozzi et al. (2021) 618 / 683 and g = -0.246 for the DMN core.
"""

import re

import pytest

from dmnlab.data import DATA_DIR
from dmnlab.demos import ch03

COLUMNS = ["study", "year", "design", "n_patients", "n_controls", "measure", "dmn_finding", "direction",
           "effect_size", "effect_metric", "medication_recurrence", "source", "status"]


@pytest.fixture(scope="module")
def df():
    return ch03.load_studies()


def test_columns_status_and_sources(df):
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS
    assert set(df["status"]) <= {"verified", "unverified"}
    bib = (DATA_DIR.parent / "book" / "references.bib").read_text()
    keys = set(re.findall(r"@\w+\{([^,]+),", bib))
    assert set(df["source"]) <= keys
    assert set(df["direction"]) <= set(ch03.DIRECTION_COLOURS)


def test_published_numbers(df):
    r = df.set_index("study")
    assert (r.loc["Kaiser 2015", "n_patients"], r.loc["Kaiser 2015", "n_controls"]) == (556, 518)
    assert (r.loc["Yan 2019 (REST-meta-MDD)", "n_patients"], r.loc["Yan 2019 (REST-meta-MDD)", "n_controls"]) == (848, 794)
    assert r.loc["Tozzi 2021 meta-analysis", "effect_size"] == pytest.approx(-0.246)
    assert r.loc["Yan 2019 (REST-meta-MDD)", "direction"] == "decreased"
    assert r.loc["Kaiser 2015", "direction"] == "increased"


def test_figure_has_alt_and_caption():
    f = ch03.studies_figure()
    assert "model" not in f.fig.layout.title.text.lower()
    assert len(f.alt) > 50 and f.caption.startswith("What to notice")
    assert 'aria-label="' in f.to_html()


def test_inflation_table_and_sticky_state_checks():
    rows = ch03.inflation_table(0.3)
    assert rows[0][0] == 10 and rows[0][2] > rows[-1][2]
    with pytest.raises(ValueError, match="true_d"):
        ch03.inflation_table(1.5)
    with pytest.raises(ValueError, match="stickiness"):
        ch03.sticky_mind_state(9, 0.7, 0.0)
