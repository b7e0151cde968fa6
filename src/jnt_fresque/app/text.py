"""The app's words in the language each visitor chose (not the server's language)."""

from __future__ import annotations

from functools import lru_cache

from jnt_fresque.i18n import Lang
from jnt_fresque.workshop.errors import WorkshopError

# Refusals whose engine wording points at the command line get an app wording.
_APP_WORDING = {"unknown_session": "app_unknown_session", "session_closed": "app_session_closed"}


def say(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``.

    Examples
    --------
    >>> say("app_page_vote", "en")
    'Vote'
    """
    template = _template(key, lang)
    return template.format(**values) if values else template


@lru_cache(maxsize=4096)
def _template(key: str, lang: Lang) -> str:
    # Pages say the same few hundred messages on every run: looked up once per process.
    from jnt_fresque.i18n.catalogue import MESSAGES

    return MESSAGES[key].get(lang)


def refusal(error: WorkshopError, lang: Lang) -> str:
    """A refusal of the workshop, worded for a visitor of the app in ``lang``."""
    key = _APP_WORDING.get(error.key, error.key)
    try:
        return say(key, lang, **error.values)
    except (KeyError, IndexError):
        return error.message
