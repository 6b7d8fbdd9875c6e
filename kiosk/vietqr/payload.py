"""Build and parse VietQR payloads (NAPAS profile of EMVCo merchant-presented QR).

Field order follows what banking apps emit: 00, 01, 38, 52, 53, 54, 58, 59, 60,
62, 63. Lengths count characters and the CRC runs over UTF-8 bytes, so every
free-text field is restricted to printable ASCII; fold Vietnamese first
(`fold_ascii("thanh toán")` -> "thanh toan").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kiosk.vietqr.banks import bank_name
from kiosk.vietqr.crc import crc_text
from kiosk.vietqr.tlv import CRCError, FieldError, LengthError, VietQRError, field, parse_fields

__all__ = [
    "CRCError",
    "FieldError",
    "LengthError",
    "VietQRError",
    "VietQRPayload",
    "build_payload",
    "fold_ascii",
    "parse_payload",
]

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
MAX_ACCOUNT_DIGITS = 19
MAX_AMOUNT_DIGITS = 13
MAX_TEXT = 25  # each field of the additional data (62) and the merchant name
MAX_CITY = 15
PRACTICE_BIN = "000000"  # see kiosk.vietqr.practice
PRACTICE_ACCOUNT = "LUYENTAP"
_ADDITIONAL = (
    ("01", "bill"),
    ("03", "store"),
    ("05", "reference"),
    ("07", "terminal"),
    ("08", "purpose"),
)


@dataclass(frozen=True)
class VietQRPayload:
    """The fields of a VietQR payload. `bank` is None for a BIN not in the shipped list."""

    bin: str
    account: str
    to_card: bool = False
    amount: int | None = None
    purpose: str | None = None
    bill: str | None = None
    store: str | None = None
    reference: str | None = None
    terminal: str | None = None
    mcc: str | None = None
    merchant_name: str | None = None
    merchant_city: str | None = None

    @property
    def bank(self) -> str | None:
        return bank_name(self.bin)

    @property
    def is_practice(self) -> bool:
        return self.bin == PRACTICE_BIN

    @property
    def dynamic(self) -> bool:
        return self.amount is not None


def fold_ascii(text: str) -> str:
    """Vietnamese text without diacritics: "Thanh toán đơn hàng" -> "Thanh toan don hang"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def build_payload(
    bin: str,
    account: str,
    amount: int | None = None,
    purpose: str | None = None,
    bill: str | None = None,
    to_card: bool = False,
    *,
    store: str | None = None,
    reference: str | None = None,
    terminal: str | None = None,
    mcc: str | None = None,
    merchant_name: str | None = None,
    merchant_city: str | None = None,
) -> str:
    """A VietQR payload string with its CRC. Raises FieldError on invalid input."""
    fields = VietQRPayload(
        bin, account, to_card, amount, purpose, bill, store, reference, terminal, mcc,
        merchant_name, merchant_city,
    )  # fmt: skip
    _check_bin(bin)
    _check_account(account, to_card)
    return encode(fields)


def encode(p: VietQRPayload) -> str:
    """Serialise checked fields (no bank-list check: `practice_payload` uses it too)."""
    _check_optional(p)
    beneficiary = field("00", p.bin) + field("01", p.account)
    service = SERVICE_TO_CARD if p.to_card else SERVICE_TO_ACCOUNT
    merchant = field("00", NAPAS_GUID) + field("01", beneficiary) + field("02", service)
    out = field("00", "01") + field("01", "12" if p.amount is not None else "11")
    out += field("38", merchant)
    if p.mcc is not None:
        out += field("52", p.mcc)
    out += field("53", CURRENCY_VND)
    if p.amount is not None:
        out += field("54", str(p.amount))
    out += field("58", COUNTRY_VN)
    if p.merchant_name is not None:
        out += field("59", p.merchant_name)
    if p.merchant_city is not None:
        out += field("60", p.merchant_city)
    extra = "".join(
        field(tag, value) for tag, name in _ADDITIONAL if (value := getattr(p, name)) is not None
    )
    if extra:
        out += field("62", extra)
    out += "6304"
    return out + crc_text(out)


