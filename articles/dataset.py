"""A large, realistic data set for measuring the product at scale.

Pages are made from the sample pages: two sample pages per generated page (about ten stories),
their papers, reporters' names and days varied, then stored through the importer, the same path
real pages take.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .importing import PageTarget
from .pagefiles import PageFile
from .parser import parse_page
from .parser.vocabulary import SURNAMES

SAMPLE_PAGES = Path(settings.BASE_DIR) / "fixtures" / "pages"
PAPERS = [
    "茂名晚报", "江门日报", "湛江日报", "清远日报", "惠州日报", "韶关日报", "阳江日报", "云浮日报",
    "肇庆日报", "河源日报", "梅州日报", "汕尾日报",
]
GIVEN = "文武明华国建志海军伟丽敏静燕芳秀英玲红霞平刚勇毅俊峰磊鑫涛斌强辉杰宇浩然思雨欣怡佳琪子涵梓萱"
PAGES_PER_EDITION = 8


@dataclass(frozen=True)
class GeneratedPage:
    page_file: PageFile
    target: PageTarget


def generate_pages(count: int, *, seed: int = 1, start: datetime.date = datetime.date(2021, 1, 1)) -> Iterator[GeneratedPage]:
    """`count` pages, the same for the same seed: eight pages an edition, papers in turn, day by day."""
    rng = random.Random(seed)
    samples = [_Sample.read(path) for path in sorted(SAMPLE_PAGES.glob("*.txt"))]
    for i in range(count):
        edition = i // PAGES_PER_EDITION
        paper = PAPERS[edition % len(PAPERS)]
        day = start + datetime.timedelta(days=edition // len(PAPERS))
        first, second = rng.sample(samples, 2)
        text = "\n\n".join(sample.varied(paper, rng) for sample in (first, second))
        data = text.encode("utf-8")
        yield GeneratedPage(
            page_file=PageFile(name=f"gen-{i:06d}.txt", text=text, sha256=hashlib.sha256(data).hexdigest(), size=len(data)),
            target=PageTarget(publication=paper, date=day, number=i % PAGES_PER_EDITION + 1),
        )


@dataclass(frozen=True)
class _Sample:
    text: str
    paper: str | None
    people: tuple[str, ...]  # longest first, so a name inside another is replaced after it

    @classmethod
    def read(cls, path: Path) -> "_Sample":
        text = path.read_text(encoding="utf-8")
        page = parse_page(text)
        found = {c.name for a in page.articles for c in a.bylines} | {s.name for s in page.masthead}
        people = sorted((n for n in found if 2 <= len(n) <= 4), key=len, reverse=True)
        return cls(text=text, paper=page.publication, people=tuple(people))

    def varied(self, paper: str, rng: random.Random) -> str:
        text = self.text.replace(self.paper, paper) if self.paper else self.text
        for name in self.people:
            text = text.replace(name, _name(rng))
        return text


_SURNAMES = sorted(SURNAMES)


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
