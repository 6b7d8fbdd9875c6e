"""The consented-ID chain: a learner who agreed reaches the hub's consent list, exactly once.

A kiosk learns the hub's key from a province profile (a file from ``kiosk-hub profile``,
imported with ``kiosk sync profile import``, or built into the bundle) before enrolment,
and seals consenting learners' IDs from then on; records made before get a signed
follow-up. The hub is the real ``kiosk-hub serve`` process.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli import main as kiosk_main
from kiosk.clock import utcnow
from kiosk.content.loader import LoadResult, load_packs
from kiosk.db.models import OutboxRecord
from kiosk.slips.local import kiosk_key
from kiosk.sync import outbox
from kiosk.sync.enroll import enroll
from kiosk.sync.profile import (
    PROFILE_FILE,
    ProfileError,
    adopt_bundled_profile,
    read_profile,
)
from kiosk.sync.push import push_once
from tests.conftest import COMMUNE
from tests.helpers.real_hub import HubProcess
from tests.helpers.sync_helpers import finish_lesson, hub_board, register

# A real ``kiosk-hub serve`` process.
pytestmark = pytest.mark.e2e

CITIZEN_ID = "011080012345"


@pytest.fixture(scope="module")
def packs() -> LoadResult:
    loaded = load_packs()
    assert loaded.ok, loaded.problems
    return loaded


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub")
    process.start()
    yield process
    process.stop()


def sync(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = kiosk_main(["sync", *args, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _push_all(services, data_dir: Path, packs: LoadResult) -> None:  # type: ignore[no-untyped-def]
    """What the sync worker does: queue what the hub has not had, then push."""
    codes = {entry.lesson.id: entry.lesson.code for entry in packs.lessons}
    key = kiosk_key(data_dir)
    signer = outbox.RecordSigner(key, services.vault())
    with services.database.transaction() as s:
        outbox.add_missing(s, codes, signer, utcnow())
    report = push_once(services.database, None, utcnow(), key=key)  # signed, as the hub needs
    assert report.ok and report.waiting == 0, report


def _records_of(services, learner) -> list[tuple[int, bool]]:  # type: ignore[no-untyped-def]
    with services.database.transaction() as s:
        rows = s.execute(
            select(OutboxRecord.serial, OutboxRecord.carries_citizen_id)
            .where(OutboxRecord.learner_id == learner)
            .order_by(OutboxRecord.serial)
        )
        return [(serial, carries) for serial, carries in rows]


def test_an_id_given_before_the_hub_was_known_reaches_the_consent_list_once(
    capsys, ready_services, data_dir, tmp_path, hub, packs
) -> None:  # type: ignore[no-untyped-def]
    db, vault = ready_services.database, ready_services.vault()
    signer = outbox.RecordSigner(kiosk_key(data_dir), vault)
    first, second = (entry.lesson.id for entry in packs.lessons[:2])
    learner = register(db, vault, "Lò Thị Xuân", CITIZEN_ID)
    finish_lesson(db, packs, first, learner, signer)  # no hub key yet: nothing to seal with
    assert _records_of(ready_services, learner) == [(1, False)]

    profile = tmp_path / "dien-bien.json"
    hub.cli("profile", "--url", hub.url, "--out", str(profile))
    code, out, _ = sync(capsys, data_dir, "profile", "import", str(profile))
    assert code == 0 and read_profile(profile).fingerprint in out
    out = sync(capsys, data_dir, "status")[1]
    assert f"province profile: {hub.url} (hub key {read_profile(profile).fingerprint})" in out
    enrol_code = hub.cli("enroll-code", "--commune", COMMUNE).split()[0]
    code, out, err = sync(capsys, data_dir, "enroll", "--code", enrol_code)  # the profile's hub
    assert code == 0, err
    _push_all(ready_services, data_dir, packs)
    _push_all(ready_services, data_dir, packs)  # one follow-up per learner, not per push
    finish_lesson(db, packs, second, learner, signer)  # sealed from now on
    _push_all(ready_services, data_dir, packs)
    assert _records_of(ready_services, learner) == [(1, False), (2, True), (3, True)]

    line, board, consent = hub_board(tmp_path / "hub")
    assert [(row[2], row[4]) for row in consent] == [("Lò Thị Xuân", CITIZEN_ID)]
    assert (board.learners, board.completions, line.missing) == (1, 2, 0)


def test_a_kiosk_with_a_profile_seals_from_its_first_day(
    capsys, ready_services, data_dir, tmp_path, hub, packs
) -> None:  # type: ignore[no-untyped-def]
    db, vault = ready_services.database, ready_services.vault()
    profile = tmp_path / "dien-bien.json"
    hub.cli("profile", "--url", hub.url, "--out", str(profile))
    assert sync(capsys, data_dir, "profile", "import", str(profile))[0] == 0
    learner = register(db, vault, "Giàng A Páo", CITIZEN_ID)
    declined = register(db, vault, "Quàng Văn Inh", None)
    signer = outbox.RecordSigner(kiosk_key(data_dir), vault)
    lesson = packs.lessons[0].lesson.id
    finish_lesson(db, packs, lesson, learner, signer)  # not enrolled yet, already sealed
    finish_lesson(db, packs, lesson, declined, signer)
    enroll(db, hub.url, hub.cli("enroll-code", "--commune", COMMUNE).split()[0],
           kiosk_key(data_dir), utcnow())  # fmt: skip
    _push_all(ready_services, data_dir, packs)
    assert _records_of(ready_services, learner) == [(1, True)]
    assert _records_of(ready_services, declined) == [(2, False)]
    _, board, consent = hub_board(tmp_path / "hub")
    assert [row[2] for row in consent] == ["Giàng A Páo"] and board.learners == 2


def test_a_profile_built_into_the_bundle_is_taken_once(ready_services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from nacl.public import PrivateKey

    from kiosk.sync.profile import ProvinceProfile

    key = bytes(PrivateKey.generate().public_key)
    (tmp_path / PROFILE_FILE).write_bytes(ProvinceProfile("https://hub.example", key).to_json())
    with ready_services.database.transaction() as s:
        assert adopt_bundled_profile(s, tmp_path, utcnow())
        assert outbox.sync_state(s).hub_public_key == key
        assert outbox.sync_state(s).province_hub_url == "https://hub.example"
        assert not adopt_bundled_profile(s, tmp_path, utcnow())


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x00\xff", "not a province profile"),
        (b'{"format": "hoc-so-province-profile/1", "hub_url": "https://x"}', "no hub_public_key"),
        (
            b'{"format": "hoc-so-province-profile/1", "hub_url": "https://x", '
            b'"hub_public_key": "AAAA"}',
            "not 32 bytes",
        ),
        (
            b'{"format": "hoc-so-province-profile/1", "hub_url": "ftp://x", '
            b'"hub_public_key": "AAAA"}',
            "not a web address",
        ),
    ],
)
def test_a_bad_profile_is_a_plain_error(
    capsys, ready_services, data_dir, tmp_path, content, words
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "profile.json"
    bad.write_bytes(content)
    with pytest.raises(ProfileError):
        read_profile(bad)
    code, _, err = sync(capsys, data_dir, "profile", "import", str(bad))
    assert code == 2 and words in err
    with ready_services.database.transaction() as s:
        assert outbox.sync_state(s).hub_public_key is None


def test_the_follow_up_travels_on_a_usb_bundle_too(
    capsys, ready_services, data_dir, tmp_path, hub, packs
) -> None:  # type: ignore[no-untyped-def]
    db, vault = ready_services.database, ready_services.vault()
    learner = register(db, vault, "Vàng Thị Mai", CITIZEN_ID)
    signer = outbox.RecordSigner(kiosk_key(data_dir), vault)
    finish_lesson(db, packs, packs.lessons[0].lesson.id, learner, signer)
    enroll(db, hub.url, hub.cli("enroll-code", "--commune", COMMUNE).split()[0],
           kiosk_key(data_dir), utcnow())  # fmt: skip
    # enrolled, but the network went down before any push: the records go by USB
    (tmp_path / "usb").mkdir()
    code, out, err = sync(capsys, data_dir, "export", "--to", str(tmp_path / "usb"))
    assert code == 0, err
    assert "wrote 2 record(s)" in out  # the completion and its follow-up
    bundle = next((tmp_path / "usb").iterdir())
    assert "accepted=2" in hub.cli("import", str(bundle))
    _, board, consent = hub_board(tmp_path / "hub")
    assert [row[2] for row in consent] == ["Vàng Thị Mai"] and board.learners == 1


def test_enrolment_with_a_hub_of_another_key_than_the_profile_is_refused(
    capsys, ready_services, data_dir, tmp_path, hub
) -> None:  # type: ignore[no-untyped-def]
    from nacl.public import PrivateKey

    from kiosk.sync.profile import ProvinceProfile

    other = bytes(PrivateKey.generate().public_key)
    profile = tmp_path / "profile.json"
    profile.write_bytes(ProvinceProfile(hub.url, other).to_json())
    assert sync(capsys, data_dir, "profile", "import", str(profile))[0] == 0
    code, _, err = sync(capsys, data_dir, "enroll", "--code", hub.cli("enroll-code", "--commune",
                        COMMUNE).split()[0])  # fmt: skip
    assert code == 2 and "not the one in the province profile" in err
    with ready_services.database.transaction() as s:
        state = outbox.sync_state(s)
        assert (state.hub_url, state.enrolled_at, state.hub_public_key) == (None, None, other)
