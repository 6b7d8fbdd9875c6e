"""Chaos: 10,000 records pushed while the hub is SIGKILLed and restarted mid-batch and a
proxy cuts connections at random. Afterwards the hub holds exactly 10,000, the kiosk 0 waiting.

The hub here is tests/sync/stub_hub.py as its own process, committing every batch to
SQLite before answering (what the real hub does with PostgreSQL).
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from flaky_proxy import FlakyProxy
from sync_helpers import fill_outbox

from kiosk.db.base import utcnow
from kiosk.slips.local import kiosk_key
from kiosk.sync import outbox
from kiosk.sync.client import HubClient
from kiosk.sync.enroll import enroll
from kiosk.sync.push import push_once

RECORDS = 10_000
STUB = Path(__file__).with_name("stub_hub.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HubProcess:
    def __init__(self, port: int, store: Path) -> None:
        self.port, self.store = port, store
        self.process: subprocess.Popen[str] | None = None
        self.kills = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(STUB), str(self.port), str(self.store), "ENROL-1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # broken pipes from cut connections
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "ready"

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()


def test_ten_thousand_records_survive_a_killed_hub_and_cut_connections(
    ready_services, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    db = ready_services.database
    hub = HubProcess(free_port(), tmp_path / "hub.sqlite3")
    hub.start()
    proxy = FlakyProxy(hub.port, cut_share=0.3).start()
    stop = threading.Event()
    try:
        key = kiosk_key(data_dir)
        enroll(db, f"http://127.0.0.1:{hub.port}", "ENROL-1", key, utcnow())
        fill_outbox(db, key, RECORDS, utcnow())

        def chaos() -> None:
            rng = random.Random(3)
            while not stop.wait(rng.uniform(0.2, 0.6)):
                hub.kill()
                time.sleep(rng.uniform(0.0, 0.3))
                hub.start()

        monkey = threading.Thread(target=chaos, daemon=True)
        monkey.start()
        client = HubClient(proxy.url, timeout=3)
        pushes = 0
        while time.monotonic() - started < 80:
            pushes += 1
            report = push_once(db, client, utcnow())  # the worker would wait the backoff
            if report.ok and report.waiting == 0:
                break
        stop.set()
        monkey.join()
    finally:
        stop.set()
        proxy.stop()
        hub.stop()
    with sqlite3.connect(hub.store) as con:
        stored = con.execute("SELECT count(*) FROM record").fetchone()[0]
    with db.transaction() as s:
        counts = outbox.counts(s)
    elapsed = time.monotonic() - started
    print(
        f"chaos: {pushes} pushes, {hub.kills} kills, {proxy.cuts} cut connections, {elapsed:.1f} s"
    )
    assert hub.kills >= 2 and proxy.cuts >= 5
    assert (counts.waiting, counts.acked, counts.refused) == (0, RECORDS, 0)
    assert stored == RECORDS
