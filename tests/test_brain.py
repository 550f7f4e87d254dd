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


# --------------------------------------------------------------------------- cortex maps

import base64  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pathlib  # noqa: E402
import shutil  # noqa: E402

from dmnlab.data import load_regions  # noqa: E402
from dmnlab.render import figure_json, json_for_script  # noqa: E402

SUBCORTICAL = ("Hippocampus", "Amygdala", "Caudate", "Putamen", "Pallidum", "Thalamus")
N5 = 10242


@pytest.fixture(scope="module")
def pial():
    from nilearn import datasets

    fs = datasets.load_fsaverage("fsaverage5")
    return np.vstack([np.asarray(fs["pial"].parts[h].coordinates, float) for h in ("left", "right")])


def test_every_cortical_region_has_vertices_on_its_own_hemisphere():
    lab = brain.cortex_labels(94)
    reg = load_regions(94)
    assert lab.shape == (2 * N5,) and lab.dtype == np.int16
    cortical = ~reg["name"].str.startswith(SUBCORTICAL)
    assert cortical.sum() == 82
    counts = np.bincount(lab[lab >= 0], minlength=94)
    assert (counts[cortical.to_numpy()] >= 10).all(), reg["name"][cortical & (counts < 10)].tolist()
    assert (counts[~cortical.to_numpy()] == 0).all()          # subcortical regions are never painted
    hemi = reg["hemisphere"].to_numpy()
    assert (hemi[lab[:N5][lab[:N5] >= 0]] == "L").all()        # left vertices carry left regions only
    assert (hemi[lab[N5:][lab[N5:] >= 0]] == "R").all()
    for part in (lab[:N5], lab[N5:]):                          # the medial wall: a few % of a hemisphere
        assert 0.04 < np.mean(part < 0) < 0.08


def test_projected_regions_sit_where_the_atlas_puts_them(pial):
    """Each region's surface centroid lies near its volume centroid (data/aal2_regions.csv), and
    named regions sit where anatomy puts them (MNI mm: x left-right, y back-front, z down-up)."""
    lab = brain.cortex_labels(94)
    reg = load_regions(94).set_index("name")
    for name, row in reg.iterrows():
        sel = lab == reg.index.get_loc(name)
        if not sel.any():
            continue
        d = np.linalg.norm(pial[sel].mean(axis=0) - row[["x", "y", "z"]].to_numpy(float))
        assert d < 8.0, f"{name}: surface centroid {d:.1f} mm from the volume centroid"

    def where(*names):
        return pial[np.isin(lab, [reg.index.get_loc(n) for n in names])]

    pcc = where("Cingulate_Post_L", "Cingulate_Post_R", "Precuneus_L", "Precuneus_R")
    assert np.median(np.abs(pcc[:, 0])) < 12 and np.median(pcc[:, 1]) < -35    # posterior medial
    frontal = where("Frontal_Sup_2_L", "Frontal_Mid_2_R", "Frontal_Sup_Medial_L", "Frontal_Med_Orb_R")
    assert np.percentile(frontal[:, 1], 10) > 0                                 # anterior
    occipital = where("Calcarine_L", "Cuneus_R", "Occipital_Mid_L", "Lingual_R")
    assert np.percentile(occipital[:, 1], 90) < -55                             # posterior
    angular = where("Angular_L")
    assert np.median(angular[:, 0]) < -35 and np.median(angular[:, 2]) > 20     # left lateral parietal
    temporal = where("Temporal_Mid_R", "Temporal_Inf_R")
    assert np.median(temporal[:, 0]) > 45 and np.median(temporal[:, 2]) < 5     # right lateral, low
    wall = pial[lab < 0]
    assert np.median(np.abs(wall[:, 0])) < 20                                   # the medial wall is medial


def test_labels_for_the_80_region_set_match_the_94():
    l94, l80 = brain.cortex_labels(94), brain.cortex_labels(80)
    n94, n80 = load_regions(94)["name"].to_numpy(), load_regions(80)["name"].to_numpy()
    both = l80 >= 0
    assert (n80[l80[both]] == n94[l94[both]]).all()
    gone = (l94 >= 0) & ~both
    assert set(n94[l94[gone]]) == {"ParaHippocampal_L", "ParaHippocampal_R"}
    assert brain.painted_regions(80).all() and brain.painted_regions(94).sum() == 82


