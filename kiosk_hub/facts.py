"""Deriving completion facts, learners and tallies from a batch of newly kept records.

Set-based: one multi-row insert of the batch's new facts, one statement that inserts its
new learners and locks the known ones (PostgreSQL; a query and an insert on SQLite), one
update of the learners it changes, and one upsert per tally table. The result is the same as taking
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

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from kiosk_hub.bulk import claim_rows, insert_new_many
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.models import Completion, Learner
from kiosk_hub.tally import count_completions, count_learners, month_of
from kiosk_records.record import CompletionRecord

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
    session: Session,
    records: Sequence[CompletionRecord],
    catalogue: ReportNames,
    record_ids: Sequence[uuid.UUID] | None = None,
) -> None:
    """Facts, learners and tallies for records just kept (in arrival order).

    ``record_ids``: the records' ids when the caller has them (each is a uuid5).
    """
    if not records:
        return
    seen: dict[LearnerKey, _LearnerSeen] = {}
    for record in records:
        key = (record.kiosk_id, record.learner_ref)
        if key in seen:
            seen[key].see(record)
        else:
            seen[key] = _LearnerSeen(record, record.completed_on, record.sealed_citizen_id)
    if record_ids is None:
        record_ids = [record.record_id for record in records]
    completions = _insert_facts(session, records, record_ids, catalogue, seen)
    learners: Counter[tuple[str, int, date]] = Counter()
    inserted, kept = _claim_learners(session, seen)
    for key in inserted:
        s = seen[key]
        learners[(s.first.commune_code, s.first.target_group.value, month_of(s.earliest))] += 1
    changes = [_change(key, was, seen[key], learners) for key, was in kept.items()]
    _update_learners(session, [c for c in changes if c is not None])
    count_completions(session, completions)
    count_learners(session, learners)


def _insert_facts(
    session: Session,
    records: Sequence[CompletionRecord],
    record_ids: Sequence[uuid.UUID],
    catalogue: ReportNames,
    seen: dict[LearnerKey, _LearnerSeen],
) -> Counter[tuple[str, int, str, date]]:
    """Insert the batch's facts (first record of a fact wins); tally deltas of the new."""
    facts: dict[tuple[uuid.UUID, str, int], dict[str, Any]] = {}
    for record, record_id in zip(records, record_ids, strict=True):
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
                "record_id": record_id,
            }
    rows = list(facts.values())  # PostgreSQL inserts in key order: batches lock alike
    new = insert_new_many(session, Completion.__table__, rows)  # type: ignore[arg-type]
    deltas: Counter[tuple[str, int, str, date]] = Counter()
    for fact_key, fact in facts.items():
        if fact_key not in new:
            continue
        day: date = fact["completed_on"]
        deltas[(fact["commune_code"], fact["target_group"], fact["track"], month_of(day))] += 1
        if fact["track"] == "vneid":
            seen[(fact["kiosk_id"], fact["learner_ref"])].vneid(day)
    return deltas


@dataclass(frozen=True)
class _Kept:
    """A learner kept before this batch, as far as a new record can change them."""

    commune_code: str
    target_group: int
    first_completed_on: date
    sealed_citizen_id: bytes | None
    vneid_on: date | None


_KEPT_COLUMNS = ("kiosk_id", "learner_ref", *_Kept.__dataclass_fields__)


def _claim_learners(
    session: Session, seen: dict[LearnerKey, _LearnerSeen]
) -> tuple[set[LearnerKey], dict[LearnerKey, _Kept]]:
    """Insert the batch's new learners; those kept before, locked until the transaction ends."""
    table = Learner.__table__
    rows = [_learner_row(key, s) for key, s in seen.items()]  # locked in key order (claim_rows)
    if session.get_bind().dialect.name == "postgresql":
        inserted: set[LearnerKey] = set()
        kept: dict[LearnerKey, _Kept] = {}
        for new, row in claim_rows(session, table, rows, _KEPT_COLUMNS):  # type: ignore[arg-type]
            if new:
                inserted.add((row[0], row[1]))
            else:
                kept[(row[0], row[1])] = _Kept(*row[2:])
        return inserted, kept
    kept = _kept_learners(session, list(seen))  # SQLite: one writer at a time
    fresh = [row for row in rows if (row["kiosk_id"], row["learner_ref"]) not in kept]
    inserted = {(k, r) for k, r in insert_new_many(session, table, fresh)}  # type: ignore[arg-type]
    if len(inserted) < len(fresh):  # another transaction made some of them meanwhile
        late = [key for key in seen if key not in kept and key not in inserted]
        kept.update(_kept_learners(session, late))
    return inserted, kept


def _kept_learners(session: Session, keys: list[LearnerKey]) -> dict[LearnerKey, _Kept]:
    """The learners among ``keys`` already kept (one query per kiosk)."""
    refs: dict[uuid.UUID, list[str]] = defaultdict(list)
    for kiosk_id, ref in keys:
        refs[kiosk_id].append(ref)
    columns = [Learner.__table__.c[name] for name in _KEPT_COLUMNS]
    found: dict[LearnerKey, _Kept] = {}
    for kiosk_id, wanted in refs.items():
        query = (
            select(*columns)
            .where(Learner.kiosk_id == kiosk_id, Learner.learner_ref.in_(wanted))
            .with_for_update()
        )
        for row in session.execute(query):
            found[(row[0], row[1])] = _Kept(*row[2:])
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


def _change(
    key: LearnerKey, was: _Kept, s: _LearnerSeen, learners: Counter[tuple[str, int, date]]
) -> dict[str, Any] | None:
    """What this batch changes in a kept learner (None: nothing), and its tally moves."""
    first, sealed, vneid = was.first_completed_on, was.sealed_citizen_id, was.vneid_on
    if s.earliest < first:  # an older record came late
        learners[(was.commune_code, was.target_group, month_of(first))] -= 1
        learners[(was.commune_code, was.target_group, month_of(s.earliest))] += 1
        first = s.earliest
    if sealed is None:
        sealed = s.sealed_citizen_id
    if s.vneid_on is not None and (vneid is None or s.vneid_on < vneid):
        vneid = s.vneid_on
    if (first, sealed, vneid) == (was.first_completed_on, was.sealed_citizen_id, was.vneid_on):
        return None
    return {"k": key[0], "r": key[1], "first": first, "sealed": sealed, "vneid": vneid}


def _update_learners(session: Session, changes: list[dict[str, Any]]) -> None:
    if not changes:
        return
    t: Table = Learner.__table__  # type: ignore[assignment]
    stmt = (
        update(t)
        .where(t.c.kiosk_id == bindparam("k"), t.c.learner_ref == bindparam("r"))
        .values(
            first_completed_on=bindparam("first"),
            sealed_citizen_id=bindparam("sealed"),
            vneid_on=bindparam("vneid"),
        )
    )
    session.execute(stmt, changes)
