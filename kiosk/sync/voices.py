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
import json
import logging
import os
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.speech import Line
from kiosk.sync.client import HubClient, HubError, HubRefused, VoicePackOffer
from kiosk.voices.packs import (
    VoicePackError,
    install_voice_pack,
    plan_voice_install,
)
from kiosk.voices.store import VoiceStore
from kiosk_records.files import write_atomic
from kiosk_records.keys import KioskKey

log = logging.getLogger(__name__)

DOWNLOAD_PREFIX = ".voice-download-"
# The hub takes packs up to 60 MB (kiosk_hub.voice_packs.MAX_PACK_BYTES); a download is
# held in memory while it is checked, so a hub offering more is not believed.
MAX_DOWNLOAD_BYTES = 60_000_000
REFUSED_FILE = "voice_downloads_refused.json"  # sha256 -> why, for packs not to fetch again


class _Refused(VoicePackError):
    """The pack arrived whole but this kiosk will not install it: not worth fetching again."""


@dataclass(frozen=True)
class FetchReport:
    """What one fetch did: packs installed ("hmn v2"), and each problem in plain English."""

    installed: tuple[str, ...] = ()
    up_to_date: tuple[str, ...] = ()
    messages: tuple[str, ...] = field(default=())
    refused_before: tuple[str, ...] = ()  # not downloaded again: refused by an earlier sync

    @property
    def ok(self) -> bool:
        return not self.messages


def fetch_voice_packs(
    client: HubClient,
    data_dir: Path,
    lines: Iterable[Line],
    *,
    kiosk_id: uuid.UUID,
    key: KioskKey,
    retry_refused: bool = False,
) -> FetchReport:
    """Download and install every language the hub has a newer pack of than this kiosk.

    A pack that arrived whole but was refused (untrusted signer, bad signature...) is
    remembered by its SHA-256 and not downloaded again at each sync, unless
    ``retry_refused`` (staff asked; the kiosk may trust more keys since).

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
    before: list[str] = []
    refused = _read_refused(data_dir)
    for offer in offers:
        name = f"{offer.lang} v{offer.version}"
        try:
            if offer.version <= store.pack_version(offer.lang):
                current.append(name)
                continue
            if offer.sha256 in refused and not retry_refused:
                before.append(f"{name}: {refused[offer.sha256]}")
                continue
            done = _fetch_one(client, data_dir, spoken, offer, kiosk_id, key)
        except _Refused as exc:
            messages.append(f"voice pack {name}: {exc}")
            _remember_refused(data_dir, refused | {offer.sha256: str(exc)[:300]})
        except (HubError, VoicePackError) as exc:
            messages.append(f"voice pack {name}: {exc}")
        except (OSError, ValueError) as exc:  # a bad language code, a full disk
            messages.append(f"voice pack {name}: {exc}")
        else:
            installed.append(done)
    return FetchReport(tuple(installed), tuple(current), tuple(messages), tuple(before))


def _read_refused(data_dir: Path) -> dict[str, str]:
    try:
        found = json.loads((data_dir / REFUSED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _remember_refused(data_dir: Path, refused: dict[str, str]) -> None:
    with contextlib.suppress(OSError):  # at worst the pack is fetched once more
        write_atomic(data_dir / REFUSED_FILE, json.dumps(refused, indent=1).encode("utf-8"))


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
    if not 0 < offer.size <= MAX_DOWNLOAD_BYTES:
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
            code = plan.problems[0].code if plan.problems else "no_pack"
            words = "; ".join(p.message for p in plan.problems) or "not a voice pack"
            # this kiosk's own trust list unreadable: not the pack's fault, try it again
            raise (VoicePackError if code == "trust_list" else _Refused)(code, words)
        if (plan.lang, plan.version) != (offer.lang, offer.version):
            raise _Refused("wrong_pack", f"the hub sent {plan.lang} v{plan.version} for {name}")
        install_voice_pack(plan)
    finally:
        with contextlib.suppress(OSError):
            source.unlink()
    skipped = len(plan.out_of_date)
    log.info("installed voice pack %s from the hub (%d clips out of date)", name, skipped)
    return f"{name} ({skipped} clips recorded for other texts left out)" if skipped else name
