"""Issue 15: the texts the portal stores — notifications, version labels, the G7 report, invoice
references, the web management's decisions — are kept untranslated (governance.texts) and shown in
the reader's language: a page in the language of the request (the language cookie), an e-mail in
the recipient's (people have no preference of their own: the portal's default, Swedish).

Every kind of notification (governance.notifications.kinds.KINDS) is sent once by the real service
that sends it, on the demo data, and shown on /notiser/ in Swedish and in English."""
from __future__ import annotations

import datetime as dt
import html
import random
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from governance.notifications import kinds
from governance.notifications.models import Notification
from governance.people.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo, db):
    """The demo data; each test's own writes roll back."""


def user(username: str) -> User:
    return User.objects.get(username=username)


def page(who: User, path: str, language: str) -> str:
    """The page as `who` reads it in `language` (the language switch's cookie), entities decoded."""
    client = Client()
    client.force_login(who)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return html.unescape(response.content.decode())


def written(text_of, language: str) -> str:
    with translation.override(language):
        return text_of()


# --- One trigger per kind of notification: the real service that sends it -----------------------------
def _general(today):
    from governance.demo import DemoContext
    from governance.reports.demo import seed

    Notification.objects.filter(kind=kinds.GENERAL).delete()  # the demo's welcome, sent again
    seed(DemoContext(today=today, scale=1, rng=random.Random(1)))


def _membership(today):
    from governance.people.services import delegation_grant

    infochef = user("infochef")
    delegation_grant(organisation=infochef.organisation, deputy=user("deputy"), scope="cast_ballot",
                     reason="Föräldraledighet", start=today, end=today + dt.timedelta(days=30), actor=infochef)


def _network_join(today):
    from governance.networks.services import join_request_create
    from tests.governance.factories import UserFactory

    newcomer = UserFactory(username="nykomling", organisation=user("infochef").organisation)
    join_request_create(user=newcomer, actor=newcomer, message="Jag vill gärna vara med.")


def _proposal(today):
    from governance.networks.models import Proposal
    from governance.networks.services import proposal_submit

    draft = Proposal.objects.filter(status=Proposal.Status.DRAFT).select_related("author").first()
    proposal_submit(proposal=draft, actor=draft.author)


def _election_decided(today):
    from governance.elections import services
    from governance.elections.models import Election

    election = Election.objects.get(status=Election.Status.BALLOT)
    services.ballot_close(election=election, actor=user("admin"))
    election.refresh_from_db()
    services.election_decide(election=election, method="adopted", decided_on=today, actor=user("admin"),
                             committee=[user("steering")])


def _election_proposal_changed(today):
    from governance.elections import services
    from governance.elections.models import Ballot, Election

    election = Election.objects.get(status=Election.Status.BALLOT)
    if not Ballot.objects.filter(election=election, cast_by__isnull=False).exists():
        infochef = user("infochef")
        services.ballot_cast(election=election, candidates=list(election.nominees.all()),
                             chair_vote=election.nominated_chair, actor=infochef)
        election.refresh_from_db()
    members = list(election.nominees.all())
    services.nomination_set(election=election, members=members, chair=members[-1], version=election.version,
                            actor=election.nomination_entered_by or user("admin"))


def _meeting_reminder(today):
    from governance.meetings.models import Meeting
    from governance.meetings.reminders import meeting_reminders

    meeting = Meeting.objects.filter(start__date__gt=today).order_by("start").first()
    meeting_reminders(today=meeting.date - dt.timedelta(days=1))


def _minutes_overdue(today):
    from governance.meetings.reminders import minutes_overdue

    Notification.objects.filter(kind=kinds.MINUTES_OVERDUE).delete()
    minutes_overdue(today=today)


def _conference_deadline(today):
    from governance.networks.models import Conference
    from governance.networks.reminders import conference_registration_deadlines

    conference = Conference.objects.order_by("registration_deadline").last()
    conference_registration_deadlines(today=conference.registration_deadline - dt.timedelta(days=1))


