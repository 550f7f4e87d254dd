"""dmnlab: the course library of *Default Mode*.

Models are pure functions of numbers (``dmnlab.models``); figures and demos render live in
JupyterLab and static in the book (``dmnlab.show``). Every public function checks its input
and raises ``ValueError`` naming the parameter and the allowed range.
"""

from .evidence import claim_box, grade_legend, load_claims, safety_note
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
    "grade_legend",
    "load_claims",
    "quiz",
    "render_mode",
    "safety_note",
    "show",
]
