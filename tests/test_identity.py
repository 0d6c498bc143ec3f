"""A story's identity is not its place: ids, re-import by headline, bulk files and backups keyed on
the id, the imported state as the first version, and addresses that outlive a page's renumbering."""
import datetime
from io import StringIO

import pytest
import tablib
from hypothesis import given, settings
from hypothesis import strategies as st
from django.core.management import call_command
from reversion.models import Version

from articles import ordering
from articles.identity import ALPHABET, UID_LENGTH, match_stories, title_key
from articles.importing import PageImporter, PageTarget
from articles.models import Article, Byline, Photo
from articles.pagefiles import page_file_from_bytes
from articles.resources import ArticleResource

from .factories import ArticleFactory, BylineFactory, PageFactory, PhotoFactory, UserFactory

pytestmark = pytest.mark.django_db

TARGET = PageTarget(publication="茂名晚报", date=datetime.date(2022, 11, 7), number=1)


def page_text(*stories):
    return "\n\n".join(f"# {title}\n\n茂名晚报讯 {body}" for title, body in stories)


def import_text(text, name="a01.txt", **kwargs):
    return PageImporter(**kwargs).import_file(page_file_from_bytes(name, text.encode()), TARGET)


def stories(page):
    return list(Article.objects.placed().filter(page=page).order_by("position"))


# The id itself


def test_every_story_gets_a_short_fixed_id_of_its_own():
    a, b = ArticleFactory(), ArticleFactory()
    assert a.uid != b.uid
    for uid in (a.uid, b.uid):
        assert len(uid) == UID_LENGTH and set(uid) <= set(ALPHABET)
    uid = a.uid
    a.title, a.position = "改过的标题", 9
    a.save()
    a.refresh_from_db()
    assert a.uid == uid


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_existing_story_its_own_id():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("articles", "0012_front_publication_logo")], [("articles", "0013_identity_story_uid_and_removal")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    page = PageFactory()  # pages are the same before and after
    OldArticle = old.get_model("articles", "Article")
    for n in range(1, 4):
        OldArticle.objects.create(page_id=page.pk, position=n, title=f"稿件{n}")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # the later migrations back, for the tests after this one
    uids = list(Article.objects.values_list("uid", flat=True))
    assert len(uids) == 3 and len(set(uids)) == 3 and all(len(u) == UID_LENGTH for u in uids)
    assert ArticleFactory(page=page, position=4).uid not in uids


def test_headlines_match_whatever_punctuation_width_or_spacing_ocr_left():
    assert title_key("市民热线当好“总客服”") == title_key("市民热线 当好 \"总客服\"") == title_key("市民热线当好总客服")
    assert title_key("ＡＢＣ１２３") == title_key("abc123")
    assert title_key("甲") != title_key("乙")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (["甲", "乙", "丙"], ["丙", "甲", "乙"], [2, 0, 1]),  # moved: known by headline
        (["甲", "乙", "丙"], ["甲", "乙改", "丙"], [0, 1, 2]),  # retitled in place: known by place
        (["甲", "乙", "丙"], ["甲", "新", "乙", "丙"], [0, None, 1, 2]),  # a story inserted
        (["甲", "乙", "丙"], ["甲", "丙"], [0, 2]),  # 乙 dropped
        (["同", "乙", "同"], ["同", "同", "乙"], [0, 2, 1]),  # twins: the nearest first
    ],
)
def test_stories_are_matched_by_headline_first_then_by_place(old, new, expected):
    assert match_stories(old, new) == expected


# Re-import: the same story is updated wherever it moved


def test_a_reimport_with_the_stories_in_another_order_updates_the_same_stories():
    first = import_text(page_text(("甲稿", "第一篇。"), ("乙稿", "第二篇。"), ("丙稿", "第三篇。")))
    before = {a.title: (a.pk, a.uid, a.get_absolute_url()) for a in stories(first.page)}
    import_text(page_text(("丙稿", "第三篇,改了。"), ("甲稿", "第一篇。"), ("乙稿", "第二篇。")), name="a01-v2.txt")
    after = stories(first.page)
    assert [a.title for a in after] == ["丙稿", "甲稿", "乙稿"]
    assert {a.title: (a.pk, a.uid, a.get_absolute_url()) for a in after} == before
    assert "改了" in after[0].body


