"""Dashboard pages, roles and exports (CSV, XLSX, the consent list with citizen IDs opened)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from kiosk_hub.app import create_app
from kiosk_hub.auth import add_user
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.context import HubContext
from kiosk_hub.ingest import ingest_texts
from kiosk_hub.models import AccessLog, Learner
from kiosk_hub.settings import HubSettings
from tests.helpers.hub_helpers import COMMUNE, OTHER_COMMUNE, FakeKiosk, enroll_kiosk
from tests.helpers.web_helpers import post_form

CITIZEN_ID = "011090001234"


@pytest.fixture
def app_ctx(tmp_path: Path, catalogue: ReportNames) -> Iterator[tuple[TestClient, HubContext]]:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    app = create_app(HubSettings(tmp_path / "hub", database_url=url), catalogue)
    ctx: HubContext = app.state.hub
    here, there = FakeKiosk("here"), FakeKiosk("there", commune=OTHER_COMMUNE)
    enroll_kiosk(ctx, here)
    enroll_kiosk(ctx, there)
    key = ctx.key.public_key
    texts = [
        here.text(1, lessons=(101, 102), citizen_id=CITIZEN_ID, hub_public_key=key),
        here.text(2, learner_ref="00000000000000b2", name="Giàng Thị Mai", lessons=(201,)),
        there.text(1, lessons=(101, 102, 103, 201), name="Quàng Văn Sơn"),
    ]
    with ctx.database.transaction() as s:
        ingest_texts(s, texts, channel="network", catalogue=catalogue, now=ctx.clock())
        add_user(s, "tinh", "province-pass", "province", None)
        add_user(s, "xa", "commune-pass", "commune", COMMUNE)
    with TestClient(app) as client:
        yield client, ctx


def login(client: TestClient, name: str, password: str) -> None:
    page = post_form(client, "/login", {"name": name, "password": password})
    assert page.status_code == 200 and "Tổng quan" in page.text


def test_pages_need_login(app_ctx: tuple[TestClient, HubContext]) -> None:
    client, _ = app_ctx
    for path in ("/", "/scan", "/admin", "/export/summary.csv"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/login"
    bad = post_form(client, "/login", {"name": "tinh", "password": "wrong-password"})
    assert bad.status_code == 401 and "login-error" in bad.text


def test_province_sees_all_communes_commune_sees_its_own(
    app_ctx: tuple[TestClient, HubContext],
) -> None:
    client, _ = app_ctx
    login(client, "tinh", "province-pass")
    page = client.get("/").text
    assert page.count('data-commune="') == 45
    assert '<span class="big" id="total-completions">7</span>' in page
    assert "Quàng Văn Sơn" not in page  # names are not on the dashboard
    assert client.get("/admin").status_code == 200
    post_form(client, "/logout", {})
    login(client, "xa", "commune-pass")
    page = client.get("/", params={"commune": OTHER_COMMUNE}).text
    assert page.count('data-commune="') == 1 and f'data-commune="{COMMUNE}"' in page
    assert '<span class="big" id="total-completions">3</span>' in page
    assert client.get("/admin").status_code == 403
    rows = list(csv.reader(io.StringIO(client.get("/export/summary.csv").text.lstrip("\ufeff"))))
    assert {r[0] for r in rows[1:]} == {COMMUNE}
    consent = client.get("/export/consent.csv").text
    assert CITIZEN_ID in consent


def test_exports_csv_and_xlsx(app_ctx: tuple[TestClient, HubContext]) -> None:
    client, ctx = app_ctx
    login(client, "tinh", "province-pass")
    answer = client.get("/export/summary.csv")
    assert answer.headers["content-disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == ["commune_code", "commune", "target_group", "track", "completions"]
    assert len(rows) == 1 + 45 * 5 * 5
    assert sum(int(r[4]) for r in rows[1:]) == 7
    book = load_workbook(io.BytesIO(client.get("/export/communes.xlsx").content))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("commune_code", "commune", "learners", "completions")
    assert (COMMUNE, "Phường Điện Biên Phủ", 2, 3) in values and len(values) == 46
    consent = load_workbook(io.BytesIO(client.get("/export/consent.xlsx").content)).active
    people = list(consent.iter_rows(values_only=True))[1:]
    assert [(p[2], p[4]) for p in people] == [("Lò Văn Minh", CITIZEN_ID)]
    with ctx.database.transaction() as s:
        sealed = s.scalar(select(Learner.sealed_citizen_id).where(Learner.name == "Lò Văn Minh"))
        assert sealed is not None and CITIZEN_ID.encode() not in sealed
        exports = [a.action for a in s.scalars(select(AccessLog)) if a.action.startswith("export")]
        assert exports == ["export_consent"]
    assert client.get("/export/nothing.csv").status_code == 404


def test_admin_page_makes_codes_and_revokes(app_ctx: tuple[TestClient, HubContext]) -> None:
    client, _ = app_ctx
    login(client, "tinh", "province-pass")
    page = post_form(client, "/admin/enroll-code", {"commune": COMMUNE}).text
    assert 'id="enrol-code"' in page
    kiosk = FakeKiosk("here")
    post_form(client, "/admin/revoke", {"kiosk_id": str(kiosk.id), "revoked_from": "2026-03-01"})
    entry = next(
        k for k in client.get("/api/v1/trust-list").json()["keys"] if k["kiosk_id"] == str(kiosk.id)
    )
    assert entry["revoked_from"] == "2026-03-01"


def test_scan_field_takes_typed_slip_text(app_ctx: tuple[TestClient, HubContext]) -> None:
    client, _ = app_ctx
    login(client, "xa", "commune-pass")
    kiosk = FakeKiosk("here")
    page = post_form(client, "/scan", {"text": kiosk.text(9, lessons=(301,))}).text
    assert "Đã nhận phiếu" in page
    page = post_form(client, "/scan", {"text": kiosk.text(9, lessons=(301,))}).text
    assert "đã được nhận trước đó" in page
    page = post_form(client, "/scan", {"text": "HS1:NOTASLIP"}).text
    assert 'class="refused"' in page


def test_province_manages_users_on_the_web(app_ctx: tuple[TestClient, HubContext]) -> None:
    client, ctx = app_ctx
    login(client, "tinh", "province-pass")
    short = {"name": "sinthau", "role": "commune", "commune": OTHER_COMMUNE, "password": "123"}
    page = post_form(client, "/admin/users", short)
    assert page.status_code == 400 and "Mật khẩu phải có ít nhất 8 ký tự" in page.text
    no_unit = short | {"commune": "99999", "password": "sin-thau-2026"}
    assert "cần chọn một xã, phường" in post_form(client, "/admin/users", no_unit).text
    added = post_form(client, "/admin/users", short | {"password": "sin-thau-2026"})
    assert added.status_code == 200 and "Đã thêm người dùng sinthau" in added.text
    again = post_form(client, "/admin/users", short | {"password": "mat-khau-moi"})
    assert "Đã đặt mật khẩu mới cho sinthau" in again.text
    post_form(client, "/logout", {})
    login(client, "sinthau", "mat-khau-moi")
    page = client.get("/").text
    assert page.count('data-commune="') == 1 and f'data-commune="{OTHER_COMMUNE}"' in page
    assert post_form(client, "/admin/users", short).status_code == 403  # commune users may not
    post_form(client, "/logout", {})
    login(client, "tinh", "province-pass")
    post_form(client, "/admin/users/remove", {"name": "sinthau"})
    post_form(client, "/admin/users/remove", {"name": "tinh"})  # not oneself
    names = client.get("/admin/users").text
    assert "sinthau" not in names and ">tinh<" in names
    with ctx.database.transaction() as s:
        actions = [a for (a,) in s.execute(select(AccessLog.action).order_by(AccessLog.id))]
    assert actions[-3:] == ["user_added", "user_password_set", "user_removed"]
