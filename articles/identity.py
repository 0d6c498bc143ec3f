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



def reading_order(text_positions: list[int | None]) -> list[int]:
    """The stored stories (indexes, given in the desk's order) in the order the page's text printed them
    when it was last read (`Article.text_position`), the stories the text did not give (inserted or kept
    by the desk) after them in the desk's order. `list(range(n))` when the desk has not reordered the page."""
    return sorted(range(len(text_positions)), key=lambda k: (text_positions[k] is None, text_positions[k] or 0, k))


def match_reading(
    stored_titles: list[str], new_titles: list[str], order: list[int], printed: int | None = None
) -> list[int | None]:
    """`match_stories` for a page the desk may have reordered: stories are paired by headline first,
    then by their place in the text they were read from (`order`, from `reading_order`, whose first
    `printed` stories the text gave), not by the desk's order, in which a moved story's place says
    nothing about the text. A story the text did not give (the desk's) is paired by headline only."""
    printed = len(order) if printed is None else printed
    matched = match_stories([stored_titles[k] for k in order[:printed]], new_titles)
    matched = [order[i] if i is not None else None for i in matched]
    desks = {title_key(stored_titles[k]): k for k in reversed(order[printed:])}
    for j, title in enumerate(new_titles):
        if matched[j] is None and desks.get(title_key(title)) is not None:
            matched[j] = desks.pop(title_key(title))
    return matched


def arrange(
    matches: list[int | None], stored: int, kept=(), desk: bool = False, left_out=()
) -> list[tuple[str, int]]:
    """The page's order after a new reading: ("new", j) for the reading's story j (which updates the
    stored story `matches[j]`, or is a new story), ("kept", k) for stored story k that the reading no
    longer has but stays (an editor changed it); stored stories in neither are gone.

    Without `desk` the reading's order is the page's, the kept stories after it. With `desk` (the
    desk reordered the page) the stored stories keep the desk's order, each kept one its place, and a
    new story goes right after the story printed before it (a split-off part after the story it was
    split from; before the first stored story when the reading opens with it). The reading's stories
    in `left_out` are not placed at all.
    """
    kept = set(kept) - set(matches)
    left_out = set(left_out)
    if not desk:
        return [("new", j) for j in range(len(matches)) if j not in left_out] + [("kept", k) for k in sorted(kept)]
    following: dict[int | None, list[int]] = {}
    anchor = None
    for j, k in enumerate(matches):
        if j in left_out:
            continue
        if k is None:
            following.setdefault(anchor, []).append(j)
        else:
            anchor = j
    reading_of = {k: j for j, k in enumerate(matches) if k is not None}
    order = [("new", j) for j in following.get(None, [])]
    for k in range(stored):
        if k in reading_of:
            order.append(("new", reading_of[k]))
            order += [("new", j) for j in following.get(reading_of[k], [])]
        elif k in kept:
            order.append(("kept", k))
    return order
