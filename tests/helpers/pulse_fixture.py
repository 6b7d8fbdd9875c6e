"""A private PulseAudio server with a fake speaker and a fake microphone.

The server runs from a fresh folder under /tmp with its own socket, so a sound server of
the machine, if any, is neither used nor touched. A null sink is the speaker; a source
remapped from that sink's monitor is the microphone (Qt lists no monitor sources), so a
tone played into the speaker with ``paplay`` is what the microphone hears. Nothing is
skipped: if the server cannot start, the fixture fails the test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SPEAKER = "kiosk_speaker"
MICROPHONE = "kiosk_microphone"


@dataclass(frozen=True)
class PulseServer:
    root: Path
    socket: Path

    @property
    def env(self) -> dict[str, str]:
        """Environment for a process that should use this server (and only it)."""
        return dict(
            os.environ,
            PULSE_SERVER=f"unix:{self.socket}",
            PULSE_RUNTIME_PATH=str(self.root),
            XDG_RUNTIME_DIR=str(self.root),
        )

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout


@contextlib.contextmanager
def private_pulse() -> Iterator[PulseServer]:
    if shutil.which("pulseaudio") is None or shutil.which("paplay") is None:
        raise RuntimeError("pulseaudio / paplay missing: run tools/install-system-deps.sh")
    root = Path(tempfile.mkdtemp(prefix="hocso-pulse-", dir="/tmp"))  # short: a socket path
    server = PulseServer(root, root / "native")
    env = dict(server.env, HOME=str(root))
    env.pop("PULSE_SERVER")
    daemon = subprocess.Popen(
        [
            "pulseaudio",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--system=false",
            "-n",  # no default.pa: only the modules below
            "-L",
            f"module-native-protocol-unix socket={server.socket} auth-anonymous=1",
            "-L",
            f"module-null-sink sink_name={SPEAKER}",
            "-L",
            f"module-remap-source master={SPEAKER}.monitor source_name={MICROPHONE}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(root / "pulseaudio.log").open("wb"),
    )
    try:
        deadline = time.monotonic() + 15
        while not server.socket.exists():
            if daemon.poll() is not None or time.monotonic() > deadline:
                log = (root / "pulseaudio.log").read_text(errors="replace")
                raise RuntimeError(f"pulseaudio did not start: {log}")
            time.sleep(0.05)
        server.run("pactl", "set-default-sink", SPEAKER)
        server.run("pactl", "set-default-source", MICROPHONE)
        yield server
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        shutil.rmtree(root, ignore_errors=True)
