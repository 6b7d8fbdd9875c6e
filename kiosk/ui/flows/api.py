"""What flows share without importing each other: a staff-menu item and the visit.

Cheap to import (the welcome screen's start-up needs it before any flow loads).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.staff.roles import Role

if TYPE_CHECKING:
    import uuid

    from kiosk.i18n import Translator
    from kiosk.learners.registry import LearnerView


@dataclass(frozen=True)
class MenuItem:
    key: str  # translation key of the button
    action: Callable[[], None]
    style: str = ""  # "", "primary", "danger"
    admin_only: bool = False  # shown to staff too, but asks for the admin role


class Visit:
    """What the kiosk knows about the person in front of it now; ``end`` forgets it all.

    One object, so the idle reset (or going back to the welcome screen) clears the
    learner, the lesson, the staff role and the language in one call.
    """

    def __init__(self, translator: Translator, default_language: str) -> None:
        self._translator = translator
        self._default_language = default_language
        self.learner: LearnerView | None = None  # None: a guest (nothing personal kept)
        self.lesson_id: str | None = None
        self.resume_attempt: uuid.UUID | None = None
        self.role: Role | None = None  # staff signed in with a PIN

    @property
    def actor(self) -> str:
        """Who the audit log names for a staff action."""
        return (self.role or Role.STAFF).value

    def end(self) -> None:
        self.learner = None
        self.lesson_id = None
        self.resume_attempt = None
        self.role = None
        self._translator.set_language(self._default_language)
