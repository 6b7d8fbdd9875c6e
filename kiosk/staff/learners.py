"""Staff looking after learners: find one, see their lessons, correct a name (no Qt).

Search ignores tone marks and case (``kiosk.text.fold``): "lo thi hoa" finds "Lò Thị Hoa".
Every word typed must match the name, the village or the birth year.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.clock import local_date
from kiosk.db.models import Completion, Learner, LessonAttempt
from kiosk.learners.rules import clean_name, learner_name_ok
from kiosk.text import fold

MAX_RESULTS = 50


@dataclass(frozen=True)
class LearnerRow:
    id: uuid.UUID
    full_name: str
    birth_year: int
    village: str
    target_group: str


@dataclass(frozen=True)
class LessonLine:
    lesson_id: str
    title: str  # from the content catalogue; the id if the lesson is no longer installed
    status: str  # passed | failed | in_progress | paused | abandoned
    best_score: int | None  # percent
    tries: int
    last_on: date  # Vietnam date of the latest try


@dataclass(frozen=True)
class LearnerDetail:
    learner: LearnerRow
    registered_on: date
    completed: int  # lessons passed at least once
    lessons: tuple[LessonLine, ...]


class RenameError(ValueError):
    """A refused new name; ``key`` is the message in the translation catalogue."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _row(learner: Learner) -> LearnerRow:
    return LearnerRow(
        learner.id, learner.full_name, learner.birth_year, learner.village, learner.target_group
    )


def _matches(word: str, learner: Learner) -> bool:
    if word.isdigit():
        return str(learner.birth_year).startswith(word)
    return word in learner.name_key or word in fold(learner.village)


def search(session: Session, query: str, limit: int = MAX_RESULTS) -> list[LearnerRow]:
    """Learners matching every word of ``query`` (name, village or birth year), by name."""
    words = fold(query).split()
    if not words:
        return []
    found = [
        learner
        for learner in session.scalars(select(Learner).order_by(Learner.name_key))
        if all(_matches(word, learner) for word in words)
    ]
    return [_row(learner) for learner in found[:limit]]


def detail(session: Session, learner_id: uuid.UUID, titles: Mapping[str, str]) -> LearnerDetail:
    """One learner with every lesson they tried: best score, tries, latest status."""
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise LookupError(f"no learner {learner_id}")
    attempts = session.scalars(
        select(LessonAttempt)
        .where(LessonAttempt.learner_id == learner_id)
        .order_by(LessonAttempt.updated_at)
    )
    best: dict[str, int] = {}
    for lesson_id, passed_score in session.execute(
        select(Completion.lesson_id, Completion.score).where(Completion.learner_id == learner_id)
    ):
        best[lesson_id] = max(best.get(lesson_id, 0), passed_score)
    lines: dict[str, LessonLine] = {}
    for a in attempts:
        before = lines.get(a.lesson_id)
        passed = a.lesson_id in best
        score: int | None = best.get(a.lesson_id, a.score)
        if before is not None and before.best_score is not None and not passed:
            score = max(before.best_score, score or 0)
        lines[a.lesson_id] = LessonLine(
            lesson_id=a.lesson_id,
            title=titles.get(a.lesson_id, a.lesson_id),
            status="passed" if passed else a.status,
            best_score=score,
            tries=(before.tries if before else 0) + 1,
            last_on=local_date(a.updated_at),
        )
    ordered = sorted(lines.values(), key=lambda line: line.last_on, reverse=True)
    return LearnerDetail(
        learner=_row(learner),
        registered_on=local_date(learner.created_at),
        completed=len(best),
        lessons=tuple(ordered),
    )


def rename(
    session: Session, learner_id: uuid.UUID, new_name: str, actor: str, now: datetime
) -> LearnerRow:
    """Correct a typo in a learner's name; the audit keeps the old and the new name.

    Slips already printed keep the name they were signed with.
    """
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise RenameError("learners.error.missing")
    if not learner_name_ok(new_name):
        raise RenameError("register.error.name")
    name = clean_name(new_name)
    if name == learner.full_name:
        raise RenameError("learners.error.same_name")
    old = learner.full_name
    learner.full_name = name
    learner.name_key = fold(name)
    learner.updated_at = now
    audit.record(session, actor, "learner_renamed", learner=str(learner.id), old=old, new=name)
    return _row(learner)