def parse_payload(text: str) -> VietQRPayload:
    """The fields of a payload; raise CRCError, LengthError or FieldError (all VietQRError)."""
    if not isinstance(text, str) or len(text) < 8 or text[-8:-4] != "6304":
        raise CRCError("payload does not end with a CRC field (6304 and 4 hex digits)")
    given = text[-4:]
    expected = crc_text(text[:-4])
    if given != expected:
        raise CRCError(f"CRC is {given!r}, the payload's CRC is {expected!r}")
    top = parse_fields(text, "payload")
    if list(top)[-1] != "63":
        raise FieldError("the CRC field 63 must come last")
    _expect(top, "00", "01")
    if top.get("01") not in ("11", "12"):
        raise FieldError("field 01 must be 11 (static) or 12 (dynamic)")
    _expect(top, "53", CURRENCY_VND)
    _expect(top, "58", COUNTRY_VN)
    if "38" not in top:
        raise FieldError("field 38 (NAPAS merchant account) is missing")
    merchant = parse_fields(top["38"], "field 38")
    _expect(merchant, "00", NAPAS_GUID, "field 38")
    if merchant.get("02") not in (SERVICE_TO_ACCOUNT, SERVICE_TO_CARD):
        raise FieldError(f"field 38.02 must be {SERVICE_TO_ACCOUNT} or {SERVICE_TO_CARD}")
    if "01" not in merchant:
        raise FieldError("field 38.01 (beneficiary) is missing")
    beneficiary = parse_fields(merchant["01"], "field 38.01")
    bin_code, account = beneficiary.get("00", ""), beneficiary.get("01", "")
    amount = top.get("54")
    if amount is not None and not (amount.isascii() and amount.isdigit()):
        raise FieldError("field 54 (amount) must be digits")
    extra = parse_fields(top["62"], "field 62") if "62" in top else {}
    payload = VietQRPayload(
        bin=bin_code,
        account=account,
        to_card=merchant["02"] == SERVICE_TO_CARD,
        amount=int(amount) if amount is not None else None,
        mcc=top.get("52"),
        merchant_name=top.get("59"),
        merchant_city=top.get("60"),
        **{name: extra.get(tag) for tag, name in _ADDITIONAL},
    )
    _check_bin(bin_code, known_only=False)
    if not payload.is_practice:
        _check_account(account, payload.to_card)
    _check_optional(payload)
    return payload


def _expect(fields: dict[str, str], tag: str, value: str, where: str = "field") -> None:
    if fields.get(tag) != value:
        raise FieldError(f"{where} {tag} must be {value!r}, got {fields.get(tag)!r}")


def _check_bin(bin_code: object, known_only: bool = True) -> None:
    if not isinstance(bin_code, str) or len(bin_code) != 6 or not bin_code.isdigit():
        raise FieldError(f"bank BIN must be 6 digits, got {bin_code!r}")
    if known_only and bank_name(bin_code) is None:
        raise FieldError(f"bank BIN {bin_code} is not in the shipped bank list")


def _check_account(account: object, to_card: bool) -> None:
    what = "card number" if to_card else "account number"
    if not isinstance(account, str) or not account or not account.isascii():
        raise FieldError(f"{what} must be digits")
    if not account.isdigit():
        raise FieldError(f"{what} must be digits only, got {account!r}")
    if len(account) > MAX_ACCOUNT_DIGITS:
        raise FieldError(f"{what} has {len(account)} digits; at most {MAX_ACCOUNT_DIGITS}")


def _check_optional(p: VietQRPayload) -> None:
    if p.amount is not None:
        if not isinstance(p.amount, int) or isinstance(p.amount, bool) or p.amount <= 0:
            raise FieldError("amount must be a whole number of dong above 0")
        if len(str(p.amount)) > MAX_AMOUNT_DIGITS:
            raise FieldError(f"amount has more than {MAX_AMOUNT_DIGITS} digits")
    if p.mcc is not None and not (len(p.mcc) == 4 and p.mcc.isascii() and p.mcc.isdigit()):
        raise FieldError("merchant category code must be 4 digits")
    texts = [(tag, name, MAX_TEXT) for tag, name in _ADDITIONAL]
    texts += [("59", "merchant_name", MAX_TEXT), ("60", "merchant_city", MAX_CITY)]
    for _, name, limit in texts:
        _check_text(name.replace("_", " "), getattr(p, name), limit)


def _check_text(name: str, value: object, limit: int) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value:
        raise FieldError(f"{name} must be non-empty text")
    if not all(" " <= ch <= "~" for ch in value):
        raise FieldError(
            f"{name} must be plain ASCII without diacritics; try {fold_ascii(value)!r}"
        )
    if len(value) > limit:
        raise FieldError(f"{name} has {len(value)} characters; at most {limit}")
