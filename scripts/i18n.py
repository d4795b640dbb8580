#!/usr/bin/env python
"""The Swedish catalogue (locale/sv/LC_MESSAGES/django.po), safe for several people at once.

  python scripts/i18n.py update            # makemessages for sv, then compile the .mo (pure Python)
  python scripts/i18n.py missing [PREFIX]  # untranslated or fuzzy msgids (those referenced under PREFIX)
  python scripts/i18n.py fill FILE.json    # set translations: {"msgid": "msgstr", "one": ["en", "flera"]}
  python scripts/i18n.py compile           # .po -> .mo

Every write holds locale/.lock, so two runs never interleave. The .mo is committed: a fresh
machine needs no gettext tools."""
import fcntl
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@contextmanager
def locked():
    (ROOT / "locale").mkdir(exist_ok=True)
    with open(ROOT / "locale" / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def compile_mo():
    po = polib.pofile(str(PO))
    po.save_as_mofile(str(MO))


def update():
    with locked():
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "sv", "--add-location=file", "--no-obsolete",
             "--ignore=.venv/*", "--ignore=tests/*", "--ignore=bench/*", "--ignore=scripts/*",
             "--ignore=staticfiles/*"],
            cwd=ROOT, check=True, env=env,
        )
        po = polib.pofile(str(PO))
        po.metadata.update({"Language": "sv", "Content-Type": "text/plain; charset=UTF-8",
                            "Plural-Forms": "nplurals=2; plural=(n != 1);"})
        po.save()
        compile_mo()


def missing(prefix=""):
    po = polib.pofile(str(PO))
    out = {}
    for e in po:
        if e.obsolete:
            continue
        if prefix and not any(ref.startswith(prefix) for ref, _ in e.occurrences) and e.occurrences:
            continue
        if "fuzzy" in e.flags or not (e.msgstr or (e.msgstr_plural and all(e.msgstr_plural.values()))):
            out[e.msgid] = [e.msgid, e.msgid_plural] if e.msgid_plural else ""
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return out


def fill(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    with locked():
        po = polib.pofile(str(PO))
        index = {e.msgid: e for e in po if not e.obsolete}
        unknown = []
        for msgid, msgstr in data.items():
            e = index.get(msgid)
            if e is None:
                unknown.append(msgid)
                continue
            if isinstance(msgstr, list):
                e.msgstr_plural = {i: s for i, s in enumerate(msgstr)}
            else:
                e.msgstr = msgstr
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
            e.previous_msgid = None
        po.save()
        compile_mo()
    if unknown:
        print("Not in the catalogue (run `update` first?):", *unknown, sep="\n  ")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:] or ["update"]
    {"update": update, "missing": missing, "fill": fill, "compile": lambda: (compile_mo())}[cmd](*args)
