"""``jnt-fresque atelier``: serve the workshop app on the local network."""

from __future__ import annotations

import subprocess

import typer

from jnt_fresque.cli._console import done
from jnt_fresque.cli._workshop import refusals
from jnt_fresque.i18n import t


def serve(args: list[str], env: dict[str, str]) -> int:
    """Run the app server until it stops (Ctrl+C or SIGTERM stops it); its exit code."""
    import signal

    def _interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    # Stopping this command stops the server too, never leaving it orphaned.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    process = subprocess.Popen(args, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            return process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait(timeout=10)
    finally:
        signal.signal(signal.SIGTERM, previous)


def atelier(
    port: int = typer.Option(8501, "--port", help=t("opt_atelier_port")),
    db: str | None = typer.Option(None, "--db", help=t("opt_atelier_db")),
    session: str | None = typer.Option(None, "--session", help=t("opt_atelier_session")),
    title: str | None = typer.Option(None, "--title", help=t("opt_atelier_title")),
    address: str = typer.Option("0.0.0.0", "--address", help=t("opt_atelier_address")),
) -> int:
    import datetime as dt

    from jnt_fresque.app import server
    from jnt_fresque.store import Store

    with refusals():
        store = Store(db)
    try:
        with refusals():
            if session:
                found = store.session(session)
                secret = None
            else:
                named = title or t("atelier_default_title", date=dt.date.today().isoformat())
                found, secret = store.create_session(named)
    finally:
        store.close()
    host = server.lan_address() if address == "0.0.0.0" else address
    url = server.join_url(host, port, found.code)
    done(t("atelier_join", url=url))
    print(server.terminal_qr(url))
    if secret:
        done(t("atelier_secret", code=found.code, secret=secret))
    else:
        done(t("atelier_resumed", code=found.code))
    done(t("atelier_console", url=f"http://{host}:{port}/animation?session={found.code}"))
    done(t("atelier_projector", url=f"http://{host}:{port}/resultats?session={found.code}"))
    done(t("atelier_stop"))
    return serve(server.command(port, address=address), server.environment(store.url))


def register(app: typer.Typer) -> None:
    """Add ``atelier`` to ``app``."""
    app.command("atelier", help=t("atelier_help"))(atelier)
