from governance.bodies.models import Body
from governance.notifications.models import Notification
from tests.matrix import CONFIRMED, STATE_REFUSES, Row, everyone, only

ALL = everyone(200)

def _dalarna_delegation():
    from governance.people.models import Delegation

    return {"pk": Delegation.objects.filter(content_object__code="W").order_by("pk").first().pk}


def _first_notification():
    # Somebody's who is not a demo account (the demo gives every account notifications of its own).
    from tests.conftest import DEMO_ROLES

    n = Notification.objects.exclude(recipient__username__in=DEMO_ROLES).order_by("pk").first()
    return {"pk": n.pk if n else 999999}

def _someone_else() -> int:
    """A person who is none of the matrix's roles."""
    from governance.people.models import User
    from tests.matrix import ROLES

    return User.objects.exclude(username__in=ROLES).order_by("pk").first().pk


def _decision():
    from governance.records.models import Decision

    return Decision.objects.order_by("pk").first()


def _document(title: str) -> dict:
    from governance.documents.models import Document

    return {"pk": Document.objects.get(title=title).pk}


def _document_file(title: str) -> dict:
    """The document's first version, its file written again into the test's MEDIA_ROOT."""
    from django.core.files.base import ContentFile

    from governance.documents.models import DocumentVersion

    version = DocumentVersion.objects.get(document__title=title, number=1)
    version.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": version.document_id, "number": 1}


STRATEGY = "Kommunikationsstrategi för länsstyrelserna"  # all staff read it
PRESENTATION = "Presentation: klarspråk i myndighetstexter"  # the information managers' network reads it


def _steering_group_year() -> int:
    from governance.authority import today

    return today().year


def _steering_group_now() -> int:
    from governance.authority import today

    return Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=today().year).pk


MATRIX = {
    "healthz": Row(expect={"*": 200, "anonymous": 200}),
    "healthz_live": Row(expect={"*": 200, "anonymous": 200}),
    "healthz_ready": Row(expect={"*": 200, "anonymous": 200}),
    "login": Row(expect={"*": 302, "anonymous": 200}),
    "logout": Row(method="post", expect={"*": 302, "anonymous": 302}, outcome={"*": "login"}),
    "password_change": Row(expect=ALL),
    "password_change_done": Row(expect=ALL),
    "password_reset": Row(expect={"*": 200, "anonymous": 200}),
    "password_reset_done": Row(expect={"*": 200, "anonymous": 200}),
    "password_reset_confirm": Row(kwargs={"uidb64": "MQ", "token": "bad-token"}, expect={"*": 200, "anonymous": 200}),
    "password_reset_complete": Row(expect={"*": 200, "anonymous": 200}),
    # The agency account (OpenID Connect): not configured in the tests that use the matrix, so the
    # pages send everyone to the log-in page; tests/security/test_oidc.py signs in at a real provider.
    "oidc_authentication_init": Row(expect={"*": 302, "anonymous": 302}, outcome={"*": "login"}),
    "oidc_authentication_callback": Row(expect={"*": 302, "anonymous": 302}, outcome={"*": "login"}),
    "oidc_logout": Row(method="post", expect={"*": 302, "anonymous": 302}, outcome={"*": "login"}),
    # The second factor: for local staff accounts (admin, who has no app yet: set it up); anybody
    # else is sent on to Min sida (tests/security/test_second_factor.py).
    "second_factor": Row(expect={"*": 302}),
    "second_factor_setup": Row(expect={"*": 302, "admin": 200}),
    "second_factor_codes": Row(method="post", expect={"*": 302, "anonymous": 302}),
    "governance:home": Row(expect=ALL),
    "governance:search": Row(expect=ALL, query="?q=styrgrupp"),  # every hit one the reader may open
    "governance:body_list": Row(expect=ALL),
    "governance:body_detail": Row(kwargs=lambda: {"pk": Body.objects.filter(kind=Body.Kind.STEERING_GROUP).first().pk}, expect=ALL),
    # The chair of the body (the 2026 steering group: chair) sets its meeting reminders.
    "governance:body_reminders_edit": Row(kwargs=lambda: {"pk": _steering_group_now()}, expect=only("chair")),
    # The members on a day, as the body's page shows them to everyone signed in.
    "governance:body_members_export": Row(kwargs=lambda: {"pk": _steering_group_now(), "fmt": "csv"}, expect=ALL),
    # The register extract (GDPR article 15): one's own for everyone, someone else's for admins.
    "governance:register_extract": Row(expect=ALL),
    "governance:register_extract_for": Row(kwargs=lambda: {"pk": _someone_else()}, expect=only()),
    # The decision register: public records, for everyone signed in.
    "governance:decision_register_current": Row(expect=everyone(302)),
    "governance:decision_register": Row(kwargs=lambda: {"year": _decision().year}, expect=ALL),
    "governance:decision_register_export": Row(kwargs=lambda: {"year": _decision().year, "fmt": "csv"}, expect=ALL),
    "governance:decision_detail": Row(kwargs=lambda: {"pk": _decision().pk}, expect=ALL),
    "governance:decision_archive": Row(kwargs=lambda: {"pk": _decision().pk}, expect=ALL),
    # Retention and culling: the archivist's (and the administrators' to read); only the archivist approves.
    "governance:culling_index": Row(expect=only("archivist")),
    "governance:culling_draft": Row(method="post", expect={"*": 403, "archivist": 302}),
    "governance:culling_list": Row(kwargs=lambda: {"year": _steering_group_year()}, expect=only("archivist")),
    # The bodies' document archive: read by whom each document names, kept by the body's officers.
    "governance:document_list": Row(expect=ALL),
    "governance:document_add": Row(expect=only("chair", "weblead", "g7")),  # officers of a body
    "governance:document_detail": Row(kwargs=lambda: _document(STRATEGY), expect=ALL),
    "governance:document_edit": Row(kwargs=lambda: _document(STRATEGY), expect=only("chair")),
    "governance:document_version_add": Row(kwargs=lambda: _document(STRATEGY), expect=only("chair")),
    "governance:document_download": Row(kwargs=lambda: _document_file(PRESENTATION),
                                        expect=only("chair", "steering", "infochef")),
    "governance:notification_list": Row(expect=ALL),
    # Somebody else's notification (or none): 404 for everyone, never a peek.
    "governance:notification_open": Row(method="post", kwargs=_first_notification, expect={"*": 404}),
    "governance:notifications_mark_all_read": Row(method="post", expect=everyone(302)),
    "governance:notification_preferences": Row(expect=ALL),
    "governance:delegation_list": Row(expect=ALL),
    # Only the organisation's information manager (or admin) ends a deputy's mandate.
    "governance:delegation_revoke": Row(method="post", kwargs=_dalarna_delegation,
                                        expect=only("infochef", status=302)),
}


