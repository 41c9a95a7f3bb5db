"""sdg18: the national SDG 18 (humanitarian demining) indicator pipeline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sdg18")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
