"""Load generator for the workshop app: N participants join and vote over Streamlit's websocket.

Each simulated participant does what a phone does, in Streamlit's own protocol
(the ``BackMsg`` / ``ForwardMsg`` protobuf classes shipped with streamlit):

1. ``open``: GET the join address, open the websocket, run the join page with
   ``?session=CODE`` (the QR code's address);
2. ``join``: submit the join form (``join_code``, ``join_submit``); the page
   reruns itself with the new identity in the address;
3. ``goto_vote``: tap « Voter » in the app's menu, a link: the browser asks for the
   vote page with the link's address (session, token, language);
4. ``vote``: pick cards on the ballot's card tiles ``vote_ballot`` (one component for
   every open poll, whose state is the cards chosen in each; in a form, the taps stay in
   the phone) and press ``vote_submit`` (the form sits in a fragment: only the fragment
   reruns).

``--board`` plays the linking phase instead: each participant joins a table (``--tables``
of them, filled in turn), opens the table's board (``/plateau``) and draws 5 links, one
tap event each on the board component (``board``, reached by « Plateau » in the menu),
while the board's fragment polls
the table's version as a browser's timer does (``board_refresh``, every 1.5 s). It
reports the p95 of each step, the links stored against the links drawn, and the
server's CPU time per participant.

Participants arrive evenly over ``--arrival`` seconds. The report gives p50 / p95
/ max latency of each interaction (message sent → the script run finished), the
ballots stored against the ballots sent (read from the database), the errors,
and the server's resident memory (peak, sampled every 0.5 s).

Run: ``python benchmarks/load_atelier.py --participants 1000 --arrival 60``
(it starts its own server on 127.0.0.1 and a fresh SQLite file, and stops them).

``--baseline`` measures the app against Streamlit's floor in one run: the same journey
length (four page runs per participant) on ``benchmarks/_baseline_page.py`` (a multiselect
and a button) served with the same settings, and the app, both served at once and loaded
in turn (baseline, app, app, baseline; then each step of the ramp on one, then the
other), so that a busy machine's drift falls on both. For both it prints the
server's CPU time per page run (the server process's CPU time over the swarm / the page
runs it served) and the capacity: the highest arrival rate (participants per second) of a
short ramp at which every step's p95 stays within ``--p95-limit`` (the ramp multiplies the
rate by ``--ramp-factor`` until p95 breaks, then ``--refine`` bisection steps narrow the
gap between the last rate that held and the first that broke); then the ratios
(goals: cost ≤ 2× the baseline's, capacity ≥ 50 % of the baseline's). CPU per run is
comparable on a busy machine; latencies and capacities are not: the load average is
printed with them.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from jnt_fresque.app.server import start_background as start_app
from jnt_fresque.app.server import stop as stop_process

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
}
TIMEOUT = 120.0


@dataclass
class Widget:
    id: str
    kind: str
    proto: Any
    fragment: str = ""


@dataclass
class Run:
    """What one script run sent back."""

    widgets: dict[str, Widget] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    links: list[Any] = field(default_factory=list)


class Phone:
    """One participant's browser tab, speaking Streamlit's websocket protocol."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.query = ""
        self.pages: dict[str, str] = {}  # url path → page script hash
        self.page_hash = ""
        self.ws: Any = None
        self.widgets: dict[str, Widget] = {}
        self.cookie = ""  # what the join address set (a sticky proxy's route), sent back
        self.links: list[Any] = []  # the page links the last run drew (the app's menu)

    async def connect(self) -> None:
        import websockets

        ws_url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=self.base,  # type: ignore[arg-type]
            max_size=None,
            open_timeout=TIMEOUT,
            ping_interval=None,
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(
        self,
        states: list[WidgetState] | None = None,
        *,
        fragment: str = "",
        page: str | None = None,
    ) -> Run:
        """Send one rerun request; wait until the script (or fragment) has finished."""
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query
        client.page_script_hash = page if page is not None else self.page_hash
        if fragment:
            client.fragment_id = fragment
        client.widget_states.widgets.extend(states or [])
        await self.ws.send(message.SerializeToString())
        run = Run()
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), TIMEOUT)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element, msg.delta.fragment_id, run)
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash or self.page_hash
            elif kind == "script_finished" and msg.script_finished in FINISHED:
                self.widgets.update(run.widgets)
                if run.links:  # a fragment's run redraws no menu
                    self.links = run.links
                return run

    def _element(self, element: Any, fragment: str, run: Run) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        widget_id = getattr(proto, "id", "")
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            key = widget_id.split("-", 2)[2]
            if key:
                run.widgets[key] = Widget(widget_id, kind, proto, fragment)
        if kind == "page_link":
            run.links.append(proto)
        body = getattr(proto, "body", None)
        if isinstance(body, str):
            run.texts.append(body)


