"""Ingestion: find, fingerprint and read the agencies' files, keeping every record's origin."""
