"""The capstone as a dashboard: from a workshop's cards to a live twin, in one page.

A session of the store (the newest with links, or a demonstration one when asked),
the cards of one table plus a water operator's scoping profile, the twin skeleton
built into an embedded broker, and a button that replays a day live: the
low-pressure alerts the subscription receives and the history the temporal API
reads back.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from jnt_fresque.i18n import Lang, Translator, say

if TYPE_CHECKING:
    from jnt_fresque.store import Store

# A water operator monitoring its network in real time (lesson 09's answers).
OPERATOR = {
    "q-utilisateurs-principal": ["exploitants"],
    "q-usage-objectif": ["exploiter"],
    "q-donnees-types": ["capteurs", "metier"],
    "q-gouvernance-standards": ["ngsi-ld"],
}


class LiveTwin:
    """The twin of ``table``'s cards in ``store`` (newest session with links), in ``lang``.

    Examples
    --------
    >>> from jnt_fresque.store import Store
    >>> live = LiveTwin(Store("sqlite://"), demo=True, hours=1)
    >>> "water" in [c.key for c in live.skeleton.components]
    True
    """

    def __init__(
        self,
        store: Store,
        *,
        table: int = 1,
        demo: bool = False,
        hours: float = 6,
        lang: Lang = "fr",
    ) -> None:
        from jnt_fresque import scoping, twin
        from jnt_fresque.twin import capstone

        code = capstone.session_with_links(store)
        if code is None and demo:
            from jnt_fresque.interchange.demo import demo_session

            code = demo_session(store, participants=20, lang=lang)
        if code is None:
            raise LookupError(say("live_no_session", lang))
        self.lang = lang
        self.table = table
        self.code = code
        self.title = store.snapshot(code).session.title
        self.room = capstone.room_cards(store.snapshot(code), table=table)
        profile = scoping.profile(OPERATOR)
        self.skeleton = twin.propose(capstone.twin_cards(self.room, profile.data_cards))
        self.hours = hours
        self.broker = twin.Broker()
        self.counts = self.skeleton.build(self.broker, hours=hours, lang=lang)
        self._widget: Any = None

    def summary_html(self) -> str:
        """The cards, the skeleton's parts and what the kit cannot fill."""
        _ = Translator(self.lang)
        rows = "".join(
            f"<tr><td>{escape(c.title.get(self.lang))}</td><td>{escape(', '.join(c.entity_types))}</td>"
            f"<td>{self.counts.get(c.key, 0)}</td></tr>"
            for c in self.skeleton.components
        )
        missing = ", ".join(sorted(set(self.skeleton.uncovered))) or "—"
        head = "".join(
            f"<th>{_(key)}</th>" for key in ("live_col_part", "live_col_types", "live_col_entities")
        )
        return (
            f"<p>{escape(_('live_session', title=self.title, table=self.table))} "
            f"<code>{escape(' '.join(self.room))}</code></p>"
            f"<table class='jnt-skeleton'><tr>{head}</tr>{rows}</table>"
            f"<p>{escape(_('live_uncovered', themes=missing))}</p>"
        )

    def replay(self, *, speed: float = 4 * 3600) -> tuple[list[tuple[str, float]], list[Any]]:
        """Replay a day of operation dated today (pipe 275 breaks at 1 h) into the
        broker, with a low-pressure subscription: the alerts received (junction,
        pressure) and the hourly history of the first alerted junction."""
        from jnt_fresque import twin
        from jnt_fresque.twin import capstone, water

        today = water.simulated_start()
        network = twin.WaterNetwork.net3(start=today)
        incident = twin.Scenario("pipe_break", "275", start=1, duration=4)
        with twin.Receiver() as box:
            subscription = capstone.subscribe(self.broker, capstone.low_pressure_alert(box.url))
            results = network.simulate(incident, hours=self.hours)
            network.publish(self.broker, results=results, speed=speed)
            received = box.wait(1)
            self.broker.delete_subscription(subscription)
        alerts = sorted({(n["data"][0]["id"], n["data"][0]["pressure"]) for n in received})
        history = self.broker.temporal_entity(
            alerts[0][0],
            attrs="pressure",
            context=twin.TWIN_CONTEXT,
            timerel="after",
            time_at=today,
        )["pressure"]
        return alerts, [(h["observedAt"][11:16], h["value"]) for h in history]

    @property
    def widget(self) -> Any:
        if self._widget is not None:
            return self._widget
        import ipywidgets as w  # type: ignore[import-untyped]

        from jnt_fresque.twin import maps
        from jnt_fresque.widgets.deck import deck_frame

        said = Translator(self.lang)
        button = w.Button(description=said("live_replay"), button_style="primary")
        alerts = w.HTML()

        def on_click(_: Any) -> None:
            button.disabled = True
            found, history = self.replay()
            junctions = ", ".join(
                f"{escape(j.rsplit('-', 1)[-1])} ({p:.1f}\u00a0m)" for j, p in found[:8]
            )
            colon = "\u00a0: " if self.lang == "fr" else ": "
            values = ", ".join(f"{t}{colon}{v}" for t, v in history)
            alerts.value = (
                f"<p>{said.n('live_alerts', len(found), count=len(found), junctions=junctions)}</p>"
                f"<p>{escape(said('live_history', values=values))}</p>"
            )
            button.disabled = False

        button.on_click(on_click)
        water_map = w.HTML(deck_frame(maps.water_network_3d(self.broker)))
        self._widget = w.VBox([w.HTML(self.summary_html()), water_map, button, alerts])
        return self._widget
