"""Turning a recording into a clip: decode, trim the silence, even the loudness, encode Opus.

Recordings arrive as raw 16-bit PCM from the kiosk's microphone, or as WAV, MP3, OGG or M4A
files (a phone's recorder, a USB stick). Every clip is kept the same way: mono 48 kHz Opus
in an Ogg file, its leading and trailing silence trimmed, its peak brought to a common
level, so a village's recordings sound alike next to each other. Plain Python and PyAV
(FFmpeg with libopus; Qt's own FFmpeg cannot encode Opus), no Qt and no NumPy: samples are
an ``array('h')`` of 16-bit values, a few hundred thousand per clip.
"""

from __future__ import annotations

import io
import sys
from array import array
from pathlib import Path
from typing import Any

RATE = 48_000
BIT_RATE = 24_000
IMPORT_EXTS = (".wav", ".mp3", ".ogg", ".opus", ".m4a")
FULL_SCALE = 32767
SILENCE = 0.02  # below 2% of full scale is silence
KEEP_MS = 150  # silence kept before and after the speech
TARGET_PEAK = 0.7  # of full scale, after normalising
MAX_GAIN = 20.0  # a whisper is raised, room noise is not made a roar
MAX_SECONDS = 60


class AudioError(ValueError):
    """A recording cannot be used; the message says why in plain words."""


def _samples(data: bytes) -> array[int]:
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def level(data: bytes) -> float:
    """Peak level 0..1 of a chunk of 16-bit PCM: what the level meter shows while recording."""
    samples = _samples(data)
    if not samples:
        return 0.0
    return min(1.0, max(max(samples), -min(samples)) / FULL_SCALE)


def _resampled(frames: Any, resampler: Any) -> array[int]:
    out = array("h")
    for frame in frames:
        for chunk in resampler.resample(frame):
            out.extend(_samples(bytes(chunk.planes[0])[: chunk.samples * 2]))
            if len(out) > RATE * MAX_SECONDS * 2:
                return out
    return out


def from_pcm16(data: bytes, rate: int, channels: int = 1) -> array[int]:
    """Mono 48 kHz samples from interleaved signed 16-bit little-endian PCM."""
    import av

    layout = "mono" if channels == 1 else "stereo"
    count = len(data) // (2 * channels)
    if count == 0:
        return array("h")
    frame = av.AudioFrame(format="s16", layout=layout, samples=count)
    frame.planes[0].update(data[: count * 2 * channels])
    frame.sample_rate = rate
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    return _resampled([frame, None], resampler)


def trim(samples: array[int]) -> array[int]:
    """Cut leading and trailing silence, keeping a short margin around the speech."""
    threshold = SILENCE * FULL_SCALE
    first = next((i for i, s in enumerate(samples) if abs(s) > threshold), None)
    if first is None:
        return array("h")
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > threshold)
    margin = RATE * KEEP_MS // 1000
    return samples[max(0, first - margin) : last + margin + 1]


def normalise(samples: array[int]) -> array[int]:
    peak = max(max(samples), -min(samples)) if samples else 0
    if peak == 0:
        return samples
    gain = min(TARGET_PEAK * FULL_SCALE / peak, MAX_GAIN)
    return array("h", (max(-FULL_SCALE, min(FULL_SCALE, round(s * gain))) for s in samples))


def prepare(samples: array[int]) -> array[int]:
    """Trim and normalise; refuses silence and over-long recordings."""
    speech = trim(samples)
    if len(speech) < RATE // 10:
        raise AudioError("nothing was heard: the recording is silent")
    if len(speech) > RATE * MAX_SECONDS:
        raise AudioError(f"the recording is longer than {MAX_SECONDS} seconds")
    return normalise(speech)


def encode_opus(samples: array[int]) -> bytes:
    """Mono 48 kHz samples as an Ogg Opus file."""
    import av

    pcm = array("h", samples)
    if sys.byteorder == "big":
        pcm.byteswap()
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="ogg") as out:
        stream: Any = out.add_stream("libopus", rate=RATE, layout="mono")
        stream.bit_rate = BIT_RATE
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(pcm))
        frame.planes[0].update(pcm.tobytes())
        frame.sample_rate = RATE
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()


def decode_file(path: Path) -> array[int]:
    """Mono 48 kHz samples from an audio file (WAV, MP3, OGG/Opus, M4A)."""
    import av

    if path.suffix.lower() not in IMPORT_EXTS:
        raise AudioError(f"{path.name}: not an audio file this kiosk reads (WAV, MP3, OGG, M4A)")
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioError(f"{path.name}: holds no sound")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            frames = [*container.decode(audio=0), None]
            return _resampled(frames, resampler)
    except AudioError:
        raise
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise AudioError(
            f"{path.name}: cannot be read as sound ({exc.__class__.__name__})"
        ) from exc


def clip_from_file(path: Path) -> bytes:
    """An audio file made into a kiosk clip (trimmed, normalised, Opus)."""
    return encode_opus(prepare(decode_file(path)))


def clip_from_pcm16(data: bytes, rate: int, channels: int = 1) -> bytes:
    """Microphone PCM made into a kiosk clip (trimmed, normalised, Opus)."""
    return encode_opus(prepare(from_pcm16(data, rate, channels)))


def seconds(samples: array[int]) -> float:
    return len(samples) / RATE
