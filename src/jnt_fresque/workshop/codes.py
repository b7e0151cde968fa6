"""The codes people read and type: session codes, single-use voting codes, facilitator secrets.

Codes use an alphabet without look-alike characters (no 0/O, 1/I/L) so that a
code read on a projector or a printed slip is typed right the first time.
Secrets are kept only as a salted hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SESSION_CODE_LENGTH = 6
VOTE_CODE_LENGTH = 8  # 31**8 ≈ 8.5e11: guessing a valid code among 150 is hopeless
_ITERATIONS = 120_000


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_session_code() -> str:
    """A fresh session code, e.g. ``K7MQ2X``."""
    return _random(SESSION_CODE_LENGTH)


def new_vote_code() -> str:
    """A fresh single-use voting code, printed as ``ABCD-EFGH``."""
    code = _random(VOTE_CODE_LENGTH)
    return f"{code[:4]}-{code[4:]}"


def normalize(code: str) -> str:
    """A code as typed (any case, with spaces or dashes) → its canonical form.

    Examples
    --------
    >>> normalize(" abcd efgh ")
    'ABCD-EFGH'
    >>> normalize("k7mq2x")
    'K7MQ2X'
    """
    plain = "".join(c for c in code.upper() if c.isalnum())
    if len(plain) == VOTE_CODE_LENGTH:
        return f"{plain[:4]}-{plain[4:]}"
    return plain


def new_secret() -> str:
    """A facilitator secret: shown once, stored only as `hash_secret`."""
    return secrets.token_urlsafe(12)


def hash_secret(secret: str, *, salt: str | None = None) -> str:
    """``pbkdf2_sha256$iterations$salt$hash`` of ``secret``."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt.encode(), _ITERATIONS)
    return f"pbkdf2_sha256${_ITERATIONS}${salt}${digest.hex()}"


def check_secret(secret: str, hashed: str) -> bool:
    """Whether ``secret`` is the one ``hashed`` was made from (constant-time)."""
    try:
        scheme, iterations, salt, expected = hashed.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt.encode(), int(iterations))
    return hmac.compare_digest(digest.hex(), expected)
