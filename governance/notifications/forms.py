from __future__ import annotations

from django import forms

from governance.notifications import kinds
from governance.notifications.models import NotificationPreference


class NotificationPreferencesForm(forms.Form):
    """One choice per notification kind: e-mailed immediately, in a daily or a weekly digest, or
    not at all. Everything shows in the portal anyway."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        Delivery = NotificationPreference.Delivery
        current = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
        for code, label in sorted(kinds.KINDS.items(), key=lambda kv: str(kv[1])):
            self.fields[f"delivery_{code}"] = forms.ChoiceField(
                label=label, choices=Delivery.choices, initial=current.get(code, Delivery.IMMEDIATELY)
            )

    def delivery_by_kind(self) -> dict[str, str]:
        return {name.removeprefix("delivery_"): value for name, value in self.cleaned_data.items()}
