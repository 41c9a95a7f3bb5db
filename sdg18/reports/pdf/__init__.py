"""The ministry PDF (WeasyPrint): sections, the data-quality annex, inline SVG charts."""
