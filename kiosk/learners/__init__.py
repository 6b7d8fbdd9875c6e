"""Registered learners: privacy by design (see ../shared/reference/privacy.md)."""
