"""Write data/brain_mesh.json: the light cortical mesh of the 3D brain figures.

nilearn's fsaverage5 pial surface (both hemispheres, shipped with nilearn), decimated by vertex
clustering on a 7 mm grid (dmnlab.brain._decimate). Cached as a file because reading the
surfaces takes seconds and every chapter with a 3D brain needs it.
    .venv/bin/python tools/make_brain_mesh.py && make checksums
"""
import json
import pathlib

from dmnlab.brain import _mesh_from_fsaverage

ROOT = pathlib.Path(__file__).resolve().parents[1]
v, f = _mesh_from_fsaverage(7.0, "pial")
out = ROOT / "data" / "brain_mesh.json"
out.write_text(json.dumps({
    "source": "nilearn fsaverage5 pial surface (FreeSurfer fsaverage; Fischl 2012), both hemispheres, "
              "vertex-clustering decimation on a 7 mm grid (tools/make_brain_mesh.py)",
    "space": "MNI152 mm (fsaverage)",
    "vertices": v.round(1).tolist(), "faces": f.tolist()}, separators=(",", ":")))
print(f"wrote {out} ({len(v)} vertices, {len(f)} faces, {out.stat().st_size / 1e3:.0f} kB)")
