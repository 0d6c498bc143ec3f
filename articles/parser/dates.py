"""The publication date a page's text points to.

No page prints its own date. The stories mention days ("7月14日", "2022年11月6日"); the edition is
dated by the latest of them. A year is taken only from the text itself ("2022年") or from the caller.
"""

from __future__ import annotations

import datetime
import re

_DAY = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})年")


def infer_date(text: str, year: int | None = None) -> datetime.date | None:
    """The latest day the text mentions, in `year` or the year the text names; None if unknowable."""
    full_years = [int(m.group("year")) for m in _DAY.finditer(text) if m.group("year")]
    year = year or (max(full_years) if full_years else _latest_year(text))
    if year is None:
        return None
    days = []
    for match in _DAY.finditer(text):
        if match.group("year") and int(match.group("year")) != year:
            continue
        try:
            days.append(datetime.date(year, int(match.group("month")), int(match.group("day"))))
        except ValueError:
            continue  # "2月30日": an OCR slip, not a day
    return max(days) if days else None


def _latest_year(text: str) -> int | None:
    years = [int(m.group("year")) for m in _YEAR.finditer(text)]
    return max(years) if years else None
