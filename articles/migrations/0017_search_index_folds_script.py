import unicodedata

from django.db import migrations

BATCH = 500


def refold(apps, schema_editor):
    """Stories with traditional characters are indexed again, now in their simplified form (圖書館 as
    图书馆); the entries of every other story are unchanged."""
    from articles import search
    from articles.models import Article

    def changes(text):
        before = unicodedata.normalize("NFKC", text).lower()
        return search.normalise(text) != before

    fields = ("pk", *search.INDEXED_FIELDS)
    stale = [
        pk for pk, *texts in Article.objects.values_list(*fields).order_by("pk").iterator()
        if any(changes(text or "") for text in texts)
    ]
    for start in range(0, len(stale), BATCH):
        search.reindex(Article.objects.filter(pk__in=stale[start:start + BATCH]))


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_reporter_name_key_folds_script")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
