"""Reports: what sdg18 hands to agencies, auditors and the ministry."""
