"""factory_boy factories: one per model, each making a valid row with as little as possible."""
import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import (
    Article,
    Byline,
    DutyAssignment,
    DutyEditor,
    Edition,
    Page,
    Photo,
    Publication,
    Reporter,
)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试晚报{n}")
    slug = factory.Sequence(lambda n: f"paper-{n}")


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    class Params:
        published = factory.Trait(
            status=Edition.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )

    publication = factory.SubFactory(PublicationFactory)
    date = factory.Sequence(lambda n: datetime.date(2022, 7, 1) + datetime.timedelta(days=n))


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    edition = factory.SubFactory(EditionFactory)
    number = factory.Sequence(lambda n: n % 32 + 1)
    name = "要闻"
    source_text = "## 引题\n# 主题\n\n正文第一段。"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )

    page = factory.SubFactory(PageFactory)
    position = factory.Sequence(lambda n: n + 1)
    text_position = factory.SelfAttribute("position")  # a story as its page's import placed it
    title = factory.Sequence(lambda n: f"市民热线当好疫情防控总客服之{n}")
    dateline = "本报讯"
    body = "7月14日至15日,全市开展专项检查。\n\n### 保障热线不掉线\n\n热线24小时有人接听。"


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    name = factory.Sequence(lambda n: f"记者{n}")
    publication = factory.SubFactory(PublicationFactory)


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    reporter = factory.SubFactory(
        ReporterFactory, publication=factory.SelfAttribute("..article.page.edition.publication")
    )
    role = Byline.Role.REPORTER
    position = factory.Sequence(lambda n: n)


class DutyEditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyEditor

    name = factory.Sequence(lambda n: f"编辑{n}")
    publication = factory.SubFactory(PublicationFactory)


class DutyAssignmentFactory(factory.django.DjangoModelFactory):
    """A page's staff-box entry; pass ``page=None, edition=...`` for an edition-wide one."""

    class Meta:
        model = DutyAssignment

    page = factory.SubFactory(PageFactory)
    edition = None
    duty_editor = factory.SubFactory(DutyEditorFactory)
    role = "责编"


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    article = factory.SubFactory(ArticleFactory)
    page = None
    caption = "志愿者进社区入户宣传创文知识。"
    credit_text = "罗栋"


class UserFactory(factory.django.DjangoModelFactory):
    """A staff login; ``group="编辑"`` (or 值班主任, 管理员) puts it in one of the desk's groups."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("desk-password")
    is_staff = True

    @factory.post_generation
    def group(user, create, name, **kwargs):
        if create and name:
            user.groups.add(Group.objects.get(name=name))
