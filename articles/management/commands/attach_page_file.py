"""Attach a page's printed page (its PDF or image) to a page already in the desk, and find its zones."""
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles import facsimile, facsimile_services
from articles.media import MediaStorageError
from articles.models import Page


class Command(BaseCommand):
    help = "为已有的版面上传版面图(排版系统导出的 PDF,或 JPG/PNG),并按文字找出热区。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="本版的 PDF 或图片")
        parser.add_argument("--paper", required=True, help="报纸的网址代号,如 mmwb")
        parser.add_argument("--date", required=True, help="出版日期,如 2022-07-15")
        parser.add_argument("--number", required=True, type=int, help="版次,如 1")
        parser.add_argument("--dry-run", action="store_true", help="只检查文件,不保存")

    def handle(self, *args, file, paper, date, number, dry_run, **options):
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError:
            raise CommandError(f"日期应写成 2022-07-15 这样,不是“{date}”。") from None
        page = Page.objects.select_related("edition__publication").filter(
            edition__publication__slug=paper, edition__date=day, number=number
        ).first()
        if page is None:
            raise CommandError(f"找不到版面:{paper} {day.isoformat()} 第{number:02d}版。请先导入这一版的文字。")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件:{file}")
        if path.stat().st_size > facsimile.MAX_UPLOAD_BYTES:
            raise CommandError(f"文件太大:{path.stat().st_size / 1024 / 1024:.1f} MB,最多 {facsimile.MAX_UPLOAD_BYTES // 1024 // 1024} MB。")
        try:
            prepared = facsimile.prepare(path.read_bytes(), path.name)
        except facsimile.FacsimileError as error:
            raise CommandError(f"{path.name}:{error}") from None
        for note in prepared.notes:
            self.stderr.write(f"{path.name}:{note}")
        if dry_run:
            self.stdout.write(f"{path.name} 可以用作 {page} 的版面图(未保存)。")
            return
        try:
            facsimile_services.attach(page=page, prepared=prepared)
        except MediaStorageError as error:
            raise CommandError(str(error)) from None
        zones = page.zones.count()
        self.stdout.write(self.style.SUCCESS(f"{page}:已保存版面图,找到 {zones} 个热区(本版 {page.articles.count()} 篇稿件)。"))
