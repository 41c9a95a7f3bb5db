"""The quarterly run: one sequence (the lock, the archive, levels 0–3, indicators, outputs,
the store), the fingerprints that decide a result, unchanged re-runs, the run log, the demo."""
