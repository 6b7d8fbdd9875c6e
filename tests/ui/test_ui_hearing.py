"""The hearing language: chosen on a picker, kept for the visit, heard line by line.

A learner hearing Mông hears the Mông recordings the kiosk holds, the Vietnamese file for
every other line, and reads Vietnamese on screen. Clips are generated tones (test data).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from kiosk.content.schema import QuizStep
from kiosk.content.speech import SCREENS, Line, lesson_lines, screen_lines
from kiosk.navigation import Screen
from kiosk.voices import processing
from kiosk.voices.store import VoiceStore
from tests.helpers.player_driver import play_step

LEFT = Qt.MouseButton.LeftButton


def tone_clip(hz: float = 440.0, seconds: float = 0.6) -> bytes:
    """A generated Opus clip (a sine tone): test data, never a real sentence."""
    t = np.arange(int(16_000 * seconds)) / 16_000
    pcm = (np.sin(2 * np.pi * hz * t) * 12_000).astype("<i2").tobytes()
    return processing.clip_from_pcm16(pcm, 16_000)


def quiz_lesson(services):  # type: ignore[no-untyped-def]
    """A lesson whose first step is not a quiz and that has one later (options to hear)."""
    for loaded in services.content().lessons:
        steps = loaded.lesson.steps
        if not isinstance(steps[0], QuizStep) and any(isinstance(s, QuizStep) for s in steps):
            return loaded.lesson, next(s for s in steps if isinstance(s, QuizStep))
    raise AssertionError("no such lesson")


def test_the_picker_offers_each_language_with_its_picture_and_keeps_the_choice(
    window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    welcome = c.current_widget
    assert welcome.hearing.text() == "Nghe: Tiếng Việt"
    qtbot.mouseClick(welcome.hearing, LEFT)
    picker = c.hearing.picker
    assert picker is not None and picker.isVisible()
    assert list(picker.tiles) == ["vi", "blt", "hmn"]
    for code, tile in picker.tiles.items():
        assert (
            tile.title.text()
            == {"vi": "Tiếng Việt", "blt": "Tiếng Thái", "hmn": "Tiếng Mông"}[code]
        )
    assert picker.tiles["vi"].isChecked() and not picker.tiles["hmn"].isChecked()
    # Opening it says each language; a loudspeaker says one (no sample yet: its
    # Vietnamese name, for the Vietnamese system voice).
    assert c.narrator.history[-3:] == ["_languages/vi", "_languages/blt", "_languages/hmn"]
    qtbot.mouseClick(picker.speakers["hmn"], LEFT)
    said = c.narrator.played[-1]
    assert (said.key, said.text, said.path) == ("_languages/hmn", "Tiếng Mông", None)

    qtbot.mouseClick(picker.tiles["hmn"], LEFT)
    assert not picker.isVisible() and c.visit.hearing == "hmn"
    assert c.current_widget.hearing.text() == "Nghe: Tiếng Mông"  # the welcome, rebuilt
    assert c.services.translator.language == "vi"  # the text language did not change
    qtbot.mouseClick(c.current_widget.action, LEFT)
    assert c.nav.current is Screen.LEARNER_START
    assert c.current_widget.hearing.text() == "Nghe: Tiếng Mông"
    c.reset_to_welcome()  # the visit ends: the next person hears Vietnamese
    assert c.visit.hearing == "vi" and c.current_widget.hearing.text() == "Nghe: Tiếng Việt"


def test_a_learner_hearing_hmn_hears_its_clips_and_vietnamese_elsewhere(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    services = c.services
    lesson, step = quiz_lesson(services)
    lines = {line.id: line for line in lesson_lines(lesson)}
    store = VoiceStore(services.paths.root)
    store.save("hmn", lines[step.id], tone_clip(330))
    first_option = f"{step.id}.opt-{step.options[0].id}"
    store.save("hmn", lines[first_option], tone_clip(550))
    start_title = next(
        line for line in screen_lines(services.catalogue.strings) if line.id == "start.title"
    )
    store.save("hmn", start_title, tone_clip(660))
    hmn = store.folder("hmn")

    c.hearing.choose("hmn")
    c.show(Screen.LEARNER_START)
    said = {clip.key: clip for clip in c.narrator.played}
    assert said[f"{SCREENS}/start.title"].path == hmn / SCREENS / "start.title.opus"
    assert said[f"{SCREENS}/start.title"].lang == "hmn"
    assert said[f"{SCREENS}/start.guest"].lang == "vi"  # no Mông clip: the Vietnamese file
    assert said[f"{SCREENS}/start.guest"].path is not None

    c.current_widget.guest_chosen.emit()
    since = len(c.narrator.played)
    c.learner_flow.open_lesson(lesson.id)
    player = c.current_widget
    first = next(
        p for p in c.narrator.played[since:] if p.key == f"{lesson.id}/{lesson.steps[0].id}"
    )
    assert first.lang == "vi" and "media/audio/vi" in str(first.path)  # no Mông clip for it
    while player.view.step.id != step.id:
        since = len(c.narrator.played)
        play_step(qtbot, player)
    heard = {clip.key: clip for clip in c.narrator.played[since:]}
    narration = heard[f"{lesson.id}/{step.id}"]
    assert (narration.path, narration.lang) == (hmn / lesson.id / f"{step.id}.opus", "hmn")
    option = heard[f"{lesson.id}/{first_option}"]
    assert (option.path, option.lang) == (hmn / lesson.id / f"{first_option}.opus", "hmn")
    second = heard[f"{lesson.id}/{step.id}.opt-{step.options[1].id}"]
    assert second.lang == "vi" and second.path is not None and "media/audio/vi" in str(second.path)
    # The text on screen stays Vietnamese.
    assert player.narration.text() == step.narration.text("vi")
    assert narration.text == step.narration.text("vi")


def test_an_out_of_date_clip_is_not_played(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    lesson, _quiz = quiz_lesson(c.services)
    step = lesson.steps[0]
    line = next(line for line in lesson_lines(lesson) if line.id == step.id)
    changed = Line(line.scope, line.id, type(line.text)({"vi": "Một câu cũ khác."}), line.step_id)
    VoiceStore(c.services.paths.root).save("hmn", changed, tone_clip())
    c.hearing.choose("hmn")
    c.current_widget.start_requested.emit()
    c.current_widget.guest_chosen.emit()
    c.learner_flow.open_lesson(lesson.id)
    narration = next(p for p in c.narrator.played if p.key == f"{lesson.id}/{step.id}")
    assert narration.lang == "vi" and isinstance(narration.path, Path)


def test_choosing_in_the_player_keeps_the_step_and_changes_the_voice(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    lesson, _quiz = quiz_lesson(c.services)
    step = lesson.steps[0]
    line = next(line for line in lesson_lines(lesson) if line.id == step.id)
    VoiceStore(c.services.paths.root).save("hmn", line, tone_clip())
    c.current_widget.start_requested.emit()
    c.current_widget.guest_chosen.emit()
    c.learner_flow.open_lesson(lesson.id)
    player = c.current_widget
    assert c.narrator.played[-1].lang in ("vi", "")
    qtbot.mouseClick(player.panel.hearing_button, LEFT)
    qtbot.mouseClick(c.hearing.picker.tiles["hmn"], LEFT)
    assert c.current_widget is player and player.view.step.id == step.id
    narration = next(p for p in reversed(c.narrator.played) if p.key == f"{lesson.id}/{step.id}")
    assert narration.lang == "hmn"


def test_the_idle_reset_closes_the_picker_and_forgets_the_choice(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_hearing_picker()
    c._on_idle()  # nobody touched the picker: the countdown starts even on the welcome
    assert c.overlay.isVisible()
    c.hearing.choose("blt")
    c.reset_to_welcome(quietly=True)
    assert not c.hearing.picker_open and c.visit.hearing == "vi"
