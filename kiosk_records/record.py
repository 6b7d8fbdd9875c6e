"""A learner's completion record, as carried on a paper slip.

The record is what a kiosk vouches for: who finished which lessons, when and
where. It holds a stable pseudonymous learner reference, never the citizen ID
in clear; the citizen ID, when the learner agreed to carry it, is sealed to the
hub's public key (see `kiosk_records.sealing`) so only the hub can read it.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date

FORMAT_VERSION = 1

# Fixed namespace for record ids derived from (kiosk id, serial). Part of format 1.
SLIP_NAMESPACE = uuid.UUID("5d0c2a4e-7b1f-5c39-9a5e-0f1d4b8e6a21")

MAX_NAME_LENGTH = 60
MAX_LESSONS = 12
SEALED_CITIZEN_ID_LENGTH = 53  # 32 ephemeral key + 16 MAC + 5 bytes of ID digits
_LEARNER_REF = re.compile(r"[0-9a-f]{16}")
_COMMUNE_CODE = re.compile(r"[0-9]{5}")
_FIRST_DAY, _LAST_DAY = date(2020, 1, 1), date(2199, 12, 31)  # completed_on's range


class TargetGroup(enum.Enum):
    """Who the learner is, as the province counts them. Values are wire codes."""

    OTHER = 0
    ADULT = 1  # literate adults in the community
    PUBLIC_STAFF = 2
    PRIMARY_PUPIL = 3
    ENTERPRISE_WORKER = 4  # enterprise and cooperative workers


def slip_record_id(kiosk_id: uuid.UUID, serial: int) -> uuid.UUID:
    """The record id of a slip: a name-based UUID of the kiosk id and its serial.

    Deriving it keeps 32 bytes of ids out of the QR code; the kiosk's database
    should store completion records under this id.
    """
    digest = hashlib.sha1(_record_id_prefix(kiosk_id) + b"%d" % serial).digest()
    return uuid.UUID(
        bytes=digest[:16], version=5
    )  # = uuid.uuid5(SLIP_NAMESPACE, "<kiosk>/<serial>")


@functools.lru_cache(maxsize=256)
def _record_id_prefix(kiosk_id: uuid.UUID) -> bytes:
    return SLIP_NAMESPACE.bytes + f"{kiosk_id}/".encode("ascii")


def new_learner_ref() -> str:
    """A fresh pseudonymous learner reference: 16 hex digits (64 random bits)."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class LessonResult:
    """One finished lesson.

    Attributes:
        lesson_code: The lesson's stable slip code from the content catalogue
            (0-65535). A number, not the lesson's text id, because five text ids
            do not fit in the QR budget.
        version: The lesson's content version (0-255).
        score: 0-100.
    """

    lesson_code: int
    version: int
    score: int

    def __post_init__(self) -> None:
        _check_int("lesson_code", self.lesson_code, 0, 0xFFFF)
        _check_int("lesson version", self.version, 0, 0xFF)
        _check_int("score", self.score, 0, 100)


@dataclass(frozen=True)
class CompletionRecord:
    """What a slip certifies. Raises ValueError when a field is out of range."""

    kiosk_id: uuid.UUID
    serial: int
    learner_ref: str
    learner_name: str
    birth_year: int
    commune_code: str
    lessons: tuple[LessonResult, ...]
    completed_on: date
    target_group: TargetGroup
    sealed_citizen_id: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.kiosk_id, uuid.UUID):
            raise ValueError("kiosk_id must be a UUID")
        _check_int("serial", self.serial, 0, 2**32 - 1)
        if not isinstance(self.learner_ref, str) or not _LEARNER_REF.fullmatch(self.learner_ref):
            raise ValueError("learner_ref must be 16 lowercase hex digits")
        _check_name(self.learner_name)
        _check_int("birth_year", self.birth_year, 1900, 2100)
        if not isinstance(self.commune_code, str) or not _COMMUNE_CODE.fullmatch(self.commune_code):
            raise ValueError("commune_code must be 5 digits")
        if not isinstance(self.lessons, tuple) or not all(
            isinstance(lesson, LessonResult) for lesson in self.lessons
        ):
            raise ValueError("lessons must be a tuple of LessonResult")
        if not 1 <= len(self.lessons) <= MAX_LESSONS:
            raise ValueError(f"a slip lists 1 to {MAX_LESSONS} lessons")
        if not isinstance(self.completed_on, date) or not (
            _FIRST_DAY <= self.completed_on <= _LAST_DAY
        ):
            raise ValueError("completed_on must be a date in 2020-2199")
        if not isinstance(self.target_group, TargetGroup):
            raise ValueError("target_group must be a TargetGroup")
        if self.sealed_citizen_id is not None and (
            not isinstance(self.sealed_citizen_id, bytes)
            or len(self.sealed_citizen_id) != SEALED_CITIZEN_ID_LENGTH
        ):
            raise ValueError(
                f"sealed_citizen_id must be {SEALED_CITIZEN_ID_LENGTH} bytes from seal_citizen_id"
            )

    @property
    def record_id(self) -> uuid.UUID:
        return slip_record_id(self.kiosk_id, self.serial)


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}")


def _check_name(name: object) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ValueError("learner_name must not be empty")
    if name != name.strip() or len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            f"learner_name must have no outer spaces and at most {MAX_NAME_LENGTH} characters"
        )
    if not unicodedata.is_normalized("NFC", name):
        raise ValueError("learner_name must be NFC-normalised Unicode")
    # isprintable() is False for every "C*" category (and separators but the space)
    if not name.isprintable() and any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValueError("learner_name must not contain control characters")
