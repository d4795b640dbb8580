"""Numbers are written one way on every page (governance.money): on a Swedish page no amount or
share with a decimal point ("0.20", "500000.00") and no long number without its thousands grouped
("5000000"). Each HTML page of the permission matrix is read as a role that may see it (issue 15:
"−-100 000,00 kr", "5000000 kr", "500000.00 kronorna", "2830129,7", "0.2 av heltid")."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.conftest import sign_in
from tests.security.matrixwalk import allowed_role, url_for
from tests.test_permission_matrix import MATRIX

GET_PAGES = sorted(name for name, row in MATRIX.items() if row.method == "get")

# A decimal point between digits that is not part of a date, a time, a version or an address.
DOT_DECIMAL = re.compile(r"(?<![\d.:/-])\d{1,9}\.\d{1,3}(?![\d.:/-])")
# Six or more digits in a row not grouped: an amount written raw. (Years, ids and dates are shorter;
# organisation numbers, OCR and bank references are written with their own separators or are codes.)
UNGROUPED = re.compile(r"(?<![\w.:/-])\d{6,}(?:,\d+)?(?![\w.:/-])")
CODE_CONTEXT = re.compile(r"(OCR(?:-nummer)?|bankgiro|plusgiro|referens|organisationsnummer|GLN|id)\W*$", re.I)
# A standard's version ("WCAG 2.1", "EN 301 549") is not an amount.
STANDARD = re.compile(r"\b[A-Z]{2,}\s?$")


class _Text(HTMLParser):
    """The text a reader sees: no scripts, styles, attributes or code elements."""

    SKIP = {"script", "style", "code", "pre", "kbd", "samp"}

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    reader = _Text()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split())


def offending_numbers(text: str) -> list[str]:
    found = []
    for pattern in (DOT_DECIMAL, UNGROUPED):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 30):m.start()]
            if CODE_CONTEXT.search(before) or STANDARD.search(before):
                continue
            found.append(text[max(0, m.start() - 40):m.end() + 20])
    return found


@pytest.mark.parametrize("name", GET_PAGES)
def test_every_swedish_page_writes_its_numbers_one_way(demo, db, name):
    role = allowed_role(name)
    client = Client()
    if role:
        sign_in(client, role)
    response = client.get(url_for(name), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code < 500
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return  # a download, a feed or a redirect: its figures are checked by the export tests
    bad = offending_numbers(visible_text(response.content.decode()))
    assert not bad, f"{name}: numbers not written the one way:\n" + "\n".join(bad)
