"""The accessibility statement (issue 16; the DOS law as Digg describes it): open to everyone,
linked from every page's footer, in Swedish and English, with the known problems from the admin
and a feedback form whose messages are stored and sent to the administrators."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from governance.notifications.models import Notification
from governance.people.models import User
from webadmin.models import AccessibilityFeedback, AccessibilityProblem
from webadmin.views.accessibility import DIGG_REPORT_URL

pytestmark = pytest.mark.usefixtures("demo", "db")
URL = "/webb/tillganglighet/"


def test_the_statement_is_open_without_logging_in_and_linked_from_every_page(login):
    assert reverse("webadmin:accessibility") == URL
    anonymous = Client()
    page = anonymous.get(URL, HTTP_ACCEPT_LANGUAGE="sv")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tillgänglighetsredogörelse för Samordna" in html and "delvis förenlig" in html
    assert DIGG_REPORT_URL in html
    problem = AccessibilityProblem.objects.get(criterion="1.3.1")
    assert problem.description in html and problem.workaround in html
    # The footer of the log-in page and of a signed-in page leads to it.
    assert f'href="{URL}"' in anonymous.get(reverse("login")).content.decode()
    assert f'href="{URL}"' in login("communicator").get(reverse("governance:home")).content.decode()


def test_the_statement_in_english_shows_the_english_texts():
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(URL).content.decode()
    problem = AccessibilityProblem.objects.get(criterion="1.3.1")
    assert "Accessibility statement for Samordna" in html and "partially compliant" in html
    assert problem.description_en in html and problem.description not in html


def test_a_fixed_problem_is_no_longer_listed():
    problem = AccessibilityProblem.objects.get(criterion="1.3.1")
    problem.fixed_on = dt.date.today()
    problem.save()
    assert problem.description not in Client().get(URL).content.decode()


def test_feedback_is_stored_and_sent_to_every_administrator():
    admins = list(User.objects.filter(is_superuser=True, is_active=True))
    assert admins
    response = Client().post(URL, {"message": "Knappen Spara syns inte med 200 % zoom.", "page": "/avgifter/",
                                   "name": "Kim", "email": "kim@example.se"})
    assert response.status_code == 302 and response["Location"].startswith(URL)
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.page, feedback.email, feedback.sender) == ("/avgifter/", "kim@example.se", None)
    for admin in admins:
        note = Notification.objects.get(recipient=admin, target_id=feedback.pk, kind="webadmin_accessibility_feedback")
        assert "200 % zoom" in str(note.body)


def test_bad_feedback_is_refused_in_swedish_and_keeps_what_was_typed():
    response = Client().post(URL, {"message": "", "email": "inte-en-adress", "name": "Kim"},
                             HTTP_ACCEPT_LANGUAGE="sv")
    html = response.content.decode()
    assert response.status_code == 200 and "Detta fält måste fyllas i." in html
    assert 'value="inte-en-adress"' in html and 'value="Kim"' in html
    assert not AccessibilityFeedback.objects.exists()


def test_one_address_cannot_flood_the_administrators():
    client = Client(REMOTE_ADDR="192.0.2.7")
    for i in range(5):
        assert client.post(URL, {"message": f"Meddelande {i}"}).status_code == 302
    refused = client.post(URL, {"message": "Ett till"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 200 and "Ett till" in refused.content.decode()
    assert AccessibilityFeedback.objects.count() == 5
