"""Memory over repeated play: every lesson through the real player, ten rounds.

Offscreen, through the real controller (guest learner): each round opens every
built-in lesson from the catalogue, plays it to the end with real clicks and key
presses (tests/helpers/player_driver.py), and returns to the catalogue. Prints the RSS
after each round, the peak, and the growth from round 1 to round 10; the baseline
is the RSS of the kiosk idle on its catalogue before round 1, measured in the same
run. Last line: ``rss_mib=N`` (the peak). Targets: at most 250 MiB, growth under 5%.

A second narration language is installed and heard (``MEMORY_HEARING``, default "hmn";
"vi" for none): a clip of a generated tone, test data, for every line the kiosk speaks,
so every line plays a recording from the voice store.
"""

from __future__ import annotations

import gc
import os
import resource
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.app import create_window, start_qt  # noqa: E402
from kiosk.navigation import Screen  # noqa: E402
from kiosk.paths import DataPaths  # noqa: E402
from kiosk.services import build_services  # noqa: E402
from kiosk.staff.setup import complete_setup  # noqa: E402
from tests.helpers.player_driver import BenchBot, play_step  # noqa: E402

ROUNDS = int(os.environ.get("MEMORY_ROUNDS", "10"))
HEARING = os.environ.get("MEMORY_HEARING", "hmn")
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE / 2**20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settle(app: QApplication) -> None:
    """Let Qt finish: pending paints, and the deleteLater() of screens that were left
    (processEvents alone does not run deferred deletes, the event loop does)."""
    for _ in range(3):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def install_second_language(services: object, lang: str) -> int:
    """Fill the voice store with one clip (test data) for every line; returns how many.

    The clip is a shipped narration file: making one here would load PyAV into the
    kiosk's process, which only the staff recording screen does.
    """
    from kiosk.content.loader import builtin_packs_dir
    from kiosk.voices.ops import voice_lines
    from kiosk.voices.store import CLIP_EXT, StoredClip, fingerprint

    opus = next(builtin_packs_dir().glob("core/media/audio/vi/*/title.opus")).read_bytes()
    lines = voice_lines(services)  # type: ignore[arg-type]
    services.voices.add_clips(  # type: ignore[attr-defined]
        lang,
        (
            (
                StoredClip(x.key, f"{x.scope}/{x.id}{CLIP_EXT}", fingerprint(x.text), "", "test"),
                opus,
            )
            for x in lines
        ),
        pack_version=1,
    )
    return len(lines)


def main() -> int:
    app = start_qt()
    services = build_services(DataPaths(Path(tempfile.mkdtemp(prefix="kiosk-mem-"))))
    with services.database.transaction() as session:  # type: ignore[union-attr]
        complete_setup(
            session,
            commune_code="03127",
            learning_point="Điểm đo bộ nhớ",
            staff_pin="246813",
            admin_pin="135790",
            known_communes={u.code for u in services.units},
        )
    services.reload_identity()
    if HEARING != "vi":
        count = install_second_language(services, HEARING)
        print(f"second narration language: {HEARING}, {count} clips (test data: a shipped clip)")
    window = create_window(services, kiosk_mode=False)
    window.resize(1366, 768)
    window.show()
    c = window.controller
    c.show(Screen.LEARNER_START)
    c.learner_flow.as_guest()
    c.hearing.choose(HEARING)
    lessons = [entry.lesson.id for entry in services.content().lessons]
    bot = BenchBot()
    settle(app)
    baseline = rss_mib()
    print(f"baseline (catalogue, before round 1): {baseline:.1f} MiB; {len(lessons)} lessons")
    after: list[float] = []
    for round_no in range(1, ROUNDS + 1):
        for lesson_id in lessons:
            c.learner_flow.open_lesson(lesson_id)
            player = c.current_widget
            while not player.session.finished:
                play_step(bot, player)
            c.show(Screen.CATALOGUE)
            settle(app)
        after.append(rss_mib())
        widgets = len(QApplication.allWidgets())
        print(f"round {round_no:2d}: rss {after[-1]:.1f} MiB, {widgets} live widgets")
    growth = (after[-1] - after[0]) / after[0] * 100
    peak = peak_mib()
    print(f"peak {peak:.1f} MiB (target <= 250), growth round 1 -> {ROUNDS}: {growth:+.1f}% (<5%)")
    window.allow_close = True
    window.close()
    window.deleteLater()
    settle(app)
    services.close()
    print(f"rss_mib={peak:.0f}", flush=True)
    return 0 if peak <= 250 and growth < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
