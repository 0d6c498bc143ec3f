"""import_pages end to end: what a staff member running it sees, and what ends up stored."""

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from articles.models import Article, Byline, DutyAssignment, DutyEditor, Edition, Page, Photo, Reporter

pytestmark = pytest.mark.django_db

PAGES = Path(settings.BASE_DIR) / "fixtures" / "pages"
MANIFEST = PAGES / "manifest.toml"
MAOMING_JULY = PAGES / "000_4b0be50fa2f147f9.txt"  # 茂名晚报, three stories, no year in the text
MAONAN = PAGES / "002_1d4c0614ade68ba1.txt"  # 茂南新闻, with a staff box
JIANGMEN = PAGES / "004_535a5cc98f37db43.txt"  # 江门日报, the year named in the text


def run(*args, **options):
    """Run the command as typed on a command line; returns (stdout, stderr, CommandError or None)."""
    argv = [str(a) for a in args] + [f"--{name.replace('_', '-')}={value}" for name, value in options.items()]
    out, err = StringIO(), StringIO()
    try:
        call_command("import_pages", *argv, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), error
    return out.getvalue(), err.getvalue(), None


def snapshot():
    """Everything an import writes, as comparable values."""
    return {
        "editions": list(Edition.objects.values_list("publication__name", "date", "status")),
        "pages": list(Page.objects.values_list("number", "source_hash", "updated_at")),
        "articles": list(Article.objects.values_list("title", "body", "version", "updated_at")),
        "bylines": list(Byline.objects.values_list("reporter__name", "role")),
        "reporters": sorted(Reporter.objects.values_list("name", flat=True)),
        "photos": list(Photo.objects.values_list("caption", flat=True)),
        "assignments": list(DutyAssignment.objects.values_list("duty_editor__name", "role")),
    }


def test_manifest_import_stores_every_sample_page():
    out, err, error = run(manifest=MANIFEST)

    assert error is None, err
    assert out.count("created") == 5
    assert "新建 5" in out and "失败 0" in out
    assert Edition.objects.count() == 5
    page = Page.objects.get(edition__publication__name="江门日报", edition__date=datetime.date(2022, 11, 22), number=1)
    assert page.name == "要闻"
    assert page.source_text == JIANGMEN.read_text(encoding="utf-8")
    titles = list(page.articles.values_list("title", flat=True))
    assert "稻花香里说丰年" in titles
    assert titles.index("三项活动同时启动") == titles.index("快递(外卖)小哥 争当基层治理“轻骑兵” 共绘城市基层治理“同心圆”") + 1


def test_bylines_link_to_one_reporter_per_person_per_paper():
    run(manifest=MANIFEST)

    # 梁奈 writes for 茂名晚报 in July and in November: one reporter, two bylines
    liangnai = Reporter.objects.get(name="梁奈", publication__name="茂名晚报")
    assert liangnai.bylines.count() == 2
    assert set(liangnai.bylines.values_list("role", flat=True)) == {"reporter"}
    organisation = Reporter.objects.get(name="区红十字会")
    assert organisation.kind == Reporter.Kind.ORGANISATION


def test_staff_box_people_become_duty_editors_on_the_page():
    run(MAONAN, publication="茂南新闻", date="2022-09-18", page=2)

    page = Page.objects.get(number=2)
    assert list(page.duty_assignments.values_list("duty_editor__name", "role")) == [
        ("余虔虹", "值班主任"), ("陈海边", "值班主任"), ("钟海浪", "责编"), ("戴奇宙", "版式"),
    ]
    assert DutyEditor.objects.filter(publication__name="茂南新闻").count() == 4


def test_the_same_file_again_changes_nothing_and_says_so():
    run(manifest=MANIFEST)
    before = snapshot()

    out, _, error = run(manifest=MANIFEST)

    assert error is None
    assert out.count("unchanged") == 5 and "未变 5" in out
    assert snapshot() == before


def test_paper_and_date_are_inferred_and_flagged_for_an_editor(tmp_path):
    out, _, error = run(JIANGMEN)

    assert error is None
    edition = Edition.objects.get()
    assert edition.publication.name == "江门日报"
    assert edition.date == datetime.date(2022, 11, 21)  # the latest day the stories mention
    assert edition.date_inferred and edition.publication_inferred
    assert "待编辑确认" in out


