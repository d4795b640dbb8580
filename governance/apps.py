from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The areas of governance, each a package with its models, rules, services, selectors, views, forms,
# urls and admin (CONTRIBUTING.md has the map).
AREAS = ["people", "bodies", "notifications", "documents", "records", "meetings", "elections", "news", "networks", "reports", "home", "search"]


class GovernanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        import_module("governance.signals")
        # Each area's rules register its permissions with django-rules.
        for area in ("people", "bodies", "documents", "records", "meetings", "news", "networks", "elections", "reports"):
            import_module(f"governance.{area}.rules")
