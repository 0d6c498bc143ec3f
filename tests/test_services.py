"""The desk's rules: workflow steps, sign-off, publishing an edition, merging reporters."""
import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied

from articles import services
from articles.models import Article, Byline, Edition, Page, Reporter, StatusChange

from .factories import (
    ArticleFactory,
    BylineFactory,
    DutyAssignmentFactory,
    DutyEditorFactory,
    EditionFactory,
    PageFactory,
    PhotoFactory,
    ReporterFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

T = Article.Transition
S = Article.Status


@pytest.fixture
def editor():
    return UserFactory(group="编辑")


@pytest.fixture
def chief():
    return UserFactory(group="值班主任")


def on_duty(user, publication):
    DutyEditorFactory(publication=publication, user=user, name=user.username)
    return user


# Workflow


def test_an_article_goes_from_draft_to_published_and_each_step_names_who_took_it(editor, chief):
    article = ArticleFactory()
    services.transition_article(article=article, transition=T.SUBMIT, user=editor)
    services.transition_article(article=article, transition=T.APPROVE, user=chief)
    services.transition_article(article=article, transition=T.PUBLISH, user=chief)

    assert article.status == S.PUBLISHED
    assert article.published_at is not None
    steps = list(article.status_changes.order_by("at", "pk"))
    assert [(s.transition, s.from_status, s.to_status, s.user) for s in steps] == [
        (T.SUBMIT, S.DRAFT, S.REVIEW, editor),
        (T.APPROVE, S.REVIEW, S.APPROVED, chief),
        (T.PUBLISH, S.APPROVED, S.PUBLISHED, chief),
    ]
    assert all(step.at >= article.created_at for step in steps)


@pytest.mark.parametrize("transition", [T.APPROVE, T.PUBLISH, T.SPIKE, T.RESTORE])
def test_an_editor_may_only_submit(editor, transition):
    article = ArticleFactory(status=transition.sources[0])
    with pytest.raises(PermissionDenied):
        services.transition_article(article=article, transition=transition, user=editor)
    article.refresh_from_db()
    assert article.status == transition.sources[0]
    assert not StatusChange.objects.exists()


def test_a_step_from_the_wrong_status_is_refused_with_the_reason(chief):
    article = ArticleFactory(title="创文进社区")
    with pytest.raises(services.DeskError, match="创文进社区.*草稿.*不能发布"):
        services.transition_article(article=article, transition=T.PUBLISH, user=chief)
    assert Article.objects.get().status == S.DRAFT


def test_spiking_takes_a_published_story_off_the_site_and_restore_brings_back_a_draft(chief):
    article = ArticleFactory(published=True, page__edition__published=True)
    assert list(Article.objects.published()) == [article]
    services.transition_article(article=article, transition=T.SPIKE, user=chief)
    assert list(Article.objects.published()) == []
    services.transition_article(article=article, transition=T.RESTORE, user=chief)
    assert article.status == S.DRAFT


def test_each_step_counts_as_a_change_for_conflict_detection(editor):
    article = ArticleFactory()
    before = article.version
    services.transition_article(article=article, transition=T.SUBMIT, user=editor)
    assert article.version == before + 1


def test_a_batch_moves_what_it_can_and_names_the_rest(chief):
    ready = ArticleFactory(status=S.APPROVED)
    draft = ArticleFactory(title="尚未送审的稿件")
    result = services.transition_articles(articles=[ready, draft], transition=T.PUBLISH, user=chief)
    assert result.done == [ready]
    assert len(result.refused) == 1 and "尚未送审的稿件" in result.refused[0]


def test_editors_edit_open_stories_and_the_desk_edits_all(editor, chief):
    for status in S:
        article = ArticleFactory(status=status)
        assert services.can_edit_article(article=article, user=editor) == (status in (S.DRAFT, S.REVIEW))
        assert services.can_edit_article(article=article, user=chief)


# Sign-off


def test_a_duty_editor_signs_a_page_off_under_their_own_name(chief):
    page = PageFactory()
    on_duty(chief, page.edition.publication)
    services.sign_off_page(page=page, user=chief)
    page = Page.objects.get()
    assert page.is_signed_off
    assert page.signed_off_by == chief.duty_editor
    assert LogEntry.objects.get(object_id=str(page.pk)).user == chief


def test_signing_off_needs_a_duty_editor_of_the_same_paper(chief):
    page = PageFactory()
    with pytest.raises(services.DeskError, match="没有关联版面人员记录"):
        services.sign_off_page(page=page, user=chief)
    DutyEditorFactory(user=chief)  # on another paper's roster
    chief.refresh_from_db()
    with pytest.raises(services.DeskError, match="不能签发"):
        services.sign_off_page(page=page, user=chief)
    assert not Page.objects.get().is_signed_off


def test_a_page_is_signed_off_once(chief):
    page = PageFactory()
    on_duty(chief, page.edition.publication)
    services.sign_off_page(page=page, user=chief)
    with pytest.raises(services.DeskError, match="已由"):
        services.sign_off_page(page=page, user=chief)


def test_an_editor_cannot_sign_off(editor):
    page = PageFactory()
    on_duty(editor, page.edition.publication)
    with pytest.raises(PermissionDenied):
        services.sign_off_page(page=page, user=editor)


def test_the_desk_lists_the_unsigned_pages_a_duty_editor_is_on(chief):
    editor_on_duty = DutyEditorFactory(user=chief)
    mine = DutyAssignmentFactory(duty_editor=editor_on_duty, role="值班主任").page
    whole_edition = EditionFactory(publication=editor_on_duty.publication)
    DutyAssignmentFactory(page=None, edition=whole_edition, duty_editor=editor_on_duty, role="值班主任")
    edition_page = PageFactory(edition=whole_edition)
    signed = DutyAssignmentFactory(duty_editor=editor_on_duty).page
    signed.signed_off_at = signed.edition.created_at
    signed.save()
    DutyAssignmentFactory()  # someone else's page
    published = DutyAssignmentFactory(duty_editor=editor_on_duty, page__edition__published=True).page

    awaiting = set(services.pages_awaiting_sign_off(duty_editor=editor_on_duty))
    assert awaiting == {mine, edition_page}
    assert published not in awaiting


# Publishing an edition


@pytest.fixture
def edition_with_pages(chief):
    """Three pages, the first with an approved story to go out."""
    edition = EditionFactory()
    on_duty(chief, edition.publication)
    pages = [PageFactory(edition=edition, number=n) for n in (1, 2, 3)]
    ArticleFactory(page=pages[0], status=S.APPROVED, title="头条")
    return edition, pages


def test_an_edition_with_unsigned_pages_is_not_published_and_the_pages_are_named(chief, edition_with_pages):
    edition, pages = edition_with_pages
    services.sign_off_page(page=pages[0], user=chief)
    with pytest.raises(services.DeskError, match="第02版、第03版"):
        services.publish_edition(edition=edition, user=chief)
    assert not Edition.objects.published().exists()


def test_an_edition_whose_pages_are_all_signed_off_is_published(chief, edition_with_pages):
    edition, pages = edition_with_pages
    for page in pages:
        services.sign_off_page(page=page, user=chief)
    services.publish_edition(edition=edition, user=chief, override_reason="用不上的理由")
    edition = Edition.objects.published().get()
    assert edition.published_at is not None
    assert edition.publish_override_reason == ""


def test_an_override_publishes_unsigned_pages_and_records_the_reason_and_who(chief, edition_with_pages):
    edition, _ = edition_with_pages
    services.publish_edition(edition=edition, user=chief, override_reason="  值班主任临时外出,经总编同意  ")
    edition = Edition.objects.published().get()
    assert edition.publish_override_reason == "值班主任临时外出,经总编同意"
    entry = LogEntry.objects.get(object_id=str(edition.pk))
    assert entry.user == chief and "值班主任临时外出" in entry.change_message


def test_publishing_an_edition_publishes_its_approved_articles_only(chief, edition_with_pages):
    edition, pages = edition_with_pages
    approved = Article.objects.get(title="头条")
    ArticleFactory(page=pages[0], status=S.REVIEW)
    ArticleFactory(page=pages[1], status=S.SPIKED)
    assert not Article.objects.published().exists()
    services.publish_edition(edition=edition, user=chief, override_reason="急稿")
    assert list(Article.objects.published()) == [approved]


@pytest.mark.parametrize("flag", ["date_inferred", "publication_inferred"])
def test_an_edition_with_an_inferred_date_or_paper_is_confirmed_before_publishing(chief, edition_with_pages, flag):
    edition, _ = edition_with_pages
    setattr(edition, flag, True)
    edition.save()
    with pytest.raises(services.DeskError, match="推断"):
        services.publish_edition(edition=edition, user=chief, override_reason="急稿")
    services.confirm_inferred_date(edition=edition, user=chief)
    services.publish_edition(edition=edition, user=chief, override_reason="急稿")
    assert Edition.objects.published().exists()


def test_an_edition_without_pages_is_not_published(chief):
    edition = EditionFactory()
    with pytest.raises(services.DeskError, match="没有版面"):
        services.publish_edition(edition=edition, user=chief, override_reason="急稿")


def test_the_plan_says_page_by_page_what_goes_out_and_what_stays_behind(chief, edition_with_pages):
    edition, pages = edition_with_pages
    ArticleFactory(page=pages[0], status=S.DRAFT, title="草稿一")
    ArticleFactory(page=pages[1], status=S.REVIEW, title="待审一")
    ArticleFactory(page=pages[1], status=S.SPIKED, title="撤稿一")
    ArticleFactory(page=pages[1], status=S.DRAFT, title="草稿二")

    plan = services.plan_publication(edition=edition)

    assert plan.refusal == ""
    rows = [
        ([a.title for a in p.going_out], [a.title for a in p.drafts], [a.title for a in p.in_review], [a.title for a in p.spiked])
        for p in plan.pages
    ]
    assert rows == [(["头条"], ["草稿一"], [], []), ([], ["草稿二"], ["待审一"], ["撤稿一"]), ([], [], [], [])]
    assert plan.empty_pages == ["第02版", "第03版"]  # readers find no story on either
    assert plan.summary() == "见报 1 篇;不见报:草稿 2 篇、待审 1 篇、撤稿 1 篇;空版:第02版、第03版"
    assert Edition.objects.get().status == Edition.Status.DRAFT  # a plan writes nothing


@pytest.mark.parametrize("statuses", [[], [S.DRAFT] * 6, [S.DRAFT, S.REVIEW, S.SPIKED]])
def test_an_edition_with_no_story_to_go_out_is_not_published(chief, statuses):
    edition = EditionFactory()
    page = PageFactory(edition=edition, number=1)
    for status in statuses:
        ArticleFactory(page=page, status=status)
    with pytest.raises(services.DeskError, match="读者只会看到空版") as refused:
        services.publish_edition(edition=edition, user=chief, override_reason="急稿")
    if statuses:
        assert "没有一篇可以见报的稿件" in str(refused.value) and "请先审核通过" in str(refused.value)
    assert services.plan_publication(edition=edition).refusal == str(refused.value)
    assert not Edition.objects.published().exists()
    assert not Article.objects.filter(status=S.PUBLISHED).exists()
    assert not LogEntry.objects.exists()


def test_an_edition_taken_down_goes_back_up_with_its_published_stories(chief):
    article = ArticleFactory(published=True, page__edition__published=True)
    edition = article.page.edition
    services.unpublish_edition(edition=edition, user=chief)
    assert services.plan_publication(edition=edition).going_out == 1
    services.publish_edition(edition=edition, user=chief, override_reason="重新上线")
    assert list(Article.objects.published()) == [article]


def test_an_edition_that_changed_after_the_editor_saw_the_plan_is_not_published(chief, edition_with_pages):
    edition, pages = edition_with_pages
    shown = services.plan_publication(edition=edition).fingerprint
    late = ArticleFactory(page=pages[1], status=S.REVIEW, title="迟到的稿件")
    services.transition_article(article=late, transition=T.APPROVE, user=chief)  # one more story would go out

    with pytest.raises(services.DeskError, match="在你确认之后有了变动"):
        services.publish_edition(edition=edition, user=chief, override_reason="急稿", confirmed=shown)
    assert not Edition.objects.published().exists()

    again = services.plan_publication(edition=edition)
    assert again.fingerprint != shown and again.going_out == 2
    services.publish_edition(edition=edition, user=chief, override_reason="急稿", confirmed=again.fingerprint)
    assert {a.title for a in Article.objects.published()} == {"头条", "迟到的稿件"}


def test_the_history_records_what_went_out_and_what_did_not(chief, edition_with_pages):
    edition, pages = edition_with_pages
    ArticleFactory(page=pages[0], status=S.DRAFT)
    services.publish_edition(edition=edition, user=chief, override_reason="急稿")
    message = LogEntry.objects.get(object_id=str(edition.pk)).change_message
    assert message.startswith("发布:见报 1 篇;不见报:草稿 1 篇;空版:第02版、第03版")
    assert "理由:急稿" in message


def test_an_editor_cannot_publish_or_unpublish(editor):
    edition = PageFactory().edition
    with pytest.raises(PermissionDenied):
        services.publish_edition(edition=edition, user=editor, override_reason="急稿")
    published = PageFactory(edition__published=True).edition
    with pytest.raises(PermissionDenied):
        services.unpublish_edition(edition=published, user=editor)
    assert list(Edition.objects.published()) == [published]


def test_unpublishing_takes_the_edition_and_its_articles_off_the_site(chief):
    article = ArticleFactory(published=True, page__edition__published=True)
    services.unpublish_edition(edition=article.page.edition, user=chief)
    assert not Edition.objects.published().exists()
    assert not Article.objects.published().exists()
    assert Article.objects.get().status == S.PUBLISHED  # it returns when the edition does


# Merging reporters


def test_merging_moves_bylines_and_photo_credits_and_removes_the_duplicates(chief):
    keep = ReporterFactory(name="李君平")
    variant = ReporterFactory(name="李君半", publication=keep.publication)
    article = ArticleFactory(page__edition__publication=keep.publication)
    other = ArticleFactory(page__edition__publication=keep.publication)
    BylineFactory(article=article, reporter=keep)
    BylineFactory(article=article, reporter=variant)  # both spellings on one story: one byline stays
    BylineFactory(article=other, reporter=variant, role=Byline.Role.CORRESPONDENT)
    photo = PhotoFactory(article=other, credit=variant)

    moved = services.merge_reporters(keep=keep, duplicates=[keep, variant], user=chief)

    assert moved == 1
    assert list(Reporter.objects.all()) == [keep]
    assert sorted((b.article_id, b.role) for b in keep.bylines.all()) == sorted(
        [(article.pk, Byline.Role.REPORTER), (other.pk, Byline.Role.CORRESPONDENT)]
    )
    photo.refresh_from_db()
    assert photo.credit == keep


def test_reporters_of_different_papers_are_not_merged(chief):
    keep = ReporterFactory()
    elsewhere = ReporterFactory(name=keep.name)
    with pytest.raises(services.DeskError, match="同一报纸"):
        services.merge_reporters(keep=keep, duplicates=[elsewhere], user=chief)
    assert Reporter.objects.count() == 2


def test_an_editor_cannot_merge_reporters(editor):
    keep = ReporterFactory()
    variant = ReporterFactory(publication=keep.publication)
    with pytest.raises(PermissionDenied):
        services.merge_reporters(keep=keep, duplicates=[variant], user=editor)
    assert Reporter.objects.count() == 2
