"""PDF operator text: numbers, colours and strings as a content stream writes them.

The card faces, crop marks, icons and QR codes are written as PDF operators
(see `render`): this is their shared vocabulary.
"""

from __future__ import annotations

from functools import lru_cache

# PDF string escapes: printable ASCII as is, the rest (and ( ) \) as octal codes.
ESCAPES = {
    code: (chr(code) if 32 <= code < 127 and chr(code) not in "()\\" else f"\\{code:03o}")
    for code in range(256)
}


def number(value: float) -> str:
    """A coordinate: two decimals of a point, a two-hundredth of a millimetre."""
    return f"{value:.2f}"


def fine(value: float) -> str:
    """A number in drawings made once and reused (icons): three decimals, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@lru_cache(maxsize=256)
def rgb(hex_colour: str) -> str:
    """``#rrggbb`` as the three PDF colour components, e.g. ``0.478 0.231 0.412``."""
    return " ".join(f"{int(hex_colour[i : i + 2], 16) / 255:.3f}" for i in (1, 3, 5))
