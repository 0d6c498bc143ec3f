"""Print the structure the parser reads from one page file, as JSON. Touches no database."""

import json

from django.core.management.base import BaseCommand, CommandError

from articles.pagefiles import PageFileError, read_page_file
from articles.parser import parse_page


class Command(BaseCommand):
    help = "解析一个版面文字文件,以 JSON 输出结构(报纸、版面人员、图片、稿件);不读写数据库。"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="版面文字文件(.txt)")

    def handle(self, *args, file, **options):
        try:
            page_file = read_page_file(file)
        except PageFileError as error:
            raise CommandError(str(error)) from error
        page = parse_page(page_file.text)
        self.stdout.write(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
        if options["verbosity"] >= 2:
            for warning in page.warnings:
                self.stderr.write(f"{page_file.name}: {warning}")
