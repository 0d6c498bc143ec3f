"""The corpus recipe: page composition and gold writing, on made-up fixtures of the composer.

The strings here are placeholders (标题一, 正文…) shaped like a scraped story; they test the
composer only and are never used to evaluate the parser.
"""

import json
import random
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from bench.corpus import build as build_module
from bench.corpus.compose import FORCED_STYLES, Record, compose_article, compose_page, parse_credit, parse_lead
from bench.corpus.readers import READERS, group_rmrb, read_daypaper_json

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
        blocks = [b.strip("\u3000 ") for b in re.split(r"\n+", page.text)]
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


def test_a_closing_dateline_in_brackets_is_the_storys_dateline_and_reporters():
    closing = "（新华社某地1月2日电  记者张三、李四）"
    article = compose_page("p", "某某日报", [record(1, extra=[closing])], seed="s").gold["articles"][0]

    assert article["dateline"] == "新华社某地1月2日电"
    assert article["bylines"] == [{"name": "张三", "role": "reporter"}, {"name": "李四", "role": "reporter"}]
    assert closing in article["body_excludes"] and article["optional"] is False


def test_a_closing_dateline_naming_more_than_reporters_makes_the_story_optional():
    closing = "（新华社某地1月2日电  记者张三，参与采写：李四）"
    article = compose_page("p", "某某日报", [record(1, extra=[closing])], seed="s").gold["articles"][0]

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


def _fixture_source(tmp_path, monkeypatch):
    """A mirror holding one listed source of two stories, whose later commit the recipe must not read."""
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


def test_build_reads_the_listed_commit_and_writes_outside(tmp_path, monkeypatch):
    _fixture_source(tmp_path, monkeypatch)
    out = tmp_path / "cache"
    manifest = build_module.build(tmp_path / "mirror", out)
    (style,) = [m.pop("style") for m in manifest]
    assert style.split("/")[0] in {"markdown", "plain", "epaper", "epaper-lines"}
    assert manifest == [{"page": "fixture_20200101-01", "source": "fixture", "paper": "某某日报",
                         "level": "city", "split": "heldout", "articles": 2}]
    gold = json.loads((out / "pages" / "fixture_20200101-01.gold.json").read_text(encoding="utf-8"))
    assert [a["title"] for a in gold["articles"]] == ["标题1", "标题2"]
    assert (out / "pages" / "fixture_20200101-01.txt").read_text(encoding="utf-8").count("标题") == 2


def test_every_style_builds_the_same_stories_once_in_each_forced_style(tmp_path, monkeypatch):
    _fixture_source(tmp_path, monkeypatch)
    out = tmp_path / "styles"
    build_module.main(["--mirror", str(tmp_path / "mirror"), "--out", str(out), "--every-style"])

    assert sorted(p.name for p in out.iterdir()) == sorted(FORCED_STYLES)
    for style in FORCED_STYLES:
        (entry,) = json.loads((out / style / "manifest.json").read_text(encoding="utf-8"))
        assert entry["style"].split("/")[0] == style
        gold = json.loads((out / style / "pages" / "fixture_20200101-01.gold.json").read_text(encoding="utf-8"))
        assert [a["title"] for a in gold["articles"]] == ["标题1", "标题2"]


def test_every_style_and_one_style_are_not_asked_together(tmp_path, capsys):
    with pytest.raises(SystemExit):
        build_module.main(["--mirror", str(tmp_path), "--every-style", "--style", "plain"])
    assert "--every-style builds every style" in capsys.readouterr().err


def test_build_names_a_missing_copy(tmp_path):
    with pytest.raises(SystemExit, match="no local copy of someone/absent"):
        build_module.find_git_dir(tmp_path, "someone/absent")


def test_build_stops_at_a_missing_copy_unless_told_to_leave_its_source_out(tmp_path, monkeypatch, capsys):
    sources = tmp_path / "sources.json"
    sources.write_text(json.dumps({"sources": [{
        "id": "absent", "paper": "某某晚报", "level": "city", "split": "heldout", "repo": "someone/absent",
        "commit": "0" * 40, "path": "data.json", "format": "json-fixture", "pages": 5}]}), encoding="utf-8")
    monkeypatch.setattr(build_module, "SOURCES", sources)

    with pytest.raises(SystemExit, match="no local copy of someone/absent"):
        build_module.build(tmp_path / "mirror", tmp_path / "cache")
    assert build_module.build(tmp_path / "mirror", tmp_path / "cache", skip_missing=True) == []
    assert "absent: SKIPPED" in capsys.readouterr().out


