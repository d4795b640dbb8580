"""The search across the portal: every source of settings `SEARCH_SOURCES` (governance.searchable),
narrowed to what the user may open, searched in one statement (a UNION ALL of one part per source,
each part ranked and cut at its cap), so the queries do not grow with the hits or the rows.

PostgreSQL: full-text search in the Swedish configuration (stemming: "kommunikatörer" finds
"kommunikatör"; websearch syntax: "a b", "a or b", "-a", "\"a b\""), ranked by SearchRank over the
weighted fields, the matched words shown by SearchHeadline. The vectors are computed from the live
rows in the query, so a save counts at the next search; a source whose fields are all columns of its
own table has a GIN expression index over exactly `vector(source)` (the migrations named
`*_search_indexes`: decisions, documents, news, proposals, bodies, plan activities, the handbook,
feature requests), which PostgreSQL keeps up to date on every write and the part's WHERE uses.
People and minutes search a related row's column too (the organisation's name, the meeting's
title): no one index holds their vector, so their candidates come from an index over their own
columns and one over the related column (`candidates`, migration 0014), and only those rows get
their whole vector computed. The policies search a computed text and are read row by row.
Elsewhere (SQLite, the demo): every word must occur as a whole word (any case) in one of the
fields; no stemming, no operators. Both give the same hits for whole words."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import add, or_

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Replace
from django.db.models.lookups import In
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from governance.searchable import Source

MAX_LENGTH = 200  # characters of a query; the rest is cut
MAX_WORDS = 12  # words of a query the plain search reads
PER_SOURCE = 10  # hits per source on the page of every kind
ONE_KIND = 50  # hits on the page of one kind (`?kind=`)
CONFIG = "swedish"
# The headline's marks: private-use characters, removed from the text before the headline is made,
# so whatever the text holds is escaped and only these become <mark>.
START, STOP = "\ue000", "\ue001"
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
SNIPPET_WORDS = 30


@dataclass
class Hit:
    title: str
    url: str | None
    snippet: SafeString
    rank: float


@dataclass
class Group:
    source: Source
    hits: list[Hit]
    more: bool  # the source has more hits than are shown

    @property
    def kind(self) -> str:
        return self.source.kind

    @property
    def label(self):
        return self.source.label


@lru_cache(maxsize=4)
def _sources(paths: tuple[str, ...]) -> tuple[Source, ...]:
    return tuple(source for path in paths for source in import_string(path))


def sources() -> tuple[Source, ...]:
    """Every app's sources, in the order of settings `SEARCH_SOURCES`."""
    return _sources(tuple(settings.SEARCH_SOURCES))


def full_text() -> bool:
    """Whether the database searches with PostgreSQL's full text (else the plain whole-word search)."""
    return connection.vendor == "postgresql"


def clean_query(query: str) -> str:
    """The query as searched: whitespace collapsed, the sentinels removed, cut at MAX_LENGTH."""
    text = (query or "").replace(START, " ").replace(STOP, " ").replace("\x00", " ")
    return " ".join(text.split())[:MAX_LENGTH].strip()


def terms(query: str) -> list[str]:
    """The whole words of a query (the plain search's terms, lower case, each once)."""
    seen: dict[str, None] = {}
    for word in re.findall(r"\w+", query.lower()):
        seen.setdefault(word, None)
    return list(seen)[:MAX_WORDS]


def word_pattern(term: str) -> str:
    """A regular expression for `term` as a whole word (SQLite's REGEXP is Python's `re`)."""
    return rf"(?<!\w){re.escape(term)}(?!\w)"


def plain_matches(texts: list[str], words: list[str]) -> bool:
    """The plain search's rule, row by row: every word occurs as a whole word in one of the texts."""
    return bool(words) and all(
        any(re.search(word_pattern(w), t or "", re.IGNORECASE) for t in texts) for w in words)


