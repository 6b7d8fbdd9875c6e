"""``kiosk-hub serve``: worker processes on PostgreSQL, none left behind after a crash."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kiosk_hub.serving import MAX_DEFAULT_WORKERS, default_workers
from kiosk_hub.settings import HubSettings

HUB_MAIN = "import sys; from kiosk_hub.cli import main; sys.exit(main())"


def test_default_workers_one_per_core_on_postgresql_one_on_sqlite(tmp_path: Path) -> None:
    assert default_workers(HubSettings(tmp_path)) == 1
    on_pg = HubSettings(tmp_path, database_url="postgresql://hub@localhost/hub")
    assert default_workers(on_pg) == max(1, min(MAX_DEFAULT_WORKERS, os.cpu_count() or 1))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _health(url: str) -> int:
    try:
        with urllib.request.urlopen(url + "/api/v1/health", timeout=2) as answer:
            return int(answer.status)
    except OSError:
        return 0


@pytest.mark.e2e
def test_two_workers_serve_and_stop_when_the_first_process_is_killed(
    pg_url: str, tmp_path: Path
) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_HUB_")}
    env |= {"KIOSK_HUB_DATABASE_URL": pg_url, "KIOSK_HUB_DATA_DIR": str(tmp_path / "hub")}
    hub = subprocess.Popen(
        [sys.executable, "-c", HUB_MAIN, "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and (len(workers) < 2 or _health(url) != 200):
            assert hub.poll() is None, "the hub exited"
            workers = {pid for pid in _children(hub.pid) if "resource_tracker" not in _cmd(pid)}
            time.sleep(0.2)
        assert len(workers) == 2 and _health(url) == 200
        os.kill(hub.pid, signal.SIGKILL)  # a crash: no clean stop of the workers
        hub.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in workers), "workers outlived the hub"
        with socket.socket() as s:  # free again: a restart can listen on it (as uvicorn does)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
            s.listen()
    finally:
        if hub.poll() is None:
            hub.kill()


def _cmd(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_text()
    except OSError:
        return ""
