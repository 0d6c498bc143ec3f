"""The printed page (版面图) of a page and its stories' zones (热区).

Duty editors and administrators attach page files and set zones; editors see them."""

import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

MODELS = ["pagefacsimile", "storyzone"]
RIGHTS = {
    "编辑": [f"view_{model}" for model in MODELS],
    "值班主任": [f"{verb}_{model}" for verb in ("view", "add", "change", "delete") for model in MODELS],
    "管理员": [f"{verb}_{model}" for verb in ("view", "add", "change", "delete") for model in MODELS],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in RIGHTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))



class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_reporter_name_key_and_desk_names'),
    ]

    operations = [
        migrations.CreateModel(
            name='PageFacsimile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('pdf', 'PDF'), ('image', '图片')], max_length=10, verbose_name='文件类型')),
                ('source', models.FileField(help_text='排版系统导出的本版 PDF,或版面的 JPG/PNG 图片。', max_length=255, upload_to='', verbose_name='版面文件')),
                ('image_large', models.FileField(max_length=255, upload_to='', verbose_name='大图')),
                ('image_small', models.FileField(max_length=255, upload_to='', verbose_name='小图')),
                ('width', models.FloatField(help_text='PDF 以磅(1/72 英寸)计,图片以像素计。', verbose_name='版面宽')),
                ('height', models.FloatField(verbose_name='版面高')),
                ('text_lines', models.JSONField(blank=True, default=list, help_text='PDF 文字层里每行文字的位置,用来找热区。', verbose_name='文字位置')),
                ('notes', models.TextField(blank=True, verbose_name='说明')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='上传时间')),
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='facsimile', to='articles.page', verbose_name='版面')),
            ],
            options={
                'verbose_name': '版面图',
                'verbose_name_plural': '版面图',
            },
        ),
        migrations.CreateModel(
            name='StoryZone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('x', models.FloatField(help_text='离版面左边的距离,占版宽的比例(0 到 1)。', verbose_name='左')),
                ('y', models.FloatField(help_text='离版面上边的距离,占版高的比例(0 到 1)。', verbose_name='上')),
                ('w', models.FloatField(help_text='占版宽的比例。', verbose_name='宽')),
                ('h', models.FloatField(help_text='占版高的比例。', verbose_name='高')),
                ('source', models.CharField(choices=[('matched', '按文字找出'), ('drawn', '编辑划定')], default='drawn', max_length=10, verbose_name='来源')),
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='zone', to='articles.article', verbose_name='稿件')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='zones', to='articles.page', verbose_name='版面')),
            ],
            options={
                'verbose_name': '热区',
                'verbose_name_plural': '热区',
                'ordering': ['page_id', 'article__position'],
                'constraints': [models.CheckConstraint(condition=models.Q(('h__gt', 0), ('h__lte', 1), ('w__gt', 0), ('w__lte', 1), ('x__gte', 0), ('x__lte', 1), ('y__gte', 0), ('y__lte', 1)), name='storyzone_inside_page', violation_error_message='热区的位置和大小都要在 0 到 1 之间(占版面的比例),宽和高不能为 0。')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
