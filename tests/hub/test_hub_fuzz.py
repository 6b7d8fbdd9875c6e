"""Fuzz the API from its own OpenAPI schema: malformed requests get 4xx, never 5xx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from kiosk_hub.app import create_app
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.settings import HubSettings
from tests.helpers.api_helpers import signed_post
from tests.helpers.hub_helpers import FakeKiosk, enroll_kiosk


@pytest.fixture
def api_schema(tmp_path: Path, catalogue: ReportNames) -> Any:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    app = create_app(HubSettings(tmp_path / "hub", database_url=url), catalogue)
    enroll_kiosk(app.state.hub, FakeKiosk("fuzzed"))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_api_never_answers_5xx(api_schema: Any) -> None:
    """Every operation, with generated (mostly malformed) bodies and parameters."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 6
    for operation in operations:
        strategy = operation.as_strategy()
        if operation.method.upper() == "POST":
            strategy = strategy | operation.as_strategy(GenerationMode.NEGATIVE)

        @given(case=strategy)
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)  # fmt: skip
        def call(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:300]}"

        call()


def test_schema_lists_the_api_only(api_schema: Any) -> None:
    paths = set(api_schema.raw_schema["paths"])
    assert paths == {
        "/api/v1/health", "/api/v1/enroll", "/api/v1/records", "/api/v1/trust-list",
        "/api/v1/voice-packs", "/api/v1/voice-packs/{lang}/{version}",
    }  # fmt: skip


BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def test_garbage_records_from_an_enrolled_kiosk_are_refused_not_500(
    tmp_path: Path, catalogue: ReportNames
) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    app = create_app(HubSettings(tmp_path / "hub", database_url=url), catalogue)
    kiosk = FakeKiosk("fuzzed")
    enroll_kiosk(app.state.hub, kiosk)
    genuine = kiosk.text(1)
    texts = st.one_of(
        st.text(max_size=60),
        st.text(BASE45, max_size=300).map(lambda t: "HS1:" + t),
        st.integers(4, len(genuine) - 1).map(lambda n: genuine[:n]),
        st.tuples(st.integers(4, len(genuine) - 1), st.sampled_from(BASE45)).map(
            lambda p: genuine[: p[0]] + p[1] + genuine[p[0] + 1 :]
        ),
    )

    with TestClient(app) as client:

        @given(records=st.lists(texts, max_size=5))
        @settings(max_examples=60, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def post(records: list[str]) -> None:
            body = {"kiosk_id": str(kiosk.id), "records": records}
            answer = signed_post(client, body, kiosk.key)
            assert answer.status_code == 200, answer.text
            result = answer.json()
            assert len(result["accepted"]) + len(result["duplicates"]) + len(
                result["refused"]
            ) == len(records)

        post()
