"""Handbook and FAQ (safe Markdown, draft and published, versions, search) and policies
(adopted by the steering group, versioned with the decision date)."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.governance.factories import UserFactory
from tests.webadmin.factories import assign, steering_group
from webadmin import selectors, services
from webadmin.models import HandbookPage, PolicyVersion, Role, SteeringDecision
from webadmin.rendering import render_markdown

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(year):
    user = UserFactory()
    assign(Role.Code.SUPPORT_OWNER, user, year=year)
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("source", [
    "<script>alert('x')</script>",
    "[klicka](javascript:alert('x'))",
    '<a href="javascript:alert(1)">länk</a>',
    '<img src="x" onerror="alert(1)">',
    '<p onclick="alert(1)">text</p>',
    "<iframe src='https://evil.example'></iframe>",
    '<a href="JaVaScRiPt:alert(1)">länk</a>',
])
def test_no_script_survives_the_markdown(source):
    html = str(render_markdown(source)).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "<iframe" not in html


def test_markdown_keeps_what_editors_need():
    html = str(render_markdown("# Rubrik\n\n**fet** [länk](https://www.lansstyrelsen.se)\n\n- a\n- b"))
    assert "<h2>Rubrik</h2>" in html  # the page title is the only <h1>
    assert "<strong>fet</strong>" in html
    assert 'href="https://www.lansstyrelsen.se"' in html and 'rel="noopener noreferrer"' in html
    assert "<li>a</li>" in html


def test_pages_are_drafts_until_published_and_every_edit_is_a_version(client, editor):
    page = services.page_create(kind="faq", audience="both", title="Glömt lösenord", slug="glomt",
                                body="Ring Helpdesk.", actor=editor)
    reader = UserFactory()
    client.force_login(reader)
    assert client.get("/webb/handbok/glomt/").status_code == 404
    assert page not in selectors.pages(include_drafts=False)
    services.page_set_status(page=page, status="published", actor=editor)
    assert client.get("/webb/handbok/glomt/").status_code == 200
    page.refresh_from_db()
    services.page_update(page=page, version=page.version, actor=editor, body="Ring Helpdesk på 010-223 00 00.")
    page.refresh_from_db()
    assert page.version == 3
    versions = list(selectors.page_versions(page))
    assert [v.version for v in versions] == [3, 2, 1]
    assert versions[-1].body == "Ring Helpdesk."
    response = client.get("/webb/handbok/glomt/versioner/")
    assert response.status_code == 200


def test_the_published_page_shows_no_script(client, editor):
    page = services.page_create(kind="handbook", audience="editors", title="Farlig", slug="farlig",
                                body="Hej <script>alert(1)</script> [x](javascript:alert(2))", actor=editor)
    services.page_set_status(page=page, status="published", actor=editor)
    client.force_login(UserFactory())
    body = client.get("/webb/handbok/farlig/").content.decode()
    assert "alert(1)" not in body and "javascript:" not in body


def test_a_stale_edit_is_refused(editor):
    page = services.page_create(kind="faq", audience="both", title="A", slug="a", body="x", actor=editor)
    services.page_update(page=page, version=1, actor=editor, body="y")
    with pytest.raises(ValidationError, match="Someone else saved this"):
        services.page_update(page=page, version=1, actor=editor, body="z")


def test_a_second_editor_sees_the_saved_page_in_swedish_and_keeps_their_text(client, editor, year, settings):
    page = services.page_create(kind="faq", audience="both", title="Glömt lösenord", slug="glomt",
                                body="Ring Helpdesk.", actor=editor)
    other = UserFactory()
    assign(Role.Code.EDITORIAL_MANAGER, other, year=year)
    mine = {"version": page.version, "kind": "faq", "audience": "both", "title": "Glömt lösenord", "slug": "glomt",
            "body": "Min egen text.", "sort_order": "0"}
    services.page_update(page=page, version=page.version, actor=other, body="Ring Helpdesk på 010-223 00 00.")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    client.force_login(editor)
    with translation.override("sv"):
        response = client.post("/webb/handbok/glomt/andra/", mine)  # still version 1
    html = response.content.decode()
    assert response.status_code == 200
    saved, form = html.split("Versionen som någon annan sparade", 1)[1].split("</table>", 1)
    assert "Ring Helpdesk på 010-223 00 00." in saved and "Min egen text." not in saved
    assert "Min egen text." in form
    assert 'name="version" value="2"' in form  # saving again replaces the saved version
    assert client.post("/webb/handbok/glomt/andra/", {**mine, "version": "2"}).status_code == 302
    page.refresh_from_db()
    assert (page.version, page.body) == (3, "Min egen text.")


def test_only_the_support_owner_and_editorial_manager_write(year):
    editor = UserFactory()
    assign(Role.Code.EDITORIAL_MANAGER, editor, year=year)
    services.page_create(kind="faq", audience="both", title="B", slug="b", body="x", actor=editor)
    with pytest.raises(PermissionDenied):
        services.page_create(kind="faq", audience="both", title="C", slug="c", body="x", actor=UserFactory())


def test_search_over_title_and_text(client, editor):
    for slug, title, body in (("bilder", "Bilder", "Alternativtext krävs."), ("video", "Video", "Undertexter."),
                              ("utkast", "Bildutkast", "Hemlig")):
        page = services.page_create(kind="handbook", audience="both", title=title, slug=slug, body=body, actor=editor)
        if slug != "utkast":
            services.page_set_status(page=page, status="published", actor=editor)
    assert [p.slug for p in selectors.pages(query="alternativ")] == ["bilder"]
    assert [p.slug for p in selectors.pages(query="bild")] == ["bilder"]  # drafts are not found by readers
    assert {p.slug for p in selectors.pages(query="bild", include_drafts=True)} == {"bilder", "utkast"}
    client.force_login(UserFactory())
    body = client.get("/webb/handbok/?q=undertext").content.decode()
    assert "Video" in body and "Bilder" not in body


def test_policies_are_adopted_by_the_steering_group_with_the_decision_date(client, year):
    _sg, chair, _ = steering_group(year)
    policy = services.policy_adopt(title="Tillgänglighetspolicy", kind="policy", body="WCAG 2.1 AA.",
                                   decided_on=dt.date(year, 2, 1), actor=chair)
    services.policy_version_adopt(policy=policy, body="WCAG 2.2 AA.", decided_on=dt.date(year, 9, 1), actor=chair)
    versions = list(PolicyVersion.objects.filter(policy=policy).order_by("number"))
    assert [(v.number, v.decision.decided_on) for v in versions] == [(1, dt.date(year, 2, 1)), (2, dt.date(year, 9, 1))]
    assert SteeringDecision.objects.filter(kind=SteeringDecision.Kind.POLICY, recorded_by=chair).count() == 2
    with pytest.raises(ValidationError, match="cannot be decided before"):
        services.policy_version_adopt(policy=policy, body="x", decided_on=dt.date(year, 3, 1), actor=chair)
    with pytest.raises(PermissionDenied):
        services.policy_adopt(title="Annan", kind="guideline", body="x", decided_on=dt.date(year, 2, 1),
                              actor=UserFactory())
    client.force_login(UserFactory())
    body = client.get(f"/webb/riktlinjer/{policy.pk}/").content.decode()
    assert "WCAG 2.2 AA." in body and f"{year}-09-01" in body


def test_draft_pages_are_listed_for_editors_only(client, editor):
    services.page_create(kind="faq", audience="both", title="Utkastet", slug="utkastet", body="x", actor=editor)
    client.force_login(editor)
    assert "Utkastet" in client.get("/webb/handbok/").content.decode()
    client.force_login(UserFactory())
    assert "Utkastet" not in client.get("/webb/handbok/").content.decode()
    assert HandbookPage.objects.count() == 1
