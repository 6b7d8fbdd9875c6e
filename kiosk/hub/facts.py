"""Deriving completion facts, learners and tallies from a batch of newly kept records.

Set-based: one query for the batch's known learners, one multi-row insert each for new
learners and new facts, one upsert per tally table. The result is the same as taking
the records one by one in order: the first record of a learner describes them, their
first completion date is the earliest seen, and each (kiosk, learner, lesson) counts once.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.hub.catalogue import Catalogue
from kiosk.hub.models import Completion, Learner
from kiosk.hub.tally import count_completions, count_learners, insert_new_many, month_of
from kiosk.slips.record import CompletionRecord

LearnerKey = tuple[uuid.UUID, str]


@dataclass
class _LearnerSeen:
    """What this batch says about one learner: the first record, earliest date, IDs."""

    first: CompletionRecord
    earliest: date
    sealed_citizen_id: bytes | None
    vneid_on: date | None = None

    def see(self, record: CompletionRecord) -> None:
        self.earliest = min(self.earliest, record.completed_on)
        if self.sealed_citizen_id is None:
            self.sealed_citizen_id = record.sealed_citizen_id

    def vneid(self, day: date) -> None:
        self.vneid_on = day if self.vneid_on is None else min(self.vneid_on, day)


def derive_facts(
    session: Session, records: Sequence[CompletionRecord], catalogue: Catalogue
) -> None:
    """Facts, learners and tallies for records just kept (in arrival order)."""
    if not records:
        return
    seen: dict[LearnerKey, _LearnerSeen] = {}
    for record in records:
        key = (record.kiosk_id, record.learner_ref)
        if key in seen:
            seen[key].see(record)
        else:
            seen[key] = _LearnerSeen(record, record.completed_on, record.sealed_citizen_id)
    completions = _insert_facts(session, records, catalogue, seen)
    learners: Counter[tuple[str, int, date]] = Counter()
    known = _known_learners(session, list(seen))
    fresh = [key for key in seen if key not in known]
    won = insert_new_many(
        session,
        Learner.__table__,  # type: ignore[arg-type]
        [_learner_row(key, seen[key]) for key in fresh],
    )
    for key in fresh:
        if key in won:
            s = seen[key]
            learners[(s.first.commune_code, s.first.target_group.value, month_of(s.earliest))] += 1
    if len(won) < len(fresh):  # another transaction made some of them meanwhile
        known.update(_known_learners(session, [k for k in fresh if k not in won]))
    for key, learner in known.items():
        _update_known(learner, seen[key], learners)
    count_completions(session, completions)
    count_learners(session, learners)


def _insert_facts(
    session: Session,
    records: Sequence[CompletionRecord],
    catalogue: Catalogue,
    seen: dict[LearnerKey, _LearnerSeen],
) -> Counter[tuple[str, int, str, date]]:
    """Insert the batch's facts (first record of a fact wins); tally deltas of the new."""
    facts: dict[tuple[uuid.UUID, str, int], dict[str, Any]] = {}
    for record in records:
        for lesson in record.lessons:
            fact_key = (record.kiosk_id, record.learner_ref, lesson.lesson_code)
            if fact_key in facts:
                continue
            facts[fact_key] = {
                "kiosk_id": record.kiosk_id,
                "learner_ref": record.learner_ref,
                "lesson_code": lesson.lesson_code,
                "commune_code": record.commune_code,
                "target_group": record.target_group.value,
                "track": catalogue.track_of(lesson.lesson_code),
                "completed_on": record.completed_on,
                "score": lesson.score,
                "record_id": record.record_id,
            }
    new = insert_new_many(session, Completion.__table__, list(facts.values()))  # type: ignore[arg-type]
    deltas: Counter[tuple[str, int, str, date]] = Counter()
    for fact_key, fact in facts.items():
        if fact_key not in new:
            continue
        day: date = fact["completed_on"]
        deltas[(fact["commune_code"], fact["target_group"], fact["track"], month_of(day))] += 1
        if fact["track"] == "vneid":
            seen[(fact["kiosk_id"], fact["learner_ref"])].vneid(day)
    return deltas


def _known_learners(session: Session, keys: list[LearnerKey]) -> dict[LearnerKey, Learner]:
    """The learners among ``keys`` already kept, locked for update (one query per kiosk)."""
    refs: dict[uuid.UUID, list[str]] = defaultdict(list)
    for kiosk_id, ref in keys:
        refs[kiosk_id].append(ref)
    found: dict[LearnerKey, Learner] = {}
    for kiosk_id, wanted in refs.items():
        query = (
            select(Learner)
            .where(Learner.kiosk_id == kiosk_id, Learner.learner_ref.in_(wanted))
            .with_for_update()
        )
        for learner in session.scalars(query):
            found[(learner.kiosk_id, learner.learner_ref)] = learner
    return found


def _learner_row(key: LearnerKey, s: _LearnerSeen) -> dict[str, Any]:
    return {
        "kiosk_id": key[0],
        "learner_ref": key[1],
        "commune_code": s.first.commune_code,
        "target_group": s.first.target_group.value,
        "name": s.first.learner_name,
        "birth_year": s.first.birth_year,
        "first_completed_on": s.earliest,
        "sealed_citizen_id": s.sealed_citizen_id,
        "vneid_on": s.vneid_on,
    }


def _update_known(
    learner: Learner, s: _LearnerSeen, learners: Counter[tuple[str, int, date]]
) -> None:
    if s.earliest < learner.first_completed_on:  # an older record came late
        learners[(learner.commune_code, learner.target_group,
                  month_of(learner.first_completed_on))] -= 1  # fmt: skip
        learners[(learner.commune_code, learner.target_group, month_of(s.earliest))] += 1
        learner.first_completed_on = s.earliest
    if learner.sealed_citizen_id is None and s.sealed_citizen_id is not None:
        learner.sealed_citizen_id = s.sealed_citizen_id
    if s.vneid_on is not None and (learner.vneid_on is None or s.vneid_on < learner.vneid_on):
        learner.vneid_on = s.vneid_on
