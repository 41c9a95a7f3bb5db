"""The data contract's version, apart from its models.

Bumped whenever a rule or a column changes: part of every cache key and of every
manifest. Kept here, not in :mod:`schemas.contract`, so that what needs only the
version (the run key and manifest of an unchanged re-run) does not load pandera.
"""

#: Bumped whenever a rule or a column changes: part of every cache key.
SCHEMA_VERSION = "1"
