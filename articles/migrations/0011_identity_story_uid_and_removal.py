"""Stories get a fixed id (uid), given to every existing story here, and can be removed from their
page's order (kept, with who, when and why) instead of deleted: a removed story has no position."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import articles.identity


def give_every_story_an_id(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    taken = set()
    batch = []
    for article in Article.objects.only("pk").order_by("pk").iterator(chunk_size=2000):
        uid = articles.identity.new_uid()
        while uid in taken:
            uid = articles.identity.new_uid()
        taken.add(uid)
        article.uid = uid
        batch.append(article)
        if len(batch) == 2000:
            Article.objects.bulk_update(batch, ["uid"])
            batch = []
    Article.objects.bulk_update(batch, ["uid"])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0010_reporter_name_key_and_desk_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="uid",
            field=models.CharField(editable=False, max_length=16, null=True, verbose_name="稿件编号"),
        ),
        migrations.RunPython(give_every_story_an_id, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="article",
            name="uid",
            field=models.CharField(
                default=articles.identity.new_uid,
                editable=False,
                help_text="稿件的固定编号,调整顺序、拆分、重新导入都不变;导出的表格靠它认出每篇稿件。",
                max_length=16,
                unique=True,
                verbose_name="稿件编号",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="position",
            field=models.PositiveSmallIntegerField(
                help_text="在本版的阅读顺序,从 1 开始;已移除的稿件没有顺序。", null=True, verbose_name="版内顺序"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="removed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="移除时间"),
        ),
        migrations.AddField(
            model_name="article",
            name="removed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="移除人",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="removed_reason",
            field=models.TextField(
                blank=True, editable=False, help_text="从版面上移除这篇稿件的原因(如 解析错误多出的稿件)。", verbose_name="移除理由"
            ),
        ),
    ]
