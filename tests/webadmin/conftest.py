import pytest
from django.utils import translation

from governance.authority import today


@pytest.fixture
def year():
    return today().year


@pytest.fixture(autouse=True)
def english(client, settings):
    """The messages are asserted in their English source text (the Swedish catalogue is checked by
    tests/test_i18n_catalogue.py; test_swedish.py looks at a few in Swedish)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
