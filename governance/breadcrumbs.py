"""Where governance's pages sit, for the breadcrumbs (governance.templatetags.portal): a path prefix,
the section's name and its page. The longest prefix that matches a page's path names its section."""
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("/organ/", _("Bodies"), "governance:body_list"),
    ("/natverk/", _("Communicators' network"), "governance:network"),
    ("/forslag/", _("Proposals"), "governance:proposal_list"),
    ("/konferens/", _("Conference"), "governance:conference_list"),
    ("/val/", _("Election"), "governance:election_list"),
    ("/moten/", _("Meetings"), "governance:meeting_list"),
    ("/minnesanteckningar/", _("Meetings"), "governance:meeting_list"),
    ("/bilagor/", _("Meetings"), "governance:meeting_list"),
    ("/notiser/", _("Notifications"), "governance:notification_list"),
    ("/rapporter/", _("G7 reports"), "governance:g7_report_list"),
    ("/beslut/", _("Decision register"), "governance:decision_register_current"),
    ("/dokument/", _("Documents"), "governance:document_list"),
    ("/nyheter/", _("News"), "governance:news_list"),
]
