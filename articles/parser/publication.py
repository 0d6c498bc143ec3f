"""Which paper a page belongs to, from what the page prints.

The paper shows in its datelines (茂名晚报讯), in outlets before role words (江门日报记者 …) and in the
page's e-mail address, which is often the paper's name in pinyin (maonanxinwen@… → 茂南新闻).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .model import ParsedPage
from .vocabulary import CJK, DATELINE, NEWS_AGENCIES, PAGE_LABEL, PAPER_KINDS, PAPER_NAME, PAPER_SUFFIXES, ROLE_TOKEN

_OWN = ("本报", "本台", "本刊", "本网")
_PAPER = re.compile(r"(日报|晚报|早报|时报|商报|都市报|新闻|报)$")


def infer_publication(page: ParsedPage, emails: list[str], text: str) -> str | None:
    for line in page.furniture:  # the e-paper page label names the paper itself
        label = PAGE_LABEL.match(line)
        if label and label.group("paper"):
            return label.group("paper")
    votes: Counter[str] = Counter()
    for article in page.articles:
        if article.dateline:
            match = DATELINE.match(article.dateline)
            if match:
                votes[_paper_name(match.group("source"))] += 2
        for line in article.credit_lines + [p.credit_line for p in article.photos]:
            _vote_outlets(line, votes)
    for photo in page.photos:
        _vote_outlets(photo.credit_line, votes)
    for line in page.furniture:  # "惠州日报全媒体新闻热线:…"
        for name in PAPER_NAME.findall(line):
            votes[name] += 1
    votes = Counter({name: n for name, n in votes.items() if name and _is_paper(name)})
    if votes:
        return votes.most_common(1)[0][0]
    places = _Places(text, {spelled for email in emails for spelled, _ in _spelled_places(email)})
    for email in emails:
        name = paper_from_email(email, text, places)
        if name:
            return name
    return None


def _paper_name(source: str) -> str:
    source = source.removeprefix("据")
    if source.endswith(_OWN) or source in NEWS_AGENCIES or source in PAPER_KINDS:  # "综合本报驻外记者报道": its own
        return ""
    return source.removesuffix("社") if source.endswith("报社") else source


def _is_paper(name: str) -> bool:
    return bool(_PAPER.search(name)) and name not in NEWS_AGENCIES


def _vote_outlets(line: str, votes: Counter) -> None:
    for token in line.split():
        match = ROLE_TOKEN.match(token)
        if match and match.group("outlet"):
            votes[_paper_name(match.group("outlet"))] += 1


def paper_from_email(email: str, text: str, places: _Places | None = None) -> str | None:
    """Read a paper's name out of an e-mail address spelled in pinyin, using places the page names.

    "maonanxinwen@126.com" with 茂南 in the text gives 茂南新闻: the local part must be the pinyin of a
    place the page mentions followed by a paper suffix (日报, 晚报, 新闻 …), spelled in full.
    """
    candidates = _spelled_places(email)
    places = places or _Places(text, {spelled for spelled, _ in candidates})
    for spelled, suffix in candidates:
        place = places.find(spelled)
        if place:
            return place + suffix
    return None


def _spelled_places(email: str) -> list[tuple[str, str]]:
    """(pinyin of the place, paper suffix) for each way the address's local part can be read."""
    local = re.sub(r"[^a-z]", "", email.split("@")[0].lower())
    if len(local) < 6:
        return []
    found = []
    for suffix in PAPER_SUFFIXES:
        spelled = "".join(_pinyin(suffix))
        if local.endswith(spelled) and len(local) != len(spelled):
            found.append((local[: -len(spelled)], suffix))
    return found


class _Places:
    """The page's 2-4 character runs of Han characters, looked up by their pinyin.

    The index is built once, on the first look-up, for all the spellings `wanted`, so a page with
    thousands of e-mail addresses reads its text once rather than once per address (quadratic)."""

    def __init__(self, text: str, wanted: set[str]):
        self.text, self.wanted = text, wanted
        self.index: dict[str, Counter[str]] | None = None

    def find(self, spelled: str) -> str | None:
        """The 2-4 character run whose pinyin is `spelled`, the most frequent if several (the first
        seen on a tie)."""
        if self.index is None:
            self.index = {}
            # a run that does not spell the start of any wanted spelling is not extended further
            prefixes = {w[:k] for w in self.wanted for k in range(1, len(w) + 1)}
            for run in re.findall(rf"[{CJK}]{{2,}}", self.text):  # a lone character spells no place
                syllables = _pinyin(run)
                if prefixes.isdisjoint(syllables):
                    continue  # no syllable of the run opens a wanted spelling, as in most runs
                for start in range(len(run)):
                    joined = syllables[start]
                    if joined not in prefixes:
                        continue
                    for end in range(start + 1, min(start + 4, len(run))):
                        joined += syllables[end]
                        if joined not in prefixes:
                            break
                        if joined in self.wanted:
                            self.index.setdefault(joined, Counter())[run[start : end + 1]] += 1
        found = self.index.get(spelled)
        return found.most_common(1)[0][0] if found else None


@lru_cache(maxsize=4096)
def _pinyin(run: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # loaded only for pages that need it

    syllables = lazy_pinyin(run, errors=lambda chars: ["?"] * len(chars))
    return tuple(syllables) if len(syllables) == len(run) else tuple("?" * len(run))
