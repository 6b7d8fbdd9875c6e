"""Running the hub's web service: one process, or several worker processes on PostgreSQL.

Checking a record is CPU work (its Ed25519 signature above all), and one Python process
runs its Python code on one core at a time. With PostgreSQL, which takes writers from
many processes, ``kiosk-hub serve`` starts a worker process per core (up to four) so
batches from many kiosks, and a kiosk's batches on the way together, are checked side by
side. The embedded SQLite database keeps one process: one writer at a time anyway.

Workers are uvicorn's: the first process binds the port and watches them. A worker
also watches that first process and stops when it is gone (killed, not stopped), so
no orphan keeps the port after a crash and a restart can bind it again.
"""

from __future__ import annotations

import os
import signal
import threading
import time

from fastapi import FastAPI

from kiosk_hub.settings import DATA_DIR_ENV, HubSettings
from kiosk_records.request_signing import hub_key_fingerprint

MAX_DEFAULT_WORKERS = 4
SUPERVISOR_ENV = "KIOSK_HUB_SUPERVISOR_PID"  # set for worker processes only
WATCH_EVERY_S = 0.5


def default_workers(settings: HubSettings) -> int:
    """One per core (up to four) on PostgreSQL; one on SQLite."""
    if not settings.resolved_database_url.startswith("postgresql"):
        return 1
    return max(1, min(MAX_DEFAULT_WORKERS, os.cpu_count() or 1))


def serve(settings: HubSettings, host: str, port: int, workers: int) -> None:
    """Serve until stopped (Ctrl+C, SIGTERM). The database is migrated before any worker."""
    import uvicorn

    from kiosk_hub.app import create_app

    app = create_app(settings)  # migrates, makes the keys: once, before any worker
    print(
        f"Học Số hub on http://{host}:{port}/ (data in {settings.data_dir}, {workers} process(es))"
    )
    fingerprint = hub_key_fingerprint(app.state.hub.key.public_key)
    print(f"Hub key fingerprint (kiosks show it when enrolling): {fingerprint}")
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    app.state.hub.close()
    os.environ[DATA_DIR_ENV] = str(settings.data_dir)  # the workers read the same settings
    os.environ[SUPERVISOR_ENV] = str(os.getpid())
    uvicorn.run(
        f"{__name__}:worker_app", factory=True, workers=workers, host=host, port=port,
        log_level="info",
    )  # fmt: skip


def worker_app() -> FastAPI:
    """The application of one worker process (uvicorn calls this in each)."""
    from kiosk_hub.app import create_app

    supervisor = os.environ.get(SUPERVISOR_ENV)
    if supervisor and supervisor.isdigit():
        threading.Thread(
            target=_stop_when_orphaned, args=(int(supervisor),), daemon=True, name="hub-orphan"
        ).start()
    return create_app(HubSettings.from_env())


def _stop_when_orphaned(supervisor: int) -> None:
    """SIGTERM to this worker (a clean stop) once its first process is gone."""
    while os.getppid() == supervisor:
        time.sleep(WATCH_EVERY_S)
    os.kill(os.getpid(), signal.SIGTERM)
