"""Retention and culling: the yearly culling list is drafted from the retention schedule on a
moving clock, removes nothing until an archivist appointed that day approves it through the form as
shown, keeps what the archivist ticks (with a reason), removes the rest with their files, and
stays as the log. Kinds kept for ever by law are never listed, whatever the admin does."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.bodies.models import Membership
from governance.documents import services as documents
from governance.documents.demo import pdf
from governance.documents.models import Document
from governance.notifications.models import Notification
from governance.records import culling
from governance.records.admin import RetentionRuleForm
from governance.records.models import Archivist, CullingItem, CullingList, RetentionClass, RetentionRule
from governance.records.tasks import culling_list_draft
from tests.clock import at
from tests.governance.factories import BodyFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def archive():
    """A body's archive with presentations of 2019 and 2024 under "culled after 5 years", meeting
    notes kept for ever, and an archivist appointed 2020–2026."""
    five = RetentionClass.objects.create(name="Gallras efter 5 år", years=5, decision="Gallringsbeslut dnr 1-2025")
    forever = RetentionClass.objects.create(name="Bevaras")
    RetentionRule.objects.create(kind="documents.presentation", retention_class=five)
    RetentionRule.objects.create(kind="documents.notes", retention_class=forever)
    body = BodyFactory()
    officer = UserFactory(username="cull-officer")
    MembershipFactory(body=body, user=officer, position=Membership.Position.CHAIR, start=dt.date(2018, 1, 1))

    def doc(title, kind, dated):
        at(dated)
        return documents.document_create(
            body=body, title=title, kind=kind, dated=dated, readers=Document.Readers.BODY, actor=officer,
            upload=SimpleUploadedFile(f"{title}.pdf", pdf(title, "x"), "application/pdf"))

    old = doc("Presentation 2019", Document.Kind.PRESENTATION, dt.date(2019, 5, 14))
    older = doc("Presentation 2018", Document.Kind.PRESENTATION, dt.date(2018, 3, 1))
    recent = doc("Presentation 2024", Document.Kind.PRESENTATION, dt.date(2024, 2, 1))
    notes = doc("Minnesanteckningar 2018", Document.Kind.NOTES, dt.date(2018, 4, 1))
    archivist = UserFactory(username="cull-archivist")
    Archivist.objects.create(user=archivist, start=dt.date(2020, 1, 1), end=dt.date(2026, 12, 31))
    return {"old": old, "older": older, "recent": recent, "notes": notes, "archivist": archivist}


def test_the_yearly_list_takes_up_what_is_due_and_removes_nothing(archive):
    at(dt.datetime(2026, 1, 15, 7, 0))
    assert culling_list_draft() == "2026: 2 rows added"
    culling_list = CullingList.objects.get(year=2026)
    listed = set(culling_list.items.values_list("description", flat=True))
    assert {d.split(" (")[0] for d in listed} == {"Presentation 2019", "Presentation 2018"}
    assert culling_list.items.first().decision == "Gallringsbeslut dnr 1-2025"
    assert Document.objects.filter(pk=archive["old"].pk).exists(), "nothing removed before approval"
    told = Notification.objects.get(recipient=archive["archivist"], kind="culling_list")
    assert told.url == culling_list.get_absolute_url()
    # A second run adds nothing and tells nobody again.
    assert culling_list_draft() == "2026: 0 rows added"
    assert Notification.objects.filter(kind="culling_list").count() == 1
    # The 2024 presentation comes up on the 2030 list (five full years after 2024).
    assert culling.cutoff(2030, 5) == dt.date(2025, 1, 1)


def _approval_page(client, year: int) -> str:
    page = client.get(reverse("governance:culling_list", args=[year]))
    assert page.status_code == 200
    return page.content.decode()


def test_the_archivist_keeps_one_and_culls_the_rest_through_the_form_as_shown(
        client, archive, django_capture_on_commit_callbacks):
    at(dt.date(2026, 2, 1))
    culling_list, _ = culling.culling_draft(year=2026)
    old, older = archive["old"], archive["older"]
    old_file = old.versions.get().file
    storage, old_name = old_file.storage, old_file.name
    assert storage.exists(old_name)
    keep_item = culling_list.items.get(target_id=older.pk)
    client.force_login(archive["archivist"])
    html = _approval_page(client, 2026)
    boxes = re.findall(r'name="keep" value="(\d+)"', html)
    assert sorted(map(int, boxes)) == sorted(culling_list.items.values_list("pk", flat=True))
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    url = reverse("governance:culling_list", args=[2026])
    # Ticking a record without a reason: refused, nothing removed.
    refused = client.post(url, {"keep": [keep_item.pk], "version": version, "confirmed": "1"})
    assert refused.status_code == 200 and "Say why the records you keep are kept." in refused.content.decode()
    assert Document.objects.filter(pk=old.pk).exists()
    data = {"keep": [keep_item.pk], "keep_reason": "Underlag för forskning", "version": version}
    confirmation = client.post(url, data)
    assert "1 record is removed now" in confirmation.content.decode()
    assert Document.objects.filter(pk=old.pk).exists(), "the confirmation page removes nothing"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, data | {"confirmed": "1"})
    assert done.status_code == 302
    assert not Document.objects.filter(pk=old.pk).exists() and not storage.exists(old_name)
    assert Document.objects.filter(pk__in=[older.pk, archive["recent"].pk, archive["notes"].pk]).count() == 3
    culling_list.refresh_from_db()
    assert culling_list.status == CullingList.Status.CULLED and culling_list.approved_by == archive["archivist"]
    outcomes = dict(culling_list.items.values_list("target_id", "outcome"))
    assert outcomes == {old.pk: CullingItem.Outcome.CULLED, older.pk: CullingItem.Outcome.KEPT}
    assert culling_list.items.get(target_id=older.pk).keep_reason == "Underlag för forskning"
    log = _approval_page(client, 2026)
    assert "Presentation 2019" in log and "Culled" in log and "Underlag för forskning" in log
    # Approved once: never again, never drafted again.
    with pytest.raises(ValidationError, match="already been approved"):
        culling.culling_approve(culling_list=culling_list, actor=archive["archivist"])
    with pytest.raises(ValidationError, match="is not drafted again"):
        culling.culling_draft(year=2026)


def test_culled_news_goes_with_its_file_and_its_earlier_versions_and_the_list_stays_as_the_log(
        archive, django_capture_on_commit_callbacks):
    from governance.news import services as news
    from governance.news.models import NewsItem

    two = RetentionClass.objects.create(name="Gallras efter 2 år", years=2, decision="Gallringsbeslut dnr 2-2025")
    RetentionRule.objects.create(kind="news.newsitem", retention_class=two)
    editor = UserFactory(username="cull-editor", is_superuser=True)
    at(dt.datetime(2022, 3, 1, 10, 0))
    old = news.news_publish(title="Nätverksträff 2022", text="Välkomna!", audience=NewsItem.Audience.NETWORK,
                            actor=editor, upload=SimpleUploadedFile("program.pdf", pdf("Program", "x"),
                                                                    "application/pdf"))
    news.news_update(item=old, title="Nätverksträff i mars 2022", text="Välkomna!", audience=NewsItem.Audience.NETWORK,
                     actor=editor, version=old.version)
    at(dt.datetime(2025, 6, 1, 10, 0))
    recent = news.news_publish(title="Nytt i år", text="Hej", audience=NewsItem.Audience.NETWORK, actor=editor)
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name) and NewsItem.history.filter(id=old.pk).count() == 2

    at(dt.date(2026, 2, 1))
    culling_list, _ = culling.culling_draft(year=2026)
    rows = culling_list.items.filter(kind="news.newsitem")
    assert [r.description for r in rows] == ["Nätverksträff i mars 2022 (2022-03-01)"]  # 2025's is not due
    with django_capture_on_commit_callbacks(execute=True):
        culling.culling_approve(culling_list=culling_list, actor=archive["archivist"])
    assert not NewsItem.objects.filter(pk=old.pk).exists() and NewsItem.objects.filter(pk=recent.pk).exists()
    assert not storage.exists(name)
    assert not NewsItem.history.filter(id=old.pk).exists(), "no copy of the culled item is left in its history"
    assert NewsItem.history.filter(id=recent.pk).exists()
    assert rows.get().outcome == CullingItem.Outcome.CULLED


def test_only_an_archivist_appointed_today_approves(client, archive):
    admin_user = UserFactory(username="cull-admin", is_staff=True, is_superuser=True)
    at(dt.date(2026, 2, 1))
    culling_list, _ = culling.culling_draft(year=2026)
    url = reverse("governance:culling_list", args=[2026])
    officer = archive["old"].created_by
    client.force_login(officer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirmed": "1", "version": "1"}).status_code == 403
    # The administrator reads the list but does not approve in the archivist's place.
    client.force_login(admin_user)
    html = _approval_page(client, 2026)
    assert 'name="keep"' not in html
    client.post(url, {"confirmed": "1", "version": str(culling_list.version)})
    with pytest.raises(Exception, match="Only an archivist"):
        culling.culling_approve(culling_list=culling_list, actor=admin_user)
    # After her appointment has ended, the archivist does not approve either.
    at(dt.date(2027, 1, 20))
    with pytest.raises(Exception, match="Only an archivist"):
        culling.culling_approve(culling_list=culling_list, actor=archive["archivist"])
    assert Document.objects.filter(pk=archive["old"].pk).exists()
    assert CullingList.objects.get(year=2026).status == CullingList.Status.DRAFT


def test_kinds_kept_for_ever_by_law_are_never_listed(archive):
    at(dt.date(2026, 2, 1))
    five = RetentionClass.objects.get(years=5)
    offered = dict(RetentionRuleForm().fields["kind"].choices)
    assert "records.decision" not in offered and "meetings.minutes" not in offered
    assert "documents.presentation" in offered
    # Even a rule written past the form does not cull a decision.
    RetentionRule.objects.create(kind="records.decision", retention_class=five)
    culling_list, _ = culling.culling_draft(year=2026)
    assert not culling_list.items.filter(kind="records.decision").exists()
    assert not culling_list.items.filter(kind="documents.notes").exists(), "notes are kept for ever"


def test_a_class_that_culls_names_its_retention_decision():
    klass = RetentionClass(name="Gallras efter 3 år", years=3)
    with pytest.raises(ValidationError) as refused:
        klass.full_clean()
    assert "decision" in refused.value.message_dict


def test_the_schedule_page_shows_every_kind_and_its_class(client, archive):
    admin_user = UserFactory(username="cull-admin", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    html = client.get(reverse("governance:culling_index")).content.decode()
    assert "Documents: Presentation" in html and "Gallras efter 5 år" in html and "Gallringsbeslut dnr 1-2025" in html
    assert "Kept for ever (public record)" in html