def _g7_report(today):
    from governance.reports.models import G7Report
    from governance.reports.services import g7_report_send

    Notification.objects.filter(kind=kinds.G7_REPORT).delete()
    g7_report_send(report_id=G7Report.objects.order_by("-period_end").first().pk)


def _culling_list(today):
    from governance.records.culling import culling_draft
    from governance.records.models import CullingList

    CullingList.objects.get(year=today.year).items.all().delete()  # the demo's draft, drafted again
    Notification.objects.filter(kind=kinds.CULLING_LIST).delete()
    culling_draft(year=today.year)


def _fee_share(today):
    from fees import integrations, services
    from fees.models import FeeProposal

    proposal = FeeProposal.objects.get(status=FeeProposal.Status.DRAFT)
    original = integrations.mark_plan_fee_decided
    integrations.mark_plan_fee_decided = lambda *, year, actor: True  # the plan's own rules are not tested here
    try:
        services.proposal_decide(proposal=proposal, actor=user("admin"), decided_on=today)
    finally:
        integrations.mark_plan_fee_decided = original


def _invoice_overdue(today):
    from fees.services import invoices_remind_overdue

    invoices_remind_overdue(on=today + dt.timedelta(days=7))  # a new week: a new reminder


def _feature_request(today):
    from webadmin.services import feature_request_submit

    feature_request_submit(title="Sök i handboken", site="internal", problem="Det går inte att söka.",
                           proposal="En sökruta.", affected="Alla", actor=user("communicator"))


def _status_report(today):
    from governance.bodies.models import Membership
    from webadmin.models import WorkingGroup
    from webadmin.services import status_report_file

    group = WorkingGroup.objects.select_related("body").first()
    leader = Membership.objects.active_on(today).filter(
        body=group.body, position__in=Membership.OFFICER_POSITIONS).first().user
    status_report_file(group=group, text="Arbetet går enligt plan.", actor=leader)


def _web_meetings(today):
    from webadmin.services import yearly_meeting_remind

    yearly_meeting_remind(today=today)


def _consultation(today):
    from annualplan.models import Plan
    from annualplan.tasks import consultation_deadline_reminders_for

    plan = Plan.objects.get(status=Plan.Status.CONSULTATION)
    consultation_deadline_reminders_for(today=plan.consultation_deadline - dt.timedelta(days=1))


def _vote(today):
    from annualplan.models import Plan
    from annualplan.services import plan_close_consultation

    plan_close_consultation(plan=Plan.objects.get(status=Plan.Status.CONSULTATION), actor=user("admin"))


def _funding(today):
    from annualplan.models import FundingApplication
    from annualplan.services import funding_decide

    application = FundingApplication.objects.filter(decision=FundingApplication.Decision.PENDING).first()
    funding_decide(application=application, decision=FundingApplication.Decision.GRANTED, actor=user("director"))


def _off_track(today):
    from annualplan.models import Activity, FollowUp, Plan
    from annualplan.services import follow_up_record

    activity = (Activity.objects.filter(plan__year=today.year, plan__status=Plan.Status.FOLLOW_UP)
                .exclude(follow_ups__light=FollowUp.Light.OFF_TRACK).order_by("pk").first())
    follow_up_record(activity=activity, quarter=4, status="ongoing", comment="", spent_to_date=Decimal("0"),
                     forecast=activity.budget, light=FollowUp.Light.OFF_TRACK, analysis="Leveransen är försenad.",
                     actor=user("admin"))


def _minutes_adjustment(today):
    from governance.meetings.models import Minutes
    from governance.meetings.services import minutes_send_for_adjustment

    draft = Minutes.objects.filter(status=Minutes.Status.DRAFT).select_related("meeting").first()
    draft.sent_for_adjustment_at = None
    draft.save(update_fields=["sent_for_adjustment_at"])
    draft.meeting.adjusters.set([user("steering")])
    minutes_send_for_adjustment(minutes=draft, actor=None)


