"""Narration: a recorded file if there is one, else text-to-speech if a voice exists, else quiet.

Sound is a help, never a requirement: a kiosk without speakers, without a sound server or
without a voice for the language plays the lesson as text. Every failure is logged and
swallowed. Qt's multimedia and speech back ends print warnings while probing for devices
and plug-ins that are not there (no PipeWire, no PulseAudio, no speech-dispatcher); those
are routed into Python logging while the probe runs, so a silent kiosk stays silent in the
log too (and the test suite, which fails on Qt warnings, stays green).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QtMsgType, QUrl, Signal, qInstallMessageHandler

from kiosk.content.speech import Clip

log = logging.getLogger(__name__)
HISTORY = 2_000  # the last few lessons (a lesson says 60-200 keys); the list never grows past it

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.DEBUG,
    QtMsgType.QtWarningMsg: logging.INFO,
    QtMsgType.QtCriticalMsg: logging.INFO,
}


@contextmanager
def qt_messages_to_log() -> Iterator[None]:
    """Route Qt's own messages to Python logging for the duration (device probing only)."""

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        log.log(_QT_LEVELS.get(kind, logging.WARNING), "qt audio: %s", message)

    previous: Callable[..., None] | None = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


class Narrator(QObject):
    """Plays narration. ``mode`` says what the last clip did: file, speech, silent.

    ``say`` plays clips one after another (a step's narration, then each option...). Each
    clip's key is emitted by ``spoken`` and kept in ``history`` (the clip itself in
    ``played``: its file and that file's language, "" for a system voice) when its turn
    comes, even on a silent kiosk: that is what was said to the learner, and what tests
    listen to.

    Args:
        tts_engines: text-to-speech engines to try, in order; None means every installed
            engine except Qt's test engine "mock". An empty sequence turns speech off.
        audio: False turns file playback off (e.g. a kiosk set to silent).
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        tts_engines: Sequence[str] | None = None,
        audio: bool = True,
    ) -> None:
        super().__init__(parent)
        self._tts_engines = tts_engines
        self._audio_enabled = audio
        self._volume = 80
        self._player: Any = None  # QMediaPlayer, made on the first file played
        self._output: Any = None
        self._has_output: bool | None = None
        self._speech: dict[str, Any] = {}  # engine name -> QTextToSpeech (None if it failed)
        self.mode = "silent"
        self.history: list[str] = []  # the keys said, the latest HISTORY at most
        self.played: list[Clip] = []  # the same turns as clips: which file, in which language
        self._queue: list[Clip] = []
        self._lang = ""

    spoken = Signal(str)

    # Public verbs ----------------------------------------------------------------------

    def say(self, clips: Sequence[Clip], lang: str) -> None:
        """Stop what is playing and say ``clips`` in turn (a system voice reads ``lang``)."""
        self.stop()
        self._queue = list(clips)
        self._lang = lang
        self._next()

    def play(self, audio_path: Path | None, text: str, lang: str) -> None:
        """Narrate one text: the file, else ``text`` spoken in ``lang``, else nothing."""
        self.say([Clip("", text, audio_path)], lang)

    def _next(self) -> None:
        """Start the next clip; silent clips are reported and passed at once."""
        while self._queue:
            clip = self._queue.pop(0)
            if clip.key:
                self.history.append(clip.key)
                self.played.append(clip)
                if len(self.history) > HISTORY:
                    del self.history[: HISTORY // 2]
                    del self.played[: len(self.played) - len(self.history)]
                self.spoken.emit(clip.key)
            self.mode = "silent"
            try:
                if clip.path is not None and self._play_file(clip.path):
                    self.mode = "file"
                elif clip.text and self._speak(clip.text, self._lang):
                    self.mode = "speech"
            except Exception:  # sound must never break a lesson
                log.exception("narration failed")
            if self.mode != "silent":
                return

    def _on_media_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._queue:
            self._next()

    def _on_speech_state(self, state: Any) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state == QTextToSpeech.State.Ready and self._queue and self.mode == "speech":
            self._next()

    def stop(self) -> None:
        self._queue = []
        try:
            if self._player is not None:
                self._player.stop()
            for speech in self._speech.values():
                if speech is not None:
                    speech.stop()
        except Exception:
            log.exception("stopping narration failed")

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(100, int(percent)))
        try:
            if self._output is not None:
                self._output.setVolume(self._volume / 100)
            for speech in self._speech.values():
                if speech is not None:
                    speech.setVolume(self._volume / 100)
        except Exception:
            log.exception("setting the volume failed")

    @property
    def volume(self) -> int:
        return self._volume

    # Files -----------------------------------------------------------------------------

    def _play_file(self, path: Path) -> bool:
        if not self._audio_enabled or not path.is_file() or not self._ensure_player():
            return False
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()
        return True

    def _ensure_player(self) -> bool:
        if self._has_output is None:
            with qt_messages_to_log():
                from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

                self._has_output = bool(QMediaDevices.audioOutputs())
                if self._has_output:
                    self._player = QMediaPlayer(self)
                    self._output = QAudioOutput(self)
                    self._output.setVolume(self._volume / 100)
                    self._player.setAudioOutput(self._output)
                    self._player.errorOccurred.connect(self._on_player_error)
                    self._player.mediaStatusChanged.connect(self._on_media_status)
            if not self._has_output:
                log.info("no audio output device: narration files are not played")
        return bool(self._has_output)

    def _on_player_error(self, _error: object, message: str) -> None:
        log.warning("narration file could not be played: %s", message)
        if self._queue:
            self._next()

    # Speech ----------------------------------------------------------------------------

    def _engines(self) -> list[str]:
        if self._tts_engines is not None:
            return list(self._tts_engines)
        with qt_messages_to_log():
            from PySide6.QtTextToSpeech import QTextToSpeech

            return [e for e in QTextToSpeech.availableEngines() if e != "mock"]

    def _speak(self, text: str, lang: str) -> bool:
        for name in self._engines():
            speech = self._engine(name)
            if speech is None:
                continue
            locale = _voice_locale(speech, lang)
            if locale is None:
                continue
            speech.setLocale(locale)
            speech.say(text)
            return True
        return False

    def _engine(self, name: str) -> Any:
        if name not in self._speech:
            speech = None
            with qt_messages_to_log():
                from PySide6.QtTextToSpeech import QTextToSpeech

                try:
                    candidate = QTextToSpeech(name, self)
                    if candidate.state() != QTextToSpeech.State.Error:
                        candidate.setVolume(self._volume / 100)
                        candidate.stateChanged.connect(self._on_speech_state)
                        speech = candidate
                    else:
                        log.info("speech engine %s unusable: %s", name, candidate.errorString())
                        candidate.deleteLater()
                except Exception:
                    log.exception("speech engine %s failed", name)
            self._speech[name] = speech
        return self._speech[name]


def _voice_locale(speech: Any, lang: str) -> QLocale | None:
    """A locale of the engine that speaks ``lang``, or None."""
    wanted = QLocale(lang).language()
    if wanted in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return None
    for locale in speech.availableLocales():
        if locale.language() == wanted:
            return locale
    return None
