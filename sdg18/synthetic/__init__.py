"""Synthetic agency submissions for the demo, the tests and the benchmarks.

:func:`generate_inbox` writes a realistic inbox — the files each agency sends
each quarter, in the forms they really arrive in — with a known list of
deliberate problems; the two ``write_*_workbook`` functions write one large
clean sheet for read benchmarks. The figures are explained in
``docs/synthetic-data.md``.
"""

from sdg18.synthetic.benchmark_files import write_eo_items_workbook, write_land_release_workbook
from sdg18.synthetic.errors import InjectedError
from sdg18.synthetic.inbox import SyntheticInbox, generate_inbox

__all__ = [
    "InjectedError",
    "SyntheticInbox",
    "generate_inbox",
    "write_eo_items_workbook",
    "write_land_release_workbook",
]
