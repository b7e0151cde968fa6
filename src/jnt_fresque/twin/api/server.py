"""Running the broker's HTTP server: in the foreground (``twin serve``) or in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from jnt_fresque.twin.api.app import create_app
from jnt_fresque.twin.api.protocol import TEMPORAL_PAGE

if TYPE_CHECKING:
    from jnt_fresque.twin.broker import Broker


def serve(
    broker: Broker | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 1026,
    log_level: str = "info",
    temporal_page: int | None = TEMPORAL_PAGE,
) -> None:
    """Serve ``broker`` over HTTP until interrupted (what ``jnt-fresque twin serve`` does).

    ``temporal_page`` is the page size of temporal answers (see `create_app`).
    """
    import uvicorn

    app = create_app(broker, temporal_page=temporal_page)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


@contextmanager
def running(
    broker: Broker | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    temporal_page: int | None = TEMPORAL_PAGE,
) -> Iterator[str]:
    """Serve ``broker`` in a background thread; yield its base URL, stop on exit.

    Port 0 picks a free port. For notebooks and tests.

    Examples
    --------
    >>> import httpx
    >>> with running() as url:
    ...     httpx.get(f"{url}/ngsi-ld/v1/types").status_code
    200
    """
    import uvicorn

    app = create_app(broker, temporal_page=temporal_page)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="ngsi-ld-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the NGSI-LD server did not start")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
