"""Turning a recording into a clip: decode, trim the silence, even the loudness, encode Opus.

Recordings arrive as raw 16-bit PCM from the kiosk's microphone, or as WAV, MP3, OGG or M4A
files (a phone's recorder, a USB stick). Every clip is kept the same way: mono 48 kHz Opus
in an Ogg file, its leading and trailing silence trimmed, its peak brought to a common
level, so a village's recordings sound alike next to each other. Plain Python, no Qt.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 48_000
BIT_RATE = 24_000
IMPORT_EXTS = (".wav", ".mp3", ".ogg", ".opus", ".m4a")
SILENCE = 0.02  # below 2% of full scale is silence
KEEP_MS = 150  # silence kept before and after the speech
TARGET_PEAK = 0.7  # of full scale, after normalising
MAX_GAIN = 20.0  # a whisper is raised, room noise is not made a roar
MAX_SECONDS = 60


class AudioError(ValueError):
    """A recording cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class Clip:
    """Processed mono samples in -1..1 at ``RATE``."""

    samples: np.ndarray

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE


def from_pcm16(data: bytes, rate: int, channels: int = 1) -> np.ndarray:
    """Mono float samples at ``RATE`` from interleaved signed 16-bit PCM."""
    pcm = np.frombuffer(data[: len(data) - len(data) % (2 * channels)], dtype="<i2")
    samples = pcm.astype(np.float32).reshape(-1, channels).mean(axis=1) / 32768.0
    return resample(samples, rate)


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == RATE or len(samples) == 0:
        return samples.astype(np.float32)
    count = round(len(samples) * RATE / rate)
    positions = np.linspace(0, len(samples) - 1, count)
    resampled: np.ndarray = np.interp(positions, np.arange(len(samples)), samples)
    return resampled.astype(np.float32)


def level(samples: np.ndarray) -> float:
    """Peak level 0..1 of a chunk: what the level meter shows while recording."""
    return float(np.abs(samples).max()) if len(samples) else 0.0


def trim(samples: np.ndarray) -> np.ndarray:
    """Cut leading and trailing silence, keeping a short margin around the speech."""
    loud = np.flatnonzero(np.abs(samples) > SILENCE)
    if len(loud) == 0:
        return samples[:0]
    margin = RATE * KEEP_MS // 1000
    return samples[max(0, loud[0] - margin) : loud[-1] + margin + 1]


def normalise(samples: np.ndarray) -> np.ndarray:
    peak = level(samples)
    if peak == 0:
        return samples
    return (samples * min(TARGET_PEAK / peak, MAX_GAIN)).astype(np.float32)


def prepare(samples: np.ndarray) -> Clip:
    """Trim and normalise; refuses silence and over-long recordings."""
    speech = trim(samples)
    if len(speech) < RATE // 10:
        raise AudioError("nothing was heard: the recording is silent")
    if len(speech) > RATE * MAX_SECONDS:
        raise AudioError(f"the recording is longer than {MAX_SECONDS} seconds")
    return Clip(normalise(speech))


def encode_opus(clip: Clip) -> bytes:
    """The clip as an Ogg Opus file."""
    import av

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="ogg") as out:
        stream = out.add_stream("libopus", rate=RATE, layout="mono")
        stream.bit_rate = BIT_RATE
        pcm = (np.clip(clip.samples, -1, 1) * 32767).astype("<i2").reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = RATE
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()


def decode_file(path: Path) -> np.ndarray:
    """Mono samples at ``RATE`` from an audio file (WAV, MP3, OGG/Opus, M4A)."""
    import av

    if path.suffix.lower() not in IMPORT_EXTS:
        raise AudioError(f"{path.name}: not an audio file this kiosk reads (WAV, MP3, OGG, M4A)")
    chunks: list[np.ndarray] = []
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioError(f"{path.name}: holds no sound")
            resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
                if sum(len(c) for c in chunks) > RATE * MAX_SECONDS * 2:
                    break
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except AudioError:
        raise
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise AudioError(
            f"{path.name}: cannot be read as sound ({exc.__class__.__name__})"
        ) from exc
    return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)


def clip_from_file(path: Path) -> bytes:
    """An audio file made into a kiosk clip (trimmed, normalised, Opus)."""
    return encode_opus(prepare(decode_file(path)))


def clip_from_pcm16(data: bytes, rate: int, channels: int = 1) -> bytes:
    """Microphone PCM made into a kiosk clip (trimmed, normalised, Opus)."""
    return encode_opus(prepare(from_pcm16(data, rate, channels)))
