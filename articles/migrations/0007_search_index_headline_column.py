from django.db import migrations

# PostgreSQL only: the headline gets a tsvector and a GIN index of its own beside the body's,
# instead of being weight A inside one document. Asking whether a query matches the headline
# with a weighted tsquery made PostgreSQL recheck, and detoast, every candidate's whole
# document. The entries are split in place (ts_filter keeps the lexemes of one weight), so
# nothing needs reindexing. SQLite's FTS5 table already has the two columns.
FORWARD = [
    "ALTER TABLE articles_searchdocument ADD COLUMN headline tsvector, ADD COLUMN body tsvector",
    "UPDATE articles_searchdocument SET headline = ts_filter(document, '{a}'), body = ts_filter(document, '{d}')",
    "ALTER TABLE articles_searchdocument DROP COLUMN document, "
    "ALTER COLUMN headline SET NOT NULL, ALTER COLUMN body SET NOT NULL",
    "CREATE INDEX articles_searchdocument_headline ON articles_searchdocument USING gin (headline)",
    "CREATE INDEX articles_searchdocument_body ON articles_searchdocument USING gin (body)",
]
BACKWARD = [
    "ALTER TABLE articles_searchdocument ADD COLUMN document tsvector",
    "UPDATE articles_searchdocument SET document = setweight(headline, 'A') || body",
    "ALTER TABLE articles_searchdocument DROP COLUMN headline, DROP COLUMN body, "
    "ALTER COLUMN document SET NOT NULL",
    "CREATE INDEX articles_searchdocument_document ON articles_searchdocument USING gin (document)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0006_search_index"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
