"""The corpus recipe: page composition and gold writing, on made-up fixtures of the composer.

The strings here are placeholders (标题一, 正文…) shaped like a scraped story; they test the
composer only and are never used to evaluate the parser.
"""

import json
import re
import subprocess
import unicodedata

import pytest

from bench.corpus import build as build_module
from bench.corpus.compose import Record, compose_page, parse_lead
from bench.corpus.readers import group_rmrb

FILLER = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥" * 3


def flat(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("#", "")


def record(n, lead=None, extra=()):
    paragraphs = [lead or f"第{n}篇导语。{FILLER}。", f"第{n}篇第二段{FILLER}{FILLER}。", *extra]
    return Record(key=f"k{n}", kicker=f"引题{n}", title=f"标题{n}", subtitle=f"——副题{n}", paragraphs=paragraphs)


def test_lead_gives_dateline_and_bracketed_reporters():
    dateline, bylines, ambiguity = parse_lead("本报某地1月2日电（记者张三、李四  通讯员王五）正文开始。")
    assert dateline == "本报某地1月2日电"
    assert bylines == [{"name": "张三", "role": "reporter"}, {"name": "李四", "role": "reporter"},
                       {"name": "王五", "role": "correspondent"}]
    assert ambiguity is None


def test_unbracketed_credit_is_not_guessed():
    dateline, bylines, ambiguity = parse_lead("本报某地1月2日电  记者张三报道：正文。")
    assert dateline == "本报某地1月2日电" and bylines == [] and ambiguity


def test_page_is_deterministic_and_gold_follows_the_source_fields():
    records = [record(1), record(2)]
    one = compose_page("p1", "某某日报", records, seed="p1")
    two = compose_page("p1", "某某日报", records, seed="p1")
    assert one.text == two.text and one.gold == two.gold
    titles = [(a["kicker"], a["title"], a["subtitle"]) for a in one.gold["articles"]]
    assert titles == [("引题1", "标题1", "——副题1"), ("引题2", "标题2", "——副题2")]
    assert one.gold["publication"] is None  # the paper's name is not printed on this page
    assert one.gold["file"] == "p1.txt"


def test_body_checks_survive_column_breaks():
    # whichever style and breaks the seed picks, every body span is printed once whitespace is ignored
    for seed in range(30):
        page = compose_page(f"p{seed}", "某某日报", [record(1), record(2)], seed=str(seed))
        printed = flat(page.text)
        for article in page.gold["articles"]:
            assert article["body_contains"]
            for span in article["body_contains"]:
                assert flat(span) in printed


def test_some_seed_breaks_a_paragraph_mid_sentence():
    paragraphs = record(1).paragraphs
    broken = 0
    for seed in range(30):
        page = compose_page("p", "某某日报", [record(1)], seed=str(seed))
        blocks = [b.strip("\u3000 \n") for b in page.text.split("\n\n")]
        whole = sum(p in blocks for p in paragraphs)
        assert whole >= len(paragraphs) - 1  # at most one break per story
        broken += whole < len(paragraphs)
    assert 0 < broken < 30


def test_staff_line_goes_to_masthead_and_out_of_the_body():
    page = compose_page("p", "某某日报", [record(1, extra=["版式设计：赵六"])], seed="s")
    assert page.gold["masthead"] == [{"name": "赵六", "role": "版式设计"}]
    assert "版式设计：赵六" in page.gold["articles"][0]["body_excludes"]
    assert page.gold["articles"][0]["subheads"] == []


def test_dateline_and_credit_are_excluded_from_the_body():
    lead = f"本报某地1月2日电（记者张三）{FILLER}。"
    article = compose_page("p", "某某日报", [record(1, lead=lead)], seed="s").gold["articles"][0]
    assert article["dateline"] == "本报某地1月2日电"
    assert article["bylines"] == [{"name": "张三", "role": "reporter"}]
    assert {"本报某地1月2日电", "记者张三"} <= set(article["body_excludes"])
    assert article["optional"] is False


def test_signature_at_the_foot_makes_the_story_optional():
    article = compose_page("p", "某某日报", [record(1, extra=["（作者为某单位研究员）"])], seed="s").gold["articles"][0]
    assert article["optional"] is True


def test_stories_are_grouped_by_date_and_page_in_printed_order():
    files = {
        "x/20200101-02-02.txt": "\r\n标题乙\r\n\r\n　　正文。",
        "x/20200101-02-01.txt": "引题\r\n标题甲\r\n副题\r\n　　正文。",
        "x/20200101-01-01.txt": "\n标题丙\n\n　　正文。",
        "x/readme.md": "not a story",
    }
    pages = dict(group_rmrb(files))
    assert list(pages) == ["20200101-01", "20200101-02"]
    assert [r.title for r in pages["20200101-02"]] == ["标题甲", "标题乙"]
    first = pages["20200101-02"][0]
    assert (first.kicker, first.subtitle, first.paragraphs) == ("引题", "副题", ["正文。"])
    assert pages["20200101-02"][1].kicker is None


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_build_reads_the_listed_commit_and_writes_outside(tmp_path, monkeypatch):
    repo = tmp_path / "mirror" / "someone+papers"
    repo.mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    stories = {f"20200101-01-0{i}.txt": f"\n标题{i}\n\n　　{FILLER}{FILLER}。" for i in (1, 2)}
    (repo / "data.json").write_text(json.dumps(stories, ensure_ascii=False), encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one")
    listed = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    (repo / "data.json").write_text("{}", encoding="utf-8")  # a later commit the recipe must not read
    _git(repo, "commit", "-qam", "two")

    sources = tmp_path / "sources.json"
    sources.write_text(json.dumps({"sources": [{
        "id": "fixture", "paper": "某某日报", "level": "city", "split": "heldout", "repo": "someone/papers",
        "commit": listed, "path": "data.json", "format": "json-fixture", "pages": 5}]}), encoding="utf-8")
    monkeypatch.setattr(build_module, "SOURCES", sources)
    monkeypatch.setitem(build_module.READERS, "json-fixture", lambda data: group_rmrb(json.loads(data)))

    out = tmp_path / "cache"
    manifest = build_module.build(tmp_path / "mirror", out)
    assert manifest == [{"page": "fixture_20200101-01", "source": "fixture", "paper": "某某日报",
                         "level": "city", "split": "heldout", "articles": 2}]
    gold = json.loads((out / "pages" / "fixture_20200101-01.gold.json").read_text(encoding="utf-8"))
    assert [a["title"] for a in gold["articles"]] == ["标题1", "标题2"]
    assert (out / "pages" / "fixture_20200101-01.txt").read_text(encoding="utf-8").count("标题") == 2


def test_build_names_a_missing_copy(tmp_path):
    with pytest.raises(SystemExit, match="no local copy of someone/absent"):
        build_module.find_git_dir(tmp_path, "someone/absent")
