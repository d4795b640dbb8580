"""News and announcements (issue 19): who publishes to which audience, who reads (today's
memberships), the Markdown shown sanitised, the image's alt text, the personal Atom feed behind the
secret address, Min sida's panel and two editors at once."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.authority import facts, today
from governance.bodies.models import Body, Membership
from governance.memo import scope
from governance.news import selectors, services
from governance.news.demo import png
from governance.news.models import NewsItem
from tests import hostile
from tests.clock import at
from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    UserFactory,
    info_manager,
    org,
    standing,
)

pytestmark = pytest.mark.django_db
ADD = reverse("governance:news_add")
LIST = reverse("governance:news_list")


def communicator(code: str, start=dt.date(2020, 1, 1), end=None, **kwargs):
    user = UserFactory(organisation=org(code), **kwargs)
    MembershipFactory(body=standing(Body.Kind.COMMUNICATORS_NETWORK), user=user, start=start, end=end)
    return user


def steering_member(code: str = "F"):
    user = info_manager(code)
    group, _ = Body.objects.get_or_create(kind=Body.Kind.STEERING_GROUP, year=today().year,
                                          defaults={"name": f"Styrgruppen {today().year}"})
    MembershipFactory(body=group, user=user)
    return user, group


def publish(actor, **kwargs) -> NewsItem:
    fields = {"title": "Nyhet", "text": "Text", "audience": NewsItem.Audience.NETWORK, **kwargs}
    return services.news_publish(actor=actor, **fields)


def shown_form(client, url: str) -> hostile.PageForm:
    page = client.get(url)
    assert page.status_code == 200
    return hostile.form_posting_to(page.content.decode(), url, url)


# --- Who publishes where ---------------------------------------------------------------------------
def test_an_information_manager_publishes_to_their_organisation_as_the_form_shows(client):
    manager, reader = info_manager("W"), communicator("W")
    client.force_login(manager)
    form = shown_form(client, ADD)
    assert form.fields["audience"].options == [f"organisation-{org('W').pk}"]
    data = hostile.filled(form, today(), {"title": "Nya rutiner", "text": "Läs **rutinen**."})
    response = client.post(ADD, data)
    item = NewsItem.objects.get()
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert (item.audience, item.organisation, item.author) == (NewsItem.Audience.ORGANISATION, org("W"), manager)
    client.force_login(reader)
    assert "<strong>rutinen</strong>" in client.get(item.get_absolute_url()).content.decode()


def test_the_steering_group_publishes_to_the_network_and_its_own_body(client):
    member, group = steering_member()
    client.force_login(member)
    options = shown_form(client, ADD).fields["audience"].options
    assert {"network", f"body-{group.pk}", f"organisation-{org('F').pk}"} == set(options)


def test_a_bodys_officers_publish_to_the_body_only(client):
    group = BodyFactory()
    leader = MembershipFactory(body=group, position=Membership.Position.LEADER).user
    client.force_login(leader)
    assert shown_form(client, ADD).fields["audience"].options == [f"body-{group.pk}"]
    member = MembershipFactory(body=group).user
    client.force_login(member)
    assert client.get(ADD).status_code == 403


def test_a_communicator_may_not_publish_and_nothing_is_saved(client):
    client.force_login(communicator("W"))
    assert client.get(ADD).status_code == 403
    response = client.post(ADD, {"title": "X", "text": "Y", "audience": "network"})
    assert response.status_code == 403
    assert "steering group" in response.content.decode() or "styrgrupp" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_an_audience_not_offered_is_refused_with_a_message(client):
    client.force_login(info_manager("W"))
    response = client.post(ADD, {"title": "X", "text": "Y", "audience": "network"})
    assert response.status_code == 200 and response.context["form"].errors["audience"]
    other = f"organisation-{org('AB').pk}"
    assert client.post(ADD, {"title": "X", "text": "Y", "audience": other}).context["form"].errors["audience"]
    assert not NewsItem.objects.exists()


def test_the_service_refuses_a_publisher_outside_their_audience():
    manager = info_manager("W")
    with pytest.raises(PermissionDenied, match="får inte publicera|may not publish"):
        publish(manager)
    with pytest.raises(PermissionDenied):
        publish(manager, audience=NewsItem.Audience.ORGANISATION, organisation=org("AB"))
    assert not NewsItem.objects.exists()


# --- Who reads ----------------------------------------------------------------------------------------
def test_readers_are_those_of_today_across_a_memberships_end(client):
    day = today()
    leaving = communicator("W", end=day + dt.timedelta(days=3))
    member, _group = steering_member()
    network_item = publish(member)
    dalarna = publish(info_manager("W"), audience=NewsItem.Audience.ORGANISATION, organisation=org("W"))
    stranger = communicator("AB")
    client.force_login(leaving)
    assert {i.pk for i in client.get(LIST).context["page"]} == {network_item.pk, dalarna.pk}
    client.force_login(stranger)
    assert client.get(dalarna.get_absolute_url()).status_code == 403
    assert [i.pk for i in client.get(LIST).context["page"]] == [network_item.pk]
    at(day + dt.timedelta(days=3))
    client.force_login(leaving)
    assert client.get(dalarna.get_absolute_url()).status_code == 200
    at(day + dt.timedelta(days=4))
    client.force_login(leaving)  # (a session lives a working day)
    assert client.get(dalarna.get_absolute_url()).status_code == 403
    assert client.get(network_item.get_absolute_url()).status_code == 403
    assert list(client.get(LIST).context["page"]) == []


def test_a_bodys_news_is_read_by_its_members():
    group = BodyFactory()
    leader = MembershipFactory(body=group, position=Membership.Position.CHAIR).user
    item = publish(leader, audience=NewsItem.Audience.BODY, body=group)
    member, outsider = MembershipFactory(body=group).user, communicator("W")
    assert member.has_perm("governance.view_newsitem", item)
    assert not outsider.has_perm("governance.view_newsitem", item)
    assert list(selectors.news_list(member)) == [item] and not selectors.news_list(outsider).exists()


# --- Markdown, sanitised ---------------------------------------------------------------------------
HOSTILE = """# Rubrik
<script>alert(1)</script>
<img src=x onerror=alert(2)>
[klicka](javascript:alert(3))
<a href="javascript:alert(4)" onclick="alert(5)">länk</a>
<div onmouseover="alert(6)">text</div>
[bra länk](https://www.lansstyrelsen.se)
"""


def test_hostile_markdown_is_shown_sanitised(client):
    manager = info_manager("W")
    item = publish(manager, audience=NewsItem.Audience.ORGANISATION, organisation=org("W"), text=HOSTILE)
    client.force_login(manager)
    html = client.get(item.get_absolute_url()).content.decode().lower()
    article = html.split('<div class="news-text">', 1)[1].split("</article>", 1)[0]
    for bad in ("<script", "onerror", "onclick", "onmouseover", "javascript:"):
        assert bad not in article, bad
    assert '<a href="https://www.lansstyrelsen.se"' in article and "<h2>rubrik</h2>" in article


# --- Image and attachment --------------------------------------------------------------------------
def _png():
    return SimpleUploadedFile("bild.png", png(), content_type="image/png")


def test_an_image_needs_its_description_and_a_refused_one_leaves_no_file(client, settings):
    manager = info_manager("W")
    client.force_login(manager)
    choice = f"organisation-{org('W').pk}"
    response = client.post(ADD, {"title": "Bild", "text": "T", "audience": choice, "file": _png()})
    assert response.status_code == 200 and response.context["form"].errors["image_alt"]
    assert not NewsItem.objects.exists()
    news_dir = settings.MEDIA_ROOT / "news"
    assert not news_dir.exists() or not any(news_dir.rglob("*.png"))
    client.post(ADD, {"title": "Bild", "text": "T", "audience": choice, "file": _png(), "image_alt": "En blå ruta"})
    item = NewsItem.objects.get()
    html = client.get(item.get_absolute_url()).content.decode()
    assert f'src="{reverse("governance:news_file", args=[item.pk])}" alt="En blå ruta"' in html


def test_the_file_is_served_to_readers_only(client):
    manager = info_manager("W")
    item = publish(manager, audience=NewsItem.Audience.ORGANISATION, organisation=org("W"), upload=_png(),
                   image_alt="Ruta")
    url = reverse("governance:news_file", args=[item.pk])
    client.force_login(communicator("W"))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    client.force_login(communicator("AB"))
    assert client.get(url).status_code == 403


# --- The feed -------------------------------------------------------------------------------------
def test_the_feed_holds_what_its_owner_reads_today(client):
    member, _group = steering_member()
    network_item = publish(member, title="Till nätverket")
    dalarna = publish(info_manager("W"), title="Till Dalarna", audience=NewsItem.Audience.ORGANISATION,
                      organisation=org("W"))
    gone = publish(member, title="Tillbakadragen")
    services.news_withdraw(item=gone, actor=member)
    reader = communicator("AB", email="hemlig@example.org")
    reader.calendar_token = "a" * 40
    reader.save()
    assert client.get(reverse("governance:news_feed", args=["b" * 40])).status_code == 404
    response = client.get(reverse("governance:news_feed", args=[reader.calendar_token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert network_item.title in text and dalarna.title not in text and gone.title not in text
    assert str(member) in text and "hemlig@example.org" not in text and member.email not in text
    assert response["Cache-Control"] == "private, no-store"
    only = client.get(reverse("governance:news_feed", args=[reader.calendar_token]) + "?audience=organisation")
    assert network_item.title not in only.content.decode()
    client.force_login(reader)
    assert reader.calendar_token in client.get(LIST).content.decode()


# --- Min sida ------------------------------------------------------------------------------------------
def test_the_panel_puts_pinned_then_ones_own_then_the_network_newest_first(client):
    member, group = steering_member("W")
    reader = communicator("W")
    old_network = publish(member, title="Gammal")
    pinned = publish(member, title="Fäst", pinned_until=today() + dt.timedelta(days=5))
    own = publish(member, title="Eget län", audience=NewsItem.Audience.ORGANISATION, organisation=org("W"))
    newest_network = publish(member, title="Nyast")
    ancient = publish(member, title="Uråldrig")
    NewsItem.objects.filter(pk=ancient.pk).update(published_at=ancient.published_at - dt.timedelta(days=60))
    NewsItem.objects.filter(pk=pinned.pk).update(published_at=pinned.published_at - dt.timedelta(days=50))
    with scope():
        facts(reader)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            shown = selectors.most_relevant(reader, today())
    assert len(queries.captured_queries) == 1
    assert [i.title for i in shown] == [pinned.title, own.title, newest_network.title, old_network.title]
    client.force_login(reader)
    html = client.get(reverse("governance:home")).content.decode()
    assert pinned.title in html and ancient.title not in html


# --- Changing and withdrawing ----------------------------------------------------------------------
def test_two_editors_at_once_get_the_conflict_screen_and_nothing_is_lost(client):
    first, _group = steering_member("F")
    second, _ = steering_member("M")
    item = publish(first, title="Ursprunglig")
    url = reverse("governance:news_edit", args=[item.pk])
    client.force_login(first)
    mine = hostile.filled(shown_form(client, url), today(), {"title": "Förstas rubrik"})
    from django.test import Client

    other = Client()
    other.force_login(second)
    theirs = hostile.filled(shown_form(other, url), today(), {"title": "Andras rubrik"})
    assert client.post(url, mine).status_code == 302
    response = other.post(url, theirs)
    html = response.content.decode()
    assert response.status_code == 200 and "Förstas rubrik" in html and "Andras rubrik" in html
    assert NewsItem.objects.get(pk=item.pk).title == "Förstas rubrik"
    again = hostile.form_posting_to(html, url, url)
    assert other.post(url, hostile.filled(again, today())).status_code == 302
    assert NewsItem.objects.get(pk=item.pk).title == "Andras rubrik"


def test_only_the_author_and_the_audiences_publishers_change_it(client):
    manager = info_manager("W")
    item = publish(manager, audience=NewsItem.Audience.ORGANISATION, organisation=org("W"))
    url = reverse("governance:news_edit", args=[item.pk])
    client.force_login(info_manager("AB"))
    assert client.get(url).status_code == 403
    client.force_login(communicator("W"))
    assert client.get(url).status_code == 403
    assert client.post(reverse("governance:news_withdraw", args=[item.pk]), {"confirmed": "1"}).status_code == 403
    client.force_login(info_manager("W"))  # a second manager of Dalarna's, not the author
    assert client.get(url).status_code == 200


def test_withdrawing_asks_first_then_hides_it_from_its_readers(client):
    manager, reader = info_manager("W"), communicator("W")
    item = publish(manager, audience=NewsItem.Audience.ORGANISATION, organisation=org("W"))
    url = reverse("governance:news_withdraw", args=[item.pk])
    client.force_login(manager)
    assert client.post(url).status_code == 200  # the confirmation page
    assert NewsItem.objects.get(pk=item.pk).withdrawn_at is None
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    item.refresh_from_db()
    assert item.withdrawn_at is not None and item.history.first().history_change_reason == "news withdrawn"
    client.force_login(reader)
    assert client.get(item.get_absolute_url()).status_code == 403
    assert not list(client.get(LIST).context["page"])


# --- The demo ---------------------------------------------------------------------------------------
def test_the_demo_shows_the_news_to_its_readers(demo, db, login):
    client = login("communicator")
    listed = [i.title for i in client.get(LIST).context["page"]]
    assert "Dalarna: nya rutiner för pressmeddelanden" in listed
    assert "Verksamhetsplanen för nästa år går ut på remiss" in listed
    assert "Styrgruppen: underlag inför nästa möte" not in listed
    assert "Dalarna: nya rutiner" in client.get(reverse("governance:home")).content.decode()
    client = login("chair")
    assert "Styrgruppen: underlag inför nästa möte" in [i.title for i in client.get(LIST).context["page"]]
    client = login("director")
    assert list(client.get(LIST).context["page"]) == []
