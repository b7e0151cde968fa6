"""Who is looking at a page: the session they joined, their anonymous token, their language.

All three travel in the page address (``?session=K7MQ2X&p=<token>&lang=en``), so
that a reload, a phone put to sleep or a move to another page keeps the same
anonymous identity and language: the participant never types anything twice. An
address without a language (the QR code's) takes the browser's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jnt_fresque.i18n import Lang, languages
from jnt_fresque.workshop import codes
from jnt_fresque.workshop.participants import TOKEN, new_token

MAX_CODE = 32


def fresh_token() -> str:
    """A new anonymous token that the store accepts.

    ``new_token`` may start with ``-`` or ``_``, which a token may not: draw again.
    """
    while True:
        token = new_token()
        if TOKEN.match(token):
            return token


@dataclass(frozen=True, slots=True)
class Visitor:
    """What the page address says about the person looking at it.

    Examples
    --------
    >>> v = Visitor.from_query({"session": " k7mq2x ", "p": "abc", "lang": "en"})
    >>> v.code, v.token, v.lang, v.joined
    ('K7MQ2X', 'abc', 'en', True)
    >>> Visitor.from_query({"session": "K7MQ2X"}, default_lang="en").query()
    {'session': 'K7MQ2X', 'lang': 'en'}
    """

    code: str | None = None
    token: str | None = None
    lang: Lang = "fr"

    @property
    def joined(self) -> bool:
        """Whether the visitor has a session and a token."""
        return bool(self.code and self.token)

    @classmethod
    def from_query(cls, query: Mapping[str, str], *, default_lang: Lang = "fr") -> Visitor:
        """Read the address's parameters, ignoring any that could not be ours;
        ``default_lang`` when the address names no language we have."""
        raw_code = (query.get("session") or "")[:MAX_CODE]
        code = codes.normalize(raw_code) if raw_code.strip() else None
        token = query.get("p") or None
        if token is not None and not TOKEN.match(token):
            token = None
        asked = query.get("lang")
        # Any language with a catalogue (a translator's new one too), not only fr and en.
        lang: Lang = asked if asked and asked in languages() else default_lang
        return cls(code or None, token, lang)

    def query(self) -> dict[str, str]:
        """The address parameters that carry this visitor to another page."""
        found: dict[str, str] = {}
        if self.code:
            found["session"] = self.code
        if self.token:
            found["p"] = self.token
        found["lang"] = self.lang
        return found
