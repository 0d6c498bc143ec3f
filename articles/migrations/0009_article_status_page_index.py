from django.db import migrations

# The desk's article list filtered by status (a paper's drafts, say) and shown in page order: with
# (status, page, position) the list reads the matching stories already in order and stops at its
# first hundred, and the count reads the index alone, never the articles' text. On 100,000 articles
# the filter took most of a second with the index on status only.
#
# Plain SQL, the same on SQLite and PostgreSQL, outside the models' state (Article's Meta still lists
# the index on status alone), so makemigrations sees nothing to do.
CREATE = "CREATE INDEX article_status_page_idx ON articles_article (status, page_id, position)"
DROP = "DROP INDEX article_status_page_idx"


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0008_photo_image_limits"),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
    ]
