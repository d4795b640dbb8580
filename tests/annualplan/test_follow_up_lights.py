"""Follow-up at a glance: each quarterly follow-up of an activity, and of an organisation's measure,
carries a traffic light (on track, at risk, off track) with a short analysis when it is not on track;
the plan page and the evaluation overview show it as a badge with its word and filter by it; the
chair of today's steering group (and the activity's responsible person) is told once each time a
light turns red."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annualplan import services
from annualplan.models import FollowUp, Light, Measure, MeasureFollowUp, Plan, UnitActionPlan
from governance.notifications.models import Notification
from tests.clock import at
from tests.governance.factories import UserFactory, info_manager, org
from tests.test_edit_forms_round_trip import form_data

from .factories import ActivityFactory, PlanFactory, steering_group_of

KIND = "annualplan_off_track"
ON, RISK, OFF = Light.ON_TRACK, Light.AT_RISK, Light.OFF_TRACK


@pytest.fixture
def world(db, today):
    at(today)
    last_years = steering_group_of(today.year - 1, codes=["K", "N", "S", "T", "U", "X"])
    group = steering_group_of(today.year)
    plan = PlanFactory(year=today.year, status=Plan.Status.FOLLOW_UP)
    responsible = UserFactory(organisation=org("F"), first_name="Rut", last_name="Ansvarig")
    activity = ActivityFactory(plan=plan, title="Gemensam kampanj", responsible_person=responsible)
    dalarna = info_manager("W")
    unit_plan = UnitActionPlan.objects.create(organisation=org("W"), year=today.year, plan=plan)
    measure = Measure.objects.create(action_plan=unit_plan, title="Klarspråkskurs")
    return {"plan": plan, "activity": activity, "chair": group[0], "member": group[1], "former_chair": last_years[0],
            "responsible": responsible, "dalarna": dalarna, "unit_plan": unit_plan, "measure": measure}


def record(w, quarter: int, light: str, analysis: str = "", *, actor=None, activity=None, version=None):
    return services.follow_up_record(
        activity=activity or w["activity"], quarter=quarter, status="ongoing", comment="", light=light,
        analysis=analysis, spent_to_date=Decimal("0"), forecast=Decimal("100000"), actor=actor or w["member"],
        expected_version=version)


def told(user) -> int:
    return Notification.objects.filter(kind=KIND, recipient=user).count()


def follow_up_url(w, quarter=1) -> str:
    return reverse("annualplan:follow_up_edit", kwargs={"pk": w["activity"].pk, "quarter": quarter})


def measure_url(w, quarter=1) -> str:
    return reverse("annualplan:measure_follow_up_edit", kwargs={"pk": w["measure"].pk, "quarter": quarter})


# --- The form ---------------------------------------------------------------------------------------
def test_the_follow_up_form_shows_the_light_and_saves_what_it_shows(world, client):
    client.force_login(world["responsible"])
    url = follow_up_url(world)
    page = client.get(url).content.decode()
    for value, word in ((ON, "On track"), (RISK, "At risk"), (OFF, "Off track")):
        assert f'value="{value}"' in page and word in page
    assert 'name="analysis"' in page and "Traffic light" in page
    data = form_data(page, url)
    assert data["light"] == [ON] and data["version"] == ["0"]  # a new quarter: version 0
    data.update(light=[RISK], analysis=["Leverantören är sen."], spent_to_date=["12000"], forecast=["90000"])
    assert client.post(url, data).status_code == 302
    saved = FollowUp.objects.get(activity=world["activity"], quarter=1)
    assert (saved.light, saved.analysis, saved.recorded_by) == (RISK, "Leverantören är sen.", world["responsible"])
    assert saved.history.first().light == RISK  # audited as the follow-up is
    # Opened again, it shows the saved light and analysis, and saves them back unchanged.
    again = form_data(client.get(url).content.decode(), url)
    assert again["light"] == [RISK] and again["analysis"] == ["Leverantören är sen."] and again["version"] == ["1"]
    assert client.post(url, again).status_code == 302
    assert FollowUp.objects.get(pk=saved.pk).version == 2


@pytest.mark.parametrize("light", [RISK, OFF])
def test_the_analysis_is_required_at_risk_and_off_track(world, client, light):
    client.force_login(world["member"])
    url = follow_up_url(world)
    data = form_data(client.get(url).content.decode(), url)
    data.update(light=[light], analysis=["   "], comment=["Mitt utkast"])
    response = client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Write a short analysis: a follow-up at risk or off track needs one." in content
    assert "Mitt utkast" in content  # nothing typed is lost
    assert not FollowUp.objects.filter(activity=world["activity"]).exists()
    # In Swedish, the portal's language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    swedish = client.post(url, data).content.decode()
    assert "Skriv en kort analys: en uppföljning med risk för avvikelse eller avvikelse behöver en." in swedish
    # The service refuses it too, on the field.
    with pytest.raises(ValidationError) as exc:
        record(world, 1, light, "")
    assert "analysis" in exc.value.error_dict


def test_the_measure_follow_up_form_is_reached_from_the_action_plan_and_saves_as_shown(world, client):
    client.force_login(world["dalarna"])
    plan_page = client.get(world["unit_plan"].get_absolute_url()).content.decode()
    url = measure_url(world, 2)
    assert f'href="{url}"' in plan_page
    page = client.get(url).content.decode()
    data = form_data(page, url)
    assert data["light"] == [ON]
    data.update(light=[OFF])
    refused = client.post(url, data)
    assert refused.status_code == 200 and "Write a short analysis" in refused.content.decode()
    data.update(analysis=["Kursledaren har slutat."])
    assert client.post(url, data).status_code == 302
    saved = MeasureFollowUp.objects.get(measure=world["measure"], quarter=2)
    assert (saved.light, saved.analysis, saved.recorded_by, saved.version) == (
        OFF, "Kursledaren har slutat.", world["dalarna"], 1)
    assert saved.history.count() == 1
    shown = client.get(world["unit_plan"].get_absolute_url()).content.decode()
    assert '<span class="light light-off_track">' in shown and "Off track</span> (Q2)" in shown
    assert "Kursledaren har slutat." in shown


# --- Who may ---------------------------------------------------------------------------------------
def test_a_user_who_may_not_follow_up_is_refused(world, client):
    outsider = info_manager("M")  # neither in the steering group nor responsible; not Dalarna's
    client.force_login(outsider)
    assert client.get(follow_up_url(world)).status_code == 403
    assert client.post(follow_up_url(world), {"status": "ongoing", "light": OFF, "analysis": "x",
                                              "spent_to_date": "0", "forecast": "0"}).status_code == 403
    assert client.get(measure_url(world)).status_code == 403
    assert client.post(measure_url(world), {"light": OFF, "analysis": "x"}).status_code == 403
    assert not FollowUp.objects.exists() and not MeasureFollowUp.objects.exists()
    assert not Notification.objects.filter(kind=KIND).exists()


# --- Two editors at once ------------------------------------------------------------------------------
def test_two_editors_at_once_the_second_gets_the_conflict_and_keeps_their_input(world, client, today):
    record(world, 1, ON)
    first, second = client, type(client)()
    first.force_login(world["member"])
    second.force_login(world["responsible"])
    url = follow_up_url(world)
    mine = form_data(first.get(url).content.decode(), url)
    theirs = form_data(second.get(url).content.decode(), url)
    mine.update(light=[RISK], analysis=["Den första analysen."])
    assert first.post(url, mine).status_code == 302
    theirs.update(light=[OFF], analysis=["Den andra analysen."])
    response = second.post(url, theirs)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this follow-up while you were editing it." in content
    assert "Den andra analysen." in content and "Den första analysen." in content  # their input, and the saved
    saved = FollowUp.objects.get(activity=world["activity"], quarter=1)
    assert (saved.light, saved.analysis, saved.version) == (RISK, "Den första analysen.", 2)
    assert told(world["chair"]) == 0  # the red light was not saved
    # Saving again from the conflict screen replaces the saved version (the form is on version 2 now).
    again = form_data(content, url)
    assert again["version"] == ["2"]
    assert second.post(url, again).status_code == 302
    assert FollowUp.objects.get(pk=saved.pk).light == OFF and told(world["chair"]) == 1


def test_two_editors_opening_a_new_quarter_the_second_does_not_overwrite(world, client):
    client.force_login(world["dalarna"])
    url = measure_url(world, 3)
    mine = form_data(client.get(url).content.decode(), url)
    theirs = dict(mine)
    mine.update(light=[RISK], analysis=["Först sparad."])
    assert client.post(url, mine).status_code == 302
    theirs.update(light=[ON], analysis=[""])
    response = client.post(url, theirs)
    assert response.status_code == 200 and "Someone else saved this follow-up" in response.content.decode()
    assert MeasureFollowUp.objects.get(measure=world["measure"], quarter=3).analysis == "Först sparad."


# --- The chair is told ----------------------------------------------------------------------------------
def test_the_chair_and_the_responsible_person_are_told_once_each_time_the_light_turns_red(world):
    chair, responsible = world["chair"], world["responsible"]
    record(world, 1, ON)
    record(world, 1, RISK, "Lite sent.", version=1)
    assert told(chair) == told(responsible) == 0
    record(world, 1, OFF, "Leveransen uteblev.", version=2)  # turns red
    assert told(chair) == told(responsible) == 1
    record(world, 1, OFF, "Leveransen uteblev helt.", version=3)  # saved again, still red
    record(world, 2, OFF, "Fortfarande försenad.")  # the next quarter stays red
    assert told(chair) == told(responsible) == 1
    record(world, 2, ON, "", version=1)
    record(world, 2, OFF, "Försenad igen.", version=2)  # a new turn to red
    assert told(chair) == told(responsible) == 2
    # Today's chair is told, not last year's; nobody else in the group.
    assert told(world["former_chair"]) == 0 and told(world["member"]) == 0
    n = Notification.objects.filter(kind=KIND, recipient=chair).order_by("-pk").first()
    assert n.url == world["activity"].get_absolute_url()
    assert n.subject_text == f"Off track: Gemensam kampanj, quarter 2 {world['plan'].year}"
    assert "Försenad igen." in n.body_text


def test_a_first_follow_up_recorded_off_track_tells_the_chair(world):
    record(world, 1, OFF, "Inte påbörjad.", actor=world["chair"])
    assert told(world["chair"]) == 1 and told(world["responsible"]) == 1
    # An older quarter turned red while a later one is on track does not change the activity's light.
    other = ActivityFactory(plan=world["plan"], responsible_person=None)
    record(world, 1, ON, activity=other)
    record(world, 2, ON, activity=other)
    record(world, 1, OFF, "Rättat i efterhand.", activity=other, version=1)
    assert told(world["chair"]) == 1


def test_a_measure_turning_red_tells_the_chair_once(world):
    measure, dalarna = world["measure"], world["dalarna"]
    services.measure_follow_up_record(measure=measure, quarter=1, light=RISK, analysis="Sent.", actor=dalarna)
    assert told(world["chair"]) == 0
    services.measure_follow_up_record(measure=measure, quarter=2, light=OFF, analysis="Inställd.", actor=dalarna)
    services.measure_follow_up_record(measure=measure, quarter=2, light=OFF, analysis="Inställd helt.",
                                      actor=dalarna, expected_version=1)
    assert told(world["chair"]) == 1 and told(dalarna) == 0
    n = Notification.objects.get(kind=KIND, recipient=world["chair"])
    assert n.subject_text == f"Off track: Klarspråkskurs ({org('W').short_name}), quarter 2 {world['plan'].year}"
    assert n.url == world["unit_plan"].get_absolute_url()


# --- The plan page and the evaluation overview -------------------------------------------------------------
def _lights_on_the_plan(world):
    risky = ActivityFactory(plan=world["plan"], title="Riskabel aktivitet")
    red = ActivityFactory(plan=world["plan"], title="Röd aktivitet")
    ActivityFactory(plan=world["plan"], title="Ej uppföljd")
    record(world, 1, ON)
    record(world, 1, RISK, "Risk.", activity=risky)
    record(world, 1, ON, activity=red)
    record(world, 2, OFF, "Röd.", activity=red)  # its current light is its latest quarter's


def _filter_form(content: str):
    assert '<form method="get"' in content
    assert '<label for="light-filter"' in content and '<select id="light-filter" name="light"' in content


def test_the_plan_page_shows_each_activitys_light_as_a_badge_and_filters_by_it(world, client):
    _lights_on_the_plan(world)
    client.force_login(world["member"])
    url = world["plan"].get_absolute_url()
    content = client.get(url).content.decode()
    _filter_form(content)
    for code, word in ((ON, "On track"), (RISK, "At risk"), (OFF, "Off track")):
        assert (f'<span class="light light-{code}"><span class="light-icon" aria-hidden="true"></span>{word}</span>'
                in content)
    assert all(t in content for t in ("Gemensam kampanj", "Riskabel aktivitet", "Röd aktivitet", "Ej uppföljd"))
    red = client.get(url, {"light": OFF}).content.decode()
    assert "Röd aktivitet" in red and "Riskabel aktivitet" not in red and "Gemensam kampanj" not in red
    assert "1 activity shown." in red and '<option value="off_track" selected>' in red
    risky = client.get(url, {"light": RISK}).content.decode()
    assert "Riskabel aktivitet" in risky and "Röd aktivitet" not in risky and "Ej uppföljd" not in risky
    everything = client.get(url, {"light": "purple"}).content.decode()  # not a light: no filter
    assert "Ej uppföljd" in everything and "Röd aktivitet" in everything


def _unit_plan_with_light(code: str, year: int, plan: Plan, light: str, recorder, *, measures: int = 1):
    unit_plan = UnitActionPlan.objects.create(organisation=org(code), year=year, plan=plan)
    for i in range(measures):
        measure = Measure.objects.create(action_plan=unit_plan, title=f"Åtgärd {code} {i}")
        MeasureFollowUp.objects.create(measure=measure, quarter=1, light=ON, recorded_by=recorder,
                                       recorded_at=dt.datetime(year, 3, 31, tzinfo=dt.UTC))
        MeasureFollowUp.objects.create(measure=measure, quarter=2, light=light, analysis="Skäl.",
                                       recorded_by=recorder, recorded_at=dt.datetime(year, 6, 30, tzinfo=dt.UTC))
    return unit_plan


def test_the_evaluation_overview_shows_the_measures_lights_and_filters_by_them(world, client, today):
    dalarna = world["unit_plan"]
    MeasureFollowUp.objects.create(measure=world["measure"], quarter=1, light=OFF, analysis="Stoppad.",
                                   recorded_by=world["dalarna"], recorded_at=dt.datetime(today.year, 3, 31, tzinfo=dt.UTC))
    _unit_plan_with_light("F", today.year, world["plan"], ON, world["chair"], measures=2)
    client.force_login(world["member"])
    url = reverse("annualplan:evaluation", kwargs={"year": today.year})
    content = client.get(url).content.decode()
    _filter_form(content)
    assert "Off track: 1</span>" in content and "On track: 2</span>" in content
    red = client.get(url, {"light": OFF}).content.decode()
    assert dalarna.get_absolute_url() in red and "1 organisation shown." in red
    assert org("F").short_name not in red.split("<tbody>")[1]
    green = client.get(url, {"light": ON}).content.decode()
    assert dalarna.get_absolute_url() not in green and org("F").short_name in green.split("<tbody>")[1]
    assert "No organisation has a measure with this traffic light." in client.get(url, {"light": RISK}).content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_queries_do_not_grow_with_the_rows_filtered_or_not(world, client, today):
    client.force_login(world["member"])
    plan_url = world["plan"].get_absolute_url()
    evaluation_url = reverse("annualplan:evaluation", kwargs={"year": today.year})
    unit_plan_url = world["unit_plan"].get_absolute_url()
    MeasureFollowUp.objects.create(measure=world["measure"], quarter=1, light=OFF, analysis="Stoppad.",
                                   recorded_by=world["dalarna"], recorded_at=dt.datetime(today.year, 3, 31, tzinfo=dt.UTC))
    record(world, 1, OFF, "Röd.")
    urls = [plan_url, f"{plan_url}?light=off_track", evaluation_url, f"{evaluation_url}?light=off_track", unit_plan_url]
    for url in urls:
        client.get(url)  # warm-up
    before = [_count(client, url) for url in urls]
    for i in range(20):
        record(world, 1, (ON, RISK, OFF)[i % 3], "Skäl.", activity=ActivityFactory(plan=world["plan"]))
        measure = Measure.objects.create(action_plan=world["unit_plan"], title=f"Fler {i}")
        MeasureFollowUp.objects.create(measure=measure, quarter=2, light=(ON, RISK, OFF)[i % 3], analysis="Skäl.",
                                       recorded_by=world["dalarna"], recorded_at=dt.datetime(today.year, 6, 30, tzinfo=dt.UTC))
    for code in ("C", "E", "M", "AB"):
        _unit_plan_with_light(code, today.year, world["plan"], OFF, world["chair"], measures=3)
    assert [_count(client, url) for url in urls] == before
