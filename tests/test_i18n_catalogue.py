"""The Swedish catalogue is complete and compiled.

1. locale/sv/LC_MESSAGES/django.po has no untranslated or fuzzy entry (the msgids are listed).
2. The committed django.mo matches the .po (a stale .mo shows old or English text).
3. makemessages would add nothing: the extraction runs on a temporary copy of the source (the
   real catalogue is never touched, so people working in the tree are not disturbed) and every
   msgid it finds must already be in the .po. Needs GNU gettext (xgettext); skipped without it.
   Takes a few seconds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import need_service

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCE_DIRS = ["config", "governance", "annualplan", "fees", "webadmin", "templates"]


def _key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _translated(entry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_no_untranslated_or_fuzzy_swedish_entries():
    po = polib.pofile(str(PO))
    fuzzy = [e.msgid for e in po if not e.obsolete and "fuzzy" in e.flags and e.msgid]
    untranslated = [e.msgid for e in po if not e.obsolete and e.msgid and not _translated(e)]
    problems = []
    if untranslated:
        problems.append(f"{len(untranslated)} untranslated: " + "; ".join(repr(m) for m in untranslated))
    if fuzzy:
        problems.append(f"{len(fuzzy)} fuzzy: " + "; ".join(repr(m) for m in fuzzy))
    assert not problems, (
        "The Swedish catalogue is incomplete (scripts/i18n.py missing > /tmp/m.json, translate, "
        "scripts/i18n.py fill):\n" + "\n".join(problems)
    )


def test_the_compiled_catalogue_matches_the_po():
    assert MO.exists(), f"{MO.relative_to(ROOT)} is missing: run scripts/i18n.py compile"
    po = polib.pofile(str(PO))
    mo = polib.mofile(str(MO))
    want = {
        _key(e): (e.msgstr, tuple(sorted((int(k), v) for k, v in e.msgstr_plural.items())))
        for e in po
        if not e.obsolete and e.msgid and "fuzzy" not in e.flags and _translated(e)
    }
    have = {
        _key(e): (e.msgstr, tuple(sorted((int(k), v) for k, v in e.msgstr_plural.items())))
        for e in mo
        if e.msgid
    }
    missing = sorted(k[1] for k in want.keys() - have.keys())
    extra = sorted(k[1] for k in have.keys() - want.keys())
    changed = sorted(k[1] for k in want.keys() & have.keys() if want[k] != have[k])
    assert not (missing or extra or changed), (
        f"django.mo is stale (run scripts/i18n.py compile): not in the .mo {missing[:20]}, "
        f"only in the .mo {extra[:20]}, different {changed[:20]}"
    )


def test_makemessages_would_add_nothing(tmp_path):
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        need_service("GNU gettext (xgettext, msgmerge) is not installed (Debian: apt-get install gettext)")
    copy = tmp_path / "src"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "migrations")
    for name in SOURCE_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy2(ROOT / "manage.py", copy / "manage.py")
    (copy / "locale" / "sv" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy2(PO, copy / "locale" / "sv" / "LC_MESSAGES" / "django.po")
    # The copied apps must import (migrations are not needed for extraction, but Django loads the
    # apps' modules): put the migrations back as empty packages.
    for app in ("governance", "annualplan", "fees", "webadmin"):
        if (copy / app).is_dir():
            (copy / app / "migrations").mkdir(exist_ok=True)
            (copy / app / "migrations" / "__init__.py").touch()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(copy)}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sv", "--no-location", "--no-obsolete",
         "--ignore=tests/*", "--ignore=bench/*", "--ignore=scripts/*", "--ignore=staticfiles/*"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    extracted = {_key(e) for e in polib.pofile(str(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
                 if not e.obsolete and e.msgid}
    current = {_key(e) for e in polib.pofile(str(PO)) if not e.obsolete and e.msgid}
    new = sorted(k[1] for k in extracted - current)
    assert not new, (
        f"{len(new)} string(s) in the code are not in the Swedish catalogue (run make messages, then "
        f"translate them): " + "; ".join(repr(m) for m in new[:50])
    )


# --- Swedish that reads right (the workflows issue's wording items) -----------------------------------
@pytest.mark.parametrize(("msgid", "context", "swedish"), [
    ("The request is now accepted.", None, "Önskemålet är nu godtaget."),
    ("The request is now rejected.", None, "Önskemålet är nu avslaget."),
    ("The request is now specified.", None, "Önskemålet är nu specificerat."),
    ("Support on behalf of %(org)s", None, "Stöd från %(org)s"),  # no genitive to get wrong ("Dalarna räkning")
    ("Position", "consultation answer", "Ställningstagande"),  # not "Uppdrag" (a membership's position)
    ("Change", "difference", "Förändring"),  # a column: a noun, not the verb "Ändra"
])
def test_the_swedish_reads_right(msgid, context, swedish):
    from django.utils import translation

    with translation.override("sv"):
        said = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    assert said == swedish


def test_the_admin_history_column_is_not_a_vote():
    """Django's admin says "Object" in its history; the consultation's "Object" (avstyrker) has a
    context of its own, so the admin's column reads as Django translates it."""
    from django.utils import translation

    with translation.override("sv"):
        assert translation.gettext("Object") != "Avstyrker"
        assert translation.pgettext("consultation answer", "Object") == "Avstyrker"


def test_one_notification_marked_is_singular():
    from django.utils import translation

    with translation.override("sv"):
        one = translation.ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", 1)
    assert one % {"count": 1} == "1 notis markerades som läst."
