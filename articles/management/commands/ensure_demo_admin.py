"""Create (or reset) the demo superuser that `make run` logs in with."""
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEFAULT_PASSWORD = "newsroom-demo"


class Command(BaseCommand):
    help = "Ensure a demo superuser exists; its password comes from DEMO_ADMIN_PASSWORD."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a superuser with a known password while DEBUG is off."
            )
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or DEFAULT_PASSWORD
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        if options["verbosity"] >= 2:
            self.stdout.write("created" if created else "updated")
        self.stdout.write(self.style.SUCCESS(f"演示管理员: {username} / {password}"))
