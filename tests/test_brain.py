"""Brain figures: the cached mesh is the fsaverage5 surface; figures validate their input."""

import matplotlib
import numpy as np
import plotly.graph_objects as go
import pytest

from dmnlab import brain

matplotlib.use("Agg")


def test_cached_mesh_is_the_decimated_fsaverage5_surface():
    v, f = brain.brain_mesh()
    v2, f2 = brain._mesh_from_fsaverage(7.0, "pial")
    np.testing.assert_allclose(v, v2.round(1), atol=1e-9)
    assert (f == f2).all()
    # both hemispheres, in MNI mm, a closed-looking brain-sized object
    assert (v[:, 0] < -50).any() and (v[:, 0] > 50).any()
    assert 140 < np.ptp(v[:, 1]) < 200 and f.max() < len(v)


def test_brain_3d_builds_and_validates():
    fig = brain.brain_3d([[0, -52, 27], [-46, -66, 30]], color=[0.2, 0.8], text=["PCC", "AG"])
    assert isinstance(fig, go.Figure) and len(fig.data) == 2
    with pytest.raises(ValueError, match="coords must have 3 columns"):
        brain.brain_3d([[0, 1]])
    with pytest.raises(ValueError, match="within \\+/-130 mm"):
        brain.brain_3d([[0, 500, 0]])
    with pytest.raises(ValueError, match="one value per node"):
        brain.brain_3d([[0, 0, 0]], color=[1, 2])
    with pytest.raises(ValueError, match="cell_mm must be"):
        brain.brain_mesh(0.1)


def test_glass_brain_and_network_colors():
    fig = brain.glass_brain([[0, -52, 27]], display_mode="x")
    assert fig.axes
    cols = brain.network_colors(["default", "visual", "default"])
    assert cols["default"] == "#D55E00" and cols["visual"] != cols["default"]
    with pytest.raises(ValueError, match="display_mode"):
        brain.glass_brain([[0, 0, 0]], display_mode="bogus")
