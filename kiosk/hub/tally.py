"""Upserts that work on SQLite and PostgreSQL, and the maintained tallies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, text
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
    return bool(insert_new_many(session, table, [values]))


def insert_new_many(
    session: Session, table: Table, rows: Sequence[dict[str, Any]]
) -> set[tuple[Any, ...]]:
    """Insert the rows whose keys do not exist yet; the primary keys of those inserted.

    ``INSERT ... ON CONFLICT DO NOTHING RETURNING``, a few statements for any number of
    rows; race-safe (a row another transaction inserted first is not returned). On
    PostgreSQL the rows go in primary key order whatever their order here, so concurrent
    batches lock rows alike (SQLite has one writer at a time).
    """
    if not rows:
        return set()
    if session.get_bind().dialect.name == "postgresql":
        return _insert_new_copy(session, table, rows)
    keys = list(table.primary_key.columns)
    # RETURNING, not rowcount: drivers disagree on rowcount for a skipped insert.
    # A list of parameter sets is sent as multi-row INSERTs ("insertmanyvalues") from
    # one cached one-row statement: much cheaper to build than .values([...]).
    stmt = _insert(session, table).on_conflict_do_nothing().returning(*keys)
    return {tuple(row) for row in session.execute(stmt, list(rows))}


def _insert_new_copy(
    session: Session, table: Table, rows: Sequence[dict[str, Any]]
) -> set[tuple[Any, ...]]:
    keys = ", ".join(c.name for c in table.primary_key.columns)
    sql = _insert_from_copy(session, table, rows)
    sql += f" ON CONFLICT DO NOTHING RETURNING {keys}"
    return {tuple(row) for row in session.execute(text(sql))}


_COPY_TYPES: dict[tuple[str, tuple[str, ...]], list[int]] = {}  # built-in type oids


def _insert_from_copy(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> str:
    """PostgreSQL: the rows streamed by a binary COPY into a temporary table; the
    ``INSERT ... SELECT`` (primary key order) that takes them from there.

    The temporary table (``_new_<table>``, the table's columns without constraints) is
    made once per connection and emptied before each COPY, so a transaction may use it
    for batch after batch; ``ON COMMIT DELETE ROWS`` leaves nothing behind. About three
    times cheaper than sending one array per column (``unnest``), mostly on the server.
    """
    dialect = session.get_bind().dialect
    columns = [table.c[name] for name in rows[0]]
    names = tuple(c.name for c in columns)
    tmp = f"_new_{table.name}"
    values: Sequence[Sequence[Any]] = (
        list(map(itemgetter(*names), rows)) if len(names) > 1 else [(r[names[0]],) for r in rows]
    )
    processes = [(i, p) for i, c in enumerate(columns) if (p := c.type.bind_processor(dialect))]
    if processes:
        lists = [list(row) for row in values]
        for row in lists:
            for i, process in processes:
                row[i] = process(row[i])
        values = lists
    connection = session.connection()
    conn = connection.connection.driver_connection
    assert conn is not None
    # Empty at a transaction's first use (ON COMMIT DELETE ROWS, or rolled back): DELETE
    # is nearly free then. TRUNCATE after an earlier batch of the same transaction, whose
    # deleted rows every later scan would still step over.
    transaction = connection.get_transaction()
    used = connection.info.get("hub_copy_tables")
    if used is None or used[0] is not transaction:
        used = connection.info["hub_copy_tables"] = (transaction, set[str]())
    empty = "TRUNCATE" if tmp in used[1] else "DELETE FROM"
    used[1].add(tmp)
    cols = ", ".join(names)
    with conn.cursor() as cur:
        cur.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {tmp} ON COMMIT DELETE ROWS"
            f" AS SELECT * FROM {table.name} WITH NO DATA; {empty} {tmp}"
        )
        types = _COPY_TYPES.get((table.name, names))
        if types is None:
            cur.execute(f"SELECT {cols} FROM {tmp} LIMIT 0")
            assert cur.description is not None
            types = _COPY_TYPES[(table.name, names)] = [d.type_code for d in cur.description]
        with cur.copy(f"COPY {tmp} ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for value in values:
                copy.write_row(value)
    order = ", ".join(c.name for c in table.primary_key.columns)
    return f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {tmp} ORDER BY {order}"


def claim_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], returning: Sequence[str]
) -> list[tuple[bool, Any]]:
    """PostgreSQL: insert the rows that are new, lock the ones that exist; for every row,
    (inserted, the row's ``returning`` columns as kept).

    One statement, driven by the primary key index whatever the planner's statistics:
    ``ON CONFLICT DO UPDATE`` with a no-op assignment locks and returns an existing row,
    and ``xmax = 0`` tells a row this statement inserted.
    """
    key = table.primary_key.columns[0].name
    sql = _insert_from_copy(session, table, rows)
    sql += (
        f" ON CONFLICT ({', '.join(c.name for c in table.primary_key.columns)})"
        f" DO UPDATE SET {key} = EXCLUDED.{key}"
        f" RETURNING (xmax = 0), {', '.join(returning)}"
    )
    return [(bool(row[0]), row[1:]) for row in session.execute(text(sql))]


def bump_many(
    session: Session, table: Table, key_names: Sequence[str], column: str, deltas: Counter[Any]
) -> None:
    """Add each delta to its counter row (created at the delta): one statement.

    ``deltas`` maps a tuple of ``key_names`` values to the amount; zeros are skipped.
    Rows go in key order so concurrent batches lock tally rows in the same order.
    """
    rows = [
        {**dict(zip(key_names, key, strict=True)), column: delta}
        for key, delta in sorted(deltas.items())
        if delta
    ]
    if not rows:
        return
    stmt = _insert(session, table).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key_names), set_={column: table.c[column] + stmt.excluded[column]}
    )
    session.execute(stmt)


def bump(session: Session, table: Table, keys: dict[str, Any], column: str, delta: int) -> None:
    """Add ``delta`` to a counter row, creating it at ``delta``."""
    bump_many(session, table, list(keys), column, Counter({tuple(keys.values()): delta}))


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


def count_completion(session: Session, commune: str, group: int, track: str, day: date) -> None:
    count_completions(session, Counter({(commune, group, track, month_of(day)): 1}))


def count_learner(session: Session, commune: str, group: int, day: date, delta: int) -> None:
    count_learners(session, Counter({(commune, group, month_of(day)): delta}))


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
