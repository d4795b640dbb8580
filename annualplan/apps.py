from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualplanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "annualplan"
    verbose_name = _("Annual operating plan")

    def ready(self):
        from . import notifications  # noqa: F401
