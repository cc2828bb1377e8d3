import time

from django.core.management.base import BaseCommand, CommandError

from demo.synthetic import Generator, Options


class Command(BaseCommand):
    help = (
        "Add a synthetic council that obeys every placement rule: staff, homes, carers, "
        "children and their placement histories. Runs add to existing data; each run's "
        "identifiers carry their own stamp, so running it twice adds a second population."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, required=True)
        parser.add_argument("--homes", type=int, help="default: children / 100, at least 10")
        parser.add_argument("--carers", type=int, help="default: children / 2.5")
        parser.add_argument("--years", type=int, default=10, help="years of history (default 10)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")

    def handle(self, *args, children, homes, carers, years, seed, **options):
        if children < 1 or years < 1 or (homes is not None and homes < 9):
            raise CommandError("Give at least 1 child, 1 year and 9 homes (one of each type).")
        started = time.monotonic()
        counts = Generator(
            Options(children=children, homes=homes, carers=carers, years=years, seed=seed)
        ).run()
        seconds = time.monotonic() - started
        rows = counts["placements"] + counts["children"]
        for name, value in counts.items():
            self.stdout.write(f"{name:>18}: {value:,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {seconds:.1f} s ({rows / seconds:,.0f} children and placements a second)."
            )
        )