def test_a_page_without_a_year_fails_with_a_reason_and_writes_nothing():
    out, err, error = run(MAOMING_JULY)

    assert error is not None
    assert "000_4b0be50fa2f147f9.txt: failed" in err and "--date" in err
    assert not Page.objects.exists() and not Edition.objects.exists()


def test_a_changed_file_updates_its_page_but_keeps_an_article_an_editor_changed(tmp_path):
    page_file = tmp_path / "a.txt"
    shutil.copy(JIANGMEN, page_file)
    run(page_file, publication="江门日报", date="2022-11-22", page=1)
    edited = Article.objects.get(title="稻花香里说丰年")
    edited.body = "编辑改写的正文。"
    edited.save()
    untouched = Article.objects.get(position=1)

    text = page_file.read_text(encoding="utf-8")
    page_file.write_text(text.replace("晚稻面积8.82万公顷", "晚稻面积9.01万公顷").replace("蔡德威先后来到", "蔡德威来到"),
                         encoding="utf-8")
    out, _, error = run(page_file, publication="江门日报", date="2022-11-22", page=1)

    assert error is None
    assert "updated" in out and "保留编辑改过的稿件:稻花香里说丰年" in out
    edited.refresh_from_db()
    assert edited.body == "编辑改写的正文。"
    untouched.refresh_from_db()
    assert "蔡德威来到" in untouched.body and untouched.version == 2
    assert Page.objects.get().source_text == page_file.read_text(encoding="utf-8")

    out, _, _ = run(page_file, "--force", publication="江门日报", date="2022-11-22", page=1)
    edited.refresh_from_db()
    assert "9.01万公顷" in edited.body


def test_a_changed_file_withdraws_the_pages_sign_off_and_an_unchanged_one_keeps_it(tmp_path):
    page_file = tmp_path / "a.txt"
    shutil.copy(JIANGMEN, page_file)
    run(page_file, publication="江门日报", date="2022-11-22", page=1)
    page = Page.objects.get()
    page.signed_off_by = DutyEditor.objects.create(publication=page.edition.publication, name="周主任")
    page.signed_off_at = page.created_at
    page.save()

    run(page_file, publication="江门日报", date="2022-11-22", page=1)
    assert Page.objects.get().is_signed_off

    page_file.write_text(page_file.read_text(encoding="utf-8").replace("8.82万公顷", "9.01万公顷"), encoding="utf-8")
    out, _, error = run(page_file, publication="江门日报", date="2022-11-22", page=1)

    assert error is None
    assert "原来的签版(周主任)已撤销" in out
    assert not Page.objects.get().is_signed_off


