"""Move the clock in a test: `at(day)` puts "now" at noon Europe/Stockholm on `day` (or at a given
datetime) until the test ends. Rights are computed from today's date (governance/authority.py), so
this is how a test asks "what may she do on that day?"."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_running: list = []


def at(when: dt.date | dt.datetime, *, tick: bool = True) -> dt.datetime | None:
    """A day that is today already leaves the clock alone (it keeps the order of what was saved)."""
    from django.utils import timezone

    if not isinstance(when, dt.datetime) and when == timezone.localdate():
        return None
    moment = when if isinstance(when, dt.datetime) else dt.datetime.combine(when, dt.time(12), tzinfo=STOCKHOLM)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=STOCKHOLM)
    traveller = time_machine.travel(moment, tick=tick)
    traveller.start()
    _running.append(traveller)
    return moment


def stop_all() -> None:
    while _running:
        _running.pop().stop()
