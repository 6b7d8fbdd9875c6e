"""Sync throughput: N outbox records from a kiosk database to the hub on PostgreSQL.

    python bench/sync.py [--records N]        (default 100,000)

Starts a throwaway PostgreSQL cluster (kiosk.hub.pgcluster), the hub under uvicorn
(``kiosk-hub serve``), enrols a fresh kiosk, fills its outbox with N signed records,
then times ``push_once`` until nothing waits; the hub verifies every signature. In the
same run it times a raw PostgreSQL COPY of the same rows (record id, kiosk id, serial,
text) into a plain table. Prints ``records_per_s=N``, the phases, and last
``sync_vs_copy=X.XX``: the sync's time divided by the COPY's (how many times slower).
Target: 100,000 records in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "sync"))

from sync_helpers import fill_outbox as fill_test_outbox

from kiosk.clock import utcnow
from kiosk.db.database import Database
from kiosk.slips.keys import KioskKey

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
        "import sys; from kiosk.hub.cli import main; sys.exit(main())",
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
            staff_pin="2468",
            admin_pin="135790",
            known_communes={u.code for u in services.units},
        )
    return services.database


def fill_outbox(database: Database, key: KioskKey, count: int) -> list[tuple[object, ...]]:
    """N signed records in the outbox (the sync tests' helper), five per learner."""
    rows = fill_test_outbox(database, key, count, utcnow(), records_per_learner=5, lesson_count=5)
    return [(r["record_id"], r["kiosk_id"], r["serial"], r["record_text"]) for r in rows]


def copy_baseline(sqlalchemy_url: str, rows: list[tuple[object, ...]]) -> float:
    import psycopg

    url = sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as con:
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
    import psycopg

    url = sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as con:
        row = con.execute("SELECT count(*) FROM record").fetchone()
        return int(row[0]) if row else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    try:
        from kiosk.hub.pgcluster import throwaway_cluster
    except ImportError as exc:
        print(f"the hub is not installed: {exc}", file=sys.stderr)
        return 2
    from kiosk.slips.local import kiosk_key
    from kiosk.sync.client import HubClient
    from kiosk.sync.enroll import enroll
    from kiosk.sync.push import push_once

    with tempfile.TemporaryDirectory(prefix="hocso-sync-bench-") as tmp, throwaway_cluster() as url:
        root = Path(tmp)
        env = {**os.environ, "KIOSK_HUB_DATABASE_URL": url, "KIOSK_HUB_DATA_DIR": str(root / "hub")}
        code = subprocess.run(
            hub_command("enroll-code", "--commune", COMMUNE),
            env=env, capture_output=True, text=True, check=True,
        ).stdout.split()[0]  # fmt: skip
        port = free_port()
        hub = subprocess.Popen(
            hub_command("serve", "--port", str(port)),
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
            client = HubClient(hub_url, timeout=60)
            started = time.perf_counter()
            report = push_once(database, client, utcnow())
            sync_s = time.perf_counter() - started
            if not report.ok or report.waiting:
                print(f"push failed: {report}", file=sys.stderr)
                return 1
            stored = hub_record_count(url)
            if stored != args.records:
                print(f"the hub holds {stored} records, not {args.records}", file=sys.stderr)
                return 1
            copy_s = copy_baseline(url, rows)
        finally:
            hub.terminate()
            hub.wait(10)
    print(f"records={args.records} sync_s={sync_s:.2f} copy_s={copy_s:.2f}")
    print(f"records_per_s={args.records / sync_s:.0f}")
    print(f"sync_vs_copy={sync_s / copy_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
