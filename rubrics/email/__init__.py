"""E-mail judging: reply classes, business-time latency and reply quality Q1–Q9.

Importing the package registers EML-LAT and EML-Q1…EML-Q9 with rubrics.registry.
"""

from rubrics.email import latency, quality  # noqa: F401  (registration)
