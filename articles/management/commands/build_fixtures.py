"""Build the sample-data fixture from the sample page files, through the importer.

The fixture is what `make run` loads: the sample editions, published. It is generated, never edited
by hand; a test checks it matches what this command makes of the pages today.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q

from articles.identity import derived_uid
from articles.importing import Outcome, PageImporter
from articles.manifest import ManifestError, read_manifest
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
from articles.pagefiles import PageFileError, read_page_file

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
PRESS_TIME = datetime.time(6, 0)  # the sample editions go out at six in the morning


class Command(BaseCommand):
    help = "从 fixtures/pages 的样例版面生成样例数据 fixtures/sample.json(经导入程序,各期设为已发布)。"

    def add_arguments(self, parser):
        parser.add_argument("--manifest", default=str(FIXTURES / "pages" / "manifest.toml"))
        parser.add_argument("--output", default=str(FIXTURES / "sample.json"))

    def handle(self, *args, manifest, output, **options):
        try:
            jobs = read_manifest(manifest)
        except (ManifestError, PageFileError) as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            pages = self._import(jobs)
            records = self._serialise(pages)
            transaction.set_rollback(True)  # the fixture is the product; the database stays as it was
        Path(output).write_text(
            json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        self.stdout.write(f"已生成 {output}:{len(pages)} 个版面,{len(records)} 条记录")

    def _import(self, jobs) -> list[Page]:
        importer = PageImporter()
        pages = []
        for path, target in jobs:
            try:
                report = importer.import_file(read_page_file(path), target)
            except PageFileError as error:
                raise CommandError(str(error)) from error
            if report.outcome == Outcome.FAILED:
                raise CommandError(f"{report.name}: {report.error}")
            pages.append(report.page)
        return pages

    def _serialise(self, pages: list[Page]) -> list[dict]:
        page_ids = [p.pk for p in pages]
        editions = Edition.objects.filter(pages__in=page_ids).distinct()
        for edition in editions:
            moment = _press_time(edition.date)
            edition.status, edition.published_at = Edition.Status.PUBLISHED, moment
            edition.date_inferred = edition.publication_inferred = False
            edition.save()
            Article.objects.filter(page__edition=edition).update(status=Article.Status.PUBLISHED, published_at=moment)
        articles = Article.objects.filter(page__in=page_ids)
        for article in articles.select_related("page__edition__publication"):
            # a story's id is random; the fixture's are derived from each story's place, so the
            # same pages give the same fixture
            edition = article.page.edition
            article.uid = derived_uid(edition.publication.name, edition.date, article.page.number, article.position)
            article.save(update_fields=["uid"])
        querysets = [
            Publication.objects.filter(editions__in=editions).distinct(),
            Reporter.objects.filter(Q(bylines__article__in=articles) | Q(photos__page__in=page_ids)).distinct(),
            DutyEditor.objects.filter(assignments__page__in=page_ids).distinct(),
            editions,
            Page.objects.filter(pk__in=page_ids),
            DutyAssignment.objects.filter(page__in=page_ids),
            articles,
            Byline.objects.filter(article__in=articles),
            Photo.objects.filter(page__in=page_ids),
        ]
        records = []
        for queryset in querysets:
            # sorted here, not by the database, whose collation orders Chinese differently
            objects = sorted(queryset, key=lambda obj: [str(part) for part in obj.natural_key()])
            rows = serializers.serialize(
                "python", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
            )
            records += [_stable(row) for row in rows]
        return records


def _press_time(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, PRESS_TIME, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def _stable(row: dict) -> dict:
    """The same pages give the same fixture: every row carries one fixed creation time."""
    for name in ("created_at", "updated_at"):
        if name in row["fields"]:
            row["fields"][name] = FIXED_TIME
    return row


FIXED_TIME = datetime.datetime(2022, 11, 22, 6, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
