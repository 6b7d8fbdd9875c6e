"""Shared test set-up: offscreen Qt on a 1920×1080 screen, temporary data folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

SCREEN_CONFIG = Path(__file__).with_name("screen-1920x1080.json")
# Must be set before any QApplication exists.
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_CONFIG}"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")

# Test tiers (markers registered in pyproject.toml), from the fixtures a test uses:
# offscreen Qt (gui) stays in `make test-fast`; the others need a service or a process.
# Tests without such a fixture that start the real app or hub, or kill one, carry
# ``pytestmark = pytest.mark.e2e`` (or ``slow``) in their module.
FIXTURE_TIERS = {
    "qtbot": "gui",
    "qapp": "gui",
    "kiosk_qt": "gui",
    "window": "gui",
    "pg_cluster": "pg",  # tests/hub/conftest.py; db_url's PostgreSQL half is marked there
    "pg_url": "pg",
    "browser": "browser",  # Chromium through selenium
    "display": "x11",  # Xvfb, a real window
    "cups": "e2e",  # a private CUPS server printing for real
}

STAFF_PIN = "246813"
ADMIN_PIN = "135790"
COMMUNE = "03127"  # Phường Điện Biên Phủ


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the tiers of the fixtures it uses (``gui`` for a QApplication...)."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for tier in sorted({FIXTURE_TIERS[name] for name in used & FIXTURE_TIERS.keys()}):
            item.add_marker(tier)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Delete the windows a gui test closed, now rather than never.

    pytest-qt closes them and calls ``deleteLater``, but with no event loop running the
    deletion would wait forever: every test's window, with its timers, would stay alive
    and slow down (and in the end stall) the tests after it.
    """
    result = yield
    if item.get_closest_marker("gui") is not None:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def services(data_dir: Path):  # type: ignore[no-untyped-def]
    from kiosk.paths import DataPaths
    from kiosk.services import build_services

    built = build_services(DataPaths(data_dir))
    yield built
    built.close()


@pytest.fixture
def ready_services(services):  # type: ignore[no-untyped-def]
    """Services of a kiosk whose first-run set-up is done."""
    from kiosk.staff.setup import complete_setup

    with services.database.transaction() as session:
        complete_setup(
            session,
            commune_code=COMMUNE,
            learning_point="Nhà văn hoá bản Him Lam",
            staff_pin=STAFF_PIN,
            admin_pin=ADMIN_PIN,
            known_communes={u.code for u in services.units},
        )
    services.reload_identity()
    return services


@pytest.fixture
def kiosk_qt(qapp):  # type: ignore[no-untyped-def]
    """The QApplication with the kiosk's fonts and theme."""
    from kiosk.app import start_qt

    return start_qt()


@pytest.fixture
def window(kiosk_qt, qtbot, ready_services) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from kiosk.app import create_window

    win = create_window(ready_services, kiosk_mode=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.allow_close = True
