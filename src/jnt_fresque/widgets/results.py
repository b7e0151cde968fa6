"""The workshop results as a dashboard: a poll, a way of counting, the top 10 and the data demand."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from jnt_fresque.i18n import Lang

if TYPE_CHECKING:
    from jnt_fresque.store import Store

COUNTS = ("approval", "borda", "condorcet")


class ResultsBoard:
    """Results of one session of ``store`` (default: the latest; a demonstration one if empty).

    Examples
    --------
    >>> from jnt_fresque.store import Store
    >>> board = ResultsBoard(Store("sqlite://"), participants=10)
    >>> len(board.ranking("uc")) == 10
    True
    """

    def __init__(
        self,
        store: Store,
        code: str | None = None,
        *,
        participants: int = 30,
        resamples: int = 100,
        lang: Lang = "fr",
    ) -> None:
        from jnt_fresque.interchange.demo import demo_session

        self.store = store
        sessions = store.sessions()
        if code is None:
            code = (
                sessions[0].session.code
                if sessions
                else demo_session(store, participants=participants)
            )
        self.code = code
        self.resamples = resamples
        self.lang = lang
        self._widget: Any = None

    def _title(self, card: str) -> str:
        try:
            return self.store.decks.card(card).title.get(self.lang)
        except KeyError:  # a card proposed during the session
            return card

    def ranking(
        self, poll: str, count: str | None = None, *, top: int = 10
    ) -> list[tuple[int, str, int, float | None]]:
        """(rank, title, approvals, stability) of the top cards of ``poll``."""
        from jnt_fresque.workshop.results import poll_results

        found = poll_results(
            self.store.snapshot(self.code),
            poll,
            count=count,  # type: ignore[arg-type]
            resamples=self.resamples,
        )
        return [
            (s.rank, self._title(s.card), s.approval, found.stability.get(s.card))
            for s in found.tally.top(top)
        ]

    def demand(self, *, top: int = 10) -> list[tuple[str, float, int]]:
        """(data card title, demand, makers) asked for by the voted use cases."""
        from jnt_fresque.workshop.results import poll_results

        found = poll_results(self.store.snapshot(self.code), "uc", resamples=0)
        return [(self._title(d.data), d.demand, d.makers) for d in found.demand[:top]]

    def html(self, poll: str, count: str | None = None) -> str:
        """The ranking as an HTML table."""
        rows = "".join(
            f"<tr><td>{rank}</td><td>{escape(title)}</td><td>{votes}</td>"
            f"<td>{'' if stable is None else f'{stable:.0%}'}</td></tr>"
            for rank, title, votes, stable in self.ranking(poll, count)
        )
        head = "<tr><th>#</th><th>carte</th><th>votes</th><th>stabilité</th></tr>"
        return f"<table class='jnt-ranking'>{head}{rows}</table>"

    @property
    def widget(self) -> Any:
        if self._widget is not None:
            return self._widget
        import ipywidgets as w  # type: ignore[import-untyped]

        fr = self.lang == "fr"
        poll = w.ToggleButtons(
            options=[
                ("Cas d’usage" if fr else "Use cases", "uc"),
                ("Données" if fr else "Data", "data"),
            ]
        )
        count = w.Dropdown(
            options=COUNTS, value="approval", description="Décompte" if fr else "Count"
        )
        table = w.HTML()
        demand = w.HTML(
            "<h3>Demande de données</h3><ol>"
            + "".join(f"<li>{escape(t)} ({d:.2f})</li>" for t, d, _ in self.demand())
            + "</ol>"
        )

        def refresh(*_: Any) -> None:
            table.value = self.html(poll.value, count.value)

        poll.observe(refresh, names="value")
        count.observe(refresh, names="value")
        refresh()
        self._widget = w.VBox([w.HBox([poll, count]), table, demand])
        return self._widget
