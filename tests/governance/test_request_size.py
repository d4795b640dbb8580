"""An oversized upload is refused from its Content-Length, before the body is read, with a page that
says why (413), in Swedish."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.REQUEST_MAX_BYTES = 1024
    url = reverse("governance:proposal_create")

    class Unread:
        """A body that fails the test if anything reads it."""

        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    response = client.generic("POST", url, data=b"", content_type="multipart/form-data; boundary=x",
                              **{"CONTENT_LENGTH": str(100 * 1024 * 1024), "wsgi.input": Unread()})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Filen är för stor" in page and "Inget sparades" in page


def test_a_body_within_the_limit_goes_through(client, settings):
    settings.REQUEST_MAX_BYTES = 1024
    response = client.post(reverse("governance:proposal_create"), {"title": "x"})
    assert response.status_code == 302  # to the log-in page: the request reached the view's decorator
