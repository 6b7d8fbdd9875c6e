"""``kiosk-hub``: run the hub and do its admin jobs from a shell. Messages, no tracebacks."""

from __future__ import annotations

import argparse
import getpass
import sys
import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kiosk_hub.auth import ROLES, add_user
from kiosk_hub.bundle import BundleError, open_bundle
from kiosk_hub.context import HubContext, build_context
from kiosk_hub.enroll import COMMAND_LINE, create_code, revoke
from kiosk_hub.ingest import ingest_texts
from kiosk_hub.models import AccessLog, User
from kiosk_hub.settings import HubSettings
from kiosk_records.request_signing import hub_key_fingerprint


class CliError(Exception):
    """A message for the person at the shell; exit status 1."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk-hub", description="Học Số provincial hub")
    parser.add_argument("--data-dir", type=Path, help="hub data folder (or KIOSK_HUB_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--workers", type=int, help="processes (default: one per core up to 4 on PostgreSQL, "
        "1 on SQLite)",
    )  # fmt: skip
    serve.add_argument("--data-dir", type=Path, dest="serve_data_dir", help=argparse.SUPPRESS)
    code = sub.add_parser("enroll-code", help="print a one-time enrolment code for a commune")
    code.add_argument("--commune", required=True, help="5-digit commune code")
    sub.add_parser("fingerprint", help="print the hub key's fingerprint (for enrolling kiosks)")
    imp = sub.add_parser("import", help="ingest a USB bundle (.hsb) from a kiosk")
    imp.add_argument("file", type=Path)
    user = sub.add_parser("user", help="manage dashboard users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="add a user or set their password (read from stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--commune", help="5-digit commune code (commune users)")
    prof = sub.add_parser("profile", help="write the province profile kiosks are set up from")
    prof.add_argument("--url", required=True, help="the hub address kiosks reach")
    prof.add_argument("--out", required=True, type=Path, help="profile file to write")
    rev = sub.add_parser("revoke", help="refuse a kiosk's records completed on or after a date")
    rev.add_argument("kiosk_id")
    rev.add_argument("--from", dest="revoked_from", required=True, help="YYYY-MM-DD")
    return parser


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise CliError("the two passwords differ")
    return first


def _commune(ctx: HubContext, code: str | None) -> str | None:
    if code is not None and code not in ctx.catalogue.unit_codes:
        raise CliError(f"{code} is not one of the 45 commune codes of Điện Biên")
    return code


def _run(args: argparse.Namespace, settings: HubSettings) -> int:
    if args.command == "serve":
        from kiosk_hub.serving import default_workers, serve

        if args.workers is not None and args.workers < 1:
            raise CliError("--workers must be 1 or more")
        serve(settings, args.host, args.port, args.workers or default_workers(settings))
        return 0
    ctx = build_context(settings)
    try:
        with ctx.database.transaction() as session:
            if args.command == "enroll-code":
                commune = _commune(ctx, args.commune)
                assert commune is not None
                code = create_code(session, commune, ctx.clock())
                print(code)
                print(f"One-time code for {ctx.catalogue.unit_label(commune)}, valid 7 days.",
                      file=sys.stderr)  # fmt: skip
            elif args.command == "fingerprint":
                print(hub_key_fingerprint(ctx.key.public_key))
            elif args.command == "import":
                texts = open_bundle(args.file, ctx.key)
                result = ingest_texts(
                    session, texts, channel="bundle", catalogue=ctx.catalogue, now=ctx.clock()
                )
                print(result.counts)
                for refusal in result.refused:
                    why = (
                        f"{refusal.reason}: {refusal.detail}" if refusal.detail else refusal.reason
                    )
                    print(f"  record {refusal.index}: refused ({why})", file=sys.stderr)
            elif args.command == "user":
                password = _read_password()
                existed = session.get(User, args.name) is not None
                add_user(session, args.name, password, args.role, _commune(ctx, args.commune))
                action = "user_password_set" if existed else "user_added"
                detail = f"{args.name} ({args.role})"
                session.add(AccessLog(user_name=COMMAND_LINE, action=action, detail=detail))
                print(f"User {args.name} ({args.role}) saved.")
            elif args.command == "profile":
                from kiosk.sync.client import normalise_hub_url
                from kiosk.sync.profile import ProvinceProfile
                from kiosk_records.files import write_atomic

                profile = ProvinceProfile(normalise_hub_url(args.url), ctx.key.public_key)
                write_atomic(args.out, profile.to_json())
                print(f"Wrote {args.out}; hub key fingerprint {profile.fingerprint}")
            elif args.command == "revoke":
                try:
                    kid = uuid.UUID(args.kiosk_id)
                    day = date.fromisoformat(args.revoked_from)
                except ValueError:
                    raise CliError("give a kiosk id (UUID) and --from YYYY-MM-DD") from None
                revoke(session, kid, day)
                print(f"Kiosk {kid}: records completed on or after {day} are now refused.")
    finally:
        ctx.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir = getattr(args, "serve_data_dir", None) or args.data_dir
    settings = HubSettings.from_env(data_dir)
    try:
        return _run(args, settings)
    except (CliError, BundleError, ValueError, LookupError) as exc:
        print(f"kiosk-hub: {exc}", file=sys.stderr)
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"kiosk-hub: the hub database is not available: {detail}", file=sys.stderr)
    except OSError as exc:
        print(
            f"kiosk-hub: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
    except KeyboardInterrupt:
        return 130
    return 1


if __name__ == "__main__":
    sys.exit(main())
