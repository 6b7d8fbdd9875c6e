"""Practice VietQR codes for lessons: the real layout, and no way to move money."""

from __future__ import annotations

from kiosk.vietqr.payload import PRACTICE_ACCOUNT, PRACTICE_BIN, VietQRPayload, encode

PRACTICE_MERCHANT_NAME = "LUYEN TAP KHONG CO THAT"


def practice_payload(amount: int | None = None, purpose: str | None = "LUYEN TAP") -> str:
    """A payload for lessons that a real banking app cannot pay.

    It keeps every field, nesting and a correct CRC, so the kiosk's simulated
    bank app parses it like a real code (`parse_payload(...).is_practice`).
    It still cannot move money, for three independent reasons:

    - The acquirer BIN is ``000000``. NAPAS routes a transfer by this BIN and
      no participant has it: real BINs are 970xxx or card IINs, and an IIN
      starting with 0 is not issued to banks (ISO/IEC 7812). A banking app
      stops at "bank not supported" before it asks for a PIN or OTP.
    - The account is ``LUYENTAP`` ("practice"). Account and card numbers are
      digits only, so no bank can match it even if the BIN were routed.
    - The merchant name (field 59), which apps display, says
      ``LUYEN TAP KHONG CO THAT`` ("practice, not real").

    We keep the CRC correct rather than breaking it on purpose: a broken CRC
    would also stop real apps, but the lesson's own scanner would then have to
    accept invalid codes, which teaches the wrong habit.
    """
    return encode(
        VietQRPayload(
            bin=PRACTICE_BIN,
            account=PRACTICE_ACCOUNT,
            amount=amount,
            purpose=purpose,
            merchant_name=PRACTICE_MERCHANT_NAME,
        )
    )
