"""HTTP notifications: sending them in the background (`Notifier`), receiving them (`Receiver`).

A broker must not make a write wait for a subscriber: the write only hands a
notification to the `Notifier`, whose worker threads build it, POST it, and try
again a few times with a growing pause when the receiver fails. Notifications
of one subscription go out one after the other, in order (a later pressure must
not overtake an earlier one); different subscriptions go out side by side. The
queue is bounded: when it is full a notification is dropped, and counted,
rather than slowing writes or filling memory.

`Receiver` is the other end, small enough for a lesson or a test: an HTTP server
on 127.0.0.1 that keeps every notification it is sent.

Examples
--------
>>> import json
>>> with Receiver() as inbox, Notifier() as notifier:
...     body = json.dumps({"type": "Notification", "data": [{"pressure": 3.1}]}).encode()
...     message = Message(inbox.url, body, {"Content-Type": "application/json"})
...     notifier.submit("subscription-1", lambda: message)
...     inbox.wait(1)[0]["data"]
True
[{'pressure': 3.1}]
"""

from __future__ import annotations

import heapq
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from jnt_fresque.i18n import t_n

log = logging.getLogger("jnt_fresque.twin.notify")


@dataclass(frozen=True)
class Message:
    """One HTTP notification, ready to POST."""

    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """Where the delivery of one notification stands, for the subscription's status.

    ``ok`` is None just before an attempt is made, then True or False after it;
    ``final`` says that no attempt will follow.
    """

    attempt: int
    ok: bool | None
    final: bool = False
    detail: str = ""


@dataclass
class _Job:
    build: Callable[[], Message | None]
    report: Callable[[Outcome], None] | None
    wanted: Callable[[], bool] | None


