"""A Hong Kong paper's page, printed in traditional characters, walked through the desk and the e-paper in
a real browser as its editor would: the upload preview, the import, a correction in the structure view,
the story's change form, publication, and the reader's page, story, search (in either script) and the
reporter's page. Every step shows the page's characters as printed (陳某某, not 陈某某; 記者, not 记者).
Screenshots: test-artifacts/screenshots/traditional-*.png (1280 px wide)."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Page, Reporter
from tests.factories import PublicationFactory
from tests.structure_pages import key_of

from .conftest import open_page, screenshot
from .test_saving import desk_groups, logged_in

pytestmark = pytest.mark.django_db(transaction=True)

PAPER = "港島日報"
PAGE = """港島日報 2024年07月16日 星期二 港聞

社區圖書館 延長開放時間

【本報訊】某區社區圖書館下月起延長開放時間，週末亦會開放至晚上十時，方便市民溫習及借閱書籍。

記者：梁某某　陳某某

館方表示，將增聘職員應付需求，並會舉辦親子閱讀活動，詳情稍後公佈。

閱讀活動每月舉行

活動對象為區內學童及家長，費用全免，名額有限，先到先得。

■記者何某某

天氣炎熱注意防暑

多間診所接診中暑病人較往年增多，醫生提醒市民避免在正午時段外出。

颱風季節將至 市民宜早準備

【本報訊】天文台昨日發出提示，呼籲市民及早做好防風準備，臺灣亦有同樣預測。

