"""Feature requests: submission with attachments checked from their content, triage through the
workflow (invalid steps refused), support once per organisation, the ranked backlog, history."""
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from governance.notifications.models import Notification
from tests.governance.factories import UserFactory, org
from tests.webadmin.factories import FeatureRequestFactory, assign
from webadmin import selectors, services
from webadmin.models import FeatureAttachment, FeatureRequest, FeatureSupport, Role

pytestmark = pytest.mark.django_db
S = FeatureRequest.Status

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def owner(year):
    user = UserFactory(organisation=org("M"))
    assign(Role.Code.FEATURE_OWNER, user, year=year)
    return type(user).objects.get(pk=user.pk)


def submit(actor, **kwargs):
    data = {"title": "Bättre sök", "site": "external", "problem": "Sök hittar inget.", "proposal": "Ny sökmotor.",
            "affected": "Alla besökare."}
    data.update(kwargs)
    return services.feature_request_submit(actor=actor, **data)


def test_any_staff_member_submits_and_the_feature_owner_is_told(owner):
    staff = UserFactory(organisation=org("W"))
    upload = SimpleUploadedFile("skiss.png", PNG, content_type="application/octet-stream")
    request = submit(staff, attachments=[upload])
    assert request.status == S.NEW and request.organisation.code == "W"
    att = request.attachments.get()
    assert att.content_type == "image/png" and att.original_name == "skiss.png"
    assert not att.file.name.endswith("skiss.png")  # stored under a random name
    assert Notification.objects.filter(recipient=owner, kind="webadmin_feature_request").exists()


@pytest.mark.parametrize("name,content", [
    ("script.pdf", b"<script>alert(1)</script>"),  # the name says PDF, the content does not
    ("notes.txt", b"just text"),
    ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64),
])
def test_an_attachment_type_is_checked_from_its_content(name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError, match="not a file type we accept"):
        submit(UserFactory(), attachments=[upload])
    assert not FeatureRequest.objects.exists()  # nothing saved


def test_pdf_and_office_documents_are_accepted():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    request = submit(UserFactory(), attachments=[SimpleUploadedFile("a.pdf", PDF),
                                                 SimpleUploadedFile("b.docx", buf.getvalue())])
    assert sorted(request.attachments.values_list("content_type", flat=True)) == [
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]


def test_an_attachment_over_the_size_limit_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("stor.png", PNG + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError, match="too large"):
        submit(UserFactory(), attachments=[big])


def test_the_workflow(owner):
    request = FeatureRequestFactory()
    request = services.feature_request_transition(request=request, status=S.ACCEPTED, actor=owner)
    assert request.rank == 1
    services.feature_request_update(request=request, version=request.version, actor=owner, value=4, effort=2,
                                    requirement_specification="1. Det ska gå att söka.", test_result="")
    for status in (S.SPECIFIED, S.IN_DEVELOPMENT, S.IN_TEST):
        request = services.feature_request_transition(request=request, status=status, actor=owner)
    request.refresh_from_db()
    services.feature_request_update(request=request, version=request.version, actor=owner, value=4, effort=2,
                                    requirement_specification=request.requirement_specification,
                                    test_result="Godkänd.")
    request = services.feature_request_transition(request=request, status=S.RELEASED, actor=owner)
    assert request.rank is None
    history = list(selectors.request_history(request))
    assert history[0].status == S.RELEASED and history[0].history_user == owner
    assert any(h.requirement_specification == "1. Det ska gå att söka." for h in history)
    assert any(h.test_result == "Godkänd." for h in history)


def test_invalid_transitions_are_refused_clearly(owner):
    request = FeatureRequestFactory()
    with pytest.raises(ValidationError, match="cannot become released. Allowed next: accepted, rejected."):
        services.feature_request_transition(request=request, status=S.RELEASED, actor=owner)
    closed = FeatureRequestFactory(status=S.RELEASED)
    with pytest.raises(ValidationError, match="It is closed"):
        services.feature_request_transition(request=closed, status=S.ACCEPTED, actor=owner)


def test_a_rejection_needs_a_reason(owner):
    request = FeatureRequestFactory()
    with pytest.raises(ValidationError, match="Give a reason"):
        services.feature_request_transition(request=request, status=S.REJECTED, actor=owner, reason="  ")
    request = services.feature_request_transition(request=request, status=S.REJECTED, actor=owner,
                                                  reason="Utanför uppdraget.")
    assert request.rejection_reason == "Utanför uppdraget."
    assert Notification.objects.filter(recipient=request.submitted_by, occasion="status-rejected").exists()


