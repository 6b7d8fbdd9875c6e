"""The record format shared by kiosks and the hub, and the communes both name.

Plain Python, no Qt, no database: a completion record (`record`), its CBOR payload
(`wire`, `textpack`), the signed QR text (`codec`, `base45`), kiosk keys and trust
lists (`keys`), citizen IDs sealed to the hub (`sealing`), the USB bundle format
(`bundle`) and the 45 communes and wards of Điện Biên (`communes`).
"""
