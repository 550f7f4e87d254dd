"""Brain figures: nodes on a glass brain (nilearn, static image) and in a rotatable 3D brain
(plotly: a light fsaverage5 mesh plus markers, offline, no nilearn ``view_*`` HTML).

All coordinates are MNI152 millimetres: x left(-)/right(+), y posterior(-)/anterior(+),
z inferior(-)/superior(+).
"""

from __future__ import annotations

import functools

import numpy as np

from .render import OKABE_ITO, plotly_template
from .validate import check_array, check_number

__all__ = ["brain_mesh", "brain_3d", "glass_brain", "network_colors"]


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
                text=None if text is None else list(text), hovertemplate="%{text}<br>(%{x:.0f}, %{y:.0f}, %{z:.0f}) mm<extra></extra>"
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
        raise ValueError(f"display_mode must be a nilearn glass-brain mode such as 'ortho' or 'lzry'; got {display_mode!r}")
    fig = plt.figure(figsize=(9, 2.8) if len(display_mode) > 2 else (6, 2.8))
    plotting.plot_connectome(
        np.zeros((n, n)), xyz, node_color=colors, node_size=size, display_mode=display_mode,
        figure=fig, title=title or None, annotate=True, colorbar=False,
    )
    return fig