def test_a_file_failing_halfway_leaves_the_database_as_it_was(monkeypatch):
    run(manifest=MANIFEST)
    before = snapshot()

    def broken(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(Byline.objects, "bulk_create", broken)
    out, err, error = run(JIANGMEN, publication="江门日报", date="2022-11-23", page=1)

    assert error is not None and "failed" in err and "数据库暂时无法写入" in err
    assert "disk I/O error" not in out + err  # the database's own words stay in the log
    assert snapshot() == before
    assert not Edition.objects.filter(date=datetime.date(2022, 11, 23)).exists()


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8-sig", b""), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
)
def test_every_encoding_newsrooms_produce_imports_the_same(tmp_path, encoding, prefix):
    text = JIANGMEN.read_text(encoding="utf-8").replace("\n", "\r\n").replace("江门日报讯", "江门日报讯\x00", 1)
    path = tmp_path / f"page-{encoding}.txt"
    path.write_bytes(prefix + text.encode(encoding, errors="replace"))

    out, err, error = run(path, publication="江门日报", date="2022-11-22", page=1)

    assert error is None, err
    article = Article.objects.get(position=1)
    assert article.title == "市领导深入社区调研督导疫情防控网格化管理工作 筑牢疫情防控社区安全防线"
    assert article.dateline == "江门日报讯"


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "不是文本文件"),
        (b"", "空的"),
        (b"  \r\n\t\r\n", "空的"),
    ],
)
def test_binary_and_empty_files_get_a_one_line_error_and_nothing_is_written(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    out, err, error = run(path, publication="江门日报", date="2022-11-22")

    assert error is not None
    failure = [line for line in err.splitlines() if "bad.txt" in line]
    assert len(failure) == 1 and reason in failure[0]
    assert "Traceback" not in err
    assert not Edition.objects.exists()


def test_an_oversized_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(5 * 1024 * 1024 + 1)

    _, err, error = run(path, publication="江门日报", date="2022-11-22")

    assert error is not None and "huge.txt" in err and "过大" in err


def test_directories_and_globs_are_accepted_with_progress_and_a_summary(tmp_path, monkeypatch):
    for source in (MAONAN, JIANGMEN):
        shutil.copy(source, tmp_path / source.name)
    monkeypatch.setattr("articles.management.commands.import_pages.PROGRESS_EVERY", 0)

    out, err, error = run(tmp_path, date="2022-11-22")
    assert error is None, err
    assert "共 2 个文件:新建 2" in out
    assert "进度 1/2 个文件" in err

    out, _, _ = run(str(tmp_path / "*.txt"), date="2022-11-22")
    assert "未变 2" in out


def test_dry_run_reports_but_writes_nothing():
    out, _, error = run("--dry-run", manifest=MANIFEST)

    assert error is None
    assert "试运行" in out and "新建 5" in out
    assert not Edition.objects.exists() and not Reporter.objects.exists()


def test_page_number_goes_with_one_file_only():
    _, err, error = run(MAONAN, JIANGMEN, page=1)
    assert error is not None and "--page" in err


def test_a_bad_manifest_names_the_entry(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,publication,date,number\na.txt,江门日报,2022-13-01,1\n", encoding="utf-8")

    _, err, error = run(manifest=manifest)

    assert error is not None and "m.csv 第 1 条" in err and "2022-13-01" in err


def test_the_sample_fixture_is_what_build_fixtures_makes_of_the_pages(tmp_path):
    output = tmp_path / "sample.json"
    call_command("build_fixtures", output=str(output), stdout=StringIO())

    committed = Path(settings.BASE_DIR) / "fixtures" / "sample.json"
    assert output.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        "fixtures/sample.json is out of date: run `python manage.py build_fixtures`"
    )
    assert not Edition.objects.exists()  # building the fixture leaves the database as it was


def test_the_sample_fixture_loads_published_editions():
    call_command("loaddata", "fixtures/sample.json", stdout=StringIO())
    call_command("loaddata", "fixtures/sample.json", stdout=StringIO())  # again: same rows, no duplicates

    assert Edition.objects.published().count() == 5
    assert Article.objects.published().count() == Article.objects.count() > 20
    assert Byline.objects.filter(reporter__name="梁奈").count() == 2


# --- junk is refused or cleaned, never stored -----------------------------------------------------

TRADITIONAL = "本報訊 記者李君平 7月14日至15日，省督導組到茂名市檢查安全生產工作，要求各級黨委政府壓實責任。\n"
JAPANESE = "東京都は十四日、新型コロナウイルスの感染者が新たに確認されたと発表した。政府は対策を強化する方針だ。\n"


@pytest.mark.parametrize(
    "content, reason",
    [
        pytest.param(("，。！？、；：“”（）……——\n" * 200).encode(), "只有标点", id="punctuation"),
        pytest.param(b"**\n\n##\n\n**\n\n" * 200, "只有标点", id="markup"),
        pytest.param(TRADITIONAL.encode("big5") * 20, "Big5", id="big5"),
        pytest.param(JAPANESE.encode("shift_jis") * 20, "Shift-JIS", id="shift-jis"),
    ],
)
def test_a_file_holding_no_chinese_story_fails_with_its_reason_and_nothing_is_stored(tmp_path, content, reason):
    path = tmp_path / "junk.txt"
    path.write_bytes(content)

    out, err, error = run(path, publication="江门日报", date="2022-11-22")

    assert error is not None  # the command exits non-zero
    failure = [line for line in err.splitlines() if "junk.txt" in line]
    assert len(failure) == 1 and reason in failure[0]
    assert "Traceback" not in err
    assert not Edition.objects.exists() and not Article.objects.exists()


def test_a_junk_file_among_good_ones_fails_alone(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(TRADITIONAL.encode("big5") * 20)
    good = tmp_path / "good.txt"
    shutil.copy(JIANGMEN, good)

    out, err, error = run(junk, good, publication="江门日报", date="2022-11-22")

    assert error is not None
    assert "junk.txt" in err and "good.txt" not in err
    assert Page.objects.count() == 1 and Article.objects.exists()


def test_a_page_that_yields_no_story_is_reported_clearly(tmp_path):
    path = tmp_path / "oneline.txt"  # a page run together on one line: the hotline at its head takes it all
    path.write_text("新闻热线:12345678 投稿邮箱:news@example.com " + "市民在广场参加活动，现场气氛热烈。" * 30000,
                    encoding="utf-8")

    out, err, error = run(path, publication="江门日报", date="2022-11-22")

    assert "oneline.txt" in out and "0 篇稿件" in out
    assert "没有识别出任何稿件" in out
    assert not Article.objects.exists()


def test_a_page_with_stories_gets_no_such_warning():
    out, err, error = run(JIANGMEN, publication="江门日报", date="2022-11-22")

    assert error is None and "没有识别出任何稿件" not in out


def test_control_characters_never_reach_stored_text(tmp_path):
    path = tmp_path / "word.txt"
    path.write_bytes(
        "# 全市开展安全生产\x0b大检查\n\n本报讯 记者 林晓\x00 近日，全市开展\x1b大检查。\x0c共排查企业三百余家\x85。\n".encode()
    )

    out, err, error = run(path, publication="江门日报", date="2022-11-22")

    assert error is None, err
    page = Page.objects.get()
    stored = [page.source_text] + [t for a in Article.objects.all() for t in (a.title, a.body, a.dateline or "")]
    assert stored and not any(c in text for text in stored for c in "\x0b\x0c\x00\x1b\x85")
    assert "全市开展安全生产" in Article.objects.values_list("title", flat=True)  # the line broke at \x0b


# --- a changed file whose stories moved: the stories move in one step -----------------------------


def _numbered_page(count, order=None, changed=(), added=()):
    """A page of `count` stories, printed in `order` (story numbers, from 1); the stories in `changed`
    have a second paragraph the first printing did not, and a new story follows each story in `added`."""
    stories = []
    for n in order or range(1, count + 1):
        extra = f"\n\n第{n}篇补充的一段。" if n in changed else ""
        stories.append(f"# 第{n}篇稿件的标题\n\n本报讯(记者 张三)第{n}篇的正文。{extra}")
        if n in added:
            stories.append(f"# 新到的第{n}篇之后的稿件\n\n本报讯(记者 李四)新稿的正文。")
    return "\n\n".join(stories) + "\n"


def _import_numbered(tmp_path, text, number):
    path = tmp_path / f"page-{number}.txt"
    path.write_text(text, encoding="utf-8")
    return run(path, publication="江门日报", date="2022-11-22", page=number)


@pytest.mark.parametrize("count", [4, 60])
def test_a_changed_file_whose_stories_moved_follows_the_file_and_keeps_each_story(tmp_path, count):
    _import_numbered(tmp_path, _numbered_page(count), 1)
    ids = dict(Article.objects.values_list("title", "pk"))
    order = [count, *range(1, count)]  # the last story printed first now, and the second changed
    out, err, error = _import_numbered(tmp_path, _numbered_page(count, order, changed={2}), 1)
    assert error is None, err
    stored = list(Article.objects.order_by("position").values_list("title", "pk", "body"))
    assert [title for title, _, _ in stored] == [f"第{n}篇稿件的标题" for n in order]
    assert {title: pk for title, pk, _ in stored} == ids, "each story is the same story, moved"
    assert "第2篇补充的一段" in stored[2][2]


def test_importing_a_changed_page_of_60_moved_stories_takes_as_many_queries_as_one_of_4(tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for number, count in ((1, 4), (2, 60)):
        _import_numbered(tmp_path, _numbered_page(count), number)
        with CaptureQueriesContext(connection) as queries:
            moved = [count, *range(1, count)]  # the last story printed first now
            changed = _numbered_page(count, moved, changed={2}, added=set(range(4, count + 1, 4)))  # one new in four
            _, err, error = _import_numbered(tmp_path, changed, number)
        assert error is None, err
        counts.append(len(queries.captured_queries))
        assert Article.objects.filter(page__number=number, title__startswith="新到的").count() == count // 4
    assert counts[1] <= counts[0], f"4 stories: {counts[0]} queries, 60 stories: {counts[1]}"
