"""The facilitator's pass: proof, kept in the console's address, that the facilitator gave
the session's secret, so that a reload does not ask for it again.

A pass reads ``CODE.EXPIRY.SIGNATURE``: the session code, when the pass stops working
(Unix seconds) and an HMAC-SHA256 of both under a key drawn for that session and kept in
the database (never shown). Without the key nobody can make a pass, or stretch one's
expiry; drawing a new key (leaving the console) voids every pass of the session. The
secret itself never travels in an address.

Examples
--------
>>> key = new_key()
>>> made = sign(key, "K7MQ2X", expires=2_000_000_000)
>>> verify(key, made, now=1_900_000_000)
'K7MQ2X'
>>> verify(key, made.replace("K7MQ2X", "K7MQ2Y"), now=1_900_000_000) is None
True
>>> verify(key, made, now=2_100_000_000) is None  # expired
True
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time

HOURS = 12  # a workshop day; the facilitator gives the secret again the next morning
MAX_PASS = 100  # longer text is not a pass: refused before any work


def new_key() -> str:
    """A fresh signing key (256 random bits, hex)."""
    return secrets.token_hex(32)


def _signature(key: str, code: str, expires: int) -> str:
    digest = hmac.new(bytes.fromhex(key), f"{code}.{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(key: str, code: str, *, expires: int) -> str:
    """A pass for session ``code`` valid until ``expires`` (Unix seconds)."""
    return f"{code}.{expires}.{_signature(key, code, expires)}"


def code_of(made: str) -> str | None:
    """The session code a pass names (unchecked), or None when it is not shaped as one."""
    parts = made.split(".") if len(made) <= MAX_PASS else []
    if len(parts) != 3 or not parts[0] or not parts[1].isdigit():
        return None
    return parts[0]


def verify(key: str, made: str, *, now: float | None = None) -> str | None:
    """The session code of pass ``made`` if ``key`` signed it and it has not expired."""
    code = code_of(made)
    if code is None:
        return None
    _, expires, given = made.split(".")
    if int(expires) <= (time.time() if now is None else now):
        return None
    if not hmac.compare_digest(given, _signature(key, code, int(expires))):
        return None
    return code