# ---- e-paper day files, captions, credits, sources, staff placement --------------------------------


LONG = f"正文开头。{FILLER}，{FILLER}。"


def day_file(articles):
    return json.dumps({"date": "2020-01-01", "articles": articles}, ensure_ascii=False).encode("utf-8")


def article(code, number, title, content, section="要闻"):
    return {"title": f"{title}_某某快报", "relative_url": f"article_detail_2_20200101{code}{number}.html",
            "content": content, "section_code": code, "section_name": section}


def test_day_file_stories_are_grouped_by_page_code_in_the_sites_order():
    data = day_file([
        article("A02", 10, "标题十", f"标题十\n\n2020-01-01\n\n{LONG}"),
        article("A02", 2, "标题二", f"引题二\n标题二\n副题二\n\n2020-01-01\n\n{LONG}"),
        article("A01", 1, "标题一", f"标题一\n\n2020-01-01\n\n{LONG}", section="头版"),
    ])
    pages = dict(read_daypaper_json(data))
    assert list(pages) == ["20200101-A01", "20200101-A02"]
    assert [r.title for r in pages["20200101-A02"]] == ["标题二", "标题十"]  # story 2 before story 10
    second = pages["20200101-A02"][0]
    assert (second.kicker, second.title, second.subtitle) == ("引题二", "标题二", "副题二")
    assert second.paragraphs == ["正文开头。" + FILLER + "，" + FILLER + "。"]
    assert pages["20200101-A01"][0].page_label == "2020年01月01日 第A01版：头版"


def test_day_file_title_printed_over_lines_and_site_furniture_around_it():
    content = ("标题上行\n\u3000\u3000标题下行_某某快报 \r\n  下一篇>> 返回主页\r\n\t▲\r\n\t 引题\r\n\t 标题上行\n\u3000\u3000标题下行 \r\n"
               f"\n2020-01-01\n\r\n\u3000\u3000{LONG}")
    (record,) = dict(read_daypaper_json(day_file([article("A03", 1, "标题上行\n\u3000\u3000标题下行", content)])))["20200101-A03"]
    assert (record.kicker, record.title, record.subtitle) == ("引题", "标题上行 标题下行", None)


def test_day_file_story_whose_title_is_not_in_its_headline_is_left_out():
    data = day_file([article("A01", 1, "别的标题", f"标题一\n\n2020-01-01\n\n{LONG}"),
                     article("A01", 2, "无日期", f"无日期\n\n{LONG}")])
    assert dict(read_daypaper_json(data)) == {}
    assert READERS["daypaper-json"] is read_daypaper_json


def compose_one(paragraphs, seed="s", style="plain"):
    record = Record(key="k", kicker=None, title="标题", subtitle=None, paragraphs=paragraphs)
    return compose_article(record, style, random.Random(seed))


def test_caption_with_its_photographer_is_gold_and_kept_out_of_the_body():
    text, gold, _, _ = compose_one(["图片说明文字一段 张三 摄", f"本报讯（记者 李四 通讯员 王五）{LONG}"])
    assert gold["photos"] == [{"caption": "图片说明文字一段", "credit": "张三"}]
    assert gold["dateline"] == "本报讯"
    assert gold["bylines"] == [{"name": "李四", "role": "reporter"}, {"name": "王五", "role": "correspondent"},
                               {"name": "张三", "role": "photographer"}]
    assert {"图片说明文字一段", "张三 摄", "本报讯", "记者 李四 通讯员 王五"} <= set(gold["body_excludes"])
    assert "图片说明文字一段 张三 摄" in text and gold["optional"] is False


def test_a_credit_alone_is_not_a_caption_and_a_generic_supplier_is_no_credit():
    _, gold, _, _ = compose_one([LONG, "某某社记者 张三摄", "图片说明文字一段 受访者供图"])
    assert gold["photos"] == [{"caption": "图片说明文字一段", "credit": None}]
    assert gold["bylines"] == []


def test_stand_alone_credit_line_gives_bylines_and_an_unknown_word_makes_the_story_optional():
    text, gold, _, _ = compose_one(["记者 张三 通讯员 李四", LONG])
    assert gold["bylines"] == [{"name": "张三", "role": "reporter"}, {"name": "李四", "role": "correspondent"}]
    assert "记者 张三 通讯员 李四" in gold["body_excludes"] and gold["optional"] is False
    assert parse_credit("记者 张三 培训生 李四") is None
    assert compose_one(["记者 张三 培训生 李四", LONG])[1]["optional"] is True