def test_a_reimport_keeps_an_edited_story_that_moved_and_adds_a_new_one_in_its_place():
    first = import_text(page_text(("甲稿", "一。"), ("乙稿", "二。")))
    b = stories(first.page)[1]
    b.body = "编辑改写的正文。"
    b.save()
    report = import_text(page_text(("新稿", "插进来的。"), ("乙稿", "二。"), ("甲稿", "一。")), name="v2.txt")
    assert report.kept == ["乙稿"]
    now = stories(first.page)
    assert [a.title for a in now] == ["新稿", "乙稿", "甲稿"] and [a.position for a in now] == [1, 2, 3]
    assert now[1].pk == b.pk and now[1].body == "编辑改写的正文。"


def test_a_story_the_new_text_no_longer_has_goes_unless_an_editor_changed_it():
    first = import_text(page_text(("甲稿", "一。"), ("乙稿", "二。"), ("丙稿", "三。")))
    a, b, c = stories(first.page)
    c.body = "编辑改过。"
    c.save()
    import_text(page_text(("甲稿", "一。")), name="v2.txt")
    assert [s.title for s in stories(first.page)] == ["甲稿", "丙稿"]
    assert not Article.objects.filter(pk=b.pk).exists()


def test_a_reimport_leaves_a_removed_story_removed():
    first = import_text(page_text(("甲稿", "一。"), ("乙稿", "二。")))
    a, b = stories(first.page)
    ordering.remove_story(article=b, reason="解析多出的", user=UserFactory(group="编辑"))
    import_text(page_text(("甲稿", "一,改。"), ("乙稿", "二。")), name="v2.txt")
    b.refresh_from_db()
    assert b.is_removed
    assert [s.title for s in stories(first.page)] == ["甲稿", "乙稿"]  # the new text's 乙 is a story again


# The imported state is the first version


def test_each_imported_story_has_the_import_as_its_first_version_and_can_go_back_to_it(client):
    report = import_text(page_text(("甲稿", "原来的正文。"), ("乙稿", "二。")), name="b02.txt")
    a, b = stories(report.page)
    imported_body = a.body
    for story in (a, b):
        (version,) = Version.objects.get_for_object(story)
        assert version.revision.comment == "导入时的原样(b02.txt)"
    editor = UserFactory(group="编辑")
    client.force_login(editor)
    from django.urls import reverse

    from .admin_forms import change_form_data

    url = reverse("admin:articles_article_change", args=[a.pk])
    data = change_form_data(client.get(url), body="编辑改写的正文。")
    assert client.post(url, data).status_code == 302
    history = client.get(reverse("admin:articles_article_history", args=[a.pk])).content.decode()
    assert "导入时的原样(b02.txt)" in history

    first = Version.objects.get_for_object(a).last()
    revert_url = reverse("admin:articles_article_revision", args=[a.pk, first.pk])
    response = client.post(revert_url, change_form_data(client.get(revert_url)))
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.body == imported_body and "原来的正文" in a.body
    assert b.title == "乙稿" and b.position == 2  # the other story of that import is untouched


# Bulk files keyed on the id


def test_a_spreadsheet_row_updates_the_same_story_after_the_page_was_reordered():
    page = PageFactory()
    a, b, c = (ArticleFactory(page=page, position=n, title=t) for n, t in enumerate(["甲", "乙", "丙"], 1))
    exported = ArticleResource().export()
    ordering.move_story(article=c, position=1, user=UserFactory(group="编辑"))  # 丙 甲 乙 now
    rows = exported.dict
    row = next(r for r in rows if r["主题"] == "甲")
    row["正文"] = "表格里改的正文。"
    row["版内顺序"] = "2"  # where 甲 is now
    row["版本号"] = ""
    edited = tablib.Dataset(headers=list(row))
    edited.append(list(row.values()))
    result = ArticleResource().import_data(edited, dry_run=False, raise_errors=False)
    assert not result.has_errors() and not result.has_validation_errors()
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert a.body == "表格里改的正文。" and b.body != "表格里改的正文。" and c.body != "表格里改的正文。"


def test_a_spreadsheet_row_keeping_the_old_place_of_a_moved_story_is_refused_in_chinese():
    page = PageFactory()
    a, b = (ArticleFactory(page=page, position=n, title=t) for n, t in enumerate(["甲", "乙"], 1))
    exported = ArticleResource().export()
    ordering.move_story(article=b, position=1, user=UserFactory(group="编辑"))
    row = next(r for r in exported.dict if r["主题"] == "甲")  # still says 版内顺序 1, now 乙's
    row["正文"], row["版本号"] = "改。", ""
    edited = tablib.Dataset(headers=list(row))
    edited.append(list(row.values()))
    result = ArticleResource().import_data(edited, dry_run=False, raise_errors=False)
    (invalid,) = result.invalid_rows
    assert "第 1 篇已是“乙”" in str(invalid.error_dict) and "用“上移/下移”" in str(invalid.error_dict)
    a.refresh_from_db()
    assert a.body != "改。"


