"""A vocabulary quiz: a term's definition, four terms to choose from."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jnt_fresque.cards.model import TermCard
from jnt_fresque.i18n import Lang, Translator

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Decks


@dataclass(frozen=True)
class QuizQuestion:
    """A definition, the terms offered, and the right one."""

    definition: str
    options: tuple[str, ...]
    answer: str

    def check(self, choice: str | None) -> bool:
        return choice == self.answer


def quiz_questions(
    decks: Decks, *, count: int = 5, options: int = 4, seed: int | None = None, lang: Lang = "fr"
) -> list[QuizQuestion]:
    """``count`` questions drawn from the vocabulary deck (reproducible with ``seed``)."""
    rng = random.Random(seed)
    terms = [c for c in decks.cards("term") if isinstance(c, TermCard)]
    out = []
    for card in rng.sample(terms, min(count, len(terms))):
        others = rng.sample([c for c in terms if c.id != card.id], options - 1)
        offered = [c.title.get(lang) for c in [card, *others]]
        rng.shuffle(offered)
        out.append(QuizQuestion(card.definition.get(lang), tuple(offered), card.title.get(lang)))
    return out


class Quiz:
    """The quiz as widgets: one question at a time, a score at the end.

    Examples
    --------
    >>> from jnt_fresque import default_decks
    >>> quiz = Quiz(default_decks(), count=2, seed=1)
    >>> quiz.answer(quiz.current.answer), quiz.score
    (True, 1)
    """

    def __init__(self, decks: Decks, *, count: int = 5, seed: int | None = None, lang: Lang = "fr"):
        self.questions = quiz_questions(decks, count=count, seed=seed, lang=lang)
        self.lang = lang
        self.index = 0
        self.score = 0
        self._widget: Any = None

    @property
    def current(self) -> QuizQuestion:
        return self.questions[min(self.index, len(self.questions) - 1)]

    @property
    def done(self) -> bool:
        return self.index >= len(self.questions)

    def answer(self, choice: str | None) -> bool:
        """Answer the current question and move to the next; True when right."""
        right = self.current.check(choice)
        self.score += right
        self.index += 1
        return right

    @property
    def widget(self) -> Any:
        """The quiz to display: the definition, the terms, a button, the feedback."""
        if self._widget is None:
            self._widget = self._build()
        return self._widget

    def _build(self) -> Any:
        import ipywidgets as w  # type: ignore[import-untyped]

        said = Translator(self.lang)
        text = w.HTML()
        choices = w.RadioButtons(options=[], layout=w.Layout(width="auto"))
        button = w.Button(description=said("widget_quiz_check"), button_style="primary")
        feedback = w.HTML()

        def show() -> None:
            if self.done:
                total = len(self.questions)
                text.value = f"<b>{said('widget_quiz_score', score=self.score, total=total)}</b>"
                choices.layout.display = "none"
                button.disabled = True
                return
            text.value = f"<p><i>{self.current.definition}</i></p>"
            choices.options = self.current.options
            choices.value = None

        def on_click(_: Any) -> None:
            expected = self.current.answer
            right = self.answer(choices.value)
            feedback.value = (
                said("widget_quiz_right") if right else said("widget_quiz_wrong", expected=expected)
            )
            show()

        button.on_click(on_click)
        show()
        return w.VBox([text, choices, button, feedback])
