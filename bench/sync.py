"""Sync throughput: N outbox records from a kiosk database to the hub on PostgreSQL.

    python bench/sync.py [--records N] [--runs R] [--hub-workers W]
    (defaults: 100,000 records, 3 runs, the hub's own worker count)

Starts a throwaway PostgreSQL cluster (tests.helpers.pgcluster), the hub under uvicorn
(``kiosk-hub serve``: on PostgreSQL one worker process per core, up to four), enrols a
fresh kiosk and fills its outbox with N signed records. Each run times ``push_once``
(three batches of 500 on the way at once) until nothing waits, the hub verifying every
signature, then a raw PostgreSQL COPY of the same rows (record id, kiosk id, serial,
text) into a plain table; between runs the hub's tables are emptied and the outbox set
waiting again. Prints each run, ``records_per_s=N`` of the median run and last
``sync_vs_copy=X.XX``: the median sync time divided by the median COPY time.
Target: 100,000 records in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.clock import utcnow
from kiosk.db.database import Database
from kiosk_records.keys import KioskKey
from tests.helpers.sync_helpers import fill_outbox as fill_test_outbox

COMMUNE = "03127"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hub_command(*args: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from kiosk_hub.cli import main; sys.exit(main())",
        *args,
    ]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the hub did not come up at {url}")


def make_kiosk(data_dir: Path) -> Database:
    from kiosk.paths import DataPaths
    from kiosk.services import build_services
    from kiosk.staff.setup import complete_setup

    services = build_services(DataPaths(data_dir))
    assert services.database is not None
    with services.database.transaction() as session:
        complete_setup(
            session,
            commune_code=COMMUNE,
            learning_point="Bench",
            staff_pin="246813",
            admin_pin="135790",
            known_communes={u.code for u in services.units},
        )
    return services.database


def fill_outbox(database: Database, key: KioskKey, count: int) -> list[tuple[object, ...]]:
    """N signed records in the outbox (the sync tests' helper), five per learner."""
    rows = fill_test_outbox(database, key, count, utcnow(), records_per_learner=5, lesson_count=5)
    return [(r["record_id"], r["kiosk_id"], r["serial"], r["record_text"]) for r in rows]


def pg_connect(sqlalchemy_url: str) -> Any:
    import psycopg

    return psycopg.connect(sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://"))


def copy_baseline(sqlalchemy_url: str, rows: list[tuple[object, ...]]) -> float:
    """Seconds for a raw COPY of the rows into a fresh plain table (with a primary key)."""
    with pg_connect(sqlalchemy_url) as con:
        con.execute("DROP TABLE IF EXISTS copy_baseline")
        con.execute(
            "CREATE TABLE copy_baseline (record_id uuid PRIMARY KEY, kiosk_id uuid NOT NULL, "
            "serial integer NOT NULL, record_text text NOT NULL)"
        )
        con.commit()
        started = time.perf_counter()
        with (
            con.cursor() as cur,
            cur.copy(
                "COPY copy_baseline (record_id, kiosk_id, serial, record_text) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        con.commit()
        return time.perf_counter() - started


def hub_record_count(sqlalchemy_url: str) -> int:
    with pg_connect(sqlalchemy_url) as con:
        row = con.execute("SELECT count(*) FROM record").fetchone()
        return int(row[0]) if row else 0


def reset(sqlalchemy_url: str, database: Database) -> None:
    """Back to the start of a run: the hub holds no record, every outbox record waits."""
    from sqlalchemy import update

    from kiosk.db.models import OutboxRecord
    from kiosk.sync.outbox import WAITING

    with pg_connect(sqlalchemy_url) as con:
        con.execute(
            "TRUNCATE record, completion, learner, completion_tally, learner_tally, conflict"
        )
    with database.transaction() as session:
        session.execute(update(OutboxRecord).values(status=WAITING, acked_at=None, attempts=0))


def timed_push(database: Database, hub_url: str, key: KioskKey) -> float:
    from kiosk.sync.client import HubClient
    from kiosk.sync.push import push_once

    started = time.perf_counter()
    report = push_once(database, HubClient(hub_url, timeout=60), utcnow(), key=key)
    elapsed = time.perf_counter() - started
    if not report.ok or report.waiting:
        raise SystemExit(f"push failed: {report}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs (the median is kept)")
    parser.add_argument("--hub-workers", type=int, help="hub processes (default: the hub's)")
    args = parser.parse_args()
    try:
        from kiosk_hub.serving import default_workers
        from kiosk_hub.settings import HubSettings
        from tests.helpers.pgcluster import throwaway_cluster
    except ImportError as exc:
        print(f"the hub is not installed: {exc}", file=sys.stderr)
        return 2
    from kiosk.slips.local import kiosk_key
    from kiosk.sync.enroll import enroll

    with tempfile.TemporaryDirectory(prefix="hocso-sync-bench-") as tmp, throwaway_cluster() as url:
        root = Path(tmp)
        env = {**os.environ, "KIOSK_HUB_DATABASE_URL": url, "KIOSK_HUB_DATA_DIR": str(root / "hub")}
        code = subprocess.run(
            hub_command("enroll-code", "--commune", COMMUNE),
            env=env, capture_output=True, text=True, check=True,
        ).stdout.split()[0]  # fmt: skip
        port = free_port()
        workers = args.hub_workers or default_workers(HubSettings(root, database_url=url))
        hub = subprocess.Popen(
            hub_command("serve", "--port", str(port), "--workers", str(workers)),
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            hub_url = f"http://127.0.0.1:{port}"
            wait_for(hub_url + "/api/v1/health")
            data_dir = root / "kiosk"
            database = make_kiosk(data_dir)
            key = kiosk_key(data_dir)
            enroll(database, hub_url, code, key, utcnow())
            started = time.perf_counter()
            rows = fill_outbox(database, key, args.records)
            print(f"prepare_s={time.perf_counter() - started:.2f} (sign + insert into the outbox)")
            sync_runs, copy_runs = [], []
            for run in range(args.runs):
                if run:
                    reset(url, database)
                sync_runs.append(timed_push(database, hub_url, key))
                stored = hub_record_count(url)
                if stored != args.records:
                    print(f"the hub holds {stored} records, not {args.records}", file=sys.stderr)
                    return 1
                copy_runs.append(copy_baseline(url, rows))
                print(f"run {run + 1}: sync_s={sync_runs[-1]:.2f} copy_s={copy_runs[-1]:.3f}")
        finally:
            hub.terminate()
            hub.wait(10)
    sync_s, copy_s = statistics.median(sync_runs), statistics.median(copy_runs)
    print(f"records={args.records} hub_workers={workers} sync_s={sync_s:.2f} copy_s={copy_s:.3f}")
    print(f"records_per_s={args.records / sync_s:.0f}")
    print(f"sync_vs_copy={sync_s / copy_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
