"""A throwaway PostgreSQL server for tests and benchmarks: started in a temporary
folder on a loopback port from the distribution's binaries, removed when stopped.

PostgreSQL refuses to run as root; as root, the server runs as the ``postgres``
user (or ``nobody``), which then owns the temporary folder.

Examples
--------
Not run as a doctest (it needs the PostgreSQL binaries); the ``pg_server`` fixture of
``tests/conftest.py`` does this for the whole run::

    server = start()
    url = server.create_database("essai")
    server.stop()
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "jnt"


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (PATH first, then /usr/lib/postgresql/*/bin)."""
    found = shutil.which("pg_ctl")
    candidates = [Path(found).resolve().parent] if found else []

    def version(path: str) -> tuple[int, ...]:
        part = Path(path).parent.name
        return tuple(int(x) for x in part.split(".") if x.isdigit()) or (0,)

    candidates += [
        Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    ]
    candidates += [Path("/usr/local/pgsql/bin")]
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _unprivileged_user() -> str:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root, and no postgres or nobody user to run PostgreSQL as")


@dataclass
class Server:
    """A running throwaway server."""

    bin_dir: Path
    folder: Path
    port: int
    run_as: str | None  # None: as the current user

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _command(self, *args: str) -> list[str]:
        if self.run_as is None:
            return list(args)
        return ["runuser", "-u", self.run_as, "--", *args]

    def run(self, *args: str) -> None:
        """Run a PostgreSQL program of this server's binaries, as the server's user."""
        subprocess.run(
            self._command(str(self.bin_dir / args[0]), *args[1:]),
            check=True,
            capture_output=True,
            cwd=self.folder,
        )

    def create_database(self, name: str) -> str:
        """Create database ``name`` and return its URL."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"'.encode())
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start(*, fsync: bool = True) -> Server:
    """Start a server on a free loopback port; `Server.stop` removes everything.

    Raises
    ------
    FileNotFoundError
        No PostgreSQL binaries (install the distribution's ``postgresql`` package).
    """
    bin_dir = find_binaries()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL binaries (initdb, pg_ctl) not found")
    run_as = _unprivileged_user() if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="jnt-pg-"))
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = Server(bin_dir, folder, _free_port(), run_as)
    try:
        server.run(
            "initdb", "-D", str(server.data), "-U", SUPERUSER, "-A", "trust",
            "-E", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 "
            f"-c fsync={'on' if fsync else 'off'} -c max_connections=200"
        )
        server.run(
            "pg_ctl", "-D", str(server.data), "-l", str(folder / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        stderr = exc.stderr.decode(errors="replace") if exc.stderr else ""
        raise RuntimeError(f"PostgreSQL did not start: {stderr}\n{detail}") from None
    return server
