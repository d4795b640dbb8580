"""Compare two versions (snapshots) of a plan: text word by word, numbers as differences."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

TEXT_FIELDS = ("title", "area", "description", "goal", "responsible")
LABELS = {
    "title": _("Title"), "introduction": _("Introduction"), "goals": _("Goals"), "area": _("Area"),
    "description": _("Description"), "goal": _("Goal"), "responsible": _("Responsible"),
}


def word_diff(old: str, new: str) -> SafeString:
    """HTML with <del> and <ins> around the changed words (escaped; no styles)."""
    a, b = (old or "").split(), (new or "").split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(out))


@dataclass
class FieldChange:
    name: str
    diff: SafeString

    @property
    def label(self):
        return LABELS.get(self.name, self.name)


@dataclass
class ActivityChange:
    title: str
    kind: str  # "added", "removed", "changed"
    old_budget: Decimal | None = None
    new_budget: Decimal | None = None
    old_staff: Decimal | None = None
    new_staff: Decimal | None = None
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def budget_delta(self) -> Decimal:
        return (self.new_budget or Decimal("0")) - (self.old_budget or Decimal("0"))

    @property
    def staff_delta(self) -> Decimal:
        return (self.new_staff or Decimal("0")) - (self.old_staff or Decimal("0"))


@dataclass
class Comparison:
    text: list[FieldChange]
    activities: list[ActivityChange]
    totals: list[tuple[str, Decimal, Decimal, Decimal]]


def compare(old: dict, new: dict) -> Comparison:
    text = []
    for name in ("title", "introduction"):
        if (old.get(name) or "") != (new.get(name) or ""):
            text.append(FieldChange(name, word_diff(old.get(name, ""), new.get(name, ""))))
    if old.get("goals", []) != new.get("goals", []):
        text.append(FieldChange("goals", word_diff(" · ".join(old.get("goals", [])), " · ".join(new.get("goals", [])))))
    before = {a["id"]: a for a in old.get("activities", [])}
    after = {a["id"]: a for a in new.get("activities", [])}
    changes = []
    for aid, a in after.items():
        if aid not in before:
            changes.append(ActivityChange(a["title"], "added", new_budget=Decimal(a["budget"]),
                                          new_staff=Decimal(a["staff"])))
            continue
        b = before[aid]
        fields = [FieldChange(f, word_diff(b.get(f, ""), a.get(f, ""))) for f in TEXT_FIELDS if b.get(f) != a.get(f)]
        if fields or b["budget"] != a["budget"] or b["staff"] != a["staff"]:
            changes.append(ActivityChange(a["title"], "changed", Decimal(b["budget"]), Decimal(a["budget"]),
                                          Decimal(b["staff"]), Decimal(a["staff"]), fields))
    for aid, b in before.items():
        if aid not in after:
            changes.append(ActivityChange(b["title"], "removed", old_budget=Decimal(b["budget"]),
                                          old_staff=Decimal(b["staff"])))
    totals = []
    for key in ("budget", "staff", "web_roles"):
        if key == "web_roles" and not (key in old.get("totals", {}) and key in new.get("totals", {})):
            continue  # versions saved before the web roles were paid through the plan
        o = Decimal(old.get("totals", {}).get(key, "0"))
        n = Decimal(new.get("totals", {}).get(key, "0"))
        totals.append((key, o, n, n - o))
    return Comparison(text, changes, totals)
