"""Demo news: the steering group to the whole network (one pinned, one with an image), the steering
group's and G7's news to their members, and Dalarna's information manager to Dalarna's
communicators (with an attachment). Idempotent: found by title."""
from __future__ import annotations

import datetime as dt
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from governance.bodies.models import Body
from governance.documents.demo import pdf
from governance.people.models import Organisation, User

from . import services
from .models import NewsItem


def png(width: int = 120, height: int = 60, colour: tuple[int, int, int] = (0, 94, 133)) -> bytes:
    """A small one-colour PNG: a real image to show."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _news(title: str, *, actor: User, days_ago: int, text: str, audience: str, body: Body | None = None,
          organisation: Organisation | None = None, upload=None, image_alt: str = "",
          pinned_until: dt.date | None = None) -> NewsItem:
    item = NewsItem.objects.filter(title=title).first()
    if item is None:
        item = services.news_publish(title=title, text=text, audience=audience, body=body, organisation=organisation,
                                     upload=upload, image_alt=image_alt, pinned_until=pinned_until, actor=actor)
        NewsItem.objects.filter(pk=item.pk).update(published_at=timezone.now() - dt.timedelta(days=days_ago))
    return item


def seed_news(ctx) -> None:
    chair, g7_user = User.objects.get(username="chair"), User.objects.get(username="g7")
    steering, infochef = User.objects.get(username="steering"), User.objects.get(username="infochef")
    steering_group = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=ctx.year)
    g7 = Body.objects.filter(kind=Body.Kind.G7).order_by("pk").first()
    network = NewsItem.Audience.NETWORK
    _news("Verksamhetsplanen för nästa år går ut på remiss", actor=chair, days_ago=2, audience=network,
          pinned_until=ctx.today + dt.timedelta(days=14),
          text="Styrgruppen har tagit fram ett **förslag till verksamhetsplan**. Läs förslaget och svara "
               "senast om tre veckor.\n\n- Diskutera förslaget i er kommunikationsenhet\n"
               "- Lämna synpunkter via remissidan i portalen")
    _news("Välkommen till nätverksträffen i Jönköping", actor=steering, days_ago=9, audience=network,
          upload=SimpleUploadedFile("natverkstraff.png", png(), content_type="image/png"),
          image_alt="Inbjudningsbild till nätverksträffen, i länsstyrelsernas blå färg",
          text="Årets nätverksträff hålls i Jönköping. Programmet kommer inom kort; boka redan nu in dagarna.")
    _news("Styrgruppen: underlag inför nästa möte", actor=chair, days_ago=4, audience=NewsItem.Audience.BODY,
          body=steering_group,
          text="Underlagen till nästa styrgruppsmöte finns i styrgruppens dokumentarkiv. Läs särskilt "
               "uppföljningen av verksamhetsplanen.")
    if g7 is not None:
        _news("G7: rapporten till länsrådsgruppen", actor=g7_user, days_ago=6, audience=NewsItem.Audience.BODY,
              body=g7, text="Utkastet till G7-rapporten är klart för genomläsning före mötet.")
    _news("Dalarna: nya rutiner för pressmeddelanden", actor=infochef, days_ago=1,
          audience=NewsItem.Audience.ORGANISATION, organisation=ctx.org("W"),
          upload=SimpleUploadedFile("rutiner.pdf", pdf("Rutiner för pressmeddelanden", "Länsstyrelsen Dalarna"),
                                    content_type="application/pdf"),
          text="Från och med nästa månad granskas alla pressmeddelanden av två kollegor. Rutinen finns "
               "som bilaga.")
