"""Registering learners and finding returning ones, collecting only what is needed.

Consent is asked per purpose and recorded; nothing is pre-ticked. Returning
learners are found by name + birth year (+ village when two match), never by
showing a list of other people's names.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.db.models import Consent, Learner
from kiosk.learners.rules import (
    check_citizen_id,
    clean_name,
    clean_phone,
    last_four,
    learner_name_ok,
    phone_ok,
)
from kiosk.learners.vault import LearnerVault
from kiosk.text import fold
from kiosk_records.record import new_learner_ref

CONSENT_TEXT_VERSION = "2026-11"
TARGET_GROUPS = ("adults", "public_staff", "pupils", "workers")


class Purpose(enum.StrEnum):
    SLIP = "slip"  # name, birth year, village, group: to print a slip and count results
    PHONE = "phone"  # phone number: for staff to call about the learner's slip
    VNEID_CONFIRM = "vneid_confirm"  # citizen ID, sealed for the province's VNeID confirmation


@dataclass(frozen=True)
class Registration:
    full_name: str
    birth_year: int
    village: str
    target_group: str
    consents: dict[Purpose, bool] = field(default_factory=dict)
    phone: str | None = None
    citizen_id: str | None = None


@dataclass(frozen=True)
class LearnerView:
    """What screens may show: never the full citizen ID."""

    id: uuid.UUID
    full_name: str
    birth_year: int
    village: str
    target_group: str
    citizen_id_last4: str | None


class RegistrationError(ValueError):
    """Refused input; ``key`` is the message in the translation catalogue."""

    def __init__(self, field_name: str, key: str) -> None:
        super().__init__(f"{field_name}: {key}")
        self.field = field_name
        self.key = key


def check_registration(reg: Registration, this_year: int) -> None:
    if not reg.consents.get(Purpose.SLIP):
        raise RegistrationError("consent", "register.error.consent_slip")
    if not learner_name_ok(reg.full_name):
        raise RegistrationError("full_name", "register.error.name")
    if not this_year - 100 <= reg.birth_year <= this_year - 5:
        raise RegistrationError("birth_year", "register.error.birth_year")
    if reg.target_group not in TARGET_GROUPS:
        raise RegistrationError("target_group", "register.error.group")
    if reg.phone:
        if not reg.consents.get(Purpose.PHONE):
            raise RegistrationError("phone", "register.error.consent_phone")
        if not phone_ok(reg.phone):
            raise RegistrationError("phone", "register.error.phone")
    if reg.citizen_id:
        if not reg.consents.get(Purpose.VNEID_CONFIRM):
            raise RegistrationError("citizen_id", "register.error.consent_citizen_id")
        problem = check_citizen_id(reg.citizen_id, reg.birth_year)
        if problem is not None:
            raise RegistrationError("citizen_id", f"register.error.citizen_id.{problem.value}")


def learner_view(row: Learner) -> LearnerView:
    return LearnerView(
        row.id, row.full_name, row.birth_year, row.village, row.target_group, row.citizen_id_last4
    )


def register(
    session: Session, vault: LearnerVault, reg: Registration, kiosk_id: uuid.UUID, now: datetime
) -> LearnerView:
    check_registration(reg, now.year)
    cid = reg.citizen_id.strip() if reg.citizen_id else None
    cid_hash = vault.lookup_hash(cid) if cid else None
    if cid_hash and session.scalar(select(Learner.id).where(Learner.citizen_id_hash == cid_hash)):
        raise RegistrationError("citizen_id", "register.error.already_registered")
    name = clean_name(reg.full_name)
    learner = Learner(
        kiosk_id=kiosk_id,
        ref=new_learner_ref(),
        full_name=name,
        name_key=fold(name),
        birth_year=reg.birth_year,
        village=reg.village.strip(),
        target_group=reg.target_group,
        phone=clean_phone(reg.phone) if reg.phone else None,
        citizen_id_encrypted=vault.encrypt(cid) if cid else None,
        citizen_id_hash=cid_hash,
        citizen_id_last4=last_four(cid) if cid else None,
        created_at=now,
        updated_at=now,
    )
    session.add(learner)
    session.flush()
    for purpose in Purpose:
        session.add(
            Consent(
                kiosk_id=kiosk_id,
                learner_id=learner.id,
                purpose=purpose.value,
                granted=bool(reg.consents.get(purpose)),
                text_version=CONSENT_TEXT_VERSION,
                at=now,
            )
        )
    audit.record(session, "learner", "learner_registered", learner=str(learner.id))
    return learner_view(learner)


class SignInOutcome(enum.Enum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    NEEDS_VILLAGE = "needs_village"  # several people share name and year: ask the village


@dataclass(frozen=True)
class SignIn:
    outcome: SignInOutcome
    learner: LearnerView | None = None


def sign_in(session: Session, name: str, birth_year: int, village: str | None = None) -> SignIn:
    query = select(Learner).where(Learner.name_key == fold(name), Learner.birth_year == birth_year)
    rows = list(session.scalars(query))
    if village is not None and len(rows) > 1:
        rows = [r for r in rows if fold(r.village) == fold(village)]
        if not rows:
            return SignIn(SignInOutcome.NOT_FOUND)
    if not rows:
        return SignIn(SignInOutcome.NOT_FOUND)
    if len(rows) > 1:
        return SignIn(SignInOutcome.NEEDS_VILLAGE)
    return SignIn(SignInOutcome.FOUND, learner_view(rows[0]))
