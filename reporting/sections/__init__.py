"""The board report's content for a period, as the dashboard and the PDF both show it.

Figures come from reporting.measures; these modules (one per section, in the report's order)
only compare periods, apply the small-number rule and word the one-sentence summaries.
Nothing here names a child.
"""

from collections.abc import Callable

from core.dates import today

from ..periods import Period
from . import care_leavers, cost, destinations, quality, stability, stays, sufficiency
from .figures import Headline, Report, Section
from .statutory_return import section as statutory_return_section

BUILDERS = tuple(
    s.section for s in (sufficiency, stays, destinations, stability, cost, care_leavers, quality)
) + (statutory_return_section,)  # the SSDA903 line (ssda903 app)


def build(period: Period, progress: Callable[[int], None] = lambda percent: None) -> Report:
    """Everything the dashboard and the PDF show for `period`; `progress` hears 0-100."""
    ps = (period, period.previous(), period.year_before())
    sections = []
    for i, builder in enumerate(BUILDERS):
        sections.append(builder(ps, f"chart-{i + 1}"))
        progress(round(100 * (i + 1) / len(BUILDERS)))
    return Report(period, ps[1], ps[2], today(), _summary(sections), sections)


def _summary(sections: list[Section]) -> list[Headline]:
    return [Headline(s.key_figure[0], s.key_figure[1], s.sentence) for s in sections]
