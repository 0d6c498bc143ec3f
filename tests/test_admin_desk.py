"""The editing screens of the desk, driven as an editor would: actions, buttons, inlines and custom pages."""
import re

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article, Byline, Edition, Page, Reporter

from .admin_forms import change_form_data
from .factories import (
    ArticleFactory,
    BylineFactory,
    DutyAssignmentFactory,
    DutyEditorFactory,
    EditionFactory,
    PageFactory,
    ReporterFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = Article.Status


@pytest.fixture
def chief(client):
    user = UserFactory(group="值班主任")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = UserFactory(group="编辑")
    client.force_login(user)
    return user


def act(client, model, action, rows, **extra):
    url = reverse(f"admin:articles_{model}_changelist")
    return client.post(url, {"action": action, "_selected_action": [r.pk for r in rows], **extra}, follow=True)


def shown(response):
    return [str(m) for m in response.context["messages"]]


# Editions


def confirm(client, confirmation, **extra):
    """Press the confirmation page's button: post its hidden fields (the selected rows, the plan shown)."""
    fields = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', confirmation.content.decode()):
        fields.setdefault(name, []).append(value)
    fields.pop("csrfmiddlewaretoken", None)
    url = reverse("admin:articles_edition_changelist")
    return client.post(url, {**fields, **extra}, follow=True)


def plan_table(response):
    """The confirmation's table per page: (page, going out, staying behind), as the duty editor reads it."""
    html = response.content.decode()
    rows = re.findall(r"<tr[^>]*>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", html, re.S)
    return [tuple(" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in row) for row in rows]


@pytest.fixture
def edition_to_publish(chief):
    """Page 1: an approved story and a draft; page 2: one in review and a spiked one; page 3: nothing."""
    edition = EditionFactory()
    pages = [PageFactory(edition=edition, number=n, name=name) for n, name in ((1, "要闻"), (2, "综合"), (3, "广告"))]
    ArticleFactory(page=pages[0], position=1, status=S.APPROVED, title="头条稿件")
    ArticleFactory(page=pages[0], position=2, status=S.DRAFT, title="草稿稿件")
    ArticleFactory(page=pages[1], position=1, status=S.REVIEW, title="待审稿件")
    ArticleFactory(page=pages[1], position=2, status=S.SPIKED, title="撤稿稿件")
    DutyEditorFactory(user=chief, publication=edition.publication)
    for page in pages:
        services.sign_off_page(page=page, user=chief)
    return edition


def test_publishing_shows_page_by_page_what_goes_out_and_what_stays_behind_then_asks(client, chief, edition_to_publish):
    asked = act(client, "edition", "publish", [edition_to_publish])
    html = asked.content.decode()
    assert "确认见报的稿件" in html
    assert "见报 1 篇;不见报:草稿 1 篇、待审 1 篇、撤稿 1 篇;空版:第02版、第03版" in html
    assert plan_table(asked) == [
        ("第01版 要闻", "头条稿件", "草稿 草稿稿件"),
        ("第02版 综合", "空版:读者在这一版看不到稿件", "待审 待审稿件 已撤稿 撤稿稿件"),
        ("第03版 广告", "空版:读者在这一版看不到稿件", "无"),
    ]
    assert "override_reason" not in html  # every page is signed off: no reason to give
    assert not Edition.objects.published().exists()  # nothing happens before the confirmation

    done = confirm(client, asked)
    assert any("已发布" in m and "见报 1 篇" in m for m in shown(done))
    assert Edition.objects.get().status == Edition.Status.PUBLISHED
    assert [a.title for a in Article.objects.published()] == ["头条稿件"]


def test_publishing_an_edition_with_unsigned_pages_asks_for_a_reason_then_records_it(client, chief):
    edition = EditionFactory()
    page = PageFactory(edition=edition, number=1)
    PageFactory(edition=edition, number=2)
    ArticleFactory(page=page, status=S.APPROVED)

    asked = act(client, "edition", "publish", [edition])
    assert "未签发的版面:第01版、第02版" in asked.content.decode()
    assert "写明理由并发布 1 期" in asked.content.decode()
    assert not Edition.objects.published().exists()

    without = confirm(client, asked, override_reason="")
    assert "这个字段是必填项" in without.content.decode()
    assert not Edition.objects.published().exists()

    done = confirm(client, asked, override_reason="排版系统故障,经总编同意")
    assert any("已发布" in m for m in shown(done))
    assert Edition.objects.published().get().publish_override_reason == "排版系统故障,经总编同意"


def test_an_edition_with_no_story_to_go_out_cannot_be_published_from_the_list(client, chief):
    edition = EditionFactory()
    page = PageFactory(edition=edition, number=1)
    for _ in range(6):
        ArticleFactory(page=page, status=S.DRAFT)

    asked = act(client, "edition", "publish", [edition])
    html = asked.content.decode()
    assert "不能发布:" in html and "没有一篇可以见报的稿件(草稿 6 篇,没有一篇审核通过)" in html
    assert "所选的期都不能发布" in html and 'class="default"' not in html  # no button to press

    forced = act(client, "edition", "publish", [edition], post="yes", override_reason="急稿")  # a hand-made post
    assert "不能发布:" in forced.content.decode()
    assert not Edition.objects.published().exists()
    assert not Article.objects.filter(status=S.PUBLISHED).exists()


def test_of_several_editions_those_that_may_go_out_are_published_and_the_others_named(client, chief, edition_to_publish):
    empty = PageFactory(number=1).edition
    asked = act(client, "edition", "publish", [edition_to_publish, empty])
    assert "发布 1 期" in asked.content.decode()
    done = confirm(client, asked)
    assert list(Edition.objects.published()) == [edition_to_publish]
    assert any(m.startswith("未发布:") and str(empty) in m and "还没有稿件" in m for m in shown(done))


def test_an_edition_that_changed_after_the_confirmation_was_shown_is_shown_again(client, chief, edition_to_publish):
    asked = act(client, "edition", "publish", [edition_to_publish])
    services.transition_article(article=Article.objects.get(title="待审稿件"), transition=Article.Transition.APPROVE, user=chief)

    again = confirm(client, asked)
    html = again.content.decode()
    assert "在你确认之后有了变动" in html and "见报 2 篇" in html
    assert not Edition.objects.published().exists()

    done = confirm(client, again)
    assert any("见报 2 篇" in m for m in shown(done))
    assert {a.title for a in Article.objects.published()} == {"头条稿件", "待审稿件"}


def test_confirming_an_inferred_date_clears_the_flag(client, chief):
    edition = EditionFactory(date_inferred=True)
    changelist = client.get(reverse("admin:articles_edition_changelist"))
    assert "日期" in changelist.content.decode()
    act(client, "edition", "confirm_inferred", [edition])
    assert not Edition.objects.get().date_inferred


@pytest.mark.parametrize("group, offered", [("编辑", False), ("值班主任", True)])
def test_only_the_desk_is_offered_publishing(client, group, offered):
    client.force_login(UserFactory(group=group))
    EditionFactory()
    html = client.get(reverse("admin:articles_edition_changelist")).content.decode()
    assert ("发布所选的期" in html) == offered
    assert ("撤下所选的期" in html) == offered


# Pages


def test_the_duty_editor_signs_a_page_off_from_my_desk(client, chief):
    duty_editor = DutyEditorFactory(user=chief)
    page = DutyAssignmentFactory(duty_editor=duty_editor, role="值班主任", page__edition__publication=duty_editor.publication).page
    desk = reverse("admin:articles_my_desk")

    listed = client.get(desk)
    assert page.label in listed.content.decode()
    assert list(listed.context["pages"]) == [page]

    client.post(reverse("admin:articles_page_sign_off", args=[page.pk]), {"next": desk})
    assert Page.objects.get().signed_off_by == duty_editor
    assert list(client.get(desk).context["pages"]) == []


def test_my_desk_tells_a_login_without_a_duty_editor_what_to_do(client, chief):
    response = client.get(reverse("admin:articles_my_desk"))
    assert "没有关联版面人员记录" in response.content.decode()


def test_a_page_shows_its_source_text_read_only(client, chief):
    page = PageFactory(source_text="## 引题\n# 主题<b>\n\n正文第一段。")
    response = client.get(reverse("admin:articles_page_change", args=[page.pk]))
    html = response.content.decode()
    assert "主题&lt;b&gt;" in html
    assert "source_text" not in response.context["adminform"].form.fields


def test_stories_on_a_page_are_reordered_by_swapping_positions(client, chief):
    page = PageFactory()
    first = ArticleFactory(page=page, position=1, title="头条")
    second = ArticleFactory(page=page, position=2, title="二条")
    url = reverse("admin:articles_page_change", args=[page.pk])
    form = client.get(url)
    data = change_form_data(form, **{"articles-0-position": 2, "articles-1-position": 1})

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(page.articles.order_by("position").values_list("title", flat=True)) == ["二条", "头条"]
    first.refresh_from_db()
    assert first.version == 2  # a reorder counts as a change for anyone editing it meanwhile
    assert second.position == 2 and Article.objects.get(pk=second.pk).position == 1


def test_two_stories_cannot_be_given_the_same_position(client, chief):
    page = PageFactory()
    ArticleFactory(page=page, position=1)
    ArticleFactory(page=page, position=2)
    url = reverse("admin:articles_page_change", args=[page.pk])
    data = change_form_data(client.get(url), **{"articles-1-position": 1})
    response = client.post(url, data)
    assert response.status_code == 200
    assert sorted(page.articles.values_list("position", flat=True)) == [1, 2]


SOURCE = """茂名晚报讯 记者李君平 通讯员茂健 2022年7月15日,全市开展专项检查。

热线24小时有人接听。
"""


def test_reparsing_a_page_previews_the_change_then_applies_it(client, chief):
    page = PageFactory(source_text="# 市民热线当好总客服\n\n" + SOURCE, source_hash="a" * 64)
    ArticleFactory(page=page, position=1, title="旧的标题", body="旧正文")

    preview = act(client, "page", "reparse", [page])
    html = preview.content.decode()
    assert "旧的标题" in html and "市民热线当好总客服" in html
    assert "共 <strong>1</strong> 篇会变" in html
    assert Article.objects.get().title == "旧的标题"  # nothing written yet

    done = act(client, "page", "reparse", [page], post="yes")
    assert any("重新解析" in m for m in shown(done))
    article = Article.objects.get()
    assert article.title == "市民热线当好总客服"
    assert "记者 李君平" in article.credit_line()
    assert Page.objects.get().source_hash == "a" * 64


def test_reparsing_a_signed_off_page_that_changes_stories_withdraws_the_sign_off(client, chief):
    page = PageFactory(source_text="# 市民热线当好总客服\n\n" + SOURCE, source_hash="a" * 64)
    ArticleFactory(page=page, position=1, title="旧的标题", body="旧正文")
    services.sign_off_page(page=page, user=DutyEditorFactory(user=chief, publication=page.edition.publication).user)

    preview = act(client, "page", "reparse", [page])
    assert "签版就撤销" in preview.content.decode()

    done = act(client, "page", "reparse", [page], post="yes")
    assert any("签版已撤销" in m for m in shown(done))
    assert not Page.objects.get().is_signed_off


def test_reparsing_a_signed_off_page_that_changes_nothing_keeps_the_sign_off(client, chief):
    page = PageFactory(source_text="# 市民热线当好总客服\n\n" + SOURCE, source_hash="a" * 64)
    act(client, "page", "reparse", [page], post="yes")  # the stories now match the text
    services.sign_off_page(page=page, user=DutyEditorFactory(user=chief, publication=page.edition.publication).user)

    done = act(client, "page", "reparse", [page], post="yes")

    assert not any("签版已撤销" in m for m in shown(done))
    assert Page.objects.get().is_signed_off


# Articles


def test_the_live_preview_renders_what_is_typed_as_the_site_will_show_it(client, editor):
    url = reverse("admin:articles_article_render_body")
    response = client.post(url, {"body": "第一段。\n\n## 小标题\n\n<img src=x onerror=alert(1)>第二段。"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h2>小标题</h2>" in html and "onerror" not in html
    assert client.get(url).status_code == 405
    assert client.post(url, {"body": "字" * 200_001}).status_code == 413


def test_the_live_preview_is_for_those_who_may_write_stories(client):
    url = reverse("admin:articles_article_render_body")
    assert client.post(url, {"body": "正文"}).status_code == 302  # to the login page
    client.force_login(UserFactory(username="reader", is_staff=True))
    assert client.post(url, {"body": "正文"}).status_code == 403


def test_the_article_form_groups_the_headline_and_previews_the_body(client, chief):
    article = ArticleFactory(kicker="保障民生", subtitle="24小时接听", body="第一段。\n\n## 热线不掉线\n\n第二段。")
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    fieldsets = {name: options["fields"] for name, options in response.context["adminform"].model_admin.fieldsets}
    assert fieldsets["标题"] == ["kicker", "title", "subtitle"]
    assert "<h2>热线不掉线</h2>" in response.content.decode()


def test_workflow_buttons_move_an_article_and_name_who_did_it(client, chief):
    article = ArticleFactory(status=S.REVIEW)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert [step.value for step in page.context["workflow_steps"]] == ["approve", "publish", "spike"]

    client.post(reverse("admin:articles_article_transition", args=[article.pk, "approve"]))

    article.refresh_from_db()
    assert article.status == S.APPROVED
    assert article.status_changes.get().user == chief


def test_workflow_actions_report_what_could_not_move(client, chief):
    ready = ArticleFactory(status=S.APPROVED)
    spiked = ArticleFactory(status=S.SPIKED, title="已撤下的稿")
    response = act(client, "article", "publish", [ready, spiked])
    messages = shown(response)
    assert any("发布:1 篇" in m for m in messages)
    assert any("已撤下的稿" in m for m in messages)
    assert Article.objects.get(pk=ready.pk).status == S.PUBLISHED


def test_a_draft_is_previewed_in_the_desk_and_a_published_story_on_the_site(client, editor):
    draft = ArticleFactory(body="## 小标题\n\n草稿正文")
    live = ArticleFactory(published=True, page__edition__published=True)
    draft_page = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    preview_url = reverse("admin:articles_article_preview", args=[draft.pk])
    assert draft_page.context["has_absolute_url"]
    assert preview_url in draft_page.content.decode()

    preview = client.get(preview_url)
    assert "<h2>小标题</h2>" in preview.content.decode()
    assert "读者还看不到" in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex"

    live_page = client.get(reverse("admin:articles_article_change", args=[live.pk]))
    assert live.get_absolute_url() in live_page.content.decode()


def test_the_preview_is_for_staff_only(client):
    draft = ArticleFactory()
    response = client.get(reverse("admin:articles_article_preview", args=[draft.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_articles_are_found_by_reporter_and_filtered_by_page_and_reporter(client, editor):
    byline = BylineFactory(reporter__name="李君平", article__page__number=3)
    BylineFactory(article__page__number=1)
    changelist = reverse("admin:articles_article_changelist")

    assert list(client.get(changelist, {"q": "李君平"}).context["cl"].result_list) == [byline.article]
    assert list(client.get(changelist, {"page_number": "3"}).context["cl"].result_list) == [byline.article]
    by_reporter = client.get(changelist, {"reporter": byline.reporter.pk})
    assert list(by_reporter.context["cl"].result_list) == [byline.article]


# Reporters


def test_reporters_show_their_article_counts_and_link_to_their_articles(client, editor):
    byline = BylineFactory()
    BylineFactory(reporter=byline.reporter, article__page__edition__publication=byline.reporter.publication)
    response = client.get(reverse("admin:articles_reporter_changelist"))
    html = response.content.decode()
    assert f'?reporter={byline.reporter.pk}">2</a>' in html


def test_merging_reporters_asks_which_to_keep_and_moves_the_bylines(client, chief):
    keep = ReporterFactory(name="李君平")
    variant = ReporterFactory(name="李君乎", publication=keep.publication)
    BylineFactory(reporter=variant, article__page__edition__publication=keep.publication)

    asked = act(client, "reporter", "merge", [keep, variant])
    assert "保留哪一位" in asked.content.decode()
    assert Reporter.objects.count() == 2

    act(client, "reporter", "merge", [keep, variant], post="yes", keep=keep.pk)
    assert list(Reporter.objects.all()) == [keep]
    assert Byline.objects.get().reporter == keep
