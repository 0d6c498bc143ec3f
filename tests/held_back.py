"""A page whose stories went every way a story can go, for the tests that check readers see only
what was published, as published (tests/test_held_back.py, tests/browser/test_held_back.py).

Each story carries marker strings found nowhere else, so a test can look for them in any response.
"""
import datetime

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.importing import PageImporter, PageTarget
from articles.models import Article
from articles.pagefiles import page_file_from_bytes

from .admin_forms import change_form_data
from .factories import PhotoFactory, PublicationFactory

T = Article.Transition
COMMON = "共同新闻"  # in every story: a search for it lists every story a reader may see, with snippets

FRONT_PAGE = f"""# 甲刊发标题稳妥见报
本报讯 记者 郝甲晨 甲刊发正文暗记,全市{COMMON}开展专项检查。

# 乙草稿标题尚未审核
本报讯 记者 邝乙秋 通讯员 乙办宣 乙草稿正文暗记,全市{COMMON}仍在核实。

# 丙待审标题正在审核
本报讯 丙待审正文暗记,全市{COMMON}等待审核。

# 丁撤稿标题已经撤下
本报讯 丁撤稿正文暗记,全市{COMMON}已被撤稿。

# 戊更正标题照常见报
本报讯 戊旧稿错字暗记,全市{COMMON}首次刊发。

# 庚后撤标题先见报
本报讯 庚后撤正文暗记,全市{COMMON}见报之后撤稿。
"""
DRAFTS_ONLY_PAGE = f"""# 己空版草稿标题
本报讯 己空版正文暗记,全市{COMMON}全版未审。
"""
WITHDRAWN_EDITION_PAGE = f"""# 壬撤下期标题
本报讯 壬撤下期正文暗记,全市{COMMON}整期撤下。
"""

PUBLISHED = ["甲刊发标题稳妥见报", "甲刊发正文暗记", "郝甲晨", "戊更正标题照常见报", "戊新稿更正暗记"]
LATER_SPIKED = ["庚后撤标题先见报", "庚后撤正文暗记"]
HELD_BACK = [
    "乙草稿标题尚未审核", "乙草稿正文暗记", "邝乙秋", "乙办宣", "乙图片说明暗记",  # a draft, its credits and photo
    "丙待审标题正在审核", "丙待审正文暗记",  # in review
    "丁撤稿标题已经撤下", "丁撤稿正文暗记",  # spiked before publishing
    "戊旧稿错字暗记",  # the wording a correction replaced: still in the page's source text
    "己空版草稿标题", "己空版正文暗记",  # a page whose only story is a draft
    "壬撤下期标题", "壬撤下期正文暗记",  # a published story of an edition taken off the site
]


def import_page(text, *, date, number, name):
    page_file = page_file_from_bytes(f"{date}-{number}.txt", text.encode())
    report = PageImporter().import_file(page_file, PageTarget(publication="茂名晚报", date=date, number=number, name=name))
    assert report.page is not None, report.error
    return report.page


def story(title_start):
    return Article.objects.get(title__startswith=title_start)


def step(chief, title_start, *transitions):
    for transition in transitions:
        services.transition_article(article=story(title_start), transition=transition, user=chief)


def correct(desk, title_start, old, new):
    """An editor corrects a story's body in the desk, as they would in the browser."""
    article = story(title_start)
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = desk.get(url)
    response = desk.post(url, change_form_data(form, body=article.body.replace(old, new)))
    assert response.status_code == 302, response.content.decode()
    assert new in story(title_start).body


def build_newsroom(chief, desk):
    """Today's edition of 茂名晚报, published with its stories in every state, and yesterday's, withdrawn."""
    cache.clear()
    PublicationFactory(name="茂名晚报", slug="mmwb")
    today = timezone.localdate()  # the news sitemap lists the last two days
    yesterday = today - datetime.timedelta(days=1)

    front = import_page(FRONT_PAGE, date=today, number=1, name="要闻")
    import_page(DRAFTS_ONLY_PAGE, date=today, number=2, name="综合")
    PhotoFactory(article=story("乙草稿"), caption="乙图片说明暗记", credit_text="")
    step(chief, "甲刊发", T.SUBMIT, T.APPROVE)
    step(chief, "丙待审", T.SUBMIT)
    step(chief, "丁撤稿", T.SUBMIT, T.APPROVE, T.SPIKE)
    step(chief, "戊更正", T.SUBMIT, T.APPROVE)
    step(chief, "庚后撤", T.SUBMIT, T.APPROVE)
    services.publish_edition(edition=front.edition, user=chief, override_reason="测试:未签版")
    correct(desk, "戊更正", "戊旧稿错字暗记", "戊新稿更正暗记")

    withdrawn = import_page(WITHDRAWN_EDITION_PAGE, date=yesterday, number=1, name="要闻")
    step(chief, "壬撤下期", T.SUBMIT, T.APPROVE)
    services.publish_edition(edition=withdrawn.edition, user=chief, override_reason="测试:未签版")
    services.unpublish_edition(edition=withdrawn.edition, user=chief)

    front.refresh_from_db()
    assert all(marker in front.source_text for marker in ["乙草稿正文暗记", "丙待审正文暗记", "丁撤稿正文暗记", "戊旧稿错字暗记"])
    assert Article.objects.get(title__startswith="壬").status == Article.Status.PUBLISHED  # it would return with its edition
    return front.edition
