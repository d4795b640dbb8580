"""Load the demo data: every app's seeder (settings.DEMO_SEEDERS), idempotent. Refuses to run
when DEBUG is off, so it never touches a production database."""
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from governance.authority import today
from governance.demo import DEMO_ACCOUNTS, DemoContext


class Command(BaseCommand):
    help = "Create the demo accounts and data (password 'demo'). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="About this many years of history (for benchmarks).")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (test databases).")

    def handle(self, *args, scale, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo refuses to run with DEBUG off: demo accounts have the password 'demo'.")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        ctx = DemoContext(today=today(), scale=scale, rng=random.Random(2026), stdout=self.stdout)
        with transaction.atomic():
            for path in settings.DEMO_SEEDERS:
                import_string(path)(ctx)
            if scale > 1:  # about `scale` years of history, for the benchmark (bench/run.py)
                for path in getattr(settings, "DEMO_SCALE_SEEDERS", []):
                    import_string(path)(ctx)
                    self.stdout.write(f"  scale {scale}: {path} done")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at http://127.0.0.1:8000/ with password 'demo':"))
        for username, description in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<13} {description}")
