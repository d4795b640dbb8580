"""Breadcrumbs on every page, from one tag ({% breadcrumbs %}, templates/includes/breadcrumbs.html):
every HTML page of the permission matrix but the start page and the admin's shows a trail that
begins at Min sida, leads only to pages that exist, and never names the page it is on (the page's
heading follows it)."""
from __future__ import annotations

import re

from django.test import Client
from django.utils import translation

from governance.people.models import User
from governance.templatetags.portal import section_of, sections_above
from tests.security.matrixwalk import allowed_role, rows, url_for

GET_ROWS = [name for name, _ in rows("get")]
NO_TRAIL = {"governance:home"}  # the root; the admin has Django's own breadcrumbs
PRINT_PAGES = {"annualplan:plan_print", "fees:invoice_print"}  # a page made for paper: no navigation at all
TRAIL = re.compile(r'<nav aria-label="Brödsmulor"><ol class="breadcrumb">(.*?)</ol></nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


def test_every_page_has_a_trail_from_min_sida(demo, db):
    """One walk over every page (each as a role that may open it), then each place a trail leads to
    opened once."""
    clients: dict[str | None, Client] = {}
    problems, leads_to = [], {}
    for name in GET_ROWS:
        role = allowed_role(name)
        if role not in clients:
            clients[role] = Client(HTTP_ACCEPT_LANGUAGE="sv")
            if role is not None:
                clients[role].force_login(User.objects.get(username=role))
        url = url_for(name)
        response = clients[role].get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue  # a redirect, a download, a feed: not a page
        found = TRAIL.search(response.content.decode())
        if name in NO_TRAIL or name.startswith("admin:"):
            if found is not None:
                problems.append(f"{name}: the start page has no trail")
            continue
        if role is None or name in PRINT_PAGES:  # signed out (no Min sida to go back to), or for paper
            continue
        if found is None:
            problems.append(f"{name} ({url}) has no breadcrumbs")
            continue
        links = LINK.findall(found.group(1))
        path = url.split("?")[0]
        if not links or links[0] != ("/", "Min sida"):
            problems.append(f"{name}: the trail does not begin at Min sida: {links}")
        if any(href == path for href, _ in links):
            problems.append(f"{name}: the trail names the page itself: {links}")
        for href, _label in links[1:]:
            leads_to.setdefault(href, []).append((role, name, path))
    for href, pages in leads_to.items():
        role = pages[0][0]
        step = clients[role].get(href, follow=True)  # a section's entry may lead on to its current year
        if step.status_code != 200:
            problems.append(f"{pages[0][1]}: the trail leads to {href}, which does not open ({step.status_code})")
            continue
        problems += [f"{name}: the trail's {href} leads back to the page itself"
                     for _role, name, path in pages if step.request["PATH_INFO"] == path]
    assert not problems, "\n".join(problems)


def test_a_page_without_a_trail_of_its_own_gets_its_section():
    with translation.override("en"):
        assert section_of("/moten/12/") == ("Meetings", "/moten/")
        assert section_of("/verksamhetsplan/handlingsplaner/2026/")[1] == "/verksamhetsplan/handlingsplaner/"
        assert section_of("/verksamhetsplan/2026/")[1] == "/verksamhetsplan/"
        assert section_of("/webb/onskemal/3/")[1] == "/webb/onskemal/"
        assert section_of("/konto/losenord/") is None
        assert sections_above("/webb/onskemal/3/") == [("Web management", "/webb/"),
                                                        ("Feature requests", "/webb/onskemal/")]
        assert sections_above("/webb/onskemal/") == [("Web management", "/webb/")]
        assert sections_above("/webb/") == []
