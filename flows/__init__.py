"""Prefect wiring of the sdg18 stages (flows, tasks, deployments). No business logic.

Importing this package sets sdg18's Prefect defaults before Prefect loads:
usage analytics off unless the user opted in, and an ephemeral-server startup
timeout long enough for a 2-core machine.
"""

import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
