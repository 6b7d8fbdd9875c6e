"""VietQR (NAPAS 247, EMVCo merchant-presented) payloads, practice codes and posters.

Plain Python, no Qt. `kiosk.vietqr.poster` imports reportlab; import it only
when printing.
"""
