"""Pushing the outbox to a hub speaking the protocol: batches, acks, refusals, backoff."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.db.base import utcnow
from kiosk.db.models import OutboxRecord
from kiosk.slips.local import kiosk_key
from kiosk.sync import outbox
from kiosk.sync.enroll import enroll
from kiosk.sync.push import (
    FIRST_BACKOFF_S,
    IN_FLIGHT,
    MAX_BACKOFF_S,
    is_due,
    next_backoff,
    push_once,
)
from tests.helpers.stub_hub import StubHub, running_hub
from tests.helpers.sync_helpers import fill_outbox


@pytest.fixture
def hub() -> Iterator[StubHub]:
    yield from running_hub()


def _enrolled(services, data_dir, hub: StubHub):  # type: ignore[no-untyped-def]
    key = kiosk_key(data_dir)
    enroll(services.database, hub.url, "ENROL-1", key, utcnow())
    return key


def test_push_sends_every_waiting_record_in_batches(ready_services, data_dir, hub) -> None:  # type: ignore[no-untyped-def]
    key = _enrolled(ready_services, data_dir, hub)
    fill_outbox(ready_services.database, key, 1201, utcnow())
    report = push_once(ready_services.database, None, utcnow())
    assert report.ok and (report.sent, report.acked, report.waiting) == (1201, 1201, 0)
    assert len(hub.records) == 1201 and hub.requests == 1 + 3  # enrol + 500 + 500 + 201
    again = push_once(ready_services.database, None, utcnow())
    assert again.ok and again.sent == 0 and hub.requests == 4
    with ready_services.database.transaction() as s:
        state = outbox.sync_state(s)
        assert state.last_success_at is not None and state.backoff_s == 0


def test_records_the_hub_already_has_are_acknowledged(ready_services, data_dir, hub) -> None:  # type: ignore[no-untyped-def]
    key = _enrolled(ready_services, data_dir, hub)
    fill_outbox(ready_services.database, key, 10, utcnow())
    push_once(ready_services.database, None, utcnow())
    with ready_services.database.transaction() as s:  # as if the answer had been lost
        for row in s.scalars(select(OutboxRecord)):
            row.status = outbox.WAITING
    report = push_once(ready_services.database, None, utcnow())
    assert report.ok and report.acked == 10 and report.waiting == 0 and len(hub.records) == 10


def test_refused_records_keep_the_reason_and_are_not_retried(ready_services, data_dir, hub) -> None:  # type: ignore[no-untyped-def]
    key = _enrolled(ready_services, data_dir, hub)
    fill_outbox(ready_services.database, key, 3, utcnow())
    with ready_services.database.transaction() as s:
        bad = s.scalars(select(OutboxRecord).order_by(OutboxRecord.serial)).first()
        assert bad is not None
        bad.record_text = bad.record_text[:-4] + "AAAA"  # tampered
    report = push_once(ready_services.database, None, utcnow())
    assert report.ok and (report.acked, report.refused, report.waiting) == (2, 1, 0)
    with ready_services.database.transaction() as s:
        row = s.get(OutboxRecord, bad.record_id)
        assert row is not None and row.status == outbox.REFUSED
        assert row.last_error in ("bad_signature", "malformed")
    requests = hub.requests
    assert push_once(ready_services.database, None, utcnow()).sent == 0
    assert hub.requests == requests


def test_backoff_doubles_to_thirty_minutes_and_resets_on_success(
    ready_services, data_dir, hub
) -> None:  # type: ignore[no-untyped-def]
    assert [next_backoff(0)] == [FIRST_BACKOFF_S]
    steps = [FIRST_BACKOFF_S]
    while steps[-1] < MAX_BACKOFF_S:
        steps.append(next_backoff(steps[-1]))
    assert steps == [30, 60, 120, 240, 480, 960, 1800] and next_backoff(1800) == 1800
    key = _enrolled(ready_services, data_dir, hub)
    fill_outbox(ready_services.database, key, 5, utcnow())
    db = ready_services.database
    now = utcnow()
    hub.fail_next = 3
    for expected in (30, 60, 120):
        report = push_once(db, None, now)
        assert not report.ok and "503" in (report.error or "") and report.waiting == 5
        assert report.next_attempt_at == now + timedelta(seconds=expected)
        assert not is_due(db, now + timedelta(seconds=expected - 1))
        assert is_due(db, now + timedelta(seconds=expected))
    with db.transaction() as s:
        rows = s.scalars(select(OutboxRecord)).all()
        assert {r.attempts for r in rows} == {3} and all(
            "503" in (r.last_error or "") for r in rows
        )
    report = push_once(db, None, now)
    assert report.ok and report.waiting == 0
    with db.transaction() as s:
        state = outbox.sync_state(s)
        assert (state.backoff_s, state.next_attempt_at, state.last_error) == (0, None, None)


def test_unreachable_hub_is_an_error_in_plain_words(ready_services, data_dir, hub) -> None:  # type: ignore[no-untyped-def]
    key = _enrolled(ready_services, data_dir, hub)
    fill_outbox(ready_services.database, key, 2, utcnow())
    hub.stop()
    report = push_once(ready_services.database, None, utcnow())
    assert (
        report.error
        == "unreachable: cannot reach the hub: connection refused (is the hub running?)"
    )
    assert report.waiting == 2


def test_not_enrolled_push_says_so(ready_services) -> None:  # type: ignore[no-untyped-def]
    report = push_once(ready_services.database, None, utcnow())
    assert report.error is not None and report.error.startswith("not_enrolled")
    assert not is_due(ready_services.database, utcnow())


def test_after_a_failed_batch_no_new_one_leaves_and_those_on_the_way_count(
    ready_services, data_dir, hub
) -> None:  # type: ignore[no-untyped-def]
    key = _enrolled(ready_services, data_dir, hub)
    rows = fill_outbox(ready_services.database, key, 1201, utcnow())
    hub.fail_texts = {str(rows[250]["record_text"])}  # the second of five batches fails
    report = push_once(ready_services.database, None, utcnow(), batch_size=250)
    # IN_FLIGHT on the way at once: when the second fails, the first's answer has made
    # room for one more; nothing leaves after the failure
    sizes = [250, 250, 250, 250, 201]
    left = min(len(sizes), 1 + IN_FLIGHT)
    sent = sum(sizes[:left]) - 250
    assert not report.ok and "503" in (report.error or "")
    assert (report.sent, report.acked, report.waiting) == (sent, sent, 1201 - sent)
    assert len(hub.records) == sent and hub.requests == 1 + left
    hub.fail_texts = set()
    report = push_once(ready_services.database, None, utcnow())
    assert report.ok and report.waiting == 0 and len(hub.records) == 1201