def test_source_line_at_the_foot_is_a_source_byline_even_glued_to_the_last_paragraph():
    text, gold, _, _ = compose_one([LONG, f"{LONG}据某某通讯社"])
    assert gold["bylines"] == [{"name": "某某通讯社", "role": "source"}]
    assert "\n\n据某某通讯社" in text  # printed as its own line
    assert compose_one([LONG, "据甲乙报等"])[1]["optional"] is True


def test_labels_above_the_lead_are_not_printed_and_a_two_line_subhead_is_one():
    text, gold, _, _ = compose_one(["扫码参与", LONG, "小标题上行", "小标题下行", LONG])
    assert "扫码参与" not in text
    assert gold["subheads"] == ["小标题上行\n小标题下行"]


def test_a_list_of_short_lines_is_not_scored():
    assert compose_one([LONG, "甲组", "张三 某单位", "乙组", "李四 某单位", "丙组"])[1]["optional"] is True


def staff_record(n):
    return record(n, extra=["版式设计：赵六"])


def test_staff_lines_go_inline_top_or_foot_with_the_same_masthead():
    places = set()
    for seed in range(40):
        page = compose_page("p", "某某日报", [staff_record(1), record(2)], seed=str(seed))
        assert page.gold["masthead"] == [{"name": "赵六", "role": "版式设计"}]
        lines = [b.strip() for b in page.text.split("\n") if b.strip()]
        at = lines.index("版式设计：赵六")
        places.add("top" if at == 0 else "foot" if at == len(lines) - 1 else "inline")
    assert places == {"top", "inline", "foot"}


def test_a_caption_can_fall_in_a_column_break_and_the_body_span_still_crosses_it():
    paragraphs = ["图片说明文字一段 张三 摄", f"本报讯（记者 李四）{LONG}", LONG]
    seen = False
    for seed in range(60):
        text, gold, _, _ = compose_one(paragraphs, seed=str(seed))
        blocks = text.split("\n\n")  # plain style: one block per printed paragraph
        at = blocks.index("图片说明文字一段 张三 摄")
        if at > 2:  # printed between the two halves of a broken paragraph, not above the lead
            seen = True
            across = gold["body_contains"][-1]
            assert flat(across) in flat(blocks[at - 1] + blocks[at + 1])
    assert seen


def test_e_paper_style_prints_the_page_label_and_then_the_paper_is_known():
    rec = Record(key="k", kicker=None, title="标题", subtitle=None, paragraphs=[LONG], page_label="2020年01月01日 第01版")
    pages = [compose_page("p", "某某日报", [rec], seed=str(seed)) for seed in range(20)]
    with_label = [p for p in pages if p.text.startswith("某某日报 2020年01月01日 第01版\n")]
    assert any("\n\u3000\u3000" in p.text and "\n\n\u3000\u3000" not in p.text for p in with_label)  # one run of lines
    assert with_label and all(p.gold["publication"] == "某某日报" for p in with_label)
    assert all(p.gold["publication"] is None for p in pages if p not in with_label)


# ---- the sources file ----------------------------------------------------------------------------

SOURCES = json.loads((Path(build_module.__file__).with_name("sources.json")).read_text(encoding="utf-8"))["sources"]


def test_every_source_names_repository_path_commit_paper_and_split():
    assert SOURCES
    for source in SOURCES:
        assert re.fullmatch(r"[A-Za-z0-9][\w.-]*/[\w.-]+", source["repo"]), source
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]), source
        assert source["path"] and source["paper"] and source["level"], source
        assert source["split"] in {"dev", "heldout"}, source
        assert source["format"] in READERS, source
        assert isinstance(source["pages"], int) and source["pages"] > 0, source
    assert len({s["id"] for s in SOURCES}) == len(SOURCES)


def test_no_paper_is_in_both_splits():
    dev = {s["paper"] for s in SOURCES if s["split"] == "dev"}
    heldout = {s["paper"] for s in SOURCES if s["split"] == "heldout"}
    assert dev and heldout
    assert not dev & heldout


