"""Search across the portal (/sok/): hits only for what the user may open, ranked, the words marked;
Swedish stemming on PostgreSQL, whole words on SQLite, the same hits for whole words."""
import datetime as dt
import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from governance.bodies.models import Body, Membership
from governance.documents.models import Document
from governance.meetings.models import Minutes
from governance.networks.models import Proposal
from governance.search import engine
from tests.governance.factories import BodyFactory, MeetingFactory, MembershipFactory, UserFactory

POSTGRES = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search")
HREF = re.compile(r'<ol class="search-hits">(.*?)</ol>', re.S)
LINK = re.compile(r'<a href="([^"]+)"')


def _kinds(groups) -> dict[str, list[str]]:
    return {g.kind: [h.title for h in g.hits] for g in groups}


def _doc(body, title, description="", readers=Document.Readers.BODY):
    return Document.objects.create(body=body, title=title, description=description, readers=readers,
                                   dated=dt.date(2026, 1, 15))


# --- What a hit shows (pure Python, both databases) -------------------------------------------------
def test_the_plain_headline_escapes_the_text_and_marks_only_whole_words():
    text = "<script>alert(1)</script> Budget & budgeten: vi ser över BUDGET och &amp; kommunikatör"
    out = engine.headline(text, ["budget", "amp"])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.count("<mark>") == 3  # "Budget", "BUDGET" and the word "amp" of "&amp;", never "budgeten"
    assert "<mark>Budget</mark>" in out and "<mark>BUDGET</mark>" in out and "budgeten" in out
    assert "&amp;<mark>amp</mark>;" in out  # the text's own "&amp;", escaped after it was marked


def test_the_full_text_headline_is_escaped_and_only_the_sentinels_become_marks():
    raw = f'<img src=x onerror="alert(1)"> {engine.START}kommunikatör{engine.STOP} <mark>fake</mark>'
    out = engine.marked(raw)
    assert "<img" not in out and "&lt;mark&gt;fake&lt;/mark&gt;" in out
    assert "<mark>kommunikatör</mark>" in out and out.count("<mark>") == 1


def test_a_query_is_cut_and_its_words_are_whole_words():
    assert len(engine.clean_query("x" * 5000)) == engine.MAX_LENGTH
    assert engine.clean_query(f"  a{engine.START}\x00b \n c ") == "a b c"
    assert engine.terms("Budget, budget! -Kommunikatör") == ["budget", "kommunikatör"]
    assert engine.plain_matches(["Nya kommunikatörer"], ["kommunikatörer"])
    assert not engine.plain_matches(["Nya kommunikatörer"], ["kommunikatör"])  # no stemming
    assert engine.plain_matches(["KOMMUNIKATÖR i Dalarna", ""], ["kommunikatör", "dalarna"])
    assert not engine.plain_matches(["kommunikatör"], ["kommunikatör", "dalarna"])  # every word


# --- The search ---------------------------------------------------------------------------------------
@pytest.fixture
def group_with_documents(db):
    body = BodyFactory(name="Arbetsgrupp klarspråk")
    member = MembershipFactory(body=body).user
    outsider = UserFactory()
    _doc(body, "Handledning för kommunikatör", "Om budget och planering")
    _doc(body, "Minnesanteckning", "Hemlig sak om budget")
    _doc(body, "Personalens guide", "Kommunikatör och budget för alla", readers=Document.Readers.STAFF)
    return member, outsider


def test_a_body_only_document_is_found_by_its_members_and_never_by_others(group_with_documents):
    member, outsider = group_with_documents
    assert sorted(_kinds(engine.search(member, "budget"))["documents"]) == [
        "Handledning för kommunikatör", "Minnesanteckning", "Personalens guide"]
    assert _kinds(engine.search(outsider, "budget"))["documents"] == ["Personalens guide"]
    assert engine.search(outsider, "hemlig") == []