def test_a_file_from_before_stories_had_ids_still_imports_matched_by_place():
    page = PageFactory()
    a = ArticleFactory(page=page, position=1, title="甲")
    row = {k: v for k, v in ArticleResource().export().dict[0].items() if k != "稿件编号"}
    row["正文"], row["版本号"] = "旧表格改的。", ""
    old = tablib.Dataset(headers=list(row))
    old.append(list(row.values()))
    result = ArticleResource().import_data(old, dry_run=False, raise_errors=False)
    assert not result.has_errors() and not result.has_validation_errors()
    a.refresh_from_db()
    assert a.body == "旧表格改的。" and Article.objects.count() == 1


def test_a_new_row_with_an_empty_id_becomes_a_new_story_with_an_id():
    page = PageFactory()
    ArticleFactory(page=page, position=1, title="甲")
    row = dict(ArticleResource().export().dict[0])
    row.update({"稿件编号": "", "主题": "新的一篇", "版内顺序": "2", "版本号": ""})
    data = tablib.Dataset(headers=list(row))
    data.append(list(row.values()))
    result = ArticleResource().import_data(data, dry_run=False, raise_errors=False)
    assert not result.has_errors() and not result.has_validation_errors()
    new = Article.objects.get(title="新的一篇")
    assert len(new.uid) == UID_LENGTH and new.position == 2


@pytest.mark.parametrize("bad", ["../../etc", "x" * 40, "A1B2C3D4E5F6"])
def test_a_malformed_id_is_refused_in_chinese(bad):
    ArticleFactory(title="甲")
    row = dict(ArticleResource().export().dict[0])
    row.update({"稿件编号": bad, "版本号": ""})
    data = tablib.Dataset(headers=list(row))
    data.append(list(row.values()))
    result = ArticleResource().import_data(data, dry_run=False, raise_errors=False)
    assert "不是稿件编号" in str(result.invalid_rows[0].error_dict)
    assert Article.objects.count() == 1


# Natural keys and backups


def test_bylines_and_photos_refer_to_their_story_by_its_id_and_old_place_keys_still_work():
    byline = BylineFactory()
    photo = PhotoFactory(article=byline.article)
    article = byline.article
    assert article.natural_key() == (article.uid,)
    assert byline.natural_key()[0] == article.uid and photo.natural_key() == (article.uid, photo.position)
    assert Byline.objects.get_by_natural_key(*byline.natural_key()) == byline
    assert Photo.objects.get_by_natural_key(*photo.natural_key()) == photo
    place = article.page.natural_key() + (article.position,)
    assert Article.objects.get_by_natural_key(*place) == article
    assert Byline.objects.get_by_natural_key(*place, *byline.reporter.natural_key(), byline.role) == byline
    assert Photo.objects.get_by_natural_key(*article.page.natural_key(), article.position, photo.position) == photo


def desk_groups():
    """The desk's groups as their migration defines them (a transactional test empties the tables)."""
    from importlib import import_module

    from django.contrib.auth.models import Group, Permission

    for name, rights in import_module("articles.migrations.0005_desk_groups").GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="articles", codename__in=rights))


@pytest.mark.django_db(transaction=True)
def test_a_backup_keeps_ids_and_removals(tmp_path):
    desk_groups()
    page = PageFactory()
    a, b = (ArticleFactory(page=page, position=n, title=t) for n, t in enumerate(["甲", "乙"], 1))
    ordering.move_story(article=b, position=1, user=UserFactory(group="编辑"))
    ordering.remove_story(article=a, reason="解析多出的", user=UserFactory(group="编辑", username="li"))
    before = sorted(Article.objects.values_list("uid", "title", "position", "removed_reason"), key=str)
    backup = tmp_path / "b.tar.gz"
    call_command("backup", str(backup), stdout=StringIO())
    call_command("restore", str(backup), "--force", stdout=StringIO())
    assert sorted(Article.objects.values_list("uid", "title", "position", "removed_reason"), key=str) == before
    assert Article.objects.get(uid=a.uid).removed_by.username == "li"


# Addresses


def test_a_story_keeps_its_address_through_a_reorder_and_an_old_address_redirects_after_a_renumbering(client):
    from articles.models import Edition

    page = PageFactory(number=3, edition__status=Edition.Status.PUBLISHED)
    a, b = (ArticleFactory(page=page, position=n, title=t, published=True) for n, t in enumerate(["甲", "乙"], 1))
    url = b.get_absolute_url()
    ordering.move_story(article=b, position=1, user=UserFactory(group="值班主任"))
    assert client.get(url).status_code == 200

    page.number = 5
    page.save()
    response = client.get(url)
    assert response.status_code == 301 and response["Location"] == b.get_absolute_url()
    assert "/5/" in response["Location"] and client.get(response["Location"]).status_code == 200
    assert client.get(url.replace(f"/{b.pk}/", "/999999/")).status_code == 404


