"""Completion slips on the kiosk: issuing, the printing order, slip PDFs and verification.

Plain Python, no Qt. The record format itself (record, CBOR wire form, signed QR text,
keys) is `kiosk_records`, shared with the hub. `kiosk.slips.render` imports reportlab;
import it only when printing. Typical use::

    key = load_or_create_kiosk_key(secrets_dir)    # kiosk_records.keys
    text = encode_slip(record, key)                # kiosk_records.codec: "HS1:..."
    pdf = render_slips([slip_view(record, text, ...)], Layout.ROLL80)
    result = verify(text, trust)                   # result.ok, result.failure
"""