def test_staff_lines_of_several_roles_and_padded_names():
    from bench.corpus.compose import staff_credits
    assert staff_credits("本版摄影：张三  版式设计：李  四") == [{"name": "张三", "role": "本版摄影"},
                                                             {"name": "李四", "role": "版式设计"}]
    assert staff_credits("本版主持 王五") == [{"name": "王五", "role": "本版主持"}]
    assert staff_credits("责编：这不是名字。") == []


def test_the_lead_under_a_summary_box_gives_the_dateline_and_a_round_up_is_not_scored():
    _, gold, _, _ = compose_one([LONG, f"本报某地1月2日电（记者张三）{LONG}", LONG])
    assert gold["dateline"] == "本报某地1月2日电" and gold["bylines"] == [{"name": "张三", "role": "reporter"}]
    assert gold["optional"] is False
    _, gold, _, _ = compose_one([f"本报甲地1月2日电（记者张三）{LONG}", f"本报乙地1月2日电（记者李四）{LONG}"])
    assert gold["optional"] is True


def test_a_caption_printed_apart_takes_its_credit_from_the_next_line():
    text, gold, _, _ = compose_one([LONG, "图为某地村民在晾晒面条。", "某某记者  张  三摄", LONG])
    assert gold["photos"] == [{"caption": "图为某地村民在晾晒面条。", "credit": "张三"}]
    assert {"name": "张三", "role": "photographer"} in gold["bylines"]
    assert "某某记者  张  三摄" in gold["body_excludes"] and "某某记者  张  三摄" in text
    # a credit line with no caption above it is left off the page
    text, gold, _, _ = compose_one([LONG, "某某记者  张  三摄", LONG])
    assert "张  三摄" not in text and gold["photos"] == [] and gold["bylines"] == []


def test_no_body_check_reaches_into_the_dateline_or_the_credit():
    for seed in range(40):
        _, gold, _, _ = compose_one([f"本报讯（记者 张三）{LONG}"], seed=str(seed))
        assert gold["body_contains"]
        for span in gold["body_contains"]:
            assert "记者" not in span and "本报讯" not in span and "）" not in span


def test_a_bracketed_credit_closing_the_last_paragraph_makes_the_story_optional():
    assert compose_one([LONG, f"{LONG}（某某单位提供）"])[1]["optional"] is True
    assert compose_one([LONG, f"{LONG}（这是一句话，不是署名）"])[1]["optional"] is False


def csv_bytes(header, rows):
    import csv
    import io
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def test_evening_paper_csv_splits_paragraphs_and_the_closing_credit_glued_to_the_last_one():
    content = f"    {LONG}    第二段开头{FILLER}。”本报记者  甲乙"
    data = csv_bytes(["special_title", "title", "subtitle", "content", "url", "date", "ban"], [
        ["", "标题二", "", content, "https://example.org/html/xmwb/2020-01-01/10.htm", "2020-01-01", "第10版:文体新闻"],
        ["引题一", "标题一", "副题一", content, "https://example.org/html/xmwb/2020-01-01/2-3.htm", "2020-01-01",
         "第2/3版:本市新闻"],
    ])
    pages = dict(READERS["xinmin-csv"](data))
    assert list(pages) == ["20200101-2-3", "20200101-10"]  # page 2/3 before page 10
    (first,) = pages["20200101-2-3"]
    assert (first.kicker, first.title, first.subtitle) == ("引题一", "标题一", "副题一")
    assert first.paragraphs == [LONG, f"第二段开头{FILLER}。”", "本报记者  甲乙"]
    assert first.page_label == "2020年01月01日 第2/3版：本市新闻"
    text, gold, _, _ = compose_article(first, "plain", random.Random("s"))
    assert gold["bylines"] == [{"name": "甲乙", "role": "reporter"}]
    assert "本报记者  甲乙" in gold["body_excludes"] and gold["optional"] is False
    assert "\n\n本报记者  甲乙" in text  # printed on its own line, as the paper does


def test_a_closing_credit_with_a_role_the_vocabulary_lacks_makes_the_story_optional():
    assert compose_one([LONG, "本报记者  甲乙"])[1]["bylines"] == [{"name": "甲乙", "role": "reporter"}]
    assert compose_one([LONG, "本报特约通讯员  甲乙  记者  丙丁"])[1]["optional"] is True
    assert compose_one([LONG, "本报记者  甲乙  丙丁  摄影报道"])[1]["optional"] is True


