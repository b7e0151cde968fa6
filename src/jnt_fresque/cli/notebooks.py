"""``jnt-fresque voila NAME`` and ``jnt-fresque notebooks``: the teaching material."""

from __future__ import annotations

import shlex
import subprocess

import typer

from jnt_fresque.cli._console import fail
from jnt_fresque.i18n import t


def voila(
    name: str = typer.Argument(..., help=t("teach_arg_name")),
    port: int = typer.Option(8866, "--port", help=t("teach_opt_port")),
    browser: bool = typer.Option(True, "--browser/--no-browser", help=t("teach_opt_browser")),
    print_only: bool = typer.Option(False, "--print", help=t("teach_opt_print")),
) -> int:
    from jnt_fresque.app.teaching import voila_command

    try:
        command = voila_command(name, port=port, browser=browser)
    except KeyError as exc:
        fail(str(exc.args[0]))
        return 2
    except ImportError as exc:
        fail(str(exc))
        return 1
    return _run(command, print_only)


def notebooks(
    port: int = typer.Option(8888, "--port", help=t("teach_opt_port")),
    browser: bool = typer.Option(True, "--browser/--no-browser", help=t("teach_opt_browser")),
    print_only: bool = typer.Option(False, "--print", help=t("teach_opt_print")),
) -> int:
    from jnt_fresque.app.teaching import lab_command

    try:
        command = lab_command(port=port, browser=browser)
    except (FileNotFoundError, ImportError) as exc:
        fail(str(exc))
        return 1
    return _run(command, print_only)


def _run(command: list[str], print_only: bool) -> int:
    if print_only:
        print(shlex.join(command))
        return 0
    return subprocess.call(command)


def register(app: typer.Typer) -> None:
    """Add the ``voila`` and ``notebooks`` commands to ``app``."""
    app.command("voila", help=t("teach_voila_help"))(voila)
    app.command("notebooks", help=t("teach_notebooks_help"))(notebooks)
