"""Facts as data: every number or date the course states in more than one place, and every
regulatory fact, comes from one table, ``data/facts.csv``.

Columns: ``id`` (snake_case), ``value`` (exactly as the course writes it, e.g. ``7.4`` or
``5 March 2019``), ``unit``, ``kind`` (number / date / regulatory / text), ``statement`` (what the
value is), ``sources`` (keys into ``book/references.bib``, separated by ``;``), ``status`` (see
:data:`STATUSES`), ``checked`` (what was read to check it), ``as_of`` (the date it was last
checked, YYYY-MM-DD; required for regulatory facts), ``detect`` (optional: a regular expression
with one group that finds this fact written out in the built book; every match must equal
``value``), ``note``.

Prose cites a fact with the MyST role ``{fact}`7.4 <nnt_transform_pooled>``` : the value as
written, then the fact's id (``{fact-nocite}`` leaves out the citation when the sentence already
has it). The book build checks that the written value equals the table's
value (and renders it with its source and status); in JupyterLab the reader still sees the
number. Text that Python renders (claims, quizzes, captions) uses the same form and goes through
:func:`fill`. ``tools/facts.py sync`` rewrites every written value from the table.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .data import load_table
from .validate import check_choice

__all__ = ["STATUSES", "KINDS", "Fact", "load_facts", "fact", "fill", "FACT_ROLE", "FactMismatch"]

#: What a value's status means. Defined once; data/README.md and the book's facts page show it.
STATUSES = {
    "verified": "read in the primary source itself (abstract, full text, a table of the paper, the label or "
                "the agency's own announcement); the `checked` field says what was read",
    "secondary": "read in a named secondary compilation (a review's table, a curated database, a reference "
                 "work) that cites the primary source; the `checked` field names the compilation",
    "model": "a modelling choice or calibration, not a published value; the note says what it was chosen from",
    "unverified": "not yet checked against a source that could be read; shown flagged, and never used in a "
                  "quiz answer, a claim verdict or a model test",
}

KINDS = ("number", "date", "regulatory", "text")

_COLUMNS = ["id", "value", "unit", "kind", "statement", "sources", "status", "checked", "as_of", "detect", "note"]

#: ``{fact}`written <id>``` (also accepted: ``{fact}`id``` alone, rendered from the table).
FACT_ROLE = re.compile(r"\{fact(-nocite)?\}`(?:([^`<]*?)\s*<([a-z0-9_]+)>|([a-z0-9_]+))`")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FactMismatch(ValueError):
    """A value written in the course differs from the value registered in data/facts.csv."""


@dataclass(frozen=True)
class Fact:
    id: str
    value: str
    unit: str
    kind: str
    statement: str
    sources: tuple
    status: str
    checked: str
    as_of: str
    detect: str
    note: str

    @property
    def number(self) -> float:
        """The value as a float (for a number fact); ValueError otherwise."""
        try:
            return float(self.value.replace(",", "").replace("−", "-"))
        except ValueError:
            raise ValueError(f"fact {self.id!r} has the value {self.value!r}, which is not a number") from None

    def text(self, with_unit: bool = True) -> str:
        """The value as the course writes it, with its unit (``58.7%``, ``2.56 h``)."""
        if not with_unit or not self.unit:
            return self.value
        return f"{self.value}{self.unit}" if self.unit.startswith("%") else f"{self.value} {self.unit}"


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    df = load_table("facts.csv", as_text=True)
    missing = [c for c in _COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"data/facts.csv lacks the columns {missing}")
    out = {}
    for i, r in df.iterrows():
        where = f"data/facts.csv row {i + 2} ({r['id']!r})"
        if not _ID.match(str(r["id"])):
            raise ValueError(f"{where}: id must be snake_case (a-z, 0-9, _)")
        if r["id"] in out:
            raise ValueError(f"{where}: duplicate id")
        if str(r["status"]) not in STATUSES:
            raise ValueError(f"{where}: status must be one of {list(STATUSES)}; got {r['status']!r}")
        if str(r["kind"]) not in KINDS:
            raise ValueError(f"{where}: kind must be one of {list(KINDS)}; got {r['kind']!r}")
        if not str(r["value"]).strip():
            raise ValueError(f"{where}: value is empty")
        if not str(r["sources"]).strip():
            raise ValueError(f"{where}: sources is empty (give at least one key of book/references.bib)")
        as_of = str(r["as_of"]).strip()
        if r["kind"] == "regulatory" and not as_of:
            raise ValueError(f"{where}: a regulatory fact needs as_of, the date it was last checked (YYYY-MM-DD)")
        if as_of and not _DATE.match(as_of):
            raise ValueError(f"{where}: as_of must be a date YYYY-MM-DD; got {as_of!r}")
        if r["detect"]:
            try:
                if re.compile(str(r["detect"])).groups != 1:
                    raise ValueError(f"{where}: detect must have exactly one group")
            except re.error as exc:
                raise ValueError(f"{where}: detect is not a valid regular expression ({exc})") from None
        out[r["id"]] = Fact(
            id=str(r["id"]), value=str(r["value"]).strip(), unit=str(r["unit"]).strip(), kind=str(r["kind"]),
            statement=str(r["statement"]).strip(),
            sources=tuple(k for k in re.split(r"[;,\s]+", str(r["sources"])) if k),
            status=str(r["status"]), checked=str(r["checked"]).strip(), as_of=as_of,
            detect=str(r["detect"]).strip(), note=str(r["note"]).strip())
    return out


def load_facts() -> dict:
    """Every registered fact, by id (checked: known status and kind, dates, regexes)."""
    return dict(_table())


def fact(fact_id: str) -> Fact:
    """One registered fact, e.g. ``fact("nnt_transform_pooled").number``."""
    table = _table()
    check_choice("fact_id", fact_id, sorted(table))
    return table[fact_id]


def fill(text: str, *, markup: str = "plain") -> str:
    """Replace every ``{fact}`written <id>``` in ``text``.

    The written value is checked against the table (:class:`FactMismatch` if it differs). With
    ``markup="plain"`` the role becomes the bare value (for HTML, quizzes, captions); with
    ``markup="myst"`` it is left as the role, for the book to render with its source.
    """
    check_choice("markup", markup, ["plain", "myst"])
    table = _table()

    def rep(m: re.Match) -> str:
        nocite, written, fid = m.group(1) or "", *((m.group(2), m.group(3)) if m.group(3) else (None, m.group(4)))
        if fid not in table:
            raise FactMismatch(f"{{fact}}`{fid}` is not in data/facts.csv; register it there first")
        f = table[fid]
        if written is not None and written.strip() != f.value:
            raise FactMismatch(
                f"fact {fid!r}: the text says {written.strip()!r} but data/facts.csv says {f.value!r}; "
                "run `tools/facts.py sync` or correct the table")
        if markup == "myst":
            return f"{{fact{nocite}}}`{f.value} <{fid}>`"
        return f.value

    return FACT_ROLE.sub(rep, text)