def _tap_menu(phone: Phone, label: str) -> Any:
    """Tap the menu's link ``label``, as a browser does: it asks for the link's page with the
    link's address (session, token, language), and only that page runs."""
    for link in phone.links:
        if link.label == label:
            phone.query = link.query_string
            return phone.rerun(page=link.page_script_hash)
    raise RuntimeError(f"no « {label} » in the app's menu")


def _component_data(widget: Widget) -> Any:
    """What a component was given (the app sends it as one JSON text, in UTF-8 bytes)."""
    proto = widget.proto
    found = json.loads(proto.bytes or proto.json or proto.mixed.json)
    return json.loads(found) if isinstance(found, str) else found


def _ballot(widget: Widget, chance: random.Random) -> WidgetState:
    """The state of the ballot's card tiles with up to 10 cards picked at random in each
    poll they show."""
    picked = {}
    for poll in _component_data(widget)["polls"]:
        cards = [card["id"] for card in poll["cards"]]
        picked[poll["id"]] = chance.sample(cards, k=min(10, len(cards)))
    return _state(widget, json_value=json.dumps({"chosen": picked}))


def _event(widget: Widget, name: str, value: Any) -> WidgetState:
    """A component's event (``setTriggerValue(name, value)`` in its JavaScript)."""
    state = WidgetState(id=f"$$STREAMLIT_INTERNAL_KEY_{widget.id}__events")
    state.json_trigger_value = json.dumps([{"event": name, "value": value}])
    return state


def _state(widget: Widget, **value: Any) -> WidgetState:
    state = WidgetState(id=widget.id)
    for name, given in value.items():
        if name == "string_array_value":
            state.string_array_value.data.extend(given)
        else:
            setattr(state, name, given)
    return state


@dataclass
class Figures:
    latency: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    ballots_sent: int = 0
    confirmed: int = 0
    drawn: set[tuple[int, str, str]] = field(default_factory=set)  # (table, use case, data)

    def add(self, name: str, seconds: float) -> None:
        self.latency.setdefault(name, []).append(seconds)


async def _timed(figures: Figures, name: str, step: Any) -> Any:
    start = time.perf_counter()
    result = await step
    figures.add(name, time.perf_counter() - start)
    return result


@dataclass
class Crowd:
    """Everyone in the room: tabs stay open until the last participant has voted."""

    size: int
    everyone: asyncio.Event | None
    done: int = 0

    async def finished_one(self) -> None:
        self.done += 1
        if self.everyone is None:
            return
        if self.done >= self.size:
            self.everyone.set()
        await self.everyone.wait()


async def _arrive(phone: Phone, code: str, figures: Figures, *, table: int = 0) -> None:
    """Open the QR code's address (``open``) and join the session, at ``table`` if given
    (``join``), as a phone does."""

    async def open_page() -> Run:
        phone.cookie = await _aget(phone.base, f"/?session={code}")
        await phone.connect()
        phone.query = f"session={code}"
        return await phone.rerun()

    await _timed(figures, "open", open_page())
    join = phone.widgets
    states = [_state(join["join_code"], string_value=code)]
    if table:
        states.append(_state(join["join_table"], int_value=table))
    states.append(_state(join["join_submit"], trigger_value=True))
    await _timed(figures, "join", phone.rerun(states))


