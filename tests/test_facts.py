"""Facts as data (data/facts.csv): one source for every repeated number and every regulatory fact.

The text cites a fact as {fact}`value <id>`; these tests check that every such use matches the
table, that every fact's sources exist in references.bib, and that the built book shows no
registered fact with another value (the role's own rendering and each fact's `detect` pattern).
"""

import html
import re
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import facts as facts_tool  # noqa: E402

from dmnlab import facts  # noqa: E402


def bib_keys() -> set:
    return set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "book" / "references.bib").read_text(), re.M))


def test_table_loads_with_known_statuses_and_kinds():
    table = facts.load_facts()
    assert table, "data/facts.csv is empty"
    for f in table.values():
        assert f.status in facts.STATUSES and f.kind in facts.KINDS
        if f.kind == "regulatory":
            assert f.as_of, f"{f.id}: a regulatory fact needs the date it was checked"


def test_every_source_key_is_in_the_bibliography():
    keys = bib_keys()
    missing = {f.id: [k for k in f.sources if k not in keys] for f in facts.load_facts().values()}
    missing = {k: v for k, v in missing.items() if v}
    assert not missing, f"facts cite keys missing from book/references.bib: {missing}"


def test_every_written_fact_matches_the_table():
    assert facts_tool.check() == []


def test_fill_checks_and_renders():
    f = next(iter(facts.load_facts().values()))
    assert facts.fill(f"a {{fact}}`{f.value} <{f.id}>` b") == f"a {f.value} b"
    assert facts.fill(f"{{fact-nocite}}`{f.id}`", markup="myst") == f"{{fact-nocite}}`{f.value} <{f.id}>`"
    with pytest.raises(facts.FactMismatch, match=f.id):
        facts.fill(f"{{fact}}`not-{f.value} <{f.id}>`")
    with pytest.raises(facts.FactMismatch, match="not in data/facts.csv"):
        facts.fill("{fact}`1 <no_such_fact_anywhere>`")
    with pytest.raises(ValueError, match="markup"):
        facts.fill("x", markup="latex")


@pytest.mark.book
def test_built_book_shows_every_fact_with_its_registered_value(built_book):
    table = facts.load_facts()
    seen = set()
    pages = sorted(built_book.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for fid, shown in re.findall(r'<a class="dmnlab-fact[^"]*" data-fact="([^"]+)"[^>]*>([^<]*)</a>', text):
            seen.add(fid)
            assert html.unescape(shown) == table[fid].value, f"{page.name}: fact {fid} shown as {shown!r}"
    detectors = [(f, re.compile(f.detect)) for f in table.values() if f.detect]
    for page in pages:
        if page.name in ("facts.html", "errata.html"):  # the errata page quotes old, corrected values
            continue
        plain = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        plain = re.sub(r"\s+", " ", plain)
        for f, rx in detectors:
            for m in rx.finditer(plain):
                assert m.group(1) == f.value, (
                    f"{page.relative_to(built_book)}: {f.id} appears as {m.group(1)!r} "
                    f"(table: {f.value!r}) in: ...{plain[max(0, m.start() - 60):m.end() + 20]}...")
    assert seen, "no fact is rendered anywhere in the book"


def test_a_wrong_written_value_fails_the_build(tmp_path):
    """The book refuses a page that writes a registered fact with another value."""
    f = next(iter(facts.load_facts().values()))
    book = tmp_path / "book"
    (book / "_ext").mkdir(parents=True)
    (book / "_ext" / "dmnlab_facts.py").write_text((ROOT / "book/_ext/dmnlab_facts.py").read_text())
    (book / "references.bib").write_text((ROOT / "book/references.bib").read_text())
    (book / "_config.yml").write_text(textwrap.dedent("""
        title: t
        bibtex_bibfiles: [references.bib]
        sphinx:
          local_extensions:
            dmnlab_facts: _ext
        """))
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (book / "intro.md").write_text(f"# T\n\nIt is {{fact}}`{f.value}0 <{f.id}>`.\n\n```{{footbibliography}}\n```\n")
    jb = str(__import__("pathlib").Path(sys.executable).with_name("jupyter-book"))
    r = subprocess.run([jb, "build", str(book), "--warningiserror", "--quiet"], capture_output=True, text=True)
    assert r.returncode != 0, "a page with a wrong fact value must not build"
    assert "data/facts.csv says" in r.stdout + r.stderr
