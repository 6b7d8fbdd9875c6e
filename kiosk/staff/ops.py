"""What staff do in the console: sign in with a PIN, look at today, find and correct
learners, build and export reports, read the audit log, change the kiosk's identity.

One function per action, each in its own transaction; the staff screens call these.
Refusals come back as typed errors (``RenameError``, ``SetupError``: a message key).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk import audit
from kiosk.clock import local_date
from kiosk.identity import KioskIdentity
from kiosk.services import Services
from kiosk.staff.access import PinResult, change_pin, locked_until, try_pin
from kiosk.staff.audit_log import AuditLine, audit_lines
from kiosk.staff.identity_edit import update_identity
from kiosk.staff.learners import LearnerDetail, LearnerRow, detail, rename, search
from kiosk.staff.reports import (
    Grouping,
    LessonFacts,
    Period,
    Report,
    build_report,
    range_dates,
    record_export,
)
from kiosk.staff.roles import Role
from kiosk.staff.setup import complete_setup
from kiosk.staff.today import TodayCounts, today_counts

Tr = Callable[..., str]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PinOutcome:
    """A PIN tried at the staff door; ``role`` None when wrong or locked."""

    result: PinResult
    at: datetime

    def minutes_locked(self) -> int | None:
        """Whole minutes left of a lockout (at least one); None when not locked."""
        return minutes_until(self.result.locked_until, self.at)


def minutes_until(moment: datetime | None, now: datetime) -> int | None:
    if moment is None:
        return None
    return max(1, round((moment - now).total_seconds() / 60))


def lockout_minutes(services: Services) -> int | None:
    """Minutes left of a PIN lockout; None when PINs may be tried."""
    now = services.clock()
    with services.db.transaction() as session:
        return minutes_until(locked_until(session, now), now)


def enter_pin(services: Services, pin: str, want: Role | None, exiting: bool) -> PinOutcome:
    """Check a PIN (``want=Role.ADMIN``: only the admin's); an admin leaving the kiosk
    is audited in the same transaction."""
    now = services.clock()
    with services.db.transaction() as session:
        result = try_pin(session, pin, now, want=want)
        if result.role is Role.ADMIN and exiting:
            audit.record(session, Role.ADMIN.value, "kiosk_exit")
    return PinOutcome(result, now)


def set_up_kiosk(
    services: Services, commune_code: str, learning_point: str, staff_pin: str, admin_pin: str
) -> KioskIdentity:
    """The first-run set-up: the kiosk's identity and both PINs, then its slip key.

    Raises:
        SetupError: an answer is refused (a message key); nothing is stored.
    """
    from kiosk.slips.local import kiosk_key

    with services.db.transaction() as session:
        made = complete_setup(
            session,
            commune_code=commune_code,
            learning_point=learning_point,
            staff_pin=staff_pin,
            admin_pin=admin_pin,
            known_communes={u.code for u in services.units},
        )
    services.reload_identity()
    try:
        kiosk_key(services.paths.root)
    except (OSError, ValueError):
        log.exception("slip key not made at set-up; it is made when the first slip is")
    return made


def change_staff_pin(services: Services, role: Role, pin: str) -> None:
    """A new PIN for ``role`` (admin only; logged); ``SetupError`` when the rule refuses it."""
    with services.db.transaction() as session:
        change_pin(session, role, pin, services.clock())


def today(services: Services) -> TodayCounts:
    with services.db.transaction() as session:
        return today_counts(session, services.clock())


def find_learners(services: Services, text: str) -> list[LearnerRow]:
    with services.db.transaction() as session:
        return search(session, text)


def lesson_titles(services: Services) -> dict[str, str]:
    lang = services.translator.language
    return {e.lesson.id: e.lesson.title.text(lang) for e in services.content().lessons}


def learner_page(services: Services, learner_id: uuid.UUID) -> LearnerDetail:
    """A learner's details and lessons. Raises LookupError when the learner is gone."""
    titles = lesson_titles(services)
    with services.db.transaction() as session:
        return detail(session, learner_id, titles)


def rename_learner(services: Services, learner_id: uuid.UUID, name: str, actor: str) -> LearnerRow:
    """Correct a learner's name (audited). Raises RenameError."""
    with services.db.transaction() as session:
        return rename(session, learner_id, name, actor, services.clock())


def report(
    services: Services, range_key: str, period: Period, grouping: Grouping, tr: Tr
) -> Report:
    """Completions over a range of days, against the learning point's target."""
    start, end = range_dates(range_key, local_date(services.clock()))
    lang = services.translator.language
    lessons = {
        e.lesson.id: LessonFacts(e.lesson.title.text(lang), e.lesson.track.value)
        for e in services.content().lessons
    }
    target = services.settings.learning_point_target
    with services.db.transaction() as session:
        return build_report(session, start, end, grouping, period, lessons, tr, target)


def note_export(services: Services, actor: str, path: Path, exported: Report) -> None:
    """An exported report goes in the audit log."""
    with services.db.transaction() as session:
        record_export(session, actor, path, exported)


def audit_log(services: Services, tr: Tr) -> list[AuditLine]:
    with services.db.transaction() as session:
        return audit_lines(session, tr)


def note_poster(services: Services, bank_bin: str, size: str) -> None:
    """A VietQR poster was saved: the audit keeps which bank and size, never the account."""
    with services.db.transaction() as session:
        audit.record(session, Role.STAFF.value, "vietqr_poster", bank=bank_bin, size=size)


def switch_demo(services: Services, on: bool) -> None:
    """Staff turned the demonstration loop on or off (audited; nothing about learners)."""
    with services.db.transaction() as session:
        audit.record(session, Role.STAFF.value, "demo_mode", on=on)


def change_identity(
    services: Services, learning_point: str, commune_code: str
) -> KioskIdentity | None:
    """Rename the learning point or move it to another commune (admin, audited); None
    when nothing changed. Raises SetupError."""
    with services.db.transaction() as session:
        changed = update_identity(
            session,
            learning_point=learning_point,
            commune_code=commune_code,
            known_communes={u.code for u in services.units},
            actor=Role.ADMIN.value,
        )
    if changed is not None:
        services.reload_identity()
    return changed
