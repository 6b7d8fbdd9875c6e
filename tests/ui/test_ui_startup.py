"""Start-up: the welcome screen paints before the heavy libraries and the other flows load;
each flow is built when first used."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.navigation import Screen
from kiosk.ui.controller import FLOWS
from tests.conftest import ADMIN_PIN, STAFF_PIN

ROOT = Path(__file__).resolve().parents[2]
LEFT = Qt.MouseButton.LeftButton

HEAVY_LIBRARIES = ("sqlalchemy", "pydantic", "alembic")
# Flows other than the welcome's, and what only they or the full database open need.
LATER_MODULES = (
    *sorted({spec.module for spec in FLOWS.values()}),
    "kiosk.ui.sync_worker",
    "kiosk.content.install",
    "kiosk.content.loader",
    "kiosk.db.database",
)
# Narration starts after the first paint: its lines, and Qt's sound and speech libraries.
SOUND_MODULES = ("kiosk.content.speech", "PySide6.QtMultimedia", "PySide6.QtTextToSpeech")

# The app's own start (kiosk.app.run), with its first-paint report swapped for one that
# notes the modules loaded at the moment the welcome screen paints.
FIRST_PAINT = """
import json, sys
from pathlib import Path
import kiosk.app as app

def report(qt_app, screen):
    at_paint = []

    def done():
        after = sorted(sys.modules)
        print("painted=" + json.dumps(
            {"screen": type(screen).__name__, "at_paint": at_paint, "after": after}
        ), flush=True)
        qt_app.exit(0)

    app.after_first_paint(screen, done, on_paint=lambda: at_paint.extend(sorted(sys.modules)))

app.report_first_paint = report
sys.exit(app.run(app.LaunchOptions(data_dir=Path(sys.argv[1]), windowed=True)))
"""


def first_paint(data_dir: Path) -> dict[str, object]:
    env = dict(os.environ, **{"KIOSK_REPORT_FIRST_PAINT": "0"})
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(data_dir)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("painted=")]
    assert len(lines) == 1, done.stdout + done.stderr[-3000:]
    report: dict[str, object] = json.loads(lines[0].split("=", 1)[1])
    return report


def heavy(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return sorted(m for m in modules if m.split(".")[0] in HEAVY_LIBRARIES or m in LATER_MODULES)


def test_the_modules_checked_exist() -> None:
    """A renamed module would make the check below pass for nothing."""
    assert len(LATER_MODULES) >= 10
    assert all(importlib.util.find_spec(name) for name in LATER_MODULES)


def test_welcome_paints_before_heavy_libraries_and_other_flows(ready_services) -> None:  # type: ignore[no-untyped-def]
    ready_services.close()  # a set-up kiosk, started afresh as staff would find it
    report = first_paint(ready_services.paths.root)
    assert report["screen"] == "WelcomeScreen"
    at_paint = report["at_paint"]
    assert isinstance(at_paint, list) and "kiosk.ui.screens.welcome" in at_paint
    assert heavy(at_paint) == []
    assert not set(SOUND_MODULES) & set(at_paint)
    # The full database open comes right after that paint: the same check sees it there.
    after = heavy(report["after"])
    assert "sqlalchemy" in after and "kiosk.db.database" in after
    assert "kiosk.content.speech" in report["after"]  # then the welcome screen spoke


def test_flows_are_built_when_first_used(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    # Open database: the background sender runs and an interrupted lesson was looked for;
    # the staff flow waits for staff (menu items are declared, not added by flows).
    assert c.built_flows() == {"sync_flow", "learner_flow"}
    c.open_staff_entry()
    assert c.nav.current is Screen.STAFF_PIN
    c.staff.pin_entered(c.current_widget, STAFF_PIN)
    menu = c.current_widget
    tools = [
        "slips.menu_item",
        "staff.settings",
        "staff.about",
        "sync.menu_item",
        "console.menu.today",
        "console.menu.learners",
        "console.menu.reports",
        "console.menu.audit",
        "content.menu_item",
        "vietqr.menu_item",
        "pin_change.menu.staff",
        "pin_change.menu.admin",
        "pin_change.menu.voice",
        "voices.menu_item",
        "demo.menu_on",
    ]
    assert list(menu.buttons) == [*tools, "staff.exit_kiosk", "staff.leave"]
    assert not {"console", "content_flow", "vietqr_flow", "demo"} & c.built_flows()

    qtbot.mouseClick(menu.buttons["console.menu.today"], LEFT)
    assert c.nav.current is Screen.STAFF_TODAY and "console" in c.built_flows()
    assert [item.key for item in c.staff.items] == tools  # the declared items, in their order

    c.show(Screen.STAFF_MENU)  # an admin-only tool: the admin PIN first, then the flow
    qtbot.mouseClick(c.current_widget.buttons["content.menu_item"], LEFT)
    assert c.nav.current is Screen.STAFF_PIN and "content_flow" not in c.built_flows()
    c.staff.pin_entered(c.current_widget, ADMIN_PIN)
    assert c.nav.current is Screen.STAFF_CONTENT and "content_flow" in c.built_flows()
    assert [item.key for item in c.staff.items] == tools
