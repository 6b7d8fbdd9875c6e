"""Issuing and printing slips from the database: serials, reprints, the queue, verify."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from kiosk.clock import utcnow
from kiosk.content.loader import load_packs
from kiosk.db.models import Kiosk, Slip, SlipCompletion
from kiosk.slips.desk import desk_state
from kiosk.slips.identity import kiosk_identity
from kiosk.slips.issue import FAILED, PRINTED, QUEUED, SlipError, issue_slip
from kiosk.slips.local import kiosk_key, local_trust
from kiosk.slips.printing import (
    FolderSink,
    PrintFailed,
    SlipContext,
    lessons_for_slips,
    print_slip,
    print_slips,
    printer_test_page,
    record_of,
    titles_by_code,
)
from kiosk.slips.view import Layout
from kiosk_records.codec import verify
from tests.helpers.slips_helpers import complete_lesson, kiosk_id_of, register_learner


@pytest.fixture(scope="module")
def packs():  # type: ignore[no-untyped-def]
    loaded = load_packs()
    assert loaded.ok, loaded.problems
    return loaded


@pytest.fixture
def lessons(packs):  # type: ignore[no-untyped-def]
    return lessons_for_slips(packs.lessons)


@pytest.fixture
def context(lessons) -> SlipContext:  # type: ignore[no-untyped-def]
    return SlipContext("Nhà văn hoá bản Him Lam", "Phường Điện Biên Phủ", titles_by_code(lessons))


class BrokenPrinter:
    def __init__(self, sent: bool) -> None:
        self.sent = sent
        self.calls = 0

    def send(self, pdf: bytes, title: str) -> None:
        self.calls += 1
        raise PrintFailed("Máy in hết giấy", sent=self.sent)


def learner_with_lessons(services, packs, name: str, count: int) -> uuid.UUID:  # type: ignore[no-untyped-def]
    learner = register_learner(services.database, services.paths, name, utcnow())
    for entry in packs.lessons[:count]:
        complete_lesson(services.database, packs, entry.lesson.id, learner, utcnow)
    return learner


def issue(services, learner: uuid.UUID, lessons):  # type: ignore[no-untyped-def]
    key = kiosk_key(services.paths.root)
    with services.database.transaction() as s:
        return issue_slip(s, key, learner, lessons, utcnow())


def test_identity_comes_from_the_database_after_setup(ready_services) -> None:  # type: ignore[no-untyped-def]
    identity = kiosk_identity(ready_services.paths.root)
    assert not identity.practice
    assert identity.kiosk_id == kiosk_id_of(ready_services.database)
    assert identity.commune_code == ready_services.identity.commune_code


def test_issue_then_verify_round_trip(ready_services, packs, lessons) -> None:  # type: ignore[no-untyped-def]
    learner = learner_with_lessons(ready_services, packs, "Lò Thị Hoa", 2)
    info = issue(ready_services, learner, lessons)
    assert info.serial == 1 and info.status == QUEUED and info.print_count == 0
    result = verify(info.record_text, local_trust(ready_services.paths.root))
    assert result.ok, result.reason
    assert result.record is not None
    assert result.record.learner_name == "Lò Thị Hoa"
    codes = {lessons[e.lesson.id].code for e in packs.lessons[:2]}
    assert {x.lesson_code for x in result.record.lessons} == codes
    assert result.record.kiosk_id == kiosk_id_of(ready_services.database)
    assert record_of(info.record_text, result.record.kiosk_id) == result.record


def test_a_long_name_cut_on_a_space_still_gets_a_slip(ready_services, packs, lessons) -> None:  # type: ignore[no-untyped-def]
    name = "Lò Thị Bích" + " Hoa" * 12 + " Vàng"  # the 60th character is a space
    assert len(name) > 60 and name[59] == " "
    learner = learner_with_lessons(ready_services, packs, name, 1)
    info = issue(ready_services, learner, lessons)
    result = verify(info.record_text, local_trust(ready_services.paths.root))
    assert result.ok and result.record is not None
    assert result.record.learner_name == name[:59]


def test_serials_rise_and_are_never_reused(ready_services, packs, lessons) -> None:  # type: ignore[no-untyped-def]
    a = learner_with_lessons(ready_services, packs, "Lò Văn A", 1)
    b = learner_with_lessons(ready_services, packs, "Quàng Thị B", 1)
    first = issue(ready_services, a, lessons)
    with pytest.raises(RuntimeError), ready_services.database.transaction() as s:
        issue_slip(s, kiosk_key(ready_services.paths.root), b, lessons, utcnow())
        raise RuntimeError("power cut before commit")  # rolled back: nothing taken
    second = issue(ready_services, b, lessons)
    complete_lesson(ready_services.database, packs, packs.lessons[1].lesson.id, a, utcnow)
    third = issue(ready_services, a, lessons)
    assert [first.serial, second.serial, third.serial] == [1, 2, 3]
    with ready_services.database.transaction() as s:
        assert s.scalar(select(Kiosk.next_slip_serial)) == 4
        serials = list(s.scalars(select(Slip.serial)))
    assert sorted(serials) == [1, 2, 3]


def test_completions_are_covered_once(ready_services, packs, lessons) -> None:  # type: ignore[no-untyped-def]
    learner = learner_with_lessons(ready_services, packs, "Lò Văn Một", 2)
    issue(ready_services, learner, lessons)
    with pytest.raises(SlipError) as err:
        issue(ready_services, learner, lessons)
    assert err.value.key == "slips.error.nothing_to_print"
    complete_lesson(ready_services.database, packs, packs.lessons[2].lesson.id, learner, utcnow)
    again = issue(ready_services, learner, lessons)
    record = verify(again.record_text, local_trust(ready_services.paths.root)).record
    assert record is not None and len(record.lessons) == 1
    with ready_services.database.transaction() as s:
        covered = list(s.scalars(select(SlipCompletion.completion_id)))
    assert len(covered) == len(set(covered)) == 3


def test_print_then_reprint_is_counted_and_marked(
    ready_services, packs, lessons, context, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    learner = learner_with_lessons(ready_services, packs, "Lò Thị Hai", 1)
    info = issue(ready_services, learner, lessons)
    sink = FolderSink(tmp_path / "pdf")
    first = print_slip(ready_services.database, info.id, context, sink, utcnow)
    again = print_slip(ready_services.database, info.id, context, sink, utcnow)
    assert first.ok and first.reprints == (0,)
    assert again.ok and again.reprints == (1,)
    names = sorted(p.name for p in (tmp_path / "pdf").iterdir())
    assert names == ["phieu-000001-in-lai-1.pdf", "phieu-000001.pdf"]
    with ready_services.database.transaction() as s:
        slip = s.get(Slip, info.id)
        assert slip is not None and slip.status == PRINTED and slip.print_count == 2
        assert desk_state(s, utcnow()).printed_today[0].serial == 1


def test_failed_print_stays_queued_and_retry_is_a_reprint(
    ready_services, packs, lessons, context, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    learner = learner_with_lessons(ready_services, packs, "Lò Thị Ba", 1)
    info = issue(ready_services, learner, lessons)
    outcome = print_slip(ready_services.database, info.id, context, BrokenPrinter(True), utcnow)
    assert not outcome.ok and outcome.error == "Máy in hết giấy"
    with ready_services.database.transaction() as s:
        state = desk_state(s, utcnow())
    assert [(r.serial, r.status, r.last_error) for r in state.queue] == [
        (1, FAILED, "Máy in hết giấy")
    ]
    # The job may have reached the printer: the retry says so on paper.
    retry = print_slip(ready_services.database, info.id, context, FolderSink(tmp_path), utcnow)
    assert retry.ok and retry.reprints == (1,)


def test_print_that_never_reached_the_printer_is_not_counted(
    ready_services, packs, lessons, context, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    learner = learner_with_lessons(ready_services, packs, "Lò Thị Bốn", 1)
    info = issue(ready_services, learner, lessons)
    print_slip(ready_services.database, info.id, context, BrokenPrinter(False), utcnow)
    with ready_services.database.transaction() as s:
        slip = s.get(Slip, info.id)
        assert slip is not None and slip.print_count == 0 and slip.status == FAILED
    retry = print_slip(ready_services.database, info.id, context, FolderSink(tmp_path), utcnow)
    assert retry.ok and retry.reprints == (0,)


def test_print_all_on_a4_makes_one_pdf(ready_services, packs, lessons, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = []
    for name in ("An", "Bình", "Chi", "Dung", "Hà"):
        learner = learner_with_lessons(ready_services, packs, f"Lò Thị {name}", 1)
        ids.append(issue(ready_services, learner, lessons).id)
    context = SlipContext("Điểm học", "Xã", titles_by_code(lessons), Layout.A4X4)
    outcome = print_slips(ready_services.database, ids, context, FolderSink(tmp_path), utcnow)
    assert outcome.ok and outcome.serials == (1, 2, 3, 4, 5)
    (pdf,) = tmp_path.glob("*.pdf")
    assert pdf.name == "phieu-000001-va-4-phieu.pdf"
    with ready_services.database.transaction() as s:
        assert s.scalar(select(func.count()).where(Slip.status == PRINTED)) == 5


def test_waiting_learners_and_test_page(ready_services, packs, lessons, context) -> None:  # type: ignore[no-untyped-def]
    learner = learner_with_lessons(ready_services, packs, "Lò Văn Chờ", 2)
    with ready_services.database.transaction() as s:
        (waiting,) = desk_state(s, utcnow()).waiting
    assert waiting.learner_id == learner and waiting.lessons == 2
    page = printer_test_page(context, utcnow())
    assert page.startswith(b"%PDF")
