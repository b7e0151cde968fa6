"""Controls of the water twin: choose an event, run it in EPANET, see who loses pressure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jnt_fresque.i18n import Lang, Translator

if TYPE_CHECKING:
    from jnt_fresque.twin.water import Results, ScenarioReport, WaterNetwork

KINDS = ("pipe_break", "leak", "valve_closed", "pump_down", "demand_surge")
# Each event's name: a message key.
KIND_LABELS = {
    "pipe_break": "water_event_pipe_break",
    "leak": "water_event_leak",
    "valve_closed": "water_event_valve_closed",
    "pump_down": "water_event_pump_down",
    "demand_surge": "water_event_demand_surge",
}


COLUMNS = ("water_col_junction", "water_col_hours", "water_col_baseline", "water_col_min",
           "water_col_people")  # fmt: skip


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
        """The last report in one sentence, in the controls' language.

        Examples
        --------
        >>> from jnt_fresque.twin import WaterNetwork
        >>> controls = WaterControls(WaterNetwork.net3(), hours=24, lang="en")
        >>> _ = controls.run("pipe_break", "275", start=6)
        >>> controls.summary().split(":")[0]
        'Pipe break on 275, from hour 6 for 6 h'
        """
        if self.last is None:
            return ""
        _ = Translator(self.lang)
        count = len(self.last.junctions)
        text = _.n("water_summary", count, event=self.event(), count=count,
                   people=self.last.people_affected)  # fmt: skip
        if self.shown_hour is not None:
            text += _("water_map_at", hour=f"{self.shown_hour:g}")
        return text

    def event(self) -> str:
        """The last event, named in the controls' language."""
        if self.last is None:
            return ""
        _ = Translator(self.lang)
        event = self.last.scenario
        values = {"event": _(KIND_LABELS[event.kind]), "start": f"{event.start:g}",
                  "duration": f"{event.duration:g}"}  # fmt: skip
        if event.element:
            return _("water_event_on", element=event.element, **values)
        return _("water_event_at", **values)

    @property
    def widget(self) -> Any:
        if self._widget is not None:
            return self._widget
        import ipywidgets as w  # type: ignore[import-untyped]

        said = Translator(self.lang)
        labels = [(said(KIND_LABELS[k]), k) for k in KINDS]
        kind = w.Dropdown(
            options=labels, value="pipe_break", description=said("water_control_event")
        )
        links = [name for name, _kind in self.network.model.links()]
        element = w.Combobox(value="275", options=links, description=said("water_control_element"))
        start = w.IntSlider(
            value=6, min=0, max=int(self.hours) - 1, description=said("water_control_hour")
        )
        button = w.Button(description=said("water_control_run"), button_style="danger")
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
            head = "<tr>" + "".join(f"<th>{said(key)}</th>" for key in COLUMNS) + "</tr>"
            report.value = f"<p>{self.summary()}</p><table>{head}{rows}</table>"
            if self.broker is not None:
                shown.value = self.map_html()

        button.on_click(on_click)
        self._widget = w.VBox([w.HBox([kind, element, start, button]), report, shown])
        return self._widget
