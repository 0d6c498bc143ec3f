"""Text that XML 1.0 can hold, for output that is XML: the RSS feeds and XLSX exports.

Stored text may carry control characters (a vertical tab from Word's Shift+Enter, a stray NUL
from a converter) that XML 1.0 forbids: Django's feed writer and openpyxl refuse them, so one such
headline would make a whole feed or export fail. On the way out they are replaced: a vertical tab
or form feed (a line break in Word) by a space, anything else XML cannot hold by nothing.
"""
import re

# Everything outside XML 1.0's Char production: C0 controls but tab, newline and carriage return;
# lone surrogates; U+FFFE and U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BREAKS = {"\x0b": " ", "\x0c": " "}


def xml_safe(value):
    """``value`` with the characters XML cannot hold replaced; anything but a string as it is."""
    if isinstance(value, str) and XML_ILLEGAL.search(value):
        return XML_ILLEGAL.sub(lambda match: BREAKS.get(match.group(), ""), value)
    return value


def xml_safe_all(value):
    """``xml_safe`` applied to a value, or to each item of a list or tuple (feed categories)."""
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe(item) for item in value)
    return xml_safe(value)
