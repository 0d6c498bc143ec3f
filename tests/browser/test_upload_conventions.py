"""A city paper's plain page, uploaded in the desk: the preview labels each piece as the trade prints it
(the running head is page furniture, a headline group printed line under line opens a story, a signature
after the last paragraph is the byline, a photo's source is no text), and readers see the stories.
Screenshots: test-artifacts/screenshots/conventions-*.png (1280 px wide)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Edition, Page
from tests.structure_pages import key_of

from .conftest import screenshot
from .test_structure import chief_previews

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = """A03 2024年7月16日 星期二 城事  责编：吴志远 美编：郑海波

社区食堂开张 老人每餐五元

本报讯（记者 周国强）7月14日，油城社区食堂正式开张，辖区六十岁以上老人每餐只需五元。

食堂每天供应午餐和晚餐，菜式每周更换，社区志愿者轮流帮厨。

资料图片

城市更新
老旧小区加装电梯提速

本报讯 今年以来，我市老旧小区加装电梯工作明显提速，已有四十二台电梯完成安装并投入使用。

市住建局有关负责人介绍，下一步将简化审批流程，并对加装电梯给予补贴。

李大同 张小明
"""

LABELS = {
    "A03 2024年7月16日 星期二 城事  责编：吴志远 美编：郑海波": "版面人员",
    "资料图片": "图片署名",
    "城市更新": "引题",
    "老旧小区加装电梯提速": "主题",
    "李大同 张小明": "署名",
}


def shot(page, name):
    screenshot(page, f"conventions-{name}")
    assert page.errors == [], page.errors


def test_a_plain_city_page_is_read_as_the_trade_prints_it_and_readers_see_its_stories(browser, live_server, tmp_path):
    chief = chief_previews(browser, live_server, tmp_path / "0716-03.txt", PAGE, "2024-07-16")

    expect(chief.get_by_text("逐段解析结果")).to_be_visible()
    for text, label in LABELS.items():
        expect(chief.locator(f"#p-{key_of(text, PAGE)} .st-label")).to_have_text(label)
    assert not Page.objects.exists()
    shot(chief, "1-upload-preview")

    chief.get_by_role("button", name="确认导入 1 个文件").click()
    expect(chief.locator(".desk-summary")).to_contain_text("新建 1")
    stories = list(Article.objects.order_by("position"))
    assert [s.title for s in stories] == ["社区食堂开张 老人每餐五元", "老旧小区加装电梯提速"]
    assert stories[1].kicker == "城市更新"
    assert {b.reporter.name for b in stories[1].bylines.all()} == {"李大同", "张小明"}
    assert "资料图片" not in stories[0].body and "李大同" not in stories[1].body

    now = timezone.now()  # the duty editor's sign-off and publication are tested elsewhere
    Edition.objects.update(status=Edition.Status.PUBLISHED, published_at=now)
    Article.objects.update(status=Article.Status.PUBLISHED, published_at=now)
    reader = browser.new_page(viewport={"width": 1280, "height": 900})
    reader.goto(live_server.url + stories[1].get_absolute_url())
    text = reader.locator("main").inner_text()
    assert "城市更新" in text and "老旧小区加装电梯提速" in text
    assert "李大同" in text
    screenshot(reader, "conventions-2-reader")