def test_cnki_export_groups_stories_by_date_and_page_in_export_order_with_the_lead_under_a_summary():
    header = ["Number", "Title", "Author", "banHao", "Date", "Download", "Links", "Contents", "Keywords"]
    data = csv_bytes(header, [
        ["7", "标题乙", "丙丁;", "1", "2020-01-02", "5", "", f"提要一行{FILLER}\n本报讯（记者 丙丁）{LONG}\n{LONG}", ""],
        ["3", "标题甲", "NA;", "1", "2020-01-02", "9", "", f"{LONG}\n小标题\n{LONG}", ""],
        ["5", "标题丙", "戊己;", "3", "2020-01-01", "1", "", LONG, ""],
        ["9", "无版次", "戊己;", "", "2020-01-01", "1", "", LONG, ""],
    ])
    pages = dict(READERS["cnki-csv"](data))
    assert list(pages) == ["20200101-03", "20200102-01"]
    assert [r.title for r in pages["20200102-01"]] == ["标题甲", "标题乙"]
    assert pages["20200102-01"][0].page_label == "2020年01月02日 第01版"
    second = pages["20200102-01"][1]
    assert second.kicker is None and second.subtitle is None
    _, gold, _, _ = compose_article(second, "plain", random.Random("s"))
    assert gold["dateline"] == "本报讯" and gold["bylines"] == [{"name": "丙丁", "role": "reporter"}]


def mrdx_item(page, story, kicker, title, subtitle, body, section="要闻"):
    def row(size, text):
        return f'<tr><td><div align="center"><font style="FONT-SIZE: {size}px">{text}</font></div></td></tr>'
    table = f"<table><tbody>{row(18, kicker)}{row(23, title)}{row(18, subtitle)}<tr><td>（ 2020-01-01 ）</td></tr></tbody></table>"
    from xml.sax.saxutils import escape
    return (f"<item><title>[{page}版：{section}] {escape(title)}</title>"
            f"<link>http://example.org/content/20200101/Articel{page}{story:03d}NR.htm</link>"
            f"<description>{escape(table + '<div> </div><div>' + body + '</div>')}</description></item>")


def test_agency_daily_rss_gives_headline_rows_lines_subheads_and_the_closing_dateline_apart():
    body = (f"新华社记者 甲乙 丙丁<br/><br/>　　{LONG}<br/><div align=\"center\"><strong>　　小标题一</strong></div><br/><br/>"
            f"　　{LONG}<br/>　　第三段开头{FILLER}。　　　　　新华社某地1月1日电")
    data = ("<rss><channel>" + mrdx_item("02", 3, "", "标题二上行<br/><p></p>", "——副题二", "　　新华社某地1月1日电（记者甲乙）"
            + LONG) + mrdx_item("02", 1, "引题一", "标题一", "", body) + mrdx_item("01", 2, "", "", "", LONG)
            + "</channel></rss>").encode("utf-8")
    pages = dict(READERS["mrdx-rss"](data))
    assert list(pages) == ["20200101-02"]  # a story with no 主题 is left out, and its page with it
    first, second = pages["20200101-02"]
    assert (first.kicker, first.title, first.subtitle) == ("引题一", "标题一", None)
    assert first.paragraphs == ["新华社记者 甲乙 丙丁", LONG, "小标题一", LONG, f"第三段开头{FILLER}。", "新华社某地1月1日电"]
    assert (second.kicker, second.title, second.subtitle) == (None, "标题二上行", "——副题二")
    assert first.page_label == "2020年01月01日 第02版：要闻"
    _, gold, _, _ = compose_article(first, "plain", random.Random("s"))
    assert gold["bylines"] == [{"name": "甲乙", "role": "reporter"}, {"name": "丙丁", "role": "reporter"}]
    assert gold["subheads"] == ["小标题一"] and gold["dateline"] is None
    assert gold["optional"] is True  # a 电头 closing the story: not settled whether it is the dateline
    assert compose_one(["新华社记者 甲乙", LONG])[1]["optional"] is False
    assert compose_one(["新华社记者", LONG])[1]["optional"] is True  # a credit naming nobody is no credit


def studytimes_item(page, number, title, body, kicker="", subtitle="", section="思想理论"):
    from xml.sax.saxutils import escape
    story = (f'<div id="news_content"><h3 class="headline">{kicker}</h3><h1><!-- title -->\n {title}<!-- end --></h1>'
             f'<h3 class="subtitle">{subtitle}</h3><p class="datesource">甲乙 字数: 100</p>'
             f'<p class="datesource">《 某某时报 》（ 2020年01月01日 第 {page} 版 ）</p>'
             f'<cms-content id="content"><p></p>{body}</cms-content></div>')
    return (f"<item><title>[{page}版：{section}] {escape(title)}</title>"
            f"<link>https://example.org/cntheory/2020-01/01/content_{number}.html</link>"
            f"<description>{escape(story)}</description></item>")


