"""Build the book: every notebook executed, warnings are errors, nothing from a CDN.

    .venv/bin/python tools/build_book.py [--force]   (what `make book` runs)

--force re-executes every notebook. Otherwise unchanged notebooks are reused from the
execution cache, as long as the course library (src/dmnlab), data/ and the pinned environment
are unchanged too.
Exit status is non-zero if Sphinx warned, a notebook failed, or a notebook page was not
executed (book/_ext/dmnlab_book.py checks that).
"""
import argparse
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
CACHE = ROOT / "book/_build/.jupyter_cache"
STAMP = ROOT / "book/_build/.inputs.sha256"


def inputs_digest() -> str:
    """Notebook outputs depend on more than the notebook: the course library, its data and
    the pinned environment. The execution cache is only reused while these are unchanged."""
    h = hashlib.sha256()
    files = sorted([*ROOT.glob("src/dmnlab/**/*.py"), *ROOT.glob("src/dmnlab/static/*"),
                    *ROOT.glob("data/**/*"), ROOT / "requirements-lock.txt"])
    for f in files:
        if f.is_file():
            h.update(str(f.relative_to(ROOT)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--force", action="store_true", help="re-execute every notebook (clear the cache)")
    ap.add_argument("--only", metavar="NN", help="build a small book of just one chapter (e.g. 03) in a temp folder")
    args = ap.parse_args(argv)
    if args.only:
        return build_one(args.only)
    digest = inputs_digest()
    stale = args.force or not STAMP.exists() or STAMP.read_text() != digest
    env = dict(os.environ, DMNLAB_RENDER="static", MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
    jb = pathlib.Path(sys.executable).with_name("jupyter-book")
    t0 = time.time()
    cmd = [str(jb), "build", ".", "--warningiserror", "--keep-going", "--quiet"]
    if stale:  # re-read every page and re-execute every notebook
        shutil.rmtree(CACHE, ignore_errors=True)
        STAMP.unlink(missing_ok=True)
        cmd.append("--all")
    rc = subprocess.call(cmd, cwd=ROOT / "book", env=env)  # the cache path in _config.yml is relative to here
    if rc == 0:
        STAMP.write_text(digest)
    print(f"book build: exit {rc} in {time.time() - t0:.0f} s -> book/_build/html/index.html")
    return rc


def build_one(nn: str) -> int:
    """A quick check of one chapter as the book renders it: its notebook (executed), the
    glossary and the references, with warnings as errors, in /tmp/dmnlab-book-NN."""
    import tempfile

    nbs = sorted((ROOT / "notebooks").glob(f"{nn}_*.ipynb"))
    if len(nbs) != 1:
        print(f"--only {nn}: expected one notebook notebooks/{nn}_*.ipynb, found {len(nbs)}")
        return 2
    out = pathlib.Path(tempfile.gettempdir()) / f"dmnlab-book-{nn}"
    shutil.rmtree(out, ignore_errors=True)
    (out / "notebooks").mkdir(parents=True)
    for name in ("_config.yml", "references.bib", "glossary.md", "data.md", "facts.md", "bibliography.md"):
        shutil.copy2(ROOT / "book" / name, out / name)
    (out / "intro.md").write_text(f"# Chapter {nn} on its own\n\nA check build of one chapter.\n")
    shutil.copytree(ROOT / "book" / "_ext", out / "_ext")
    if (ROOT / "book" / "_static").is_dir():  # the favicon and other static files the config names
        shutil.copytree(ROOT / "book" / "_static", out / "_static")
    ext = out / "_ext" / "dmnlab_book.py"
    ext.write_text(ext.read_text().replace(
        "ROOT = pathlib.Path(__file__).resolve().parents[2]", f"ROOT = pathlib.Path({str(ROOT)!r})"))
    shutil.copy2(nbs[0], out / "notebooks" / nbs[0].name)
    # chapters link to the Python primer (their prerequisites): include it so the links resolve
    extra = [p for p in sorted((ROOT / "notebooks").glob("A[0-9]_*.ipynb")) if p != nbs[0]]
    for p in extra:
        shutil.copy2(p, out / "notebooks" / p.name)
    (out / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n"
        f"  - file: notebooks/{nbs[0].stem}\n" + "".join(f"  - file: notebooks/{p.stem}\n" for p in extra)
        + "  - file: data\n  - file: facts\n  - file: glossary\n  - file: bibliography\n")
    env = dict(os.environ, DMNLAB_RENDER="static", MPLBACKEND="Agg")
    jb = pathlib.Path(sys.executable).with_name("jupyter-book")
    t0 = time.time()
    rc = subprocess.call([str(jb), "build", ".", "--warningiserror", "--keep-going", "--quiet"], cwd=out, env=env)
    print(f"chapter {nn}: exit {rc} in {time.time() - t0:.0f} s -> {out}/_build/html/notebooks/{nbs[0].stem}.html")
    return rc


if __name__ == "__main__":
    sys.exit(main())
