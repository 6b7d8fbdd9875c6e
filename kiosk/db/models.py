"""Typed models of everything the kiosk records.

Sync-ready from the first migration: client-made UUID keys, UTC timestamps,
the kiosk's id on every record. Records reference lessons by id and version
(content is data, never a foreign key).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.db.base import Base, UTCDateTime, new_id, utcnow


class Kiosk(Base):
    """This kiosk: one row, written by the first-run set-up."""

    __tablename__ = "kiosk"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    learning_point: Mapped[str] = mapped_column(String(120))
    commune_code: Mapped[str] = mapped_column(String(5))
    next_slip_serial: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StaffCredential(Base):
    """A role's PIN, kept only as a salted scrypt hash."""

    __tablename__ = "staff_credential"
    role: Mapped[str] = mapped_column(String(16), primary_key=True)  # "staff" | "admin"
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("kiosk.id"))
    pin_hash: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StaffLockout(Base):
    """Failed PIN tries; survives restarts so a reboot does not reset the lock."""

    __tablename__ = "staff_lockout"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # when the lock began: a clock moved back before it restarts the lock, never ends it
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Setting(Base):
    """One kiosk setting, stored as JSON text under a key."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Learner(Base):
    """A registered learner. The citizen ID is never stored in clear."""

    __tablename__ = "learner"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    # Stable pseudonymous reference carried on slips instead of any real identifier.
    ref: Mapped[str] = mapped_column(String(16), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), index=True)  # folded for look-up
    birth_year: Mapped[int] = mapped_column(Integer)
    village: Mapped[str] = mapped_column(String(120), default="")
    target_group: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    citizen_id_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    citizen_id_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    citizen_id_last4: Mapped[str | None] = mapped_column(String(4), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Consent(Base):
    """One purpose a learner agreed to (or declined), with when; immutable."""

    __tablename__ = "consent"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    learner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("learner.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(64))
    granted: Mapped[bool] = mapped_column(Boolean)
    text_version: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LessonAttempt(Base):
    """One run of a lesson; its engine state is saved after every step."""

    __tablename__ = "lesson_attempt"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    learner_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("learner.id"), nullable=True, index=True
    )  # None for a guest: only anonymous counts are kept
    lesson_id: Mapped[str] = mapped_column(String(80))
    lesson_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    state_json: Mapped[str] = mapped_column(Text, default="{}")
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class StepEvent(Base):
    """What happened on one step of an attempt; immutable."""

    __tablename__ = "step_event"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    attempt_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("lesson_attempt.id"), index=True)
    step_id: Mapped[str] = mapped_column(String(80))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    wrong_tries: Mapped[int] = mapped_column(Integer, default=0)
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Completion(Base):
    """A passed lesson of a registered learner, written with the last step."""

    __tablename__ = "completion"
    __table_args__ = (UniqueConstraint("attempt_id"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    learner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("learner.id"), index=True)
    attempt_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("lesson_attempt.id"))
    lesson_id: Mapped[str] = mapped_column(String(80))
    lesson_version: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Slip(Base):
    """A completion slip: its serial is never reused, its record text is signed."""

    __tablename__ = "slip"
    __table_args__ = (UniqueConstraint("kiosk_id", "serial"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    serial: Mapped[int] = mapped_column(Integer)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)  # derived: kiosk id + serial
    learner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("learner.id"), index=True)
    record_text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued|printed|failed
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SlipCompletion(Base):
    """Which completions a slip covers."""

    __tablename__ = "slip_completion"
    slip_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("slip.id"), primary_key=True)
    completion_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("completion.id"), primary_key=True
    )


class AuditEntry(Base):
    """Who did what and when. Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kiosk_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(32))  # "staff", "admin", "system"
    action: Mapped[str] = mapped_column(String(64))
    detail_json: Mapped[str] = mapped_column(Text, default="{}")


class OutboxRecord(Base):
    """A signed completion record waiting for (or accepted by) the provincial hub.

    Every serial goes through here: a completion's record, a printed slip's record and
    a follow-up that adds a learner's sealed citizen ID. Written in the same transaction
    as what it records; ``record_id`` is the record's
    own id (uuid5 of kiosk id and serial), so the hub can count it exactly once.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("kiosk_id", "serial"),
        # the push reads the oldest waiting records: without it every batch sorts them all
        Index("ix_outbox_status_serial", "status", "serial"),
    )
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    serial: Mapped[int] = mapped_column(Integer)
    completion_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("completion.id"), nullable=True, unique=True
    )
    # whose record it is, and whether it carries their sealed citizen ID (see add_missing)
    learner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    carries_citizen_id: Mapped[bool] = mapped_column(Boolean, default=False)
    record_text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SyncState(Base):
    """Where this kiosk sends its records and how the last tries went: one row."""

    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hub_url: Mapped[str | None] = mapped_column(String(300), nullable=True)
    hub_public_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # the hub address from a province profile (hub_url is set only by enrolment)
    province_hub_url: Mapped[str | None] = mapped_column(String(300), nullable=True)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    backoff_s: Mapped[int] = mapped_column(Integer, default=0)
