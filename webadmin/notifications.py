"""Notification kinds of the web management."""
from django.utils.translation import gettext_lazy as _

from governance.notifications.kinds import register_kind

FEATURE_REQUEST = register_kind("webadmin_feature_request", _("Feature requests"))
STATUS_REPORT = register_kind("webadmin_status_report", _("Status reports from working groups"))
WEB_MEETINGS = register_kind("webadmin_meetings", _("Web management meetings"))
ACCESSIBILITY_FEEDBACK = register_kind("webadmin_accessibility_feedback", _("Feedback on the portal's accessibility"))
POLICY_READING = register_kind("webadmin_policy_reading", _("Policies and guidelines to read and confirm"))
