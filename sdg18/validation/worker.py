"""What the forkserver of sdg18's worker processes imports before it forks any.

The workers that read files (:mod:`sdg18.validation.isolation`) and lay out PDFs
(:mod:`sdg18.reports.pdf.processes`) are forked from one forkserver, and inherit what
it imported. It hides pandera's unused extras first (:mod:`sdg18.validation.extras`):
otherwise each worker imported Dask's dataframe module on building its first schema
(0.6 s per worker, four workers per run by default), then the readers and the contract.
"""

from sdg18.validation.extras import hide_unused_extras

hide_unused_extras()

import sdg18.validation.isolation  # noqa: E402, F401  (imported after the extras are hidden)
