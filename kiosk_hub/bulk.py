"""Inserting a batch of rows at once, on SQLite and PostgreSQL: new ones only, race-safe.

On PostgreSQL the rows are streamed by a binary COPY into a temporary table and taken
from there by one ``INSERT ... SELECT ... ON CONFLICT``, in primary key order so that
concurrent batches lock rows alike. On SQLite (one writer at a time) a multi-row
``INSERT ... ON CONFLICT DO NOTHING``.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from psycopg.errors import DeadlockDetected, UniqueViolation
from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

Row = tuple[Any, ...]


def dialect_insert(session: Session, table: Table) -> Any:
    """The dialect's ``INSERT`` construct (it has ``on_conflict_do_*``)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise RuntimeError(f"the hub supports SQLite and PostgreSQL, not {dialect}")


def insert_new_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> set[Row]:
    """Insert the rows (dicts of the same keys) whose primary keys do not exist yet;
    the primary keys of those inserted."""
    if not rows:
        return set()
    columns = tuple(rows[0])
    return insert_new_rows(session, table, columns, _tuples(rows, columns))


def insert_new_rows(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[Row]
) -> set[Row]:
    """`insert_new_many` for rows already given as tuples in ``columns`` order.

    Race-safe: a row another transaction inserted first is not returned (RETURNING, not
    rowcount, which drivers disagree on for a skipped insert).
    """
    if not rows:
        return set()
    keys = [c.name for c in table.primary_key.columns]
    if session.get_bind().dialect.name == "postgresql":
        rows = _bound(session, table, columns, rows)
        if _copy_if_all_new(session, table, columns, rows):
            at = [columns.index(key) for key in keys]
            return {tuple(row[i] for i in at) for row in rows}
        sql = _insert_from_copy(session, table, columns, rows)
        sql += f" ON CONFLICT DO NOTHING RETURNING {', '.join(keys)}"
        return set(_fetch(session, sql))
    # A list of parameter sets is sent as multi-row INSERTs ("insertmanyvalues") from
    # one cached one-row statement: much cheaper to build than .values([...]).
    stmt = dialect_insert(session, table).on_conflict_do_nothing().returning(*table.primary_key)
    params = [dict(zip(columns, row, strict=True)) for row in rows]
    return {tuple(row) for row in session.execute(stmt, params)}


def claim_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], returning: Sequence[str]
) -> list[tuple[bool, Any]]:
    """PostgreSQL: insert the rows that are new, lock the ones that exist; for every row,
    (inserted, the row's ``returning`` columns as kept).

    One statement, driven by the primary key index whatever the planner's statistics:
    ``ON CONFLICT DO UPDATE`` with a no-op assignment locks and returns an existing row,
    and ``xmax = 0`` tells a row this statement inserted.
    """
    columns = tuple(rows[0])
    keys = [c.name for c in table.primary_key.columns]
    tuples = _bound(session, table, columns, _tuples(rows, columns))
    sql = _insert_from_copy(session, table, columns, tuples)
    sql += (
        f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {keys[0]} = EXCLUDED.{keys[0]}"
        f" RETURNING (xmax = 0), {', '.join(returning)}"
    )
    return [(bool(row[0]), row[1:]) for row in _fetch(session, sql)]