class Notifier:
    """Delivers notifications from worker threads, with retries, without blocking callers.

    Parameters
    ----------
    workers
        Threads sending notifications (one subscription is served by one at a time).
    max_pending
        Notifications waiting to be sent; beyond that, new ones are dropped.
    retries
        Attempts after the first when the receiver cannot be reached or answers
        5xx or 429 (a 4xx answer is final).
    backoff
        Seconds before the first retry; each next one waits twice as long.
    timeout
        Seconds allowed for one attempt (connecting and answering).
    """

    def __init__(
        self,
        *,
        workers: int = 4,
        max_pending: int = 10_000,
        retries: int = 3,
        backoff: float = 0.5,
        timeout: float = 10.0,
    ) -> None:
        self.workers = workers
        self.max_pending = max_pending
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.dropped = 0
        self._lock = threading.Condition()
        self._pending: dict[str, deque[_Job]] = {}
        self._ready: deque[str] = deque()
        self._busy: set[str] = set()
        self._count = 0
        self._threads: list[threading.Thread] = []
        self._timers: list[tuple[float, int, str]] = []
        self._periodic: dict[str, tuple[int, float, Callable[[], None]]] = {}
        self._serial = 0
        self._closed = False

    def __enter__(self) -> Notifier:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- sending ---------------------------------------------------------------------

    def submit(
        self,
        key: str,
        build: Callable[[], Message | None],
        *,
        report: Callable[[Outcome], None] | None = None,
        wanted: Callable[[], bool] | None = None,
    ) -> bool:
        """Queue a notification; False if it was dropped (queue full, or closed).

        ``build`` makes the message in a worker thread (None: nothing to send);
        ``report`` hears of each attempt; ``wanted`` is asked before each retry
        (a deleted or paused subscription stops being retried).
        """
        with self._lock:
            if self._closed:
                return False
            if self._count >= self.max_pending:
                self.dropped += 1
                log.warning("notification queue full: one notification for %s dropped", key)
                return False
            self._start()
            self._pending.setdefault(key, deque()).append(_Job(build, report, wanted))
            self._count += 1
            if key not in self._busy and key not in self._ready:
                self._ready.append(key)
            self._lock.notify_all()
            return True

    def pending(self) -> int:
        """Notifications queued or being sent."""
        with self._lock:
            return self._count

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until every queued notification has been sent or given up (True), or timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    def _start(self) -> None:
        if self._threads:
            return
        for n in range(self.workers):
            thread = threading.Thread(target=self._work, name=f"ngsi-ld-notify-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        ticker = threading.Thread(target=self._tick, name="ngsi-ld-notify-timer", daemon=True)
        ticker.start()
        self._threads.append(ticker)

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._ready and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                key = self._ready.popleft()
                self._busy.add(key)
                job = self._pending[key].popleft()
            try:
                self._deliver(job)
            except Exception:  # a bug in a builder must not kill the worker
                log.exception("notification for %s failed", key)
            with self._lock:
                self._busy.discard(key)
                self._count -= 1
                if self._pending.get(key):
                    self._ready.append(key)
                else:
                    self._pending.pop(key, None)
                self._lock.notify_all()

    def _deliver(self, job: _Job) -> None:
        message = job.build()
        if message is None:
            return
        attempts = 1 + max(0, self.retries)
        for attempt in range(1, attempts + 1):
            if attempt > 1:
                if self._sleep(self.backoff * 2 ** (attempt - 2)):
                    return
                if job.wanted is not None and not job.wanted():
                    return
            if job.report is not None:
                job.report(Outcome(attempt, None))
            status, detail = post(message, timeout=self.timeout)
            ok = status is not None and 200 <= status < 300
            retry = not ok and (status is None or status >= 500 or status == 429)
            final = ok or not retry or attempt == attempts
            if job.report is not None:
                job.report(Outcome(attempt, ok, final, detail))
            if final:
                if not ok:
                    log.info("notification to %s failed: %s", message.url, detail)
                return

    def _sleep(self, seconds: float) -> bool:
        """Pause a worker; True if the notifier closed meanwhile."""
        deadline = time.monotonic() + seconds
        with self._lock:
            while not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    # --- periodic calls ------------------------------------------------------------

    def every(self, key: str, seconds: float, call: Callable[[], None]) -> None:
        """Call ``call`` every ``seconds`` (first after one period) until `cancel` (key)."""
        with self._lock:
            if self._closed:
                return
            self._start()
            self._serial += 1
            self._periodic[key] = (self._serial, seconds, call)
            heapq.heappush(self._timers, (time.monotonic() + seconds, self._serial, key))
            self._lock.notify_all()

    def cancel(self, key: str) -> None:
        """Stop the periodic calls registered under ``key``."""
        with self._lock:
            self._periodic.pop(key, None)

    def _tick(self) -> None:
        while True:
            with self._lock:
                while not self._closed:
                    if self._timers and self._timers[0][0] <= time.monotonic():
                        break
                    wait = self._timers[0][0] - time.monotonic() if self._timers else None
                    self._lock.wait(wait)
                if self._closed:
                    return
                _due, serial, key = heapq.heappop(self._timers)
                found = self._periodic.get(key)
                if found is None or found[0] != serial:
                    continue  # cancelled, or replaced by a newer registration
                _serial, seconds, call = found
                heapq.heappush(self._timers, (time.monotonic() + seconds, serial, key))
            try:
                call()
            except Exception:
                log.exception("periodic notification for %s failed", key)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the threads (notifications still queued are not sent); again: no-op."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._lock.notify_all()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(max(0.0, deadline - time.monotonic()))


def post(message: Message, *, timeout: float) -> tuple[int | None, str]:
    """POST ``message``: the HTTP status (None if no answer came) and a short description."""
    request = urllib.request.Request(
        message.url, data=message.body, headers=message.headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return int(response.status), f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return int(exc.code), f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:  # refused, unreachable, timed out, bad URL
        reason = getattr(exc, "reason", exc)
        return None, f"{type(exc).__name__}: {reason}"[:200]


# --- receiving -----------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    """One request a `Receiver` got: its path, headers and body (parsed when JSON)."""

    path: str
    headers: dict[str, str]
    body: Any


class Receiver:
    """An HTTP server on 127.0.0.1 that keeps the notifications POSTed to it.

    Parameters
    ----------
    host, port
        Where to listen (port 0: a free port, see `url`).
    fail_first
        How many requests to answer with HTTP 500 before answering 200 (to watch a
        broker try again).

    Examples
    --------
    >>> import urllib.request
    >>> with Receiver() as inbox:
    ...     request = urllib.request.Request(inbox.url, data=b'{"id": 1}', method="POST")
    ...     urllib.request.urlopen(request).status
    ...     inbox.notifications
    200
    [{'id': 1}]
    """

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, fail_first: int = 0) -> None:
        self.host = host
        self.port = port
        self.fail_first = fail_first
        self.requests: list[Received] = []
        self.refused = 0
        self._changed = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The address to give a subscription's ``notification.endpoint.uri``."""
        if self._server is None:
            raise RuntimeError("the receiver is not started (use it in a with block)")
        return f"http://{self.host}:{self._server.server_address[1]}/notify"

    @property
    def notifications(self) -> list[Any]:
        """The bodies received and accepted so far, oldest first."""
        with self._changed:
            return [r.body for r in self.requests]

    def wait(self, count: int = 1, timeout: float = 10.0) -> list[Any]:
        """The first ``count`` notifications, once they have arrived.

        Raises
        ------
        TimeoutError
            If fewer arrived within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.requests) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    got = len(self.requests)
                    raise TimeoutError(
                        t_n("twin_notifications_timeout", got, count=got, timeout=timeout,
                            expected=count)
                    )  # fmt: skip
                self._changed.wait(left)
            return [r.body for r in self.requests[:count]]

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(size)
                with receiver._changed:
                    if receiver.refused < receiver.fail_first:
                        receiver.refused += 1
                        status = 500
                    else:
                        status = 200
                        receiver.requests.append(
                            Received(self.path, dict(self.headers.items()), _parse(raw))
                        )
                        receiver._changed.notify_all()
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet: a lesson shows what arrived, not the server's log

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="ngsi-ld-receiver", daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self) -> Receiver:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.notifications)


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return raw
