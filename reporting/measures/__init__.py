"""The board's measures: one definition of each, used by the dashboard and the PDF alike.

Each function takes a reporting period (reporting.periods.Period) and returns raw counts,
never suppressed: reporting.sections turns them into what people see. Every function runs a
fixed number of aggregate queries, whatever the number of children or stays. Each measure's
plain-English definition is registered (measures.common) and printed in the report's appendix.

One module per family of measures, matching the board report's sections (reporting.sections).
"""

# Loading the package loads every family, so the registry of definitions is always complete.
from . import care_leavers, cost, destinations, quality, stability, stays, sufficiency
from .statutory_return import return_903_errors  # noqa: F401  (the SSDA903 line)

__all__ = ["care_leavers", "cost", "destinations", "quality", "stability", "stays", "sufficiency"]