async def participant(
    base: str, code: str, figures: Figures, seed: int, crowd: Crowd | None = None
) -> None:
    """One participant: open the join address, join, go to the vote page, vote; then
    keep the tab open (the websocket, hence the server's session) until all have voted."""
    chance = random.Random(seed)
    phone = Phone(base)
    try:
        await _arrive(phone, code, figures)
        if "p=" not in phone.query:
            raise RuntimeError("no identity after joining")
        await _timed(figures, "goto_vote", _tap_menu(phone, "Voter"))
        if phone.page_hash != phone.pages.get("voter"):
            raise RuntimeError("the menu did not lead to the vote page")
        vote = phone.widgets
        states = [_ballot(vote["vote_ballot"], chance)]
        states.append(_state(vote["vote_submit"], trigger_value=True))
        figures.ballots_sent += len(_component_data(vote["vote_ballot"])["polls"])
        run = await _timed(
            figures, "vote", phone.rerun(states, fragment=vote["vote_submit"].fragment)
        )
        if any("Vote enregistré" in text for text in run.texts):
            figures.confirmed += 1
    except Exception as exc:
        figures.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        if crowd is not None:
            await crowd.finished_one()
        await phone.close()


LINKS_EACH = 5  # links each participant draws in the board phase
REFRESH = 1.5  # seconds between two polls of the board's fragment (its run_every)


async def board_participant(
    base: str,
    code: str,
    figures: Figures,
    seed: int,
    crowd: Crowd | None = None,
    *,
    tables: int = 20,
) -> None:
    """One participant of the linking phase: join table ``seed % tables + 1``, open the
    board, draw `LINKS_EACH` links (a refresh of the board's fragment before each, as the
    browser's timer sends); then keep the tab open until everyone has drawn."""
    chance = random.Random(seed)
    phone = Phone(base)
    try:
        await _arrive(phone, code, figures, table=seed % tables + 1)
        if "p=" not in phone.query:
            raise RuntimeError("no identity after joining")
        await _timed(figures, "goto_board", _tap_menu(phone, "Plateau"))
        if phone.page_hash != phone.pages.get("plateau"):
            raise RuntimeError("the menu did not lead to the board")
        board = phone.widgets["board"]
        drawn = _component_data(board)
        ucs = [c["id"] for c in drawn["ucs"] if c["id"].startswith("uc-")]
        data = [c["id"] for c in drawn["data"]]
        pairs = set()
        while len(pairs) < LINKS_EACH:
            pairs.add((chance.choice(ucs), chance.choice(data)))
        table = seed % tables + 1
        for uc, d in sorted(pairs):
            await asyncio.sleep(REFRESH)
            await _timed(figures, "board_refresh", phone.rerun(fragment=board.fragment))
            # Two people of a table may draw the same pair: it must be on the board once.
            figures.drawn.add((table, uc, d))
            await _timed(
                figures,
                "board_link",
                phone.rerun(
                    [_event(board, "action", {"op": "link", "uc": uc, "data": d})],
                    fragment=board.fragment,
                ),
            )
    except Exception as exc:
        figures.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        if crowd is not None:
            await crowd.finished_one()
        await phone.close()


