"""URL path converters."""
import datetime


class IsoDateConverter:
    """An ISO date (2022-07-15) in a URL; an impossible date such as 2022-02-30 is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return datetime.date.fromisoformat(value)

    def to_url(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)


class YearMonthConverter:
    """A month (2022-07) in a URL, as the first day of that month; 2022-13 is a 404."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value):
        return datetime.date.fromisoformat(f"{value}-01")

    def to_url(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m")
        return str(value)
