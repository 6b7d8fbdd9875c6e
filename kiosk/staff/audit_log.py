"""The audit log in plain words for the staff console (no Qt): Vietnam time, who, what."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.formatting import day_and_time

Tr = Callable[..., str]


@dataclass(frozen=True)
class AuditLine:
    at: str  # dd/mm/yyyy HH:MM in Vietnam
    actor: str
    action: str
    detail: str


def _said(tr: Tr, key: str, fallback: str, **values: object) -> str:
    text = tr(key, **values)
    return fallback if text == key else text


def describe(detail: Mapping[str, object], tr: Tr) -> str:
    """Detail fields in words; learner ids stay out (names are in the learner's record)."""
    parts: list[str] = []
    if "old" in detail and "new" in detail:
        parts.append(tr("audit.detail.rename", old=detail["old"], new=detail["new"]))
    for key, value in detail.items():
        if key in ("old", "new", "learner"):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        parts.append(_said(tr, f"audit.detail.{key}", f"{key}: {shown}", value=shown))
    return " · ".join(parts)


def audit_lines(session: Session, tr: Tr, limit: int = 300) -> list[AuditLine]:
    return [
        AuditLine(
            at=day_and_time(entry.at),
            actor=_said(tr, f"audit.actor.{entry.actor}", entry.actor),
            action=_said(tr, f"audit.action.{entry.action}", entry.action),
            detail=describe(entry.detail, tr),
        )
        for entry in audit.recent(session, limit)
    ]
