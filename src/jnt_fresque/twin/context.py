"""JSON-LD @contexts: a local cache, and the term ↔ IRI mapping a request works with.

An NGSI-LD broker stores attribute names and types as full IRIs and shows them
to each client with the short names of the client's own @context. The core
context and the Smart Data Models contexts the kit uses are shipped in
``twin/contexts/`` (see its README): nothing is fetched for them. A folder of
the user's own context files extends the cache; any other context URL is
fetched once, with a short timeout, and kept; when it cannot be had the request
fails with ``LdContextNotAvailable`` (503) instead of hanging.

pyld processes each context (nested imports, ``@protected``, prefixes, ``@vocab``);
the resulting mapping is then used through small caches, so the broker's hot
path never runs JSON-LD algorithms on each entity.

Examples
--------
>>> contexts = ContextCache()
>>> ctx = contexts.resolve(TWIN_CONTEXT)
>>> ctx.expand("pressure")
'https://smartdatamodels.org/dataModel.WaterDistributionManagementEPANET/pressure'
>>> contexts.resolve(None).compact(ctx.expand("pressure"))
'https://smartdatamodels.org/dataModel.WaterDistributionManagementEPANET/pressure'
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jnt_fresque.twin.errors import BadRequestData, LdContextNotAvailable

# The core context this broker answers with (v1.9); v1.6 to v1.8 and the unversioned URL
# name the same terms with the same IRIs and are known too (see contexts/README.md).
CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.9.jsonld"
TWIN_CONTEXT = "https://jnt-fresque.github.io/contexts/jnt-fresque.jsonld"
DEFAULT_VOCAB = "https://uri.etsi.org/ngsi-ld/default-context/"
SHIPPED = Path(__file__).resolve().parent / "contexts"
INDEX = "index.json"
MAX_CONTEXT_BYTES = 2_000_000

ContextValue = str | dict[str, Any] | list[Any]


def _read_index(folder: Path) -> dict[str, Path]:
    """The ``URL → file`` map of a context folder (its ``index.json``)."""
    index = folder / INDEX
    if not index.is_file():
        raise FileNotFoundError(
            f"{index}: missing; a context folder needs an index.json mapping each context URL "
            'to its file, e.g. {"https://example.org/ctx.jsonld": "ctx.jsonld"}'
        )
    entries = json.loads(index.read_text(encoding="utf-8"))
    if not isinstance(entries, dict):
        raise ValueError(f"{index}: a JSON object mapping URLs to file names is expected")
    found: dict[str, Path] = {}
    for url, name in entries.items():
        path = folder / str(name)
        if not path.is_file():
            raise FileNotFoundError(f"{index}: {url} maps to {name}, which does not exist")
        found[str(url)] = path
    return found


class Context:
    """A processed @context: expands short names to IRIs and compacts them back.

    ``value`` is the context as the client gave it (what goes back in responses);
    the core context always lies beneath it.
    """

    def __init__(self, value: ContextValue | None, active: Any, processor: Any) -> None:
        self.value = value
        self._active = active
        self._processor = processor
        self._expanded: dict[str, str] = {}
        self._compacted: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def url(self) -> str | None:
        """The context URL to put in a ``Link`` header, when the context is one URL."""
        if self.value is None:
            return CORE_CONTEXT
        return self.value if isinstance(self.value, str) else None

    @property
    def body_value(self) -> ContextValue:
        """The ``@context`` member of an ``application/ld+json`` response."""
        return CORE_CONTEXT if self.value is None else self.value

    def expand(self, term: str) -> str:
        """The IRI of an attribute name or entity type."""
        found = self._expanded.get(term)
        if found is None:
            with self._lock:
                found = str(self._processor._expand_iri(self._active, term, vocab=True))
            self._expanded[term] = found
        return found

    def compact(self, iri: str) -> str:
        """The short name of an IRI in this context (the IRI itself when it has none)."""
        found = self._compacted.get(iri)
        if found is None:
            with self._lock:
                found = str(self._processor._compact_iri(self._active, iri, vocab=True))
            self._compacted[iri] = found
        return found


class ContextCache:
    """Where contexts come from: shipped files, the user's folders, then the network once.

    Parameters
    ----------
    folders
        Folders of the user's own context files, each with an ``index.json`` that maps
        every context URL to its file (as ``twin/contexts/`` does).
    fetch
        Whether a context URL found nowhere else may be fetched over the network.
    timeout
        Seconds allowed for such a fetch.
    """

    def __init__(
        self, folders: Iterable[Path] = (), *, fetch: bool = True, timeout: float = 3.0
    ) -> None:
        self.files: dict[str, Path] = _read_index(SHIPPED)
        for folder in folders:
            self.files.update(_read_index(Path(folder)))
        self.fetch = fetch
        self.timeout = timeout
        self._documents: dict[str, Any] = {}
        self._failed: dict[str, str] = {}
        self._resolved: dict[str, Context] = {}
        self._lock = threading.RLock()
        self._processor: Any = None
        self._options: dict[str, Any] = {}
        self._core_active: Any = None

    # --- documents ------------------------------------------------------------

    def document(self, url: str) -> Any:
        """The JSON document of the context at ``url``.

        Raises
        ------
        LdContextNotAvailable
            If it is neither cached nor fetchable.
        """
        with self._lock:
            if url in self._documents:
                return self._documents[url]
            if url in self.files:
                doc = json.loads(self.files[url].read_text(encoding="utf-8"))
            elif url in self._failed:
                raise LdContextNotAvailable(self._failed[url])
            else:
                doc = self._download(url)
            self._documents[url] = doc
            return doc

    def _download(self, url: str) -> Any:
        reason = None
        if not self.fetch:
            reason = "fetching remote contexts is switched off"
        elif not url.startswith(("http://", "https://")):
            reason = "only http(s) context URLs can be fetched"
        if reason is None:
            import httpx

            try:
                response = httpx.get(
                    url,
                    timeout=self.timeout,
                    follow_redirects=True,
                    headers={"Accept": "application/ld+json, application/json"},
                )
                if response.status_code != 200:
                    reason = f"HTTP {response.status_code}"
                elif len(response.content) > MAX_CONTEXT_BYTES:
                    reason = "the document is too large"
                else:
                    doc = response.json()
                    if isinstance(doc, dict) and "@context" in doc:
                        return doc
                    reason = "the document has no @context member"
            except (httpx.HTTPError, ValueError) as exc:
                reason = f"{type(exc).__name__}: {exc}"[:200]
        message = f"@context {url} is not available ({reason})"
        # Remembered, so that a twin pointing at a dead URL fails fast every time.
        self._failed[url] = message
        raise LdContextNotAvailable(message)

    def _loader(self, url: str, options: Any = None) -> dict[str, Any]:
        return {"contextUrl": None, "documentUrl": url, "document": self.document(url)}

    # --- processed contexts ---------------------------------------------------

    def _setup(self) -> None:
        from cachetools import LRUCache
        from pyld import jsonld  # type: ignore[import-untyped]
        from pyld.context_resolver import ContextResolver  # type: ignore[import-untyped]

        self._processor = jsonld.JsonLdProcessor()
        self._options = {
            "documentLoader": self._loader,
            "base": "",
            "processingMode": "json-ld-1.1",
            "isFrame": False,
            # Our own resolver: pyld's default one caches contexts process-wide by URL,
            # which would mix the contexts of two brokers with different folders.
            "contextResolver": ContextResolver(LRUCache(maxsize=256), self._loader),
        }
        initial = self._processor._get_initial_context(self._options)
        self._core_active = self._processor.process_context(initial, CORE_CONTEXT, self._options)

    def resolve(self, value: ContextValue | None) -> Context:
        """The processed context for ``value`` (a URL, an object or a list; None: core only).

        Raises
        ------
        LdContextNotAvailable
            If a context URL cannot be had.
        BadRequestData
            If the context is not valid JSON-LD (e.g. it redefines a protected core term).
        """
        if value is None:
            key = ""
        elif isinstance(value, str):
            key = value
        else:
            key = json.dumps(value, sort_keys=True)
        found = self._resolved.get(key)
        if found is not None:
            return found
        with self._lock:
            if self._processor is None:
                self._setup()
            if value is None:
                active = self._core_active
            else:
                if not isinstance(value, str | dict | list):
                    raise BadRequestData("@context must be a URL, an object or a list")
                from pyld.jsonld import JsonLdError  # type: ignore[import-untyped]

                try:
                    active = self._processor.process_context(
                        self._core_active, value, self._options
                    )
                except JsonLdError as exc:
                    cause = _cause(exc)
                    if isinstance(cause, LdContextNotAvailable):
                        raise cause from None
                    raise BadRequestData(f"invalid @context: {_jsonld_message(exc)}") from None
            found = Context(value, active, self._processor)
            if len(self._resolved) > 1000:  # inline contexts could otherwise pile up
                self._resolved.clear()
            self._resolved[key] = found
            return found


def _cause(exc: BaseException) -> BaseException | None:
    seen = exc
    while seen is not None:
        if isinstance(seen, LdContextNotAvailable):
            return seen
        details = getattr(seen, "details", None)
        nested = details.get("cause") if isinstance(details, dict) else None
        seen = nested or seen.__cause__ or seen.__context__  # type: ignore[assignment]
    return None


def _jsonld_message(exc: Exception) -> str:
    code = getattr(exc, "code", None)
    first = str(exc.args[0]) if exc.args else str(exc)
    return f"{first} ({code})" if code else first
