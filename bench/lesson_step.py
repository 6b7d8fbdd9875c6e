"""Time from a learner's tap to the next step fully painted, over every built-in lesson.

Offscreen, at 1366×768 (the smallest kiosk screen). Each step is answered right by real
mouse events on the real widgets; the clock runs from the touch that ends the step (for
typing and keypad steps, the last key) until the player has repainted and pending events
(deferred deletes, layout) are done; it includes saving the step to SQLite.
Narration is on (each step says its narration and options: the pack's files, offscreen
without a sound device) and pictures are drawn: steps with a picture and quizzes with their
options, pictures and loudspeaker buttons are all among the steps timed. A step answered
right keeps its feedback until a touch goes on: that touch to the next step painted is
timed too, as its own sample.
Baseline: repainting an unchanged player.
Last line: ``step_p95_ms=N``. Target: p95 under 30 ms, and at most 7× the baseline p95.

    .venv/bin/python bench/lesson_step.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import start_qt
from kiosk.content.loader import load_packs
from kiosk.content.schema import LongPressStep, QuizStep
from kiosk.db.base import utcnow
from kiosk.learning import progress
from kiosk.learning.session import LessonSession
from kiosk.paths import DataPaths
from kiosk.services import build_services
from kiosk.staff.setup import complete_setup
from kiosk.ui.audio import Narrator
from kiosk.ui.phone.view import LONG_PRESS_MS
from kiosk.ui.screens.lesson_player import LessonPlayerScreen
from tests.helpers.player_driver import BenchBot, stage_step


def painted(app: QApplication, widget) -> None:  # type: ignore[no-untyped-def]
    app.processEvents()
    widget.repaint()
    app.processEvents()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    app = start_qt()
    services = build_services(DataPaths(Path(tempfile.mkdtemp()) / "data"))
    with services.database.transaction() as s:
        complete_setup(
            s,
            commune_code="03127",
            learning_point="Nhà văn hoá bản Him Lam",
            staff_pin="246813",
            admin_pin="135790",
            known_communes={u.code for u in services.units},
        )
    services.reload_identity()
    packs = load_packs()
    bot = BenchBot()

    def tr(key: str, **values: object) -> str:
        return services.catalogue.text("vi", key, **values)

    steps: list[float] = []
    going_on: list[float] = []
    baseline: list[float] = []
    pictures = quizzes = speakers = 0
    narrator = Narrator(tts_engines=())
    for entry in packs.lessons:
        kiosk = services.identity.kiosk_id
        with services.database.transaction() as s:
            attempt = progress.start_or_resume(s, kiosk, None, entry.lesson, utcnow(), 0)
        session = LessonSession(services.database, attempt, entry, utcnow)
        player = LessonPlayerScreen(tr, session, "vi", narrator)
        player.resize(1366, 768)
        player.show()
        painted(app, player)
        while not session.finished:
            for _ in range(3):
                t0 = time.perf_counter()
                painted(app, player)
                baseline.append((time.perf_counter() - t0) * 1000)
            held = isinstance(player.view.step, LongPressStep)
            step = player.view.step
            pictures += player.view.picture is not None
            if isinstance(step, QuizStep):
                quizzes += 1
                speakers += len(player.quiz.speakers)
            last_touch = stage_step(bot, player)  # typing: all but the final key, untimed
            painted(app, player)
            t0 = time.perf_counter()
            last_touch()
            painted(app, player)
            elapsed = (time.perf_counter() - t0) * 1000
            steps.append(elapsed - (LONG_PRESS_MS + 150 if held else 0))  # not the finger's hold
            if player.pausing:  # the finished step's feedback: a touch goes on
                t0 = time.perf_counter()
                bot.mouseClick(player.go_on_sheet, Qt.MouseButton.LeftButton)
                painted(app, player)
                going_on.append((time.perf_counter() - t0) * 1000)
        player.close()
        player.deleteLater()
        app.processEvents()
    services.close()
    every = steps + going_on
    p50, p95 = statistics.median(every), percentile(every, 0.95)
    b50, b95 = statistics.median(baseline), percentile(baseline, 0.95)
    print(f"lessons={len(packs.lessons)} steps={len(steps)} at 1366x768 offscreen")
    print(f"with a picture={pictures} quizzes={quizzes} option loudspeakers={speakers}")
    print(f"baseline (repaint, unchanged player): median={b50:.1f} ms p95={b95:.1f} ms")
    print(f"finishing touch painted: p95={percentile(steps, 0.95):.1f} ms max={max(steps):.1f}")
    print(f"go-on touch to next step painted: p95={percentile(going_on, 0.95):.1f} ms")
    print(f"all touches: median={p50:.1f} ms p95={p95:.1f} ms ({p95 / b95:.1f}x baseline p95)")
    print(f"step_p95_ms={round(p95)}")


if __name__ == "__main__":
    main()
