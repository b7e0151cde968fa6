"""Controls of the water twin: choose an event, run it in EPANET, see who loses pressure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jnt_fresque.i18n import Lang

if TYPE_CHECKING:
    from jnt_fresque.twin.water import Results, ScenarioReport, WaterNetwork

KINDS = ("pipe_break", "leak", "valve_closed", "pump_down", "demand_surge")
KIND_LABELS = {
    "pipe_break": ("Casse de conduite", "Pipe break"),
    "leak": ("Fuite", "Leak"),
    "valve_closed": ("Vanne fermée", "Valve closed"),
    "pump_down": ("Pompe à l’arrêt", "Pump down"),
    "demand_surge": ("Pic de consommation", "Demand surge"),
}


class WaterControls:
    """A scenario menu, an element, a start hour, a button; the report and the map below.

    ``broker`` (optional) holds the baseline; it is only read. Each event is replayed
    into a broker of its own (``scenario``, a fresh embedded `Broker`), up to the middle
    of the event (``shown_hour``), so that the map shows the network at that hour and
    the baseline history stays untouched.

    Examples
    --------
    >>> from jnt_fresque.twin import WaterNetwork
    >>> controls = WaterControls(WaterNetwork.net3(), hours=24)
    >>> report = controls.run("pipe_break", "275", start=6)
    >>> report.scenario.kind
    'pipe_break'
    """

    def __init__(
        self, network: WaterNetwork, *, broker: Any = None, hours: float = 24, lang: Lang = "fr"
    ) -> None:
        self.network = network
        self.broker = broker
        self.hours = hours
        self.lang = lang
        self.baseline: Results | None = None
        self.last: ScenarioReport | None = None
        self.scenario: Any = None
        self.shown_hour: float | None = None
        self._widget: Any = None

    def run(
        self, kind: str, element: str | None, *, start: float = 6, duration: float = 6
    ) -> ScenarioReport:
        """Run the event against the baseline (both ``hours`` long) and publish it if a broker is set."""
        from jnt_fresque.twin.water import Scenario

        if self.baseline is None:
            self.baseline = self.network.simulate(hours=self.hours)
        event = Scenario(kind, element or None, start=start, duration=duration)  # type: ignore[arg-type]
        self.last = self.network.compare(event, baseline=self.baseline)
        if self.broker is not None:
            from jnt_fresque.twin import Broker

            results = self.network.simulate(event, hours=self.hours)
            self.shown_hour = min(start + duration / 2, self.hours)
            self.scenario = Broker()
            self.network.publish(self.scenario, results=results, until_hour=self.shown_hour)
        return self.last

    def map_html(self) -> str:
        """The broker's network as a 3D map (deck.gl inlined: no internet needed), in an iframe;
        the junctions the last event leaves under the minimum pressure are ringed."""
        from jnt_fresque.twin import maps
        from jnt_fresque.widgets.deck import deck_frame

        hit = [j.name for j in self.last.junctions] if self.last else []
        shown = self.scenario if self.scenario is not None else self.broker
        return deck_frame(maps.water_network_3d(shown, highlight=hit))

    def summary(self) -> str:
        """The last report in one sentence."""
        if self.last is None:
            return ""
        count = len(self.last.junctions)
        people = self.last.people_affected
        if self.lang == "en":
            return (
                f"{self.last.scenario.label()}: {count} junction(s) under 20 m of pressure, "
                f"~{people} people (150 L per person per day){self._at('en')}"
            )
        return (
            f"{self.last.scenario.label()}\u00a0: {count} nœud(s) sous 20\u00a0m de pression, "
            f"~{people} habitants (150\u00a0L par personne et par jour){self._at('fr')}"
        )

    def _at(self, lang: str) -> str:
        if self.shown_hour is None:
            return ""
        hour = f"{self.shown_hour:g}"
        return f"; map at hour {hour}" if lang == "en" else f"\u00a0; carte à {hour}\u00a0h"

    @property
    def widget(self) -> Any:
        if self._widget is not None:
            return self._widget
        import ipywidgets as w  # type: ignore[import-untyped]

        en = self.lang == "en"
        labels = [(KIND_LABELS[k][1 if en else 0], k) for k in KINDS]
        kind = w.Dropdown(
            options=labels, value="pipe_break", description="Événement" if not en else "Event"
        )
        links = [name for name, _ in self.network.model.links()]
        element = w.Combobox(
            value="275", options=links, description="Élément" if not en else "Element"
        )
        start = w.IntSlider(
            value=6, min=0, max=int(self.hours) - 1, description="Heure" if not en else "Hour"
        )
        button = w.Button(description="Simuler" if not en else "Simulate", button_style="danger")
        report = w.HTML()
        shown = w.HTML(self.map_html() if self.broker is not None else "")

        def on_click(_: Any) -> None:
            target = None if kind.value == "demand_surge" else element.value
            try:
                self.run(kind.value, target, start=start.value)
            except (ValueError, KeyError) as exc:
                report.value = f"<span style='color:#b00'>{exc}</span>"
                return
            rows = "".join(
                f"<tr><td>{n}</td><td>{h}</td><td>{b}</td><td>{s}</td><td>{p}</td></tr>"
                for n, h, b, s, p in self.last.rows()[:10]  # type: ignore[union-attr]
            )
            head = "<tr><th>nœud</th><th>h</th><th>min. réf.</th><th>min.</th><th>hab.</th></tr>"
            report.value = f"<p>{self.summary()}</p><table>{head}{rows}</table>"
            if self.broker is not None:
                shown.value = self.map_html()

        button.on_click(on_click)
        self._widget = w.VBox([w.HBox([kind, element, start, button]), report, shown])
        return self._widget
