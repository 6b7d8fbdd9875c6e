"""Network, USB bundle and scanned slip in every order: each completion counted once."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from nacl.public import PrivateKey

from kiosk.slips.render import render_slips
from kiosk.slips.view import Layout, slip_view
from kiosk_hub.app import create_app
from kiosk_hub.auth import add_user
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.cli import main as hub_cli
from kiosk_hub.context import HubContext
from kiosk_hub.reports import dashboard
from kiosk_hub.settings import HubSettings
from kiosk_records.bundle import seal_bundle
from tests.helpers.api_helpers import signed_post
from tests.helpers.hub_helpers import FakeKiosk, enroll_kiosk
from tests.helpers.web_helpers import form_token, post_form

KIOSK = FakeKiosk("channels")
# outbox records (one lesson each) and a printed slip covering the same lessons + one more
OUTBOX = [KIOSK.text(1, lessons=(101,)), KIOSK.text(2, lessons=(102,))]
SLIP_RECORD = KIOSK.record(3, lessons=(101, 102, 201))


@pytest.fixture(scope="module")
def slip_pdf(catalogue: ReportNames) -> bytes:
    from kiosk_records.codec import encode_slip

    text = encode_slip(SLIP_RECORD, KIOSK.key)
    titles = {code: info.title for code, info in catalogue.lessons.items()}
    view = slip_view(SLIP_RECORD, text, lesson_titles=titles, learning_point="Him Lam",
                     commune="Phường Điện Biên Phủ")  # fmt: skip
    return render_slips([view], Layout.A6)


def run_order(
    order: tuple[str, ...], tmp: Path, url: str, catalogue: ReportNames, slip_pdf: bytes
) -> tuple[int, int]:
    """Each channel twice, in this order; (learners, completions) on the dashboard after."""
    settings = HubSettings(tmp / "hub", database_url=url)
    app = create_app(settings, catalogue)
    ctx: HubContext = app.state.hub
    enroll_kiosk(ctx, KIOSK)
    with ctx.database.transaction() as s:
        add_user(s, "scanner", "scan-pass-1", "province", None)
    bundle = tmp / "kiosk.hsb"
    bundle.write_bytes(
        seal_bundle([*OUTBOX, OUTBOX[0]], ctx.key.public_key, str(KIOSK.id), "2026-03-10T09:00Z")
    )
    with TestClient(app) as client:
        login = post_form(client, "/login", {"name": "scanner", "password": "scan-pass-1"})
        assert login.status_code == 200
        csrf = form_token(client.get("/scan").text)

        def network() -> None:
            body = {"kiosk_id": str(KIOSK.id), "records": OUTBOX}
            assert signed_post(client, body, KIOSK.key).status_code == 200

        def usb() -> None:
            assert hub_cli(["--data-dir", str(tmp / "hub"), "import", str(bundle)]) == 0

        def scan() -> None:
            page = client.post(
                f"/scan/upload?csrf={csrf}",
                files=[("files", ("slip.pdf", slip_pdf, "application/pdf"))],
            )
            assert page.status_code == 200 and "scan-results" in page.text

        steps: dict[str, Callable[[], None]] = {"network": network, "bundle": usb, "slip": scan}
        for name in order:
            steps[name]()
            steps[name]()
    with ctx.database.transaction() as s:
        board = dashboard(s, catalogue)
    return board.learners, board.completions


@pytest.mark.parametrize("order", list(itertools.permutations(["network", "bundle", "slip"])))
def test_every_order_counts_each_completion_once(
    order: tuple[str, ...],
    tmp_path: Path,
    pg_url: str,
    catalogue: ReportNames,
    slip_pdf: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_HUB_DATABASE_URL", pg_url)  # for `kiosk-hub import`
    assert run_order(order, tmp_path, pg_url, catalogue, slip_pdf) == (1, 3)


def test_bundle_import_reports_counts(
    tmp_path: Path,
    catalogue: ReportNames,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    app = create_app(HubSettings(tmp_path / "hub", database_url=url), catalogue)
    ctx: HubContext = app.state.hub
    enroll_kiosk(ctx, KIOSK)
    bundle = tmp_path / "b.hsb"
    stranger = FakeKiosk("stranger").text(1)
    bundle.write_bytes(seal_bundle([*OUTBOX, stranger], ctx.key.public_key, "k", "t"))
    args = ["--data-dir", str(tmp_path / "hub"), "import", str(bundle)]
    monkeypatch.setenv("KIOSK_HUB_DATABASE_URL", url)
    assert hub_cli(args) == 0
    assert hub_cli(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["accepted=2 duplicates=0 refused=1", "accepted=0 duplicates=2 refused=1"]
    other = tmp_path / "other.hsb"
    elsewhere = bytes(PrivateKey.generate().public_key)
    other.write_bytes(seal_bundle(OUTBOX, elsewhere, "k", "t"))
    assert hub_cli(["--data-dir", str(tmp_path / "hub"), "import", str(other)]) == 1
    assert "another hub" in capsys.readouterr().err