async def _aget(base: str, path: str) -> str:
    """GET ``path`` without a thread pool (a pool would queue a crowd on the client side);
    return the cookies it set, as a ``Cookie`` header would carry them back."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
    writer.write(request.encode())
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), TIMEOUT)
    writer.close()
    if not answer.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"GET {path}: {answer[:40]!r}")
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    cookies = [
        line.split(":", 1)[1].split(";", 1)[0].strip()
        for line in head[1:]
        if line.lower().startswith("set-cookie:")
    ]
    return "; ".join(cookies)


def _rss(pid: int) -> int:
    """Resident memory of ``pid`` and its children, in bytes."""
    total = 0
    for each in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


async def _sample_memory(pids: list[int], peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        for i, pid in enumerate(pids):
            peak[i] = max(peak[i], _rss(pid))
        await asyncio.sleep(0.5)


async def baseline_participant(
    base: str, code: str, figures: Figures, seed: int, crowd: Crowd | None = None
) -> None:
    """One visitor of the baseline page, four page runs as in the app's journey: open the
    page, pick cards, a plain rerun (the app's move to the vote page), pick and press."""
    chance = random.Random(seed)
    phone = Phone(base)
    try:

        async def open_page() -> Run:
            phone.cookie = await _aget(base, "/")
            await phone.connect()
            return await phone.rerun()

        await _timed(figures, "open", open_page())
        options = list(phone.widgets["vote_uc"].proto.options)
        picked = chance.sample(options, k=min(10, len(options)))
        pick = _state(phone.widgets["vote_uc"], string_array_value=picked)
        await _timed(figures, "join", phone.rerun([pick]))
        await _timed(figures, "goto_vote", phone.rerun([pick]))
        figures.ballots_sent += 1
        run = await _timed(
            figures,
            "vote",
            phone.rerun([pick, _state(phone.widgets["vote_submit"], trigger_value=True)]),
        )
        if any("Vote enregistré" in text for text in run.texts):
            figures.confirmed += 1
    except Exception as exc:
        figures.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        if crowd is not None:
            await crowd.finished_one()
        await phone.close()


async def swarm(
    base: str,
    code: str,
    n: int,
    arrival: float,
    pids: list[int],
    *,
    hold: bool = True,
    journey: Any = None,
) -> tuple[Figures, list[int], float]:
    """Play ``n`` participants against ``base``; return the figures, the peak resident
    memory of each of ``pids`` and the time taken."""
    figures = Figures()
    peak = [0] * len(pids)
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_memory(pids, peak, stop))
    started = time.perf_counter()

    crowd = Crowd(n, asyncio.Event() if hold else None)

    async def later(i: int) -> None:
        await asyncio.sleep(i * arrival / max(n, 1))
        await (journey or participant)(base, code, figures, seed=i, crowd=crowd)

    await asyncio.gather(*(later(i) for i in range(n)))
    elapsed = time.perf_counter() - started
    stop.set()
    await sampler
    return figures, peak, elapsed


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build_report(
    participants: int,
    arrival: float,
    figures: Figures,
    elapsed: float,
    db_url: str,
    code: str,
) -> dict[str, Any]:
    """The figures, with the participants and ballots read back from the database."""
    from jnt_fresque.store import Store

    with Store(db_url) as store:
        snapshot = store.snapshot(code)
    stored = len(snapshot.ballots)
    pairs = {(link.table, link.use_case, link.data) for link in snapshot.links}
    return {
        "participants": participants,
        "arrival_s": arrival,
        "elapsed_s": round(elapsed, 1),
        "latency_s": {
            name: {
                "n": len(values),
                "p50": round(statistics.median(values), 3),
                "p95": round(_percentile(values, 0.95), 3),
                "max": round(max(values), 3),
            }
            for name, values in figures.latency.items()
        },
        "participants_stored": len(snapshot.participants),
        "ballots_sent": figures.ballots_sent,
        "ballots_stored": stored,
        "ballots_lost": figures.ballots_sent - stored,
        "votes_confirmed": figures.confirmed,
        "links_drawn": len(figures.drawn),
        "links_stored": len(pairs),
        "links_doubled": len(snapshot.links) - len(pairs),
        "errors": len(figures.errors),
        "first_errors": figures.errors[:5],
    }


