"""The guarantees the schema gives: natural keys are unique, deleting an edition
cleans up after itself but never loses a person, and "published" means one thing."""
import contextlib
import datetime

import pytest
from django.db import IntegrityError, transaction

from articles.models import (
    Article,
    Byline,
    DutyAssignment,
    DutyEditor,
    Edition,
    Page,
    Photo,
    Reporter,
)

from .factories import (
    ArticleFactory,
    BylineFactory,
    DutyAssignmentFactory,
    DutyEditorFactory,
    EditionFactory,
    PageFactory,
    PhotoFactory,
    ReporterFactory,
)

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def refused():
    """The database must refuse the write; the savepoint keeps the test's transaction usable."""
    with pytest.raises(IntegrityError), transaction.atomic():
        yield


class TestNaturalKeysAreUnique:
    def test_second_edition_of_a_paper_on_one_date_is_refused(self):
        edition = EditionFactory()
        with refused():
            Edition.objects.create(publication=edition.publication, date=edition.date)

    def test_same_date_in_another_paper_is_fine(self):
        edition = EditionFactory()
        EditionFactory(date=edition.date)
        assert Edition.objects.filter(date=edition.date).count() == 2

    def test_page_number_is_unique_within_an_edition(self):
        page = PageFactory(number=1)
        with refused():
            Page.objects.create(edition=page.edition, number=1)

    def test_same_page_number_in_another_edition_is_fine(self):
        page = PageFactory(number=1)
        other = PageFactory(number=1)
        assert page.edition != other.edition

    def test_article_position_is_unique_within_a_page(self):
        article = ArticleFactory(position=1)
        with refused():
            Article.objects.create(page=article.page, position=1, title="另一篇")

    def test_reporter_name_is_unique_within_a_paper(self):
        reporter = ReporterFactory(name="李君平")
        with refused():
            Reporter.objects.create(name="李君平", publication=reporter.publication)
        ReporterFactory(name="李君平")  # another paper's 李君平 is another row

    def test_a_person_holds_a_byline_role_once_per_article(self):
        byline = BylineFactory()
        with refused():
            Byline.objects.create(article=byline.article, reporter=byline.reporter, role=byline.role)
        Byline.objects.create(
            article=byline.article, reporter=byline.reporter, role=Byline.Role.PHOTOGRAPHER
        )


class TestDeletingAnEdition:
    def test_takes_its_content_but_keeps_the_people(self):
        edition = EditionFactory()
        page = PageFactory(edition=edition)
        article = ArticleFactory(page=page)
        byline = BylineFactory(article=article)
        PhotoFactory(article=article)
        PhotoFactory(article=None, page=page)
        page_duty = DutyAssignmentFactory(page=page)
        DutyAssignmentFactory(page=None, edition=edition, duty_editor=page_duty.duty_editor)
        page.signed_off_by = page_duty.duty_editor
        page.save()

        edition.delete()

        assert not Page.objects.exists()
        assert not Article.objects.exists()
        assert not Byline.objects.exists()
        assert not Photo.objects.exists()
        assert not DutyAssignment.objects.exists()
        assert Reporter.objects.filter(pk=byline.reporter.pk).exists()
        assert DutyEditor.objects.filter(pk=page_duty.duty_editor.pk).exists()


class TestCheckConstraints:
    def test_duty_assignment_needs_a_page_or_an_edition(self):
        duty_editor = DutyEditorFactory()
        with refused():
            DutyAssignment.objects.create(duty_editor=duty_editor, role="值班主任")

    def test_duty_assignment_cannot_have_both(self):
        page = PageFactory()
        with refused():
            DutyAssignmentFactory(page=page, edition=page.edition)

    def test_duty_assignment_on_an_edition_alone_is_fine(self):
        edition = EditionFactory()
        assignment = DutyAssignmentFactory(page=None, edition=edition, role="值班主任")
        assert assignment in edition.duty_assignments.all()

    def test_photo_needs_an_article_or_a_page(self):
        with refused():
            Photo.objects.create(caption="无处安放的图片")

    def test_stand_alone_news_photo_on_a_page_is_fine(self):
        page = PageFactory()
        photo = PhotoFactory(article=None, page=page)
        assert list(page.photos.all()) == [photo]


class TestPublished:
    def test_published_article_in_published_edition_is_published(self):
        article = ArticleFactory(published=True, page__edition__published=True)
        assert list(Article.objects.published()) == [article]

    def test_published_article_in_draft_edition_is_not(self):
        ArticleFactory(published=True, page__edition__published=False)
        assert not Article.objects.published().exists()

    @pytest.mark.parametrize(
        "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SPIKED]
    )
    def test_unpublished_article_in_published_edition_is_not(self, status):
        ArticleFactory(status=status, page__edition__published=True)
        assert not Article.objects.published().exists()

    def test_edition_published(self):
        published = EditionFactory(published=True)
        EditionFactory()
        assert list(Edition.objects.published()) == [published]


class TestPrintedForms:
    def test_page_label_and_name(self):
        page = PageFactory(
            edition__publication__name="茂名晚报",
            edition__date=datetime.date(2022, 7, 15),
            number=1,
            name="要闻",
        )
        assert page.label == "第01版"
        assert str(page) == "茂名晚报 2022-07-15 第01版 要闻"

    def test_headline_joins_the_headline_group(self):
        article = ArticleFactory(kicker="“疫”呼即应!", title="热线当好总客服", subtitle="")
        assert article.headline == "“疫”呼即应! 热线当好总客服"

    def test_credit_line_groups_roles_as_printed(self):
        article = ArticleFactory()
        for name, role in [
            ("李君平", Byline.Role.REPORTER),
            ("茂健", Byline.Role.CORRESPONDENT),
            ("陈英", Byline.Role.CORRESPONDENT),
            ("区红十字会", Byline.Role.SOURCE),
        ]:
            BylineFactory(article=article, reporter__name=name, role=role)
        assert article.credit_line() == "记者 李君平 通讯员 茂健 陈英 区红十字会"

    def test_sign_off(self):
        page = PageFactory()
        assert not page.is_signed_off
        assignment = DutyAssignmentFactory(page=page, role="值班主任")
        page.signed_off_by = assignment.duty_editor
        page.signed_off_at = page.created_at
        page.save()
        assert page.is_signed_off
