"""What flows see of the kiosk: ``FlowHost`` (the controller, through a narrow door),
the ``Visit`` and a staff-menu item. Flows import this, never each other.

Cheap to import (the welcome screen's start-up needs it before any flow loads).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.staff.roles import Role

HEARING_DEFAULT = "vi"  # Vietnamese: every line has a Vietnamese file

if TYPE_CHECKING:
    import uuid
    from pathlib import Path

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

    from kiosk.content.speech import Line, Voice
    from kiosk.i18n import Translator
    from kiosk.learners.registry import LearnerView
    from kiosk.navigation import Screen
    from kiosk.services import Services
    from kiosk.ui.audio import Narrator
    from kiosk.ui.spoken import Spoken


@dataclass(frozen=True)
class MenuItem:
    key: str  # translation key of the button
    action: Callable[[], None]
    style: str = ""  # "", "primary", "danger"
    admin_only: bool = False  # shown to staff too, but asks for the admin role
    voice: bool = False  # also open to the voice role (which sees nothing else)


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
        self.hearing = HEARING_DEFAULT  # the language narration is heard in

    @property
    def actor(self) -> str:
        """Who the audit log names for a staff action."""
        return (self.role or Role.STAFF).value

    def end(self) -> None:
        self.learner = None
        self.lesson_id = None
        self.resume_attempt = None
        self.role = None
        self.hearing = HEARING_DEFAULT
        self._translator.set_language(self._default_language)


class FlowHost(Protocol):
    """What a flow may use: show a screen, translate, the services, the visit, and a few
    kiosk-wide verbs. The controller provides it; a flow never sees another flow."""

    services: Services
    visit: Visit
    current_widget: QWidget | None

    def t(self, key: str, **values: object) -> str: ...

    def show(self, target: Screen) -> None: ...

    @property
    def current_screen(self) -> Screen: ...

    def reset_to_welcome(self) -> None: ...

    def open_staff_entry(self) -> None: ...

    def on_screen_changed(self, slot: Callable[[Screen], None]) -> None: ...

    def set_idle_timeout(self, seconds: int) -> None: ...

    def relabel_menu_item(self, old_key: str, item: MenuItem) -> None: ...

    @property
    def narrator(self) -> Narrator: ...

    def say(self, lines: Sequence[Spoken]) -> None:
        """Say a learner screen's lines in the visit's language, stopping what was playing."""
        ...

    def heard_voice(self, scope: str, lines: Sequence[Line], vietnamese: Voice) -> Voice:
        """The clips of ``scope`` in the visit's hearing language (Vietnamese fills gaps)."""
        ...

    def open_hearing_picker(self) -> None:
        """Show the hearing-language picker over the current screen."""
        ...

    def on_hearing_changed(self, slot: Callable[[], None]) -> None: ...

    def hearing_label(self) -> tuple[str, Path | None]:
        """The heard language's name and picture (the button that opens the picker)."""
        ...

    @property
    def qt_parent(self) -> QObject:
        """The owner of a flow's long-lived Qt objects (they go with the window)."""
        ...

    def quit(self) -> None: ...
