"""The parser's output: plain dataclasses, no Django."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .decisions import Decision


class Role:
    """Byline roles, as GOLD_SCHEMA.md names them."""

    REPORTER = "reporter"
    CORRESPONDENT = "correspondent"
    PHOTOGRAPHER = "photographer"
    SOURCE = "source"


@dataclass
class Credit:
    """A person or organisation credited for a story or a photo."""

    name: str
    role: str

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role}


@dataclass
class StaffCredit:
    """One person of the page's staff box, with the role as printed (值班主任, 责编 …)."""

    name: str
    role: str

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role}


@dataclass
class Photo:
    caption: str
    credit: str | None = None
    credit_line: str = ""  # the credit as printed, e.g. "茂名晚报通讯员 罗栋 摄"

    def to_dict(self) -> dict:
        return {"caption": self.caption, "credit": self.credit}


@dataclass
class Article:
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    bylines: list[Credit] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    body: str = ""
    credit_lines: list[str] = field(default_factory=list)  # bylines as printed
    _by_name: dict[str, Credit] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def headline(self) -> str:
        return " ".join(p for p in (self.kicker, self.title, self.subtitle) if p)

    def add_credit(self, credit: Credit) -> None:
        """Add a credit once per name; a text role wins over a photo role."""
        # looked up by name in a dict kept beside the list: a scan of the list for each credit is
        # quadratic in a byline of thousands of names
        if len(self._by_name) != len(self.bylines):
            self._by_name = {c.name: c for c in reversed(self.bylines)}
        existing = self._by_name.get(credit.name)
        if existing is not None:
            if existing.role == Role.PHOTOGRAPHER and credit.role != Role.PHOTOGRAPHER:
                existing.role = credit.role
            return
        self.bylines.append(credit)
        self._by_name[credit.name] = credit

    def to_dict(self) -> dict:
        return {
            "kicker": self.kicker,
            "title": self.title,
            "subtitle": self.subtitle,
            "dateline": self.dateline,
            "bylines": [c.to_dict() for c in self.bylines],
            "subheads": list(self.subheads),
            "photos": [p.to_dict() for p in self.photos],
            "body": self.body,
        }


@dataclass
class ParsedPage:
    publication: str | None = None
    masthead: list[StaffCredit] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # page furniture and markup left out
    furniture: list[str] = field(default_factory=list)  # hotline, e-mail lines: they may name the paper
    decisions: list[Decision] = field(default_factory=list)  # one per piece of the page, in page order

    def uncertain(self, n: int) -> list[Decision]:
        """The n least certain decisions, least certain first (in page order among equals)."""
        ranked = heapq.nsmallest(max(n, 0), enumerate(self.decisions), key=lambda d: (d[1].confidence, d[0]))
        return [decision for _, decision in ranked]

    def to_dict(self) -> dict:
        """The structure with exactly the fields of GOLD_SCHEMA.md."""
        return {
            "publication": self.publication,
            "masthead": [s.to_dict() for s in self.masthead],
            "photos": [p.to_dict() for p in self.photos],
            "articles": [a.to_dict() for a in self.articles],
        }

    def all_text(self) -> str:
        """Every string the page was parsed into, dropped noise included."""
        parts: list[str] = [self.publication or ""]
        parts += [s.name + s.role for s in self.masthead]
        parts += [p.caption + p.credit_line for p in self.photos]
        for a in self.articles:
            parts += [a.kicker or "", a.title, a.subtitle or "", a.dateline or "", a.body]
            parts += a.credit_lines + [c.name for c in a.bylines] + a.subheads
            parts += [p.caption + p.credit_line for p in a.photos]
        parts += self.dropped
        return "".join(parts)
