"""The polls the facilitator sets up from the console: one kind of vote for both decks."""

from __future__ import annotations

from jnt_fresque.i18n import Text
from jnt_fresque.workshop.polls import SUBJECT_LABELS, Method, Poll, Subject


def session_polls(method: Method | str, *, k: int = 10, dots: int = 10) -> tuple[Poll, ...]:
    """A use-case poll and a data poll counted by ``method`` (top ``k``, or ``dots`` dots).

    Examples
    --------
    >>> [p.id for p in session_polls("approval")]
    ['uc', 'data']
    """
    chosen = Method(method)
    return tuple(
        _poll(subject.value, chosen, subject, k=k, dots=dots)
        for subject in (Subject.uc, Subject.data)
    )


def proposed_poll(method: Method | str, *, k: int = 10, dots: int = 10) -> Poll:
    """The poll that puts the session's proposed cards to the vote."""
    return _poll("proposed", Method(method), Subject.proposed, k=k, dots=dots)


def _poll(poll_id: str, method: Method, subject: Subject, *, k: int, dots: int) -> Poll:
    label = SUBJECT_LABELS[subject]
    limit = dots if method is Method.dots else k
    title = Text(fr=f"Top {limit} : {label.fr}", en=f"Top {limit}: {label.en}")
    if method is Method.dots:
        title = Text(fr=f"{dots} gommettes : {label.fr}", en=f"{dots} dots: {label.en}")
    return Poll(poll_id, title, method, subject, k=k, dots=dots if method is Method.dots else 0)
