"""The document archive of each body: added and versioned by the body's officers through the forms
as shown, read by whom `readers` names (computed from memberships on the day of the request and
the document's date), files checked by content and stored through the storage API, links only to
the body's own meetings and decisions, never a lost update, and a list whose queries do not grow."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.bodies.models import Body, Membership
from governance.documents import services
from governance.documents.demo import pdf
from governance.documents.models import Document, DocumentVersion
from governance.documents.rules import visible_documents
from tests.clock import at
from tests.governance.factories import BodyFactory, MeetingFactory, MembershipFactory, UserFactory, standing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def upload(name="Rapport.pdf", text="Rapport") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf(text, "innehåll"), content_type="application/pdf")


@pytest.fixture
def group():
    body = BodyFactory(name="Arbetsgrupp klarspråk")
    chair = UserFactory(username="doc-chair")
    member = UserFactory(username="doc-member")
    MembershipFactory(body=body, user=chair, position=Membership.Position.CHAIR)
    MembershipFactory(body=body, user=member)
    return body, chair, member


def make(body, actor, **kw) -> Document:
    fields = {"title": "Slutrapport", "kind": Document.Kind.REPORT, "dated": dt.date(2026, 3, 1),
              "readers": Document.Readers.BODY, "upload": upload()} | kw
    return services.document_create(body=body, actor=actor, **fields)


def form_fields(html: str) -> dict:
    """The named inputs, selects and textareas a form shows (their current values)."""
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data.setdefault(name, value)
    for name in re.findall(r'<(?:select|textarea)[^>]*name="([^"]+)"', html):
        data.setdefault(name, "")
    return data


def test_an_officer_adds_a_document_through_the_form_as_shown(client, group):
    body, chair, _member = group
    meeting = MeetingFactory(body=body, title="Gruppens möte")
    client.force_login(chair)
    page = client.get(reverse("governance:document_add") + f"?body={body.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("title", "kind", "dated", "readers", "file", "note", "meetings", "body"):
        assert f'name="{name}"' in html, name
    data = form_fields(html) | {"body": body.pk, "title": "Slutrapport klarspråk", "kind": "report",
                                "dated": "2026-03-01", "readers": "body", "file": upload("Slutrapport.pdf"),
                                "meetings": [meeting.pk]}
    data.pop("csrfmiddlewaretoken", None)
    response = client.post(reverse("governance:document_add") + f"?body={body.pk}", data)
    document = Document.objects.get(title="Slutrapport klarspråk")
    assert response.status_code == 302 and response.url == document.get_absolute_url()
    version = document.versions.get()
    assert (version.number, version.original_name, version.content_type) == (1, "Slutrapport.pdf", "application/pdf")
    assert not version.file.name.endswith("Slutrapport.pdf"), "stored under a random name"
    assert document.history.first().history_user == chair
    assert list(document.meetings.all()) == [meeting]
    detail = client.get(document.get_absolute_url()).content.decode()
    assert "Slutrapport.pdf" in detail and "Add a new version" in detail


def test_a_member_who_is_no_officer_cannot_add_or_change(client, group):
    body, chair, member = group
    document = make(body, chair)
    client.force_login(member)
    assert client.get(reverse("governance:document_add")).status_code == 403
    assert client.get(reverse("governance:document_edit", args=[document.pk])).status_code == 403
    response = client.post(reverse("governance:document_version_add", args=[document.pk]),
                           {"file": upload(), "note": "ny"})
    assert response.status_code == 403
    assert document.versions.count() == 1
    with pytest.raises(Exception, match="officers"):
        make(body, member, title="Smygväg")
    assert not Document.objects.filter(title="Smygväg").exists()


def test_a_new_version_keeps_the_earlier_ones_and_says_what_changed(client, group):
    body, chair, member = group
    document = make(body, chair)
    client.force_login(chair)
    url = reverse("governance:document_version_add", args=[document.pk])
    refused = client.post(url, {"file": upload("v2.pdf"), "note": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    client.post(url, {"file": upload("v2.pdf", "Version två"), "note": "Siffrorna rättade"})
    assert list(document.versions.values_list("number", "note")) == [(2, "Siffrorna rättade"), (1, "")]
    client.force_login(member)
    for number in (1, 2):
        response = client.get(reverse("governance:document_download", args=[document.pk, number]))
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff" and "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_file_that_is_not_what_it_says_is_refused_and_leaves_nothing(client, group, settings):
    body, chair, _ = group
    client.force_login(chair)
    before = Document.objects.count()
    html = SimpleUploadedFile("rapport.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(reverse("governance:document_add"), {
        "body": body.pk, "title": "Elak", "kind": "report", "dated": "2026-03-01", "readers": "body", "file": html})
    assert response.status_code == 200
    assert "is not a file type we accept" in response.content.decode()
    assert Document.objects.count() == before and not DocumentVersion.objects.filter(document__title="Elak").exists()
    media = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


def test_readers_are_computed_from_memberships_on_the_day(client, group):
    body, chair, member = group
    outsider = UserFactory(username="doc-outsider")
    communicator = UserFactory(username="doc-communicator")
    MembershipFactory(body=standing(Body.Kind.COMMUNICATORS_NETWORK), user=communicator)
    leaver = UserFactory(username="doc-leaver")
    MembershipFactory(body=body, user=leaver, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))
    spring = make(body, chair, title="Vårens rapport", dated=dt.date(2026, 3, 1))
    autumn = make(body, chair, title="Höstens rapport", dated=dt.date(2026, 9, 1))
    network = make(body, chair, title="Till nätverket", readers=Document.Readers.NETWORK)
    everyone = make(body, chair, title="Till alla", readers=Document.Readers.STAFF)

    at(dt.date(2026, 10, 1))
    expected = {
        member: {spring, autumn, network, everyone},
        leaver: {spring, network, everyone},  # sat in the body on their date (1 March), not the autumn's
        communicator: {network, everyone},
        outsider: {everyone},
    }
    for user, readable in expected.items():
        for document in (spring, autumn, network, everyone):
            assert user.has_perm("governance.view_document", document) == (document in readable), (user, document)
        # The list's one filter says exactly what the rule says.
        assert set(visible_documents(user, Document.objects.all())) == readable, user
    client.force_login(leaver)
    assert client.get(autumn.get_absolute_url()).status_code == 403
    assert client.get(reverse("governance:document_download", args=[autumn.pk, 1])).status_code == 403
    assert client.get(spring.get_absolute_url()).status_code == 200

    at(dt.date(2026, 5, 1))  # while she still sits, she reads what the body reads
    assert leaver.has_perm("governance.view_document", autumn)


def test_the_sitting_steering_group_reads_the_archive_of_the_groups_before_it(group):
    old = Body.objects.create(kind=Body.Kind.STEERING_GROUP, year=2024, name="Styrgruppen 2024")
    now = Body.objects.get_or_create(kind=Body.Kind.STEERING_GROUP, year=2026, defaults={"name": "Styrgruppen 2026"})[0]
    secretary = UserFactory(username="doc-old-secretary")
    MembershipFactory(body=old, user=secretary, position=Membership.Position.SECRETARY, start=dt.date(2024, 1, 1),
                      end=dt.date(2024, 12, 31))
    newcomer = UserFactory(username="doc-newcomer")
    MembershipFactory(body=now, user=newcomer, start=dt.date(2026, 1, 1))
    at(dt.date(2024, 6, 1))
    document = make(old, secretary, dated=dt.date(2024, 6, 1))
    at(dt.date(2026, 3, 1))
    assert newcomer.has_perm("governance.view_document", document)
    assert set(visible_documents(newcomer, Document.objects.filter(pk=document.pk))) == {document}
    assert not secretary.has_perm("governance.change_document", document), "her term is over"


def test_links_only_to_the_bodys_own_meetings(client, group):
    body, chair, _ = group
    own = MeetingFactory(body=body, title="Eget möte")
    other = MeetingFactory(body=BodyFactory(), title="Annat organs möte")
    document = make(body, chair)
    client.force_login(chair)
    url = reverse("governance:document_edit", args=[document.pk])
    page = client.get(url).content.decode()
    assert "Eget möte" in page and "Annat organs möte" not in page
    data = {"title": "Slutrapport", "kind": "report", "dated": "2026-03-01", "readers": "body", "version": "1",
            "meetings": [other.pk]}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert not document.meetings.exists()
    assert client.post(url, data | {"meetings": [own.pk]}).status_code == 302
    assert list(document.meetings.all()) == [own]
    meeting_page = client.get(own.get_absolute_url()).content.decode()
    assert document.get_absolute_url() in meeting_page


def test_two_editors_at_once_the_second_is_told_and_keeps_what_she_typed(client, group):
    body, chair, _ = group
    document = make(body, chair)
    secretary = UserFactory(username="doc-secretary")
    MembershipFactory(body=body, user=secretary, position=Membership.Position.SECRETARY)
    url = reverse("governance:document_edit", args=[document.pk])
    base = {"kind": "report", "dated": "2026-03-01", "readers": "body", "version": "1"}
    client.force_login(chair)
    assert client.post(url, base | {"title": "Chair's title"}).status_code == 302
    client.force_login(secretary)
    response = client.post(url, base | {"title": "Secretary's title", "description": "Mitt tillägg"})
    html = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this document" in html
    assert "Mitt tillägg" in html and "Chair&#x27;s title" in html
    document.refresh_from_db()
    assert document.title == "Chair's title" and document.description == ""


def test_a_date_far_ahead_is_refused_in_the_users_words(client, group):
    body, chair, _ = group
    client.force_login(chair)
    response = client.post(reverse("governance:document_add"), {
        "body": body.pk, "title": "Framtid", "kind": "report", "dated": "2099-01-01", "readers": "body",
        "file": upload()})
    assert response.status_code == 200 and "more than a year ahead" in response.content.decode()
    assert not Document.objects.filter(title="Framtid").exists()


def test_search_and_filters(client, group):
    body, chair, member = group
    make(body, chair, title="Budgetunderlag", kind=Document.Kind.MEMO, upload=upload("siffror-2026.pdf"))
    make(body, chair, title="Presentation om klarspråk", kind=Document.Kind.PRESENTATION, dated=dt.date(2025, 5, 1))
    client.force_login(member)
    url = reverse("governance:document_list")

    def titles(query: str) -> set[str]:
        html = client.get(url + query).content.decode()
        return set(re.findall(r'<th scope="row"><a href="/dokument/\d+/">([^<]+)</a>', html))

    assert titles("") == {"Budgetunderlag", "Presentation om klarspråk"}
    assert titles("?q=siffror") == {"Budgetunderlag"}, "file names are searched too"
    assert titles("?kind=presentation") == {"Presentation om klarspråk"}
    assert titles("?year=2025") == {"Presentation om klarspråk"}
    assert titles(f"?body={body.pk}&q=budget") == {"Budgetunderlag"}
    assert client.get(url + "?year=abc").status_code == 200


def test_the_archive_list_reads_a_fixed_number_of_queries(client, group):
    body, chair, member = group
    client.force_login(member)
    url = reverse("governance:document_list")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    make(body, chair, title="Ett")
    one = count()
    for n in range(20):
        make(body, chair, title=f"Dokument {n}", upload=upload(f"d{n}.pdf"))
    assert count() == one
