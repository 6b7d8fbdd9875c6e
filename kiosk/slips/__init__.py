"""Signed completion slips: records, QR text, verification and slip PDFs.

Plain Python, no Qt. `kiosk.slips.render` imports reportlab; import it only
when printing. Typical use::

    key = load_or_create_kiosk_key(secrets_dir)
    text = encode_slip(record, key)             # QR text, "HS1:..."
    pdf = render_slips([slip_view(record, text, ...)], Layout.ROLL80)
    result = verify(text, trust)                # result.ok, result.failure
"""