def _action_item(today):
    from governance.meetings.models import Meeting
    from governance.meetings.services import action_item_add

    meeting = Meeting.objects.get(title__startswith="Styrgruppsmöte: förslag till förvaltningsavgift")
    action_item_add(meeting=meeting, title="Skriv en sammanfattning", owner=user("steering"),
                    due=today + dt.timedelta(days=5), actor=None)


def _accessibility_feedback(today):
    from webadmin.services import feedback_submit

    feedback_submit(message="Fokusmarkeringen syns inte i sidhuvudet.", address="198.51.100.9")


def _policy_reading(today):
    from webadmin.models import Policy
    from webadmin.services import policy_reading_remind

    policy_reading_remind(policy=Policy.objects.filter(to_be_read=True).order_by("pk").first(), actor=None)


TRIGGERS = {
    kinds.GENERAL: _general,
    kinds.MEMBERSHIP: _membership,
    kinds.NETWORK_JOIN: _network_join,
    kinds.PROPOSAL: _proposal,
    kinds.ELECTION_DECIDED: _election_decided,
    kinds.ELECTION_PROPOSAL_CHANGED: _election_proposal_changed,
    kinds.MEETING_REMINDER: _meeting_reminder,
    kinds.MINUTES_OVERDUE: _minutes_overdue,
    kinds.MINUTES_ADJUSTMENT: _minutes_adjustment,
    kinds.ACTION_ITEM: _action_item,
    kinds.CONFERENCE_DEADLINE: _conference_deadline,
    kinds.G7_REPORT: _g7_report,
    kinds.CULLING_LIST: _culling_list,
    "fees.share": _fee_share,
    "fees.invoice_overdue": _invoice_overdue,
    "webadmin_feature_request": _feature_request,
    "webadmin_status_report": _status_report,
    "webadmin_meetings": _web_meetings,
    "annualplan_consultation": _consultation,
    "annualplan_vote": _vote,
    "annualplan_funding": _funding,
    "annualplan_off_track": _off_track,
    "webadmin_accessibility_feedback": _accessibility_feedback,
    "webadmin_policy_reading": _policy_reading,
}


def test_every_kind_of_notification_has_its_trigger_here():
    assert sorted(TRIGGERS) == sorted(kinds.KINDS), "a new kind of notification: add the service that sends it"


def _send(kind: str, today) -> Notification:
    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    TRIGGERS[kind](today)
    sent = list(Notification.objects.filter(kind=kind, pk__gt=before).select_related("recipient").order_by("pk"))
    assert sent, f"the trigger of {kind} sent nothing"
    assert all(n.subject_message for n in sent), "stored untranslated"
    return sent[0]


@pytest.mark.parametrize("kind", sorted(kinds.KINDS))
def test_each_kind_of_notification_is_shown_in_the_readers_language(kind, today):
    n = _send(kind, today)
    swedish, english = written(lambda: n.subject_text, "sv"), written(lambda: n.subject_text, "en")
    assert swedish != english
    assert n.subject == swedish  # the column: the default language, for search and rows made before
    sv_page = page(n.recipient, reverse("governance:notification_list"), "sv")
    en_page = page(n.recipient, reverse("governance:notification_list"), "en")
    assert swedish in sv_page and english not in sv_page
    assert english in en_page and swedish not in en_page
    body_sv, body_en = written(lambda: n.body_text, "sv"), written(lambda: n.body_text, "en")
    if n.body_message:  # a body of the portal's own words is translated too (a person's words are not)
        assert body_sv != body_en
        assert body_en.split()[0] in en_page
    # Min sida's panel of unread notifications, in the reader's language too.
    assert english in page(n.recipient, reverse("governance:home"), "en")


