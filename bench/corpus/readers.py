"""Readers that turn one source file (as bytes) into pages of article records.

Each reader yields (page_key, [Record, ...]) with the stories in the order the source
numbered them on that page.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from .compose import Record, clean

# 20191009-04-02.txt: date, page number (版次), story number on the page
_RMRB_NAME = re.compile(r"(\d{8})-(\d{2})-(\d{2})\.txt$")


def rmrb_record(key: str, text: str) -> Record:
    """A People's Daily e-paper story as that scraper saved it: 引题, 主题, 副题, then paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines += [""] * (3 - len(lines))
    kicker, title, subtitle = (clean(x) for x in lines[:3])
    paragraphs = [clean(x) for x in lines[3:] if clean(x)]
    return Record(key=key, kicker=kicker or None, title=title, subtitle=subtitle or None, paragraphs=paragraphs)


def group_rmrb(files: dict[str, str]) -> Iterator[tuple[str, list[Record]]]:
    """Group saved stories (file name -> text) into pages by date and 版次."""
    pages: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    for name, text in files.items():
        m = _RMRB_NAME.search(name)
        if not m:
            continue
        date, page, number = m.groups()
        pages[f"{date}-{page}"].append((int(number), rmrb_record(f"{date}-{page}-{number}", text)))
    for key in sorted(pages):
        yield key, [r for _, r in sorted(pages[key], key=lambda x: x[0])]


def read_rmrb_7z(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    try:
        import py7zr
    except ImportError as error:  # only the corpus build needs it
        raise SystemExit("reading .7z sources needs py7zr: pip install -r bench/corpus/requirements.txt") from error
    files: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
            archive.extractall(path=folder)
        for path in Path(folder).rglob("*.txt"):
            files[path.name] = path.read_bytes().decode("utf-8", errors="replace")
    yield from group_rmrb(files)


READERS = {"rmrb-7z": read_rmrb_7z}
