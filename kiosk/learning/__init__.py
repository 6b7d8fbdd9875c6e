"""Lesson attempts on this kiosk: saving every step, resuming, completions."""
