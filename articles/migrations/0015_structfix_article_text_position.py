from django.db import migrations, models


def stories_stand_as_printed(apps, schema_editor):
    """Stories stored before the field were placed by their import unless the desk moved them, which
    cannot be told any more: their place in the text is taken to be their place on the page."""
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(position__isnull=False).update(text_position=models.F("position"))


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0014_structure_page_corrections"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="text_position",
            field=models.PositiveSmallIntegerField(
                blank=True,
                editable=False,
                help_text="最近一次解析时这篇在版面原文里的顺序;编辑插入的稿件没有。版内顺序与它不同,说明编辑调整过顺序:更正结构、重新解析、再次导入都保留编辑排定的顺序。",
                null=True,
                verbose_name="原文顺序",
            ),
        ),
        migrations.RunPython(stories_stand_as_printed, migrations.RunPython.noop),
    ]
