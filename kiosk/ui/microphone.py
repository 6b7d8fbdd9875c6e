"""The PC's microphone, read into one take with its level as it comes.

``SystemMicrophone`` opens the default input with QtMultimedia (16-bit PCM). A
``Microphone`` is anything that can say whether it exists and hand over a ``QIODevice``
to read from, so a test can feed the real recording screen from a buffer. ``Recorder``
polls the device, keeps the PCM and reports the level for the meter.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal

from kiosk.ui.audio import qt_messages_to_log
from kiosk.voices.processing import MAX_SECONDS, RATE, level

POLL_MS = 50


class Microphone(Protocol):
    rate: int
    channels: int

    def available(self) -> bool: ...

    def start(self) -> QIODevice:
        """Start capturing; PCM (signed 16-bit, interleaved) arrives on the device."""
        ...

    def stop(self) -> None: ...


class SystemMicrophone:
    """The default audio input, mono 16-bit at the processing rate where it can."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent
        self._source: Any = None
        self.rate = RATE
        self.channels = 1

    def available(self) -> bool:
        with qt_messages_to_log():
            from PySide6.QtMultimedia import QMediaDevices

            return bool(QMediaDevices.audioInputs())

    def start(self) -> QIODevice:
        with qt_messages_to_log():
            from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

            device = QMediaDevices.defaultAudioInput()
            wanted = QAudioFormat()
            wanted.setSampleRate(RATE)
            wanted.setChannelCount(1)
            wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            if not device.isFormatSupported(wanted):
                preferred = device.preferredFormat()
                wanted.setSampleRate(preferred.sampleRate())
                wanted.setChannelCount(preferred.channelCount())
            self.rate, self.channels = wanted.sampleRate(), wanted.channelCount()
            self._source = QAudioSource(device, wanted, self._parent)
            io: QIODevice = self._source.start()
            return io

    def stop(self) -> None:
        if self._source is not None:
            self._source.stop()
            self._source.deleteLater()
            self._source = None


class Recorder(QObject):
    """One take at a time: ``start``, then ``stop`` returns the PCM; ``level`` 0..1 meanwhile.

    A take stops by itself at the longest clip the kiosk keeps (``finished``).
    """

    level = Signal(float)
    finished = Signal()  # stopped by itself (too long)

    def __init__(self, microphone: Microphone, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.microphone = microphone
        self._device: QIODevice | None = None
        self._pcm = bytearray()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._read)

    @property
    def recording(self) -> bool:
        return self._device is not None

    def start(self) -> None:
        self._pcm = bytearray()
        self._device = self.microphone.start()
        self._timer.start()

    def stop(self) -> bytes:
        if self._device is None:
            return b""
        self._read()
        self._timer.stop()
        self.microphone.stop()
        self._device = None
        self.level.emit(0.0)
        return bytes(self._pcm)

    def _read(self) -> None:
        if self._device is None:
            return
        chunk = bytes(self._device.readAll().data())
        if not chunk:
            return
        self._pcm += chunk
        self.level.emit(level(chunk))
        mic = self.microphone
        if len(self._pcm) > (MAX_SECONDS + 1) * mic.rate * mic.channels * 2:
            self.finished.emit()
