"""The Celery application. Tasks live in each app's tasks.py (governance: in each area's);
schedules in config/schedules.py."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("samordna")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# governance's areas with tasks (an area is a package inside the app, not an app of its own).
app.autodiscover_tasks(["governance.notifications", "governance.meetings", "governance.networks", "governance.reports",
                        "governance.records"])
