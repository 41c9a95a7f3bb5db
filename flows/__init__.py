"""Prefect wiring of the sdg18 stages (flows, tasks, deployments). No business logic.

Importing this package sets sdg18's Prefect defaults before Prefect loads:
usage analytics off unless the user opted in, an ephemeral-server startup
timeout long enough for a 2-core machine, and a quiet terminal (warnings only)
while the run log — in the Prefect UI and in ``outputs/<period>/run.log`` —
keeps the flow and task runs' INFO records. Dask's own chatter is kept to warnings.
"""

import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "INFO")
os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "INFO")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
