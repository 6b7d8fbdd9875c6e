"""Run by test_ui_voice_microphone.py in its own process, on a private PulseAudio server.

Opens the real kiosk window, enters the admin PIN, opens "Ghi âm lời đọc", chooses Mông
and the first lesson's first line, presses record, plays a tone into the fake speaker
(``paplay``; the fake microphone hears it), presses stop and save. Prints one JSON line:
the highest level the meter showed, the screen's message, the microphones Qt listed.
Usage: pulse_recording_worker.py DATA_DIR TONE_WAV
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtMultimedia import QMediaDevices  # noqa: E402

from kiosk.app import create_window, start_qt  # noqa: E402
from kiosk.paths import DataPaths  # noqa: E402
from kiosk.services import build_services  # noqa: E402
from kiosk.staff.setup import complete_setup  # noqa: E402
from tests.conftest import ADMIN_PIN, COMMUNE, STAFF_PIN  # noqa: E402


def main(data_dir: Path, tone: Path) -> int:
    app = start_qt()
    services = build_services(DataPaths(data_dir))
    with services.database.transaction() as session:  # type: ignore[union-attr]
        complete_setup(
            session,
            commune_code=COMMUNE,
            learning_point="Điểm ghi âm thử",
            staff_pin=STAFF_PIN,
            admin_pin=ADMIN_PIN,
            known_communes={u.code for u in services.units},
        )
    services.reload_identity()
    window = create_window(services, kiosk_mode=False)
    window.resize(1366, 768)
    window.show()
    c = window.controller
    c.open_staff_entry()
    for digit in ADMIN_PIN:
        c.current_widget.pad.press(digit)
    c.current_widget.pad.ok_button.click()
    c.current_widget.buttons["voices.menu_item"].click()
    screen = c.current_widget
    screen.language_buttons["hmn"].click()
    screen.scopes.setCurrentRow(1)  # the first lesson
    screen.lines.setCurrentRow(0)
    screen.record_button.click()
    levels: list[int] = []

    def wait(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            levels.append(screen.level.value())
            time.sleep(0.01)

    wait(0.4)  # silence first, as a person draws breath
    speaker = subprocess.Popen(["paplay", str(tone)])
    while speaker.poll() is None:
        wait(0.05)
    wait(0.5)
    screen.stop_button.click()
    wait(0.2)
    screen.save_button.click()
    wait(0.2)
    print(
        json.dumps(
            {
                "microphones": [d.description() for d in QMediaDevices.audioInputs()],
                "max_level": max(levels),
                "message": screen.message.text(),
                "paplay": speaker.returncode,
            }
        ),
        flush=True,
    )
    window.allow_close = True
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
