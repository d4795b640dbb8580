import pytest

from governance.authority import today


@pytest.fixture
def year():
    return today().year


@pytest.fixture(autouse=True)
def english(english):
    """webadmin's messages are asserted in their English source text (tests/conftest.py's fixture,
    for every test here; test_swedish.py looks at a few in Swedish)."""
    yield
