"""The slips desk actions as the staff screen calls them."""

from __future__ import annotations

import pytest

from kiosk.clock import utcnow
from kiosk.slips import ops
from kiosk.slips.issue import SlipError
from kiosk.slips.local import local_trust
from kiosk.slips.view import Layout
from kiosk_records.codec import verify
from tests.helpers.slips_helpers import complete_lesson, register_learner


def test_issue_shows_in_the_queue_and_verifies(ready_services) -> None:  # type: ignore[no-untyped-def]
    s = ready_services
    learner = register_learner(s.database, s.paths, "Lò Thị Hoa", utcnow())
    assert [w.learner_id for w in ops.desk(s).waiting] == []
    with pytest.raises(SlipError) as refused:
        ops.issue(s, learner)
    assert refused.value.key == "slips.error.nothing_to_print"
    complete_lesson(s.database, s.content(), s.content().lessons[0].lesson.id, learner, utcnow)
    assert [w.learner_id for w in ops.desk(s).waiting] == [learner]
    info = ops.issue(s, learner)
    assert [row.serial for row in ops.desk(s).queue] == [info.serial] == [1]
    assert verify(info.record_text, local_trust(s.paths.root)).ok


def test_slip_context_names_the_place_and_every_lesson(ready_services) -> None:  # type: ignore[no-untyped-def]
    context = ops.slip_context(ready_services)
    assert context.learning_point == "Nhà văn hoá bản Him Lam"
    assert context.commune == "Phường Điện Biên Phủ" and context.layout is Layout.ROLL80
    codes = {e.lesson.code for e in ready_services.content().lessons}
    assert set(context.lesson_titles) == codes
