"""What lets an auditor trust a period's outputs: the manifest and its chain, verification,
recovery after a killed run, the period lock, atomic publishing and provenance."""
