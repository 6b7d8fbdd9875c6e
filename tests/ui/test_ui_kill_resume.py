"""Kill the kiosk process mid-lesson (SIGKILL, like a power cut); the restart resumes the step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PIN, COMMUNE, STAFF_PIN

# The real kiosk process, killed mid-lesson.
pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]

SETUP = f"""
from pathlib import Path; import sys
from kiosk.paths import DataPaths
from kiosk.services import build_services
from kiosk.staff.setup import complete_setup
s = build_services(DataPaths(Path(sys.argv[1])))
with s.database.transaction() as session:
    complete_setup(session, commune_code="{COMMUNE}", learning_point="Nhà văn hoá bản Him Lam",
                   staff_pin="{STAFF_PIN}", admin_pin="{ADMIN_PIN}",
                   known_communes={{u.code for u in s.units}})
s.close()
"""

PLAY_THEN_HANG = """
import sys, time
from pathlib import Path
from kiosk.app import create_window, start_qt
from kiosk.content.answers import right_event
from kiosk.navigation import Screen
from kiosk.paths import DataPaths
from kiosk.services import build_services
start_qt()
services = build_services(DataPaths(Path(sys.argv[1])))
window = create_window(services, kiosk_mode=False)
c = window.controller
c.show(Screen.LEARNER_START)
c.learner_flow.as_guest()
c.learner_flow.open_lesson(services.content().lessons[0].lesson.id)
player = c.current_widget
run = player.session.attempt.run
for _ in range(3):
    player.handle(right_event(run.current_step, run.screen))
print("at", run.lesson.id, run.current_step.id, flush=True)
time.sleep(600)
"""

REPORT_AFTER_RESTART = """
import sys
from pathlib import Path
from kiosk.app import create_window, start_qt
from kiosk.paths import DataPaths
from kiosk.services import build_services
start_qt()
services = build_services(DataPaths(Path(sys.argv[1])))
c = create_window(services, kiosk_mode=False).controller
if c.nav.current.value == "lesson":
    run = c.current_widget.session.attempt.run
    print("screen lesson", run.lesson.id, run.current_step.id)
else:
    print("screen", c.nav.current.value)
"""


def python(code: str, data: Path, **kw):  # type: ignore[no-untyped-def]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-c", code, str(data)], cwd=ROOT, env=env, text=True, **kw
    )


def test_sigkill_mid_lesson_then_restart_resumes_the_same_step(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert python(SETUP, data).wait(timeout=60) == 0
    kiosk = python(PLAY_THEN_HANG, data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert kiosk.stdout is not None
        line = kiosk.stdout.readline().split()
        assert line[0] == "at", line
        os.kill(kiosk.pid, signal.SIGKILL)
    finally:
        kiosk.kill()
        kiosk.wait(timeout=30)
    again = python(REPORT_AFTER_RESTART, data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out, _ = again.communicate(timeout=120)
    assert out.split() == ["screen", "lesson", line[1], line[2]]