def test_a_removed_story_is_gone_for_readers_and_its_old_address_does_not_redirect(client):
    from articles.models import Edition

    page = PageFactory(edition__status=Edition.Status.PUBLISHED)
    a, b = (ArticleFactory(page=page, position=n, title=t, published=True) for n, t in enumerate(["甲", "乙"], 1))
    ordering.remove_story(article=b, reason="重复", user=UserFactory(group="值班主任"))
    assert client.get(b.get_absolute_url()).status_code == 404
    assert "乙" not in client.get(page.get_absolute_url()).content.decode().split("<main")[-1]


def test_a_reparse_of_a_text_whose_stories_changed_order_shows_no_story_changed_and_keeps_ids():
    from articles import services
    from articles.models import Page

    report = import_text(page_text(("甲稿", "一。"), ("乙稿", "二。")))
    a, b = stories(report.page)
    Page.objects.filter(pk=report.page.pk).update(source_text=page_text(("乙稿", "二。"), ("甲稿", "一。")))
    page = Page.objects.get(pk=report.page.pk)
    preview = services.preview_reparse(page=page)
    assert [(row.position, row.changed) for row in preview.rows] == [(1, False), (2, False)]
    services.reparse_page(page=page, user=UserFactory(group="值班主任"))
    assert [(s.pk, s.uid) for s in stories(page)] == [(b.pk, b.uid), (a.pk, a.uid)]


# The desk's order through a new reading


@pytest.mark.parametrize(
    "matches, kept, desk, expected",
    [
        # nobody reordered: the reading's order, a kept story after it
        ([0, None, 1], [2], False, [("new", 0), ("new", 1), ("new", 2), ("kept", 2)]),
        # the page (the desk's order) is 丙 甲 乙, the reading 甲 新 乙 丙: 丙 stays on top, and 新 (split
        # off 甲) follows 甲
        ([1, None, 2, 0], [], True, [("new", 3), ("new", 0), ("new", 1), ("new", 2)]),
        # stored story 1 merged away: the others close up in the desk's order
        ([2, 0], [], True, [("new", 1), ("new", 0)]),
        # a reading opening with a new story puts it on top; a kept story keeps its place
        ([None, 1, 0], [2], True, [("new", 0), ("new", 2), ("new", 1), ("kept", 2)]),
    ],
)
def test_a_new_reading_keeps_the_desks_order_when_the_desk_reordered_the_page(matches, kept, desk, expected):
    from articles.identity import arrange

    assert arrange(matches, 3, kept, desk=desk) == expected


def test_stories_are_paired_by_their_place_in_the_text_not_on_the_page():
    from articles.identity import match_reading, reading_order

    # on the page: 丙 (moved up by the desk), 甲, 乙; printed 甲 乙 丙. 乙 is retitled in the new text.
    order = reading_order([3, 1, 2])
    assert order == [1, 2, 0]
    assert match_reading(["丙", "甲", "乙"], ["甲", "乙改", "丙"], order) == [1, 2, 0]
    # a story the desk added (no place in the text) is matched by headline only
    assert match_reading(["甲", "补"], ["甲", "新"], reading_order([1, None]), printed=1) == [0, None]



@st.composite
def readings(draw):
    """A page of stored stories and a new reading of it: which stored story each story of the reading
    updates (None: a new one), which stored stories an editor changed, and whether the desk reordered."""
    stored = draw(st.integers(0, 8))
    claimed = draw(st.permutations(range(stored)))[: draw(st.integers(0, stored))]
    matches = draw(st.permutations(list(claimed) + [None] * draw(st.integers(0, 4))))
    kept = draw(st.sets(st.sampled_from(range(stored)))) if stored else set()
    return stored, matches, kept, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(readings())
def test_every_story_of_a_reading_and_every_kept_story_gets_exactly_one_place(case):
    from articles.identity import arrange

    stored, matches, kept, desk = case
    order = arrange(matches, stored, kept, desk=desk)
    assert sorted(j for kind, j in order if kind == "new") == list(range(len(matches)))
    assert sorted(k for kind, k in order if kind == "kept") == sorted(set(kept) - set(matches))
    if desk:  # the stored stories keep the desk's order among themselves
        on_page = [matches[j] if kind == "new" else j for kind, j in order]
        on_page = [k for k in on_page if k is not None]
        assert on_page == sorted(on_page)
