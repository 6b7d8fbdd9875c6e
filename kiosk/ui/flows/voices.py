"""Recording the kiosk's lines ("Ghi âm lời đọc"): the staff screen and the work behind it.

Admin or the voice role. A take is made into a clip (trimmed, normalised, Opus) when the
person stops; they listen to it, then keep it. Without a microphone the screen says so and
the recordings come from a USB stick laid out like the recording template.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.content.schema import SOURCE_LANGUAGE
from kiosk.content.speech import SCREENS, Clip, Line
from kiosk.navigation import Screen
from kiosk.ui.microphone import Microphone, Recorder, SystemMicrophone
from kiosk.ui.screens.staff.voice_recording import IDLE, RECORDING, TAKE, VoiceRecordingScreen
from kiosk.ui.widgets import ask_folder
from kiosk.ui.worker import run_in_background
from kiosk.voices.recording import Scope, TakeProblem, make_clip, recording_languages, rows, scopes
from kiosk.voices.store import ClipState, VoiceStore

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.ui.flows.api import FlowHost
    from kiosk.voices.template import ImportReport

log = logging.getLogger(__name__)


class VoicesFlow:
    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.microphone: Microphone | None = None  # None: the PC's default input
        self.screen: VoiceRecordingScreen | None = None
        self.recorder: Recorder | None = None
        self.lang = ""
        self.scopes: list[Scope] = []
        self.scope_index = 0
        self.line_index = 0
        self.take: bytes | None = None  # the last take, not kept yet
        self._take_file = Path(tempfile.gettempdir()) / f"hocso-take-{os.getpid()}.opus"

    def builders(self) -> dict[Screen, Callable[[], QWidget]]:
        return {Screen.STAFF_VOICES: self._build}

    @property
    def store(self) -> VoiceStore:
        return self.c.services.voices

    def _build(self) -> QWidget:
        s, t = self.c.services, self.c.t
        languages = recording_languages(s.hearing_languages())
        screen = VoiceRecordingScreen(t, [(lang.code, lang.name) for lang in languages])
        self.screen = screen
        self.scopes = scopes(s.content().lessons, s.catalogue.strings)
        self.lang = self.lang or languages[0].code
        self.take = None
        microphone = self.microphone or SystemMicrophone(screen)
        self.recorder = Recorder(microphone, screen)
        self.recorder.level.connect(screen.set_level)
        self.recorder.finished.connect(self.stop)
        screen.back_requested.connect(lambda: self.c.show(Screen.STAFF_MENU))
        screen.language_chosen.connect(self.choose_language)
        screen.scope_chosen.connect(self.choose_scope)
        screen.line_chosen.connect(self.choose_line)
        screen.record_requested.connect(self.record)
        screen.stop_requested.connect(self.stop)
        screen.play_requested.connect(self.play)
        screen.save_requested.connect(self.save)
        screen.delete_requested.connect(self.delete)
        screen.import_requested.connect(self._choose_folder)
        screen.leaving.connect(self._leave)
        screen.set_language(self.lang)
        if not microphone.available():
            screen.show_no_microphone(t("voices.no_microphone"))
        self._refresh()
        return screen

    # What is shown ---------------------------------------------------------------------

    @property
    def scope(self) -> Scope:
        return self.scopes[self.scope_index]

    @property
    def line(self) -> Line | None:
        lines = self.scope.lines
        return lines[self.line_index] if 0 <= self.line_index < len(lines) else None

    def _scope_title(self, scope: Scope) -> str:
        done, total = self.store.progress(self.lang, scope.lines)
        title = self.c.t("voices.screens") if scope.id == SCREENS else scope.title
        return f"{done}/{total} · {title}"

    def _refresh(self) -> None:
        screen = self.screen
        if screen is None:
            return
        t = self.c.t
        screen.show_scopes([self._scope_title(scope) for scope in self.scopes], self.scope_index)
        found = rows(self.store, self.lang, self.scope)
        shown = [
            (f"{t(f'voices.state.{r.state.value}')} · {r.vietnamese}", r.state.value) for r in found
        ]
        screen.show_lines(shown, self.line_index)
        done = sum(r.state is ClipState.CURRENT for r in found)
        screen.show_progress(done, len(found))
        line = self.line
        state = found[self.line_index].state if line is not None else ClipState.MISSING
        screen.show_line(
            line.text.text(SOURCE_LANGUAGE) if line else t("voices.choose_line"),
            t(f"voices.state.{state.value}"),
        )
        self._mode(IDLE if self.take is None else TAKE)

    def _mode(self, mode: str) -> None:
        line = self.line
        has_clip = line is not None and line.key in self.store.clips(self.lang)
        if self.screen is not None:
            self.screen.set_mode(
                mode, has_take=self.take is not None, has_clip=has_clip, line=line is not None
            )

    # What the person did -----------------------------------------------------------------

    def choose_language(self, code: str) -> None:
        self.lang, self.take = code, None
        self._refresh()
        self._message("")

    def choose_scope(self, index: int) -> None:
        self.scope_index, self.line_index, self.take = index, 0, None
        self._refresh()
        self._message("")

    def choose_line(self, index: int) -> None:
        self.line_index, self.take = index, None
        self._refresh()
        self._message("")

    def record(self) -> None:
        if self.recorder is None or self.line is None or self.recorder.recording:
            return
        self.c.narrator.stop()
        self.take = None
        try:
            self.recorder.start()
        except Exception:  # a device that vanished: say so, never crash the kiosk
            log.exception("the microphone could not start")
            self._message(self.c.t("voices.microphone_failed"), error=True)
            return
        self._mode(RECORDING)
        self._message(self.c.t("voices.recording"))

    def stop(self) -> None:
        if self.recorder is None or not self.recorder.recording:
            return
        pcm = self.recorder.stop()
        mic = self.recorder.microphone
        made = make_clip(pcm, mic.rate, mic.channels)
        if isinstance(made, TakeProblem):
            self.take = None
            self._mode(IDLE)
            self._message(self.c.t(f"voices.problem.{made.value}"), error=True)
            return
        self.take = made
        self._take_file.write_bytes(made)
        self._mode(TAKE)
        self._message(self.c.t("voices.take_ready"))

    def play(self) -> None:
        line = self.line
        if line is None:
            return
        if self.take is not None:
            path, lang = self._take_file, self.lang
        else:
            clip = self.store.clips(self.lang).get(line.key)
            if clip is None:
                return
            path, lang = self.store.folder(self.lang) / clip.file, self.lang
        text = line.text.text(SOURCE_LANGUAGE)
        self.c.narrator.say([Clip(line.key, text, path, lang)], SOURCE_LANGUAGE)

    def save(self) -> None:
        line = self.line
        if line is None or self.take is None:
            return
        self.store.save(self.lang, line, self.take, source="kiosk")
        self.take = None
        self._take_file.unlink(missing_ok=True)
        states = self.store.states(self.lang, self.scope.lines)
        after = [
            i for i, ln in enumerate(self.scope.lines) if states[ln.key] is not ClipState.CURRENT
        ]
        self.line_index = next((i for i in after if i > self.line_index), self.line_index)
        self._refresh()
        self._message(self.c.t("voices.saved"))

    def delete(self) -> None:
        line = self.line
        if line is not None and self.store.remove(self.lang, line.key):
            self._refresh()
            self._message(self.c.t("voices.deleted"))

    def _leave(self) -> None:
        if self.recorder is not None and self.recorder.recording:
            self.recorder.stop()
        self.take = None
        self._take_file.unlink(missing_ok=True)
        self.screen = None

    def _message(self, text: str, *, error: bool = False) -> None:
        if self.screen is not None:
            self.screen.show_message(text, error=error)

    # From a USB stick ------------------------------------------------------------------

    def _choose_folder(self) -> None:
        folder = ask_folder(self.screen, self.c.t("voices.import"), Path.home())
        if folder is not None:
            self.import_folder(folder)

    def import_folder(self, folder: Path) -> None:
        """Take the recordings of the chosen language from a folder laid out like the template."""
        from kiosk.voices.ops import import_voice_folder

        services, lang, actor = self.c.services, self.lang, self.c.visit.actor
        self._message(self.c.t("voices.importing"))
        run_in_background(
            lambda: import_voice_folder(services, folder, lang, actor),
            self._imported,
            self._import_failed,
            context=self.screen,
        )

    def _imported(self, report: ImportReport) -> None:
        t = self.c.t
        parts = [t("voices.imported", n=len(report.matched))]
        if report.unknown:
            parts.append(t("voices.import_unknown", n=len(report.unknown)))
        if report.unreadable:
            names = ", ".join(Path(name).name for name, _why in report.unreadable[:3])
            parts.append(t("voices.import_unreadable", files=names))
        self._refresh()
        self._message(" ".join(parts), error=bool(report.unreadable))

    def _import_failed(self, exc: BaseException) -> None:
        log.warning("voice import: %s", exc)
        self._message(self.c.t("voices.import_failed", reason=str(exc)), error=True)
