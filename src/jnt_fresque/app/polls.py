"""The polls the facilitator sets up from the console: one kind of vote for both decks."""

from __future__ import annotations

from jnt_fresque.workshop.polls import Method, Poll, Subject, default_title


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
    title = default_title(method, subject, k=k, dots=dots)
    return Poll(poll_id, title, method, subject, k=k, dots=dots if method is Method.dots else 0)
