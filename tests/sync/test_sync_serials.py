"""Serial gaps at the hub mean records truly missing: a printed slip's record goes by network too.

The hub is the real one (``kiosk-hub serve`` on SQLite), the kiosk is enrolled with a code
from ``kiosk-hub enroll-code`` and its learner plays real lessons.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.clock import utcnow
from kiosk.content.loader import LoadResult, load_packs
from kiosk.db.models import OutboxRecord, Slip
from kiosk.slips.issue import issue_slip
from kiosk.slips.local import kiosk_key
from kiosk.slips.printing import lessons_for_slips
from kiosk.sync.enroll import enroll
from kiosk.sync.outbox import RecordSigner
from kiosk.sync.push import push_once
from tests.conftest import COMMUNE
from tests.helpers.real_hub import HubProcess
from tests.helpers.sync_helpers import finish_lesson, hub_board, register

# A real ``kiosk-hub serve`` process.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def packs() -> LoadResult:
    loaded = load_packs()
    assert loaded.ok, loaded.problems
    return loaded


def test_a_printed_slip_leaves_no_gap_at_the_hub(ready_services, data_dir, tmp_path, packs) -> None:  # type: ignore[no-untyped-def]
    db = ready_services.database
    first, second = (entry.lesson.id for entry in packs.lessons[:2])
    hub = HubProcess(tmp_path / "hub")
    code = hub.cli("enroll-code", "--commune", COMMUNE).split()[0]
    hub.start()
    try:
        key = kiosk_key(data_dir)
        enroll(db, hub.url, code, key, utcnow())
        signer = RecordSigner(key, ready_services.vault())
        learner = register(db, ready_services.vault(), "Lò Thị Xuân")
        finish_lesson(db, packs, first, learner, signer)
        assert push_once(db, None, utcnow(), key=key).acked == 1
        with db.transaction() as s:
            slip = issue_slip(s, key, learner, lessons_for_slips(packs.lessons), utcnow())
        finish_lesson(db, packs, second, learner, signer)
        assert push_once(db, None, utcnow(), key=key).acked == 2  # the slip's record and the second
    finally:
        hub.stop()
    with db.transaction() as s:
        kept = s.scalar(select(OutboxRecord.record_text).where(OutboxRecord.serial == slip.serial))
        assert kept == s.scalar(select(Slip.record_text).where(Slip.id == slip.id))
    line, board, _ = hub_board(tmp_path / "hub")
    assert (line.records, line.highest_serial, line.missing, line.gaps) == (3, 3, 0, [])
    assert (board.learners, board.completions) == (1, 2)  # the slip repeats, never adds
