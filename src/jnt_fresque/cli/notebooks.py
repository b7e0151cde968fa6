"""``jnt-fresque voila NAME`` and ``jnt-fresque notebooks``: the teaching material."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

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
    into: Path | None = typer.Option(None, "--into", help=t("teach_opt_into")),
    reset: list[str] = typer.Option([], "--reset", help=t("teach_opt_reset")),
    port: int = typer.Option(8888, "--port", help=t("teach_opt_port")),
    browser: bool = typer.Option(True, "--browser/--no-browser", help=t("teach_opt_browser")),
    print_only: bool = typer.Option(False, "--print", help=t("teach_opt_print")),
) -> int:
    from jnt_fresque.app import teaching

    folder = into if into is not None else Path.cwd() / teaching.WORK_FOLDER
    try:
        for lesson in reset:
            typer.echo(t("teach_reset_done", path=teaching.reset_lesson(folder, lesson)), err=True)
        copied = teaching.copy_lessons(folder)
        command = teaching.lab_command(port=port, browser=browser, root=folder.resolve())
    except KeyError as exc:
        fail(str(exc.args[0]))
        return 2
    except ValueError as exc:
        fail(str(exc))
        return 2
    except (FileNotFoundError, ImportError) as exc:
        fail(str(exc))
        return 1
    if copied:
        typer.echo(t("teach_copied", count=len(copied), path=folder.resolve()), err=True)
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
