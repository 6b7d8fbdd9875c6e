"""Upserts that work on SQLite and PostgreSQL, and the maintained tallies."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.hub.models import Completion, CompletionTally, Learner, LearnerTally


def _insert(session: Session, table: Table) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise RuntimeError(f"the hub supports SQLite and PostgreSQL, not {dialect}")


def insert_new(session: Session, table: Table, values: dict[str, Any]) -> bool:
    """Insert a row unless its primary key exists; True if it was new (race-safe)."""
    stmt = _insert(session, table).values(**values).on_conflict_do_nothing()
    # RETURNING, not rowcount: drivers disagree on rowcount for a skipped insert
    key = next(iter(table.primary_key.columns))
    return session.execute(stmt.returning(key)).first() is not None


def bump(session: Session, table: Table, keys: dict[str, Any], column: str, delta: int) -> None:
    """Add ``delta`` to a counter row, creating it at ``delta``."""
    stmt = _insert(session, table).values(**keys, **{column: delta})
    stmt = stmt.on_conflict_do_update(
        index_elements=list(keys), set_={column: table.c[column] + stmt.excluded[column]}
    )
    session.execute(stmt)


def month_of(day: date) -> date:
    return day.replace(day=1)


def count_completion(session: Session, commune: str, group: int, track: str, day: date) -> None:
    keys = {"commune_code": commune, "target_group": group, "track": track, "month": month_of(day)}
    bump(session, CompletionTally.__table__, keys, "completions", 1)  # type: ignore[arg-type]


def count_learner(session: Session, commune: str, group: int, day: date, delta: int) -> None:
    keys = {"commune_code": commune, "target_group": group, "month": month_of(day)}
    bump(session, LearnerTally.__table__, keys, "learners", delta)  # type: ignore[arg-type]


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
