from .core import DateInput, DateTimeInput, MembersOnDateForm, NotificationPreferencesForm  # noqa: F401
