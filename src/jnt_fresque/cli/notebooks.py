"""``jnt-fresque voila NAME`` and ``jnt-fresque notebooks``: the teaching material."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import typer

from jnt_fresque.cli._console import fail
from jnt_fresque.i18n import language, t


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
    lang: str | None = typer.Option(None, "--lang", help=t("teach_opt_lang"), show_default=False),
    port: int = typer.Option(8888, "--port", help=t("teach_opt_port")),
    browser: bool = typer.Option(True, "--browser/--no-browser", help=t("teach_opt_browser")),
    print_only: bool = typer.Option(False, "--print", help=t("teach_opt_print")),
) -> int:
    from jnt_fresque.app import teaching

    chosen = lang.strip().lower() if lang else language()
    folder = into if into is not None else Path.cwd() / teaching.work_folder(chosen)
    try:
        for lesson in reset:
            restored = teaching.reset_lesson(folder, lesson, chosen)
            typer.echo(t("teach_reset_done", path=restored), err=True)
        copied = teaching.copy_lessons(folder, chosen)
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
    return _run(command, print_only, teaching.lab_environment(chosen))


def _run(command: list[str], print_only: bool, env: dict[str, str] | None = None) -> int:
    if print_only:
        # The lessons' language goes to the kernels through the environment: say so.
        shown = shlex.join(command)
        lang = (env or {}).get("JNT_FRESQUE_LANG")
        print(f"JNT_FRESQUE_LANG={lang} {shown}" if lang else shown)
        return 0
    return subprocess.call(command, env=env)


def register(app: typer.Typer) -> None:
    """Add the ``voila`` and ``notebooks`` commands to ``app``."""
    app.command("voila", help=t("teach_voila_help"))(voila)
    app.command("notebooks", help=t("teach_notebooks_help"))(notebooks)
