"""URL path converters.

Dates in addresses stay one year inside what Python's dates can hold (years 2 to 9998), so the
pages can always name the day or month before and after the one shown: /paper/archive/9999-12/
would otherwise need a month 10000-01 and fail. Any other date is a 404, like an impossible one.
"""
import datetime

FIRST_YEAR, LAST_YEAR = datetime.MINYEAR + 1, datetime.MAXYEAR - 1


def _in_range(date):
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValueError(f"year {date.year} is out of range")
    return date


class IsoDateConverter:
    """An ISO date (2022-07-15) in a URL; an impossible date such as 2022-02-30 is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return _in_range(datetime.date.fromisoformat(value))

    def to_url(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)


class YearMonthConverter:
    """A month (2022-07) in a URL, as the first day of that month; 2022-13 is a 404."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value):
        return _in_range(datetime.date.fromisoformat(f"{value}-01"))

    def to_url(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m")
        return str(value)