def print_report(report: dict[str, Any]) -> None:
    print(f"{report['participants']} participants arriving over {report['arrival_s']:g} s "
          f"(done in {report['elapsed_s']} s)")  # fmt: skip
    for name, row in report["latency_s"].items():
        print(f"  {name:<10} n={row['n']:<5} p50={row['p50']:.3f} s  p95={row['p95']:.3f} s  "
              f"max={row['max']:.3f} s")  # fmt: skip
    if report["links_drawn"]:
        print(f"  links: {report['links_stored']} on the boards / {report['links_drawn']} drawn "
              f"({report['links_doubled']} doubled)")  # fmt: skip
    else:
        print(f"  ballots: {report['ballots_stored']} stored / {report['ballots_sent']} sent "
              f"({report['ballots_lost']} lost); confirmations seen: {report['votes_confirmed']}")  # fmt: skip
    print(f"  errors: {report['errors']} {report['first_errors'][:3]}")


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) ``pid`` and its children have used so far, in seconds."""
    import os

    total = 0
    for each in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:  # pragma: no cover - not Linux
        return "?"


def _p95(figures: Figures) -> float:
    """The worst step's p95 (every step must stay within the limit)."""
    return max(_percentile(values, 0.95) for values in figures.latency.values())


@dataclass
class Measure:
    """What `compare` found for one page: cost per run and capacity."""

    name: str
    runs: int = 0
    cpu_s: float = 0.0
    samples: dict[str, list[float]] = field(default_factory=dict)  # step → latencies (s)
    errors: list[str] = field(default_factory=list)
    ramp: list[tuple[float, int, float, int]] = field(default_factory=list)  # rate, n, p95, err
    refined: list[tuple[float, int, float, int]] = field(default_factory=list)  # the same
    capacity: float = 0.0
    broke: float | None = None  # the lowest rate tried whose p95 broke
    load: list[str] = field(default_factory=list)

    @property
    def latency(self) -> dict[str, dict[str, float]]:
        """p50 and p95 of each step."""
        return {
            step: {"p50": statistics.median(values), "p95": _percentile(values, 0.95)}
            for step, values in self.samples.items()
        }

    @property
    def cpu_ms_per_run(self) -> float:
        return 1000 * self.cpu_s / max(self.runs, 1)


@dataclass
class Served:
    """One page under test, served for the length of the comparison."""

    measure: Measure
    process: Any
    base: str
    code: str
    journey: Any


def _serve(name: str, folder: Path) -> Served:
    """Serve the app (``name`` = "app") or the baseline page on a fresh SQLite file, warmed
    up: what a process does once (imports, decks) is not a page run's cost."""
    from jnt_fresque.store import Store

    db_url = f"sqlite:///{folder / f'{name}.sqlite'}"
    with Store(db_url) as store:
        session, _ = store.create_session("Charge")
        store.set_phase(session.code, "vote")
    script = Path(__file__).with_name("_baseline_page.py") if name == "baseline" else None
    journey = baseline_participant if name == "baseline" else participant
    process, base = start_app(db_url, folder / f"{name}.log", script=script)
    served = Served(Measure(name), process, base, session.code, journey)
    asyncio.run(swarm(base, session.code, 4, 1.0, [], journey=journey))
    return served


def _cost(served: Served, participants: int, arrival: float) -> None:
    """One fixed swarm: add its page runs, CPU time and latencies to ``served.measure``."""
    found = served.measure
    time.sleep(1.0)
    found.load.append(_load())
    before = _cpu_seconds(served.process.pid)
    figures, _, _ = asyncio.run(
        swarm(served.base, served.code, participants, arrival, [], journey=served.journey)
    )
    found.cpu_s += _cpu_seconds(served.process.pid) - before
    found.runs += sum(len(values) for values in figures.latency.values())
    found.errors += figures.errors
    for step, values in figures.latency.items():
        found.samples.setdefault(step, []).extend(values)


