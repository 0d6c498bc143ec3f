"""Rebuild the full-text search index from every article's current text."""

from django.core.management.base import BaseCommand

from articles import search


class Command(BaseCommand):
    help = "重建全文检索索引(所有稿件,含未发布的;读者仍只能搜到已发布的)。"

    def handle(self, *args, **options):
        count = search.reindex()
        self.stdout.write(self.style.SUCCESS(f"已重建搜索索引:{count} 篇稿件"))