def test_cortex_map_has_four_views_in_one_fixed_scene():
    vals = np.linspace(-0.5, 0.8, 94)
    fig = brain.cortex_map(vals, colorbar_title="r", value_name="r")
    lay = fig.to_plotly_json()["layout"]
    assert "scene" in lay and "scene2" not in lay                      # one scene: one WebGL context
    assert lay["scene"]["camera"]["projection"]["type"] == "orthographic" and lay["scene"]["dragmode"] is False
    cortex, wall, names = fig.data
    assert cortex.type == "mesh3d" and wall.type == "mesh3d" and wall.color == brain.NO_REGION_COLOR
    assert [t for t in names.text if t.endswith("lateral)") or t.endswith("(medial)")] == [
        "Left, outer (lateral)", "Right, outer (lateral)", "Left, inner (medial)", "Right, inner (medial)"]
    # the four views are placed side by side: left views in the left column, right ones in the right
    lookup = brain.cortex_lookups(94)["cortex94"]
    hemi = load_regions(94)["hemisphere"].to_numpy()[lookup]
    x = np.asarray(cortex.x)
    mid = np.mean(fig.layout.scene.xaxis.range)
    assert (x[hemi == "L"] < mid).all() and (x[hemi == "R"] > mid).all()
    y = np.asarray(cortex.y)
    assert (y < np.mean(fig.layout.scene.yaxis.range)).any() and (y > np.mean(fig.layout.scene.yaxis.range)).any()
    # hover: region name and value; colours: the region's value at each of its vertices
    assert "%{text}" in cortex.hovertemplate and "%{intensity" in cortex.hovertemplate
    np.testing.assert_allclose(cortex.intensity, vals[lookup].astype(np.float32))
    assert set(cortex.text) <= set(load_regions(94)["label"])
    assert "medial wall" in wall.hovertemplate
    # compact geometry: int16 faces, float32 vertices, well under the page budget
    spec = figure_json(fig)
    assert spec["data"][0]["i"]["dtype"] == "i2" and spec["data"][0]["x"]["dtype"] == "f4"
    assert len(json_for_script(spec)) < 400_000


def test_colour_scale_is_centred_on_zero_for_signed_values_and_sequential_for_positive():
    signed = brain.cortex_map(np.linspace(-0.3, 0.9, 94)).data[0]
    assert signed.cmin == -signed.cmax == -0.9
    assert signed.colorscale == brain.cortex_map(np.ones(94), scale="diverging").data[0].colorscale
    assert signed.colorscale[0][1] != signed.colorscale[-1][1]
    fixed = brain.cortex_map(np.linspace(-0.3, 0.2, 80), vmax=0.6).data[0]
    assert (fixed.cmin, fixed.cmax) == (-0.6, 0.6)
    positive = brain.cortex_map(np.linspace(0.1, 0.5, 80)).data[0]
    assert positive.cmin == 0 and positive.cmax == pytest.approx(0.5)
    assert positive.colorscale != signed.colorscale                  # Viridis, not the diverging scale


@pytest.mark.parametrize("bad,match", [
    (np.zeros(93), "values must have one value per AAL2 region.*94.*80.*got 93"),
    (np.zeros((2, 94)), "values must be a 1-D array"),
    ("abc", "values must be an array of numbers"),
])
def test_bad_values_are_valueerrors(bad, match):
    with pytest.raises(ValueError, match=match):
        brain.cortex_map(bad)
    with pytest.raises(ValueError, match=match):
        brain.cortex_values(bad)


def test_nan_policy():
    reg = load_regions(94)
    v = np.zeros(94)
    v[reg.index[reg["name"] == "Precuneus_L"][0]] = np.nan
    with pytest.raises(ValueError, match="values must be finite.*Precuneus \\(left\\)"):
        brain.cortex_map(v)
    v = np.zeros(94)
    v[reg["name"].str.startswith(SUBCORTICAL).to_numpy()] = np.nan   # not painted: allowed
    assert np.isfinite(brain.cortex_map(v).data[0].intensity).all()
    with pytest.raises(ValueError, match="values must be finite"):
        brain.cortex_map(np.full(80, np.inf))


def test_bad_options_are_valueerrors():
    with pytest.raises(ValueError, match="views must be one of 'left lateral'.*got 'top'"):
        brain.cortex_map(np.zeros(94), views=["left lateral", "top"])
    with pytest.raises(ValueError, match="views must not repeat"):
        brain.cortex_map(np.zeros(94), views=["left lateral", "left lateral"])
    with pytest.raises(ValueError, match="scale must be one of"):
        brain.cortex_map(np.zeros(94), scale="rainbow")
    with pytest.raises(ValueError, match="vmax must be > 0"):
        brain.cortex_map(np.zeros(94), scale="diverging", vmax=0)
    with pytest.raises(ValueError, match="vmin must not be given"):
        brain.cortex_map(np.zeros(94), scale="diverging", vmin=-1)
    with pytest.raises(ValueError, match="n_regions must be 80 or 94"):
        brain.cortex_map()
    with pytest.raises(ValueError, match="n_regions must be one of 80, 94"):
        brain.cortex_labels(90)
    with pytest.raises(ValueError, match="values must have 80 values"):
        brain.cortex_values(np.zeros(94), n_regions=80)


