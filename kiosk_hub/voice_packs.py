"""Voice packs province staff upload, kept for kiosks to fetch when they sync.

A pack's bytes are a file in the hub's data folder named by their SHA-256
(``voice-packs/<sha256>.hocso-voice``), written atomically before its row is committed,
so a row always names a whole file; a crash in between leaves at worst an unnamed file.
Files rather than database rows: packs run to tens of megabytes, and the hub streams
them to kiosks from disk without holding one in memory or in a database backup twice.
The row (`kiosk_hub.models.VoicePack`) says what the pack is and who brought it.

Only packs signed by a kiosk enrolled with this hub, whose key was never revoked, are
taken: a revocation says the key may be in other hands, and a pack carries no date the
hub could trust to place it before that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk_hub.models import Kiosk, VoicePack
from kiosk_records.files import write_atomic

PACKS_DIR = "voice-packs"
PACK_SUFFIX = ".hocso-voice"
MAX_PACK_BYTES = 60_000_000  # a whole language of Opus clips is a few megabytes
MAX_VERSION = 2**31 - 1  # the database's integer


class PackRefused(Exception):
    """An upload not taken: ``reason`` is a stable code, ``detail`` plain English."""

    def __init__(self, reason: str, detail: str = "", *, lang: str = "", newest: int = 0) -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail
        self.lang = lang
        self.newest = newest  # the hub's latest version of ``lang``, for ``not_newer``


@dataclass(frozen=True)
class PackFacts:
    """What the hub keeps about a pack, from its checked manifest and signature."""

    lang: str
    version: int
    made_by: str  # the signing kiosk's key id
    test_data: bool


def pack_path(data_dir: Path, sha256: str) -> Path:
    """Where the pack with this SHA-256 is kept."""
    if len(sha256) != 64 or any(ch not in "0123456789abcdef" for ch in sha256):
        raise ValueError("not a SHA-256 in hex")
    return data_dir / PACKS_DIR / f"{sha256}{PACK_SUFFIX}"


_REASONS = {  # read_pack's codes -> what the hub's page says
    "bad_signature": "bad_signature",
    "unsigned": "bad_signature",
    "untrusted": "unknown_kiosk",
    "zip_bomb": "too_big_inside",
    "too_large": "too_big_inside",
    "too_many": "too_big_inside",
}


def check_pack(data: bytes, trusted: Callable[[bytes], bool]) -> PackFacts:
    """What a pack is, once `kiosk.voices.packs.read_pack` has found it whole and signed
    by a trusted key; PackRefused (``bad_signature``, ``unknown_kiosk``,
    ``too_big_inside``, ``bad_pack``) otherwise."""
    from kiosk.voices.packs import VoicePackError, read_pack

    if len(data) > MAX_PACK_BYTES:
        raise PackRefused("too_large", f"over {MAX_PACK_BYTES} bytes")
    try:
        pack = read_pack(data, trusted=trusted)
    except VoicePackError as exc:
        raise PackRefused(_REASONS.get(exc.code, "bad_pack"), str(exc)) from None
    if pack.version > MAX_VERSION:
        raise PackRefused("bad_pack", f"version {pack.version} is over {MAX_VERSION}")
    return PackFacts(pack.lang, pack.version, pack.key_id, pack.test_data)


def trusted_keys(session: Session) -> Callable[[bytes], bool]:
    """Whether a public key is that of a kiosk enrolled with this hub and never revoked."""
    keys = set(session.scalars(select(Kiosk.public_key).where(Kiosk.revoked_from.is_(None))))
    return lambda public_key: bytes(public_key) in keys


def latest_version(session: Session, lang: str) -> int:
    """The newest version of ``lang`` the hub has (0 when none)."""
    found = session.scalar(select(func.max(VoicePack.version)).where(VoicePack.lang == lang))
    return int(found or 0)


def latest_packs(session: Session) -> list[VoicePack]:
    """The newest pack of each language that kiosks may have, by language: packs signed
    by a key revoked since they were uploaded are no longer offered."""
    offered = (
        select(VoicePack.lang, VoicePack.version)
        .join(Kiosk, (Kiosk.key_id == VoicePack.made_by) & Kiosk.revoked_from.is_(None))
        .subquery()
    )
    newest = (
        select(offered.c.lang, func.max(offered.c.version).label("version"))
        .group_by(offered.c.lang)
        .subquery()
    )
    query = select(VoicePack).join(
        newest, (VoicePack.lang == newest.c.lang) & (VoicePack.version == newest.c.version)
    )
    return list(session.scalars(query.order_by(VoicePack.lang)))


def packs_by_language(session: Session) -> dict[str, list[VoicePack]]:
    """Every pack, newest first, per language."""
    found: dict[str, list[VoicePack]] = {}
    query = select(VoicePack).order_by(VoicePack.lang, VoicePack.version.desc())
    for pack in session.scalars(query):
        found.setdefault(pack.lang, []).append(pack)
    return found


def find_pack(session: Session, lang: str, version: int) -> VoicePack | None:
    """The pack of ``lang`` at ``version``, if the hub has it and still offers it."""
    return session.scalar(
        select(VoicePack)
        .join(Kiosk, (Kiosk.key_id == VoicePack.made_by) & Kiosk.revoked_from.is_(None))
        .where(VoicePack.lang == lang, VoicePack.version == version)
    )


def revoked_signers(session: Session) -> set[str]:
    """Key ids of packs' signers whose keys have been revoked (their packs are not offered)."""
    query = select(Kiosk.key_id).where(Kiosk.revoked_from.is_not(None))
    return set(session.scalars(query.where(Kiosk.key_id.in_(select(VoicePack.made_by)))))


def store_pack(
    session: Session,
    data_dir: Path,
    data: bytes,
    facts: PackFacts,
    uploaded_by: str,
    now: datetime,
) -> VoicePack:
    """Keep a checked pack: its file first, then its row (flushed, committed by the caller).

    Raises:
        PackRefused: ``not_newer`` when the hub has this version of the language or a
            later one (also when another upload of it wins the race).
    """
    newest = latest_version(session, facts.lang)
    if facts.version <= newest:
        raise PackRefused(
            "not_newer", f"the hub already has version {newest}", lang=facts.lang, newest=newest
        )
    sha256 = hashlib.sha256(data).hexdigest()
    path = pack_path(data_dir, sha256)
    if not path.is_file():
        write_atomic(path, data)
    pack = VoicePack(
        lang=facts.lang, version=facts.version, sha256=sha256, size=len(data),
        made_by=facts.made_by, uploaded_by=uploaded_by, uploaded_at=now,
        test_data=facts.test_data,
    )  # fmt: skip
    session.add(pack)
    try:
        session.flush()
    except IntegrityError:  # the same language and version uploaded at the same moment
        raise PackRefused(
            "not_newer", "the hub already has this version", lang=facts.lang,
            newest=facts.version,
        ) from None  # fmt: skip
    return pack
