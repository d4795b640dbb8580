"""Where the operating plan's pages sit, for the breadcrumbs (see governance/breadcrumbs.py)."""
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("/verksamhetsplan/", _("Operating plans"), "annualplan:plan_list"),
    ("/verksamhetsplan/utvecklingsprojekt/", _("Development projects"), "annualplan:project_list"),
    ("/verksamhetsplan/ansokningar/", _("Development projects"), "annualplan:project_list"),
    ("/verksamhetsplan/milstolpar/", _("Development projects"), "annualplan:project_list"),
    ("/verksamhetsplan/handlingsplaner/", _("Action plans and evaluation"), "annualplan:evaluation_current"),
]
