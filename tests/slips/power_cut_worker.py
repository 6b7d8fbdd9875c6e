"""A kiosk doing complete → issue → print forever, for the power-cut test to kill.

Usage: python power_cut_worker.py DATA_DIR PDF_DIR SEED

Prints (flushed) ``ready`` once started, ``committed <completion id>`` after a
completion's transaction commits, ``issued <serial>`` and ``printed <serial>``.
On start it first does what the kiosk does after a power cut: issue slips for
completions left without one, then retry the print queue. The "printer" is a
folder: every job becomes a new file (``<title>.<random>.pdf``), so a second
print of the same slip is never hidden by overwriting the first.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.clock import utcnow
from kiosk.content.loader import load_packs
from kiosk.paths import DataPaths
from kiosk.services import build_services
from kiosk.slips.desk import waiting_learners
from kiosk.slips.issue import issue_slip, queued_slips
from kiosk.slips.local import kiosk_key
from kiosk.slips.printing import (
    SlipContext,
    lessons_for_slips,
    print_slip,
    titles_by_code,
)
from kiosk.staff.setup import complete_setup
from kiosk_records.files import write_atomic
from tests.helpers.slips_helpers import complete_lesson, register_learner

FAMILY = ("Lò", "Quàng", "Cà", "Lường", "Tòng", "Điêu", "Vàng", "Giàng")
GIVEN = ("Văn An", "Thị Hoa", "Văn Bình", "Thị Mai", "Thị Lan", "Văn Sáng", "A Dính", "Thị Xuân")


class AppendingFolder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, pdf: bytes, title: str) -> None:
        write_atomic(self.folder / f"{title}.{uuid.uuid4().hex[:8]}.pdf", pdf)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(data_dir: Path, pdf_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    services = build_services(DataPaths(data_dir))
    db = services.database
    assert db is not None
    if services.identity is None:
        with db.transaction() as s:
            complete_setup(
                s,
                commune_code="03127",
                learning_point="Điểm thử mất điện",
                staff_pin="246813",
                admin_pin="135790",
                known_communes={u.code for u in services.units},
            )
    key = kiosk_key(data_dir)
    packs = load_packs()
    lessons = lessons_for_slips(packs.lessons)
    context = SlipContext("Điểm thử mất điện", "Phường Điện Biên Phủ", titles_by_code(lessons))
    sink = AppendingFolder(pdf_dir)
    say("ready")
    with db.transaction() as s:
        leftovers = [w.learner_id for w in waiting_learners(s)]
    for learner in leftovers:
        with db.transaction() as s:
            info = issue_slip(s, key, learner, lessons, utcnow())
        say(f"issued {info.serial}")
    with db.transaction() as s:
        queue = queued_slips(s)
    for info in queue:
        if print_slip(db, info.id, context, sink, utcnow).ok:
            say(f"printed {info.serial}")
    deadline = time.monotonic() + 60  # never outlive a test that forgot to kill us
    while time.monotonic() < deadline:
        name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
        learner = register_learner(db, services.paths, name, utcnow())
        entry = rng.choice(packs.lessons)
        completion = complete_lesson(db, packs, entry.lesson.id, learner, utcnow)
        say(f"committed {completion.id}")
        with db.transaction() as s:
            info = issue_slip(s, key, learner, lessons, utcnow())
        say(f"issued {info.serial}")
        if print_slip(db, info.id, context, sink, utcnow).ok:
            say(f"printed {info.serial}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
