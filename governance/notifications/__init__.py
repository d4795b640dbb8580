"""Notifications: what the portal tells a person, in the portal and by e-mail (retried with backoff),
each kind registered in kinds.py, and the reminders sent once per occasion."""
