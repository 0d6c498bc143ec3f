"""The desk's domain: papers, their daily editions and pages, the articles on them,
and the people credited or on duty.

Each model reads in one order: fields, ``objects``, ``Meta``, ``__str__``,
``get_absolute_url``, then domain methods. "Published" is defined once per level,
as a QuerySet method, and everything public goes through it.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .identity import new_uid
from .media import PhotoImageField, validate_image_extension, validate_image_size
from .scripts import in_script, printed_in_traditional, simplified


class PublicationManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Publication(models.Model):
    name = models.CharField(
        "报纸名称", max_length=100, unique=True, help_text="报纸的正式名称,如“茂名晚报”。"
    )
    slug = models.SlugField(
        "网址代号",
        max_length=50,
        unique=True,
        help_text="数字报网址里代表这份报纸的代号,只能用英文字母、数字和连字符,如 mmwb。",
    )
    description = models.TextField("简介", blank=True)
    logo = PhotoImageField(
        "报头标识",
        upload_to="logos/",
        blank=True,
        validators=[validate_image_extension, validate_image_size],
        help_text="报头或报徽图片(JPG、PNG、GIF 或 WebP),稿件没有配图时,搜索引擎和分享链接用它作配图。可留空。",
    )

    objects = PublicationManager()

    class Meta:
        ordering = ["name"]
        verbose_name = "报纸"
        verbose_name_plural = "报纸"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Edition.Status.PUBLISHED)

    def with_published_stories(self):
        """Editions in which readers have at least one story to read: only one of these may be
        shown as a paper's latest edition."""
        stories = Article.objects.published().filter(page__edition=models.OuterRef("pk"))
        return self.filter(models.Exists(stories))


