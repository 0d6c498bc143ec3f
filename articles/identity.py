"""A story's identity, which is not its place on the page.

Every story carries a short random id (`uid`) from the moment it is made: exports, imports,
backups and fixtures refer to it by that id, so moving, inserting or splitting stories never
changes which story a spreadsheet row or a reference means. Its public URL carries its row id,
which a move keeps too.
"""
from __future__ import annotations

import hashlib
import re
import secrets

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read aloud and typed from paper
UID_LENGTH = 12  # 31**12 ≈ 7.9e17 ids


def new_uid() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(UID_LENGTH))


def derived_uid(*parts) -> str:
    """The same id for the same parts: for generated fixtures, which must not change from one build to the next."""
    digest = int.from_bytes(hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest(), "big")
    chars = []
    for _ in range(UID_LENGTH):
        digest, index = divmod(digest, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


_NOT_A_LETTER = re.compile(r"[\W_]+", re.UNICODE)


def title_key(title: str) -> str:
    """A headline as re-import matches it: letters and digits only, any width, any case
    (a re-typed comma or an OCR space does not make another story)."""
    import unicodedata

    return _NOT_A_LETTER.sub("", unicodedata.normalize("NFKC", title or "")).casefold()


def match_stories(old_titles: list[str], new_titles: list[str]) -> list[int | None]:
    """Which stored story each story of a new reading of a page is: for each new story, the index
    of the old one, or None for a story that is new.

    A story is known by its headline first, wherever it now stands (two with the same headline: the
    one nearest its old place); the rest are paired by place, as long as the old story at that
    place has not been claimed by its headline. An old story left unmatched is one the new text
    no longer has.
    """
    old_keys = [title_key(title) for title in old_titles]
    matched: list[int | None] = [None] * len(new_titles)
    claimed: set[int] = set()
    for new_index, title in enumerate(new_titles):
        key = title_key(title)
        if not key:
            continue
        candidates = [i for i, old_key in enumerate(old_keys) if old_key == key and i not in claimed]
        if candidates:
            best = min(candidates, key=lambda i: abs(i - new_index))
            matched[new_index] = best
            claimed.add(best)
    for new_index in range(len(new_titles)):
        if matched[new_index] is None and new_index < len(old_titles) and new_index not in claimed:
            matched[new_index] = new_index
            claimed.add(new_index)
    return matched