def test_two_views_and_one_view_layouts():
    two = brain.cortex_map(np.zeros(94), views=["left lateral", "left medial"])
    assert len(two.data[2].text) == 3 and brain.cortex_lookups(94, ["left medial"])["cortex94"].size > 0
    one = brain.cortex_map(np.zeros(80), views="right medial")
    lookup = brain.cortex_lookups(80, ["right medial"])["cortex80"]
    assert (load_regions(80)["hemisphere"].to_numpy()[lookup] == "R").all()
    assert len(one.data[2].text) == 2 and one.data[2].text[0] == "Right, inner (medial)"


def _seed_demo():
    from dmnlab.demos import ch01

    return ch01.seed_demo()


def test_static_demo_states_carry_only_region_values():
    """The page carries the vertex lookup once; each state only the ~94 region values."""
    demo = _seed_demo()
    spec = demo.static_spec()
    lut = spec["lookups"]["cortex94"]
    assert lut["dtype"] in ("i1", "i2")                             # compact: one small integer per vertex
    n_vertices = len(base64.b64decode(lut["bdata"])) // int(lut["dtype"][1])
    assert n_vertices == len(brain.cortex_lookups(94)["cortex94"])
    base_intensity = spec["data"][0]["intensity"]                  # the blank base: int8 zeros
    assert base_intensity["dtype"] == "i1"
    for key, st in spec["states"].items():
        cortex, wall, names = st["data"][:3]
        assert set(cortex) == {"intensity"} and not wall and not names, key
        assert cortex["intensity"]["dmnlab_lookup"] == "cortex94"
        vals = np.frombuffer(base64.b64decode(cortex["intensity"]["values"]["bdata"]), "<f4")
        assert vals.shape == (94,) and np.isfinite(vals).all()
        assert len(json_for_script(cortex)) < 700                   # ~94 numbers, not ~5,000
    # and a state expands to exactly what the live figure shows
    from dmnlab.interact import Expand

    upd = demo.evaluate(seed="Right insula (salience)", gsr=True, subject=2)
    exp = upd["data"][0]["intensity"]
    assert isinstance(exp, Expand)
    live = exp.expand(demo.lookups)
    assert live.shape == (n_vertices,) and np.isfinite(live).all()


def test_live_update_changes_only_the_colour_array():
    demo = _seed_demo()
    w = demo.widget()

    def snapshot():
        return [json.dumps(t.to_plotly_json(), sort_keys=True, default=str) for t in w.fig.data[:3]], \
            json.dumps(w.fig.layout.to_plotly_json(), sort_keys=True, default=str)

    (before, lay0), i0 = snapshot(), np.array(w.fig.data[0].intensity)
    demo.set(seed="Right insula (salience)", gsr=True)
    (after, lay1), i1 = snapshot(), np.array(w.fig.data[0].intensity)
    assert lay0 == lay1 and before[1:] == after[1:]
    t0, t1 = json.loads(before[0]), json.loads(after[0])
    assert [k for k in t0 if t0[k] != t1.get(k)] == ["intensity"]
    assert i0.shape == i1.shape and not np.allclose(i0, i1)
    # the values shown are the demo's region values, vertex by vertex
    reg = load_regions(94)
    r = demo.evaluate(seed="Right insula (salience)", gsr=True)["data"][0]["intensity"].values
    lookup = demo.lookups["cortex94"]
    np.testing.assert_allclose(i1, np.asarray(r, float)[lookup], rtol=1e-6)
    assert reg["name"][lookup[np.argmax(i1)]] in ("Insula_R", "Insula_L", "Rolandic_Oper_R", "Cingulate_Mid_R",
                                                   "Frontal_Inf_Oper_R", "Supp_Motor_Area_R", "Temporal_Sup_R")


def test_ch07_map_demo_paints_the_80_regions():
    from dmnlab.demos import ch07

    demo = ch07.dmn_map_demo()
    data = demo.evaluate(source="data", strength=0.0)["data"][0]["intensity"]
    model = demo.evaluate(source="coupling", strength=0.45)["data"][0]["intensity"]
    assert data.lookup == "cortex80" and len(data.values) == 80
    mask = ch07.empirical()["is_dmn"]
    assert np.mean(np.asarray(data.values)[mask]) > np.mean(np.asarray(data.values)[~mask])  # DMN brightest
    baseline = demo.evaluate(source="baseline", strength=0.0)["data"][0]["intensity"]
    assert np.mean(model.values) < np.mean(baseline.values)


