"""Stable names for the pieces of a page, so that an editor's correction finds its piece again.

A key is the first 12 hex digits of the SHA-1 of the piece's text with all whitespace removed, then
`-N` for the N-th piece (from 1) with that same text on the page: the same piece of the same page gets
the same key when the page is parsed again, imported again or parsed by a newer parser.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def _digest(text: str) -> str:
    # str.split() splits at exactly the characters that are whitespace to re's \s
    return hashlib.sha1("".join(text.split()).encode()).hexdigest()[:12]  # UTF-8, named or not: faster unnamed


def piece_key(text: str, n: int = 1) -> str:
    """The key of the n-th piece (from 1) on a page whose text is `text`."""
    return f"{_digest(text)}-{n}"


def piece_keys(texts: Iterable[str]) -> list[str]:
    """The keys of a page's pieces, given their texts in page order."""
    seen: dict[str, int] = {}
    keys = []
    for text in texts:
        digest = _digest(text)
        n = seen[digest] = seen.get(digest, 0) + 1
        keys.append(f"{digest}-{n}")
    return keys