# --- Meetings, minutes, attachments, calendar (demo: the 2026 steering group's meetings) ---------
def _demo_meeting(title_start: str):
    from governance.meetings.models import Meeting

    return Meeting.objects.filter(title__startswith=title_start, body__kind=Body.Kind.STEERING_GROUP).get()


def _coming_steering_meeting() -> int:
    from django.utils import timezone

    from governance.meetings.models import Meeting

    return Meeting.objects.filter(body_id=_steering_group_now(), start__gte=timezone.now(),
                                  cancelled_at__isnull=True).order_by("start").first().pk


def _open_topic() -> int:
    """The steering group's topic proposed by steering (so she may withdraw it too)."""
    from governance.meetings.series import AgendaTopic

    return AgendaTopic.objects.get(title="Gemensam mall för pressmeddelanden").pk


def _corrected_meeting():
    """A past steering group meeting whose minutes were published and corrected."""
    return {"pk": _demo_meeting("Styrgruppsmöte: verksamhetsplanens uppföljning").pk}


def _fee_meeting() -> int:
    from governance.meetings.models import Meeting

    return Meeting.objects.get(title__startswith="Styrgruppsmöte: förslag till förvaltningsavgift").pk


def _open_action() -> dict:
    from governance.meetings.models import ActionItem

    return {"pk": ActionItem.objects.filter(status="open").order_by("pk").first().pk}


def _draft_minutes():
    from governance.meetings.models import Minutes

    return {"pk": Minutes.objects.get(status=Minutes.Status.DRAFT,
                                      meeting__title__startswith="Styrgruppsmöte: krisberedskap").pk}


def _first_version():
    from governance.meetings.models import Minutes

    return {"pk": Minutes.objects.get(number=1, meeting__title__startswith="Styrgruppsmöte: verksamhetsplanens").pk}


def _attachment():
    """A PDF on the corrected meeting, stored in the test's MEDIA_ROOT (rolled back after)."""
    from django.core.files.base import ContentFile

    from governance.meetings.models import MeetingAttachment

    meeting = _demo_meeting("Styrgruppsmöte: verksamhetsplanens uppföljning")
    attachment = MeetingAttachment(meeting=meeting, original_name="dagordning.pdf", content_type="application/pdf",
                                   size=9)
    attachment.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": attachment.pk}


