from django.db import migrations


def fold_name_keys(apps, schema_editor):
    """A reporter's name is matched whatever script it is printed in: 陳某某 is 陈某某."""
    from articles.models import name_key

    Reporter = apps.get_model("articles", "Reporter")
    for reporter in Reporter.objects.only("pk", "name", "name_key").iterator():
        key = name_key(reporter.name)
        if key != reporter.name_key:
            Reporter.objects.filter(pk=reporter.pk).update(name_key=key)


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_structfix_article_text_position")]

    operations = [migrations.RunPython(fold_name_keys, migrations.RunPython.noop)]
