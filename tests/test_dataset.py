"""generate_dataset: many pages, varied like real ones, through the importer."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.dataset import generate_pages
from articles.models import Article, Edition, Publication, Reporter

pytestmark = pytest.mark.django_db


def test_generated_pages_vary_papers_days_and_people():
    pages = list(generate_pages(48, seed=7))

    assert len({p.target.publication for p in pages}) == 6  # 48 pages = 6 editions of 8 pages
    assert len({(p.target.publication, p.target.date, p.target.number) for p in pages}) == 48
    assert len({p.page_file.sha256 for p in pages}) == 48
    first = pages[0]
    assert first.target.publication in first.page_file.text  # the datelines name the paper it is filed under
    assert [p.page_file.text for p in generate_pages(5, seed=7)] == [p.page_file.text for p in pages[:5]]


def test_generate_dataset_stores_editions_with_about_ten_stories_a_page():
    out = StringIO()
    call_command("generate_dataset", pages=16, seed=3, stdout=out, stderr=StringIO())

    assert Edition.objects.count() == 2 and Publication.objects.count() == 2
    per_page = Article.objects.count() / 16
    assert 7 <= per_page <= 14
    assert Reporter.objects.count() > 40  # names are varied, not the sample pages' few reporters
    assert "已生成 16 个版面" in out.getvalue()
