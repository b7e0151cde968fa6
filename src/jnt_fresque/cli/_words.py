"""Click's own words (« Usage », « Options », the help option, usage errors) in the
reader's language.

Typer 0.29 runs on its own copy of click (``typer._click``), from which click's
gettext calls were taken out: its words are plain English literals, so no
``click`` gettext domain can translate them. They all pass through two places,
though: the help formatter (usage line, section headings, the definition lists
with the help option and the ``[default: …]`` notes) and the usage error's
``show``. The command gets a context whose formatter says them from our
catalogues, and `show_usage_error` words the errors; the language is the one
`jnt_fresque.i18n.current` gives at that moment (the command's, set once at entry).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

import typer
from typer._click.exceptions import (
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
    _join_param_hints,
)
from typer._click.formatting import HelpFormatter

from jnt_fresque.i18n import t, t_n

# Section headings as typer names them (its own gettext calls find no catalogue).
_SECTIONS = {
    "Options": "cli_section_options",
    "Arguments": "cli_section_arguments",
    "Commands": "cli_section_commands",
}
_HELP_OPTION = "Show this message and exit."
# Typer's note after a parameter's help: « [default: 5; required] ».
_NOTE = re.compile(r"\[([^\[\]]*)\]\s*$")


def _note(text: str) -> str:
    def said(found: re.Match[str]) -> str:
        parts = []
        for part in found.group(1).split("; "):
            if part.startswith("default: "):
                part = t("cli_default", value=part.removeprefix("default: "))
            elif part.startswith("env var: "):
                part = t("cli_env_var", name=part.removeprefix("env var: "))
            elif part == "required":
                part = t("cli_required")
            parts.append(part)
        return f"[{'; '.join(parts)}]"

    return _NOTE.sub(said, text)


class Formatter(HelpFormatter):
    """Click's help formatter, saying click's and typer's fixed words from the catalogues."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{t('cli_usage')} " if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        key = _SECTIONS.get(name)
        with super().section(t(key) if key else f"{name}:"):
            yield

    def write_heading(self, heading: str) -> None:
        # The heading comes with its colon: French puts a space before it.
        self.write(f"{'':>{self.current_indent}}{heading}\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        said = [
            (term, t("cli_help_option") if text == _HELP_OPTION else _note(text))
            for term, text in rows
        ]
        super().write_dl(said, col_max, col_spacing)


class Context(typer.Context):
    """The command's context: its help is written by `Formatter`."""

    formatter_class = Formatter


def localize(command: Any) -> Any:
    """Give ``command`` and all its sub-commands the translated help (in place); return it."""
    command.context_class = Context
    command.options_metavar = t("cli_options_metavar")
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = t("cli_command_metavar")
    for sub in getattr(command, "commands", {}).values():
        localize(sub)
    return command


def _hint(error: BadParameter) -> str:
    found = error.param_hint
    if found is None and error.param is not None:
        found = error.param.get_error_hint()
    return _join_param_hints(found) or ""


def _reason(error: UsageError) -> str:
    """The error's message in the reader's language (as click words it, for any other)."""
    if isinstance(error, NoSuchOption):
        said = t("cli_no_such_option", option=error.option_name)
        if error.possibilities:
            said += t("cli_did_you_mean", names=", ".join(sorted(error.possibilities)))
        return said
    if isinstance(error, MissingParameter) and not error.message:
        kind = error.param_type or (error.param.param_type_name if error.param else "")
        key = "cli_missing_argument" if kind == "argument" else "cli_missing_option"
        return t(key, name=_hint(error))
    if isinstance(error, BadParameter) and not isinstance(error, MissingParameter):
        hint = _hint(error)
        return t("cli_bad_value", name=hint, reason=error.message) if hint else error.message
    unknown = re.fullmatch(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?", error.message)
    if unknown:
        said = t("cli_no_such_command", command=unknown.group(1))
        return said + (t("cli_did_you_mean", names=unknown.group(2)) if unknown.group(2) else "")
    extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", error.message)
    if extra:
        values = extra.group(1).split()
        return t_n("cli_extra_arguments", len(values), count=len(values), values=" ".join(values))
    return error.format_message()


def show_usage_error(error: UsageError, file: IO[str] | None = None) -> None:
    """Write a usage error as click does (usage, where to find help, the error), in the
    reader's language."""
    out = file or sys.stderr
    context = error.ctx
    if context is not None:
        print(context.get_usage(), file=out)
        names = context.help_option_names
        if names:
            print(t("cli_try_help", command=f"{context.command_path} {names[0]}"), file=out)
        print(file=out)
    print(t("cli_usage_error", message=_reason(error)), file=out)
