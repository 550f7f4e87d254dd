"""Chapter 3: the table of DMN-in-depression studies and its figure.

Published numbers checked: Kaiser et al. (2015) 556 MDD / 518 controls; Yan et al. (2019)
848 / 794 after exclusions; Tozzi et al. (2021) 618 / 683 and g = -0.246 for the DMN core.
"""

import re

import numpy as np
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
    yan = r.loc["Yan 2019 (REST-meta-MDD)"]
    assert (yan["n_patients"], yan["n_controls"]) == (848, 794)
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


def test_hamilton_2011_is_a_within_patient_correlation(df):
    """Hamilton et al. (2011) report DMN dominance correlating with rumination *within* patients;
    the abstract gives no patient-control difference, so the row must not say 'increased'."""
    r = df.set_index("study").loc["Hamilton 2011"]
    assert r["direction"] == "within-patient association"
    assert "no patient-control difference" in r["dmn_finding"]


def test_sticky_mind_default_state_shows_a_distribution():
    """Issue 18 item 7: in its default state the dwell-time panel must show a distribution, not a
    handful of bars of height 0 or 1: at least 100 finished DMN episodes, a survival curve that falls
    from above 0.9 to below 0.1 across the panel, through intermediate values."""
    st = ch03.sticky_mind_state(1.0, 0.7, 0.0)
    assert st["n_episodes_dmn"] >= 100
    s = st["surv_dmn"]
    assert s[0] > 0.9 and s[-1] < 0.1
    assert np.sum((s > 0.2) & (s < 0.8)) >= 3
    d = ch03.sticky_mind_demo()
    upd = d.evaluate()
    assert len(upd["data"]) == 5 and "episodes ended" in upd["readout"]
