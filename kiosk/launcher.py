"""The launcher: ``kiosk`` runs the kiosk app as a child and starts it again after a crash.

A learning point has nobody at hand to restart a crashed kiosk, so the launcher does: when
the app dies abnormally (an exception, a crash of Qt, a kill) it waits a little and starts
it again, and the app's resume-after-crash brings the learner back to their step. A clean
exit (the administrator's "exit kiosk") ends the launcher too. Back-off doubles from one
second to a minute; more than ``MAX_RESTARTS`` crashes within ``CRASH_WINDOW_S`` means
something is broken for good (a damaged install), so the launcher gives up and says why.
Every start and crash goes to ``kiosk.log``. Plain Python, no Qt.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from kiosk_records.files import private_folder

CHILD_FLAG = "--supervised"  # the app runs itself, not another launcher
FIRST_BACKOFF_S, MAX_BACKOFF_S = 1.0, 60.0
STEADY_RUN_S = 300.0  # a run this long was not a crash loop: back-off starts over
MAX_RESTARTS, CRASH_WINDOW_S = 10, 600.0


def child_command(args: Sequence[str]) -> list[str]:
    """How to start the app itself: the frozen ``kiosk.exe`` or ``python -m kiosk``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *args, CHILD_FLAG]
    return [sys.executable, "-m", "kiosk", *args, CHILD_FLAG]


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


@dataclass
class RestartPolicy:
    """When to start the app again; ``crashes`` holds the monotonic times of recent ones."""

    crashes: list[float] = field(default_factory=list)
    backoff_s: float = FIRST_BACKOFF_S

    def after_crash(self, ran_s: float, now: float) -> float | None:
        """Seconds to wait before the next start, or None to give up."""
        if ran_s >= STEADY_RUN_S:
            self.backoff_s = FIRST_BACKOFF_S
        self.crashes = [t for t in self.crashes if now - t < CRASH_WINDOW_S] + [now]
        if len(self.crashes) > MAX_RESTARTS:
            return None
        wait, self.backoff_s = self.backoff_s, min(self.backoff_s * 2, MAX_BACKOFF_S)
        return wait


class Launcher:
    """Runs the app until it exits cleanly, starting it again after each crash."""

    def __init__(
        self,
        command: list[str],
        log_file: Path,
        *,
        policy: RestartPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.command = command
        self.log_file = log_file
        self.policy = policy or RestartPolicy()
        self.sleep = sleep
        self.child: subprocess.Popen[bytes] | None = None
        self.stopping = False

    def note(self, message: str) -> None:
        """One line in ``kiosk.log`` (opened per line: the app rotates that file)."""
        line = f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} launcher: {message}"
        print(line, file=sys.stderr, flush=True)
        with contextlib.suppress(OSError), self.log_file.open("a", encoding="utf-8") as log:
            log.write(line + "\n")

    def stop(self, signum: int, _frame: FrameType | None) -> None:
        """The launcher is told to end (log-off, shutdown): end the app with it."""
        self.stopping = True
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()

    def run(self) -> int:
        while True:
            started = time.monotonic()
            self.child = subprocess.Popen(self.command)
            self.note(f"kiosk started (pid {self.child.pid})")
            code = self.child.wait()
            if code == 0 or self.stopping:
                self.note(f"kiosk ended ({describe_exit(code)})")
                return 0 if self.stopping else code
            now = time.monotonic()
            wait = self.policy.after_crash(now - started, now)
            if wait is None:
                self.note(
                    f"kiosk stopped abnormally ({describe_exit(code)}) {MAX_RESTARTS + 1} times "
                    f"in {CRASH_WINDOW_S / 60:.0f} minutes; not starting it again. "
                    "Look at the lines above, then reinstall or call support."
                )
                return code if code > 0 else 1
            self.note(f"kiosk stopped abnormally ({describe_exit(code)}); restart in {wait:.0f} s")
            self.sleep(wait)
            if self.stopping:
                return 0


def launch(args: Sequence[str], log_file: Path) -> int:
    """Run the kiosk under the launcher (``args``: the command line, without the flag)."""
    private_folder(log_file.parent)
    launcher = Launcher(child_command(args), log_file)
    signal.signal(signal.SIGTERM, launcher.stop)
    try:
        return launcher.run()
    except KeyboardInterrupt:
        launcher.stop(signal.SIGINT, None)
        if launcher.child is not None:
            launcher.child.wait()
        return 130
