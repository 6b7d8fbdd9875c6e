"""Hub test fixtures: one throwaway PostgreSQL cluster per session, a fresh database per test."""

from __future__ import annotations

import contextlib
import functools
import itertools
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from kiosk_hub.catalogue import ReportNames, load_report_names
from tests.helpers.pgcluster import throwaway_cluster

_numbers = itertools.count(1)


_CLUSTER = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def pg_cluster(request: pytest.FixtureRequest) -> str:
    """URL of the cluster's first database; failing to start is a test error, not a skip.

    Kept in the config's stash so every module that imports this fixture shares one cluster;
    it is stopped and removed when the session ends.
    """
    config = request.config
    if _CLUSTER not in config.stash:
        stack = contextlib.ExitStack()
        config.add_cleanup(stack.close)
        config.stash[_CLUSTER] = stack.enter_context(throwaway_cluster())
    return config.stash[_CLUSTER]


@pytest.fixture
def pg_url(pg_cluster: str) -> str:
    """A new, empty database in the session's cluster."""
    url = make_url(pg_cluster)
    name = f"hub_t{next(_numbers)}"
    host, port = url.query["host"], url.query["port"]
    assert isinstance(host, str) and isinstance(port, str)
    conninfo = f"host={host} port={port} user={url.username} dbname={url.database}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on the embedded SQLite database and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture(scope="session")
def catalogue() -> ReportNames:
    return _catalogue()


@functools.cache
def _catalogue() -> ReportNames:
    return load_report_names()