@POSTGRES
def test_swedish_stemming_finds_the_inflected_words(group_with_documents):
    member, _outsider = group_with_documents
    assert "Handledning för kommunikatör" in _kinds(engine.search(member, "kommunikatörer"))["documents"]
    assert "Minnesanteckning" in _kinds(engine.search(member, "budgeten"))["documents"]
    hit = next(h for g in engine.search(member, "kommunikatörer") for h in g.hits if h.title.startswith("Hand"))
    assert "<mark>" in hit.snippet and hit.url == reverse(
        "governance:document_detail", kwargs={"pk": Document.objects.get(title=hit.title).pk})


def test_full_text_and_plain_search_give_the_same_hits_for_whole_words(group_with_documents):
    """The backend's search against the plain rule (SQLite's REGEXP is this Python `re`), row by row
    over everything the user may open."""
    member, _outsider = group_with_documents
    rows = list(Document.objects.filter(body__name="Arbetsgrupp klarspråk").values_list("title", "description"))
    for query in ["budget", "Kommunikatör", "budget planering", "guide budget", "hemlig"]:  # no stop words
        expected = sorted(t for t, d in rows if engine.plain_matches([t, d], engine.terms(query)))
        assert sorted(_kinds(engine.search(member, query)).get("documents", [])) == expected, query


def test_a_steering_group_meetings_draft_minutes_only_for_who_runs_the_meeting(db):
    steering = Body.objects.create(kind=Body.Kind.STEERING_GROUP, name="Styrgrupp 2030", year=2030)
    meeting = MeetingFactory(body=steering, title="Styrgruppsmöte om avgiftsnyckeln")
    chair = MembershipFactory(body=steering, position=Membership.Position.CHAIR).user
    outsider = UserFactory()
    Minutes.objects.create(meeting=meeting, text="Förslaget om avgiftsnyckeln bordlades", created_by=chair)
    assert _kinds(engine.search(chair, "avgiftsnyckeln")).get("minutes") == ["Styrgruppsmöte om avgiftsnyckeln"]
    assert "minutes" not in _kinds(engine.search(outsider, "avgiftsnyckeln"))
    draft = Minutes.objects.get(meeting=meeting)
    draft.status, draft.published_at = Minutes.Status.PUBLISHED, draft.created_at
    draft.save()  # kept up to date on every save: published, the whole network finds it
    assert _kinds(engine.search(outsider, "avgiftsnyckeln")).get("minutes") == ["Styrgruppsmöte om avgiftsnyckeln"]


def test_a_draft_proposal_only_for_its_author(db):
    author, other = UserFactory(), UserFactory()
    Proposal.objects.create(author=author, organisation=author.organisation, title="Podd om länsstyrelsen",
                            description="En podcast", expected_benefit="Fler lyssnare")
    assert _kinds(engine.search(author, "podcast")) == {"proposals": ["Podd om länsstyrelsen"]}
    assert "proposals" not in _kinds(engine.search(other, "podcast"))


def test_each_source_is_capped_and_the_queries_do_not_grow_with_the_hits(db, client):
    from django.test.utils import CaptureQueriesContext

    body = BodyFactory()
    user = MembershipFactory(body=body).user
    client.force_login(user)
    _doc(body, "Rapport om klarspråk")

    def page():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("governance:search"), {"q": "klarspråk"}).status_code == 200
        return [q["sql"] for q in ctx.captured_queries if "django_session" not in q["sql"]]

    one = page()
    for i in range(30):
        _doc(body, f"Rapport {i} om klarspråk")
    many = page()
    assert len(one) == len(many), "\n".join(many)
    assert sum("UNION" in q and '"_source"' in q for q in many) == 1  # every source in one statement
    assert len(engine.search(user, "klarspråk")[0].hits) == engine.PER_SOURCE
    assert engine.search(user, "klarspråk")[0].more
    assert len(engine.search(user, "klarspråk", kind="documents")[0].hits) == 31


# --- The indexes (PostgreSQL) ---------------------------------------------------------------------
# The suite's databases are built from the models (`--no-migrations`) and the indexes are in no
# model's state (SQLite cannot create them): `search_indexes` applies the migrations that create
# them, so these tests hold the migrations' expression against the one the search's WHERE uses. A
# later migration that changes a search index joins this list.
SEARCH_INDEX_MIGRATIONS = ["governance.migrations.0012_search_indexes",
                           "annualplan.migrations.0008_search_indexes",
                           "webadmin.migrations.0007_search_indexes",
                           "governance.migrations.0014_search_indexes_joined"]
