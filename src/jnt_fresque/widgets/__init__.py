"""ipywidgets pieces for the notebooks and the Voilà dashboards.

Each piece is a small class: the logic it needs lives in plain methods (tested
without a browser), ``widget`` is what a notebook displays.

- `Quiz` — a vocabulary quiz: a definition, four terms, one right;
- `BoardWidget` — link use cases to data cards, written to the workshop store;
- `ResultsBoard` — a session's rankings, stability and data demand;
- `ScopingForm` — the key questions as a form, the twin profile as its answer;
- `show_deck` — a pydeck map that draws without internet (deck.gl inlined);
- `WaterControls` — break a pipe or stop a pump, and see who loses pressure;
- `LiveTwin` — from a workshop's cards to a live twin: skeleton, live replay, alerts, history.
"""

from __future__ import annotations

from jnt_fresque.widgets.board import BoardWidget
from jnt_fresque.widgets.deck import deck_frame, show_deck
from jnt_fresque.widgets.live import LiveTwin
from jnt_fresque.widgets.quiz import Quiz, QuizQuestion, quiz_questions
from jnt_fresque.widgets.results import ResultsBoard
from jnt_fresque.widgets.scoping import ScopingForm
from jnt_fresque.widgets.twin import WaterControls

__all__ = [
    "BoardWidget",
    "LiveTwin",
    "Quiz",
    "QuizQuestion",
    "ResultsBoard",
    "ScopingForm",
    "WaterControls",
    "deck_frame",
    "quiz_questions",
    "show_deck",
]
