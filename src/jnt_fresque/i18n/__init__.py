"""Languages: French first, English complete, any other language a catalogue away.

The kit's messages are gettext catalogues (``locale/<lang>/LC_MESSAGES/jnt_fresque.po``)
whose ids are symbolic keys. The one lookup is `say` (and `say_n` for a count):
it takes the language as an argument, so that a PDF made for someone is in that
person's language, whatever the machine's. `Translator` binds a language for
code that says many things. `Text` holds one text of a deck in each language.

`t` is the command line's shortcut: the language of the person at the keyboard,
chosen once at the command's entry (`speaking`) or read from the environment
(`language`). Printing, reporting, exports and scoping never use it.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jnt_fresque.i18n.catalogues import (
    SOURCE,
    Catalogue,
    catalogue,
    forget_search_path,
    languages,
)

# A language code: "fr", "en", or any language with a catalogue.
Lang = str
# The languages every deck text and every message must have.
LANGS: tuple[str, ...] = ("fr", "en")

_SPEAKING: ContextVar[str | None] = ContextVar("jnt_fresque_lang", default=None)


# A language key of a deck text, as a translator writes it: a language subtag of two or
# three letters, then optionally a script and a region (« de », « pt_BR », « pt-BR »,
# « zh_Hant »), a code with a catalogue being always accepted. Checked without Babel (not
# a core dependency): a well-formed code is enough for a deck to load, what matters is that
# a catalogue of that code exists when someone reads it.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Z][a-z]{3})?(?:[_-](?:[A-Z]{2}|[0-9]{3}))?$")


def language_code(value: str) -> str | None:
    """``value`` as a language key of a deck text (``-`` written ``_``, as catalogues name
    their folders), or None when it is not a language code.

    Examples
    --------
    >>> language_code("pt-BR"), language_code("de"), language_code("note")
    ('pt_BR', 'de', None)
    """
    if value in languages() or LANGUAGE_CODE.match(value):
        return value.replace("-", "_")
    return None


@dataclass(frozen=True, slots=True)
class Text:
    """A text of a deck in French, in English, and in any further language a translator adds.

    ``more`` holds the further languages as ``(code, text)`` pairs, sorted by code. A
    language the text lacks reads the English (a regional variant, ``pt_BR``, first
    reads its language, ``pt``), and the French where the English is empty.

    In a deck file it is a mapping, ``{fr: …, en: …, de: …}``: ``fr`` and ``en`` are
    required, every other key must be a language code (`language_code`).

    Examples
    --------
    >>> Text(fr="Bâtiments", en="Buildings").get("en")
    'Buildings'
    >>> buildings = Text.of({"fr": "Bâtiments", "en": "Buildings", "de": "Gebäude"})
    >>> buildings.get("de"), buildings.get("it"), buildings.as_dict()["de"]
    ('Gebäude', 'Buildings', 'Gebäude')
    """

    fr: str
    en: str
    more: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> Text:
        """The text of a mapping from language codes to texts (``fr`` and ``en`` required)."""
        others = {k: v for k, v in texts.items() if k not in LANGS}
        return cls(fr=texts["fr"], en=texts["en"], more=tuple(sorted(others.items())))

    def as_dict(self) -> dict[str, str]:
        """The text as a deck file writes it: French, English, then the others by code."""
        return {"fr": self.fr, "en": self.en, **dict(self.more)}

    @property
    def langs(self) -> tuple[str, ...]:
        """The languages the text is written in."""
        return ("fr", "en", *(code for code, _ in self.more))

    def get(self, lang: Lang | None = None) -> str:
        """The text in ``lang`` (default: the language of the person at the keyboard)."""
        chosen = lang or current()
        if chosen == "fr":
            return self.fr
        if chosen != "en" and self.more:
            found = dict(self.more)
            for candidate in (chosen, chosen.replace("-", "_").split("_")[0]):
                if found.get(candidate):
                    return found[candidate]
        return self.en or self.fr

    def __str__(self) -> str:
        return self.get()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        # A deck text is validated as a mapping (fr and en required, any language added),
        # and dumped back as one, so that `deck show` and the exports keep every language.
        from pydantic_core import core_schema

        text = core_schema.str_schema(strip_whitespace=True)
        mapping = core_schema.typed_dict_schema(
            {
                "fr": core_schema.typed_dict_field(text),
                "en": core_schema.typed_dict_field(text),
            },
            extra_behavior="allow",
            extras_schema=text,
        )
        return core_schema.no_info_before_validator_function(
            _text_input,
            core_schema.no_info_after_validator_function(_text_of, mapping),
            serialization=core_schema.plain_serializer_function_ser_schema(
                Text.as_dict, when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "title": "Text",
            "description": "A text in French and English (required), and in any further "
            "language, by its code (de, pt_BR…)",
            "properties": {"fr": {"type": "string"}, "en": {"type": "string"}},
            "required": ["fr", "en"],
            "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
            "additionalProperties": {"type": "string"},
        }


def _text_input(value: object) -> object:
    return value.as_dict() if isinstance(value, Text) else value


def _text_of(texts: dict[str, str]) -> Text:
    from pydantic_core import PydanticCustomError

    others: dict[str, str] = {}
    for key, value in texts.items():
        if key in LANGS:
            continue
        code = language_code(key)
        if code is None:
            raise PydanticCustomError(
                "text_not_language",
                "« {value} » is not a language code; a text holds fr, en, then other "
                "languages by their code (de, pt_BR…)",
                {"lang": key, "value": key},
            )
        if code in others or code in LANGS:
            raise PydanticCustomError(
                "text_language_twice",
                "language written twice (« {value} »); keep one entry",
                {"lang": key, "value": key},
            )
        others[code] = value
    return Text(fr=texts["fr"], en=texts["en"], more=tuple(sorted(others.items())))


def language() -> Lang:
    """The language of the person at the keyboard, read from the environment.

    ``JNT_FRESQUE_LANG`` wins when a catalogue speaks it; otherwise the locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) when a catalogue speaks it; else French.
    """
    known = languages()
    chosen = os.environ.get("JNT_FRESQUE_LANG", "").strip()
    if chosen:
        found = _known(chosen, known)
        if found:
            return found
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return _known(value, known) or SOURCE
    return SOURCE


def language_of(locale: str) -> Lang | None:
    """The language with a catalogue that a locale name asks for (``en-US`` → ``en``), or
    None when no catalogue speaks it (a browser's or a system's locale, say).

    Examples
    --------
    >>> language_of("en-GB"), language_of("fr_CA.UTF-8"), language_of("xx")
    ('en', 'fr', None)
    """
    return _known(locale, languages())


def _known(value: str, known: tuple[str, ...]) -> str | None:
    code = value.split(".")[0].replace("-", "_")
    for candidate in (code, code.split("_")[0].lower()):
        if candidate in known:
            return candidate
    return None


def current() -> Lang:
    """The language chosen by `speaking` around this call, else `language`."""
    return _SPEAKING.get() or language()


@contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    """Say `t`'s messages in ``lang`` inside the block (the command's entry sets it once)."""
    token = _SPEAKING.set(lang)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def template(key: str, lang: Lang) -> str:
    """The unformatted message ``key`` in ``lang`` (English, then French, where it lacks one)."""
    for found in _chain(lang):
        text = found.messages.get(key)
        if text is None and key in found.plurals:
            text = found.plurals[key][-1]
        if text is not None:
            return text
    raise KeyError(key)


class Key:
    """A message given as a value of another message: said in the same language.

    Examples
    --------
    >>> say("bad_export", "en", reason=Key("export_not_session"))
    'unreadable session export: not a jnt-fresque session JSON export'
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values

    def __repr__(self) -> str:
        return f"Key({self.key!r})"


