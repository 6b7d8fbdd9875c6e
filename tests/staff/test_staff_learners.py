"""Finding learners (no tone marks needed), their lessons, correcting a name (audited)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from kiosk.db.models import AuditEntry, Learner
from kiosk.staff.learners import RenameError, detail, rename, search
from tests.helpers.console_helpers import add_attempt, add_learner

NOW = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


@pytest.fixture
def people(ready_services):  # type: ignore[no-untyped-def]
    with ready_services.database.transaction() as s:
        hoa = add_learner(s, "Lò Thị Hoa", 1975, "Bản Him Lam")
        add_learner(s, "Lò Văn Hòa", 1980, "Bản Noong Bua")
        add_learner(s, "Quàng Thị Đào", 1975, "Tổ dân phố 5")
    return ready_services, hoa


def names(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.full_name for r in rows]


def test_search_by_folded_name_year_and_village(people) -> None:  # type: ignore[no-untyped-def]
    services, _ = people
    with services.database.transaction() as s:
        assert names(search(s, "lo thi hoa")) == ["Lò Thị Hoa"]
        assert names(search(s, "LÒ")) == ["Lò Thị Hoa", "Lò Văn Hòa"]
        assert names(search(s, "hoa 1980")) == ["Lò Văn Hòa"]
        assert names(search(s, "1975")) == ["Lò Thị Hoa", "Quàng Thị Đào"]
        assert names(search(s, "dao")) == ["Quàng Thị Đào"]  # đ folds to d
        assert names(search(s, "noong bua")) == ["Lò Văn Hòa"]  # by village
        assert search(s, "   ") == []
        assert search(s, "nobody") == []


def test_detail_lists_lessons_with_titles_and_best_scores(people) -> None:  # type: ignore[no-untyped-def]
    services, hoa = people
    with services.database.transaction() as s:
        add_attempt(
            s, hoa, "safe-otp", datetime(2026, 3, 8, 2, 0, tzinfo=UTC), passed=False, score=40
        )
        add_attempt(
            s, hoa, "safe-otp", datetime(2026, 3, 9, 2, 0, tzinfo=UTC), passed=True, score=80
        )
        add_attempt(s, hoa, "device-touch", datetime(2026, 3, 9, 18, 0, tzinfo=UTC), passed=True)
    titles = {"safe-otp": "Mã OTP: không bao giờ đưa ai", "device-touch": "Chạm, vuốt"}
    with services.database.transaction() as s:
        found = detail(s, hoa, titles)
    assert found.learner.full_name == "Lò Thị Hoa"
    assert found.completed == 2
    first, second = found.lessons
    assert (first.title, first.status, first.best_score, first.last_on) == (
        "Chạm, vuốt",
        "passed",
        100,
        date(2026, 3, 10),  # 01:00 on the 10th in Vietnam
    )
    assert (second.title, second.best_score, second.tries) == (
        "Mã OTP: không bao giờ đưa ai",
        80,
        2,
    )


def test_rename_is_audited_with_old_and_new_name(people) -> None:  # type: ignore[no-untyped-def]
    services, hoa = people
    with services.database.transaction() as s:
        row = rename(s, hoa, "  Lò Thị  Hoà ", "staff", NOW)
    assert row.full_name == "Lò Thị Hoà"
    with services.database.transaction() as s:
        learner = s.get(Learner, hoa)
        assert learner.name_key == "lo thi hoa" and learner.updated_at == NOW
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "learner_renamed")).one()
    assert entry.actor == "staff"
    assert json.loads(entry.detail_json) == {
        "learner": str(hoa),
        "old": "Lò Thị Hoa",
        "new": "Lò Thị Hoà",
    }


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("A", "register.error.name"),
        ("Lò 2", "register.error.name"),
        ("-Lò Văn", "register.error.name"),
        ("Lò Thị Hoa", "learners.error.same_name"),
    ],
)
def test_rename_refuses_bad_names(people, name, key) -> None:  # type: ignore[no-untyped-def]
    services, hoa = people
    with pytest.raises(RenameError) as caught, services.database.transaction() as s:
        rename(s, hoa, name, "staff", NOW)
    assert caught.value.key == key
