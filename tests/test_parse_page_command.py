"""`manage.py parse_page FILE`: the parser end to end on every page that has a gold annotation.

Gold pages live in the repository (fixtures/pages, tests/parser_pages) and, where a checkout has
../shared beside it, in the shared seeds. The scorer is run when it is there; the in-repo check below
asserts the same promises without it.
"""

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

REPO = Path(settings.BASE_DIR)
SHARED = REPO.parent / "shared"
GOLD_DIRS = [REPO / "fixtures" / "pages", REPO / "tests" / "parser_pages", SHARED / "seeds"]
SCORER = SHARED / "tools" / "score_parse.py"
MIN_METRIC = 0.97

def gold_pages() -> dict[str, Path]:
    """Every page text with a gold annotation, by name; the first directory holding a name wins."""
    pages: dict[str, Path] = {}
    for folder in GOLD_DIRS:
        if not folder.is_dir():
            continue
        for gold in sorted(folder.glob("*.gold.json")):
            name = gold.name.removesuffix(".gold.json")
            text = folder / f"{name}.txt"
            if text.is_file():
                pages.setdefault(name, text)
    return pages


PAGES = gold_pages()


def page_params(pages: dict[str, Path]) -> list:
    """One test parameter per page, named after it."""
    return [pytest.param(path, id=name) for name, path in pages.items()]


def gold_of(path: Path) -> dict:
    return json.loads(path.with_name(path.name.removesuffix(".txt") + ".gold.json").read_text(encoding="utf-8"))


def run_command(path: Path) -> dict:
    out = StringIO()
    call_command("parse_page", str(path), stdout=out)
    return json.loads(out.getvalue())


