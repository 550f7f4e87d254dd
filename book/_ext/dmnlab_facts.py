"""Facts as data in the book: the ``{fact}`` role and the facts page.

``{fact}`7.4 <nnt_transform_pooled>``` renders the value of the fact ``nnt_transform_pooled``
from ``data/facts.csv`` with its citation, and fails the build (a warning, and the book builds
with warnings as errors) when the written value differs from the table. ``{fact-nocite}`` does
the same without the citation, for a sentence that already cites the source. A fact that is not
verified carries a visible marker; a regulatory fact the date it was last checked. Every rendered
value links to its row of the facts page (``{dmnlab-facts}`` directive), which lists every fact
with its statement, status, what was checked and its sources.
"""

from __future__ import annotations

import html

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

FACTS_DOC = "facts"
_MARK = {"unverified": "unverified", "model": "model value"}


def _table():
    from dmnlab import facts

    return facts, facts.load_facts()


def _parse(text: str):
    """``written <id>`` or ``id``."""
    text = text.strip()
    if text.endswith(">") and "<" in text:
        written, fid = text[:-1].rsplit("<", 1)
        return written.strip(), fid.strip()
    return None, text


def _fact_role(cite: bool):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        facts, table = _table()
        written, fid = _parse(text)
        if fid not in table:
            msg = inliner.reporter.warning(f"{{fact}}: {fid!r} is not registered in data/facts.csv", line=lineno)
            return [inliner.problematic(rawtext, rawtext, msg)], [msg]
        f = table[fid]
        if written is not None and written != f.value:
            msg = inliner.reporter.warning(
                f"{{fact}} {fid!r}: the text says {written!r} but data/facts.csv says {f.value!r} "
                "(run tools/facts.py sync, or correct the table)", line=lineno)
            return [inliner.problematic(rawtext, rawtext, msg)], [msg]
        env = inliner.document.settings.env
        tip = f"{f.statement} Status: {f.status}" + (f"; checked {f.as_of}" if f.as_of else "") + "."
        span = (f'<a class="dmnlab-fact dmnlab-fact-{f.status}" data-fact="{html.escape(fid)}" '
                f'href="{_facts_uri(env)}#fact-{fid.replace("_", "-")}" title="{html.escape(tip, quote=True)}">'
                f"{html.escape(f.value)}</a>")
        out = [nodes.raw("", span, format="html")]
        tail = []
        if f.status in _MARK:
            tail.append(_MARK[f.status])
        if f.kind == "regulatory" and f.as_of:
            tail.append(f"checked {f.as_of}")
        if tail:
            out.append(nodes.raw("", f' <span class="dmnlab-fact-note">({html.escape("; ".join(tail))})</span>',
                                 format="html"))
        msgs = []
        if cite and f.sources:
            parsed, msgs = inliner.parse(" {footcite:p}`" + ",".join(f.sources) + "`", lineno, None, None) \
                if hasattr(inliner, "parse") else ([], [])
            out.extend(parsed)
        return out, msgs

    return role


def _facts_uri(env) -> str:
    """Relative address of the facts page from the page being read."""
    docname = env.docname
    depth = docname.count("/")
    return "../" * depth + f"{FACTS_DOC}.html"


class FactsTableDirective(SphinxDirective):
    """The registered facts of one kind (``number``, ``date``, ``regulatory``, ``text``), or the
    meaning of each status (``statuses``): value, statement, status, what was checked, as of, sources."""

    has_content = False
    required_arguments = 1

    def run(self):
        facts, table = _table()
        kind = self.arguments[0]
        lines = []
        if kind == "statuses":
            for status, meaning in facts.STATUSES.items():
                lines.append(f"- **{status}**: {meaning}")
        else:
            if kind not in facts.KINDS:
                raise self.error(f"dmnlab-facts: the argument must be 'statuses' or one of {facts.KINDS}")
            for f in sorted((f for f in table.values() if f.kind == kind), key=lambda x: x.id):
                anchor = "fact-" + f.id.replace("_", "-")
                asof = f"; checked {f.as_of}" if f.as_of else ""
                val = f.text()
                lines += [
                    f"({anchor})=",
                    f"**{val}** — {f.statement} *Status: {f.status}{asof}.* "
                    f"Checked against: {f.checked or 'not stated'}. "
                    + "{footcite:p}`" + ",".join(f.sources) + "`"
                    + (f" {f.note}" if f.note else ""),
                    "",
                ]
        node = nodes.section()
        node.document = self.state.document
        self.state.nested_parse(StringList(lines, source="data/facts.csv"), self.content_offset, node)
        return node.children


def setup(app):
    app.add_role("fact", _fact_role(cite=True))
    app.add_role("fact-nocite", _fact_role(cite=False))
    app.add_directive("dmnlab-facts", FactsTableDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
