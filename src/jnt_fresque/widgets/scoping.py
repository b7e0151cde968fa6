"""The key questions as a form; its answer is the twin profile (`jnt_fresque.scoping`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jnt_fresque.cards.vocab import FAMILY_LABELS
from jnt_fresque.i18n import Lang

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Decks
    from jnt_fresque.scoping import TwinProfile


class ScopingForm:
    """One control per key question, grouped by family, and the profile they give.

    Examples
    --------
    >>> form = ScopingForm()
    >>> form.choose("q-usage-objectif", ["exploiter"])
    >>> form.profile().implementation
    'entity'
    """

    def __init__(self, decks: Decks | None = None, *, lang: Lang = "fr") -> None:
        from jnt_fresque.scoping import questions

        self.questions = questions(decks)
        self.decks = decks
        self.lang = lang
        self.answers: dict[str, list[str]] = {}
        self._widget: Any = None
        self._controls: dict[str, Any] = {}

    def choose(self, question: str, answers: list[str]) -> None:
        """Set the answers to ``question`` (an empty list clears it)."""
        if answers:
            self.answers[question] = list(answers)
        else:
            self.answers.pop(question, None)
        control = self._controls.get(question)
        if control is not None:
            control.value = (
                tuple(answers) if hasattr(control, "rows") else (answers[0] if answers else None)
            )

    def profile(self) -> TwinProfile:
        """The twin profile of the answers so far."""
        from jnt_fresque.scoping import profile

        return profile(self.answers, decks=self.decks)

    @property
    def widget(self) -> Any:
        """An accordion of the six families and the canvas, updated on every answer."""
        if self._widget is not None:
            return self._widget
        import ipywidgets as w  # type: ignore[import-untyped]

        canvas = w.Output()

        def update(*_: Any) -> None:
            for question_id, control in self._controls.items():
                value = control.value
                chosen = list(value) if isinstance(value, tuple) else ([value] if value else [])
                if chosen:
                    self.answers[question_id] = chosen
                else:
                    self.answers.pop(question_id, None)
            canvas.clear_output()
            with canvas:
                from IPython.display import Markdown, display

                display(Markdown(self.profile().to_markdown(self.lang)))  # type: ignore[no-untyped-call]

        families: dict[str, list[Any]] = {family: [] for family in FAMILY_LABELS}
        for card in self.questions:
            options = [(a.label.get(self.lang), a.id) for a in card.answers]
            title = w.HTML(f"<b>{card.title.get(self.lang)}</b>")
            if card.multiple:
                control: Any = w.SelectMultiple(options=options, rows=min(len(options), 6))
            else:
                control = w.Dropdown(options=[("—", None), *options], value=None)
            control.observe(update, names="value")
            self._controls[card.id] = control
            families[card.family].extend([title, control])
        families = {family: items for family, items in families.items() if items}
        accordion = w.Accordion(children=[w.VBox(items) for items in families.values()])
        for i, family in enumerate(families):
            accordion.set_title(i, FAMILY_LABELS[family].get(self.lang))
        update()
        self._widget = w.HBox([accordion, canvas])
        return self._widget
