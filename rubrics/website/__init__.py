"""Website criteria (DOMAIN.md §5(a) INF-01…INF-21 and §5(b) TEC-01…TEC-12).

Importing this package registers every website criterion in `rubrics.registry.CRITERIA`.
`extract_office_hours` gives the office hours the e-mail latency counts business time in;
`clear_cache` frees the parsed pages kept between the criteria of one participant.
"""

from rubrics.website import criteria_info, criteria_tech  # noqa: F401  (registers criteria)
from rubrics.website.hours import extract_office_hours
from rubrics.website.meta import META
from rubrics.website.site import clear_cache

__all__ = ["META", "clear_cache", "extract_office_hours"]
