"""Fetching new voice packs from the hub after a sync (optional; never in a learner's way).

The hub lists the newest pack of each language; the kiosk downloads a language only when
the hub's version is higher than the one installed here, checks the download's length and
SHA-256 against the list, then lets `kiosk.voices.packs` check the signature (this kiosk's
own key and its trust list) and install it by atomic swap. Nothing here raises into the
sync: every problem is a line in the report, in plain English, and the records already
sent stay sent. It runs on the sync's worker thread, never on the UI thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.loader import LoadResult
from kiosk.content.speech import Line, lesson_lines, screen_lines
from kiosk.sync.client import HubClient, HubError, HubRefused, VoicePackOffer
from kiosk.voices.packs import (
    VoicePackError,
    install_voice_pack,
    plan_voice_install,
)
from kiosk.voices.packs_read import MAX_PACK_BYTES
from kiosk.voices.store import VoiceStore
from kiosk_records.keys import KioskKey

log = logging.getLogger(__name__)

DOWNLOAD_PREFIX = ".voice-download-"


@dataclass(frozen=True)
class FetchReport:
    """What one fetch did: packs installed ("hmn v2"), and each problem in plain English."""

    installed: tuple[str, ...] = ()
    up_to_date: tuple[str, ...] = ()
    messages: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.messages


def spoken_lines(content: LoadResult, strings: Mapping[str, Mapping[str, str]]) -> list[Line]:
    """Every line this kiosk speaks: each active lesson's, then the learner screens'."""
    lines: list[Line] = []
    for entry in content.lessons:
        lines.extend(lesson_lines(entry.lesson))
    lines.extend(screen_lines(strings))
    return lines


def fetch_voice_packs(
    client: HubClient,
    data_dir: Path,
    lines: Iterable[Line],
    *,
    kiosk_id: uuid.UUID,
    key: KioskKey,
) -> FetchReport:
    """Download and install every language the hub has a newer pack of than this kiosk.

    Args:
        client: The enrolled hub.
        data_dir: This kiosk's data folder (voices are installed under it).
        lines: Every line this kiosk speaks, to tell clips recorded for other texts.
        kiosk_id: This kiosk's id, which signs the requests with ``key``.
        key: This kiosk's signing key.
    """
    try:
        offers = client.voice_packs(kiosk_id, key)
    except HubRefused as exc:
        if exc.status == 404:  # a hub from before voice packs: nothing to fetch
            return FetchReport()
        return FetchReport(messages=(f"voice packs: {exc}",))
    except HubError as exc:
        return FetchReport(messages=(f"voice packs: {exc}",))
    store = VoiceStore(data_dir)
    spoken = list(lines)
    installed: list[str] = []
    current: list[str] = []
    messages: list[str] = []
    for offer in offers:
        name = f"{offer.lang} v{offer.version}"
        try:
            if offer.version <= store.pack_version(offer.lang):
                current.append(name)
                continue
            done = _fetch_one(client, data_dir, spoken, offer, kiosk_id, key)
        except (HubError, VoicePackError) as exc:
            messages.append(f"voice pack {name}: {exc}")
        except (OSError, ValueError) as exc:  # a bad language code, a full disk
            messages.append(f"voice pack {name}: {exc}")
        else:
            installed.append(done)
    return FetchReport(tuple(installed), tuple(current), tuple(messages))


def _fetch_one(
    client: HubClient,
    data_dir: Path,
    lines: list[Line],
    offer: VoicePackOffer,
    kiosk_id: uuid.UUID,
    key: KioskKey,
) -> str:
    """Download, check and install one pack; what was installed, or an exception."""
    name = f"{offer.lang} v{offer.version}"
    if not 0 < offer.size <= MAX_PACK_BYTES:
        raise VoicePackError("too_large", f"the hub lists it at {offer.size} bytes")
    data = client.voice_pack(kiosk_id, key, offer, max_bytes=offer.size)
    if len(data) != offer.size or hashlib.sha256(data).hexdigest() != offer.sha256:
        raise VoicePackError(
            "wrong_hash",
            "the download is not the file the hub listed (damaged or changed on the way); "
            "nothing was installed",
        )
    fd, tmp = tempfile.mkstemp(prefix=DOWNLOAD_PREFIX, suffix=".hocso-voice", dir=data_dir)
    source = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        plan = plan_voice_install(data_dir, source, lines)
        if not plan.ok:
            raise VoicePackError(
                plan.problems[0].code if plan.problems else "no_pack",
                "; ".join(p.message for p in plan.problems) or "not a voice pack",
            )
        if (plan.lang, plan.version) != (offer.lang, offer.version):
            raise VoicePackError(
                "wrong_pack", f"the hub sent {plan.lang} v{plan.version} for {name}"
            )
        install_voice_pack(plan)
    finally:
        with contextlib.suppress(OSError):
            source.unlink()
    skipped = len(plan.out_of_date)
    log.info("installed voice pack %s from the hub (%d clips out of date)", name, skipped)
    return f"{name} ({skipped} clips recorded for other texts left out)" if skipped else name
