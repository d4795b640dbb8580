"""Where the budget and fee pages sit, for the breadcrumbs (see governance/breadcrumbs.py)."""
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("/avgifter/", _("Budget and fees"), "fees:overview"),
]
