"""Meetings and minutes: agenda, attendance, attachments, minutes drafted and published, the
personal calendar feed, and the reminders before a meeting and after it (DOMAIN.md: "Meetings")."""
