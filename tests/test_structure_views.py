"""The structure view in the desk: who sees menus, what one click does, and what hostile posts get."""

import pytest
from django.urls import reverse

from articles.models import Article, PageCorrection
from articles.parser import Label
from tests.factories import UserFactory
from tests.structure_pages import BYLINE, CAPTION, import_wrong_page, key_of

pytestmark = pytest.mark.django_db


def urls(page):
    return (
        reverse("admin:articles_page_structure", args=[page.pk]),
        reverse("admin:articles_page_structure_correct", args=[page.pk]),
        reverse("admin:articles_page_structure_undo", args=[page.pk]),
    )


def logged_in(client, group):
    user = UserFactory(group=group)
    client.force_login(user)
    return user


def test_an_editor_sees_each_piece_its_chinese_label_story_and_a_menu(client):
    page = import_wrong_page()
    logged_in(client, "编辑")
    view, correct, _ = urls(page)
    html = client.get(view).content.decode()
    assert "最没把握的判断" in html and f'href="#p-{key_of(BYLINE)}"' in html
    assert html.count('class="st-menu"') == len(client.get(view).context["structure"].pieces)
    for name in ("这是署名", "图片说明", "图片署名", "小标题", "正文", "引题", "主题", "副题", "版面人员", "无用标记",
                 "从这里另起一篇", "并入上一篇"):
        assert name in html
    assert "社区食堂开张 老人每餐五元" in html and "第 2 篇" in html
    assert f'action="{correct}"' in html


def test_the_page_list_and_change_page_link_to_the_view(client):
    page = import_wrong_page()
    logged_in(client, "编辑")
    view = urls(page)[0]
    assert view in client.get(reverse("admin:articles_page_changelist")).content.decode()
    assert view in client.get(reverse("admin:articles_page_change", args=[page.pk])).content.decode()


def test_one_post_corrects_and_the_editor_is_sent_back_to_the_piece(client):
    page = import_wrong_page()
    logged_in(client, "编辑")
    view, correct, undo = urls(page)
    state = client.get(view).context["structure"].state
    response = client.post(correct, {"key": key_of(BYLINE), "label": Label.BYLINE, "state": state})
    assert response.status_code == 302 and response["Location"].endswith(f"#p-{key_of(BYLINE)}")
    page_after = client.get(view)
    html = page_after.content.decode()
    assert "已更正" in html and "本版的结构更正 1 处" in html and "撤销最后一处更正" in html
    assert not page.articles.filter(title__contains=BYLINE).exists()

    client.post(undo, {"state": page_after.context["structure"].state})
    assert page.articles.filter(title__contains=BYLINE).exists() and not PageCorrection.objects.exists()


def test_a_read_only_user_sees_the_structure_without_menus_and_cannot_post(client):
    page = import_wrong_page()
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_page"))
    client.force_login(user)
    view, correct, undo = urls(page)
    html = client.get(view).content.decode()
    assert BYLINE in html and 'class="st-menu"' not in html and "撤销最后一处更正" not in html
    assert client.post(correct, {"key": key_of(BYLINE), "label": "byline"}).status_code == 403
    assert client.post(undo).status_code == 403
    assert not PageCorrection.objects.exists()


def test_a_user_without_page_rights_gets_403(client):
    page = import_wrong_page()
    client.force_login(UserFactory())
    assert client.get(urls(page)[0]).status_code == 403


@pytest.mark.parametrize(
    "post, said",
    [
        ({"key": "0000-1", "label": "byline"}, "找不到"),
        ({"key": "<script>", "label": "byline"}, "找不到"),
        ({"label": "byline"}, "找不到"),
        ({"key": "KEY", "label": "headline"}, "没有“headline”这种更正"),
        ({"key": "KEY", "story": "split!"}, "没有“split!”这种分篇更正"),
        ({"key": "KEY"}, "请选择要改成什么"),
        ({"key": "KEY", "label": "byline", "state": "stale"}, "已有人更正过"),
    ],
)
def test_hostile_posts_are_refused_with_a_chinese_message_and_change_nothing(client, post, said):
    page = import_wrong_page()
    logged_in(client, "编辑")
    post = {name: value.replace("KEY", key_of(BYLINE)) for name, value in post.items()}
    response = client.post(urls(page)[1], post, follow=True)
    assert response.status_code == 200
    assert said in " ".join(str(m) for m in response.context["messages"])
    assert not PageCorrection.objects.exists()