# The sources whose vector no single index holds: what they search is not only their own table's
# columns. People and minutes search a related row's column too: their candidates come from an index
# on their own columns and one on the related column (engine.candidates); the policies search the
# current version's text, a subquery, and are read row by row.
UNINDEXED = {
    "minutes": "the meeting's title, a join",
    "people": "the organisation's name, a join",
    "policies": "the current version's text, a subquery",
}
JOINED = {"minutes", "people"}


def _indexable(source) -> bool:
    """Every field of the source is a column of its own table: no join, no expression."""
    return all(isinstance(f, str) and "__" not in f for f, _w in source.fields)


def _search_index_migrations(function: str, editor) -> None:
    for path in SEARCH_INDEX_MIGRATIONS:
        getattr(importlib.import_module(path), function)(apps, editor)


@pytest.fixture
def search_indexes(db):
    with connection.schema_editor() as editor:
        _search_index_migrations("create_search_indexes", editor)


def _search_indexes_of(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef ILIKE %s",
                       [table, "%USING gin%to_tsvector%"])
        return [name for (name,) in cursor.fetchall()]


def _table(source) -> str:
    return source.rows(AnonymousUser()).model._meta.db_table


def test_the_search_index_migrations_do_nothing_outside_postgresql():
    editor = SimpleNamespace(connection=SimpleNamespace(vendor="sqlite"))  # any call on it would fail
    _search_index_migrations("create_search_indexes", editor)
    _search_index_migrations("drop_search_indexes", editor)


@POSTGRES
def test_every_source_whose_fields_are_its_own_columns_has_a_search_index(search_indexes):
    assert {s.kind for s in engine.sources() if not _indexable(s)} == set(UNINDEXED)
    missing = [s.kind for s in engine.sources() if _indexable(s) and not _search_indexes_of(_table(s))]
    assert not missing, f"sources without a GIN index (add one in a migration, see {SEARCH_INDEX_MIGRATIONS[0]}): {missing}"
    with connection.schema_editor() as editor:
        _search_index_migrations("drop_search_indexes", editor)
    assert not any(_search_indexes_of(_table(s)) for s in engine.sources())


@POSTGRES
def test_each_indexed_sources_part_of_the_statement_uses_its_index(search_indexes):
    """The planner uses an expression index only for the very expression it holds: a field added to
    a source, or a change to how engine.vector builds the vector, without a migration that builds the
    index anew, and the search reads every row again."""
    user = UserFactory(is_superuser=True)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test's tables are tiny
    unused = {}
    for source in engine.sources():
        if _indexable(source):
            plan = engine.full_text_part(source, user, "budget -styrgrupp").explain()
            names = _search_indexes_of(_table(source))
            if not any(f"Bitmap Index Scan on {name}" in plan for name in names):
                unused[source.kind] = f"{names}\n{plan}"
    assert not unused, "\n\n".join(f"{kind}: {plan}" for kind, plan in unused.items())


@POSTGRES
def test_a_source_that_searches_a_related_row_has_its_candidates_from_indexes(search_indexes):
    """People and minutes: a GIN index over their own columns and one over each related column
    searched; the part's plan reads both (not every person's vector)."""
    user = UserFactory(is_superuser=True)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    joined = {s.kind: s for s in engine.sources() if engine.joined_fields(s)}
    assert set(joined) == JOINED
    for kind, source in joined.items():
        model = source.rows(AnonymousUser()).model
        plan = engine.full_text_part(source, user, "budget kommunikation").explain()
        tables = [model._meta.db_table] + [model._meta.get_field(relation).related_model._meta.db_table
                                           for relation in engine.joined_fields(source)]
        for table in tables:
            names = _search_indexes_of(table)
            assert any(f"Bitmap Index Scan on {name}" in plan for name in names), (kind, table, names, plan)


