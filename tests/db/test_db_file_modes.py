"""The database, keys, logs and data folders are the kiosk user's only (Linux modes).

Made with a permissive umask (0022, the usual default), so the modes come from the code.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import setup_logging
from kiosk.db.database import open_database
from kiosk.paths import DataPaths
from kiosk.services import build_services
from kiosk.slips.local import kiosk_key


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_kiosk_keeps_its_data_to_its_user(ready_services, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    paths = DataPaths(data_dir)
    kiosk_key(data_dir)
    ready_services.vault()
    root = logging.getLogger()
    handlers = list(root.handlers)
    setup_logging(paths)
    logging.getLogger("test").info("a line for the log")
    for handler in root.handlers[len(handlers) :]:
        handler.close()
        root.removeHandler(handler)
    files = [paths.database, paths.log, *paths.secrets.iterdir()]
    files += [p for p in data_dir.glob("kiosk.sqlite3-*")]  # the WAL and shared memory
    assert len(files) >= 5, files
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert (mode(data_dir), mode(paths.secrets)) == (0o700, 0o700)


def test_opening_an_old_open_database_tightens_it(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "kiosk.sqlite3"
    open_database(path).dispose()
    os.chmod(folder, 0o755)
    os.chmod(path, 0o644)
    db = open_database(path)
    with db.engine.connect():
        pass
    db.dispose()
    assert (mode(folder), mode(path)) == (0o700, 0o600)


def test_the_hub_keeps_its_data_folder_to_its_user(tmp_path: Path) -> None:
    from kiosk_hub.context import build_context
    from kiosk_hub.settings import HubSettings

    context = build_context(HubSettings(tmp_path / "hub"))
    with context.database.transaction():
        pass
    context.close()
    folder = tmp_path / "hub"
    assert mode(folder) == 0o700
    assert {p.name: mode(p) for p in folder.iterdir()} == {p.name: 0o600 for p in folder.iterdir()}
    assert "hub.sqlite3" in {p.name for p in folder.iterdir()}


def test_services_on_a_fresh_folder_make_it_private(tmp_path: Path) -> None:
    services = build_services(DataPaths(tmp_path / "deep" / "data"))
    services.close()
    assert mode(tmp_path / "deep" / "data") == 0o700
    assert mode(tmp_path / "deep" / "data" / "kiosk.sqlite3") == 0o600
