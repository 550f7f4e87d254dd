"""dmnlab: the course library of *Default Mode*.

Models are pure functions of numbers (``dmnlab.models``); figures and demos render live in
JupyterLab and static in the book (``dmnlab.show``). Every public function checks its input
and raises ``ValueError`` naming the parameter and the allowed range.
"""

import sys as _sys

# plotly's FigureWidget imports nbformat, hence jsonschema, whose optional IRI-format checker
# (the rfc3987_syntax package) compiles a grammar when imported: about 2.5 s of CPU in every
# kernel that shows a live demo. The course never validates IRIs, so the kernel skips that
# optional checker (jsonschema treats the module as absent). Nothing else changes.
_sys.modules.setdefault("rfc3987_syntax", None)

from .evidence import claim_box, claim_group, grade_legend, load_claims, safety_note
from .facts import fact
from .interact import Choice, Demo, Slider, Toggle
from .quiz import quiz
from .render import OKABE_ITO, StaticFigure, render_mode, show

__version__ = "0.1.0"

__all__ = [
    "Choice",
    "Demo",
    "OKABE_ITO",
    "Slider",
    "StaticFigure",
    "Toggle",
    "claim_box",
    "claim_group",
    "fact",
    "grade_legend",
    "load_claims",
    "quiz",
    "render_mode",
    "safety_note",
    "show",
]
