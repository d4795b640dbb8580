from __future__ import annotations

from django import forms

from governance.notifications import kinds
from governance.notifications.models import NotificationPreference


class NotificationPreferencesForm(forms.Form):
    """One checkbox per notification kind: e-mail on or off. Everything shows in the portal anyway."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
        for code, label in sorted(kinds.KINDS.items(), key=lambda kv: str(kv[1])):
            self.fields[f"email_{code}"] = forms.BooleanField(
                label=label, required=False, initial=current.get(code, True)
            )

    def email_by_kind(self) -> dict[str, bool]:
        return {name.removeprefix("email_"): value for name, value in self.cleaned_data.items()}
