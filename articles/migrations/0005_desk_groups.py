"""The desk's three groups and what each may do.

编辑 edit drafts and credits and may export, but cannot publish, sign off or bulk-import;
值班主任 also sign pages off, publish editions and articles, merge reporters and import;
管理员 may do everything in the desk and manage accounts.

Permissions are made here rather than left to post_migrate, so that the groups are complete on
a fresh database as soon as this migration has run. The lists are frozen: a later change of
rights is a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DESK_MODELS = [
    "publication", "edition", "page", "article", "statuschange",
    "byline", "photo", "reporter", "dutyeditor", "dutyassignment",
]
EXPORTABLE = ["edition", "page", "article", "reporter", "dutyeditor"]

EDITOR = (
    [f"view_{model}" for model in DESK_MODELS]
    + ["add_article", "change_article"]
    + ["add_byline", "change_byline", "delete_byline"]
    + ["add_photo", "change_photo", "delete_photo"]
    + ["add_reporter", "change_reporter"]
    + [f"export_{model}" for model in EXPORTABLE]
)
DUTY_EDITOR = EDITOR + (
    ["add_edition", "change_edition", "publish_edition"]
    + ["add_page", "change_page", "sign_off_page"]
    + ["publish_article", "delete_reporter"]
    + ["add_dutyassignment", "change_dutyassignment", "delete_dutyassignment"]
    + ["add_dutyeditor", "change_dutyeditor"]
    + [f"import_{model}" for model in EXPORTABLE]
)
ADMINISTRATOR_APPS = ["articles", "auth", "admin"]

GROUPS = {"编辑": EDITOR, "值班主任": DUTY_EDITOR}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    desk = Permission.objects.filter(content_type__app_label="articles")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = list(desk.filter(codename__in=codenames))
        missing = set(codenames) - {p.codename for p in permissions}
        assert not missing, f"unknown permissions for {name}: {missing}"
        group.permissions.set(permissions)
    administrators, _ = Group.objects.get_or_create(name="管理员")
    administrators.permissions.set(Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS))


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[*GROUPS, "管理员"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_desk_workflow_and_rights"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
