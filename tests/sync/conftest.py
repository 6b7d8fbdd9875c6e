"""Fixtures of the sync tests: a stub hub, a set-up kiosk's key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from stub_hub import StubHub


@pytest.fixture
def hub() -> Iterator[StubHub]:
    stub = StubHub().start()
    yield stub
    stub.stop()
