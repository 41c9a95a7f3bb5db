"""sdg18: the national SDG 18 (humanitarian demining) indicator pipeline."""

from __future__ import annotations

from functools import cache


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sdg18")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def __getattr__(name: str) -> str:
    """``__version__``, looked up on first use: finding the installed distribution
    reads every one on the path (a twentieth of a second each command would pay)."""
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'sdg18' has no attribute {name!r}")