def search(user, query: str, *, kind: str = "") -> list[Group]:
    """The hits `user` may open, grouped by source, the groups in the order of their best hit."""
    query = clean_query(query)
    chosen = [s for s in sources() if not kind or s.kind == kind]
    if not query or not chosen:
        return []
    cap = ONE_KIND if kind else PER_SOURCE
    rows = _full_text_rows(user, query, chosen, cap) if full_text() else _plain_rows(user, query, chosen)
    if rows is None:
        return []
    words = terms(query)
    found: dict[int, list[Hit]] = {}
    for row in rows:
        source = chosen[row["_source"]]
        if full_text():
            snippet, rank = marked(row["_snippet"]), float(row["_rank"] or 0)
        else:
            snippet, rank = headline(row["_snippet"], words), plain_rank(row["_title"], row["_snippet"], words)
        found.setdefault(row["_source"], []).append(Hit(row["_title"], source.url(row["_key"]), snippet, rank))
    groups = []
    for index, hits in found.items():
        hits.sort(key=lambda h: (-h.rank, h.title.casefold()))
        groups.append(Group(chosen[index], hits[:cap], len(hits) > cap))
    groups.sort(key=lambda g: -g.hits[0].rank)
    return groups


# --- The statement ----------------------------------------------------------------------------------
def _expression(value):
    if isinstance(value, str):
        return F(value)
    if callable(value) and not hasattr(value, "resolve_expression"):
        return value()
    return value


def _text(value):
    return Coalesce(Cast(_expression(value), TextField()), Value("", output_field=TextField()),
                    output_field=TextField())


def _document(source: Source):
    parts = []
    for field, _weight in source.fields:
        parts += [_text(field), Value(" ", output_field=TextField())]
    text = Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else parts[0]
    nothing = Value("", output_field=TextField())
    without_start = Replace(text, Value(START, output_field=TextField()), nothing, output_field=TextField())
    return Replace(without_start, Value(STOP, output_field=TextField()), nothing, output_field=TextField())


def _part(source: Source, index: int, user):
    return source.rows(user).annotate(
        _source=Value(index, output_field=IntegerField()),
        _key=Cast(_expression(source.key), TextField()),
        _title=_text(source.title),
    )


def _union(parts):
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def vector(source: Source):
    """The source's weighted vector (PostgreSQL). A source's GIN index (the `*_search_indexes`
    migrations, governance/search/indexes.py) is made from this very expression, or the planner
    could not use it (tests/governance/test_search.py EXPLAINs each indexed source's part)."""
    return vector_of(source.fields)


def vector_of(fields):
    """The weighted vector over `fields` ((field name or expression, weight "A".."D"), …)."""
    return reduce(add, (SearchVector(_text(f), weight=w, config=CONFIG) for f, w in fields))


def own_fields(source: Source):
    """The source's fields that are columns of its own table (what its GIN index holds)."""
    return tuple((f, w) for f, w in source.fields if isinstance(f, str) and "__" not in f)


def joined_fields(source: Source) -> dict[str, tuple]:
    """The source's fields on a related table, by relation: {"organisation": (("name", "C"),)}."""
    found: dict[str, list] = {}
    for field, weight in source.fields:
        if isinstance(field, str) and "__" in field:
            relation, column = field.split("__", 1)
            found.setdefault(relation, []).append((column, weight))
    return {relation: tuple(fields) for relation, fields in found.items()}


def _matches(vector_expression, query_expression) -> Func:
    """`vector @@ query` for a tsquery computed in the statement (Django's lookup takes a SearchQuery)."""
    return Func(vector_expression, query_expression, template="(%(expressions)s)", arg_joiner=" @@ ",
                output_field=BooleanField())


def candidates(source: Source, search_query):
    """For a source that searches its own columns and a related table's (people: their names and
    their organisation's; minutes: their text and their meeting's title), a condition every match
    fulfils and an index can answer: one of the query's words in the own columns (their GIN index) or
    in the related row (its GIN index). The exact match over the whole vector is still required; this
    only spares PostgreSQL computing the vector of every row. The words are the query's indexable
    part (`querytree`: what is not negated), any of them ("anna & skåne" becomes "anna | skåne": a
    person named Anna at Skåne's county board has one in each table). A query with no such word
    ("-styrgrupp") needs none: the condition is then true, folded away when the statement is planned.
    None for a source whose fields are all its own, or not all plain columns."""
    own, joined = own_fields(source), joined_fields(source)
    if not own or not joined or len(own) + sum(map(len, joined.values())) != len(source.fields):
        return None
    tree = Func(search_query, function="querytree", output_field=TextField())
    words = Cast(Func(tree, Value(r"<[0-9]*>|<->|&"), Value("|"), Value("g"), function="regexp_replace",
                      output_field=TextField()), SearchQueryField())
    rows = source.rows(AnonymousUser()).model._base_manager
    found = rows.filter(_matches(vector_of(own), words)).values("pk")
    for relation, fields in joined.items():
        related = rows.model._meta.get_field(relation).related_model._base_manager
        found = found.union(rows.filter(**{f"{relation}__in": related.filter(
            _matches(vector_of(fields), words)).values("pk")}).values("pk"))
    # Each set of the union is read through an index (a GIN index, then the foreign key's).
    return Case(When(In(tree, ["T", ""]), then=Value(True)), default=ExpressionWrapper(Q(pk__in=found), BooleanField()),
                output_field=BooleanField())


