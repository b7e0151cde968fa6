"""The workshop results as a dashboard: a poll, a way of counting, the top 10 and the data demand."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from jnt_fresque.i18n import Lang, Translator, say

if TYPE_CHECKING:
    from jnt_fresque.store import Store

COUNTS = ("approval", "borda", "condorcet")
# The default: the poll's own method, as the app and the PDF report count it.
POLL_METHOD = "poll"


class ResultsBoard:
    """Results of one session of ``store`` (default: the latest).

    A store with no session stays empty and the board says so: demonstration data
    (simulated participants) is written only when asked for with ``demo=True``, never
    into a real database by surprise.

    Examples
    --------
    >>> from jnt_fresque.store import Store
    >>> ResultsBoard(Store("sqlite://")).code is None  # nothing made up
    True
    >>> board = ResultsBoard(Store("sqlite://"), demo=True, participants=10)
    >>> len(board.ranking("uc")) == 10
    True
    """

    def __init__(
        self,
        store: Store,
        code: str | None = None,
        *,
        demo: bool = False,
        participants: int = 30,
        resamples: int = 100,
        lang: Lang = "fr",
    ) -> None:
        self.store = store
        if code is None:
            sessions = store.sessions()
            if sessions:
                code = sessions[0].session.code
            elif demo:
                from jnt_fresque.interchange.demo import demo_session

                code = demo_session(store, participants=participants, lang=lang)
        self.code = code
        self.resamples = resamples
        self.lang = lang
        self._widget: Any = None

    @property
    def empty_message(self) -> str:
        """What the board says when its store holds no session."""
        from jnt_fresque.store.engine import shown_url

        return say("widget_results_empty", self.lang, where=shown_url(self.store.url))

    def _code(self) -> str:
        if self.code is None:
            raise LookupError(self.empty_message)
        return self.code

    def _title(self, card: str) -> str:
        try:
            return self.store.decks.card(card).title.get(self.lang)
        except KeyError:  # a card proposed during the session
            return card

    def counted_by(self, poll: str, count: str | None = None) -> str:
        """The method ``poll`` is ranked by: ``count``, or the poll's own (None)."""
        from jnt_fresque.workshop.tallies import default_count

        if count in (None, POLL_METHOD):
            return str(default_count(self.store.snapshot(self._code()).poll(poll).method))
        return str(count)

    def ranking(
        self, poll: str, count: str | None = None, *, top: int = 10
    ) -> list[tuple[int, str, int, float | None]]:
        """(rank, title, approvals, stability) of the top cards of ``poll``, counted by
        ``count`` or, by default, by the poll's own method (as the app and the report)."""
        from jnt_fresque.workshop.results import poll_results

        found = poll_results(
            self.store.snapshot(self._code()),
            poll,
            count=None if count == POLL_METHOD else count,  # type: ignore[arg-type]
            resamples=self.resamples,
        )
        return [
            (s.rank, self._title(s.card), s.approval, found.stability.get(s.card))
            for s in found.tally.top(top)
        ]

    def demand(self, *, top: int = 10) -> list[tuple[str, float, int]]:
        """(data card title, demand, makers) asked for by the voted use cases."""
        from jnt_fresque.workshop.results import poll_results

        found = poll_results(self.store.snapshot(self._code()), "uc", resamples=0)
        return [(self._title(d.data), d.demand, d.makers) for d in found.demand[:top]]

    def html(self, poll: str, count: str | None = None) -> str:
        """The ranking as an HTML table."""
        rows = "".join(
            f"<tr><td>{rank}</td><td>{escape(title)}</td><td>{votes}</td>"
            f"<td>{'' if stable is None else f'{stable:.0%}'}</td></tr>"
            for rank, title, votes, stable in self.ranking(poll, count)
        )
        columns = ("widget_results_col_card", "widget_results_col_votes",
                   "widget_results_col_stability")  # fmt: skip
        head = (
            "<tr><th>#</th>" + "".join(f"<th>{say(c, self.lang)}</th>" for c in columns) + "</tr>"
        )
        return f"<table class='jnt-ranking'>{head}{rows}</table>"

    @property
    def widget(self) -> Any:
        if self._widget is not None:
            return self._widget
        import ipywidgets as w  # type: ignore[import-untyped]

        said = Translator(self.lang)
        if self.code is None:
            self._widget = w.HTML(f"<p class='jnt-empty'>{escape(self.empty_message)}</p>")
            return self._widget
        poll = w.ToggleButtons(
            options=[
                (said("widget_results_uc"), "uc"),
                (said("widget_results_data"), "data"),
            ]
        )
        own = said("widget_results_own_method")
        count = w.Dropdown(
            options=[(own, POLL_METHOD), *((c, c) for c in COUNTS)],
            value=POLL_METHOD,
            description=said("widget_results_count"),
        )
        method = w.HTML()
        table = w.HTML()
        demand = w.HTML(
            f"<h3>{said('widget_results_demand')}</h3><ol>"
            + "".join(f"<li>{escape(t)} ({d:.2f})</li>" for t, d, _ in self.demand())
            + "</ol>"
        )

        def refresh(*_: Any) -> None:
            table.value = self.html(poll.value, count.value)
            used = escape(self.counted_by(poll.value, count.value))
            method.value = (
                f"<p class='jnt-method'>{said('widget_results_counted_by', method=used)}</p>"
            )

        poll.observe(refresh, names="value")
        count.observe(refresh, names="value")
        refresh()
        self._widget = w.VBox([w.HBox([poll, count]), method, table, demand])
        return self._widget