def test_unknown_pages_and_get_on_the_action_are_not_errors(client):
    page = import_wrong_page()
    logged_in(client, "编辑")
    assert client.get(reverse("admin:articles_page_structure", args=["abc"])).status_code == 404
    assert client.get(reverse("admin:articles_page_structure", args=[page.pk + 999])).status_code == 404
    assert client.get(urls(page)[1]).status_code == 405


def test_a_second_editor_working_from_the_same_view_is_told_and_the_first_correction_stands(client):
    page = import_wrong_page()
    first = logged_in(client, "编辑")
    view, correct, _ = urls(page)
    state = client.get(view).context["structure"].state
    client.post(correct, {"key": key_of(CAPTION), "label": "caption", "state": state})

    logged_in(client, "编辑")
    response = client.post(correct, {"key": key_of(BYLINE), "label": "byline", "state": state}, follow=True)
    assert "已有人更正过" in " ".join(str(m) for m in response.context["messages"])
    assert list(PageCorrection.objects.values_list("created_by", flat=True)) == [first.pk]


def test_an_editor_on_a_signed_page_is_told_only_the_duty_editor_may_correct(client):
    from articles import services
    from articles.models import DutyEditor

    page = import_wrong_page()
    chief = UserFactory(group="值班主任")
    DutyEditor.objects.filter(name="余虔虹").update(user=chief)
    services.sign_off_page(page=page, user=chief)
    logged_in(client, "编辑")
    html = client.get(urls(page)[0]).content.decode()
    assert "只有值班主任能更正" in html and 'class="st-menu"' not in html


def test_the_view_of_a_long_page_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from tests.structure_pages import WRONG_PAGE

    long_text = "\n\n".join(f"第{n}篇稿件的标题\n\n本报讯(记者 张三)第{n}篇正文。\n\n第{n}篇结尾。" for n in range(1, 61))
    page = import_wrong_page(text=long_text + "\n\n" + WRONG_PAGE)
    assert Article.objects.filter(page=page).count() >= 60
    logged_in(client, "编辑")
    client.get(urls(page)[0])  # sessions and permissions cached like any later request
    with django_assert_max_num_queries(12):
        assert client.get(urls(page)[0]).status_code == 200