責任編輯：李某某　美術編輯：黃某某
"""
TITLE, SUBHEAD, LAST = "社區圖書館 延長開放時間", "閱讀活動每月舉行", "颱風季節將至 市民宜早準備"
NAMES = "梁某某 陳某某 何某某"
# The simplified forms a user must not see where the page printed the traditional ones.
SIMPLIFIED = ["社区图书馆", "本报讯", "记者", "陈某某", "责任编辑", "美术编辑", "黄某某"]


def shot(page, name):
    screenshot(page, f"traditional-{name}")
    assert page.errors == [], page.errors


def piece(tab, text):
    return tab.locator(f"#p-{key_of(text, PAGE)}")


def printed_as_is(text):
    assert not [word for word in SIMPLIFIED if word in text], text


def test_a_hong_kong_page_keeps_its_characters_from_upload_to_reader(browser, live_server, tmp_path):
    desk_groups()
    PublicationFactory(name=PAPER, slug="gdrb")
    chief = logged_in(browser, live_server, "chief", "值班主任")
    path = tmp_path / "0716-03.txt"
    path.write_text(PAGE, encoding="utf-8")
    chief.goto(live_server.url + "/admin/articles/page/upload/")
    chief.get_by_label("报纸").select_option(label=PAPER)
    chief.get_by_label("出版日期").fill("2024-07-16")
    chief.get_by_label("起始版次").fill("3")
    chief.get_by_label("版面文件(.txt)").set_input_files(str(path))
    chief.get_by_role("button", name="上传并预览").click()

    # The preview: the stories' headline, dateline and credits, the staff box and the pieces as printed.
    expect(chief.get_by_text("逐段解析结果")).to_be_visible()
    expect(chief.get_by_text("版面工作人员:責任編輯 李某某;美術編輯 黃某某")).to_be_visible()
    first = chief.locator("table tbody tr").filter(has_text=TITLE)
    expect(first).to_contain_text("本報訊")
    expect(first).to_contain_text("梁某某")
    expect(first).to_contain_text("陳某某")
    expect(piece(chief, "記者：梁某某 陳某某")).to_contain_text("記者：梁某某")
    expect(piece(chief, SUBHEAD).locator(".st-label")).to_have_text("主题")  # the parser's mistake, below
    expect(chief.locator(".st-preview-doubt")).to_contain_text("第 11 行主题")  # the mistake above, flagged
    assert not Page.objects.exists()
    shot(chief, "1-upload-preview")

    chief.get_by_role("button", name="确认导入 1 个文件").click()
    expect(chief.locator(".desk-summary")).to_contain_text("新建 1")
    page_row = Page.objects.get()
    assert sorted(Reporter.objects.values_list("name", flat=True)) == ["何某某", "梁某某", "陳某某"]

    # The structure view: the subhead the parser took for a new story's headline goes back to its story.
    chief.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/structure/")
    expect(chief.get_by_role("heading", name="最没把握的判断")).to_be_visible()
    expect(chief.locator(".st-stories li")).to_have_count(4)
    row = piece(chief, SUBHEAD)
    row.get_by_text("更正", exact=True).click()
    row.get_by_role("button", name="小标题", exact=True).click()
    expect(chief.locator(".messagelist .success")).to_contain_text("已更正")
    expect(piece(chief, SUBHEAD).locator(".st-label")).to_have_text("小标题")
    expect(chief.locator(".st-stories li")).to_have_count(3)
    expect(piece(chief, SUBHEAD).locator(".st-story-head")).to_have_count(0)
    expect(piece(chief, TITLE).locator(".st-story-head")).to_contain_text(f"第 1 篇 · {TITLE}")
    expect(piece(chief, "■記者何某某")).to_contain_text("第 1 篇")
    expect(chief.get_by_text("版面人员:責任編輯 李某某;美術編輯 黃某某")).to_be_visible()
    shot(chief, "2-structure-corrected")
    story = page_row.articles.get(position=1)
    assert (story.title, story.dateline, story.credit_line()) == (TITLE, "本報訊", f"記者 {NAMES}")
    assert f"## {SUBHEAD}" in story.body
    assert Reporter.objects.count() == 3

    # The change form an editor opens from the list.
    chief.goto(live_server.url + "/admin/articles/article/")
    expect(chief.locator("#result_list")).to_contain_text(f"記者 {NAMES}")
    chief.get_by_role("link", name=TITLE).click()
    expect(chief.locator("#id_title")).to_have_value(TITLE)
    expect(chief.locator("#id_dateline")).to_have_value("本報訊")
    expect(chief.locator("#id_body")).to_contain_text(f"## {SUBHEAD}")
    for name in NAMES.split():
        expect(chief.locator(".inline-group").filter(has_text="署名").get_by_text(name).first).to_be_attached()
    shot(chief, "3-change-form")

    # Published by the duty editor from the list of editions.
    Article.objects.filter(page=page_row).update(status=Article.Status.APPROVED)
    chief.goto(live_server.url + "/admin/articles/edition/")
    chief.locator("#result_list tbody tr").filter(has_text="2024年7月16日").locator("input.action-select").check()
    chief.locator("select[name=action]").select_option(label="发布所选的期")
    chief.get_by_role("button", name="执行").click()
    expect(chief.locator("table.desk-plan")).to_contain_text(TITLE)
    chief.get_by_label("未全部签版即发布的理由").fill("测试:未签版发布")
    chief.get_by_role("button", name="写明理由并发布 1 期").click()
    expect(chief.locator(".messagelist .success")).to_contain_text(f"已发布:{PAPER} 2024-07-16")

    # The reader's page, story and search.
    reader = open_page(browser)
    reader.goto(live_server.url + page_row.get_absolute_url())
    main = reader.locator("main")
    expect(main.get_by_role("link", name=TITLE)).to_be_visible()
    expect(main.locator(".credits").first).to_have_text(f"本報訊 記者 {NAMES}")
    expect(main.locator("article.story-item[lang=zh-Hant]")).to_have_count(3)
    expect(main.get_by_role("link", name=LAST)).to_be_visible()
    expect(main).to_contain_text("責任編輯")
    expect(main).to_contain_text("黃某某")
    printed_as_is(main.inner_text())
    shot(reader, "4-reader-page")

    main.get_by_role("link", name=TITLE).click()
    expect(reader.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(main.locator(".credits")).to_have_text(f"本報訊 記者 {NAMES}")
    expect(main.get_by_role("heading", name=SUBHEAD)).to_be_visible()
    printed_as_is(main.inner_text())
    # Marked as traditional Chinese, so the browser draws it in traditional glyphs (Noto … CJK TC).
    expect(main.locator("article.article")).to_have_attribute("lang", "zh-Hant")
    fonts = reader.get_by_role("heading", name=TITLE, level=1).evaluate("h => getComputedStyle(h).fontFamily")
    assert fonts.startswith('"Noto Serif CJK TC"'), fonts
    shot(reader, "5-reader-story")

    box = reader.locator(".site-header").get_by_role("searchbox", name="搜索稿件")
    box.fill("圖書館")
    box.press("Enter")
    expect(reader.get_by_role("heading", level=1)).to_have_text("搜索“圖書館”")
    expect(reader.locator(".search-results .story-title")).to_have_text([TITLE])
    expect(reader.locator(".search-results mark").first).to_have_text("圖書館")
    shot(reader, "6-reader-search")

    # A reader whose keyboard types simplified characters finds it too, marked as printed.
    box = reader.locator(".search-form").get_by_role("searchbox")
    box.fill("图书馆")
    box.press("Enter")
    expect(reader.locator(".search-results .story-title")).to_have_text([TITLE])
    expect(reader.locator(".search-results mark").first).to_have_text("圖書館")

    # The reporter's page, from the story's byline.
    reader.goto(live_server.url + story.get_absolute_url())
    reader.locator(".credits").get_by_role("link", name="陳某某").click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text("陳某某")
    expect(reader.locator("main").get_by_role("link", name=TITLE)).to_be_visible()
    printed_as_is(reader.locator("main").inner_text())
    shot(reader, "7-reader-reporter")
    reader.close()
