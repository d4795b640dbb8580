"""makemessages without fuzzy matching: a new string is untranslated (the catalogue test sees it),
never silently given a neighbour's translation."""
from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
