"""The real hub (``kiosk-hub serve``) as a process on SQLite, to kill and restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HUB_MAIN = "import sys; from kiosk_hub.cli import main; sys.exit(main())"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HubProcess:
    """``kiosk-hub serve`` on one port and data folder (SQLite), started again at will."""

    def __init__(self, data_dir: Path, port: int | None = None) -> None:
        self.data_dir, self.port = data_dir, port or free_port()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_HUB_")}
        self.env["KIOSK_HUB_DATA_DIR"] = str(data_dir)
        self.process: subprocess.Popen[bytes] | None = None
        self.kills = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.data_dir / "hub.sqlite3"

    def cli(self, *args: str) -> str:
        """Run a ``kiosk-hub`` command on the same data folder; its standard output."""
        done = subprocess.run(
            [sys.executable, "-c", HUB_MAIN, *args],
            env=self.env, capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        return done.stdout

    def start(self, timeout: float = 30) -> None:
        """Start serving and wait until ``/api/v1/health`` answers 200."""
        self.process = subprocess.Popen(
            [sys.executable, "-c", HUB_MAIN, "serve", "--port", str(self.port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # tracebacks of cut connections
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/api/v1/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"the hub did not come up at {self.url}")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, whatever it was doing."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()
