"""The domain journeys of the proof issue, in a real Chromium with axe-core on every page and a
screenshot of every step. Each journey is skipped (with the reason) while the app it walks through
does not exist yet.

1. The operating plan to invoices: the chair sends a plan out for consultation; an information
   manager (infochef, Dalarna — the demo leaves Dalarna's answer on the 2027 plan open) answers;
   the chair closes the consultation; the steering group votes the 2027 plan through; the director
   records the fee decision; the information manager of the system owner issues the invoices; the
   information manager sees Dalarna's invoice.
   (The demo already has the 2027 plan out for consultation, so the "send out" step is shown on a
   new 2028 plan the chair creates.)
2. Proposals and requests: a communicator writes and submits a proposal and a feature request; the
   information manager forwards the proposal to the steering group; the web development lead
   schedules a joint meeting of the web management group and the steering group."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_a11y


def needs(*names: str):
    from tests.test_permission_matrix import url_names

    missing = sorted(set(names) - set(url_names()))
    return pytest.mark.skipif(bool(missing), reason=f"not built yet: {missing}")


def success(page, text: str | re.Pattern):
    expect(page.locator(".messages .alert-success")).to_contain_text(text)


def submit(page, form_selector: str):
    with page.expect_navigation():
        page.locator(f"{form_selector} [type=submit]").first.click()


STEERING_2026 = ["chair", "steering", "ic-ab", "ic-e"]  # four of the six: a majority


@needs("annualplan:plan_create", "annualplan:plan_open_consultation", "annualplan:consultation_answer",
       "annualplan:plan_close_consultation", "annualplan:plan_vote", "fees:proposal_decide",
       "fees:invoices_generate", "fees:invoice_list")
def test_plan_consultation_adoption_fee_decision_and_invoices(pages):
    today = dt.date.today()
    next_plan = today.year + 2
    plan_year = today.year + 1

    # 1. The chair creates next-but-one year's plan and sends it out for consultation.
    chair = pages.as_user("chair")
    chair.goto("/verksamhetsplan/")
    check_a11y(chair, "plan-01-chair-plan-list")
    chair.goto("/verksamhetsplan/ny/")
    check_a11y(chair, "plan-02-chair-new-plan")
    chair.fill("input[name=year]", str(next_plan))
    chair.fill("input[name=title]", f"Verksamhetsplan {next_plan}")
    chair.fill("textarea[name=introduction]", "Förslag inför remiss.")
    submit(chair, "main form:has(input[name=year])")
    expect(chair).to_have_url(re.compile(rf"/verksamhetsplan/{next_plan}/$"))
    check_a11y(chair, "plan-03-chair-draft-plan")
    chair.fill("form[action$='/remiss/oppna/'] input[name=deadline]", (today + dt.timedelta(days=21)).isoformat())
    submit(chair, "form[action$='/remiss/oppna/']")
    expect(chair.locator(".messages .alert").first).to_be_visible()
    check_a11y(chair, "plan-04-chair-sent-out")

    # 2. The information manager of Dalarna answers the consultation on the plan for next year.
    infochef = pages.as_user("infochef")
    infochef.goto(f"/verksamhetsplan/{plan_year}/")
    check_a11y(infochef, "plan-05-infochef-plan")
    infochef.get_by_role("link", name="Besvara remissen").click()
    check_a11y(infochef, "plan-06-infochef-answer-form")
    infochef.select_option("select[name=organisation]", label="Länsstyrelsen i Dalarnas län")
    infochef.get_by_label("Tillstyrker med synpunkter").check()
    infochef.fill("textarea[name=comments]", "Vi tillstyrker. Fler utbildningar i klarspråk, tack.")
    submit(infochef, "main form:has(textarea[name=comments])")
    expect(infochef).to_have_url(re.compile(rf"/verksamhetsplan/{plan_year}/$"))
    success(infochef, "svar")
    check_a11y(infochef, "plan-07-infochef-answered")
    infochef.goto(f"/verksamhetsplan/{plan_year}/remiss/svar/")
    expect(infochef.locator("main")).to_contain_text("15 av 22")
    check_a11y(infochef, "plan-08-consultation-status")

    # 3. The chair closes the consultation; the steering group votes the plan through.
    chair.goto(f"/verksamhetsplan/{plan_year}/")
    submit(chair, "form[action$='/remiss/stang/']")
    # The confirmation page names what happens and who has not answered; the chair confirms.
    expect(chair.locator("h1")).to_contain_text("Avsluta remissen")
    expect(chair.locator("main")).to_contain_text("Organisationer som inte har svarat")
    check_a11y(chair, "plan-09a-confirm-closing-the-consultation")
    submit(chair, "form:has(input[name=confirmed])")
    success(chair, "Remissen är avslutad")
    check_a11y(chair, "plan-09-chair-consultation-closed")
    for n, member in enumerate(STEERING_2026, start=1):
        voter = chair if member == "chair" else pages.as_user(member)
        voter.goto(f"/verksamhetsplan/{plan_year}/")
        voter.locator("form[action$='/rosta/']").get_by_label("Godkänn").check()
        submit(voter, "form[action$='/rosta/']")
        success(voter, "Din röst")
        check_a11y(voter, f"plan-10-vote-{n}-{member}")
    success(voter, "fastställd")

    # 4. The director records the fee decision on next year's fee proposal.
    director = pages.as_user("director")
    director.goto("/avgifter/")
    check_a11y(director, "fees-01-director-overview")
    director.goto(f"/avgifter/budget/{plan_year}/")
    check_a11y(director, "fees-02-director-budget")
    director.locator("main").get_by_role("link", name=re.compile(rf"Avgiftsförslag {plan_year}|Under beredning")).first.click()
    expect(director.get_by_role("heading", level=1)).to_contain_text(f"Avgiftsförslag {plan_year}")
    check_a11y(director, "fees-03-director-proposal")
    director.fill("form[action$='/besluta/'] input[name=decided_on]", today.isoformat())
    submit(director, "form[action$='/besluta/']")
    expect(director).to_have_url(re.compile(r"/avgifter/beslut/\d+/$"))
    expect(director.get_by_role("heading", level=1)).to_contain_text(f"Avgiftsbeslut {plan_year}")
    check_a11y(director, "fees-04-director-decision")
    decision_url = director.url

    # 5. The system owner's information manager (Västra Götaland) issues the invoices.
    issuer = pages.as_user("ic-o")
    issuer.goto(decision_url)
    check_a11y(issuer, "fees-05-issuer-decision")
    submit(issuer, "form[action$='/fakturera/']")
    expect(issuer.locator("main")).to_contain_text(f"{plan_year}-001")
    expect(issuer.locator("main")).to_contain_text(f"{plan_year}-021")  # 22 payers, the owner not invoiced
    expect(issuer.locator("main")).to_contain_text("avräknas internt")
    check_a11y(issuer, "fees-06-invoices-issued")

    # 6. The information manager of Dalarna sees Dalarna's invoice.
    infochef.goto("/avgifter/fakturor/")
    expect(infochef.locator("main")).to_contain_text(f"{plan_year}-")
    check_a11y(infochef, "fees-07-infochef-invoices")


@needs("governance:proposal_create", "governance:proposal_submit", "governance:proposal_forward",
       "webadmin:request_create", "governance:meeting_create")
def test_proposal_feature_request_forwarding_and_a_joint_meeting(pages):
    # 1. A communicator writes a proposal and submits it to their information manager.
    communicator = pages.as_user("communicator")
    communicator.goto("/forslag/")
    check_a11y(communicator, "proposal-01-list")
    communicator.get_by_role("link", name="Skriv ett förslag").click()
    check_a11y(communicator, "proposal-02-form")
    communicator.fill("input[name=title]", "Gemensam poddserie om klimatanpassning")
    communicator.fill("textarea[name=description]", "Sex avsnitt där länen berättar om sitt arbete.")
    communicator.fill("textarea[name=expected_benefit]", "Fler når vår information; lägre kostnad per län.")
    submit(communicator, "main form:has(input[name=title])")
    success(communicator, "utkast")
    check_a11y(communicator, "proposal-03-draft")
    proposal_url = communicator.url
    submit(communicator, "form[action$='/skicka-in/']")
    success(communicator, "informationschef")
    check_a11y(communicator, "proposal-04-submitted")

    # 2. … and a feature request for the website.
    communicator.goto("/webb/onskemal/")
    check_a11y(communicator, "request-01-backlog")
    communicator.goto("/webb/onskemal/nytt/")
    check_a11y(communicator, "request-02-form")
    communicator.fill("input[name=title]", "Filtrera nyheter per län")
    communicator.get_by_label("Extern webbplats").check()
    communicator.fill("textarea[name=problem]", "Besökare hittar inte sitt läns nyheter.")
    communicator.fill("textarea[name=proposal]", "Ett filter per län på nyhetslistan.")
    communicator.fill("textarea[name=affected]", "Alla besökare på den externa webbplatsen.")
    submit(communicator, "main form:has(input[name=title])")
    expect(communicator).to_have_url(re.compile(r"/webb/onskemal/\d+/$"))
    expect(communicator.get_by_role("heading", level=1)).to_contain_text("Filtrera nyheter per län")
    check_a11y(communicator, "request-03-submitted")

    # 3. The information manager forwards the proposal to the steering group.
    infochef = pages.as_user("infochef")
    infochef.goto(proposal_url)
    check_a11y(infochef, "proposal-05-infochef")
    infochef.fill("form[action$='/vidarebefordra/'] textarea[name=comment]", "Stöds av Dalarna.")
    submit(infochef, "form[action$='/vidarebefordra/']")
    expect(infochef.locator(".messages .alert").first).to_be_visible()
    check_a11y(infochef, "proposal-06-forwarded")
    chair = pages.as_user("chair")  # the steering group sees what was forwarded to it
    chair.goto("/forslag/vidarebefordrade/")
    expect(chair.locator("main")).to_contain_text("Gemensam poddserie om klimatanpassning")
    check_a11y(chair, "proposal-07-forwarded-list-chair")

    # 4. The web development lead schedules a joint meeting with the steering group.
    weblead = pages.as_user("weblead")
    weblead.goto("/moten/")
    check_a11y(weblead, "meeting-01-list")
    weblead.goto("/moten/nytt/")
    check_a11y(weblead, "meeting-02-form")
    weblead.select_option("select[name=body]", label=f"Webbförvaltningsgruppen {dt.date.today().year}")
    weblead.locator("input[name=joint_bodies]").locator("xpath=..").filter(
        has_text=re.compile(rf"Styrgruppen {dt.date.today().year}")).locator("input").check()
    day = dt.date.today() + dt.timedelta(days=30)
    weblead.fill("input[name=title]", "Gemensamt möte: webbplattformens färdplan")
    weblead.fill("input[name=start]", f"{day.isoformat()}T13:00")
    weblead.fill("input[name=end]", f"{day.isoformat()}T15:00")
    weblead.fill("input[name=place]", "Länsstyrelsen i Uppsala län")
    weblead.fill("input[name='agenda-0-title']", "Färdplan för webbplattformen")
    weblead.fill("input[name='agenda-0-duration_minutes']", "60")
    submit(weblead, "main form:has(input[name=title])")
    expect(weblead).to_have_url(re.compile(r"/moten/\d+/$"))
    expect(weblead.get_by_role("heading", level=1)).to_contain_text("Gemensamt möte: webbplattformens färdplan")
    expect(weblead.locator("main")).to_contain_text(f"Styrgruppen {dt.date.today().year}")
    check_a11y(weblead, "meeting-03-created")