def _calendar_token():
    from governance.people.models import User

    User.objects.filter(username="steering").update(calendar_token="matrix-token-0123456789abcdefghij")
    return {"token": "matrix-token-0123456789abcdefghij"}


OFFICERS = ("chair",)  # the 2026 steering group's officers (and admin); g7 chairs G7
SG_MEMBERS = ("chair", "steering")

MATRIX.update({
    "governance:meeting_list": Row(expect=ALL),
    # Officers of any body may plan meetings: chair (steering group), g7 (chairs G7), weblead
    # (chairs the web management group, webadmin's demo), admin.
    "governance:meeting_create": Row(expect=only("chair", "g7", "weblead")),
    "governance:meeting_detail": Row(kwargs=_corrected_meeting, expect=only(*SG_MEMBERS)),
    # Meeting planning (issue 19): the body's officers plan, its members propose topics.
    "governance:meeting_cancel": Row(method="post", kwargs=lambda: {"pk": _coming_steering_meeting()},
                                     data={"reason": "Krock", "confirmed": "1"}, expect=only(*OFFICERS, status=302)),
    "governance:series_create": Row(kwargs=lambda: {"pk": _steering_group_now()}, expect=only(*OFFICERS)),
    "governance:agenda_template_edit": Row(kwargs=lambda: {"pk": _steering_group_now()}, expect=only(*OFFICERS)),
    "governance:agenda_topics": Row(kwargs=lambda: {"pk": _steering_group_now()}, expect=only(*SG_MEMBERS)),
    "governance:topic_schedule": Row(method="post", kwargs=lambda: {"pk": _open_topic()},
                                     data=lambda: {"meeting": _coming_steering_meeting(), "duration_minutes": "1"},
                                     expect=only(*OFFICERS, status=302)),
    "governance:topic_withdraw": Row(method="post", kwargs=lambda: {"pk": _open_topic()},
                                     expect=only(*SG_MEMBERS, status=302)),
    "governance:meeting_edit": Row(kwargs=_corrected_meeting, expect=only(*OFFICERS)),
    "governance:meeting_attendance": Row(kwargs=_corrected_meeting, expect=only(*OFFICERS)),
    "governance:attachment_upload": Row(kwargs=_corrected_meeting, expect=only(*OFFICERS)),
    # Published minutes are for the whole network.
    "governance:meeting_minutes": Row(kwargs=_corrected_meeting, expect=ALL),
    "governance:minutes_edit": Row(kwargs=_corrected_meeting, expect=only(*OFFICERS)),
    "governance:minutes_list": Row(expect=ALL),
    "governance:minutes_version": Row(kwargs=_first_version, expect=ALL),
    "governance:minutes_archive": Row(kwargs=_first_version, expect=ALL),
    # The demo's draft has an adjuster (steering): publishing waits for her approval.
    "governance:minutes_publish": Row(outcome=STATE_REFUSES, method="post", data=CONFIRMED, kwargs=_draft_minutes, expect=only(*OFFICERS, status=302)),
    "governance:minutes_send_for_adjustment": Row(method="post", kwargs=_draft_minutes,
                                                  expect=only(*OFFICERS, status=302)),
    # Not sent yet in the demo: nothing to take back, and nothing to answer on yet (the adjuster's
    # form comes back with the reason).
    "governance:minutes_take_back": Row(outcome=STATE_REFUSES, method="post", kwargs=_draft_minutes,
                                        expect=only(*OFFICERS, status=302)),
    "governance:action_item_add": Row(kwargs=lambda: {"pk": _fee_meeting()}, expect=only(*OFFICERS)),
    # The owner (steering) or the meeting's officers change an action.
    "governance:action_item_status": Row(method="post", data={"status": "done"}, kwargs=_open_action,
                                         expect=only(*OFFICERS, "steering", status=302)),
    # Only the meeting's adjusters answer (admin too is refused: the answer is the adjuster's own).
    "governance:minutes_adjust": Row(method="post", data={"answer": "approve"}, kwargs=_draft_minutes,
                                     expect={"*": 403, "steering": 200}),
    "governance:minutes_discard": Row(method="post", data=CONFIRMED, kwargs=_draft_minutes, expect=only(*OFFICERS, status=302)),
    "governance:attachment_download": Row(kwargs=_attachment, expect=only(*SG_MEMBERS)),
    "governance:attachment_delete": Row(method="post", data=CONFIRMED, kwargs=_attachment, expect=only(*OFFICERS, status=302)),
    "governance:calendar_settings": Row(expect=ALL),
    "governance:calendar_regenerate": Row(method="post", data=CONFIRMED, expect=everyone(302)),
    "governance:calendar_revoke": Row(method="post", data=CONFIRMED, expect=everyone(302)),
    # The secret address is the credential: it opens without a log-in, for anyone who has it.
    "governance:calendar_feed": Row(kwargs=_calendar_token, expect={"*": 200, "anonymous": 200}),
})


