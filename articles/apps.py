from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "稿件与版面"

    def ready(self):
        from . import search, signals

        signals.connect()
        search.connect()
