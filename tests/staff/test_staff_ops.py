"""The staff console's actions as the staff screens call them."""

from __future__ import annotations

import pytest

from kiosk.clock import utcnow
from kiosk.staff import ops
from kiosk.staff.access import FIRST_LOCK, MAX_FAILURES
from kiosk.staff.learners import RenameError
from kiosk.staff.reports import Grouping, Period
from kiosk.staff.roles import Role
from kiosk.staff.setup import SetupError
from tests.conftest import ADMIN_PIN, STAFF_PIN
from tests.helpers.slips_helpers import complete_lesson, register_learner


def tr(key: str, **values: object) -> str:
    return key


def test_pins_open_the_door_and_lock_it_after_misses(ready_services) -> None:  # type: ignore[no-untyped-def]
    s = ready_services
    assert ops.enter_pin(s, STAFF_PIN, None, exiting=False).result.role is Role.STAFF
    assert ops.enter_pin(s, STAFF_PIN, Role.ADMIN, exiting=False).result.role is None
    assert ops.lockout_minutes(s) is None
    for _ in range(MAX_FAILURES):
        outcome = ops.enter_pin(s, "0000", None, exiting=False)
    first_lock = int(FIRST_LOCK.total_seconds() // 60)
    assert outcome.result.role is None and outcome.minutes_locked() == first_lock
    assert ops.lockout_minutes(s) == first_lock
    assert ops.enter_pin(s, ADMIN_PIN, None, exiting=True).result.role is None  # locked


def test_admin_leaving_the_kiosk_is_audited(ready_services) -> None:  # type: ignore[no-untyped-def]
    assert ops.enter_pin(ready_services, ADMIN_PIN, Role.ADMIN, exiting=True).result.role
    assert any(line.action.endswith("kiosk_exit") for line in ops.audit_log(ready_services, tr))


def test_today_learners_and_a_report(ready_services) -> None:  # type: ignore[no-untyped-def]
    s = ready_services
    learner = register_learner(s.database, s.paths, "Lò Văn Mẫu", utcnow())
    lesson_id = s.content().lessons[0].lesson.id
    complete_lesson(s.database, s.content(), lesson_id, learner, utcnow)
    assert ops.today(s).lessons_completed == 1
    (row,) = ops.find_learners(s, "mau")
    assert ops.learner_page(s, row.id).learner.full_name == "Lò Văn Mẫu"
    with pytest.raises(RenameError):
        ops.rename_learner(s, row.id, "Lò Văn Mẫu", "staff")
    assert ops.rename_learner(s, row.id, "Lò Văn Mẫu Hai", "staff").full_name == "Lò Văn Mẫu Hai"
    report = ops.report(s, "this_month", Period.DAY, Grouping.LESSON, tr)
    assert report.total == 1
    ops.note_export(s, "staff", s.paths.root / "bao-cao.csv", report)
    actions = [line.action for line in ops.audit_log(s, tr)]
    assert {"learner_renamed", "report_exported"} <= {a.rsplit(".", 1)[-1] for a in actions}


def test_the_admin_moves_the_learning_point(ready_services) -> None:  # type: ignore[no-untyped-def]
    s = ready_services
    assert ops.change_identity(s, "Nhà văn hoá bản Him Lam", s.identity.commune_code) is None
    with pytest.raises(SetupError):
        ops.change_identity(s, "X", s.identity.commune_code)
    moved = ops.change_identity(s, "Điểm học bản Mới", s.identity.commune_code)
    assert moved is not None and s.identity.learning_point == "Điểm học bản Mới"


def test_a_saved_poster_is_audited_without_the_account(ready_services) -> None:  # type: ignore[no-untyped-def]
    ops.note_poster(ready_services, "970403", "A5")
    (line,) = [x for x in ops.audit_log(ready_services, tr) if x.action.endswith("vietqr_poster")]
    assert "970403" in line.detail and "A5" in line.detail


def test_switching_the_demo_is_audited(ready_services) -> None:  # type: ignore[no-untyped-def]
    ops.switch_demo(ready_services, True)
    ops.switch_demo(ready_services, False)
    demo = [x.detail for x in ops.audit_log(ready_services, tr) if x.action.endswith("demo_mode")]
    assert len(demo) == 2


def test_first_run_set_up_makes_the_identity_and_the_slip_key(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SetupError):
        ops.set_up_kiosk(services, "03127", "Điểm học", STAFF_PIN, STAFF_PIN)  # same PINs
    assert services.identity is None
    made = ops.set_up_kiosk(services, "03127", "Điểm học bản Him Lam", STAFF_PIN, ADMIN_PIN)
    assert services.identity == made and made.commune_code == "03127"
    assert any((services.paths.secrets).iterdir())  # the slip key