def test_no_swedish_in_the_english_rendering_and_no_english_in_the_swedish(today):
    n = _send("fees.invoice_overdue", today)
    sv = written(lambda: f"{n.subject_text} {n.body_text}", "sv")
    en = written(lambda: f"{n.subject_text} {n.body_text}", "en")
    assert "förfallen" in sv and "betald" in sv and "Förvaltningsavgift" in sv
    assert "overdue" in en and "not paid" in en and "Management fee" in en
    for word in ("förfallen", "betald", "Förvaltningsavgift", "förföll"):
        assert word not in en
    for word in ("overdue", "paid", "Management fee", "Invoice"):
        assert word not in sv
    # Numbers are written the reader's way (governance.money): 12 345 in Swedish, 12,345 in English.
    assert any(ch.isdigit() for ch in en)

    reminder = _send(kinds.MEETING_REMINDER, today)
    sv, en = written(lambda: reminder.subject_text, "sv"), written(lambda: reminder.subject_text, "en")
    assert sv.startswith(("Påminnelse", "I dag")) and en.startswith(("Reminder", "Today"))
    body_en = written(lambda: reminder.body_text, "en")
    months_sv = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                 "oktober", "november", "december")
    assert " meets on " in body_en and not any(m in body_en for m in months_sv)  # the date in English


def test_a_status_in_a_notification_is_translated_too(today):
    n = _send("annualplan_funding", today)
    assert written(lambda: n.subject_text, "en").endswith(": granted")
    assert written(lambda: n.subject_text, "sv").endswith(": beviljad")


def test_a_persons_own_words_are_shown_as_written(today):
    n = _send(kinds.NETWORK_JOIN, today)
    assert n.body_message is None
    assert written(lambda: n.body_text, "en") == written(lambda: n.body_text, "sv") == "Jag vill gärna vara med."


# --- E-mail: the recipient's language ------------------------------------------------------------------------
def test_the_email_is_in_the_recipients_language_whatever_the_senders(today, django_capture_on_commit_callbacks):
    """People have no language preference: the e-mail is in the portal's default language, Swedish,
    even when the person who set it off reads the portal in English."""
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        n = _send("webadmin_feature_request", today)
    message = next(m for m in mail.outbox if m.to == [n.recipient.email])
    assert message.subject == written(lambda: n.subject_text, "sv") != written(lambda: n.subject_text, "en")
    assert "Sök i handboken" in message.subject and "feature request" not in message.subject


