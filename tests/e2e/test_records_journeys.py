"""Public records in a real Chromium, with axe-core on every page: the demo's draft minutes go
through adjustment (the chair sends them to the adjuster, she approves, the chair publishes the
adjusted version); the chair adds a document with a new version to the steering group's archive and
links it to the meeting; the archivist approves this year's culling list and reads its log."""
from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.e2e.conftest import check_a11y

MEETING = "Styrgruppsmöte: krisberedskap och kommunikation"


def success(page, text: str):
    expect(page.locator(".messages .alert-success")).to_contain_text(text)


def click(page, name: str):
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def test_minutes_go_through_adjustment_before_they_are_published(pages):
    chair = pages.as_user("chair")
    chair.goto("/moten/")
    chair.get_by_role("link", name=re.compile(MEETING)).first.click()
    meeting_url = chair.url
    chair.goto(meeting_url + "minnesanteckningar/")
    minutes_url = chair.url
    expect(chair.locator("#adjustment-heading")).to_be_visible()
    expect(chair.locator("main")).to_contain_text("Utkastet har inte skickats till justerarna.")
    check_a11y(chair, "adjustment-01-draft")
    click(chair, "Skicka för justering")
    success(chair, "justerarna")
    # While the adjuster has the draft it is locked: no publishing.
    expect(chair.get_by_role("button", name=re.compile("Publicera version"))).to_have_count(0)
    check_a11y(chair, "adjustment-02-sent")

    steering = pages.as_user("steering")
    steering.goto(minutes_url)
    check_a11y(steering, "adjustment-03-adjuster")
    steering.get_by_label("Jag godkänner minnesanteckningarna som de är").check()
    click(steering, "Skicka ditt svar")
    expect(steering.locator(".messages .alert").first).to_be_visible()

    chair.goto(minutes_url)
    expect(chair.locator("main")).to_contain_text("Justerad: alla justerare har godkänt")
    click(chair, "Publicera version 1")  # the confirmation page
    check_a11y(chair, "adjustment-04-confirm")
    click(chair, "Publicera version 1")
    expect(chair.locator(".messages .alert-success")).to_be_visible()
    expect(chair.get_by_role("button", name=re.compile("Publicera version"))).to_have_count(0)
    check_a11y(chair, "adjustment-05-published")


def test_a_document_with_two_versions_in_the_steering_groups_archive(pages, tmp_path):
    first, second = tmp_path / "Rutin för kriskommunikation.pdf", tmp_path / "Rutin v2.pdf"
    from governance.documents.demo import pdf

    first.write_bytes(pdf("Rutin", "version 1"))
    second.write_bytes(pdf("Rutin", "version 2"))
    chair = pages.as_user("chair")
    chair.goto("/dokument/")
    check_a11y(chair, "documents-01-archive")
    chair.get_by_role("link", name="Lägg till ett dokument").click()
    chair.select_option("#pick-body", label=f"Styrgruppen {dt.date.today().year}")
    click(chair, "Välj")
    check_a11y(chair, "documents-02-form")
    chair.fill("input[name=title]", "Rutin för samordnad kriskommunikation")
    chair.select_option("select[name=kind]", "governing")
    chair.select_option("select[name=readers]", "network")
    chair.locator("input[name=meetings]").locator("xpath=..").filter(has_text=MEETING).locator("input").check()
    chair.set_input_files("input[name=file]", str(first))
    click(chair, "Lägg till i arkivet")
    success(chair, "arkivet")
    document_url = chair.url
    chair.get_by_role("link", name="Lägg till en ny version").click()
    chair.set_input_files("input[name=file]", str(second))
    chair.fill("input[name=note]", "Kontaktlistan uppdaterad")
    click(chair, "Ladda upp")
    expect(chair.locator("main table")).to_contain_text("Kontaktlistan uppdaterad")
    expect(chair.locator("main table tbody tr")).to_have_count(2)
    check_a11y(chair, "documents-03-detail")
    # The communicator (in the network) reads it from the archive; the meeting links to it.
    communicator = pages.as_user("communicator")
    communicator.goto("/dokument/?q=kriskommunikation")
    communicator.get_by_role("link", name="Rutin för samordnad kriskommunikation").click()
    expect(communicator).to_have_url(document_url)
    chair.goto("/moten/")
    chair.get_by_role("link", name=re.compile(MEETING)).first.click()
    expect(chair.get_by_role("link", name="Rutin för samordnad kriskommunikation")).to_be_visible()


def test_the_archivist_approves_the_culling_list(pages):
    archivist = pages.as_user("archivist")
    archivist.goto("/arkiv/gallring/")
    expect(archivist.locator("main")).to_contain_text("Gallras efter 5 år")
    check_a11y(archivist, "culling-01-schedule")
    archivist.locator("main table").nth(1).get_by_role("link").first.click()
    expect(archivist.locator("main")).to_contain_text("Presentation från nätverksträffen 2019")
    check_a11y(archivist, "culling-02-list")
    click(archivist, "Godkänn och gallra")  # the confirmation page
    expect(archivist.locator("main")).to_contain_text("kan inte ångras")
    click(archivist, "Godkänn och gallra")
    success(archivist, "verkställdes")
    expect(archivist.locator("main")).to_contain_text("Gallrad")
    check_a11y(archivist, "culling-03-log")
