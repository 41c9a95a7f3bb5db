"""``python -m sdg18.cli``: the command line."""

from sdg18.cli import main

raise SystemExit(main())
