"""Accessibility probe: axe-core (npm, pinned in package.json) injected into pages."""

from probes.accessibility.axe import AXE_TAGS, AxeRunner, axe_source_path, summarise

__all__ = ["AXE_TAGS", "AxeRunner", "axe_source_path", "summarise"]
