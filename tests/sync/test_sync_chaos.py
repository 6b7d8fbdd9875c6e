"""Chaos: 10,000 records pushed while the hub is SIGKILLed and restarted mid-batch and a
proxy cuts connections at random. Afterwards the hub holds exactly 10,000, the kiosk 0 waiting.

The hub is the real one (``kiosk-hub serve`` on SQLite in its data folder), the kiosk is
enrolled with a code from ``kiosk-hub enroll-code``, and every restart reuses the folder.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time

import pytest

from kiosk.db.base import utcnow
from kiosk.slips.local import kiosk_key
from kiosk.sync import outbox
from kiosk.sync.client import HubClient
from kiosk.sync.enroll import enroll
from kiosk.sync.push import push_once
from tests.conftest import COMMUNE
from tests.helpers.flaky_proxy import FlakyProxy
from tests.helpers.real_hub import HubProcess
from tests.helpers.sync_helpers import fill_outbox

# A real hub process, killed and restarted.
pytestmark = pytest.mark.e2e

RECORDS = 10_000
KILLS = 4
TIME_LIMIT_S = 80


def test_ten_thousand_records_survive_a_killed_hub_and_cut_connections(
    ready_services, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    db = ready_services.database
    hub = HubProcess(tmp_path / "hub")
    code = hub.cli("enroll-code", "--commune", COMMUNE).split()[0]
    hub.start()
    proxy = FlakyProxy(hub.port, cut_share=0.3).start()
    stop = threading.Event()
    received: list[int] = []
    try:
        key = kiosk_key(data_dir)
        enroll(db, hub.url, code, key, utcnow())
        fill_outbox(db, key, RECORDS, utcnow())

        def chaos() -> None:
            """Kill the hub a few times while batches arrive, then leave it up."""
            rng = random.Random(3)
            for _ in range(KILLS):
                if stop.wait(rng.uniform(0.4, 1.2)):
                    return
                received.append(_stored(hub))  # some, not all: the kill lands mid-stream
                hub.kill()
                time.sleep(rng.uniform(0.0, 0.3))
                hub.start()

        monkey = threading.Thread(target=chaos, daemon=True)
        monkey.start()
        client = HubClient(proxy.url, timeout=5)
        pushes = 0
        while time.monotonic() - started < TIME_LIMIT_S:
            pushes += 1
            report = push_once(db, client, utcnow(), key=key)  # the worker would wait the backoff
            if report.ok and report.waiting == 0 and not monkey.is_alive():
                break
        stop.set()
        monkey.join()
    finally:
        stop.set()
        proxy.stop()
        hub.stop()
    stored = _stored(hub)
    with sqlite3.connect(hub.database) as con:
        facts = con.execute("SELECT count(*) FROM completion").fetchone()[0]
    with db.transaction() as s:
        counts = outbox.counts(s)
    elapsed = time.monotonic() - started
    print(
        f"chaos: {pushes} pushes, {hub.kills} kills (hub held {received} before each), "
        f"{proxy.cuts} cut connections, {elapsed:.1f} s"
    )
    assert hub.kills >= KILLS and proxy.cuts >= 5
    assert any(0 < n < RECORDS for n in received), "no kill landed while records arrived"
    assert (counts.waiting, counts.acked, counts.refused) == (0, RECORDS, 0)
    assert stored == RECORDS and facts == RECORDS


def _stored(hub: HubProcess) -> int:
    with sqlite3.connect(hub.database, timeout=10) as con:
        return int(con.execute("SELECT count(*) FROM record").fetchone()[0])