class EditionManager(models.Manager.from_queryset(EditionQuerySet)):
    def get_by_natural_key(self, publication_name, date):
        return self.get(publication__name=publication_name, date=date)


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="editions", verbose_name="报纸"
    )
    date = models.DateField("出版日期")
    issue_number = models.PositiveIntegerField(
        "期号", null=True, blank=True, help_text="报头上印的“第N期”,不知道可留空。"
    )
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    date_inferred = models.BooleanField(
        "日期待确认",
        default=False,
        help_text="出版日期是导入程序从版面文字推断的,请核对后取消勾选。",
    )
    publication_inferred = models.BooleanField(
        "报纸待确认",
        default=False,
        help_text="所属报纸是导入程序从电头、邮箱等推断的,请核对后取消勾选。",
    )
    publish_override_reason = models.TextField(
        "未全部签版即发布的理由",
        blank=True,
        help_text="有版面未经值班主任签发就发布本期时,在此写明原因。",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = EditionManager()

    class Meta:
        ordering = ["-date", "publication_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "date"], name="edition_unique_publication_date"
            ),
        ]
        indexes = [
            models.Index(fields=["-date"], name="edition_date_desc_idx"),
            models.Index(fields=["status", "-date"], name="edition_status_date_idx"),
        ]
        permissions = [
            ("publish_edition", "可以发布、撤下一期"),
            ("import_edition", "可以批量导入期"),
            ("export_edition", "可以导出期"),
        ]
        verbose_name = "期"
        verbose_name_plural = "期"

    def __str__(self):
        return f"{self.publication.name} {self.date.isoformat()}"

    def get_absolute_url(self):
        return reverse(
            "articles:edition",
            kwargs={"slug": self.publication.slug, "date": self.date.isoformat()},
        )

    def natural_key(self):
        return (self.publication.name, self.date.isoformat())

    natural_key.dependencies = ["articles.publication"]


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages are public exactly when their edition is."""
        return self.filter(edition__status=Edition.Status.PUBLISHED)


class PageManager(models.Manager.from_queryset(PageQuerySet)):
    def get_by_natural_key(self, publication_name, date, number):
        return self.get(
            edition__publication__name=publication_name, edition__date=date, number=number
        )


class Page(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="pages", verbose_name="期"
    )
    number = models.PositiveSmallIntegerField("版次", help_text="第几版,如第01版填 1。")
    name = models.CharField("版名", max_length=50, blank=True, help_text="如 要闻、综合、社区。")
    source_text = models.TextField(
        "原始文字", blank=True, help_text="导入时的版面原文,一字未改,供核对。"
    )
    source_filename = models.CharField("原始文件名", max_length=255, blank=True)
    source_hash = models.CharField(
        "原文指纹",
        max_length=64,
        blank=True,
        db_index=True,
        help_text="原文的 SHA-256 值,导入程序用它识别重复导入的同一文件。",
    )
    signed_off_by = models.ForeignKey(
        "DutyEditor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_off_pages",
        verbose_name="签发人",
    )
    signed_off_at = models.DateTimeField("签发时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = PageManager()

    class Meta:
        ordering = ["edition_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="page_unique_edition_number"
            ),
        ]
        permissions = [
            ("sign_off_page", "可以签发版面"),
            ("import_page", "可以批量导入版面"),
            ("export_page", "可以导出版面"),
        ]
        verbose_name = "版面"
        verbose_name_plural = "版面"

    def __str__(self):
        return f"{self.edition} {self.label} {self.name}".strip()

    def get_absolute_url(self):
        return reverse(
            "articles:page",
            kwargs={
                "slug": self.edition.publication.slug,
                "date": self.edition.date.isoformat(),
                "number": self.number,
            },
        )

    def natural_key(self):
        return self.edition.natural_key() + (self.number,)

    natural_key.dependencies = ["articles.edition", "articles.dutyeditor"]

    @property
    def label(self):
        return f"第{self.number:02d}版"

    @property
    def is_signed_off(self):
        return self.signed_off_at is not None


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of a public article: published, in a published edition, on its page."""
        return self.filter(
            status=Article.Status.PUBLISHED,
            page__edition__status=Edition.Status.PUBLISHED,
            removed_at__isnull=True,
        )

    def placed(self):
        """Stories in their page's order: every story but those removed from it."""
        return self.filter(removed_at__isnull=True)

    def removed(self):
        return self.filter(removed_at__isnull=False)

    def credited_to(self, reporter):
        return self.filter(pk__in=reporter.bylines.values("article"))

    def credited_to_name(self, name):
        """Articles with a byline whose name holds ``name`` (any paper's reporter; letters in any case;
        spaces and script as a reporter's name is matched: 陈某某 finds 陳 某某)."""
        names = Q(reporter__name__icontains=name)
        if name_key(name):
            names |= Q(reporter__name_key__contains=name_key(name))
        return self.filter(pk__in=Byline.objects.filter(names).values("article"))


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, *key):
        """A story by its id; the key of fixtures and backups made before stories had one
        (paper, date, page number, position) still finds the story in that place."""
        if len(key) == 1:
            return self.get(uid=key[0])
        publication_name, date, number, position = key
        return self.get(
            page__edition__publication__name=publication_name,
            page__edition__date=date,
            page__number=number,
            position=position,
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        REVIEW = "review", "待审"
        APPROVED = "approved", "已审"
        PUBLISHED = "published", "已发布"
        SPIKED = "spiked", "已撤稿"

        @property
        def open_to_editors(self):
            """Editors may change a story until the desk has approved, published or spiked it."""
            cls = type(self)
            return self in (cls.DRAFT, cls.REVIEW)

    class Transition(models.TextChoices):
        """The workflow's steps: where each may start, where it leads, and who may take it."""

        SUBMIT = "submit", "送审"
        APPROVE = "approve", "审核通过"
        PUBLISH = "publish", "发布"
        SPIKE = "spike", "撤稿"
        RESTORE = "restore", "恢复为草稿"

        @property
        def sources(self):
            S = Article.Status
            return {
                "submit": (S.DRAFT,),
                "approve": (S.REVIEW,),
                "publish": (S.REVIEW, S.APPROVED),
                "spike": (S.DRAFT, S.REVIEW, S.APPROVED, S.PUBLISHED),
                "restore": (S.SPIKED,),
            }[self.value]

        @property
        def target(self):
            S = Article.Status
            return {
                "submit": S.REVIEW,
                "approve": S.APPROVED,
                "publish": S.PUBLISHED,
                "spike": S.SPIKED,
                "restore": S.DRAFT,
            }[self.value]

        @property
        def permission(self):
            """Editors submit their drafts; every other step is the duty editor's call."""
            return "articles.change_article" if self.value == "submit" else "articles.publish_article"

    uid = models.CharField(
        "稿件编号",
        max_length=16,
        unique=True,
        editable=False,
        default=new_uid,
        help_text="稿件的固定编号,调整顺序、拆分、重新导入都不变;导出的表格靠它认出每篇稿件。",
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="articles", verbose_name="版面"
    )
    position = models.PositiveSmallIntegerField(
        "版内顺序", null=True, help_text="在本版的阅读顺序,从 1 开始;已移除的稿件没有顺序。"
    )
    text_position = models.PositiveSmallIntegerField(
        "原文顺序",
        null=True,
        blank=True,
        editable=False,
        help_text="最近一次解析时这篇在版面原文里的顺序;编辑插入的稿件没有。版内顺序与它不同,"
        "说明编辑调整过顺序:更正结构、重新解析、再次导入都保留编辑排定的顺序。",
    )
    kicker = models.CharField("引题", max_length=255, blank=True, help_text="主题上方的一行。")
    title = models.CharField("主题", max_length=255)
    subtitle = models.CharField("副题", max_length=255, blank=True, help_text="主题下方的一行。")
    dateline = models.CharField(
        "电头", max_length=100, blank=True, help_text="如 本报讯、茂名晚报讯、本报北京2月19日电。"
    )
    body = models.TextField(
        "正文", blank=True, help_text="Markdown 格式:小标题用 ## 开头,段落之间空一行。"
    )
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    version = models.PositiveIntegerField(
        "版本号", default=1, help_text="每次保存加一,用来发现两人同时修改同一篇稿件。"
    )
    import_fingerprint = models.CharField(
        "导入指纹",
        max_length=64,
        blank=True,
        help_text="最近一次导入时稿件内容的指纹;与现内容不符说明编辑改过,重新导入不会覆盖。",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    removed_at = models.DateTimeField("移除时间", null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="移除人",
    )
    removed_reason = models.TextField(
        "移除理由", blank=True, editable=False, help_text="从版面上移除这篇稿件的原因(如 解析错误多出的稿件)。"
    )

    objects = ArticleManager()

    class Meta:
        ordering = ["page_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "position"], name="article_unique_page_position"
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="article_status_idx"),
            models.Index(fields=["page", "status"], name="article_page_status_idx"),
        ]
        permissions = [
            ("publish_article", "可以审核、发布、撤稿"),
            ("import_article", "可以批量导入稿件"),
            ("export_article", "可以导出稿件"),
        ]
        verbose_name = "稿件"
        verbose_name_plural = "稿件"

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        edition = self.page.edition
        return reverse(
            "articles:article",
            kwargs={
                "slug": edition.publication.slug,
                "date": edition.date.isoformat(),
                "number": self.page.number,
                "pk": self.pk,
            },
        )

    def natural_key(self):
        return (self.uid,)

    natural_key.dependencies = ["articles.page"]

    @property
    def is_removed(self):
        return self.removed_at is not None

    @property
    def headline(self):
        """The whole headline group as one line: kicker, title, subtitle."""
        return " ".join(part for part in (self.kicker, self.title, self.subtitle) if part)

    def printed_in_traditional(self) -> bool:
        """Is the story printed in traditional characters (a Hong Kong, Macau or Taiwan paper's)?"""
        return printed_in_traditional(f"{self.title}\n{self.body}")

    def credit_line(self):
        """The bylines as printed: "记者 李君平 通讯员 茂健 陈英" (記者 … on a traditional page)."""
        traditional = self.printed_in_traditional()
        groups = []
        for byline in self.bylines.all():
            if groups and groups[-1][0] == byline.role:
                groups[-1][1].append(byline.reporter.name)
            else:
                groups.append((byline.role, [byline.reporter.name]))
        return " ".join(
            " ".join(filter(None, [Byline.Role(role).printed_prefix(traditional), *names]))
            for role, names in groups
        )


class StatusChange(models.Model):
    """One workflow step taken on an article: what, by whom and when."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="status_changes", verbose_name="稿件"
    )
    transition = models.CharField("操作", max_length=20, choices=Article.Transition.choices)
    from_status = models.CharField("原状态", max_length=20, choices=Article.Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Article.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="操作人",
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "流程记录"
        verbose_name_plural = "流程记录"

    def __str__(self):
        return f"{self.get_transition_display()}:{self.get_from_status_display()} → {self.get_to_status_display()}"


INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # zero-width characters OCR leaves in names


def name_key(name: str) -> str:
    """A name as it is matched: papers letter-space two-character names (倪  弋), so spaces of any
    kind (ASCII, full-width, no-break) never tell two reporters apart; nor does the script a name is
    printed in (陳某某 on a Hong Kong page is 陈某某)."""
    return simplified("".join(name.split()).translate(INVISIBLE))


class ReporterManager(models.Manager):
    def get_by_natural_key(self, name, publication_name):
        return self.get(name=name, publication__name=publication_name)

    def named(self, name: str):
        """Reporters whose name is ``name`` however it is spaced, in either script."""
        return self.filter(name_key=name_key(name))

    def credited_as(self, publication, name: str):
        """The paper's reporter a byline printed as ``name`` credits: the one of that very name, else
        the one it matches (倪  弋 for 倪弋, 陳某某 for 陈某某); None when there is none yet."""
        return self.filter(publication=publication, name=name).first() or (
            self.named(name).filter(publication=publication).order_by("pk").first()
        )


class Reporter(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "个人"
        ORGANISATION = "organisation", "机构"

    name = models.CharField("署名", max_length=100, help_text="见报时的署名,如 李君平、茂健。")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.PERSON)
    publication = models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        related_name="reporters",
        verbose_name="报纸",
        help_text="在哪份报纸上署名;同一人在两份报纸署名算两条记录。",
    )
    affiliation = models.CharField(
        "所属单位", max_length=100, blank=True, help_text="如 新华社、茂名日报社。"
    )
    name_key = models.CharField("署名(去空格)", max_length=100, editable=False, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = ReporterManager()

    class Meta:
        ordering = ["publication_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "name"], name="reporter_unique_publication_name"
            ),
        ]
        indexes = [models.Index(fields=["name"], name="reporter_name_idx")]
        permissions = [
            ("import_reporter", "可以批量导入作者"),
            ("export_reporter", "可以导出作者"),
        ]
        verbose_name = "作者"
        verbose_name_plural = "作者"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "articles:reporter", kwargs={"slug": self.publication.slug, "pk": self.pk}
        )

    def natural_key(self):
        return (self.name, self.publication.name)

    natural_key.dependencies = ["articles.publication"]

    def save(self, *args, **kwargs):
        # The key itself is set by a pre_save receiver (articles.signals), which loaddata also meets.
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def clean(self):
        """One person, one record per paper: 倪弋 and 倪  弋 are the same reporter."""
        if not self.name or not self.publication_id:
            return
        twin = Reporter.objects.named(self.name).filter(publication_id=self.publication_id).exclude(pk=self.pk).first()
        if twin is not None:
            how = "只差空格" if "".join(twin.name.split()) == "".join(self.name.split()) else "只差空格或繁简写法"
            raise ValidationError(
                {"name": f"{self.publication.name}已有作者“{twin.name}”({how}),同一人请用已有的记录"}
            )


class BylineManager(models.Manager):
    def get_by_natural_key(self, *key):
        """(story id, reporter, reporter's paper, role); before stories had ids, the story's place came first."""
        *article_key, reporter_name, reporter_paper, role = key
        return self.get(
            article=Article.objects.get_by_natural_key(*article_key),
            reporter__name=reporter_name,
            reporter__publication__name=reporter_paper,
            role=role,
        )


class Byline(models.Model):
    class Role(models.TextChoices):
        REPORTER = "reporter", "记者"
        CORRESPONDENT = "correspondent", "通讯员"
        PHOTOGRAPHER = "photographer", "摄影"
        SOURCE = "source", "来源"

        @property
        def prefix(self):
            """The word printed before the name; a source is printed bare."""
            return "" if self is type(self).SOURCE else self.label

        def printed_prefix(self, traditional: bool) -> str:
            """The word before the name as a story printed in traditional characters prints it (記者)."""
            return in_script(self.prefix, traditional)

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines", verbose_name="稿件"
    )
    reporter = models.ForeignKey(
        Reporter, on_delete=models.PROTECT, related_name="bylines", verbose_name="作者"
    )
    role = models.CharField("身份", max_length=20, choices=Role.choices, default=Role.REPORTER)
    position = models.PositiveSmallIntegerField("署名顺序", default=0)

    objects = BylineManager()

    class Meta:
        ordering = ["article_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reporter", "role"],
                name="byline_unique_article_reporter_role",
            ),
        ]
        verbose_name = "署名"
        verbose_name_plural = "署名"

    def __str__(self):
        return " ".join(filter(None, [self.Role(self.role).prefix, self.reporter.name]))

    def natural_key(self):
        return self.article.natural_key() + self.reporter.natural_key() + (self.role,)

    natural_key.dependencies = ["articles.article", "articles.reporter"]


class DutyEditorManager(models.Manager):
    def get_by_natural_key(self, name, publication_name):
        return self.get(name=name, publication__name=publication_name)

    def printed_as(self, publication, name: str):
        """The paper's staff member a staff box printed as ``name`` names: the one of that very name, else
        the one it matches as reporters' names are matched (黃某某 for 黄某某); None when there is none yet.
        A paper has a few dozen staff, read here in full."""
        exact = self.filter(publication=publication, name=name).first()
        if exact is not None:
            return exact
        key = name_key(name)
        return next((e for e in self.filter(publication=publication).order_by("pk") if name_key(e.name) == key), None)


class DutyEditor(models.Model):
    name = models.CharField("姓名", max_length=50)
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="duty_editors", verbose_name="报纸"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duty_editor",
        verbose_name="登录账号",
        help_text="此人登录编辑台用的账号;有账号才能在系统里签版。",
    )

    objects = DutyEditorManager()

    class Meta:
        ordering = ["publication_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "name"], name="dutyeditor_unique_publication_name"
            ),
        ]
        permissions = [
            ("import_dutyeditor", "可以批量导入版面人员"),
            ("export_dutyeditor", "可以导出版面人员"),
        ]
        # Not 编辑: that is the name of the desk's group of editors (logins), which is another thing.
        verbose_name = "版面人员"
        verbose_name_plural = "版面人员"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name, self.publication.name)

    natural_key.dependencies = ["articles.publication"]


class DutyAssignmentManager(models.Manager):
    def get_by_natural_key(self, publication_name, date, number, editor_name, role):
        """`number` 0 is an assignment for the whole edition."""
        scope = (
            {"page": Page.objects.get_by_natural_key(publication_name, date, number)}
            if number
            else {"edition": Edition.objects.get_by_natural_key(publication_name, date)}
        )
        return self.get(duty_editor__name=editor_name, role=role, **scope)


class DutyAssignment(models.Model):
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="duty_assignments",
        verbose_name="版面",
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="duty_assignments",
        verbose_name="期",
    )
    duty_editor = models.ForeignKey(
        DutyEditor, on_delete=models.PROTECT, related_name="assignments", verbose_name="版面人员"
    )
    role = models.CharField(
        "职务", max_length=20, help_text="照报上印的写,如 值班主任、责编、版式、校对、美编。"
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)

    objects = DutyAssignmentManager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(page__isnull=False, edition__isnull=True)
                    | Q(page__isnull=True, edition__isnull=False)
                ),
                name="dutyassignment_page_xor_edition",
                violation_error_message="请只选版面或期中的一项。",
            ),
            models.UniqueConstraint(
                fields=["page", "duty_editor", "role"],
                name="dutyassignment_unique_page_editor_role",
            ),
            models.UniqueConstraint(
                fields=["edition", "duty_editor", "role"],
                name="dutyassignment_unique_edition_editor_role",
            ),
        ]
        verbose_name = "值班安排"
        verbose_name_plural = "值班安排"

    def __str__(self):
        return f"{self.role} {self.duty_editor.name}"

    def natural_key(self):
        scope = self.page.natural_key() if self.page_id else self.edition.natural_key() + (0,)
        return scope + (self.duty_editor.name, self.role)

    natural_key.dependencies = ["articles.page", "articles.dutyeditor"]


class PhotoManager(models.Manager):
    def seen_by_readers(self):
        """Photos a reader may fetch: those of published stories, and stand-alone ones on published pages."""
        return self.filter(
            Q(article__in=Article.objects.published())
            | Q(article__isnull=True, page__in=Page.objects.published())
        )

    def get_by_natural_key(self, *key):
        """(story id, position) for a story's photo; (paper, date, page number, 0, position) for a
        stand-alone news photo on the page, and, before stories had ids, the story's position for the 0."""
        if len(key) == 2:
            return self.get(article__uid=key[0], position=key[1])
        publication_name, date, number, article_position, position = key
        page = Page.objects.get_by_natural_key(publication_name, date, number)
        if article_position:
            return self.get(article__page=page, article__position=article_position, position=position)
        return self.get(page=page, article__isnull=True, position=position)


class Photo(models.Model):
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="所属稿件",
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="所在版面",
        help_text="不配文字稿的图片新闻只填版面。",
    )
    caption = models.TextField("图片说明")
    credit = models.ForeignKey(
        Reporter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="摄影",
    )
    credit_text = models.CharField(
        "署名原文", max_length=100, blank=True, help_text="作者库里没有此人时,照报上印的署名填写。"
    )
    image = PhotoImageField(
        "图片",
        upload_to="photos/%Y/%m/",
        blank=True,
        validators=[validate_image_extension, validate_image_size],
        help_text="JPG、PNG、GIF 或 WebP,不大于 10 MB。",
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)

    objects = PhotoManager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False) | Q(page__isnull=False),
                name="photo_article_or_page",
                violation_error_message="图片必须属于某篇稿件或某个版面。",
            ),
            models.UniqueConstraint(
                fields=["article", "position"],
                condition=Q(article__isnull=False),
                name="photo_unique_article_position",
            ),
            models.UniqueConstraint(
                fields=["page", "position"],
                condition=Q(article__isnull=True),
                name="photo_unique_page_position",
            ),
        ]
        verbose_name = "图片"
        verbose_name_plural = "图片"

    def __str__(self):
        return self.caption[:30]

    @property
    def credit_name(self):
        return self.credit.name if self.credit else self.credit_text

    def natural_key(self):
        if self.article_id:
            return self.article.natural_key() + (self.position,)
        return self.page.natural_key() + (0, self.position)

    natural_key.dependencies = ["articles.page", "articles.article"]


