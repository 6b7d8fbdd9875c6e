"""What staff do at the slips desk: see the queue, issue a slip, what a slip is printed with.

One function per action, each in its own transaction; the slips screen calls these.
Printing itself (``kiosk.slips.printing.print_slips``) runs on a worker.
"""

from __future__ import annotations

import uuid

from kiosk.formatting import commune_label
from kiosk.services import Services
from kiosk.slips.desk import DeskState, desk_state
from kiosk.slips.issue import LessonInfo, SlipInfo, issue_slip
from kiosk.slips.local import kiosk_key
from kiosk.slips.printing import SlipContext, lessons_for_slips, titles_by_code
from kiosk.slips.view import Layout


def slip_lessons(services: Services) -> dict[str, LessonInfo]:
    """Lesson id -> code and title, from the kiosk's one catalogue (installed packs too)."""
    return lessons_for_slips(services.content().lessons)


def desk(services: Services) -> DeskState:
    """Who waits for a slip, what is queued to print, what was printed."""
    with services.db.transaction() as session:
        return desk_state(session, services.clock())


def issue(services: Services, learner_id: uuid.UUID) -> SlipInfo:
    """Sign a slip for a learner's lessons not yet on a slip, and queue it for printing.

    Raises:
        SlipError: nothing to put on a slip, an unknown lesson, the kiosk not set up.
    """
    key = kiosk_key(services.paths.root)  # made here if set-up did not
    lessons = slip_lessons(services)
    with services.db.transaction() as session:
        return issue_slip(session, key, learner_id, lessons, services.clock())


def slip_context(services: Services) -> SlipContext:
    """What every slip of this kiosk is printed with: place, commune, titles, layout."""
    identity = services.identity
    learning_point = identity.learning_point if identity else ""
    commune = commune_label(services.units, identity.commune_code) if identity else ""
    try:
        layout = Layout(services.settings.slip_layout)
    except ValueError:
        layout = Layout.ROLL80
    return SlipContext(learning_point, commune, titles_by_code(slip_lessons(services)), layout)
