from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import engine
from .forms import SearchForm


@login_required
def search(request):
    """Search across the portal: each hit one the user may open, grouped by kind, the matched words
    marked. An empty query shows the form only."""
    form = SearchForm(request.GET or None)
    query, kind = "", ""
    if form.is_bound and form.is_valid():
        query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    groups = engine.search(request.user, query, kind=kind) if query else []
    source = next((s for s in engine.sources() if s.kind == kind), None)
    return render(request, "governance/search/search.html", {
        "form": form, "query": query, "groups": groups, "source": source,
        "per_source": engine.ONE_KIND if source else engine.PER_SOURCE,
    })