class SearchDocument(models.Model):
    """One article's entry in the full-text search index, written and queried by ``articles.search``.

    The migration builds the table to suit the database rather than from these fields: an FTS5
    table keyed by its ``rowid`` on SQLite, a GIN-indexed ``tsvector`` column on PostgreSQL.
    Django knows the model so that deleting an article (or its page or edition) deletes its
    entry. There is no database-level foreign key, so emptying the article tables (a test
    flush) never trips over the index.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="search_document",
        verbose_name="稿件",
    )

    class Meta:
        managed = False
        db_table = "articles_searchdocument"
        verbose_name = "搜索索引"
        verbose_name_plural = "搜索索引"

    def __str__(self):
        return f"搜索索引 #{self.article_id}"


class PageFacsimile(models.Model):
    """The printed page (版面图): the page's PDF or image as uploaded, and the images rendered from it.

    The image files carry a hash of their content in their names, so the site serves them with
    long cache headers; a new upload writes new names. Written by ``articles.facsimile_services``.
    """

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        IMAGE = "image", "图片"

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="facsimile", verbose_name="版面")
    kind = models.CharField("文件类型", max_length=10, choices=Kind.choices)
    source = models.FileField("版面文件", max_length=255, help_text="排版系统导出的本版 PDF,或版面的 JPG/PNG 图片。")
    image_large = models.FileField("大图", max_length=255)
    image_small = models.FileField("小图", max_length=255)
    width = models.FloatField("版面宽", help_text="PDF 以磅(1/72 英寸)计,图片以像素计。")
    height = models.FloatField("版面高")
    text_lines = models.JSONField("文字位置", default=list, blank=True, help_text="PDF 文字层里每行文字的位置,用来找热区。")
    notes = models.TextField("说明", blank=True)
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "版面图"
        verbose_name_plural = "版面图"

    def __str__(self):
        return f"{self.page} 版面图"

    @property
    def aspect(self):
        return self.height / self.width


class StoryZone(models.Model):
    """Where a story sits on the printed page (热区), in fractions of the page, origin top left."""

    class Source(models.TextChoices):
        MATCHED = "matched", "按文字找出"
        DRAWN = "drawn", "编辑划定"

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="zones", verbose_name="版面")
    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="zone", verbose_name="稿件")
    x = models.FloatField("左", help_text="离版面左边的距离,占版宽的比例(0 到 1)。")
    y = models.FloatField("上", help_text="离版面上边的距离,占版高的比例(0 到 1)。")
    w = models.FloatField("宽", help_text="占版宽的比例。")
    h = models.FloatField("高", help_text="占版高的比例。")
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.DRAWN)

    class Meta:
        ordering = ["page_id", "article__position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(x__gte=0, y__gte=0, w__gt=0, h__gt=0, x__lte=1, y__lte=1, w__lte=1, h__lte=1),
                name="storyzone_inside_page",
                violation_error_message="热区的位置和大小都要在 0 到 1 之间(占版面的比例),宽和高不能为 0。",
            ),
        ]
        verbose_name = "热区"
        verbose_name_plural = "热区"

    def __str__(self):
        return f"{self.article} 热区"

    def clean(self):
        errors = {}
        if self.x is not None and self.w is not None and self.x + self.w > 1.0001:
            errors["w"] = "热区超出了版面右边:左 + 宽 不能大于 1。"
        if self.y is not None and self.h is not None and self.y + self.h > 1.0001:
            errors["h"] = "热区超出了版面下边:上 + 高 不能大于 1。"
        if self.article_id and self.page_id and self.article.page_id != self.page_id:
            errors["article"] = "这篇稿件不在本版。"
        if errors:
            raise ValidationError(errors)


class PageCorrection(models.Model):
    """An editor's decision about one piece of a page (docs/PARSE_DECISIONS.md), kept so that every
    later parse of the page (re-parse, the same file imported again) applies it again.

    ``key`` names the piece as the parser does; ``text`` is the piece as the editor saw it, so the
    list of corrections reads without the page beside it. A row is one click: the latest row for a
    piece wins, and undo deletes the latest row of the page.
    """

    class Story(models.TextChoices):
        START = "start", "从这里另起一篇"
        JOIN = "join", "并入上一篇"

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="corrections", verbose_name="版面")
    key = models.CharField("段落标识", max_length=40)
    label = models.CharField("改为", max_length=20, blank=True)
    story = models.CharField("分篇", max_length=10, choices=Story.choices, blank=True)
    text = models.TextField("段落文字", blank=True, help_text="更正时这段的文字,供核对。")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="更正人",
    )
    created_at = models.DateTimeField("更正时间", default=timezone.now)

    class Meta:
        ordering = ["page_id", "pk"]
        indexes = [models.Index(fields=["page", "key"], name="pagecorrection_page_key_idx")]
        verbose_name = "结构更正"
        verbose_name_plural = "结构更正"

    def __str__(self):
        return f"{self.page_id}:{self.key} {self.label or self.story}"
