"""Navigation as one explicit state machine (no Qt).

Every screen the kiosk can show is a :class:`Screen`; ``TRANSITIONS`` says
where each may lead. The UI's controller is the one place that asks this
machine to move and then swaps the visible widget.
"""

from __future__ import annotations

import enum


class Screen(enum.Enum):
    WELCOME = "welcome"
    SETUP = "setup"
    STAFF_PIN = "staff_pin"
    STAFF_MENU = "staff_menu"
    SETTINGS = "settings"
    ABOUT = "about"
    DATABASE_ERROR = "database_error"
    LEARNER_START = "learner_start"
    SIGN_IN = "sign_in"
    REGISTER = "register"
    CATALOGUE = "catalogue"
    LESSON = "lesson"
    STAFF_SLIPS = "staff_slips"  # completion slips: queue, printing, verify
    # content packs, VietQR posters, demonstration mode (Chợ số stalls)
    STAFF_CONTENT = "staff_content"  # install / roll back content packs (admin)
    STAFF_VIETQR = "staff_vietqr"  # a vendor's real VietQR code and poster
    DEMO_LOOP = "demo_loop"  # attract loop; replaces the welcome in demo mode
    DEMO_PRESENTER = "demo_presenter"  # any lesson, stepped freely, nothing recorded
    # -- staff console: today, learners, reports, audit log --
    STAFF_TODAY = "staff_today"
    STAFF_LEARNERS = "staff_learners"  # search, detail, rename
    STAFF_REGISTER = "staff_register"  # staff register a learner on their behalf
    STAFF_REPORTS = "staff_reports"
    STAFF_AUDIT = "staff_audit"  # admin
    STAFF_SYNC = "staff_sync"  # sync: hub enrolment, outbox status, send now, USB export
    STAFF_CHANGE_PIN = "staff_change_pin"  # admin: a new staff or administrator PIN
    STAFF_VOICES = "staff_voices"  # admin or voice role: record the kiosk's lines


# Screens reachable from anywhere (the idle reset and the staff gesture).
GLOBAL_TARGETS = frozenset({Screen.WELCOME, Screen.STAFF_PIN})

TRANSITIONS: dict[Screen, frozenset[Screen]] = {
    Screen.WELCOME: frozenset(
        {Screen.SETUP, Screen.LEARNER_START, Screen.LESSON, Screen.DEMO_LOOP}
    ),
    Screen.LEARNER_START: frozenset({Screen.SIGN_IN, Screen.REGISTER, Screen.CATALOGUE}),
    Screen.SIGN_IN: frozenset({Screen.CATALOGUE, Screen.REGISTER, Screen.LEARNER_START}),
    Screen.REGISTER: frozenset({Screen.CATALOGUE, Screen.LEARNER_START}),
    Screen.CATALOGUE: frozenset({Screen.LESSON}),
    Screen.LESSON: frozenset({Screen.CATALOGUE, Screen.LESSON}),
    Screen.SETUP: frozenset({Screen.WELCOME}),
    Screen.STAFF_PIN: frozenset({Screen.STAFF_MENU, Screen.SETTINGS}),
    Screen.STAFF_MENU: frozenset(
        {Screen.SETTINGS, Screen.ABOUT, Screen.STAFF_SLIPS}
        | {Screen.STAFF_CONTENT, Screen.STAFF_VIETQR}  # content packs, VietQR tool
        | {Screen.STAFF_TODAY, Screen.STAFF_LEARNERS, Screen.STAFF_REPORTS, Screen.STAFF_AUDIT}
        | {Screen.STAFF_SYNC}  # sync with the provincial hub
        | {Screen.STAFF_CHANGE_PIN, Screen.STAFF_VOICES}
    ),
    Screen.STAFF_SLIPS: frozenset({Screen.STAFF_MENU}),
    Screen.SETTINGS: frozenset({Screen.STAFF_MENU}),
    Screen.ABOUT: frozenset({Screen.STAFF_MENU}),
    Screen.DATABASE_ERROR: frozenset(),
    # content packs, VietQR posters, demonstration mode
    Screen.STAFF_CONTENT: frozenset({Screen.STAFF_MENU}),
    Screen.STAFF_VIETQR: frozenset({Screen.STAFF_MENU}),
    Screen.DEMO_LOOP: frozenset({Screen.DEMO_PRESENTER}),
    Screen.DEMO_PRESENTER: frozenset({Screen.DEMO_PRESENTER, Screen.DEMO_LOOP}),
    # -- staff console --
    Screen.STAFF_TODAY: frozenset(
        {Screen.STAFF_MENU, Screen.STAFF_LEARNERS, Screen.STAFF_REPORTS, Screen.STAFF_SLIPS}
    ),
    Screen.STAFF_LEARNERS: frozenset({Screen.STAFF_MENU, Screen.STAFF_REGISTER}),
    Screen.STAFF_REGISTER: frozenset({Screen.STAFF_LEARNERS}),
    Screen.STAFF_REPORTS: frozenset({Screen.STAFF_MENU}),
    Screen.STAFF_AUDIT: frozenset({Screen.STAFF_MENU}),
    Screen.STAFF_SYNC: frozenset({Screen.STAFF_MENU}),  # sync
    Screen.STAFF_CHANGE_PIN: frozenset({Screen.STAFF_MENU}),
    Screen.STAFF_VOICES: frozenset({Screen.STAFF_MENU}),
}

# Screens that only staff may see; the idle reset leaves them too.
STAFF_SCREENS = frozenset(
    {Screen.STAFF_MENU, Screen.SETTINGS, Screen.ABOUT, Screen.SETUP, Screen.STAFF_SLIPS}
    | {Screen.STAFF_CONTENT, Screen.STAFF_VIETQR}  # content packs, VietQR tool
    | {Screen.STAFF_TODAY, Screen.STAFF_LEARNERS, Screen.STAFF_REPORTS, Screen.STAFF_AUDIT}
    | {Screen.STAFF_REGISTER, Screen.STAFF_SYNC}
    | {Screen.STAFF_CHANGE_PIN, Screen.STAFF_VOICES}
)


class NavigationError(RuntimeError):
    pass


class Navigator:
    """Holds the current screen and checks every move."""

    def __init__(self, start: Screen = Screen.WELCOME) -> None:
        self.current = start

    def can_go(self, target: Screen) -> bool:
        if self.current is Screen.DATABASE_ERROR:
            return False  # nothing works without a database: stay and explain
        return target in GLOBAL_TARGETS or target in TRANSITIONS[self.current]

    def go(self, target: Screen) -> Screen:
        """Move to ``target``; returns the screen being left."""
        if not self.can_go(target):
            raise NavigationError(f"{self.current.value} -> {target.value} is not allowed")
        previous, self.current = self.current, target
        return previous