def _upload(client, text, name="0715-03.txt"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import PublicationFactory

    paper = PublicationFactory(name="茂名晚报")
    files = [SimpleUploadedFile(name, text.encode(), content_type="text/plain")]
    return client.post(
        reverse("admin:articles_page_upload"),
        {"files": files, "publication": paper.pk, "date": "2022-07-15", "first_number": 3},
    )


def test_the_upload_preview_shows_every_piece_read_only_before_anything_is_stored(client, settings, tmp_path):
    from articles.models import Page
    from tests.structure_pages import SPLIT, WRONG_PAGE

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    logged_in(client, "值班主任")
    preview = _upload(client, WRONG_PAGE)
    html = preview.content.decode()
    structure_shown = preview.context["files"][0]["structure"]
    assert "逐段解析结果" in html and "最没把握的判断" in html
    blocks = [block.strip() for block in WRONG_PAGE.split("\n\n") if block.strip()]
    assert [p.text for p in structure_shown.pieces] == blocks and 'class="st-menu"' not in html
    split = next(p for p in structure_shown.pieces if p.text == SPLIT)
    assert split.label_name == "小标题" and f'id="p-{split.key}"' in html
    assert "有关部门提醒,切勿到水库" in html  # body text, not only headlines
    assert not Page.objects.exists()


def test_the_upload_preview_of_a_corrected_page_applies_its_corrections(client, settings, tmp_path):
    from tests.structure_pages import WRONG_PAGE

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    page = import_wrong_page()
    PageCorrection.objects.create(page=page, key=key_of(BYLINE), label="byline")
    logged_in(client, "值班主任")
    preview = _upload(client, WRONG_PAGE + "\n(完)\n", name="0715-03-v2.txt")
    pieces = preview.context["files"][0]["structure"].pieces
    assert next(p for p in pieces if p.text == BYLINE).label_name == "署名"
    assert "将更新" in preview.content.decode()


def test_reparse_offers_to_ignore_corrections_and_keeps_them_by_default(client):
    from articles.models import DutyEditor  # noqa: F401

    page = import_wrong_page()
    PageCorrection.objects.create(page=page, key=key_of(BYLINE), label="byline")
    logged_in(client, "值班主任")
    changelist = reverse("admin:articles_page_changelist")
    confirm = client.post(changelist, {"action": "reparse", "_selected_action": [page.pk]})
    html = confirm.content.decode()
    assert "忽略已作的更正" in html and "并照用本版已作的 1 处结构更正" in html
    assert "署名" in html and "陈晓红" in html  # the byline difference is shown, not only headlines
    client.post(changelist, {"action": "reparse", "_selected_action": [page.pk], "post": "yes"})
    assert not page.articles.filter(title__contains=BYLINE).exists()
    client.post(changelist, {"action": "reparse", "_selected_action": [page.pk], "post": "yes", "ignore_corrections": "1"})
    assert page.articles.filter(title__contains=BYLINE).exists()


def test_each_story_has_the_desks_order_buttons_for_those_who_may_reorder(client):
    page = import_wrong_page()
    logged_in(client, "编辑")
    html = client.get(urls(page)[0]).content.decode()
    first = page.articles.get(position=1)
    assert reverse("admin:articles_article_move", args=[first.pk]) in html and "下移" in html and "移除…" in html


def test_the_split_menu_offers_the_next_piece_as_headline_in_one_choice(client):
    from tests.structure_pages import KICKER, KICKER_PAGE

    page = import_wrong_page(text=KICKER_PAGE)
    logged_in(client, "编辑")
    view, correct, _ = urls(page)
    response = client.get(view)
    assert "从这里另起一篇,主题是下一段" in response.content.decode()
    state = response.context["structure"].state
    key = key_of(KICKER, KICKER_PAGE)
    client.post(correct, {"key": key, "story": "start:kicker", "state": state})
    story = page.articles.get(title="高温天气注意防暑")
    assert story.kicker == "健康提醒"
    assert list(PageCorrection.objects.values_list("label", "story")) == [("kicker", "start")]

    for hostile, said in (("start:headline", "没有“headline”这种更正"), ("drop:kicker", "没有“drop”这种分篇更正")):
        response = client.post(correct, {"key": key, "story": hostile}, follow=True)
        assert said in " ".join(str(m) for m in response.context["messages"])
    assert PageCorrection.objects.count() == 1


def test_a_piece_the_learnt_labeller_corrected_shows_the_models_reason(client, monkeypatch):
    from collections import OrderedDict

    from articles import structure
    from articles.parser import labeller

    # a labeller sure that a title of six characters or fewer is a byline: the page's 陈晓红 林峰
    sure = labeller.LabellerModel({Label.BYLINE: labeller.Logistic(-10.0, {"len:≤6|title": 12.0})},
                                  labeller.Logistic(0.0, {}), 0.8, 2.0)
    monkeypatch.setattr(labeller, "committed_model", lambda: sure)
    monkeypatch.setattr(structure, "_readings", OrderedDict())  # readings kept by other tests had no labeller
    page = import_wrong_page()
    logged_in(client, "编辑")
    html = client.get(urls(page)[0]).content.decode()

    assert "模型判断：是署名(规则读作主题)" in html
    assert not page.articles.filter(title__contains=BYLINE).exists()
