"""The VietQR staff tool's form: what staff typed → a checked payload → one poster PDF.

Plain Python. ``check_form`` builds the payload, parses it back (the self-check) and
names the first problem as a message key, the field and the values; the screen turns
it into words. ``poster_pdf`` renders the poster once, for saving or for printing.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from kiosk.vietqr.banks import bank_name
from kiosk.vietqr.payload import (
    MAX_ACCOUNT_DIGITS,
    MAX_AMOUNT_DIGITS,
    MAX_TEXT,
    VietQRError,
    VietQRPayload,
    build_payload,
    fold_ascii,
    parse_payload,
)

PosterSize = Literal["A5", "A6"]
MAX_NAME = 50  # banks show at most this many characters of an account holder's name


@dataclass(frozen=True)
class QrForm:
    """What staff typed, as typed."""

    bin: str
    account: str
    account_name: str
    shop: str = ""
    amount: str = ""
    purpose: str = ""
    bill: str = ""


@dataclass(frozen=True)
class FormProblem:
    """Why the form gives no code yet: a message key, the input it is about, values."""

    key: str
    field: str
    values: dict[str, object] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class QrCheck:
    payload: str | None  # None: not valid yet
    problem: FormProblem | None  # None when the code is valid
    read_back: VietQRPayload | None  # the payload parsed again (the self-check)
    account_name: str  # as banks show it: upper-case ASCII


def check_form(form: QrForm) -> QrCheck:
    """The payload for ``form`` and its read-back, or the first problem."""
    name = re.sub(r"\s+", " ", fold_ascii(form.account_name).upper()).strip()

    def bad(key: str, field: str, **values: object) -> QrCheck:
        return QrCheck(None, FormProblem(key, field, values), None, name)

    account = re.sub(r"[\s.-]", "", form.account)
    if bank_name(form.bin) is None:
        return bad("vietqr.error.bank", "bank")
    if not account:
        return bad("vietqr.error.account_empty", "account")
    if not (account.isascii() and account.isdigit()) or len(account) > MAX_ACCOUNT_DIGITS:
        return bad("vietqr.error.account", "account", n=MAX_ACCOUNT_DIGITS)
    if not name:
        return bad("vietqr.error.name_empty", "account_name")
    if not all(" " <= ch <= "~" for ch in name) or len(name) > MAX_NAME:
        return bad("vietqr.error.name", "account_name")
    amount: int | None = None
    typed_amount = re.sub(r"[\s.,_]|đ$|d$", "", form.amount.strip().lower())
    if typed_amount:
        if not (typed_amount.isascii() and typed_amount.isdigit()) or int(typed_amount) <= 0:
            return bad("vietqr.error.amount", "amount")
        if len(typed_amount) > MAX_AMOUNT_DIGITS:
            return bad("vietqr.error.amount_long", "amount")
        amount = int(typed_amount)
    texts: dict[str, str | None] = {}
    for key in ("purpose", "bill"):
        value = fold_ascii(getattr(form, key)).strip() or None
        if value is not None and (len(value) > MAX_TEXT or not value.isascii()):
            return bad(f"vietqr.error.{key}", key, n=MAX_TEXT)
        texts[key] = value
    try:
        payload = build_payload(form.bin, account, amount, texts["purpose"], texts["bill"])
        back = parse_payload(payload)
    except VietQRError as exc:
        return bad("vietqr.error.build", "account", reason=str(exc))
    wanted = (form.bin, account, amount, texts["purpose"], texts["bill"])
    if (back.bin, back.account, back.amount, back.purpose, back.bill) != wanted:
        return bad("vietqr.error.self_check", "account")
    return QrCheck(payload, None, back, name)


def poster_problem(form: QrForm, check: QrCheck) -> FormProblem | None:
    """Why no poster can be made from this form yet (a valid code and a shop name)."""
    if check.problem is not None or check.payload is None:
        return check.problem or FormProblem("vietqr.error.self_check", "account")
    if not form.shop.strip():
        return FormProblem("vietqr.error.shop", "shop")
    return None


def poster_file_name(shop: str, size: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(shop).lower()).strip("-")[:40] or "cua-hang"
    return f"vietqr-{slug}-{size}.pdf"


def poster_pdf(form: QrForm, check: QrCheck, size: PosterSize) -> bytes:
    """The poster PDF (its renderer parses the payload once more). Slow: call on a worker."""
    from kiosk.vietqr.poster import render_poster  # reportlab only when a poster is made

    if check.payload is None:
        raise VietQRError("no valid code to put on a poster")
    bank = bank_name(form.bin) or form.bin
    return render_poster(form.shop.strip(), bank, check.account_name, check.payload, size)
