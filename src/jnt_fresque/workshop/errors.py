"""Refusals of the workshop: an action a rule forbids, said in the user's language.

A refusal carries a message key and its values rather than a finished sentence,
so that each front end words it in the language of the person who reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jnt_fresque.i18n import t


class WorkshopError(Exception):
    """An action refused by a rule of the workshop; nothing was written.

    Examples
    --------
    >>> WorkshopError("unknown_session", code="ZZZ").key
    'unknown_session'
    """

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(key)

    @property
    def message(self) -> str:
        """The refusal in the user's language."""
        return t(self.key, **self.values)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong with one row of a spreadsheet (line 1 is the header)."""

    line: int
    message: str


class RowsRefused(WorkshopError):
    """A spreadsheet refused as a whole: every bad row, each with its line number."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        super().__init__("rows_refused", count=len(problems))
        self.problems = tuple(problems)
