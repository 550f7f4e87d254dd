"""Binder / repo2docker, and the Zero to JupyterHub values, checked without a Docker engine.

repo2docker builds an image from the files at the repository's root: it picks a build pack from
the files it finds (the first match of Docker, Julia, Nix, R, conda, Pipfile, then Python), takes
the Python version from runtime.txt (default 3.10), runs `pip install -r requirements.txt`, then
`pip install .` when pyproject.toml declares a package, then postBuild
(repo2docker/buildpacks/python/__init__.py and base.py). These tests check that what it would read
builds this course's pinned environment, and that the classroom's Helm values and the README
quote the measured sizing (classroom/sizing.json).
"""

import importlib.metadata as md
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import ROOT

# Files that make repo2docker choose another build pack or look elsewhere for its configuration
# (a binder/ or .binder/ folder hides every file at the root).
OTHER_BUILDERS = ["Dockerfile", "environment.yml", "environment.yaml", "Pipfile", "Pipfile.lock",
                  "Project.toml", "JuliaProject.toml", "REQUIRE", "default.nix", "DESCRIPTION", "install.R",
                  "setup.py", "requirements3.txt", "binder", ".binder"]
# repo2docker's supported Python versions (repo2docker/buildpacks/conda/supported_python_version.py)
REPO2DOCKER_PYTHONS = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14")
REPO2DOCKER_DEFAULT_PYTHON = "3.10"  # CondaBuildPack.major_pythons["3"]


def tracked() -> set[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements-lock.txt: {line!r} is not pinned with =="
            pins[canon(name)] = version.strip()
    return pins


def canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_lines() -> list[str]:
    return [ln.split("#", 1)[0].strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()
            if ln.split("#", 1)[0].strip()]


def runtime_python() -> str:
    text = (ROOT / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+\.\d+)", text)
    assert m, f"runtime.txt should read python-X.Y, not {text!r}"
    return m.group(1)


# ---- what repo2docker reads ----------------------------------------------------------------------

def test_requirements_txt_at_the_root_and_nothing_that_picks_another_builder():
    files = tracked()
    assert "requirements.txt" in files
    found = [f for f in OTHER_BUILDERS if f in files or any(t.startswith(f + "/") for t in files)]
    assert not found, f"repo2docker would build from {found} instead of requirements.txt"


def test_every_requirement_is_pinned_and_agrees_with_the_lock():
    pins = lock()
    lines = requirement_lines()
    assert "-c requirements-lock.txt" in lines, "the constraints file must be applied"
    assert "-e ." in lines, "the course library is installed from the repository's root"
    for line in lines:
        if line in ("-c requirements-lock.txt", "-e ."):
            continue
        req = Requirement(line)
        spec = list(req.specifier)
        assert len(spec) == 1 and spec[0].operator == "==", f"not pinned: {line}"
        assert pins.get(canon(req.name)) == spec[0].version, \
            f"{req.name}: requirements.txt {spec[0].version}, requirements-lock.txt {pins.get(canon(req.name))}"


def test_the_lock_is_the_environment_the_tests_run_in():
    wrong = {}
    for name, version in lock().items():
        try:
            have = md.version(name)
        except md.PackageNotFoundError:
            have = None
        if have != version:
            wrong[name] = (version, have)
    assert not wrong, f"locked vs installed: {wrong}"


def test_runtime_txt_picks_a_python_every_pin_supports():
    py = runtime_python()
    assert py in REPO2DOCKER_PYTHONS
    assert py == f"{sys.version_info.major}.{sys.version_info.minor}", "runtime.txt should name the tested Python"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert Version(py) in SpecifierSet(requires), "repo2docker refuses a runtime.txt outside requires-python"

    def refusing(version: str) -> list[str]:
        out = []
        for name in lock():
            rp = md.metadata(name).get("Requires-Python")
            if rp and not SpecifierSet(rp).contains(Version(version + ".99"), prereleases=True):  # newest patch
                out.append(f"{name} ({rp})")
        return out

    assert not refusing(py)
    # Without runtime.txt repo2docker would build Python 3.10, which these pins refuse:
    assert refusing(REPO2DOCKER_DEFAULT_PYTHON), "runtime.txt is no longer needed; remove it (and this check)"


def test_the_in_place_install_is_the_one_the_course_uses():
    """`-e .` from the root: dmnlab is imported from src/ and finds data/ beside it."""
    # the installed distribution in site-packages (src/dmnlab.egg-info, which the editable build leaves
    # in the source tree, has no direct_url.json and comes first when src/ is on sys.path)
    site = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    found = list(md.distributions(name="dmnlab", path=site))
    assert found, f"dmnlab is not installed in {site[0]}: run `make setup` (pip install -e .)"
    direct = json.loads(found[0].read_text("direct_url.json") or "{}")
    assert direct.get("dir_info", {}).get("editable") is True, direct
    assert direct["url"].startswith("file://")
    src = ROOT / "src"
    out = subprocess.run([sys.executable, "-c", "import dmnlab, dmnlab.data as d; print(dmnlab.__file__); "
                          "print(d.DATA_DIR)"], capture_output=True, text=True, cwd="/", check=True,
                         env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DMNLAB_DATA")})
    module, data = out.stdout.split()
    assert module.startswith(str(src)), module
    assert (ROOT / "data" / "CHECKSUMS.json").samefile(os.path.join(data, "CHECKSUMS.json"))
    # pyproject.toml's license = "MIT" (PEP 639) needs setuptools >= 77 to build at all
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    st = next(Requirement(r) for r in build if canon(Requirement(r).name) == "setuptools")
    assert all(not st.specifier.contains(v) for v in ("68", "76.1")), f"build requires {st}: too old for PEP 639"


def test_postbuild_puts_the_in_place_install_back(tmp_path):
    """repo2docker runs `pip install .` after requirements.txt (pyproject.toml declares a package):
    a copy in site-packages, which cannot find data/. postBuild reinstalls in place."""
    post = ROOT / "postBuild"
    assert os.access(post, os.X_OK), "postBuild must be executable"
    mode = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-s", "postBuild"], capture_output=True,
                          text=True).stdout.split()
    assert mode and mode[0] == "100755", f"postBuild must be committed executable: {mode}"
    script = post.read_text()
    assert script.startswith("#!/bin/bash") and "set -euo pipefail" in script
    assert re.search(r"pip install .*--no-deps --editable \.$", script, re.M), script
    # What `pip install .` leaves behind: the package files in site-packages, the repository in the
    # image's working folder. Reproduced here by copying the package, as a wheel would install it.
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "src" / "dmnlab", site / "dmnlab")
    env = {k: v for k, v in os.environ.items() if k != "DMNLAB_DATA"}
    env["PYTHONPATH"] = str(site)
    out = subprocess.run([sys.executable, "-c", "import dmnlab.data as d; print(d.__file__); "
                          "print(d.DATA_DIR / 'CHECKSUMS.json'); print((d.DATA_DIR / 'CHECKSUMS.json').exists())"],
                         capture_output=True, text=True, cwd=ROOT, env=env, check=True).stdout.split()
    assert out[0].startswith(str(site)), out
    assert out[2] == "False", ("a site-packages copy of dmnlab now finds data/ by itself: postBuild is no "
                               f"longer needed; remove it and this test ({out[1]})")


