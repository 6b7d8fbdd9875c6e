"""The launcher starts the kiosk again after a crash, and the learner is back at their step."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.db.database import open_database
from kiosk.db.models import LessonAttempt
from kiosk.launcher import (
    MAX_BACKOFF_S,
    MAX_RESTARTS,
    STEADY_RUN_S,
    Launcher,
    RestartPolicy,
    describe_exit,
)
from tests.ui.test_ui_kill_resume import PLAY_THEN_HANG, REPORT_AFTER_RESTART, SETUP, python

# The real kiosk and launcher processes, killed and restarted.
pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]


def test_back_off_doubles_to_a_minute_and_a_crash_loop_gives_up() -> None:
    policy = RestartPolicy()
    waits = [policy.after_crash(1.0, now=60.0 * i) for i in range(9)]
    assert waits == [1, 2, 4, 8, 16, 32, MAX_BACKOFF_S, MAX_BACKOFF_S, MAX_BACKOFF_S]
    assert policy.after_crash(STEADY_RUN_S, now=10_000.0) == 1  # it ran a long while
    looping = RestartPolicy()
    waits = [looping.after_crash(0.5, now=float(i)) for i in range(MAX_RESTARTS + 1)]
    assert None not in waits[:MAX_RESTARTS] and waits[MAX_RESTARTS] is None
    assert describe_exit(-9) == "killed by SIGKILL" and describe_exit(3) == "exit code 3"


def test_a_clean_exit_ends_the_launcher_and_a_crash_loop_is_logged(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    assert Launcher([sys.executable, "-c", "pass"], log).run() == 0
    waits: list[float] = []
    crashing = Launcher([sys.executable, "-c", "raise SystemExit(3)"], log, sleep=waits.append)
    assert crashing.run() == 3
    assert len(waits) == MAX_RESTARTS
    text = log.read_text("utf-8")
    assert text.count("kiosk started") == MAX_RESTARTS + 2
    assert "stopped abnormally (exit code 3) 11 times in 10 minutes; not starting it again" in text


def _wait_for(path: Path, pattern: str, count: int, timeout: float = 120) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.findall(pattern, path.read_text("utf-8")) if path.exists() else []
        if len(found) >= count:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{pattern!r} not {count} times in {path}")


def test_sigkill_of_the_kiosk_is_restarted_and_resumes_the_lesson(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert python(SETUP, data).wait(timeout=60) == 0
    played = python(PLAY_THEN_HANG, data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert played.stdout is not None
        place = played.stdout.readline().split()
        assert place[0] == "at", place
    finally:
        played.kill()
        played.wait(timeout=30)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    launcher = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    log = data / "kiosk.log"
    try:
        pid = int(_wait_for(log, r"kiosk started \(pid (\d+)\)", 1)[0])
        _wait_for(log, f"resuming interrupted lesson {place[1]}", 1)
        os.kill(pid, signal.SIGKILL)
        _wait_for(log, r"stopped abnormally \(killed by SIGKILL\); restart in 1 s", 1)
        again = int(_wait_for(log, r"kiosk started \(pid (\d+)\)", 2)[1])
        assert again != pid
        _wait_for(log, f"resuming interrupted lesson {place[1]}", 2)
        assert launcher.poll() is None
    finally:
        launcher.terminate()  # the launcher ends the kiosk with it
        code = launcher.wait(timeout=60)
    assert code == 0 and "kiosk ended" in log.read_text("utf-8")
    db = open_database(data / "kiosk.sqlite3")
    with db.transaction() as s:
        assert s.scalars(select(LessonAttempt.status)).all() == ["in_progress"]
    db.dispose()
    report = python(REPORT_AFTER_RESTART, data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out, _ = report.communicate(timeout=120)
    assert out.split() == ["screen", "lesson", place[1], place[2]]
