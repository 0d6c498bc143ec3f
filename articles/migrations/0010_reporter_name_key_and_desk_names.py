"""Reporters are matched by their name without spaces; duty editors may add papers; the staff-box
model is called 版面人员, so that 编辑 names only the desk's group of editors."""

import django.db.models.deletion
from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    Reporter = apps.get_model("articles", "Reporter")
    for reporter in Reporter.objects.only("pk", "name").iterator():
        Reporter.objects.filter(pk=reporter.pk).update(name_key="".join(reporter.name.split()))


STAFF_PERMISSION_NAMES = {"import_dutyeditor": "可以批量导入版面人员", "export_dutyeditor": "可以导出版面人员"}
PAPER_RIGHTS = ["add_publication", "change_publication"]


def duty_editors_add_papers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for codename, name in STAFF_PERMISSION_NAMES.items():
        Permission.objects.filter(content_type__app_label="articles", codename=codename).update(name=name)
    group = Group.objects.filter(name="值班主任").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=PAPER_RIGHTS)
        )


def duty_editors_stop_adding_papers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="值班主任").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=PAPER_RIGHTS)
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_article_status_page_index")]

    operations = [
        migrations.AddField(
            model_name="reporter",
            name="name_key",
            field=models.CharField(
                db_index=True, default="", editable=False, max_length=100, verbose_name="署名(去空格)"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="dutyeditor",
            options={
                "ordering": ["publication_id", "name"],
                "permissions": [("import_dutyeditor", "可以批量导入版面人员"), ("export_dutyeditor", "可以导出版面人员")],
                "verbose_name": "版面人员",
                "verbose_name_plural": "版面人员",
            },
        ),
        migrations.AlterField(
            model_name="dutyassignment",
            name="duty_editor",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assignments",
                to="articles.dutyeditor",
                verbose_name="版面人员",
            ),
        ),
        migrations.RunPython(duty_editors_add_papers, duty_editors_stop_adding_papers),
    ]
