"""Fill the database with a large, realistic data set built from the sample pages, for measuring."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.dataset import generate_pages
from articles.importing import Outcome, PageImporter


class Command(BaseCommand):
    help = "用样例版面生成大量逼真的数据(默认 10000 个版面,约 10 万篇稿件),经导入程序写入数据库,用于性能测量。"

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, pages, seed, **options):
        importer = PageImporter()
        started = time.monotonic()
        articles = 0
        for done, generated in enumerate(generate_pages(pages, seed=seed), 1):
            report = importer.import_file(generated.page_file, generated.target)
            if report.outcome == Outcome.FAILED:
                raise CommandError(f"{generated.page_file.name}: {report.error}")
            articles += report.articles
            if options["verbosity"] >= 1 and done % 500 == 0:
                rate = done / (time.monotonic() - started)
                self.stderr.write(f"进度 {done}/{pages} 个版面,{rate:.0f} 个/秒")
        self.stdout.write(f"已生成 {pages} 个版面,{articles} 篇稿件,用时 {time.monotonic() - started:.0f} 秒")
