"""What a page computed for a session, kept per process until the session changes.

Every write to a session bumps its version (`jnt_fresque.store.Store.status`): a page
reads the version (one small query it needs anyway, with the session's phase) and
reuses what it computed at that version — the polls of the vote page, the projector's
tallies — instead of reading and counting the whole session again on every run or
every refresh. Shared by every visitor of the process; never stale, since a new version
is a new key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

MAX_ENTRIES = 256  # sessions × kinds of view; the oldest go first

_LOCK = threading.Lock()
_KEPT: OrderedDict[tuple[Hashable, ...], tuple[int, object]] = OrderedDict()


def at_version(key: tuple[Hashable, ...], version: int, compute: Callable[[], T]) -> T:
    """``compute()`` as it was at ``version`` for ``key`` (computed once per version).

    Two visitors asking at once for a new version may both compute it: the work is
    read-only, and the last one kept wins.

    Examples
    --------
    >>> calls = []
    >>> def count() -> int:
    ...     calls.append(1)
    ...     return len(calls)
    >>> at_version(("doc", "K7MQ2X"), 3, count), at_version(("doc", "K7MQ2X"), 3, count)
    (1, 1)
    >>> at_version(("doc", "K7MQ2X"), 4, count)
    2
    """
    with _LOCK:
        found = _KEPT.get(key)
        if found is not None and found[0] == version:
            _KEPT.move_to_end(key)
            return found[1]  # type: ignore[return-value]
    value = compute()
    with _LOCK:
        _KEPT[key] = (version, value)
        _KEPT.move_to_end(key)
        while len(_KEPT) > MAX_ENTRIES:
            _KEPT.popitem(last=False)
    return value


def forget() -> None:
    """Drop everything kept (tests switch databases, whose versions start again at 0)."""
    with _LOCK:
        _KEPT.clear()
