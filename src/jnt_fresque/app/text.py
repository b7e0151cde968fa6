"""The app's words in the language each visitor chose (not the server's language)."""

from __future__ import annotations

from jnt_fresque.i18n import Lang
from jnt_fresque.i18n import say as _say
from jnt_fresque.i18n import say_n as _say_n
from jnt_fresque.workshop.errors import WorkshopError

# Refusals whose engine wording points at the command line get an app wording.
_APP_WORDING = {"unknown_session": "app_unknown_session", "session_closed": "app_session_closed"}


def say(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values`` (the kit's one lookup).

    Examples
    --------
    >>> say("app_page_vote", "en")
    'Vote'
    """
    return _say(key, lang, **values)


def say_n(key: str, count: int, lang: Lang, /, **values: object) -> str:
    """The plural message ``key`` for ``count`` things in ``lang``.

    Examples
    --------
    >>> say_n("app_cards_found", 2, "en", count=2)
    '2 cards'
    """
    return _say_n(key, count, lang, **values)


def refusal(error: WorkshopError, lang: Lang) -> str:
    """A refusal of the workshop, worded for a visitor of the app in ``lang``."""
    key = _APP_WORDING.get(error.key, error.key)
    try:
        return say(key, lang, **error.values)
    except (KeyError, IndexError):
        return error.message