def test_specified_needs_a_specification_and_released_a_test_result(owner):
    request = FeatureRequestFactory(status=S.ACCEPTED)
    with pytest.raises(ValidationError, match="requirement specification"):
        services.feature_request_transition(request=request, status=S.SPECIFIED, actor=owner)
    in_test = FeatureRequestFactory(status=S.IN_TEST)
    with pytest.raises(ValidationError, match="test result"):
        services.feature_request_transition(request=in_test, status=S.RELEASED, actor=owner)


def test_only_the_feature_owner_triages(owner):
    request = FeatureRequestFactory()
    with pytest.raises(PermissionDenied):
        services.feature_request_transition(request=request, status=S.ACCEPTED, actor=UserFactory())


def test_a_stale_version_is_refused(owner):
    request = FeatureRequestFactory()
    with pytest.raises(ValidationError, match="Someone else saved this"):
        services.feature_request_update(request=request, version=request.version + 1, actor=owner, value=1,
                                        effort=1, requirement_specification="x", test_result="")


def _stale_post(client, settings, url, data):
    """`data` posted in Swedish; the saved version's table and the form below it."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    with translation.override("sv"):
        response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode().split("Versionen som någon annan sparade", 1)[1].split("</table>", 1)


def test_a_second_editor_sees_the_saved_specification_in_swedish_and_keeps_their_input(client, owner, settings):
    request = FeatureRequestFactory()
    stale = request.version
    services.feature_request_update(request=request, version=stale, actor=owner, value=4, effort=2,
                                    requirement_specification="Den sparade specifikationen.", test_result="")
    client.force_login(owner)
    saved, form = _stale_post(client, settings, f"/webb/onskemal/{request.pk}/specifikation/", {
        "version": stale, "value": "1", "effort": "5", "requirement_specification": "Min specifikation.",
        "test_result": ""})
    assert "Den sparade specifikationen." in saved and "Min specifikation." not in saved
    assert "Min specifikation." in form and f'name="version" value="{stale + 1}"' in form
    request.refresh_from_db()
    assert request.requirement_specification == "Den sparade specifikationen."


def test_a_stale_triage_shows_the_saved_status_in_swedish_and_keeps_the_reason(client, owner, settings):
    request = FeatureRequestFactory()
    services.feature_request_transition(request=request, status=S.REJECTED, reason="Finns redan.", version=1,
                                        actor=owner)
    client.force_login(owner)
    saved, form = _stale_post(client, settings, f"/webb/onskemal/{request.pk}/status/",
                              {"status": "accepted", "reason": "Mitt skäl.", "version": 1})
    assert "Avslagen" in saved and "Finns redan." in saved
    assert "Mitt skäl." in form and 'name="version" value="2"' in form


def test_each_organisation_supports_a_request_once():
    request = FeatureRequestFactory()
    first, colleague = UserFactory(organisation=org("K")), UserFactory(organisation=org("K"))
    services.feature_request_support(request=request, actor=first)
    with pytest.raises(ValidationError, match="already supports this request: each organisation supports"):
        services.feature_request_support(request=request, actor=colleague)
    services.feature_request_support(request=request, actor=UserFactory(organisation=org("N")))
    assert selectors.backlog().model.objects.filter(pk=request.pk).exists()
    assert selectors.requests().get(pk=request.pk).support_count == 2


def test_the_database_refuses_a_second_support_from_an_organisation():
    request = FeatureRequestFactory()
    user = UserFactory(organisation=org("K"))
    FeatureSupport.objects.create(request=request, organisation=user.organisation, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeatureSupport.objects.create(request=request, organisation=user.organisation, user=UserFactory())


def test_support_view_shows_the_message(client):
    request = FeatureRequestFactory()
    user = UserFactory(organisation=org("K"))
    FeatureSupport.objects.create(request=request, organisation=user.organisation, user=UserFactory())
    client.force_login(user)
    response = client.post(f"/webb/onskemal/{request.pk}/stod/", follow=True)
    assert "already supports this request" in response.content.decode()


def test_the_backlog_is_ranked_and_reordering_is_saved(client, owner):
    a, b, c = (FeatureRequestFactory(status=S.ACCEPTED, rank=i) for i in (1, 2, 3))
    services.backlog_move(request=c, direction="up", actor=owner)
    assert list(selectors.backlog()) == [a, c, b]
    moved = c.history.order_by("-history_date", "-history_id").first()
    assert moved.rank == 2 and moved.history_user == owner and moved.history_change_reason == "backlog reordered"
    client.force_login(owner)
    # Without JavaScript: a plain form post and a redirect back to the backlog.
    response = client.post(f"/webb/onskemal/{b.pk}/flytta/", {"direction": "top"})
    assert response.status_code == 302 and response["Location"].endswith("#backlog")
    assert list(selectors.backlog()) == [b, a, c]
    # With htmx: the table comes back in place.
    response = client.post(f"/webb/onskemal/{c.pk}/flytta/", {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="backlog"' in response.content.decode()
    assert list(selectors.backlog()) == [b, c, a]
    services.backlog_reorder(ordered_ids=[a.pk, b.pk, c.pk], actor=owner)
    assert list(selectors.backlog().values_list("rank", flat=True)) == [1, 2, 3]
    assert list(selectors.backlog()) == [a, b, c]


def test_only_the_feature_owner_reorders(client, owner):
    a = FeatureRequestFactory(status=S.ACCEPTED, rank=1)
    client.force_login(UserFactory())
    assert client.post(f"/webb/onskemal/{a.pk}/flytta/", {"direction": "down"}).status_code == 403
    assert client.get(f"/webb/onskemal/{a.pk}/flytta/").status_code in (403, 405)


def _fill(n):
    orgs = ["AB", "C", "D", "E", "F"]
    for i in range(n):
        r = FeatureRequestFactory(status=S.ACCEPTED if i % 2 else S.NEW, rank=i + 1 if i % 2 else None,
                                  value=3, effort=2)
        for code in orgs[: i % 4]:
            FeatureSupport.objects.create(request=r, organisation=org(code), user=r.submitted_by)


def test_the_backlog_keeps_its_query_count_at_1_and_50_requests(client, owner, django_assert_num_queries):
    client.force_login(owner)
    _fill(2)  # one new request and one ranked one (an empty backlog's page needs no query)
    client.get("/webb/onskemal/")  # warm up (session, content types)
    with CaptureQueriesContext(connection) as one:
        client.get("/webb/onskemal/")
    n = len(one)
    assert n <= 15
    with django_assert_num_queries(n):
        response = client.get("/webb/onskemal/")
    assert response.status_code == 200
    _fill(48)
    assert FeatureRequest.objects.count() == 50
    with django_assert_num_queries(n):
        response = client.get("/webb/onskemal/")
    assert response.status_code == 200
    assert response.content.decode().count("/flytta/") == 2 * 25  # each of the 25 ranked rows has its form


def test_submit_view_refuses_a_bad_attachment_on_the_form(client):
    client.force_login(UserFactory())
    response = client.post("/webb/onskemal/nytt/", {
        "title": "Test", "site": "both", "problem": "p", "proposal": "f", "affected": "a",
        "attachments": [SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>")],
    })
    assert response.status_code == 200
    assert "not a file type we accept" in response.content.decode()
    assert not FeatureRequest.objects.exists()
    response = client.post("/webb/onskemal/nytt/", {
        "title": "Test", "site": "both", "problem": "p", "proposal": "f", "affected": "a",
        "attachments": [SimpleUploadedFile("x.png", PNG)],
    })
    assert response.status_code == 302
    att = FeatureAttachment.objects.get()
    download = client.get(f"/webb/onskemal/bilaga/{att.pk}/")
    assert download["Content-Type"] == "image/png"
    assert "attachment" in download["Content-Disposition"]


def test_triage_view_shows_an_invalid_transition(client, owner):
    request = FeatureRequestFactory()
    client.force_login(owner)
    response = client.post(f"/webb/onskemal/{request.pk}/status/", {"status": "released", "version": 1})
    assert response.status_code == 200
    assert "cannot become released" in response.content.decode()
    response = client.post(f"/webb/onskemal/{request.pk}/status/", {"status": "accepted", "version": 1})
    assert response.status_code == 302


def test_the_backlog_filter_shows_one_status_and_refuses_a_made_up_one(client):
    FeatureRequestFactory(status=S.RELEASED, title="Utgiven sökfunktion")
    FeatureRequestFactory(status=S.NEW, title="Ny kalender")
    client.force_login(UserFactory())
    page = client.get("/webb/onskemal/?status=released").content.decode()
    assert "Utgiven sökfunktion" in page and "Ny kalender" not in page
    response = client.get("/webb/onskemal/?status=hittepa")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ny kalender" in page  # the new requests, as without a filter
    assert "is-invalid" in page  # and the filter says what was wrong


def test_the_backlog_shows_a_new_support_on_the_next_view(client):
    request = FeatureRequestFactory(status=S.ACCEPTED, rank=1, value=3, effort=2, title="Bättre sök på webbplatsen")
    user = UserFactory(organisation=org("M"))
    client.force_login(user)

    def row(html):
        return html.split("Bättre sök på webbplatsen")[1].split("</tr>")[0]

    assert "text-bg-success" not in row(client.get("/webb/onskemal/").content.decode())
    services.feature_request_support(request=request, actor=user)
    assert "text-bg-success" in row(client.get("/webb/onskemal/").content.decode())  # the organisation's support


def test_the_backlogs_reorder_form_carries_the_requests_csrf_token(client):
    from django.urls import reverse
    from django.utils import timezone

    for rank in (1, 2):
        FeatureRequestFactory(status=S.ACCEPTED, rank=rank, value=3, effort=2)
    owner = UserFactory(organisation=org("M"))
    assign(Role.Code.FEATURE_OWNER, owner, year=timezone.localdate().year)
    client.force_login(owner)
    client.handler.enforce_csrf_checks = True
    page = client.get(reverse("webadmin:request_list")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[2].split('"')[0]
    first = FeatureRequest.objects.get(rank=1)
    response = client.post(reverse("webadmin:request_move", args=[first.pk]),
                           {"direction": "down", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.rank == 2


def test_the_backlog_is_paged_and_its_ranks_and_moves_run_across_pages(client, owner):
    """Past BACKLOG_PAGE_SIZE the backlog continues on the next page: the ranks go on counting, the
    first row of page 2 may move up (onto page 1), and a move posted from page 2 comes back to it."""
    from webadmin.views.requests import BACKLOG_PAGE_SIZE

    ranked = [FeatureRequestFactory(status=S.ACCEPTED, rank=i + 1, value=3, effort=2)
              for i in range(BACKLOG_PAGE_SIZE + 3)]
    client.force_login(owner)
    first = client.get("/webb/onskemal/").content.decode()
    assert ranked[0].title in first and ranked[BACKLOG_PAGE_SIZE].title not in first
    assert "?page=2" in first
    second = client.get("/webb/onskemal/?page=2").content.decode()
    assert ranked[BACKLOG_PAGE_SIZE].title in second and ranked[0].title not in second
    assert f'<td class="num">{BACKLOG_PAGE_SIZE + 1}</td>' in second
    response = client.post(f"/webb/onskemal/{ranked[BACKLOG_PAGE_SIZE].pk}/flytta/", {"direction": "up", "page": "2"})
    assert response.status_code == 302 and response["Location"] == "/webb/onskemal/?page=2#backlog"
    ranked[BACKLOG_PAGE_SIZE].refresh_from_db()
    ranked[BACKLOG_PAGE_SIZE - 1].refresh_from_db()
    assert ranked[BACKLOG_PAGE_SIZE].rank < ranked[BACKLOG_PAGE_SIZE - 1].rank
    # A page number that is not one goes to the first page, not to an error.
    assert client.get("/webb/onskemal/?page=x%27").status_code == 200
    assert client.post(f"/webb/onskemal/{ranked[0].pk}/flytta/", {"direction": "down", "page": "<b>"})[
        "Location"] == "/webb/onskemal/#backlog"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_history_page_says_what_each_step_did_and_why_in_the_readers_language(client, owner, language):
    """Issue 15: the history showed raw codes ("status: released") and hid the reasons for triage steps."""
    from django.urls import reverse

    request = services.feature_request_transition(request=FeatureRequestFactory(), status=S.ACCEPTED, actor=owner,
                                                  reason="Många redaktörer har bett om det")
    client.force_login(owner)
    client.cookies["django_language"] = language
    html = client.get(reverse("webadmin:request_history", args=[request.pk])).content.decode()
    assert "status: accepted" not in html
    with translation.override(language):
        expected = translation.gettext("Status changed to %(status)s") % {
            "status": str(S.ACCEPTED.label).lower()}
    assert expected in html
    assert "Många redaktörer har bett om det" in html
    rejected = services.feature_request_transition(request=FeatureRequestFactory(), status=S.REJECTED, actor=owner,
                                                   reason="Ligger utanför uppdraget")
    html = client.get(reverse("webadmin:request_history", args=[rejected.pk])).content.decode()
    assert "Ligger utanför uppdraget" in html
