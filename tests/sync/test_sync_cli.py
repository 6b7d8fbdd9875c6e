"""`kiosk sync`: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from nacl.public import PrivateKey

from kiosk.cli import main as kiosk_main
from kiosk.content.install import install
from kiosk.content.plan import plan_install
from kiosk.db.base import utcnow
from kiosk.slips.local import kiosk_key, local_trust
from kiosk.sync import outbox
from kiosk_hub.bundle import open_bundle
from kiosk_hub.keys import HubKey
from kiosk_records.codec import verify
from tests.content.test_content_install import lesson, write_pack
from tests.helpers.slips_helpers import complete_lesson, register_learner
from tests.helpers.stub_hub import StubHub, running_hub
from tests.helpers.sync_helpers import fill_outbox, kiosk_id_of


@pytest.fixture
def hub() -> Iterator[StubHub]:
    yield from running_hub()


def run(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = kiosk_main(["sync", *args, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_no_database_is_a_clear_error(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, tmp_path / "none", "status")
    assert code == 2 and "no kiosk database" in err and "set it up" in err


def test_status_of_a_fresh_kiosk(capsys, ready_services, data_dir) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, data_dir, "status")
    assert code == 0
    assert "hub: not enrolled" in out and "last sync: never" in out and "waiting: 0" in out


def test_enroll_push_status(capsys, ready_services, data_dir, hub: StubHub) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, data_dir, "enroll", "--hub", hub.url, "--code", "WRONG")
    assert code == 2 and "refused" in err and "enrolment code" in err
    code, out, _ = run(capsys, data_dir, "enroll", "--hub", hub.url, "--code", "ENROL-1")
    assert code == 0 and "enrolled with" in out
    assert (data_dir / "trusted_kiosks.json").exists()
    fill_outbox(ready_services.database, kiosk_key(data_dir), 7, utcnow())
    code, out, _ = run(capsys, data_dir, "push")
    assert code == 0 and "acked=7" in out and "waiting=0" in out and len(hub.records) == 7
    code, out, _ = run(capsys, data_dir, "status")
    assert code == 0 and "last sync: never" not in out and "sent and confirmed: 7" in out


def test_push_queues_a_lesson_from_an_installed_pack(
    capsys, ready_services, data_dir, hub: StubHub, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    stick = write_pack(tmp_path / "usb" / "market", 1, [lesson("market-qr", 9001)])
    install(plan_install(stick, data_dir))
    ready_services.reload_content()
    db, paths = ready_services.database, ready_services.paths
    learner = register_learner(db, paths, "Lò Văn Chợ", utcnow())
    complete_lesson(db, ready_services.content(), "market-qr", learner, utcnow)
    run(capsys, data_dir, "enroll", "--hub", hub.url, "--code", "ENROL-1")
    code, out, _ = run(capsys, data_dir, "push")
    assert code == 0 and "queued 1 record(s) the hub has not had yet" in out and "acked=1" in out
    (text,) = hub.records.values()
    record = verify(text, local_trust(data_dir)).record
    assert record is not None and [x.lesson_code for x in record.lessons] == [9001]


def test_push_to_a_stopped_hub_fails_softly(capsys, ready_services, data_dir, hub) -> None:  # type: ignore[no-untyped-def]
    run(capsys, data_dir, "enroll", "--hub", hub.url, "--code", "ENROL-1")
    fill_outbox(ready_services.database, kiosk_key(data_dir), 2, utcnow())
    hub.stop()
    code, out, err = run(capsys, data_dir, "push")
    assert code == 1 and "waiting=2" in out and "cannot reach the hub" in err
    code, out, _ = run(capsys, data_dir, "status")
    assert "last error: cannot reach the hub" in out and "next automatic try" in out


def test_enroll_with_a_bad_address_or_no_hub(capsys, ready_services, data_dir) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, data_dir, "enroll", "--hub", "ftp://x", "--code", "C")
    assert code == 2 and "not a web address" in err
    code, _, err = run(capsys, data_dir, "enroll", "--hub", "127.0.0.1:9", "--code", "C")
    assert code == 1 and "cannot reach the hub" in err


def test_push_not_enrolled(capsys, ready_services, data_dir) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, data_dir, "push")
    assert code == 2 and "not enrolled" in err


def test_export_needs_enrolment_and_a_folder(capsys, ready_services, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill_outbox(ready_services.database, kiosk_key(data_dir), 3, utcnow())
    code, _, err = run(capsys, data_dir, "export", "--to", str(tmp_path))
    assert code == 2 and "not enrolled" in err
    hub = PrivateKey.generate()
    with ready_services.database.transaction() as s:
        outbox.sync_state(s).hub_public_key = bytes(hub.public_key)
    code, _, err = run(capsys, data_dir, "export", "--to", str(tmp_path / "usb"))
    assert code == 2 and "does not exist" in err
    code, out, _ = run(capsys, data_dir, "export", "--to", str(tmp_path))
    assert code == 0 and "wrote 3 record(s)" in out
    (bundle,) = tmp_path.glob("hocso-*.hsb")
    assert not list(tmp_path.glob(".*.tmp"))
    records = open_bundle(bundle, HubKey(bytes(hub)))  # what the hub does on import
    assert json.loads(bundle.read_text())["kiosk_id"] == str(kiosk_id_of(ready_services.database))
    assert len(records) == 3 and all(r.startswith("HS1:") for r in records)
    assert "Lò Văn" not in bundle.read_text()  # names are sealed
    with ready_services.database.transaction() as s:
        assert outbox.counts(s).waiting == 3  # only the hub's answer acknowledges


def test_usage_errors(capsys, ready_services, data_dir) -> None:  # type: ignore[no-untyped-def]
    code, _, _ = run(capsys, data_dir, "enroll", "--hub", "x")
    assert code == 2
