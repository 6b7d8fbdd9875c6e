"""``kiosk sync``: enrol with the provincial hub, push records, show status, export to USB.

Exit codes: 0 done; 1 the hub could not take the records now (they stay waiting);
2 a usage or set-up problem (the message says what to do). Never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import datetime
from pathlib import Path

from kiosk import audit
from kiosk.clock import VIETNAM, utcnow
from kiosk.db.database import Database, DatabaseUnavailable, open_database
from kiosk.paths import DataPaths
from kiosk.sync import outbox
from kiosk.sync.bundle import BundleError, BundleInfo
from kiosk.sync.client import HubError, HubRefused
from kiosk.sync.enroll import EnrolmentError, enroll, save_trust_list
from kiosk.sync.profile import ProfileError, key_fingerprint
from kiosk.sync.push import error_kind, push_once
from kiosk.sync.status import read_status
from kiosk_records.request_signing import hub_key_fingerprint


class CliError(Exception):
    """A problem to print as one line, with exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk sync", description="Send completion records to the provincial hub."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    enrol = sub.add_parser("enroll", help="register this kiosk with the hub (once)")
    enrol.add_argument("--hub", metavar="URL", help="hub address (default: the province profile's)")
    enrol.add_argument("--code", required=True, help="enrolment code from the hub admin")
    sub.add_parser("push", help="send the waiting records now, then fetch new voice packs")
    voices = sub.add_parser("voices", help="fetch new voice packs from the hub now")
    voices.add_argument(
        "--auto", choices=("on", "off"), help="fetch them after every sync (default: on)"
    )
    sub.add_parser("status", help="last sync, records waiting, last error")
    export = sub.add_parser("export", help="write the waiting records to a USB bundle")
    export.add_argument("--to", required=True, type=Path, metavar="DIR", dest="folder")
    profile = sub.add_parser("profile", help="the province profile (hub address and key)")
    profile_sub = profile.add_subparsers(dest="profile_command", required=True)
    profile_import = profile_sub.add_parser("import", help="take the profile from a file")
    profile_import.add_argument("file", type=Path)
    return parser


