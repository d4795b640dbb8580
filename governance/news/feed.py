"""A person's news feed (Atom): the news of the audiences they belong to today, at their secret
address (the same as their calendar's: governance/meetings/calendar_views.py), since feed readers
cannot log in. `?audience=network|body|organisation` narrows it to one audience. Nothing about other
people but the authors' names."""
from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from governance.rendering import render_markdown

from . import selectors
from .models import NewsItem


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, token: str):
        user = selectors.feed_user(token)
        if user is None:
            raise ObjectDoesNotExist  # the framework answers 404
        audience = request.GET.get("audience")
        return user, audience if audience in NewsItem.Audience.values else None

    def title(self, obj):
        _user, audience = obj
        if audience:
            return _("Samordna news: %(audience)s") % {"audience": NewsItem.Audience(audience).label}
        return _("Samordna news")

    def subtitle(self, obj):
        return _("The news of the steering group, your bodies and your organisation.")

    def link(self, obj):
        return reverse("governance:news_list")

    def items(self, obj):
        user, audience = obj
        return selectors.feed_items(user, audience)

    def item_title(self, item: NewsItem):
        return item.title

    def item_description(self, item: NewsItem):
        return str(render_markdown(item.text))

    def item_author_name(self, item: NewsItem):
        return str(item.author) if item.author else None

    def item_pubdate(self, item: NewsItem):
        return item.published_at

    def item_updateddate(self, item: NewsItem):
        return item.published_at


def news_feed(request, token: str):
    response = never_cache(NewsFeed())(request, token=token)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
