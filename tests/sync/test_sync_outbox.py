"""A passed lesson puts its signed record in the outbox in the completion's transaction."""

from __future__ import annotations

import uuid

import pytest
from nacl.public import PrivateKey
from sqlalchemy import func, select

from kiosk.content.answers import right_event
from kiosk.content.loader import load_packs
from kiosk.db.base import utcnow
from kiosk.db.models import Completion, Kiosk, LessonAttempt, OutboxRecord
from kiosk.learners.registry import Purpose, Registration, register
from kiosk.learners.vault import LearnerVault
from kiosk.learning import progress
from kiosk.learning.session import LessonSession
from kiosk.slips.local import kiosk_key, own_trust_list
from kiosk.sync import outbox
from kiosk.sync.outbox import RecordSigner
from kiosk_records.codec import verify
from kiosk_records.sealing import open_citizen_id

CITIZEN_ID = "011190000123"  # practice number, born 1990


@pytest.fixture(scope="module")
def packs():  # type: ignore[no-untyped-def]
    return load_packs()


@pytest.fixture
def vault(data_dir) -> LearnerVault:  # type: ignore[no-untyped-def]
    return LearnerVault.open(data_dir / "secrets")


def _learner(services, vault, vneid: bool) -> uuid.UUID:  # type: ignore[no-untyped-def]
    consents = {Purpose.SLIP: True, Purpose.VNEID_CONFIRM: vneid}
    reg = Registration(
        "Lò Thị Hoa",
        1990,
        "Bản Him Lam",
        "adults",
        consents,
        citizen_id=CITIZEN_ID if vneid else None,
    )
    with services.database.transaction() as s:
        return register(s, vault, reg, services.identity.kiosk_id, utcnow()).id


def _play(services, packs, learner_id, signer):  # type: ignore[no-untyped-def]
    loaded = packs.lessons[0]
    clock = iter(range(0, 10_000_000, 1000))
    with services.database.transaction() as s:
        attempt = progress.start_or_resume(
            s, services.identity.kiosk_id, learner_id, loaded.lesson, utcnow(), 0
        )
    session = LessonSession(
        services.database, attempt, loaded, utcnow, lambda: next(clock), signer=signer
    )
    while not session.finished:
        run = session.attempt.run
        session.handle(right_event(run.current_step, run.screen))
    return session, loaded.lesson


def test_completion_and_its_outbox_record_are_written_together(
    ready_services, packs, vault, data_dir
) -> None:  # type: ignore[no-untyped-def]
    learner_id = _learner(ready_services, vault, vneid=False)
    key = kiosk_key(data_dir)
    with ready_services.database.transaction() as s:
        serial = s.scalars(select(Kiosk.next_slip_serial)).one()
    session, lesson = _play(ready_services, packs, learner_id, RecordSigner(key, vault))
    assert session.completion is not None
    with ready_services.database.transaction() as s:
        row = s.scalars(select(OutboxRecord)).one()
        assert row.completion_id == session.completion.id
        assert row.status == outbox.WAITING and row.serial == serial
        assert s.scalars(select(Kiosk.next_slip_serial)).one() == serial + 1
    result = verify(row.record_text, own_trust_list(data_dir))
    assert result.ok and result.record is not None
    assert result.record.record_id == row.record_id
    assert [(x.lesson_code, x.score) for x in result.record.lessons] == [(lesson.code, 100)]
    assert result.record.sealed_citizen_id is None


class Boom(RuntimeError):
    pass


class BrokenKey:
    """A key whose signing fails, like a crash between completion and outbox."""

    key_id = "00" * 8

    def sign(self, message: bytes) -> bytes:
        raise Boom("power cut")


def test_no_completion_without_its_outbox_record(ready_services, packs, vault) -> None:  # type: ignore[no-untyped-def]
    learner_id = _learner(ready_services, vault, vneid=False)
    with pytest.raises(Boom):
        _play(ready_services, packs, learner_id, RecordSigner(BrokenKey(), vault))  # type: ignore[arg-type]
    with ready_services.database.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Completion)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxRecord)) == 0
        assert s.scalar(select(LessonAttempt.status)) == "in_progress"  # last step rolled back


def test_citizen_id_sealed_only_with_consent_and_hub_key(
    ready_services, packs, vault, data_dir
) -> None:  # type: ignore[no-untyped-def]
    hub = PrivateKey.generate()
    with ready_services.database.transaction() as s:
        outbox.sync_state(s).hub_public_key = bytes(hub.public_key)
    signer = RecordSigner(kiosk_key(data_dir), vault)
    consented = _learner(ready_services, vault, vneid=True)
    _play(ready_services, packs, consented, signer)
    with ready_services.database.transaction() as s:
        text = s.scalars(select(OutboxRecord.record_text)).one()
    record = verify(text, own_trust_list(data_dir)).record
    assert record is not None and record.sealed_citizen_id is not None
    assert open_citizen_id(record.sealed_citizen_id, bytes(hub)) == CITIZEN_ID


def test_no_sealed_id_before_enrolment(ready_services, packs, vault, data_dir) -> None:  # type: ignore[no-untyped-def]
    consented = _learner(ready_services, vault, vneid=True)
    _play(ready_services, packs, consented, RecordSigner(kiosk_key(data_dir), vault))
    with ready_services.database.transaction() as s:
        text = s.scalars(select(OutboxRecord.record_text)).one()
    record = verify(text, own_trust_list(data_dir)).record
    assert record is not None and record.sealed_citizen_id is None


def test_older_completions_are_queued_once(ready_services, packs, vault, data_dir) -> None:  # type: ignore[no-untyped-def]
    learner_id = _learner(ready_services, vault, vneid=False)
    _play(ready_services, packs, learner_id, None)
    codes = {e.lesson.id: e.lesson.code for e in packs.lessons}
    signer = RecordSigner(kiosk_key(data_dir), vault)
    with ready_services.database.transaction() as s:
        assert outbox.add_missing(s, codes, signer, utcnow()) == 1
    with ready_services.database.transaction() as s:
        assert outbox.add_missing(s, codes, signer, utcnow()) == 0
        assert outbox.counts(s).waiting == 1