def test_theory_weekly_rss_keeps_the_site_order_and_leaves_the_unroled_author_line_off():
    body = (f'<p style="text-indent:2em;">{LONG}</p><p style="text-indent:2em;"><strong>小标题一</strong></p>'
            f'<p style="text-align: center;"><img src="x.jpg"/></p><p style="text-indent:2em;">{LONG}</p>')
    data = ("<rss><channel>" + studytimes_item("03", 9, "标题九", body, kicker="引题九", subtitle="——副题九")
            + studytimes_item("03", 2, "标题二", body) + studytimes_item("03", 9, "标题九", body)
            + studytimes_item("08", 5, "广告", "<p>广告</p>", section="广告") + "</channel></rss>").encode("utf-8")
    pages = dict(READERS["studytimes-rss"](data))
    assert list(pages) == ["20200101-03"]  # the 广告 page is left out
    first, second = pages["20200101-03"]  # in the feed's order, a story repeated on its page once
    assert (first.kicker, first.title, first.subtitle) == ("引题九", "标题九", "——副题九")
    assert second.title == "标题二" and second.kicker is None and second.subtitle is None
    assert first.paragraphs == [LONG, "小标题一", LONG]  # no author, date or word-count line
    assert first.page_label == "2020年01月01日 第03版：思想理论"


def gmrb_item(page, story, title, body, captions=(), section="综合新闻"):
    photos = "".join(f'<div style="color:#999;"><img src="x.jpg"><span>{c}<p></span></div>' for c in captions)
    return {"url": f"https://example.org/gmrb/html/2020-01/01/nw.D110000gmrb_20200101_{story}-{page}.htm",
            "title": f"{page}版{section} - {title}",
            "content_html": (f"<div>2020年01月01日 星期三</div>{photos}<div id=\"articleContent\">{body}</div>"
                             "<br><hr><div>获取更多RSS：<a href=\"x\">x</a></div>")}


def test_national_daily_feed_groups_by_page_in_the_e_paper_numbering_and_keeps_credited_captions():
    body = (f"<P>  <STRONG>【栏目一】 </STRONG></P><P>&emsp;&emsp;{LONG}</P>"
            f"<P align=center><STRONG>小标题一</STRONG></P><P>  {LONG}</P><P>  <STRONG>（本报记者 甲乙 丙丁）</STRONG></P>")
    items = [gmrb_item("02", 3, "标题三", f"<P>{LONG}</P>"),
             gmrb_item("02", 1, "【栏目一】标题一", body, captions=["图片说明一。 甲乙 摄", "没有署名的图片说明"]),
             gmrb_item("02", 1, "【栏目一】标题一", body),  # the same story twice in the feed
             gmrb_item("13", 1, "公告", f"<P>{LONG}</P>", section="公告（中缝）"),
             gmrb_item("06", 1, "广告", f"<P>{LONG}</P>", section="公益广告")]
    data = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}, ensure_ascii=False).encode()
    pages = dict(READERS["gmrb-jsonfeed"](data))
    assert list(pages) == ["20200101-02"]  # 公告 and 广告 pages are left out
    first, second = pages["20200101-02"]
    assert (first.kicker, first.title, first.subtitle) == (None, "标题一", None)  # the column tag is no headline
    assert first.paragraphs == ["图片说明一。 甲乙 摄", "【栏目一】", LONG, "小标题一", LONG, "（本报记者 甲乙 丙丁）"]
    assert second.title == "标题三" and second.paragraphs == [LONG]  # the feed's own footer is not the story's
    assert first.page_label == "2020年01月01日 第02版：综合新闻"
    _, gold, _, _ = compose_article(first, "plain", random.Random("s"))
    assert gold["subheads"] == ["小标题一"]
    assert [c["caption"] for c in gold["photos"]] == ["图片说明一。"]


def apple_row(number, title, text):
    return [f"20200101-{number}", "20200101", str(number), title, text]


