"""One person playing one lesson: the engine plus saving after every step.

The player screen holds a ``LessonSession`` and only passes learner events in and
renders what comes back; the database work stays here, in plain Python.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.content.engine import StepView
from kiosk.content.events import Event, Outcome, RunResult, TimePassed
from kiosk.content.loader import LoadedLesson
from kiosk.content.schema import SOURCE_LANGUAGE
from kiosk.content.speech import Voice, lesson_lines
from kiosk.db.database import Database
from kiosk.learning import progress
from kiosk.learning.progress import Attempt, CompletionView
from kiosk.sync.outbox import RecordSigner
from kiosk.voices.hearing import heard_voice
from kiosk.voices.store import VoiceStore


def epoch_ms() -> int:
    """Wall-clock milliseconds: a saved run resumes after a restart (or a reboot, where a
    monotonic clock starts again from zero) with sensible step times."""
    return int(time.time() * 1000)


class LessonSession:
    def __init__(
        self,
        database: Database,
        attempt: Attempt,
        loaded: LoadedLesson,
        now: Callable[[], datetime],
        clock_ms: Callable[[], int] = epoch_ms,
        signer: RecordSigner | None = None,
    ) -> None:
        self.database = database
        self.attempt = attempt
        self.loaded = loaded
        self._now = now
        self._clock_ms = clock_ms
        self._signer = signer  # signs the hub outbox record of a completion
        self.completion: CompletionView | None = None
        self._left = False
        self._voices: dict[str, Voice] = {}
        self._heard: dict[str, Voice] = {}

    @property
    def lesson(self):  # type: ignore[no-untyped-def]
        return self.loaded.lesson

    @property
    def is_guest(self) -> bool:
        return self.attempt.learner_id is None

    @property
    def finished(self) -> bool:
        return self.attempt.run.finished

    def view(self, lang: str) -> StepView | None:
        return self.attempt.run.view(lang)

    def media(self, rel: str | None) -> Path | None:
        return self.loaded.media(rel)

    def voice(self, lang: str) -> Voice:
        """The lesson's narration clips in ``lang`` (the pack's folder is read once)."""
        if lang not in self._voices:
            self._voices[lang] = self.loaded.voice(lang)
        return self._voices[lang]

    def heard_voice(self, store: VoiceStore, hearing: str) -> Voice:
        """The lesson's clips for a learner hearing ``hearing``: its recordings on this
        kiosk, else the Vietnamese files, else (the player's text) a system voice."""
        if hearing not in self._heard:
            lines = lesson_lines(self.lesson)
            vietnamese = self.voice(SOURCE_LANGUAGE)
            self._heard[hearing] = heard_voice(store, hearing, self.lesson.id, lines, vietnamese)
        return self._heard[hearing]

    def result(self) -> RunResult:
        return self.attempt.run.result()

    def handle(self, event: Event) -> Outcome:
        """Apply a learner event; a finished step is saved before this returns."""
        outcome = self.attempt.run.handle(event, self._clock_ms())
        if outcome.step_done:
            self.save()
        return outcome

    def tick(self) -> Outcome:
        """Time passed: may make a hint due."""
        return self.handle(TimePassed())

    def save(self) -> None:
        with self.database.transaction() as session:
            completion = progress.save(session, self.attempt, self._now(), self._signer)
        if completion is not None:
            self.completion = completion

    def leave(self) -> None:
        """The person left (exit, idle reset): save, then pause or drop the attempt."""
        if self._left:
            return
        self._left = True
        with self.database.transaction() as session:
            progress.save(session, self.attempt, self._now(), self._signer)
            progress.leave(session, self.attempt.id, self._now())
