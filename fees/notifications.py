"""Notification kinds of the fees app (registered in FeesConfig.ready())."""
from django.utils.translation import gettext_lazy as _

from governance.notifications.kinds import register_kind

FEE_SHARE = register_kind("fees.share", _("Your organisation's annual fee"))
INVOICE_OVERDUE = register_kind("fees.invoice_overdue", _("Overdue fee invoices"))