def test_hong_kong_daily_csv_cuts_lines_at_the_spaces_finds_the_headline_and_pairs_the_stories():
    # the corpus runs a story's printed lines together with single spaces, the headline lines first
    first = (f"標題甲　標題乙： 標題丙 【欄名】 【本報訊】導語（Abc Def）說「口號甲 口號乙」。{FILLER}。"
             f" 記者：甲乙　丙丁 小標題 第二段{FILLER}。 ■記者戊己 、司徒庚辛")
    rows = [apple_row(1, "標題四", f"標題四 【本報訊】{FILLER}。 Abc/《某報》"),
            apple_row(0, "標題甲　標題乙：標題丙", first),
            apple_row(2, "標題五", f"另一標題 {FILLER}。"),  # the headline is not where the title says
            apple_row(3, "標題六", f"標題六 {FILLER}。 路透社"),
            apple_row(16, "標題七", f"標題七 {FILLER}。")]  # past the day's news pages
    pages = dict(READERS["appledaily-csv"](csv_bytes(["key", "date", "article_daily_id", "title", "text"], rows)))
    assert {k: [r.key for r in v] for k, v in pages.items()} == {
        "20200101-000": ["20200101-000", "20200101-001"], "20200101-002": ["20200101-003"]}
    lead, four = pages["20200101-000"]
    assert lead.title == "標題甲　標題乙： 標題丙" and lead.kicker is None and lead.subtitle is None
    assert lead.paragraphs == ["【欄名】", f"【本報訊】導語（Abc Def）說「口號甲 口號乙」。{FILLER}。", "記者：甲乙　丙丁",
                               "小標題", f"第二段{FILLER}。", "■記者戊己 、司徒庚辛"]
    assert lead.page_label == "2020年01月01日"
    text, gold, _, _ = compose_article(lead, "plain", random.Random("s"))
    assert gold["dateline"] == "本報訊" and gold["subheads"] == ["小標題"] and gold["optional"] is False
    assert gold["bylines"] == [{"name": n, "role": "reporter"} for n in ("甲乙", "丙丁", "戊己", "司徒庚辛")]
    assert {"【本報訊】", "記者：甲乙　丙丁", "■記者戊己 、司徒庚辛"} <= set(gold["body_excludes"])
    assert "【欄名】" not in text  # a column label above the lead is not printed
    assert not any(span in "【本報訊】" for span in gold["body_contains"])
    # a news agency or a feed named alone under the story: no subhead, and the story is not scored
    for story in (four, pages["20200101-002"][0]):
        _, gold, _, _ = compose_article(story, "plain", random.Random("s"))
        assert gold["optional"] is True, story.paragraphs


def twapple_page(case, intro, parts, headline=None):
    """A saved page of the 暖流 column, shaped as the charity project's copies are."""
    return (f'<html><head><title>{case} 標題甲 | 蘋果日報</title></head><body><article><header><hgroup>'
            f'<h1 id="h1">{headline or case + " 標題甲"}</h1><h2 id="h2">副標題乙</h2></hgroup></header>'
            f'<div class="gggs"><time datetime="2014/05/13/" class="">2014年05月13日</time></div>'
            f'<div class="articulum"><figure><a title="沒有署名的圖片說明。" href="x.jpg"><img src="y.jpg"></a></figure>'
            f'<p id="introid">{intro}</p><hr class="clearman vanisher">{parts}<br><br></div></article></body></html>'
            ).encode()


def test_taiwan_daily_column_page_gives_headline_lines_and_the_slash_credit_apart_from_the_lead():
    parts = (f'<p id="bcontent">第二段{FILLER}。 <br></p><h2 id="bhead">「小標題一」</h2>'
             f'<p id="bcontent">第三段{FILLER}。<br>第四段{FILLER}。 <br></p>'
             f'<h2 id="bhead">基金會編號：A1234</h2><p id="bcontent"></p>')
    # the credit glued to the lead in one copy, on a line of its own in another
    for intro in (f"導語{FILLER}。」報導．攝影╱甲乙丙<br>", f"導語{FILLER}。」<br>報導．攝影╱甲乙丙<br>"):
        pages = list(READERS["twapple-htm"](twapple_page("A1234", intro, parts)))
        assert [key for key, _ in pages] == ["20140513-A1234"]
        (story,) = pages[0][1]
        assert (story.kicker, story.title, story.subtitle) == (None, "標題甲", "副標題乙")  # no case number
        assert story.paragraphs == [f"導語{FILLER}。」", "報導．攝影╱甲乙丙", f"第二段{FILLER}。", "「小標題一」",
                                    f"第三段{FILLER}。", f"第四段{FILLER}。"]  # no caption, no case number
        assert story.page_label == "2014年05月13日"
    _, gold, _, _ = compose_article(story, "plain", random.Random("s"))
    assert gold["bylines"] == [{"name": "甲乙丙", "role": "reporter"}]  # who wrote and took the photos: text role
    assert gold["subheads"] == ["「小標題一」"] and gold["dateline"] is None and gold["optional"] is False
    assert "報導．攝影╱甲乙丙" in gold["body_excludes"]


