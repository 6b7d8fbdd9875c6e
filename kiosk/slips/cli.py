"""``kiosk slip``: verify slips, print a sample slip."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from kiosk.clock import local_date, utcnow
from kiosk.formatting import serial
from kiosk.identity import KioskIdentity
from kiosk.slips.identity import kiosk_identity
from kiosk.slips.local import kiosk_key, local_trust
from kiosk.slips.scan import ScanError, slip_texts
from kiosk.slips.view import Layout, slip_view
from kiosk_records.codec import Verification, encode_slip, verify
from kiosk_records.files import write_atomic
from kiosk_records.keys import TrustListError
from kiosk_records.record import CompletionRecord, LessonResult, TargetGroup
from kiosk_records.trust_rules import revocation_problem

PRACTICE_LEARNER_REF = "0" * 16
PRACTICE_LESSONS = {
    1: "Làm quen với điện thoại thông minh",
    2: "Nhận biết cuộc gọi lừa đảo",
    3: "Quét mã QR để chuyển tiền (luyện tập)",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk slip", description="Completion slips.")
    sub = parser.add_subparsers(dest="command", required=True)
    ver = sub.add_parser("verify", help="check slips: text, PNG/JPEG photo or PDF")
    ver.add_argument("inputs", nargs="+", metavar="INPUT")
    ver.add_argument("--trust", action="append", default=[], type=Path, metavar="FILE")
    ver.add_argument("--json", action="store_true", help="one JSON report on stdout")
    sample = sub.add_parser("sample", help="print a sample slip for a practice learner")
    sample.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    sample.add_argument("--layout", choices=[x.value for x in Layout], default="roll80")
    return parser


def main(argv: list[str], data_dir: Path) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        if args.command == "verify":
            return _verify(args.inputs, args.trust, args.json, data_dir)
        return _sample(args.out, Layout(args.layout), data_dir)
    except (OSError, ValueError, TrustListError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _verify(inputs: list[str], trust_files: list[Path], as_json: bool, data_dir: Path) -> int:
    trust = local_trust(data_dir, trust_files)
    today = local_date(utcnow())
    reports: list[dict[str, object]] = []
    for arg in inputs:
        try:
            texts = slip_texts(arg)
        except ScanError as exc:
            reports.append({"input": arg, "ok": False, "failure": "unreadable", "reason": str(exc)})
            continue
        for text in texts:
            reports.append({"input": arg, **_report(verify(text, trust), today)})
    all_ok = all(r["ok"] for r in reports)
    if as_json:
        print(json.dumps({"ok": all_ok, "slips": reports}, ensure_ascii=False, indent=2))
    else:
        for r in reports:
            label = _short(str(r["input"]))
            if r["ok"]:
                print(f"{label}: GENUINE  {r['summary']}")
            else:
                print(f"{label}: REJECTED  {r['reason']}")
    return 0 if all_ok else 1


def _report(result: Verification, today: date) -> dict[str, object]:
    if result.record is None or result.key is None:
        failure = result.failure.value if result.failure else "malformed"
        return {"ok": False, "failure": failure, "reason": result.reason}
    r = result.record
    revoked = revocation_problem(result.key.revocation, r.serial, r.completed_on, today)
    if revoked is not None:
        return {"ok": False, "failure": "revoked", "reason": revoked}
    return {
        "ok": True,
        "summary": f"slip {serial(r.serial)}, {r.learner_name} ({r.birth_year}), "
        f"{len(r.lessons)} lesson(s), {r.completed_on.isoformat()}, kiosk key {result.key.key_id}",
        "record": {
            "record_id": str(r.record_id),
            "kiosk_id": str(r.kiosk_id),
            "serial": r.serial,
            "learner_ref": r.learner_ref,
            "learner_name": r.learner_name,
            "birth_year": r.birth_year,
            "commune_code": r.commune_code,
            "lessons": [
                {"lesson_code": x.lesson_code, "version": x.version, "score": x.score}
                for x in r.lessons
            ],
            "completed_on": r.completed_on.isoformat(),
            "target_group": r.target_group.name.lower(),
            "has_sealed_citizen_id": r.sealed_citizen_id is not None,
        },
    }


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _sample(out: Path, layout: Layout, data_dir: Path) -> int:
    from kiosk.slips.render import render_slips  # reportlab only when printing

    identity = kiosk_identity(data_dir)
    record = CompletionRecord(
        kiosk_id=identity.kiosk_id,
        serial=0,
        learner_ref=PRACTICE_LEARNER_REF,
        learner_name="Người Học Thử",
        birth_year=1970,
        commune_code=identity.commune_code,
        lessons=tuple(LessonResult(code, 1, 100) for code in PRACTICE_LESSONS),
        completed_on=local_date(utcnow()),
        target_group=TargetGroup.OTHER,
    )
    text = encode_slip(record, kiosk_key(data_dir))
    view = slip_view(
        record,
        text,
        lesson_titles=PRACTICE_LESSONS,
        learning_point=identity.learning_point or "Điểm học",
        commune=commune_label(identity),
    )
    write_atomic(out, render_slips([view], layout))
    print(f"wrote sample slip to {out}")
    return 0


def commune_label(identity: KioskIdentity) -> str:
    """'Xã …' / 'Phường …' from the shipped unit list, or the code if unknown."""
    from kiosk.formatting import commune_label as label
    from kiosk_records.communes import load_units

    if identity.practice:
        return "Luyện tập"
    return label(load_units(), identity.commune_code)
