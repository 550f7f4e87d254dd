"""Keep the course's text in step with data/facts.csv.

    .venv/bin/python tools/facts.py check   # every {fact}`value <id>` in the sources matches the table
    .venv/bin/python tools/facts.py sync    # rewrite every written value from the table
    .venv/bin/python tools/facts.py where ID  # where a fact is used

Sources scanned: the notebooks' markdown cells, the book's .md pages, data/claims.csv,
data/quizzes/*.json, src/dmnlab (captions and readouts) and instructor/ (the lecturer's pack).
"""
from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dmnlab.facts import FACT_ROLE, load_facts  # noqa: E402


def sources() -> list[pathlib.Path]:
    files = [*sorted((ROOT / "notebooks").glob("*.ipynb")), *sorted((ROOT / "book").glob("*.md")),
             ROOT / "data" / "claims.csv", *sorted((ROOT / "data" / "quizzes").glob("*.json")),
             *sorted((ROOT / "src" / "dmnlab").rglob("*.py")), *sorted((ROOT / "instructor").rglob("*.md"))]
    files = [f for f in files if f.name != "facts.py"]  # the module that defines the role
    return [f for f in files if f.is_file()]


def uses(text: str):
    """(written value or None, id, match) for every fact role in ``text``."""
    for m in FACT_ROLE.finditer(text):
        if m.group(4):
            yield None, m.group(4), m
        else:
            yield m.group(2).strip(), m.group(3), m


def check() -> list[str]:
    table = load_facts()
    problems = []
    for f in sources():
        text = f.read_text(encoding="utf-8")
        for written, fid, _ in uses(text):
            rel = f.relative_to(ROOT)
            if fid not in table:
                problems.append(f"{rel}: fact {fid!r} is not registered in data/facts.csv")
            elif written is not None and written != table[fid].value:
                problems.append(f"{rel}: fact {fid!r} is written {written!r}; the table says {table[fid].value!r}")
    return problems


def sync() -> int:
    table = load_facts()
    changed = 0
    for f in sources():
        text = f.read_text(encoding="utf-8")

        def rep(m, f=f):
            nocite, fid = m.group(1) or "", m.group(3) or m.group(4)
            if fid not in table:
                return m.group(0)
            value = table[fid].value
            if f.suffix in (".ipynb", ".json"):  # inside JSON strings
                value = json.dumps(value)[1:-1]
            return f"{{fact{nocite}}}`{value} <{fid}>`"

        new = FACT_ROLE.sub(rep, text)
        if new != text:
            f.write_text(new, encoding="utf-8")
            changed += 1
            print(f"updated {f.relative_to(ROOT)}")
    return changed


def where(fid: str) -> None:
    for f in sources():
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if f"<{fid}>`" in line or f"`{fid}`" in line:
                print(f"{f.relative_to(ROOT)}:{i}: {line.strip()[:140]}")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "check"
    if cmd == "check":
        probs = check()
        print("\n".join(probs) or "every written fact matches data/facts.csv")
        sys.exit(1 if probs else 0)
    elif cmd == "sync":
        print(f"{sync()} files updated")
    elif cmd == "where" and len(sys.argv) == 3:
        where(sys.argv[2])
    else:
        sys.exit(__doc__)
