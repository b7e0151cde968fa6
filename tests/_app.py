"""What the app tests share: a fresh database per test and the app under AppTest."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "apps" / "atelier" / "atelier.py"
TIMEOUT = 30


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite file for the app's store, closed afterwards."""
    from jnt_fresque.app.resources import forget_stores

    url = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    monkeypatch.setenv("JNT_FRESQUE_DB", url)
    yield url
    forget_stores()


def wait_healthy(url: str, process: subprocess.Popen[bytes], *, timeout: float = 60) -> None:
    """Wait until the Streamlit server at ``url`` answers its health check."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app stopped with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"the app did not answer at {url} within {timeout} s")


@contextmanager
def served_app(db_url: str, log: Path) -> Iterator[str]:
    """The workshop app served on 127.0.0.1 (a free port) for the length of the block."""
    from jnt_fresque.app import server

    port = server.free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            server.command(port, address="127.0.0.1"),
            env=server.environment(db_url),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
