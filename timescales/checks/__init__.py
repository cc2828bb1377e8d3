"""The statutory and service checks. Importing this package registers them all."""

from . import birthdays, carers, plans, reviews, short_breaks, stays, visits  # noqa: F401
