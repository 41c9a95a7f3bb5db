"""What every stage shares, below all of them: periods, settings, findings, records, the
indicator table's layout, the outputs layout, errors and the named kill points."""