def test_the_email_follows_the_recipient_language(today, monkeypatch, django_capture_on_commit_callbacks):
    """Should a person have a language of their own (texts.recipient_language), the e-mail is written in it."""
    from governance import texts

    monkeypatch.setattr(texts, "recipient_language", lambda user: "en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        n = _send(kinds.MEMBERSHIP, today)
    message = next(m for m in mail.outbox if m.to == [n.recipient.email])
    assert message.subject == written(lambda: n.subject_text, "en")
    assert " is deputy for " in message.subject and "ersättare" not in message.subject


def test_a_notification_made_before_shows_its_stored_text():
    recipient = user("chair")
    old = Notification.objects.create(kind=kinds.GENERAL, recipient=recipient, subject="Gammal notis",
                                      body="Från förr.", dedupe_key="old-row-h16")
    assert written(lambda: old.subject_text, "en") == "Gammal notis"
    assert "Gammal notis" in page(recipient, reverse("governance:notification_list"), "en")


def test_the_admin_shows_the_subject_in_the_readers_language(today):
    n = _send(kinds.MEMBERSHIP, today)
    changelist = page(user("admin"), reverse("admin:governance_notification_changelist"), "en")
    english, swedish = written(lambda: n.subject_text, "en"), written(lambda: n.subject_text, "sv")
    assert english != swedish and english in changelist and swedish not in changelist


# --- Version labels -------------------------------------------------------------------------------------------
def test_a_plan_versions_occasion_is_shown_in_the_readers_language():
    from annualplan.models import Plan
    from annualplan.services import plan_save_version

    plan = Plan.objects.get(status=Plan.Status.CONSULTATION)
    version = plan_save_version(plan=plan, actor=user("chair"))
    assert version.label_message and version.label == "Sparad av styrgruppen"
    path = reverse("annualplan:plan_versions", kwargs={"year": plan.year})
    sv, en = page(user("chair"), path, "sv"), page(user("chair"), path, "en")
    assert "Sparad av styrgruppen" in sv and "Saved by the steering group" not in sv
    assert "Saved by the steering group" in en and "Sparad av styrgruppen" not in en
    # The demo's versions were saved the same way.
    assert "Sent for consultation" in en and "Skickad på remiss" not in en


def test_a_policy_versions_decision_is_shown_in_the_readers_language(today):
    from webadmin.models import Policy
    from webadmin.services import policy_version_adopt

    policy = Policy.objects.order_by("pk").first()
    version = policy_version_adopt(policy=policy, body="Ny lydelse.", decided_on=today, actor=None)
    decision = version.decision
    assert decision.summary_message
    assert written(lambda: decision.summary_text, "en") == f"{policy.title}, version {version.number} adopted."
    assert written(lambda: decision.summary_text, "sv") == f"{policy.title}, version {version.number} antagen."
    decisions_en = page(user("weblead"), reverse("webadmin:overview"), "en").partition('id="decisions-heading"')[2]
    decisions_sv = page(user("weblead"), reverse("webadmin:overview"), "sv").partition('id="decisions-heading"')[2]
    assert f"version {version.number} adopted" in decisions_en and "antagen" not in decisions_en
    assert f"version {version.number} antagen" in decisions_sv and "adopted" not in decisions_sv
    # The demo's role appointments: "is web development lead", not "är webbutvecklingsledare".
    assert " is web development lead from " in decisions_en and " är " not in decisions_en
    assert " är webbutvecklingsledare från " in decisions_sv


# --- The G7 report ------------------------------------------------------------------------------------------
def test_the_g7_report_is_shown_in_the_readers_language(today):
    from governance.reports.models import G7Report
    from governance.reports.services import g7_report_create, previous_period

    start, end = previous_period(today)
    report, _ = g7_report_create(start=start, end=end, actor=user("chair"))
    path = reverse("governance:g7_report_detail", kwargs={"pk": report.pk})
    sv, en = page(user("g7"), path, "sv"), page(user("g7"), path, "en")
    assert "G7-rapport" in sv and "Kommande möten" in sv and "Upcoming meetings" not in sv
    assert "G7 report" in en and "Upcoming meetings" in en and "Kommande möten" not in en
    assert "Budget, outcome and forecast per category" in en and "utfall och prognos" not in en
    # The demo's scheduled report was produced the same way.
    scheduled = G7Report.objects.filter(scheduled=True).order_by("-period_end").first()
    en = page(user("g7"), reverse("governance:g7_report_detail", kwargs={"pk": scheduled.pk}), "en")
    assert "Upcoming meetings" in en and "Kommande möten" not in en


def test_the_g7_pdf_is_rendered_in_the_readers_language(today):
    from governance.reports.models import G7Report
    from tests.governance.test_g7_report import pdf_text

    report = G7Report.objects.filter(scheduled=True).order_by("-period_end").first()
    path = reverse("governance:g7_report_pdf", kwargs={"pk": report.pk})

    def pdf(language):
        client = Client()
        client.force_login(user("g7"))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(path)
        return b"".join(response.streaming_content) if response.streaming else response.content

    sv, en = pdf_text(pdf("sv")), pdf_text(pdf("en"))
    assert "G7-rapport" in sv and "Kommande m" in sv
    assert "G7 report" in en and "Upcoming meetings" in en and "G7-rapport" not in en


# --- Invoice references ----------------------------------------------------------------------------------
def test_an_invoices_reference_is_shown_in_the_readers_language():
    from fees.models import Invoice
    from fees.services import invoice_credit

    invoice = Invoice.objects.filter(kind=Invoice.Kind.INVOICE, status=Invoice.Status.OVERDUE).first()
    assert invoice.reference_message and invoice.reference.startswith("Förvaltningsavgift")
    note = invoice_credit(invoice=invoice, actor=user("admin"), reason="Fel mottagare")
    path = reverse("fees:invoice_detail", kwargs={"pk": note.pk})
    sv, en = page(user("admin"), path, "sv"), page(user("admin"), path, "en")
    assert f"Kreditfaktura för faktura {invoice.number}" in sv and "Credit note for invoice" not in sv
    assert f"Credit note for invoice {invoice.number}" in en and "Kreditfaktura för faktura" not in en
    assert "Fel mottagare" in en  # the reason a person gave, as written
    path = reverse("fees:invoice_detail", kwargs={"pk": invoice.pk})
    en = page(user("admin"), path, "en")
    assert f"Management fee {invoice.year}, {invoice.organisation.short_name}" in en and "Förvaltningsavgift" not in en


def test_the_invoice_export_writes_the_reference_in_the_readers_language():
    from fees.exports import invoices_csv
    from fees.models import Invoice

    invoices = Invoice.objects.filter(year=2026).select_related("organisation", "issuer")
    with translation.override("en"):
        english = invoices_csv(invoices)
    with translation.override("sv"):
        swedish = invoices_csv(invoices)
    assert "Management fee" in english and "Förvaltningsavgift" not in english
    assert "Förvaltningsavgift" in swedish and "Management fee" not in swedish


def test_a_credit_for_a_corrected_decision_gives_its_reason_in_the_readers_language():
    from fees.models import Invoice
    from fees.services import invoice_credit
    from governance import texts

    invoice = Invoice.objects.filter(kind=Invoice.Kind.INVOICE, status=Invoice.Status.PAID).first()
    from django.utils.translation import gettext_lazy

    note = invoice_credit(invoice=invoice, actor=user("admin"), reason=texts.Text(
        gettext_lazy("Replaced by the corrected fee decision, version %(v)s."), v=2))
    assert written(lambda: note.credit_reason_text, "en") == "Replaced by the corrected fee decision, version 2."
    assert "version 2" in written(lambda: note.credit_reason_text, "sv")
    assert written(lambda: note.credit_reason_text, "sv") != written(lambda: note.credit_reason_text, "en")
    assert Decimal(note.amount) == -invoice.amount


# --- The stored form itself -------------------------------------------------------------------------------
def test_a_text_keeps_its_msgid_plural_and_context_and_is_written_at_display():
    from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

    from governance import texts

    reminder = texts.Text(ngettext_lazy("Reminder: %(title)s in %(days)d day", "Reminder: %(title)s in %(days)d days",
                                        "days"), title="Styrgruppsmöte", days=1)
    data = reminder.encode()
    assert data["id"] == "Reminder: %(title)s in %(days)d day" and data["n"] == "days"
    assert written(lambda: texts.render(data), "en") == "Reminder: Styrgruppsmöte in 1 day"
    assert written(lambda: texts.render(data), "sv").startswith("Påminnelse: Styrgruppsmöte")
    assert texts.encode(pgettext_lazy("month", "May")) == {"$": "msg", "ctx": "month", "id": "May"}
    due = texts.Text(gettext_lazy("Please answer for %(org)s by %(deadline)s."), org="Dalarna",
                     deadline=texts.date(dt.date(2027, 3, 1), "j F Y"))
    assert written(lambda: str(due), "en") == "Please answer for Dalarna by 1 March 2027."
    assert "1 mars 2027" in written(lambda: str(due), "sv")
    amount = texts.Text(gettext_lazy("Annual fee %(year)s decided: %(total)s kr"), year=2027,
                        total=texts.number(Decimal("1234567")))
    assert written(lambda: str(amount), "en").endswith("1,234,567 kr")
    assert written(lambda: str(amount), "sv").endswith("1\xa0234\xa0567 kr")  # governance.money, in Swedish
    with pytest.raises(TypeError):
        texts.Text("Not lazy: makemessages would not find it")
    with pytest.raises(TypeError):
        texts.Text(gettext_lazy("Invoice %(number)s is overdue"), number=Decimal("1")).encode()