def _tuples(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> list[Row]:
    if len(columns) == 1:
        return [(row[columns[0]],) for row in rows]
    return list(map(itemgetter(*columns), rows))


def _fetch(session: Session, sql: str) -> list[Row]:
    """Run ``sql`` on the session's connection (its transaction) and fetch every row."""
    with _driver(session).cursor() as cur:
        cur.execute(sql)
        rows: list[Row] = cur.fetchall()
        return rows


def _driver(session: Session) -> Any:
    conn = session.connection().connection.driver_connection
    assert conn is not None
    return conn


def _copy_if_all_new(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[Row]
) -> bool:
    """PostgreSQL: COPY the rows straight into the table if none of their keys exists.

    The common case (new records and facts), at about half the server's work of the
    temporary table's way. A key kept before (or being inserted by another transaction,
    once that one commits) fails the whole COPY; a savepoint takes it back and False
    sends the batch the temporary table's way, which sorts the new from the kept. So
    does a deadlock with a concurrent batch: that way inserts in key order.
    """
    names = tuple(columns)
    with _driver(session).cursor() as cur:
        types = _copy_types(cur, table, names)
        cur.execute("SAVEPOINT hub_bulk_copy")
        try:
            _copy(cur, table.name, names, types, rows)
        except (UniqueViolation, DeadlockDetected):
            cur.execute("ROLLBACK TO SAVEPOINT hub_bulk_copy")
            return False
        cur.execute("RELEASE SAVEPOINT hub_bulk_copy")
    return True


def _copy(
    cur: Any, table: str, names: Sequence[str], types: list[int], rows: Sequence[Row]
) -> None:
    with cur.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row(row)


_COPY_TYPES: dict[tuple[str, tuple[str, ...]], list[int]] = {}  # built-in type oids


def _copy_types(cur: Any, table: Table, names: tuple[str, ...]) -> list[int]:
    """The type oids of the table's columns (binary COPY needs them), looked up once."""
    types = _COPY_TYPES.get((table.name, names))
    if types is None:
        cur.execute(f"SELECT {', '.join(names)} FROM {table.name} LIMIT 0")
        assert cur.description is not None
        types = _COPY_TYPES[(table.name, names)] = [d.type_code for d in cur.description]
    return types


def _insert_from_copy(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[Row]
) -> str:
    """PostgreSQL: the rows streamed by a binary COPY into a temporary table; the
    ``INSERT ... SELECT`` (primary key order) that takes them from there.

    The temporary table (``_new_<table>``, the table's columns without constraints) is
    made once per connection and emptied before each COPY, so a transaction may use it
    for batch after batch; ``ON COMMIT DELETE ROWS`` leaves nothing behind. About three
    times cheaper than sending one array per column (``unnest``), mostly on the server.
    """
    names = tuple(columns)
    tmp = f"_new_{table.name}"
    # Empty at a transaction's first use (ON COMMIT DELETE ROWS, or rolled back): DELETE
    # is nearly free then. TRUNCATE after an earlier batch of the same transaction, whose
    # deleted rows every later scan would still step over.
    connection = session.connection()
    transaction = connection.get_transaction()
    used = connection.info.get("hub_copy_tables")
    if used is None or used[0] is not transaction:
        used = connection.info["hub_copy_tables"] = (transaction, set[str]())
    empty = "TRUNCATE" if tmp in used[1] else "DELETE FROM"
    used[1].add(tmp)
    cols = ", ".join(names)
    with _driver(session).cursor() as cur:
        cur.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {tmp} ON COMMIT DELETE ROWS"
            f" AS SELECT * FROM {table.name} WITH NO DATA; {empty} {tmp}"
        )
        _copy(cur, tmp, names, _copy_types(cur, table, names), rows)
    order = ", ".join(c.name for c in table.primary_key.columns)
    return f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {tmp} ORDER BY {order}"


def _bound(
    session: Session, table: Table, names: Sequence[str], rows: Sequence[Row]
) -> Sequence[Row]:
    """The rows with the columns' own bind conversions applied (UTC timestamps...).

    Each distinct value is converted once: a batch mostly repeats one timestamp.
    """
    dialect = session.get_bind().dialect
    processes = [
        (i, p) for i, name in enumerate(names) if (p := table.c[name].type.bind_processor(dialect))
    ]
    if not processes:
        return rows
    lists = [list(row) for row in rows]
    for i, process in processes:
        done: dict[Any, Any] = {}
        for row in lists:
            value = row[i]
            try:
                row[i] = done[value]
            except KeyError:
                row[i] = done[value] = process(value)
            except TypeError:  # unhashable: convert it alone
                row[i] = process(value)
    return [tuple(row) for row in lists]
