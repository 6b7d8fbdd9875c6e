"""``kiosk vietqr``: print a VietQR payload, optionally write a poster PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.vietqr.banks import bank_name
from kiosk.vietqr.payload import VietQRError, build_payload
from kiosk_records.files import write_atomic


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk vietqr", description="Make a VietQR code.")
    parser.add_argument("--bin", required=True, help="bank BIN, 6 digits (e.g. 970436)")
    parser.add_argument("--account", required=True, help="account (or card) number, digits")
    parser.add_argument("--amount", help="amount in dong (makes a dynamic code)")
    parser.add_argument("--purpose", help="transfer note, ASCII, at most 25 characters")
    parser.add_argument("--card", action="store_true", help="--account is a card number")
    parser.add_argument("--poster", type=Path, metavar="FILE.pdf", help="also write a poster")
    parser.add_argument("--size", choices=["A5", "A6"], default="A5", help="poster size")
    parser.add_argument("--shop", help="shop name on the poster")
    parser.add_argument("--account-name", help="account holder's name on the poster")
    return parser


def main(argv: list[str], data_dir: Path) -> int:
    """Run the command; invalid input gives a message on stderr and exit code 2."""
    del data_dir  # nothing stored
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        amount = _amount(args.amount)
        payload = build_payload(args.bin, args.account, amount, args.purpose, to_card=args.card)
        if args.poster is not None:
            if not args.shop or not args.account_name:
                raise VietQRError("--poster needs --shop and --account-name")
            from kiosk.vietqr.poster import render_poster  # reportlab only when printing

            pdf = render_poster(
                args.shop, bank_name(args.bin) or args.bin, args.account_name, payload, args.size
            )
            write_atomic(args.poster, pdf)
    except VietQRError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {args.poster}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(payload)
    return 0


def _amount(text: str | None) -> int | None:
    if text is None:
        return None
    cleaned = text.replace(".", "").replace(",", "").replace("_", "")
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise VietQRError(f"amount must be a whole number of dong, got {text!r}")
    return int(cleaned)
