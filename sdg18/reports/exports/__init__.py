"""Machine-readable outputs: ``indicators.csv``, the Open SDG files, the validation outputs."""
