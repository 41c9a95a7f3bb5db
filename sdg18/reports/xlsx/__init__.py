"""Excel workbooks (openpyxl): the ministry workbook, agency feedback, blank agency templates,
and the cell helpers that write agency text as text."""
