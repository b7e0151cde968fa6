"""The ``jnt-fresque`` command: one module per group of sub-commands.

``main(argv)`` runs it in process and returns the exit code: 0 success, 1 an
error at run time, 2 bad input (a usage error or a deck with problems).
"""

from __future__ import annotations

import os
import sys

import typer
from typer.exceptions import TyperException

from jnt_fresque._version import __version__
from jnt_fresque.cli import atelier, campaign, decks, notebooks, printing, twin
from jnt_fresque.cli import session as workshop
from jnt_fresque.cli._console import fail, problems
from jnt_fresque.i18n import language, speaking, t

app = typer.Typer(
    name="jnt-fresque",
    help=t("cli_help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
atelier.register(app)
decks.register(app)
printing.register(app)
twin.register(app)
workshop.register(app)
campaign.register(app)
notebooks.register(app)


def _version(value: bool) -> None:
    if value:
        print(f"jnt-fresque {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", help=t("cli_version_help"), callback=_version, is_eager=True
    ),
) -> None:
    """Workshop and teaching kit for territorial digital twins."""


@app.command("show-versions", help=t("cli_show_versions_help"))
def show_versions() -> None:
    from jnt_fresque._show_versions import show_versions as show

    show()


def main(argv: list[str] | None = None) -> int:
    """Run the command with ``argv`` (default: the process arguments); return the exit code."""
    args = sys.argv[1:] if argv is None else argv
    # The language of the person at the keyboard, read once; commands pass it on.
    with speaking(language()):
        return _main(args)


def _main(args: list[str]) -> int:
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from jnt_fresque.cards.problems import DeckError
    from jnt_fresque.cli._words import localize, show_usage_error

    # Click's own words (usage, headings, the help option, usage errors) in the reader's
    # language too: see `_words`.
    command = localize(typer.main.get_command(app))
    try:
        result = command.main(args=args, prog_name="jnt-fresque", standalone_mode=False)
    except DeckError as exc:
        problems(exc.problems)
        return 2
    except typer.Abort:
        fail(t("cli_aborted"))
        return 1
    except UsageError as exc:
        if isinstance(exc, NoArgsIsHelpError):
            exc.show()  # the help, written by our formatter
        else:
            show_usage_error(exc)
        return int(exc.exit_code)
    except TyperException as exc:  # other errors of typer's own copy of click
        exc.show()  # type: ignore[attr-defined]
        return int(getattr(exc, "exit_code", 2))
    except KeyboardInterrupt:
        fail(t("cli_aborted"))
        return 130
    except ModuleNotFoundError as exc:
        # A core-only install running a command of the kit (printing, the app, twins).
        if not exc.name or exc.name.partition(".")[0] == "jnt_fresque":
            raise
        fail(t("cli_missing_extra", module=exc.name.partition(".")[0]))
        return 1
    except Exception as exc:
        # A bug of ours, not the user's input: a short message and how to report it;
        # JNT_FRESQUE_DEBUG=1 shows the full traceback for whoever fixes it.
        if os.environ.get("JNT_FRESQUE_DEBUG"):
            raise
        fail(t("cli_internal_error", error=f"{type(exc).__name__}: {exc}"[:200]))
        return 1
    return result if isinstance(result, int) else 0


def run() -> None:
    """Entry point of the installed script."""
    sys.exit(main())