def full_text_part(source: Source, user, query: str, *, index: int = 0, cap: int = PER_SOURCE):
    """One source's part of the full-text statement: the rows `user` may open that match `query`
    (a cleaned query), ranked, the best `cap` + 1."""
    search_query = SearchQuery(query, config=CONFIG, search_type="websearch")
    part = _part(source, index, user).alias(_vector=vector(source))
    narrowing = candidates(source, search_query)
    if narrowing is not None:
        part = part.filter(narrowing)
    return part.filter(_vector=search_query).annotate(
        _snippet=SearchHeadline(_document(source), search_query, config=CONFIG, start_sel=START,
                                stop_sel=STOP, max_words=SNIPPET_WORDS, min_words=12),
        _rank=SearchRank(F("_vector"), search_query),
    ).values("_source", "_key", "_title", "_snippet", "_rank").order_by("-_rank", "_title")[: cap + 1]


def _full_text_rows(user, query: str, chosen: list[Source], cap: int):
    combined = _union([full_text_part(source, user, query, index=index, cap=cap)
                       for index, source in enumerate(chosen)])
    return list(combined) if combined is not None else None


def _plain_rows(user, query: str, chosen: list[Source]):
    words = terms(query)
    if not words:
        return None
    parts = []
    for index, source in enumerate(chosen):
        fields = {f"_f{i}": _text(f) for i, (f, _w) in enumerate(source.fields)}
        match = Q()
        for word in words:
            match &= reduce(or_, (Q(**{f"{name}__iregex": word_pattern(word)}) for name in fields))
        parts.append(
            _part(source, index, user).alias(**fields).filter(match)
            .annotate(_snippet=_document(source), _rank=Value(0.0))
            .values("_source", "_key", "_title", "_snippet", "_rank").order_by())
    combined = _union(parts)
    return list(combined) if combined is not None else None


# --- What a hit shows -------------------------------------------------------------------------------
def marked(headline_text: str | None) -> SafeString:
    """PostgreSQL's headline made safe: everything escaped, then only the sentinels become <mark>."""
    text = escape(headline_text or "")
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 (escaped above)


def headline(text: str | None, words: list[str], size: int = SNIPPET_WORDS) -> SafeString:
    """The plain search's headline: about `size` words around the first match, escaped, each whole
    word that matches marked."""
    tokens = (text or "").split()
    if not tokens:
        return mark_safe("")
    patterns = [re.compile(word_pattern(w), re.IGNORECASE) for w in words]
    first = next((i for i, t in enumerate(tokens) if any(p.search(t) for p in patterns)), 0)
    start = max(0, min(first - size // 3, len(tokens) - size))
    out = []
    for token in tokens[start:start + size]:
        piece = token
        for p in patterns:
            piece = p.sub(lambda m: f"{START}{m.group(0)}{STOP}", piece)
        out.append(escape(piece))  # marked first, then escaped: a word never matches inside "&amp;"
    text = ("… " if start else "") + " ".join(out) + (" …" if start + size < len(tokens) else "")
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 (escaped above)


def plain_rank(title: str, text: str, words: list[str]) -> float:
    """Words in the title count most, then how often the words occur."""
    rank = 0.0
    for w in words:
        pattern = re.compile(word_pattern(w), re.IGNORECASE)
        rank += WEIGHTS["A"] * bool(pattern.search(title or "")) + 0.1 * len(pattern.findall(text or ""))
    return rank
