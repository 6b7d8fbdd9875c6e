"""Typed models of what the hub keeps.

Records are kept whole (the signed text) and never changed; completion facts,
learners and tallies are derived from them when a record first arrives.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.db.base import NAMING_CONVENTION, UTCDateTime, utcnow


class HubBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class EnrolmentCode(HubBase):
    """A one-time code that lets one kiosk of a commune register its key."""

    __tablename__ = "enrolment_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex
    commune_code: Mapped[str] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    used_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)


class Kiosk(HubBase):
    """An enrolled kiosk and its signing key."""

    __tablename__ = "kiosk"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    learning_point: Mapped[str] = mapped_column(String(120))
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_record_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Record(HubBase):
    """A genuine signed record, as received first (network, bundle or slip)."""

    __tablename__ = "record"
    __table_args__ = (UniqueConstraint("kiosk_id", "serial"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("kiosk.id"))
    serial: Mapped[int] = mapped_column(Integer)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(16))  # network | bundle | slip
    completed_on: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Conflict(HubBase):
    """A record id seen again with different content: flagged for the admin."""

    __tablename__ = "conflict"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    channel: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Learner(HubBase):
    """A learner as one kiosk knows them (pseudonymous ref, name, sealed citizen ID)."""

    __tablename__ = "learner"
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    learner_ref: Mapped[str] = mapped_column(String(16), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    target_group: Mapped[int] = mapped_column(SmallInteger)
    name: Mapped[str] = mapped_column(String(60))
    birth_year: Mapped[int] = mapped_column(SmallInteger)
    first_completed_on: Mapped[date] = mapped_column(Date)
    sealed_citizen_id: Mapped[bytes | None] = mapped_column(LargeBinary(53), nullable=True)
    vneid_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # first VNeID lesson


class Completion(HubBase):
    """One learner finished one lesson: counted once however many records say so."""

    __tablename__ = "completion"
    __table_args__ = (Index(None, "commune_code", "target_group", "track"),)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    learner_ref: Mapped[str] = mapped_column(String(16), primary_key=True)
    lesson_code: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5))
    target_group: Mapped[int] = mapped_column(SmallInteger)
    track: Mapped[str] = mapped_column(String(20))
    completed_on: Mapped[date] = mapped_column(Date)
    score: Mapped[int] = mapped_column(SmallInteger)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)


class CompletionTally(HubBase):
    """Completions per commune, target group, track and month, kept as facts arrive."""

    __tablename__ = "completion_tally"
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    target_group: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    track: Mapped[str] = mapped_column(String(20), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    completions: Mapped[int] = mapped_column(Integer, default=0)


class LearnerTally(HubBase):
    """Learners per commune, target group and month of their first completion."""

    __tablename__ = "learner_tally"
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    target_group: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    learners: Mapped[int] = mapped_column(Integer, default=0)


class User(HubBase):
    """A dashboard user: province staff see all communes, commune staff their own."""

    __tablename__ = "hub_user"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # province | commune
    commune_code: Mapped[str | None] = mapped_column(String(5), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccessLog(HubBase):
    """Who read or exported personal data, and when (Law 91/2025 asks for access logs)."""

    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")


class HubSession(HubBase):
    """A logged-in browser: the cookie holds a random token, the hub keeps only its hash.

    Logging out, a new password or removing the user deletes the row, so a copied
    cookie stops working at once.
    """

    __tablename__ = "hub_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex
    user_name: Mapped[str] = mapped_column(
        String(64), ForeignKey("hub_user.name", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LoginThrottle(HubBase):
    """Failed logins per typed name or per address, and until when they are locked out."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # "name:..." | "addr:..."
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ApiNonce(HubBase):
    """A signed kiosk request's nonce, kept for the replay window so it is used only once."""

    __tablename__ = "api_nonce"
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class VoicePack(HubBase):
    """A voice pack province staff uploaded, for kiosks to fetch when they sync.

    The pack's bytes are a file named by their SHA-256 in the hub's data folder
    (`kiosk_hub.voice_packs`); the row says what it is and who brought it.
    """

    __tablename__ = "voice_pack"
    __table_args__ = (UniqueConstraint("lang", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lang: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    made_by: Mapped[str] = mapped_column(String(16))  # the signing kiosk's key id
    uploaded_by: Mapped[str] = mapped_column(String(64))  # a hub user's name
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    test_data: Mapped[bool] = mapped_column(Boolean, default=False)