def test_a_slash_credit_of_another_form_is_read_strictly_or_makes_the_story_optional():
    story = Record(key="k", kicker=None, title="標題甲", subtitle=None,
                   paragraphs=[f"導語{FILLER}。", "攝影／甲乙", f"第二段{FILLER}。"])
    _, gold, _, _ = compose_article(story, "plain", random.Random("s"))
    assert gold["bylines"] == [{"name": "甲乙", "role": "photographer"}] and gold["optional"] is False
    for credit in ("甲乙丙╱報導•攝影", "報導?攝影╱甲乙丙"):
        story.paragraphs[1] = credit
        _, gold, _, _ = compose_article(story, "plain", random.Random("s"))
        assert gold["bylines"] == [] and gold["subheads"] == [] and gold["optional"] is True, credit


def test_a_forced_style_composes_the_same_stories_and_staff_lines():
    records = [record(1, extra=["版式设计：赵六"]), record(2)]
    drawn = compose_page("p1", "某某日报", records, seed="p1")
    pages = {style: compose_page("p1", "某某日报", records, seed="p1", style=style) for style in ("plain", "markdown")}

    assert pages["plain"].style.startswith("plain/") and pages["markdown"].style.startswith("markdown/")
    assert "# " not in pages["plain"].text and "# " in pages["markdown"].text
    for page in pages.values():
        assert page.style.split("/")[1] == drawn.style.split("/")[1]  # where the staff lines went
        assert page.gold["masthead"] == drawn.gold["masthead"]
        assert [a["title"] for a in page.gold["articles"]] == [a["title"] for a in drawn.gold["articles"]]


def test_the_packed_style_prints_a_paragraph_a_line_and_is_drawn_only_when_asked_for():
    records = [record(1), record(2)]
    packed = compose_page("p1", "某某日报", records, seed="p1", style="packed")

    stories = packed.text.strip("\n").split("\n\n")
    assert len(stories) == 2  # a blank line between stories, none inside them
    lines = stories[0].split("\n")
    assert lines[:3] == ["引题1", "标题1", "——副题1"]
    assert "".join(lines[3:]) == "".join(records[0].paragraphs)  # a column break may cut one in two
    assert not any(line.startswith(("\u3000", " ", "#")) for line in packed.text.splitlines())
    assert packed.gold["articles"] == compose_page("p1", "某某日报", records, seed="p1", style="plain").gold["articles"]
    drawn = {compose_page(f"p{n}", "某某日报", records, seed=f"p{n}").style.split("/")[0] for n in range(60)}
    assert "packed" not in drawn and drawn == {"markdown", "plain", "epaper", "epaper-lines"}


def test_the_wrapped_style_sets_the_story_text_in_a_column_and_keeps_the_gold():
    records = [record(1), record(2)]
    wrapped = compose_page("p1", "某某日报", records, seed="p1", style="wrapped")

    first = wrapped.text.strip("\n").split("\n\n")[0].split("\n")
    assert first[:3] == ["引题1", "标题1", "——副题1"]  # a headline runs across columns
    width = max(len(line) for line in first[3:])
    assert 12 <= width <= 23 and all(len(line) <= width for line in first[3:])
    assert not any(line[:1] in "，。、" for line in first[3:])  # no line opens with a closing mark
    assert "".join(first[3:]) == "".join(records[0].paragraphs)
    assert wrapped.gold["articles"] == compose_page("p1", "某某日报", records, seed="p1", style="plain").gold["articles"]


def test_the_spaced_style_is_plain_with_two_blank_lines_for_one():
    records = [record(1), record(2)]
    spaced = compose_page("p1", "某某日报", records, seed="p1", style="spaced")
    plain = compose_page("p1", "某某日报", records, seed="p1", style="plain")

    assert spaced.text.replace("\n\n\n", "\n\n") == plain.text and "\n\n\n" in spaced.text
    assert spaced.gold == plain.gold