def _ramp_step(
    served: Served, rate: float, args: argparse.Namespace, *, refining: bool = False
) -> bool:
    """One step of the ramp (or of its refinement) at ``rate`` arrivals per second; whether
    p95 held."""
    time.sleep(2.0)
    n = max(1, round(rate * args.ramp_seconds))
    figures, _, _ = asyncio.run(
        swarm(served.base, served.code, n, args.ramp_seconds, [], journey=served.journey)
    )
    p95 = _p95(figures)
    found = served.measure
    (found.refined if refining else found.ramp).append((rate, n, p95, len(figures.errors)))
    if figures.errors or p95 > args.p95_limit:
        found.broke = min(rate, found.broke or rate)
        return False
    found.capacity = max(rate, found.capacity)
    return True


def _refine(served: Served, args: argparse.Namespace) -> None:
    """One bisection step between the highest rate that held and the lowest that broke
    (their geometric mean): a ramp's step of ×1.25 alone leaves each capacity uncertain by
    25 %, and their ratio by more."""
    found = served.measure
    if found.broke is None or not found.capacity:
        return
    middle = round((found.capacity * found.broke) ** 0.5, 2)
    if found.capacity < middle < found.broke:
        _ramp_step(served, middle, args, refining=True)


def compare(
    participants: int, arrival: float, folder: Path, args: argparse.Namespace
) -> tuple[Measure, Measure]:
    """The baseline page and the app, both served at once but loaded one at a time, so that
    a busy machine's drift falls on both: the fixed swarm in two halves, in the order
    baseline, app, app, baseline (the cost per run sums both), then the ramp, each rate tried
    on the baseline then on the app, until both have broken, then the bisection steps, in
    the same alternation."""
    baseline = _serve("baseline", folder)
    try:
        app = _serve("app", folder)
        try:
            # Half of the participants each time, at the same arrival rate.
            first = (participants + 1) // 2
            for served, n in ((baseline, first), (app, first)) + (
                ((app, participants - first), (baseline, participants - first))
                if participants > first
                else ()
            ):
                _cost(served, n, arrival * n / participants)
            going = [baseline, app]
            rate = args.ramp_start
            while going and rate <= args.ramp_max:
                going = [served for served in going if _ramp_step(served, rate, args)]
                rate = round(rate * args.ramp_factor, 2)
            for _ in range(args.refine):
                for served in (baseline, app):
                    _refine(served, args)
            for served in (baseline, app):
                served.measure.load.append(_load())
        finally:
            stop_process(app.process)
    finally:
        stop_process(baseline.process)
    return baseline.measure, app.measure


def _steps(tried: list[tuple[float, int, float, int]]) -> str:
    return ", ".join(
        f"{rate:g}/s → p95 {p95:.2f} s" + (f" ({errors} errors)" if errors else "")
        for rate, _, p95, errors in tried
    )


