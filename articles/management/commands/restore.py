"""Restore a backup made by `backup` into a freshly migrated, empty database, every id kept."""

from django.core.management.base import BaseCommand, CommandError

from articles.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "从 backup 命令生成的备份文件恢复全部数据(保留每条记录的编号);目标数据库须已 migrate 且为空。"

    def add_arguments(self, parser):
        parser.add_argument("backup", help="备份文件(.tar.gz)")
        parser.add_argument("--force", action="store_true", help="数据库已有数据时仍然恢复:现有数据全部由备份替换")

    def handle(self, *args, backup, force, **options):
        try:
            counts = restore_backup(backup, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(f"恢复失败:{error}") from error
        self.stdout.write(self.style.SUCCESS(f"已恢复 {counts['rows']} 条记录,{counts['media']} 个图片文件"))