def _said(lang: Lang, values: dict[str, object]) -> dict[str, object]:
    return {k: say(v.key, lang, **v.values) if isinstance(v, Key) else v for k, v in values.items()}


def known(key: str) -> bool:
    """Whether ``key`` is one of the kit's messages."""
    found = catalogue(SOURCE)
    return key in found.messages or key in found.plurals


def say(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``.

    A plural message (``msgid_plural`` in the catalogue) takes the form for its
    count: the first whole number among its placeholders, in the French text's order.

    Examples
    --------
    >>> say("app_page_vote", "en")
    'Vote'
    >>> say("app_results_ballots", "en", ballots=1), say("app_results_ballots", "fr", ballots=0)
    ('1 ballot', '0 bulletin')
    """
    for found in _chain(lang):
        text = found.messages.get(key)
        if text is None:
            forms = found.plurals.get(key)
            if not forms:
                continue
            text = forms[min(found.plural(_count(key, values)), len(forms) - 1)]
        return text.format(**_said(found.lang, values)) if values else text
    raise KeyError(key)


def say_n(key: str, count: int, lang: Lang, /, **values: object) -> str:
    """The plural message ``key`` for ``count`` things in ``lang`` (the language's plural rule).

    Examples
    --------
    >>> say_n("app_cards_found", 1, "fr", count=1), say_n("app_cards_found", 2, "fr", count=2)
    ('1 carte', '2 cartes')
    """
    for found in _chain(lang):
        forms = found.plurals.get(key)
        if forms:
            text = forms[min(found.plural(count), len(forms) - 1)]
            return text.format(**_said(found.lang, values)) if values else text
    raise KeyError(key)


def _count(key: str, values: dict[str, object]) -> int:
    for name in _placeholders(key):
        value = values.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    raise KeyError(f"{key}: a plural message needs a whole number among its values")


@lru_cache(maxsize=256)
def _placeholders(key: str) -> tuple[str, ...]:
    forms = catalogue(SOURCE).plurals.get(key, ())
    parsed = string.Formatter().parse(forms[-1] if forms else "")
    return tuple(name.split(".")[0].split("[")[0] for _, name, _, _ in parsed if name)


@lru_cache(maxsize=32)
def _chain(lang: Lang) -> tuple[Catalogue, ...]:
    """The catalogues a message in ``lang`` is looked up in, in order (resolved once: a page
    run says dozens of messages)."""
    return tuple(catalogue(candidate) for candidate in _fallbacks(lang))


def forget() -> None:
    """Look for catalogues again, after ``JNT_FRESQUE_LOCALES`` changed (tests do)."""
    forget_search_path()
    _chain.cache_clear()


def _fallbacks(lang: Lang) -> tuple[str, ...]:
    known = languages()
    chain = (lang, "en", SOURCE) if lang != SOURCE else (SOURCE,)
    return tuple(dict.fromkeys(c for c in chain if c in known))


@dataclass(frozen=True, slots=True)
class Message:
    """A message of the catalogues kept by its key, said in whatever language is asked.

    What `Text` is to a deck's texts, for the kit's own words (a phase's or a profile's
    name): any language with a catalogue reads it, a pseudo-locale included.

    Its values are said in the same language: a `Text` or a `Message` in that
    language, a tuple of them joined by commas, anything else as it is.

    Examples
    --------
    >>> Message("phase_vote").get("en"), Message("phase_vote").fr
    ('Voting the top 10', 'Vote du top 10')
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **values: object) -> Message:
        """The message ``key`` with ``values`` (`Text`s said in the reader's language)."""
        return cls(key, tuple(sorted(values.items())))

    def get(self, lang: Lang | None = None) -> str:
        """The message in ``lang`` (default: the language of the person at the keyboard)."""
        chosen = lang or current()
        return say(self.key, chosen, **{k: _in(v, chosen) for k, v in self.values})

    def as_data(self) -> dict[str, Any]:
        """The message as JSON data (its key and values), for a store or an export to keep.

        Examples
        --------
        >>> Message.of("poll_title_top", limit=5, subject=Message("subject_uc")).as_data()
        {'key': 'poll_title_top', 'values': {'limit': 5, 'subject': {'key': 'subject_uc'}}}
        """
        values = {k: v.as_data() if isinstance(v, Message) else v for k, v in self.values}
        if not all(isinstance(v, dict | str | int | float) for v in values.values()):
            raise TypeError(f"{self.key}: only texts, numbers and messages are kept as data")
        return {"key": self.key, "values": values} if values else {"key": self.key}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Message:
        """The message that `as_data` gave (`ValueError` when it is not one of the kit's)."""
        key = data.get("key")
        values = data.get("values") or {}
        if not isinstance(key, str) or not known(key) or not isinstance(values, dict):
            raise ValueError(f"not a message of the catalogues: {data!r}")
        return cls.of(
            key, **{k: cls.from_data(v) if isinstance(v, dict) else v for k, v in values.items()}
        )

    @property
    def fr(self) -> str:
        """The message in French."""
        return self.get("fr")

    @property
    def en(self) -> str:
        """The message in English."""
        return self.get("en")

    def __str__(self) -> str:
        return self.get()


def _in(value: object, lang: Lang) -> object:
    if isinstance(value, Text | Message):
        return value.get(lang)
    if isinstance(value, tuple):
        return ", ".join(str(_in(item, lang)) for item in value)
    return value


def text_of(key: str) -> Text:
    """The message ``key`` in French and English, as a `Text` (for data that carries both)."""
    return Text(fr=template(key, "fr"), en=template(key, "en"))


@dataclass(frozen=True, slots=True)
class Translator:
    """The kit's messages in one language, for code that says many things.

    Examples
    --------
    >>> _ = Translator("en")
    >>> _("app_page_vote"), _.n("app_cards_found", 3, count=3)
    ('Vote', '3 cards')
    """

    lang: Lang

    def __call__(self, key: str, /, **values: object) -> str:
        return say(key, self.lang, **values)

    def n(self, key: str, count: int, /, **values: object) -> str:
        """The plural message ``key`` for ``count`` things."""
        return say_n(key, count, self.lang, **values)


def t(key: str, /, **values: object) -> str:
    """The message ``key`` for the person at the keyboard (the command line's language)."""
    return say(key, current(), **values)


def t_n(key: str, count: int, /, **values: object) -> str:
    """The plural message ``key`` for the person at the keyboard."""
    return say_n(key, count, current(), **values)


def N_(key: str) -> str:
    """Mark ``key`` as a message looked up later (so that extraction finds it)."""
    return key


__all__ = [
    "LANGS",
    "N_",
    "Key",
    "Lang",
    "Message",
    "Text",
    "Translator",
    "current",
    "known",
    "language",
    "language_code",
    "language_of",
    "languages",
    "say",
    "say_n",
    "speaking",
    "t",
    "t_n",
    "template",
    "text_of",
]