def main(argv: list[str], data_dir: Path) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        database = _open(data_dir)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "enroll":
            return _enroll(database, data_dir, args.hub, args.code)
        if args.command == "push":
            return _push(database, data_dir)
        if args.command == "voices":
            return _voices(database, data_dir, args.auto)
        if args.command == "profile":
            return _import_profile(database, args.file)
        if args.command == "export":
            info = _export_usb(database, data_dir, args.folder)
            print(f"wrote {info.count} record(s) to {info.path}")
            print("Take it to the hub; the records stay waiting until the hub confirms them.")
            return 0
        _status(database, data_dir)
        return 0
    except (CliError, EnrolmentError, BundleError, ProfileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except HubRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except HubError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        database.dispose()


def _open(data_dir: Path) -> Database:
    path = DataPaths(data_dir).database
    if not path.is_file():
        raise CliError(f"no kiosk database in {data_dir} (start the kiosk and set it up first)")
    try:
        return open_database(path)
    except DatabaseUnavailable as exc:
        raise CliError(
            f"the kiosk database cannot be used ({exc.reason.value}): {exc.detail}"
        ) from None


def _export_usb(database: Database, data_dir: Path, folder: Path) -> BundleInfo:
    from kiosk.content.install import load_active
    from kiosk.learners.vault import LearnerVault
    from kiosk.sync import ops

    vault = LearnerVault.open(DataPaths(data_dir).secrets)
    return ops.export_usb(database, data_dir, load_active(data_dir), vault, folder, utcnow())


def queue_missing(database: Database, data_dir: Path, now: datetime) -> int:
    """Queue completions made without an outbox record (e.g. before the outbox existed)."""
    from kiosk.content.install import load_active
    from kiosk.learners.vault import LearnerVault
    from kiosk.sync import ops

    vault = LearnerVault.open(DataPaths(data_dir).secrets)
    return ops.queue_missing(database, data_dir, load_active(data_dir), vault, now)


def _enroll(database: Database, data_dir: Path, hub: str | None, code: str) -> int:
    from kiosk.slips.local import kiosk_key

    if hub is None:
        with database.transaction() as session:
            hub = outbox.sync_state(session).province_hub_url
        if hub is None:
            raise CliError("give the hub address with --hub (no province profile imported)")
    result = enroll(database, hub, code, kiosk_key(data_dir), utcnow())
    if result.trust_list is not None:
        save_trust_list(data_dir, result.trust_list)
    print(f"enrolled with {result.hub_url} (key {result.key_id})")
    print(f"hub key fingerprint: {hub_key_fingerprint(result.hub_public_key)}")
    print("Compare it with the fingerprint the province printed; if they differ, stop and call.")
    return 0


def _import_profile(database: Database, path: Path) -> int:
    from kiosk.sync.ops import import_profile

    profile, learnt = import_profile(database, path, utcnow())
    print(f"hub: {profile.hub_url}")
    print(f"hub key fingerprint: {profile.fingerprint} (compare it with the province's)")
    if learnt:
        print("Consenting learners' citizen IDs are sealed for this hub from now on.")
    else:
        print("This kiosk already knew this hub key.")
    return 0


def _push(database: Database, data_dir: Path) -> int:
    added = queue_missing(database, data_dir, utcnow())
    if added:
        print(f"queued {added} record(s) the hub has not had yet")
    from kiosk.slips.local import kiosk_key

    report = push_once(database, None, utcnow(), key=kiosk_key(data_dir))
    print(f"sent={report.sent} acked={report.acked} refused={report.refused}")
    print(f"waiting={report.waiting}")
    if report.error:
        kind, detail = error_kind(report.error)
        print(f"error: {detail or report.error}", file=sys.stderr)
        return 2 if kind == "not_enrolled" else 1
    _fetch_voices(database, data_dir, always=False)
    return 0


def _fetch_voices(database: Database, data_dir: Path, *, always: bool) -> bool:
    """Fetch new voice packs and say what happened; False if something went wrong."""
    from kiosk.sync.ops import fetch_voices
    from kiosk.voices.template import kiosk_lines

    report = fetch_voices(database, data_dir, lambda: kiosk_lines(data_dir), always=always)
    if report is None:
        return True
    for name in report.installed:
        print(f"voice pack installed: {name}")
    for name in report.refused_before:
        print(f"voice pack {name} (refused before; `kiosk sync voices` tries again)")
    if not (report.installed or report.messages or report.refused_before):
        print("voice packs: nothing new on the hub")
    for message in report.messages:
        print(f"warning: {message}", file=sys.stderr)
    return report.ok


def _voices(database: Database, data_dir: Path, auto: str | None) -> int:
    if auto is not None:
        from kiosk.settings import load_settings, save_settings

        with database.transaction() as session:
            current = load_settings(session)
            save_settings(session, dataclasses.replace(current, voice_downloads=auto == "on"))
            audit.record(session, "admin", "settings_changed", fields=["voice_downloads"])
        print(f"voice packs after each sync: {auto}")
        return 0
    with database.transaction() as session:
        enrolled = outbox.sync_state(session).hub_url is not None
    if not enrolled:
        raise CliError("this kiosk is not enrolled with a hub (kiosk sync enroll)")
    return 0 if _fetch_voices(database, data_dir, always=True) else 1


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "never"
    return f"{moment.astimezone(VIETNAM):%Y-%m-%d %H:%M} (Vietnam time)"


def _voice_status(database: Database, data_dir: Path) -> None:
    from kiosk.settings import load_settings
    from kiosk.voices.store import VoiceStore

    with database.transaction() as session:
        auto = load_settings(session).voice_downloads
    store = VoiceStore(data_dir)
    packs = [f"{lang} v{store.pack_version(lang)}" for lang in store.languages()]
    print(f"voice packs: {', '.join(packs) or 'none'} (fetched after each sync: "
          f"{'on' if auto else 'off'})")  # fmt: skip


def _status(database: Database, data_dir: Path) -> None:
    status = read_status(database)
    if status.hub_url:
        print(f"hub: {status.hub_url} (enrolled {_when(status.enrolled_at)})")
    else:
        print("hub: not enrolled")
        with database.transaction() as session:
            state = outbox.sync_state(session)
            profile_url, key = state.province_hub_url, state.hub_public_key
        if profile_url is not None and key is not None:
            print(f"province profile: {profile_url} (hub key {key_fingerprint(key)})")
    print(f"last sync: {_when(status.last_success_at)}")
    print(f"last try: {_when(status.last_attempt_at)}")
    print(f"waiting: {status.waiting}")
    print(f"sent and confirmed: {status.acked}")
    print(f"refused by the hub: {status.refused}")
    print(f"last error: {status.error_detail or 'none'}")
    _voice_status(database, data_dir)
    if status.next_attempt_at is not None:
        print(f"next automatic try: {_when(status.next_attempt_at)}")
