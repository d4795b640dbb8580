"""Breadcrumbs on every page, from one tag ({% breadcrumbs %}, templates/includes/breadcrumbs.html):
every HTML page of the permission matrix but the start page and the admin's shows a trail that
begins at Min sida, leads only to pages that exist, and never names the page it is on (the page's
heading follows it)."""
from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from governance.models import User
from governance.templatetags.portal import section_of
from tests.security.matrixwalk import allowed_role, rows, url_for

GET_ROWS = [name for name, _ in rows("get")]
NO_TRAIL = {"governance:home"}  # the root; the admin has Django's own breadcrumbs
PRINT_PAGES = {"annualplan:plan_print"}  # a page made for paper: no navigation at all
TRAIL = re.compile(r'<nav aria-label="Brödsmulor"><ol class="breadcrumb">(.*?)</ol></nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


@pytest.mark.parametrize("name", GET_ROWS)
def test_every_page_has_a_trail_from_min_sida(demo, db, name):
    role = allowed_role(name)
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    if role is not None:
        client.force_login(User.objects.get(username=role))
    url = url_for(name)
    response = client.get(url)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return  # a redirect, a download, a feed: not a page
    html = response.content.decode()
    found = TRAIL.search(html)
    if name in NO_TRAIL or name.startswith("admin:"):
        assert found is None, f"{name}: the start page has no trail"
        return
    if role is None or name in PRINT_PAGES:  # signed out (no Min sida to go back to), or for paper
        return
    assert found, f"{name} ({url}) has no breadcrumbs"
    links = LINK.findall(found.group(1))
    assert links and links[0] == ("/", "Min sida"), f"{name}: the trail does not begin at Min sida: {links}"
    path = url.split("?")[0]
    assert all(href != path for href, _ in links), f"{name}: the trail names the page itself: {links}"
    for href, _label in links[1:]:
        step = client.get(href, follow=True)  # a section's entry may lead on to its current year
        assert step.status_code == 200, f"{name}: the trail leads to {href}, which does not open"
        assert step.request["PATH_INFO"] != path, f"{name}: the trail's {href} leads back to the page itself"


def test_a_page_without_a_trail_of_its_own_gets_its_section():
    with translation.override("en"):
        assert section_of("/moten/12/") == ("Meetings", "/moten/")
        assert section_of("/verksamhetsplan/handlingsplaner/2026/")[1] == "/verksamhetsplan/handlingsplaner/"
        assert section_of("/verksamhetsplan/2026/")[1] == "/verksamhetsplan/"
        assert section_of("/webb/onskemal/3/")[1] == "/webb/onskemal/"
        assert section_of("/konto/losenord/") is None
