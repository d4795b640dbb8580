"""Print a year's fee allocation as CSV: organisation code, name, share."""
import csv

from django.core.management.base import BaseCommand, CommandError

from fees.selectors import allocation_for_year


class Command(BaseCommand):
    help = "Print the fee allocation of YEAR as CSV (organisation code, name, share): the decided fee, or else the latest proposal."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year, **options):
        try:
            result = allocation_for_year(year)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if result is None:
            raise CommandError(f"No fee decision or proposal for {year}.")
        source, rows = result
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["code", "name", "share"])
        for code, name, share in rows:
            writer.writerow([code, name, f"{share:.0f}"])
        self.stderr.write(f"{source}: {len(rows)} organisations, total {sum(s for _, _, s in rows):.0f} kr")
