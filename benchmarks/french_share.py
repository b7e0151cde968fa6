"""Share of French function words in the English print of the default decks.

    python benchmarks/french_share.py [PDF]

Without a PDF, prints every deck in English (``jnt-fresque print --lang en --duplex
none``) to a temporary file first. Prints the share and the most frequent words found.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

from jnt_fresque.cards.language import french_share


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(argv[0]) if argv else Path(tmp) / "en.pdf"
        if not argv:
            from jnt_fresque.cli import main as cli

            command = ["print", "--lang", "en", "--duplex", "none", "-o", str(pdf)]
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                if cli(command) != 0:
                    raise SystemExit("jnt-fresque print failed")
        text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    found = french_share(text)
    print(f"{found.french} French function words out of {found.words} words: {found.share:.2%}")
    print("most frequent:", ", ".join(f"{w} {n}" for w, n in found.found.most_common(12)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