# --- The communicators' network, proposals, the conference, the election ---------------------------
# Demo: infochef is Dalarna's (W) information manager; communicator writes the proposals; chair
# chairs the 2026 steering group and so runs the 2027 election; the 2027 nominating committee's
# members (K, S, Z) are not demo roles; chair, steering and infochef cast their organisations' ballots.
from tests import matrix as _m  # noqa: E402


def _next_year():
    from governance.authority import today

    return {"year": today().year + 1}


def _this_year():
    from governance.authority import today

    return {"year": today().year}


def _pending_w():
    from governance.networks.models import JoinRequest

    return {"pk": JoinRequest.objects.filter(organisation__code="W", status="pending").order_by("pk").first().pk}


def _proposal(status: str):
    def kwargs():
        from governance.networks.models import Proposal

        return {"pk": Proposal.objects.filter(author__username="communicator", status=status).order_by("pk")
                .first().pk}

    return kwargs


def _conference():
    from governance.authority import today
    from governance.networks.models import Conference

    return Conference.objects.get(year=today().year + 1)


def _registration():
    from governance.networks.models import ConferenceRegistration

    return {"pk": ConferenceRegistration.objects.get(conference=_conference(),
                                                     participant__username="communicator").pk}


def _register_data():
    from governance.people.models import User

    return {"participant": User.objects.get(username="infochef").pk}


_IM = ("chair", "steering", "infochef")

MATRIX.update({
    "governance:network": Row(expect=ALL),
    # Members (and those who asked already) get a message and go back; the others' request is sent.
    "governance:network_join": Row(method="post", expect=everyone(302), outcome={
        "*": "error", "admin": "success", "director": "success", "former": "success", "g7": "success",
        "archivist": "success"}),
    "governance:network_export": Row(expect=_m.only(*_IM)),
    "governance:network_organisation": Row(kwargs={"code": "W"}, expect=_m.only("infochef")),
    "governance:join_request_approve": Row(method="post", kwargs=_pending_w, expect=_m.only("infochef", status=302)),
    "governance:join_request_decline": Row(method="post", kwargs=_pending_w, data={"reason": "Inte kommunikatör"},
                                           expect=_m.only("infochef", status=302)),
    "governance:proposal_list": Row(expect=ALL),
    "governance:proposal_create": Row(expect=ALL),
    "governance:proposal_forwarded": Row(expect=_m.only("chair", "steering")),
    "governance:proposal_detail": Row(kwargs=_proposal("submitted"), expect=_m.only("communicator", "infochef")),
    # Only the author edits and submits a draft, admin included.
    "governance:proposal_edit": Row(kwargs=_proposal("draft"), expect={"*": 403, "admin": 200, "communicator": 200}),
    "governance:proposal_submit": Row(method="post", kwargs=_proposal("draft"),
                                      expect={"*": 403, "admin": 302, "communicator": 302}),
    "governance:proposal_forward": Row(method="post", kwargs=_proposal("submitted"),
                                       expect=_m.only("infochef", status=302)),
    "governance:proposal_return": Row(method="post", kwargs=_proposal("submitted"), data={"reason": "Utveckla"},
                                      expect=_m.only("infochef", status=302)),
    "governance:conference_list": Row(expect=ALL),
    "governance:conference_detail": Row(kwargs=lambda: {"pk": _conference().pk}, expect=ALL),
    # The participants of the organisations whose registrations one sees (information managers and
    # Dalarna's deputy; admin: all).
    "governance:conference_participants_export": Row(kwargs=lambda: {"pk": _conference().pk, "fmt": "xlsx"},
                                                     expect=_m.only(*_IM, "deputy")),
    "governance:conference_registrations": Row(kwargs=lambda: {"pk": _conference().pk, "code": "W"},
                                               expect=_m.only("infochef", "deputy")),
    # Dalarna's deputy registers for the conference on the information manager's mandate.
    "governance:conference_register": Row(method="post", kwargs=lambda: {"pk": _conference().pk, "code": "W"},
                                          data=_register_data, expect=_m.only("infochef", "deputy", status=302)),
    "governance:conference_unregister": Row(method="post", kwargs=_registration,
                                            expect=_m.only("infochef", "deputy", status=302)),
    "governance:election_list": Row(expect=ALL),
    # The demo's election for next year exists already: a message and back to the list.
    "governance:election_create": Row(outcome=STATE_REFUSES, method="post", expect=_m.only("chair", status=302)),
    "governance:election_detail": Row(kwargs=_next_year, expect=ALL),
    "governance:election_nomination": Row(kwargs=_next_year, expect=_m.only()),
    # One ballot per organisation, cast by its information manager or their deputy: admin represents none.
    "governance:election_ballot": Row(kwargs=_next_year, expect={"*": 403, **{r: 200 for r in (*_IM, "deputy")}}),
    "governance:election_ballot_open": Row(outcome=STATE_REFUSES, method="post", kwargs=_next_year, expect=_m.only("chair", status=302)),
    "governance:election_ballot_close": Row(method="post", data=CONFIRMED, kwargs=_next_year, expect=_m.only("chair", status=302)),
    "governance:election_decide": Row(kwargs=_next_year, expect=_m.only("chair")),
    "governance:election_decision": Row(kwargs=_this_year, expect=ALL),
})


