"""Enrolment: this kiosk registers its public key with the hub using a one-time code.

The hub answers with its X25519 public key (to seal citizen IDs and USB bundles) and
the trust list of enrolled kiosks; the address and key are kept in ``sync_state``.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from kiosk.db.database import Database
from kiosk.db.models import Kiosk
from kiosk.slips.local import imported_trust_path
from kiosk.sync import outbox
from kiosk.sync.client import HubClient, HubUnavailable, normalise_hub_url
from kiosk_records.keys import (
    KioskKey,
    TrustList,
    TrustListError,
    load_trust_list,
    write_trust_list,
)


class EnrolmentError(ValueError):
    """Enrolment is not possible as asked; the message is plain words for staff."""


@dataclass(frozen=True)
class Enrolment:
    hub_url: str
    key_id: str
    hub_public_key: bytes
    trust_list: TrustList | None


def enroll(
    database: Database,
    hub_url: str,
    code: str,
    key: KioskKey,
    now: datetime,
    client: HubClient | None = None,
) -> Enrolment:
    """Register this kiosk's key with the hub and remember the hub.

    Raises:
        EnrolmentError: bad address or code, or the kiosk is not set up.
        HubError: the hub could not be reached, or refused the code.
    """
    code = code.strip().upper()  # codes are printed in capitals; the on-screen keys type small
    if not code:
        raise EnrolmentError("the enrolment code is empty")
    try:
        url = normalise_hub_url(hub_url)
    except ValueError as exc:
        raise EnrolmentError(str(exc)) from None
    with database.transaction() as session:
        kiosk = session.scalars(select(Kiosk).limit(1)).first()
        if kiosk is None:
            raise EnrolmentError("this kiosk is not set up yet (finish the first-run set-up)")
        kiosk_id: uuid.UUID = kiosk.id
        commune, point = kiosk.commune_code, kiosk.learning_point
    hub = client or HubClient(url)
    answer = hub.enroll(
        code, kiosk_id, base64.b64encode(key.public_key).decode("ascii"), commune, point
    )
    try:
        hub_key = base64.b64decode(str(answer["hub_public_key"]), validate=True)
    except (KeyError, binascii.Error, ValueError):
        raise HubUnavailable("the hub's answer has no usable public key") from None
    if len(hub_key) != 32:
        raise HubUnavailable("the hub's public key is not 32 bytes")
    trust = None
    if isinstance(answer.get("trust_list"), dict):
        try:
            trust = TrustList.from_json_bytes(json.dumps(answer["trust_list"]).encode())
        except TrustListError:
            trust = None  # the key is what matters; the trust list comes again later
    with database.transaction() as session:
        state = outbox.sync_state(session)
        if state.enrolled_at is None and state.hub_public_key not in (None, hub_key):
            # the province profile is the trust anchor: IDs sealed so far are for its key
            raise EnrolmentError(
                "this hub's key is not the one in the province profile; check the hub address "
                "and ask the province"
            )
        state.hub_url = url
        state.hub_public_key = hub_key
        state.enrolled_at = now
        state.last_error = None
        state.backoff_s = 0
        state.next_attempt_at = None
    return Enrolment(url, str(answer.get("key_id", key.key_id)), hub_key, trust)


def save_trust_list(data_dir: Path, trust: TrustList) -> None:
    """Merge the hub's trust list into the keys this kiosk accepts slips from."""
    path = imported_trust_path(data_dir)
    current = load_trust_list(path) if path.exists() else TrustList()
    write_trust_list(path, current.merged(trust.keys))