def test_the_live_course_needs_no_node_modules():
    """node_modules holds the book's and the tests' JavaScript (package.json), not JupyterLab's:
    repo2docker installs none of it, and the live course does not need it. Every JupyterLab
    extension the live demos use ships prebuilt inside a pinned pip package."""
    for path in list((ROOT / "src").rglob("*.py")) + list((ROOT / "notebooks").glob("*.ipynb")):
        assert "node_modules" not in path.read_text(), f"{path.relative_to(ROOT)} refers to node_modules"
    pins = lock()
    for ext, dist in (("jupyterlab-plotly", "plotly"), ("@jupyter-widgets/jupyterlab-manager", "jupyterlab-widgets"),
                      ("anywidget", "anywidget")):
        files = md.distribution(dist).files or []
        assert any(str(f).endswith(f"share/jupyter/labextensions/{ext}/package.json") for f in files), \
            f"{ext} is not shipped by the pip package {dist}"
        assert canon(dist) in pins, f"{dist} is not pinned"


# ---- Zero to JupyterHub: the Helm values and the README quote the measured sizing ---------------

SIZING = json.loads((ROOT / "classroom" / "sizing.json").read_text())
VALUES = yaml.safe_load((ROOT / "classroom" / "z2jh-values.yaml").read_text())
README = (ROOT / "README.md").read_text()


def test_sizing_follows_from_the_measurements():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import hub

    derived = hub.derive_sizing(SIZING)
    assert derived == SIZING["per_student"], "classroom/sizing.json: per_student does not follow from its figures"
    per = SIZING["per_student"]
    assert per["memory_guarantee_mib"] >= SIZING["student_rss_mib"]["median"]
    assert per["memory_limit_mib"] >= SIZING["student_rss_mib"]["max"] * 1.25
    assert 0 < per["cpu_guarantee"] <= per["cpu_limit"]


def test_helm_values_carry_the_sizing():
    single = VALUES["singleuser"]
    want = SIZING["per_student"]["z2jh"]
    assert single["memory"]["guarantee"] == want["singleuser.memory.guarantee"]
    assert single["memory"]["limit"] == want["singleuser.memory.limit"]
    assert single["cpu"]["guarantee"] == want["singleuser.cpu.guarantee"]
    assert single["cpu"]["limit"] == want["singleuser.cpu.limit"]
    assert single["defaultUrl"] == "/lab"
    assert VALUES["cull"]["enabled"] is True and VALUES["cull"]["timeout"] > 0 and VALUES["cull"]["every"] > 0
    assert "default-mode" in single["image"]["name"]
    culling = single["extraFiles"]["dmnlab-server-config"]
    assert culling["mountPath"].startswith("/etc/jupyter/jupyter_server_config.d/")
    assert culling["data"]["MappingKernelManager"]["cull_idle_timeout"] > 0
    # The same keys exist in the chart (Zero to JupyterHub's values.yaml): nothing misspelt
    assert set(VALUES) <= {"singleuser", "cull", "scheduling", "prePuller", "hub", "proxy", "ingress"}
    assert set(single) <= {"image", "defaultUrl", "memory", "cpu", "extraFiles", "extraEnv", "storage",
                           "startTimeout", "lifecycleHooks", "profileList", "cmd"}


@pytest.mark.parametrize("key, fmt", [
    ("memory_guarantee_mib", "{} MiB"), ("memory_limit_mib", "{} MiB"), ("cpu_guarantee", "{} CPU"),
])
def test_readme_quotes_the_sizing(key, fmt):
    section = README.split("## Teaching with it", 1)[1].split("\n## ", 1)[0]
    quoted = fmt.format(SIZING["per_student"][key])
    assert quoted in section, f"README's classroom section should quote {quoted}"


def test_readme_quotes_the_measured_class():
    section = README.split("## Teaching with it", 1)[1].split("\n## ", 1)[0]
    for value in (SIZING["class_ready_s"], SIZING["student_rss_mib"]["median"], SIZING["server_rss_mib"]["median"],
                  SIZING["hub_proxy_rss_mib"]):
        assert f"{value:g}" in section, f"README's classroom section should quote {value}"
    assert SIZING["machine"].split(",")[0] in section, "README should name the machine the figures come from"
