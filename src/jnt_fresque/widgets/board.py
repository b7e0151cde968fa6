"""A board without a server: link use cases to data cards, straight into the workshop store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jnt_fresque.i18n import Lang, Translator

if TYPE_CHECKING:
    from jnt_fresque.store import Store
    from jnt_fresque.workshop.board import Link


class BoardWidget:
    """One table's board, written to the same store as the workshop app.

    Examples
    --------
    >>> from jnt_fresque.store import Store
    >>> store = Store("sqlite://")
    >>> code = store.create_session("Atelier")[0].code
    >>> board = BoardWidget(store, code, table=1)
    >>> board.link("uc-inondation", ["data-hy", "data-el"])
    2
    >>> sorted(link.data for link in board.links())
    ['data-el', 'data-hy']
    """

    def __init__(self, store: Store, code: str, *, table: int = 1, lang: Lang = "fr") -> None:
        self.store = store
        self.code = code
        self.table = table
        self.lang = lang
        self._widget: Any = None

    def link(self, use_case: str, data: list[str], note: str = "") -> int:
        """Link ``use_case`` to each data card; return how many links were written."""
        from jnt_fresque.workshop.board import Link

        for card in data:
            self.store.add_link(self.code, Link(use_case, card, table=self.table, note=note))
        return len(data)

    def links(self) -> list[Link]:
        """This table's links on the board."""
        maker = f"t:{self.table}"
        return [x for x in self.store.snapshot(self.code).links if x.maker == maker]

    def _options(self, kind: str) -> list[tuple[str, str]]:
        cards = self.store.decks.cards(kind)
        return [(f"{c.title.get(self.lang)} ({c.id})", c.id) for c in cards]

    @property
    def widget(self) -> Any:
        """A use-case menu, a list of data cards, a button and the table's links."""
        if self._widget is not None:
            return self._widget
        import ipywidgets as w  # type: ignore[import-untyped]

        said = Translator(self.lang)
        use_case = w.Dropdown(
            options=self._options("uc"), description=said("widget_board_use_case")
        )
        data = w.SelectMultiple(
            options=self._options("data"), rows=8, description=said("widget_board_data")
        )
        note = w.Text(placeholder=said("widget_board_note"))
        button = w.Button(description=said("widget_board_link"), button_style="primary")
        shown = w.HTML()

        def refresh() -> None:
            rows = "".join(f"<li>{x.use_case} → {x.data}</li>" for x in self.links())
            shown.value = f"<ul>{rows}</ul>"

        def on_click(_: Any) -> None:
            self.link(use_case.value, list(data.value), note.value)
            refresh()

        button.on_click(on_click)
        refresh()
        self._widget = w.VBox([use_case, data, note, button, shown])
        return self._widget
