"""French left in English text: the share of French function words among all words.

A card printed in English should carry French only inside proper names (« Fichiers
fonciers (land files) »). Function words (le, des, et, à…) are the tell-tale: a share
measured over a whole print says how much French slipped through.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Words that are French and never English; « on », « a », « plus », « en » (as in
# « en route ») are left out because English uses them too.
FRENCH_FUNCTION_WORDS = frozenset(
    {
        "le", "la", "les", "des", "du", "de", "et", "à", "au", "aux", "une", "un",
        "dans", "par", "pour", "sur", "avec", "sans", "ou", "où", "qui", "que", "est",
        "sont", "cette", "ces", "leur", "leurs", "selon", "chez", "entre", "vers",
    }
)  # fmt: skip
# Elided forms: « l’eau », « d’après », « qu’il ».
ELIDED = frozenset({"l", "d", "qu", "n", "s", "j", "c"})
_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:[’'][^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class FrenchShare:
    """How many of ``words`` are French function words, and which."""

    french: int
    words: int
    found: Counter[str]

    @property
    def share(self) -> float:
        """French function words as a fraction of all words (0 when there are none)."""
        return self.french / self.words if self.words else 0.0


def french_share(text: str) -> FrenchShare:
    """Count the French function words in ``text``.

    Examples
    --------
    >>> found = french_share("Buildings and roads of the city (Base Adresse de la commune)")
    >>> found.french, found.words
    (2, 11)
    """
    found: Counter[str] = Counter()
    words = 0
    for match in _WORD.finditer(text):
        token = match.group().lower()
        words += 1
        head, apostrophe, _ = token.replace("'", "’").partition("’")
        if apostrophe and head in ELIDED:
            found[head + "’"] += 1
        elif token in FRENCH_FUNCTION_WORDS:
            found[token] += 1
    return FrenchShare(sum(found.values()), words, found)
