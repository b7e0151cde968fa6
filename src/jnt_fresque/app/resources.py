"""What one app process loads once and shares between visitors: the store and the decks.

Streamlit runs every visitor's script in the same process; loading the decks or
opening the database once per process (not once per click) keeps a room of
hundreds of phones cheap.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Decks
    from jnt_fresque.store.repository import Store

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def decks() -> Decks:
    """The kit's decks, loaded once per process."""
    from jnt_fresque.cards.loader import default_decks

    return default_decks()


_STORES: dict[str | None, Store] = {}


def store(url: str | None = None) -> Store:
    """The store of ``url`` (default ``JNT_FRESQUE_DB``), opened once per process."""
    from jnt_fresque.store.engine import database_url
    from jnt_fresque.store.repository import Store

    key = database_url(url)
    with _LOCK:
        found = _STORES.get(key)
        if found is None:
            found = _STORES[key] = Store(key, decks=decks())
        return found


def settle() -> None:
    """Load what every visitor's page uses (the decks, the store), then set what the
    process holds for good aside from the garbage collector: a full collection then walks
    only what visitors made since, not the hundred thousand objects of the libraries and
    decks (each full collection cost about 100 ms, some 7 % of the server's time under a
    crowd). Called once per process, before the first page."""
    import gc
    from contextlib import suppress

    decks()
    # An unreachable database: the page says so later, in the visitor's words.
    with suppress(Exception):
        store()
    gc.collect()
    gc.freeze()


def forget_stores() -> None:
    """Close every store opened by `store`, and forget what was computed from them
    (tests switch databases between apps)."""
    from jnt_fresque.app.live import forget

    with _LOCK:
        for opened in _STORES.values():
            opened.close()
        _STORES.clear()
    forget()
