"""The tallies the dashboard reads, kept up to date as completion facts arrive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from kiosk_hub.bulk import dialect_insert
from kiosk_hub.models import Completion, CompletionTally, Learner, LearnerTally


def bump_many(
    session: Session, table: Table, key_names: Sequence[str], column: str, deltas: Counter[Any]
) -> None:
    """Add each delta to its counter row (created at the delta).

    ``deltas`` maps a tuple of ``key_names`` values to the amount; zeros are skipped.
    Rows go in key order so concurrent batches lock tally rows in the same order. One
    cached one-row statement with a list of parameter sets: SQLAlchemy sends it as
    multi-row inserts without compiling a statement per batch.
    """
    rows = [
        {**dict(zip(key_names, key, strict=True)), column: delta}
        for key, delta in sorted(deltas.items())
        if delta
    ]
    if not rows:
        return
    stmt = dialect_insert(session, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key_names), set_={column: table.c[column] + stmt.excluded[column]}
    )
    session.execute(stmt, rows)


def month_of(day: date) -> date:
    return day.replace(day=1)


COMPLETION_TALLY_KEYS = ("commune_code", "target_group", "track", "month")
LEARNER_TALLY_KEYS = ("commune_code", "target_group", "month")


def count_completions(session: Session, deltas: Counter[tuple[str, int, str, date]]) -> None:
    """Bump ``completion_tally`` by (commune, group, track, month) → count."""
    table = CompletionTally.__table__
    bump_many(session, table, COMPLETION_TALLY_KEYS, "completions", deltas)  # type: ignore[arg-type]


def count_learners(session: Session, deltas: Counter[tuple[str, int, date]]) -> None:
    """Bump ``learner_tally`` by (commune, group, month) → delta (may be negative)."""
    table = LearnerTally.__table__
    bump_many(session, table, LEARNER_TALLY_KEYS, "learners", deltas)  # type: ignore[arg-type]


def rebuild_tallies(session: Session) -> None:
    """Recount both tallies from the facts (after a bulk load, or to check them)."""
    session.execute(delete(CompletionTally))
    session.execute(delete(LearnerTally))
    c, lt = Completion, Learner
    month = func.date_trunc("month", c.completed_on) if _is_pg(session) else None
    if month is None:
        month = func.date(c.completed_on, "start of month")
        lmonth = func.date(lt.first_completed_on, "start of month")
    else:
        lmonth = func.date_trunc("month", lt.first_completed_on)
    session.execute(
        insert(CompletionTally).from_select(
            ["commune_code", "target_group", "track", "month", "completions"],
            select(c.commune_code, c.target_group, c.track, month, func.count()).group_by(
                c.commune_code, c.target_group, c.track, month
            ),
        )
    )
    session.execute(
        insert(LearnerTally).from_select(
            ["commune_code", "target_group", "month", "learners"],
            select(lt.commune_code, lt.target_group, lmonth, func.count()).group_by(
                lt.commune_code, lt.target_group, lmonth
            ),
        )
    )


def _is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"
