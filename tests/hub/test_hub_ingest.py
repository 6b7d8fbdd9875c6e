"""Ingest on SQLite and PostgreSQL: counted once, conflicts, refusals with reasons, gaps."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk_hub.catalogue import ReportNames
from kiosk_hub.context import HubContext
from kiosk_hub.enroll import revoke
from kiosk_hub.ingest import IngestResult, ingest_texts
from kiosk_hub.models import Completion, CompletionTally, Conflict, LearnerTally
from kiosk_hub.reports import dashboard, kiosk_lines
from kiosk_hub.tally import rebuild_tallies
from kiosk_records.record import TargetGroup
from tests.helpers.hub_helpers import COMMUNE, NOW, FakeKiosk, enroll_kiosk, open_hub


@pytest.fixture
def hub(tmp_path: Path, db_url: str, catalogue: ReportNames) -> HubContext:
    ctx = open_hub(tmp_path, db_url, catalogue)
    yield ctx  # type: ignore[misc]
    ctx.close()


def ingest(hub: HubContext, texts: list[str], channel: str = "network") -> IngestResult:
    with hub.database.transaction() as s:
        return ingest_texts(s, texts, channel=channel, catalogue=hub.catalogue, now=NOW)


def reasons(result: IngestResult) -> list[str]:
    return [r.reason for r in result.refused]


def test_same_completion_by_record_and_slip_counts_once(hub: HubContext) -> None:
    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    outbox = [kiosk.text(1, lessons=(101,)), kiosk.text(2, lessons=(102,))]
    slip = kiosk.text(3, lessons=(101, 102, 201))  # a slip repeats both, adds one
    first = ingest(hub, outbox)
    assert len(first.accepted) == 2
    again = ingest(hub, [*outbox, slip], channel="slip")
    assert len(again.duplicates) == 2 and len(again.accepted) == 1
    with hub.database.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Completion)) == 3
        board = dashboard(s, hub.catalogue)
    assert board.completions == 3 and board.learners == 1
    line = next(c for c in board.communes if c.code == COMMUNE)
    assert (line.learners, line.completions) == (1, 3)
    assert len(board.communes) == 45


def test_same_id_different_content_is_refused_and_flagged(hub: HubContext) -> None:
    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    assert ingest(hub, [kiosk.text(7, score=80)]).accepted
    result = ingest(hub, [kiosk.text(7, score=100)])
    assert reasons(result) == ["conflict"]
    with hub.database.transaction() as s:
        flagged = list(s.scalars(select(Conflict)))
    assert len(flagged) == 1 and flagged[0].record_id == kiosk.record(7).record_id


def test_tampered_unknown_and_malformed_are_refused(hub: HubContext) -> None:
    kiosk, stranger = FakeKiosk("k1"), FakeKiosk("stranger")
    enroll_kiosk(hub, kiosk)
    text = kiosk.text(1)
    # flip one character of the payload (the end of the text) to another alphabet letter
    tampered = text[:-3] + ("A" if text[-3] != "A" else "B") + text[-2:]
    result = ingest(hub, [tampered, stranger.text(1), "HS1:???", "hello", "HS9:ABC"])
    assert reasons(result)[1:] == ["unknown_key", "malformed", "malformed", "wrong_version"]
    assert reasons(result)[0] in ("bad_signature", "malformed")
    assert not result.accepted


def test_flipped_signature_byte_is_bad_signature(hub: HubContext) -> None:
    from kiosk_records.base45 import b45decode, b45encode

    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    blob = bytearray(b45decode(kiosk.text(1)[4:]))
    blob[10] ^= 0x01  # inside the signature
    result = ingest(hub, ["HS1:" + b45encode(bytes(blob))])
    assert reasons(result) == ["bad_signature"]


def test_revoked_key_refuses_records_from_that_day_on_and_any_serial_it_mints_after(
    hub: HubContext,
) -> None:
    """Revoked from 5 March: a record the hub had not heard of by then passes only if its
    serial is below the last one received before (a late one, lost on the way)."""
    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk, now=datetime(2026, 3, 1, tzinfo=UTC))
    with hub.database.transaction() as s:
        ingest_texts(
            s, [kiosk.text(2, on=date(2026, 3, 2))], channel="network",
            catalogue=hub.catalogue, now=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
        )  # fmt: skip
        revoke(s, kiosk.id, date(2026, 3, 5))
    late = kiosk.text(1, on=date(2026, 3, 1), lessons=(102,))
    back_dated = kiosk.text(3, on=date(2026, 3, 4), lessons=(103,))
    on_day = kiosk.text(4, on=date(2026, 3, 5), lessons=(104,))
    for channel in ("network", "bundle", "slip"):
        result = ingest(hub, [late, back_dated, on_day], channel=channel)
        assert len(result.accepted + result.duplicates) == 1
        assert reasons(result) == ["revoked", "revoked"]
        assert "serial 3 is after the last one the hub received before (2)" in (
            result.refused[0].detail
        )


def test_records_signed_by_another_kiosk_than_claimed(hub: HubContext) -> None:
    a, b = FakeKiosk("a"), FakeKiosk("b")
    enroll_kiosk(hub, a)
    enroll_kiosk(hub, b)
    with hub.database.transaction() as s:
        result = ingest_texts(
            s, [b.text(1)], channel="network", catalogue=hub.catalogue, now=NOW, kiosk_id=a.id
        )
    assert reasons(result) == ["kiosk_mismatch"]


def test_serial_gaps_list_slips_never_received(hub: HubContext) -> None:
    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    ingest(hub, [kiosk.text(n, lessons=(100 + n,)) for n in (1, 2, 5, 9)])
    with hub.database.transaction() as s:
        (line,) = kiosk_lines(s, hub.catalogue, None)
    assert line.gaps == [(3, 4), (6, 8)] and line.missing == 5 and line.highest_serial == 9


def test_tallies_match_a_recount_after_out_of_order_arrivals(hub: HubContext) -> None:
    a, b = FakeKiosk("a"), FakeKiosk("b", commune="03158")
    enroll_kiosk(hub, a)
    enroll_kiosk(hub, b)
    texts = [
        a.text(3, on=date(2026, 3, 9), lessons=(101, 102)),
        a.text(1, on=date(2026, 2, 20), lessons=(101,)),  # older record arrives later
        a.text(4, learner_ref="00000000000000b2", group=TargetGroup.PUBLIC_STAFF, lessons=(201,)),
        b.text(1, group=TargetGroup.PRIMARY_PUPIL, lessons=(301, 302)),
        b.text(1, group=TargetGroup.PRIMARY_PUPIL, lessons=(301, 302)),
    ]
    ingest(hub, texts[:1])
    ingest(hub, texts[1:])
    with hub.database.transaction() as s:
        kept = _tallies(s)
        rebuild_tallies(s)
        assert _tallies(s) == kept
        board = dashboard(s, hub.catalogue)
    assert board.learners == 3 and board.completions == 5
    assert [m for m, *_ in board.by_month] == ["2026-02", "2026-03"]


def _tallies(s: object) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    c = [
        tuple(r) for r in s.execute(select(CompletionTally.__table__).where(
            CompletionTally.completions > 0).order_by(*CompletionTally.__table__.primary_key))
    ]  # fmt: skip
    lt = [
        tuple(r) for r in s.execute(select(LearnerTally.__table__).where(
            LearnerTally.learners > 0).order_by(*LearnerTally.__table__.primary_key))
    ]  # fmt: skip
    return c, lt


def test_one_batch_matches_record_by_record(hub: HubContext) -> None:
    """Repeats, a conflict, a late older record and a VNeID lesson inside one batch."""
    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    vneid = next(code for code, info in hub.catalogue.lessons.items() if info.track == "vneid")
    texts = [
        kiosk.text(1, on=date(2026, 3, 9), lessons=(101,)),
        kiosk.text(1, on=date(2026, 3, 9), lessons=(101,)),  # the same record again
        kiosk.text(1, on=date(2026, 3, 9), lessons=(101,), score=10),  # same id, other content
        kiosk.text(2, on=date(2026, 2, 20), lessons=(101, 102)),  # older, repeats lesson 101
        kiosk.text(3, on=date(2026, 3, 1), lessons=(vneid,), learner_ref="00000000000000b2"),
    ]
    result = ingest(hub, texts)
    assert [o.status for o in result.outcomes] == [
        "accepted", "duplicate", "refused", "accepted", "accepted"
    ]  # fmt: skip
    assert reasons(result) == ["conflict"]
    with hub.database.transaction() as s:
        kept = _tallies(s)
        rebuild_tallies(s)
        assert _tallies(s) == kept
        board = dashboard(s, hub.catalogue)
        assert s.scalar(select(func.count()).select_from(Conflict)) == 1
    assert board.learners == 2 and board.completions == 3
    assert [m for m, *_ in board.by_month] == ["2026-02", "2026-03"]


def test_a_large_bundle_is_kept_in_batches(hub: HubContext) -> None:
    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    texts = [kiosk.text(n, learner_ref=f"{n // 3:016x}", lessons=(101 + n % 3,))
             for n in range(1, 1202)]  # fmt: skip
    result = ingest(hub, [*texts, texts[0], texts[-1]], channel="bundle")
    assert len(result.accepted) == 1201 and len(result.duplicates) == 2
    assert [r.index for r in result.refused] == []
    with hub.database.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Completion)) == 1201
        kept = _tallies(s)
        rebuild_tallies(s)
        assert _tallies(s) == kept


def test_a_known_learner_gets_an_earlier_date_vneid_and_citizen_id(hub: HubContext) -> None:
    from kiosk_hub.models import Learner

    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    vneid = next(code for code, info in hub.catalogue.lessons.items() if info.track == "vneid")
    ingest(hub, [kiosk.text(5, on=date(2026, 3, 9), lessons=(101,))])
    later = [
        kiosk.text(6, on=date(2026, 3, 10), lessons=(vneid,)),
        kiosk.text(2, on=date(2026, 2, 20), lessons=(102,), citizen_id="001080012345",
                   hub_public_key=hub.key.public_key),
        kiosk.text(3, on=date(2026, 3, 1), lessons=(vneid,)),
    ]  # fmt: skip
    assert len(ingest(hub, later).accepted) == 3
    with hub.database.transaction() as s:
        (learner,) = s.scalars(select(Learner))
        assert learner.first_completed_on == date(2026, 2, 20)
        assert learner.vneid_on == date(2026, 3, 10)  # the fact kept is the first to arrive
        assert learner.sealed_citizen_id is not None
        kept = _tallies(s)
        rebuild_tallies(s)
        assert _tallies(s) == kept


def test_an_ingest_after_a_rolled_back_one_on_the_same_connection(hub: HubContext) -> None:
    """On PostgreSQL the batch goes through temporary tables made once per connection:
    one made in a transaction that rolls back is gone, and the next ingest still works."""
    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    texts = [kiosk.text(n, learner_ref=f"{n // 2:016x}") for n in range(1, 8)]
    with pytest.raises(RuntimeError), hub.database.transaction() as s:
        ingest_texts(s, texts, channel="network", catalogue=hub.catalogue, now=NOW)
        raise RuntimeError("the request failed after the ingest")
    assert len(ingest(hub, texts[:3]).accepted) == 3
    result = ingest(hub, texts)
    assert len(result.accepted) == 4 and len(result.duplicates) == 3
    with hub.database.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Completion)) == 4  # 4 learners
        kept = _tallies(s)
        rebuild_tallies(s)
        assert _tallies(s) == kept


def test_overlapping_batches_at_the_same_time_count_each_record_once(hub: HubContext) -> None:
    """Four requests at once (kiosks keep two in flight; many kiosks push together),
    each batch sharing records, learners and tally rows with the others."""
    kiosk = FakeKiosk("k1")
    enroll_kiosk(hub, kiosk)
    texts = [kiosk.text(n, learner_ref=f"{n // 4:016x}", lessons=(101 + n % 4,))
             for n in range(1, 401)]  # fmt: skip
    batches = [texts[start : start + 160] for start in range(0, 400, 80)]  # each overlaps
    errors: list[BaseException] = []
    results: list[IngestResult] = []

    def push(batch: list[str]) -> None:
        try:
            results.append(ingest(hub, batch))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    accepted = [rid for r in results for rid in r.accepted]
    assert len(accepted) == len(set(accepted)) == 400
    assert sum(len(r.duplicates) for r in results) == sum(map(len, batches)) - 400
    with hub.database.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Completion)) == 400
        kept = _tallies(s)
        rebuild_tallies(s)
        assert _tallies(s) == kept
        assert dashboard(s, hub.catalogue).learners == 101
