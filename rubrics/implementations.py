"""Imports the packages whose @criterion functions fill rubrics.registry.CRITERIA.

Machine channels map to the package that implements their criteria. A package absent from
an installation is reported, not hidden: the loader then cannot check that channel's
criterion ids, and the engine rates its criteria "not_measured". A package that exists but
fails to import still raises.
"""

from __future__ import annotations

import importlib

# Machine channel -> the package registering its criteria.
CHANNEL_PACKAGES: dict[str, str] = {
    "website": "rubrics.website",
    "accessibility": "rubrics.website",
    "email": "rubrics.email",
}

_missing: frozenset[str] | None = None


def load_implementations() -> frozenset[str]:
    """Import every implementation package once; return the machine channels whose package is absent."""
    global _missing
    if _missing is None:
        absent_packages = set()
        for package in sorted(set(CHANNEL_PACKAGES.values())):
            try:
                importlib.import_module(package)
            except ModuleNotFoundError as exc:
                # Only the package itself being absent is tolerated, never a broken import inside it.
                if exc.name != package:
                    raise
                absent_packages.add(package)
        _missing = frozenset(ch for ch, pkg in CHANNEL_PACKAGES.items() if pkg in absent_packages)
    return _missing