# Queries that put the narrowing to the test: a word only in the person's own columns, only in the
# related row, one word in each, a phrase, OR, a negation with and without a positive word, stop
# words only, the websearch operators in odd places.
NARROWING_QUERIES = ["Karin", "Skåne", "Karin Skåne", "Karin -Skåne", '"Skåne län"', "Karin or Norrbotten",
                     "-Karin", "-Skåne -Karin", "och", "budget", "Budgetmöte Karin", '"-" or -', "Kommunikatör Gävleborg"]


@POSTGRES
@pytest.mark.parametrize("query", NARROWING_QUERIES)
def test_the_candidates_never_change_the_hits(db, monkeypatch, query):
    """engine.candidates only spares work: for every query the hits are those of the exact match
    over the whole vector (every field, the related ones too) without it."""
    from governance.people.models import Organisation

    skane, norrbotten = (Organisation.objects.get_or_create(name=name, defaults={
        "code": code, "short_name": name, "kind": Organisation.Kind.COUNTY_BOARD})[0]
        for code, name in (("T-M", "Länsstyrelsen i Skåne län"), ("T-BD", "Länsstyrelsen i Norrbottens län")))
    UserFactory(first_name="Karin", last_name="Ek", organisation=skane, title="Kommunikatör")
    UserFactory(first_name="Karin", last_name="Berg", organisation=norrbotten)
    UserFactory(first_name="Olle", last_name="Ås", organisation=skane, title="Webbredaktör Gävleborg")
    body = BodyFactory()
    for title, text in (("Budgetmöte", "Karin redovisade budget."), ("Skåne län", "Inget om budget.")):
        meeting = MeetingFactory(body=body, title=title)
        Minutes.objects.create(meeting=meeting, text=text, status=Minutes.Status.PUBLISHED, published_at=meeting.end)
    user = UserFactory(is_superuser=True)
    for source in (s for s in engine.sources() if s.kind in JOINED):
        query_text = engine.clean_query(query)
        narrowed = sorted(engine.full_text_part(source, user, query_text, cap=1000).values_list("_key", "_rank"))
        with monkeypatch.context() as patch:
            patch.setattr(engine, "candidates", lambda source, search_query: None)
            exact = sorted(engine.full_text_part(source, user, query_text, cap=1000).values_list("_key", "_rank"))
        assert narrowed == exact, (source.kind, query)


# --- The page -----------------------------------------------------------------------------------------
def test_the_page_shows_the_form_only_for_an_empty_query_and_cuts_a_long_one(db, client):
    client.force_login(UserFactory())
    for query in ["", "   ", "\t"]:
        page = client.get(reverse("governance:search"), {"q": query})
        assert page.status_code == 200 and b"search-hits" not in page.content and b'name="q"' in page.content
    page = client.get(reverse("governance:search"), {"q": "ö" * 10_000, "kind": "nonsense"})
    assert page.status_code == 200
    assert client.get(reverse("governance:search"), {"q": '"-( <b> ) & | ! :* \\'}).status_code == 200


def test_the_header_has_a_labelled_search_field_on_every_page(db, client):
    client.force_login(UserFactory())
    html = client.get(reverse("governance:home")).content.decode()
    assert 'role="search"' in html and f'action="{reverse("governance:search")}"' in html
    assert '<label class="visually-hidden" for="portal-search-q">Sök i portalen</label>' in html


@pytest.mark.parametrize("role", ["communicator", "infochef", "chair", "weblead", "former", "deputy"])
def test_every_hit_of_a_broad_query_opens_for_the_demo_roles(demo, db, login, role):
    client = login(role)
    seen = 0
    for query in ["styrgrupp", "plan", "webb", "kommunikation", "möte", "länsstyrelsen"]:
        page = client.get(reverse("governance:search"), {"q": query})
        assert page.status_code == 200
        for hits in HREF.findall(page.content.decode()):
            for url in LINK.findall(hits):
                seen += 1
                assert client.get(url.replace("&amp;", "&")).status_code == 200, f"{role}: {query}: {url}"
    assert seen, f"{role}: no hits at all"