# --- G7 reports (governance/reports/views.py): G7, the steering group and admins read; the
# steering group (chair, steering) and admins produce. The demo archives last quarter's report.
def _g7_report():
    from governance.reports.models import G7Report

    report = G7Report.objects.order_by("pk").first()
    return {"pk": report.pk if report else 999999}


_G7_READERS = {"*": 403, "admin": 200, "chair": 200, "steering": 200, "g7": 200}
MATRIX.update({
    "governance:g7_report_list": Row(expect=_G7_READERS),
    "governance:g7_report_detail": Row(kwargs=_g7_report, expect=_G7_READERS),
    "governance:g7_report_pdf": Row(kwargs=_g7_report, expect=_G7_READERS),
    "governance:g7_report_archive": Row(kwargs=_g7_report, expect=_G7_READERS),
    "governance:g7_report_create": Row(expect={"*": 403, "admin": 200, "chair": 200, "steering": 200}),
})


# --- News (governance/news): the steering group publishes to the network, a body's officers to the
# body, an information manager to their organisation's communicators; readers are today's members.
NETWORK_NEWS = "Verksamhetsplanen för nästa år går ut på remiss"  # the chair's, to the network
DALARNA_NEWS = "Dalarna: nya rutiner för pressmeddelanden"  # infochef's, to Dalarna, with a PDF


def _news(title: str) -> dict:
    from governance.news.models import NewsItem

    return {"pk": NewsItem.objects.get(title=title).pk}


def _news_file(title: str) -> dict:
    """The item's file written again into the test's MEDIA_ROOT."""
    from django.core.files.base import ContentFile

    from governance.news.models import NewsItem

    item = NewsItem.objects.get(title=title)
    item.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": item.pk}


def _news_token():
    from governance.people.models import User

    User.objects.filter(username="communicator").update(calendar_token="matrix-news-0123456789abcdefghij")
    return {"token": "matrix-news-0123456789abcdefghij"}


_NETWORK = ("chair", "steering", "infochef", "communicator", "weblead", "deputy")  # in the network today
_DALARNA = ("infochef", "communicator", "deputy")  # Dalarna's information manager and communicators
MATRIX.update({
    "governance:news_list": Row(expect=ALL),
    "governance:news_add": Row(expect=only("chair", "steering", "infochef", "weblead", "g7")),
    "governance:news_detail": Row(kwargs=lambda: _news(NETWORK_NEWS), expect=only(*_NETWORK)),
    "governance:news_edit": Row(kwargs=lambda: _news(NETWORK_NEWS), expect=only("chair", "steering")),
    "governance:news_withdraw": Row(method="post", data=CONFIRMED, kwargs=lambda: _news(DALARNA_NEWS),
                                    expect=only("infochef", status=302)),
    "governance:news_file": Row(kwargs=lambda: _news_file(DALARNA_NEWS), expect=only(*_DALARNA)),
    "governance:news_feed": Row(kwargs=_news_token, expect={"*": 200, "anonymous": 200}),
})