def norm(text) -> str:
    """Text as an editor compares it: NFKC, no whitespace, no Markdown markers."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", re.sub(r"[#*_>`]", "", text))


def test_gold_pages_are_found():
    assert PAGES, f"no gold pages in any of {[str(d) for d in GOLD_DIRS]}"


# --- the scorer, where the checkout has it ------------------------------------------------------

def score(pages: dict[str, Path], tmp_path: Path) -> dict[str, float]:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    for name, path in pages.items():
        shutil.copy(path.with_name(f"{name}.gold.json"), gold_dir)
        (pred_dir / f"{name}.json").write_text(json.dumps(run_command(path), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCORER), str(gold_dir), str(pred_dir)],
        capture_output=True, text=True, timeout=120, check=True,
    )
    metrics = {}
    for line in result.stdout.splitlines():
        match = re.match(r"^(\w+): (?:F1|acc)=([\d.]+)", line)
        if match:
            metrics[match.group(1)] = float(match.group(2))
    assert metrics, f"the scorer printed no metric lines:\n{result.stdout}{result.stderr}"
    assert "no valid output" not in result.stdout, result.stdout
    return metrics


needs_scorer = pytest.mark.skipif(
    not SCORER.is_file(), reason=f"scorer not found at {SCORER} (../shared is not beside this checkout)"
)


@needs_scorer
def test_scorer_rates_every_metric_at_least_097(tmp_path):
    pages = PAGES
    metrics = score(pages, tmp_path)
    low = {name: value for name, value in metrics.items() if value < MIN_METRIC}
    assert not low, f"metrics below {MIN_METRIC} over {len(pages)} pages: {low}"


# --- the same promises checked in the repository ----------------------------------------------

def variants(gold_article: dict) -> list[dict]:
    return [gold_article] + list(gold_article.get("alternatives") or [])


def headline(article: dict) -> str:
    return norm(article.get("kicker")) + norm(article.get("title")) + norm(article.get("subtitle"))


def match_articles(gold: dict, parsed: dict) -> tuple[list[tuple[dict, dict | None]], list[dict]]:
    """Pair each gold article with a parsed one, by whole headline in any accepted reading, else by
    title; return the pairs and the parsed articles left over."""
    free = list(parsed["articles"])
    pairs = []
    for g in gold["articles"]:
        hit = None
        for key in (headline, lambda a: norm(a.get("title"))):
            keys = {key(v) for v in variants(g)} - {""}
            hit = next((a for a in free if key(a) in keys), None)
            if hit is not None:
                break
        if hit is not None:
            free.remove(hit)
        pairs.append((g, hit))
    return pairs, free


def roles_of(byline: dict) -> set[str]:
    role = byline["role"]
    return set(role) if isinstance(role, list) else {role}


def page_problems(gold: dict, parsed: dict) -> list[str]:
    """Everything an editor would correct on this page, as readable lines."""
    problems = []
    if norm(gold.get("publication")) != norm(parsed["publication"]):
        problems.append(f"publication {parsed['publication']!r}, gold {gold.get('publication')!r}")
    want_staff = {(norm(s["name"]), s["role"]) for s in gold.get("masthead", [])}
    got_staff = {(norm(s["name"]), s["role"]) for s in parsed["masthead"]}
    if want_staff != got_staff:
        problems.append(f"staff box {sorted(got_staff)}, gold {sorted(want_staff)}")
    page_captions = [norm(p["caption"]) for p in parsed["photos"]]
    for photo in gold.get("photos", []):
        if not any(norm(photo["caption"]) in c or c and c in norm(photo["caption"]) for c in page_captions):
            problems.append(f"news photo missing: {photo['caption'][:30]}")

    pairs, extra = match_articles(gold, parsed)
    for a in extra:
        if headline(a) or not a["photos"]:  # a headline-less item with only photos is a news photo
            problems.append(f"extra article {a['title']!r}")
    for g, p in pairs:
        if g.get("optional"):
            continue
        title = g["title"][:20]
        if p is None:
            problems.append(f"article missing: {g['title']}")
            continue
        if not any(
            (norm(v.get("kicker")), norm(v.get("title")), norm(v.get("subtitle")))
            == (norm(p["kicker"]), norm(p["title"]), norm(p["subtitle"]))
            for v in variants(g)
        ):
            problems.append(f"{title}: headline split {(p['kicker'], p['title'], p['subtitle'])}")
        if norm(g.get("dateline")) != norm(p["dateline"]):
            problems.append(f"{title}: dateline {p['dateline']!r}, gold {g.get('dateline')!r}")
        want = {}
        for b in g.get("bylines", []):
            want.setdefault(norm(b["name"]), set()).update(roles_of(b))
        got = {}
        for b in p["bylines"]:
            got.setdefault(norm(b["name"]), set()).add(b["role"])
        if set(want) != set(got):
            problems.append(f"{title}: byline names {sorted(got)}, gold {sorted(want)}")
        for name in set(want) & set(got):
            if not want[name] & got[name]:
                problems.append(f"{title}: {name} credited as {got[name]}, gold {want[name]}")
        if [norm(s) for s in g.get("subheads", [])] != [norm(s) for s in p["subheads"]]:
            problems.append(f"{title}: subheads {p['subheads']}, gold {g.get('subheads', [])}")
        captions = [norm(ph["caption"]) for ph in p["photos"]]
        for photo in g.get("photos", []):
            want_caption = norm(photo["caption"])
            if not any(c and (want_caption in c or c in want_caption) for c in captions):
                problems.append(f"{title}: caption missing: {photo['caption'][:30]}")
        body = norm(p["body"])
        for text in g.get("body_contains", []):
            if norm(text) not in body:
                problems.append(f"{title}: body lacks {text!r}")
        for text in g.get("body_excludes", []):
            if norm(text) in body:
                problems.append(f"{title}: body leaks {text!r}")
    return problems


@pytest.mark.parametrize("path", page_params(PAGES))
def test_command_output_agrees_with_the_gold_annotation(path):
    problems = page_problems(gold_of(path), run_command(path))
    assert not problems, "\n".join(problems)


def test_output_is_json_with_exactly_the_gold_fields():
    path = next(iter(PAGES.values()))
    parsed = run_command(path)

    assert set(parsed) == {"publication", "masthead", "photos", "articles"}
    for article in parsed["articles"]:
        assert set(article) == {"kicker", "title", "subtitle", "dateline", "bylines", "subheads", "photos", "body"}


def test_output_keeps_chinese_readable(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("# 城区新增公共停车位\n\n本报讯 今年以来，城区新增公共停车位三千个。\n", encoding="utf-8")
    out = StringIO()
    call_command("parse_page", str(page), stdout=out)

    assert "城区新增公共停车位" in out.getvalue()  # not \\u escapes


# --- bad files and the database -------------------------------------------------------------

def test_binary_file_is_refused_naming_the_file(tmp_path):
    picture = tmp_path / "版面图.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)

    with pytest.raises(CommandError, match="版面图.png"):
        call_command("parse_page", str(picture), stdout=StringIO())


def test_empty_file_is_refused_naming_the_file(tmp_path):
    empty = tmp_path / "A01_empty.txt"
    empty.write_bytes(b"")

    with pytest.raises(CommandError, match="A01_empty.txt"):
        call_command("parse_page", str(empty), stdout=StringIO())


def test_missing_file_is_refused_naming_the_file(tmp_path):
    with pytest.raises(CommandError, match="no_such_page.txt"):
        call_command("parse_page", str(tmp_path / "no_such_page.txt"), stdout=StringIO())


def test_command_touches_no_database():
    """No `db` fixture here: pytest-django makes any query in this test raise."""
    for path in PAGES.values():
        assert run_command(path)["articles"]
