"""Kiosk enrolment with one-time codes, key revocation, and the trust list."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.clock import VIETNAM, local_date
from kiosk_hub.models import AccessLog, EnrolmentCode, Kiosk, Record
from kiosk_records.keys import TRUST_FORMAT, TRUST_VERSION, TrustedKey, key_id_for
from kiosk_records.trust_rules import Revocation

CODE_LIFETIME = timedelta(days=7)
COMMAND_LINE = "command line"  # who acted, in the access log, for kiosk-hub commands
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


class RevocationLater(ValueError):
    """A revocation date moved later without a second province user's confirmation."""


class EnrolmentError(Exception):
    """Enrolment refused; ``status`` is the HTTP status the API answers with."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class EnrolmentRequest:
    code: str
    kiosk_id: uuid.UUID
    public_key_b64: str
    commune_code: str
    learning_point: str


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _code_hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode("ascii", "replace")).hexdigest()


def create_code(session: Session, commune_code: str, now: datetime, by: str = COMMAND_LINE) -> str:
    """A fresh one-time code (``XXXX-XXXX-XXXX``) for one kiosk of this commune (logged)."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    session.add(AccessLog(at=now, user_name=by, action="enrolment_code", detail=commune_code))
    session.add(
        EnrolmentCode(
            code_hash=_code_hash(raw),
            commune_code=commune_code,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def enroll(session: Session, req: EnrolmentRequest, now: datetime) -> Kiosk:
    """Register a kiosk's public key with a one-time code.

    A retry by the same kiosk with the same key (its first answer was lost) succeeds again.
    """
    try:
        public_key = base64.b64decode(req.public_key_b64, validate=True)
    except (binascii.Error, ValueError):
        raise EnrolmentError(400, "public_key is not base64") from None
    if len(public_key) != 32:
        raise EnrolmentError(400, "public_key must be 32 bytes (Ed25519)")
    key_id = key_id_for(public_key)
    entry = session.get(EnrolmentCode, _code_hash(req.code), with_for_update=True)
    if entry is None:
        raise EnrolmentError(403, "unknown enrolment code")
    existing = session.get(Kiosk, req.kiosk_id)
    if entry.used_at is not None:
        if entry.used_by == req.kiosk_id and existing and existing.public_key == public_key:
            return existing
        raise EnrolmentError(403, "this enrolment code has already been used")
    if entry.expires_at <= now:
        raise EnrolmentError(403, "this enrolment code has expired; ask for a new one")
    if entry.commune_code != req.commune_code:
        raise EnrolmentError(403, "this enrolment code is for another commune")
    if existing is not None:
        raise EnrolmentError(403, "this kiosk is already enrolled")
    if session.scalar(select(Kiosk.id).where(Kiosk.key_id == key_id)) is not None:
        raise EnrolmentError(403, "this key is already enrolled for another kiosk")
    kiosk = Kiosk(
        id=req.kiosk_id,
        commune_code=req.commune_code,
        learning_point=req.learning_point,
        key_id=key_id,
        public_key=public_key,
        enrolled_at=now,
        last_contact_at=now,
    )
    session.add(kiosk)
    entry.used_at, entry.used_by = now, req.kiosk_id
    session.flush()
    return kiosk


def revoke(
    session: Session,
    kiosk_id: uuid.UUID,
    revoked_from: date,
    by: str = COMMAND_LINE,
    confirmed_by: str | None = None,
) -> Kiosk:
    """Refuse this kiosk's records completed on or after ``revoked_from``, and from that
    day on any record the hub had not heard of by then (`revocations`); logged.

    A revocation may move earlier, never later, unless ``confirmed_by`` names a second
    province user who confirmed it: a later date would let a stolen key's records back in.

    Raises:
        LookupError: no such kiosk.
        RevocationLater: a later date without a second user.
    """
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is None:
        raise LookupError(f"no enrolled kiosk {kiosk_id}")
    current = kiosk.revoked_from
    if current is not None and revoked_from > current and confirmed_by is None:
        raise RevocationLater(
            f"kiosk {kiosk_id} is revoked from {current}; the date can move earlier, "
            "never later, unless a second province user confirms (on the hub's admin page)"
        )
    kiosk.revoked_from = revoked_from
    detail = f"{kiosk_id} from {revoked_from}"
    detail += f" (was {current})" if current else ""
    detail += f", confirmed by {confirmed_by}" if confirmed_by else ""
    session.add(AccessLog(user_name=by, action="kiosk_revoked", detail=detail))
    return kiosk


def revocations(session: Session, now: datetime) -> dict[uuid.UUID, Revocation]:
    """Every revoked kiosk's revocation as the hub knows it at ``now``.

    In effect from the start of ``revoked_from`` (Vietnam time): ``last_serial`` is then
    the highest serial received from the kiosk before that moment (-1: none), read from
    the records kept, never from what a record says of itself.
    """
    today = local_date(now)
    found: dict[uuid.UUID, Revocation] = {}
    rows = session.execute(
        select(Kiosk.id, Kiosk.revoked_from).where(Kiosk.revoked_from.is_not(None))
    )
    for kiosk_id, revoked_from in rows:
        assert revoked_from is not None
        last_serial = None
        if today >= revoked_from:
            start = datetime.combine(revoked_from, time(), VIETNAM)
            highest = session.scalar(
                select(func.max(Record.serial)).where(
                    Record.kiosk_id == kiosk_id, Record.received_at < start
                )
            )
            last_serial = -1 if highest is None else highest
        found[kiosk_id] = Revocation(revoked_from, last_serial)
    return found


def trust_list_json(session: Session, now: datetime) -> dict[str, Any]:
    """Every enrolled kiosk key, with its revocation where revoked (offline verifiers)."""
    revoked = revocations(session, now)
    keys = [
        TrustedKey(
            kiosk.key_id, kiosk.public_key, kiosk.id, kiosk.commune_code, revoked.get(kiosk.id)
        ).to_json()
        for kiosk in session.scalars(select(Kiosk).order_by(Kiosk.enrolled_at, Kiosk.id))
    ]
    return {"format": TRUST_FORMAT, "version": TRUST_VERSION, "keys": keys}