def print_comparison(baseline: Measure, app: Measure, args: argparse.Namespace) -> None:
    print(f"baseline (one-widget page) vs app, {args.participants} participants over "
          f"{args.arrival:g} s, then a ramp from {args.ramp_start:g}/s ×{args.ramp_factor:g} "
          f"({args.ramp_seconds:g} s a step) until p95 > {args.p95_limit:g} s, "
          f"then {args.refine} bisection step(s)")  # fmt: skip
    for each in (baseline, app):
        print(f"  {each.name:<8} {each.runs} page runs, server CPU {each.cpu_s:.1f} s: "
              f"{each.cpu_ms_per_run:.1f} ms per run; load average {' → '.join(each.load)}")  # fmt: skip
        for step, row in each.latency.items():
            print(f"    {step:<10} p50={row['p50']:.3f} s  p95={row['p95']:.3f} s")
        print(f"    ramp: {_steps(each.ramp)}")
        if each.refined:
            print(f"    refined: {_steps(each.refined)}")
        print(f"    capacity: {each.capacity:g} arrivals/s with every step's p95 ≤ "
              f"{args.p95_limit:g} s")  # fmt: skip
        if each.errors:
            print(f"    errors: {len(each.errors)} {each.errors[:3]}")
    cost = app.cpu_ms_per_run / max(baseline.cpu_ms_per_run, 1e-9)
    capacity = app.capacity / baseline.capacity if baseline.capacity else float("nan")
    print(f"  cost per run: app / baseline = {cost:.2f} (goal ≤ 2)")
    print(f"  capacity: app / baseline = {capacity:.0%} (goal ≥ 50 %)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", "-n", type=int, default=1000)
    parser.add_argument(
        "--arrival", type=float, default=60.0, help="seconds over which they arrive"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--leave", action="store_true", help="close each tab after voting (default: keep all open)"
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="measure the one-widget page, then the app: CPU per page run, capacity, ratios",
    )
    parser.add_argument("--ramp-start", type=float, default=2.0, help="first arrival rate (/s)")
    parser.add_argument("--ramp-factor", type=float, default=1.25, help="rate × this each step")
    parser.add_argument("--ramp-seconds", type=float, default=15.0, help="arrival span a step")
    parser.add_argument("--ramp-max", type=float, default=200.0, help="stop the ramp here (/s)")
    parser.add_argument("--p95-limit", type=float, default=1.0, help="seconds")
    parser.add_argument(
        "--refine",
        type=int,
        default=2,
        help="bisection steps after the ramp, between the last rate that held and the first "
        "that broke",
    )
    parser.add_argument(
        "--board",
        action="store_true",
        help="the linking phase: each participant draws 5 links on their table's live board",
    )
    parser.add_argument("--tables", type=int, default=20, help="tables in the room (--board)")
    args = parser.parse_args(argv)

    if args.baseline:
        with tempfile.TemporaryDirectory() as folder:
            baseline, app = compare(args.participants, args.arrival, Path(folder), args)
        print_comparison(baseline, app, args)
        return 0 if not baseline.errors and not app.errors else 1

    from jnt_fresque.store import Store

    with tempfile.TemporaryDirectory() as folder:
        db_url = f"sqlite:///{Path(folder) / 'load.sqlite'}"
        with Store(db_url) as store:
            session, _ = store.create_session("Charge")
            store.set_phase(session.code, "link" if args.board else "vote")
        process, base = start_app(db_url, Path(folder) / "server.log")
        journey = (
            functools.partial(board_participant, tables=max(1, args.tables)) if args.board else None
        )
        try:
            idle_rss = _rss(process.pid)
            cpu_before = _cpu_seconds(process.pid)
            figures, peaks, elapsed = asyncio.run(
                swarm(
                    base,
                    session.code,
                    args.participants,
                    args.arrival,
                    [process.pid],
                    hold=not args.leave,
                    journey=journey,
                )
            )
            cpu = _cpu_seconds(process.pid) - cpu_before
        finally:
            stop_process(process)
        report = build_report(
            args.participants, args.arrival, figures, elapsed, db_url, session.code
        )
        report["server_cpu_ms_per_participant"] = round(1000 * cpu / max(args.participants, 1), 1)
    report["server_rss_idle_mib"] = round(idle_rss / 2**20)
    report["server_rss_peak_mib"] = round(peaks[0] / 2**20)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
        print(f"  server RSS: idle {report['server_rss_idle_mib']} MiB, "
              f"peak {report['server_rss_peak_mib']} MiB")  # fmt: skip
        print(f"  server CPU: {report['server_cpu_ms_per_participant']} ms per participant")
    if args.board:
        whole = report["links_stored"] == report["links_drawn"] and not report["links_doubled"]
        return 0 if not figures.errors and whole else 1
    return 0 if not figures.errors and report["ballots_lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
