"""Starting the workshop app: where its script is, the Streamlit settings it runs with,
and the address people in the room join at.

The settings, and why:

- ``server.fileWatcherType=none``: nothing to watch in a workshop; a watcher on a
  large tree costs CPU and inotify handles.
- ``runner.postScriptGC=false``: a full garbage collection after every rerun costs
  tens of milliseconds under load; memory is reclaimed by the normal collector.
- ``runner.fastReruns=true``: a quick second click interrupts the first rerun
  instead of queueing behind it.
- ``browser.gatherUsageStats=false``: no call to the outside world (the room may
  have no internet); ``server.headless=true``: no browser opened on the server.
- ``client.toolbarMode=viewer``, ``client.showErrorDetails=false``: participants
  see no developer menu and no traceback.
- ``client.showSidebarNavigation=false``: the pages draw their own links, which
  carry the participant's identity; Streamlit's list of the ``pages/`` folder
  would flash before the first run ends.
- ``server.maxUploadSize=1``: the app takes no uploads.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SETTINGS: dict[str, str] = {
    "server.headless": "true",
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
    "server.maxUploadSize": "1",
    "runner.postScriptGC": "false",
    "runner.fastReruns": "true",
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "viewer",
    "client.showErrorDetails": "false",
    "client.showSidebarNavigation": "false",
    "global.developmentMode": "false",
    "theme.base": "light",
}


def app_script() -> Path:
    """The app's entry script, ``apps/atelier/atelier.py`` (in the wheel or the repository)."""
    from jnt_fresque.reference.bundled import apps_dir

    script = apps_dir() / "atelier" / "atelier.py"
    if not script.is_file():
        raise FileNotFoundError(f"{script} not found: reinstall jnt-fresque")
    return script


def command(port: int, *, address: str = "0.0.0.0", script: Path | None = None) -> list[str]:
    """The command line that serves the app on ``address:port``."""
    args = [sys.executable, "-m", "streamlit", "run", str(script or app_script())]
    args += [f"--server.port={port}", f"--server.address={address}"]
    args += [f"--{name}={value}" for name, value in SETTINGS.items()]
    return args


def environment(db_url: str | None = None) -> dict[str, str]:
    """The app's environment: the database, and Streamlit kept offline."""
    env = dict(os.environ)
    if db_url:
        env["JNT_FRESQUE_DB"] = db_url
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    return env


def lan_address() -> str:
    """This machine's address on the local network (127.0.0.1 when there is none).

    Connecting a UDP socket sends nothing: it only asks the system which interface
    would carry the traffic.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def join_url(host: str, port: int, code: str | None = None) -> str:
    """The address participants open (the QR code holds it).

    Examples
    --------
    >>> join_url("192.168.1.20", 8501, "K7MQ2X")
    'http://192.168.1.20:8501/?session=K7MQ2X'
    """
    base = f"http://{host}:{port}/"
    return f"{base}?session={code}" if code else base + "rejoindre"


def terminal_qr(text: str) -> str:
    """``text`` as a QR code drawn with block characters, for a terminal."""
    import io

    import segno  # type: ignore[import-untyped,unused-ignore]

    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (for tests and benchmarks)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], *, timeout: float = 60) -> None:
    """Wait until ``url`` answers Streamlit's health check (directly or through a proxy)."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process stopped with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout} s")
        time.sleep(0.3)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate ``process``; kill it if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def start_background(
    db_url: str, log_path: Path, *, timeout: float = 60, script: Path | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app on 127.0.0.1 (a free port) on ``db_url``; return it and its URL once healthy.

    For tests and benchmarks; the caller stops it with `stop`. ``script`` serves another
    Streamlit script with the app's settings (a benchmark's baseline page).
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command(port, address="127.0.0.1", script=script),
            env=environment(db_url),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_healthy(url, process, timeout=timeout)
    except BaseException:
        stop(process)
        raise
    return process, url


@contextmanager
def background(db_url: str, log_path: Path) -> Iterator[str]:
    """The app served on 127.0.0.1 for the length of the block; yields its URL."""
    process, url = start_background(db_url, log_path)
    try:
        yield url
    finally:
        stop(process)
