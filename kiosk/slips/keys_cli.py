"""``kiosk keys``: export this kiosk's public key, import other kiosks' keys."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.slips.local import imported_trust_path, local_trust, own_trust_list
from kiosk_records.files import write_atomic
from kiosk_records.keys import TrustList, TrustListError, load_trust_list, write_trust_list


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk keys", description="Slip signing keys.")
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="write this kiosk's public key as a trust list")
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    imp = sub.add_parser("import", help="trust slips signed by the kiosks in a trust list")
    imp.add_argument("file", type=Path, metavar="FILE")
    sub.add_parser("list", help="show the trusted kiosk keys")
    return parser


def main(argv: list[str], data_dir: Path) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        if args.command == "export":
            trust = own_trust_list(data_dir)
            write_atomic(args.out, trust.to_json_bytes())
            print(f"wrote key {trust.keys[0].key_id} to {args.out}")
        elif args.command == "import":
            incoming = load_trust_list(args.file)
            path = imported_trust_path(data_dir)
            current = load_trust_list(path) if path.exists() else TrustList()
            merged = current.merged(incoming.keys)
            write_trust_list(path, merged)
            print(f"{len(merged.keys) - len(current.keys)} new key(s) trusted")
        else:
            for key in local_trust(data_dir).keys:
                print(f"{key.key_id}  kiosk {key.kiosk_id}  commune {key.commune_code}")
    except (OSError, ValueError, TrustListError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
