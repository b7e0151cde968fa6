"""NGSI-LD errors as exceptions, and their ProblemDetails (RFC 7807) bodies.

Every failure the broker reports is one of these; the HTTP layer turns it into
the status and the ``{type, title, status, detail}`` body that NGSI-LD clients
expect, and the client turns such a body back into the same exception.

Examples
--------
>>> ResourceNotFound("no entity urn:ngsi-ld:Tank:T1").problem()["type"]
'https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound'
"""

from __future__ import annotations

from typing import Any, ClassVar

ERRORS_BASE = "https://uri.etsi.org/ngsi-ld/errors/"


class NgsiLdError(Exception):
    """Base of the NGSI-LD errors: a name (the last part of the type URI) and a status."""

    name: ClassVar[str] = "InternalError"
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    @property
    def type(self) -> str:
        """The error type URI."""
        return ERRORS_BASE + self.name

    def problem(self) -> dict[str, Any]:
        """The ProblemDetails body of this error."""
        return {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }


class InvalidRequest(NgsiLdError):
    """The request is not well formed (syntax, JSON, media type parameters)."""

    name = "InvalidRequest"
    status = 400
    title = "Invalid request"


class BadRequestData(NgsiLdError):
    """The request is well formed but its content is not acceptable."""

    name = "BadRequestData"
    status = 400
    title = "Bad request data"


class AlreadyExists(NgsiLdError):
    name = "AlreadyExists"
    status = 409
    title = "Already exists"


class ResourceNotFound(NgsiLdError):
    name = "ResourceNotFound"
    status = 404
    title = "Resource not found"


class OperationNotSupported(NgsiLdError):
    name = "OperationNotSupported"
    status = 422
    title = "Operation not supported"


class TooManyResults(NgsiLdError):
    name = "TooManyResults"
    status = 403
    title = "Too many results"


class LdContextNotAvailable(NgsiLdError):
    name = "LdContextNotAvailable"
    status = 503
    title = "JSON-LD @context not available"


class InternalError(NgsiLdError):
    pass


# HTTP-level failures have no NGSI-LD type of their own: they keep the
# InvalidRequest type (what Orion-LD and Stellio do) with their own status.
class UnsupportedMediaType(InvalidRequest):
    status = 415
    title = "Unsupported media type"


class NotAcceptable(InvalidRequest):
    status = 406
    title = "Not acceptable"


class PayloadTooLarge(InvalidRequest):
    status = 413
    title = "Payload too large"


class MethodNotAllowed(InvalidRequest):
    status = 405
    title = "Method not allowed"


_BY_NAME: dict[str, type[NgsiLdError]] = {
    cls.name: cls
    for cls in (
        InvalidRequest,
        BadRequestData,
        AlreadyExists,
        ResourceNotFound,
        OperationNotSupported,
        TooManyResults,
        LdContextNotAvailable,
        InternalError,
    )
}
_BY_STATUS: dict[int, type[NgsiLdError]] = {
    cls.status: cls
    for cls in (UnsupportedMediaType, NotAcceptable, PayloadTooLarge, MethodNotAllowed)
}


def from_problem(body: Any, status: int) -> NgsiLdError:
    """The exception that a ProblemDetails ``body`` (or any error body) stands for."""
    if not isinstance(body, dict):
        body = {}
    name = str(body.get("type", "")).rsplit("/", 1)[-1]
    cls = _BY_STATUS.get(status) or _BY_NAME.get(name)
    if cls is None:
        cls = BadRequestData if 400 <= status < 500 else InternalError
    detail = body.get("detail") or body.get("title") or f"HTTP {status}"
    return cls(str(detail))
