"""Import page text files into editions, pages, articles, bylines and duty editors."""

import datetime
import glob
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importing import NO_STORY, ImportReport, Outcome, PageImporter, PageTarget
from articles.manifest import ManifestError, read_manifest
from articles.pagefiles import PageFileError, read_page_file

PROGRESS_EVERY = 2.0  # seconds between progress lines on long runs


class Command(BaseCommand):
    help = "导入版面文字文件:每个文件一个版面。未给出的报纸和日期从文字推断,并标记待编辑确认。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="版面文件、目录或通配符(如 pages/*.txt)")
        parser.add_argument("--publication", help="报纸名称,如 茂名晚报")
        parser.add_argument("--date", type=_iso_date, help="出版日期 YYYY-MM-DD")
        parser.add_argument("--page", type=int, help="版次(只用于单个文件)")
        parser.add_argument("--page-name", default="", help="版名,如 要闻")
        parser.add_argument("--manifest", help="清单文件(TOML、JSON 或 CSV),写明每个文件的报纸、日期、版次和版名")
        parser.add_argument("--dry-run", action="store_true", help="只解析和检查,不写入数据库")
        parser.add_argument("--force", action="store_true", help="覆盖编辑改过的稿件")

    def handle(self, *args, **options):
        jobs = self._jobs(options)
        if not jobs:
            raise CommandError("没有要导入的文件")
        importer = PageImporter(dry_run=options["dry_run"], force=options["force"])
        counts = {outcome: 0 for outcome in Outcome}
        started = last_progress = time.monotonic()
        for done, (path, target) in enumerate(jobs, 1):
            report = self._import_one(importer, path, target)
            counts[report.outcome] += 1
            self._write_report(report, options)
            now = time.monotonic()
            if len(jobs) > 1 and options["verbosity"] >= 1 and now - last_progress >= PROGRESS_EVERY:
                last_progress = now
                self._write_progress(done, len(jobs), now - started)
        self._write_summary(counts, time.monotonic() - started, options["dry_run"])
        if counts[Outcome.FAILED]:
            raise CommandError(f"{counts[Outcome.FAILED]} 个文件导入失败")

    def _jobs(self, options) -> list[tuple[Path, PageTarget]]:
        paths = _expand(options["files"])
        if options["page"] and len(paths) > 1:
            raise CommandError("--page 只能用于单个文件;多个文件请用清单(--manifest)")
        target = PageTarget(
            publication=options["publication"],
            date=options["date"],
            number=options["page"],
            name=options["page_name"],
        )
        jobs = [(path, target) for path in paths]
        if options["manifest"]:
            try:
                listed = read_manifest(options["manifest"])
            except (ManifestError, PageFileError) as error:
                raise CommandError(str(error)) from error
            jobs += [(path, _merge(listed_target, target)) for path, listed_target in listed]
        return jobs

    def _import_one(self, importer: PageImporter, path: Path, target: PageTarget) -> ImportReport:
        try:
            page_file = read_page_file(path)
        except PageFileError as error:
            return ImportReport(path.name, Outcome.FAILED, error=str(error).removeprefix(f"{path.name}: "))
        return importer.import_file(page_file, target)

    def _write_report(self, report: ImportReport, options) -> None:
        if report.outcome == Outcome.FAILED:
            self.stderr.write(self.style.ERROR(f"{report.name}: failed 失败: {report.error}"))
            return
        if options["verbosity"] < 1:
            return
        page = report.page
        where = f"{page.edition.publication.name} {page.edition.date.isoformat()} {page.label}"
        line = f"{report.name}: {report.outcome.value} {report.outcome.label} — {where}, {report.articles} 篇稿件"
        if report.inferred:
            line += f";推断:{'、'.join(report.inferred)}(待编辑确认)"
        style = self.style.SUCCESS if report.outcome == Outcome.CREATED else self.style.NOTICE
        self.stdout.write(style(line) if report.outcome != Outcome.UNCHANGED else line)
        for title in report.kept:
            self.stdout.write(f"    保留编辑改过的稿件:{title}(用 --force 覆盖)")
        if report.withdrawn_sign_off:
            self.stdout.write(f"    内容变了,原来的签版({report.withdrawn_sign_off})已撤销,须重新签版")
        if NO_STORY in report.warnings and options["verbosity"] < 2:
            self.stdout.write(self.style.WARNING(f"    提示:{NO_STORY}"))
        if options["verbosity"] >= 2:
            for warning in report.warnings:
                self.stdout.write(f"    提示:{warning}")

    def _write_progress(self, done: int, total: int, elapsed: float) -> None:
        rate = done / elapsed if elapsed else 0.0
        left = (total - done) / rate if rate else 0.0
        self.stderr.write(f"进度 {done}/{total} 个文件,{rate:.1f} 个/秒,预计还需 {left:.0f} 秒")

    def _write_summary(self, counts, elapsed: float, dry_run: bool) -> None:
        total = sum(counts.values())
        parts = "、".join(f"{outcome.label} {counts[outcome]}" for outcome in Outcome)
        prefix = "试运行(未写入数据库):" if dry_run else ""
        self.stdout.write(f"{prefix}共 {total} 个文件:{parts};用时 {elapsed:.1f} 秒")


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"日期 {value!r} 不是 YYYY-MM-DD 格式") from error


def _expand(arguments: list[str]) -> list[Path]:
    """Files, directories (their .txt files) and globs, in a stable order."""
    paths: list[Path] = []
    for argument in arguments:
        matches = sorted(glob.glob(argument)) if glob.has_magic(argument) else [argument]
        if not matches:
            raise CommandError(f"{argument}: 没有匹配的文件")
        for match in map(Path, matches):
            if match.is_dir():
                paths += sorted(p for p in match.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
            else:
                paths.append(match)
    return paths


def _merge(listed: PageTarget, given: PageTarget) -> PageTarget:
    """A manifest entry's own values, with the command line's filling the gaps."""
    return PageTarget(
        publication=listed.publication or given.publication,
        date=listed.date or given.date,
        number=listed.number,
        name=listed.name or given.name,
    )
