"""Học Số Kiosk: digital-skills practice for the learning points of Điện Biên."""

__version__ = "0.1.0"
