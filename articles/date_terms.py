"""Dates as editors type them into a desk search box: 2022-11-07, 20221107, 2022/11/7, 2022年11月7日,
or without the year (11-07, 11月7日). A term that is no date gives None."""

from __future__ import annotations

import datetime
import re

from django.db.models import Q

FULL = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$")
MONTH_DAY = re.compile(r"^(\d{1,2})[-/.月](\d{1,2})日?$")


def date_query(term: str, field: str) -> Q | None:
    """A filter on the date field ``field`` for the day ``term`` names, or None if it names no day."""
    term = term.strip()
    if match := FULL.match(term):
        try:
            day = datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
        return Q(**{field: day})
    if match := MONTH_DAY.match(term):
        month, day = (int(part) for part in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return Q(**{f"{field}__month": month, f"{field}__day": day})
    return None
