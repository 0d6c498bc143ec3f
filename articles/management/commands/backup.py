"""Write a backup of everything: all rows and the uploaded media, in one .tar.gz."""

from django.core.management.base import BaseCommand, CommandError

from articles.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "备份全部数据(数据库记录和上传的图片)到一个 .tar.gz 文件。"

    def add_arguments(self, parser):
        parser.add_argument("output", help="备份文件路径,如 backups/newsroom-2022-11-22.tar.gz")

    def handle(self, *args, output, **options):
        try:
            counts = write_backup(output)
        except (BackupError, OSError) as error:
            raise CommandError(f"备份失败:{error}") from error
        self.stdout.write(self.style.SUCCESS(f"已备份到 {output}:{counts['rows']} 条记录,{counts['media']} 个图片文件"))
