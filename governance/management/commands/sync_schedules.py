"""Copy config/schedules.py into django-celery-beat's PeriodicTask table.

Creates the rows that are missing and leaves existing ones alone, so an administrator's change in
the admin (a time, a switch turned off) survives every deploy. `--reset` overwrites the rows with
what config/schedules.py declares. A row whose task no longer exists in the code is removed."""
from __future__ import annotations

import json

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from config.schedules import SCHEDULES, Schedule


def schedule_fields(item: Schedule) -> dict:
    if item.crontab is not None:
        cron = {"minute": "*", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"}
        cron.update(item.crontab)
        crontab, _ = CrontabSchedule.objects.get_or_create(timezone=settings.TIME_ZONE, **cron)
        return {"crontab": crontab, "interval": None}
    if item.every_seconds:
        interval, _ = IntervalSchedule.objects.get_or_create(every=item.every_seconds, period=IntervalSchedule.SECONDS)
        return {"interval": interval, "crontab": None}
    raise ValueError(f"Schedule {item.name!r} has neither crontab nor every_seconds")


def declared_fields(item: Schedule) -> dict:
    return {
        "task": item.task,
        "description": item.description,
        "kwargs": json.dumps(item.kwargs),
        "expire_seconds": item.expire_seconds,
        **schedule_fields(item),
    }


class Command(BaseCommand):
    help = "Create the periodic tasks of config/schedules.py that are missing (--reset: overwrite all)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Overwrite existing rows with the declared schedule and enable them."
        )

    @transaction.atomic
    def handle(self, *args, reset: bool = False, **options):
        current_app.loader.import_default_modules()
        registered = set(current_app.tasks)
        created = updated = kept = 0
        for item in SCHEDULES:
            if item.task not in registered:
                self.stderr.write(self.style.WARNING(f"Task {item.task} is not registered (schedule {item.name!r})"))
            row = PeriodicTask.objects.filter(name=item.name).first()
            if row is None:
                PeriodicTask.objects.create(name=item.name, enabled=True, **declared_fields(item))
                created += 1
            elif reset:
                for key, value in declared_fields(item).items():
                    setattr(row, key, value)
                row.solar = row.clocked = None
                row.enabled = True
                row.save()
                updated += 1
            else:
                kept += 1
        unknown = PeriodicTask.objects.exclude(name__in=[s.name for s in SCHEDULES]).exclude(
            name__startswith="celery."
        )
        for row in unknown:
            if row.task not in registered:  # e.g. the old nightly permission sync: its task is gone
                self.stdout.write(f"Removed: {row.name} (its task {row.task} no longer exists)")
                row.delete()
            else:
                self.stdout.write(f"Not in config/schedules.py (left as it is): {row.name}")
        self.stdout.write(self.style.SUCCESS(f"Schedules: {created} created, {updated} reset, {kept} kept as they are."))