def test_print_image_draws_the_same_map_with_nilearn():
    import matplotlib.pyplot as plt

    vals = np.linspace(-0.5, 0.7, 94)
    fig = brain.cortex_map_image(vals, colorbar_title="r")
    images = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in images] == [
        "Left, outer (lateral)", "Right, outer (lateral)", "Left, inner (medial)", "Right, inner (medial)"]
    cbar = [ax for ax in fig.axes if not ax.images][0]
    assert cbar.get_xlim() == pytest.approx((-0.7, 0.7))                 # centred on zero, like the web map
    plt.close(fig)
    web = brain.cortex_map(vals, colorbar_title="r")
    png = brain.cortex_print_png(web.data[0].meta["dmnlab_cortex"], web.data[0].intensity, dpi=40)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="intensity must have one value per coloured vertex"):
        brain.cortex_print_png(web.data[0].meta["dmnlab_cortex"], np.zeros(5))
    with pytest.raises(ValueError, match="meta must be"):
        brain.cortex_print_png({}, web.data[0].intensity)


@pytest.mark.browser
def test_static_cortex_map_draws_with_one_webgl_canvas_hovers_and_updates(browser, tmp_path):
    """The seed demo as the book draws it (dmnlab_demo.js + plotly's gl3d bundle, from disk):
    one canvas, hover names the region and its value, and a new state changes only the colours."""
    root = pathlib.Path(__file__).resolve().parents[1]
    shutil.copy(root / "src" / "dmnlab" / "static" / "dmnlab_demo.js", tmp_path)
    shutil.copy(root / "node_modules" / "plotly.js-gl3d-dist-min" / "plotly-gl3d.min.js", tmp_path)
    os.environ["DMNLAB_RENDER"] = "static"
    try:
        html = _seed_demo().static_html()
    finally:
        del os.environ["DMNLAB_RENDER"]
    (tmp_path / "page.html").write_text(
        '<html><head><meta name="viewport" content="width=device-width"><script src="dmnlab_demo.js"></script>'
        f'</head><body style="margin:0 10px">{html}</body></html>')
    page = browser.new_page(viewport={"width": 800, "height": 1000})
    page.goto((tmp_path / "page.html").as_uri() + "?dmnlab-draw=all")
    page.wait_for_function("() => document.documentElement.hasAttribute('data-dmnlab-drawn-all')", timeout=60000)
    assert page.evaluate("document.querySelectorAll('figure.dmnlab-demo canvas').length") == 1
    page.evaluate("""() => { window.hov = []; const gd = document.querySelector('.dmnlab-plot');
        gd.on('plotly_hover', e => e.points.forEach(p => window.hov.push([p.curveNumber, p.text, p.intensity]))); }""")
    box = page.evaluate("() => { const r = document.querySelector('.dmnlab-plot').getBoundingClientRect();"
                        " return [r.x, r.y, r.width]; }")
    x0, y0, width = box
    for fx, fy in ((0.38, 200), (0.62, 200), (0.38, 300), (0.62, 300)):   # points of the four views
        page.mouse.move(x0 + fx * width - 4, y0 + fy - 4)
        page.wait_for_timeout(80)
        page.mouse.move(x0 + fx * width, y0 + fy)
        page.wait_for_timeout(250)
    hov = page.evaluate("window.hov")
    named = [h for h in hov if h[0] == 0]
    assert named, f"no hover on the cortex: {hov}"
    labels = set(load_regions(94)["label"])
    assert all(t in labels and isinstance(v, float) for _, t, v in named)
    before = page.evaluate("() => { const d = document.querySelector('.dmnlab-plot')._fullData;"
                           " return [Array.from(d[0].intensity), Array.from(d[0].x), Array.from(d[1].x)]; }")
    page.focus("figure.dmnlab-demo")
    page.keyboard.press("ArrowUp")                                     # second control: GSR on
    page.wait_for_timeout(400)
    after = page.evaluate("() => { const d = document.querySelector('.dmnlab-plot')._fullData;"
                          " return [Array.from(d[0].intensity), Array.from(d[0].x), Array.from(d[1].x)]; }")
    assert after[1] == before[1] and after[2] == before[2]
    changed = np.abs(np.array(after[0]) - np.array(before[0]))
    assert changed.max() > 0.05 and len(after[0]) == len(before[0])
    page.close()
