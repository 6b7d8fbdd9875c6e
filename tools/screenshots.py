"""Render every kiosk screen to PNG at 1366×768 and 1920×1080 (offscreen).

Usage: python tools/screenshots.py [OUT_DIR] [--lessons | --voices]   (default docs/screenshots)
``--lessons`` renders only every step of every lesson (OUT_DIR/lessons/<lesson-id>/);
``--voices`` only the hearing-language picker and the recording screen.
Each scene is reached the way a person would reach it, through the controller.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from voice_screenshots import voice_shots  # type: ignore[import-not-found]

from kiosk.app import create_window, start_qt
from kiosk.navigation import Screen
from kiosk.paths import DataPaths
from kiosk.services import build_services
from kiosk.staff.setup import complete_setup

SIZES = ((1366, 768), (1920, 1080))
STAFF_PIN, ADMIN_PIN = "246813", "135790"


def settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def shoot(window, out: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    for width, height in SIZES:
        window.resize(width, height)
        settle()
        image = window.grab()
        if (image.width(), image.height()) != (width, height):
            raise SystemExit(
                f"{name}: needs {image.width()}x{image.height()}, does not fit {width}x{height}"
            )
        image.save(str(out / f"{name}-{width}x{height}.png"))


def fresh_window(data_dir: Path):  # type: ignore[no-untyped-def]
    services = build_services(DataPaths(data_dir))
    window = create_window(services, kiosk_mode=False)
    window.show()
    return window, services


def ready_kiosk(data: Path) -> None:
    """A kiosk whose first-run set-up is done."""
    services = build_services(DataPaths(data))
    with services.database.transaction() as session:
        complete_setup(
            session,
            commune_code="03127",
            learning_point="Nhà văn hoá bản Him Lam",
            staff_pin=STAFF_PIN,
            admin_pin=ADMIN_PIN,
            known_communes={u.code for u in services.units},
        )
    services.close()


def first_lesson(controller) -> str:  # type: ignore[no-untyped-def]
    return str(controller.services.content().lessons[0].lesson.id)


def lesson_shots(data: Path, out: Path) -> None:
    """Every step of every lesson as a learner meets it, then the result page, at 1366×768.

    One folder per lesson: ``<lesson-id>/NN-<step-id>.png`` and ``NN-result.png``. A step
    whose guidance panel needs more height than the window gives is refused (clipped).
    """
    from kiosk.content.answers import right_event

    window, services = fresh_window(data)
    c = window.controller
    c.show(Screen.LEARNER_START)
    c.learner_flow.as_guest()
    width, height = SIZES[0]
    window.resize(width, height)
    for entry in services.content().lessons:
        folder = out / entry.lesson.id
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        if c.nav.current is Screen.LESSON:
            c.show(Screen.CATALOGUE)
        c.learner_flow.open_lesson(entry.lesson.id)
        player = c.current_widget
        run = player.session.attempt.run
        number = 1
        while not run.finished:
            step = run.current_step
            shoot_one(window, folder / f"{number:02d}-{step.id}.png", (width, height))
            panel = player.panel
            if panel.minimumSizeHint().height() > panel.height():
                raise SystemExit(f"{entry.lesson.id}/{step.id}: the panel is clipped")
            event = right_event(step, run.screen)
            if event is None:
                raise SystemExit(f"{entry.lesson.id}: no right answer for {step.id}")
            player.handle(event)
            player.go_on()
            number += 1
        shoot_one(window, folder / f"{number:02d}-result.png", (width, height))
    c.reset_to_welcome()
    services.close()


def shoot_one(window, file: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    settle()
    image = window.grab()
    if (image.width(), image.height()) != size:
        raise SystemExit(f"{file.name}: needs {image.width()}x{image.height()}, does not fit")
    image.save(str(file))


# -- staff console scenes ----------------------------------------------------------------


def seed_console(services) -> None:  # type: ignore[no-untyped-def]
    """A few learners who finished lessons (played with right answers), for the console."""
    from datetime import timedelta

    from kiosk.clock import utcnow
    from kiosk.content.answers import right_event
    from kiosk.learners.registry import Purpose, Registration, register
    from kiosk.learning import progress
    from kiosk.learning.session import LessonSession

    db = services.database
    lessons = services.content().lessons
    kiosk_id = services.identity.kiosk_id
    people = (
        ("Lò Thị Hoa", 1975, "Bản Him Lam", "adults", 3),
        ("Lò Văn Hùng", 1982, "Bản Noong Bua", "workers", 2),
        ("Quàng Thị Đào", 2011, "Tổ dân phố 5", "pupils", 4),
        ("Cà Văn Thắng", 1969, "Bản Him Lam", "public_staff", 1),
    )
    for i, (name, year, village, group, done) in enumerate(people):
        when = utcnow() - timedelta(days=3 * i)
        with db.transaction() as s:
            learner = register(
                s,
                services.vault(),
                Registration(name, year, village, group, {Purpose.SLIP: True}),
                kiosk_id,
                when,
            )
        for entry in lessons[i : i + done]:
            ticks = iter(range(0, 10_000_000, 1000))
            with db.transaction() as s:
                attempt = progress.start_or_resume(s, kiosk_id, learner.id, entry.lesson, when, 0)
            session = LessonSession(db, attempt, entry, lambda w=when: w, lambda t=ticks: next(t))
            while not session.finished:
                run = session.attempt.run
                session.handle(right_event(run.current_step, run.screen))


def learners_search(c, text: str) -> None:  # type: ignore[no-untyped-def]
    c.show(Screen.STAFF_LEARNERS)
    c.current_widget.search.setText(text)


def learner_detail(c) -> None:  # type: ignore[no-untyped-def]
    screen = c.current_widget
    screen.keyboard_button.setChecked(False)
    screen.results.itemClicked.emit(screen.results.item(0))
    screen.rename_button.click()


def reports_by(c, grouping: str, period: str) -> None:  # type: ignore[no-untyped-def]
    screen = c.current_widget
    screen.grouping.setCurrentIndex(screen.grouping.findData(grouping))
    screen.period.setCurrentIndex(screen.period.findData(period))
    screen.range.setCurrentIndex(screen.range.findData("this_year"))


def settings_scrolled(c) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    c.show(Screen.STAFF_MENU)
    c.show(Screen.SETTINGS)
    area = c.current_widget.findChild(QScrollArea)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())


def large_high_contrast(c) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from kiosk.ui import theme

    theme.apply(QApplication.instance(), "large", high_contrast=True)
    c.reset_to_welcome()


def normal_look(c) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from kiosk.ui import theme

    theme.apply(QApplication.instance(), "normal")
    c.reset_to_welcome()


def main() -> int:
    args = [a for a in sys.argv[1:] if a not in ("--lessons", "--voices")]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    start_qt()
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    if "--lessons" in sys.argv:  # only the lessons' steps (a minute, not five)
        data = tmp / "lessons"
        ready_kiosk(data)
        lesson_shots(data, out / "lessons")
        print(f"lesson screenshots written to {out / 'lessons'}")
        return 0
    if "--voices" in sys.argv:
        ready_kiosk(tmp / "voices")
        voice_shots(tmp / "voices", out, ADMIN_PIN, sys.modules[__name__])
        return 0

    window, services = fresh_window(tmp / "new")
    c = window.controller
    shoot(window, out, "01-welcome-not-set-up")
    c.show(Screen.SETUP)
    settle()
    wizard = c.current_widget
    shoot(window, out, "02-setup-commune")
    wizard.filter.setText("mường")
    wizard.unit_list.setCurrentRow(1)
    wizard._after_commune()
    wizard.name_edit.setText("Nhà văn hoá bản Him Lam")
    shoot(window, out, "03-setup-name")
    wizard._after_name()
    for digit in STAFF_PIN:
        wizard.pad.press(digit)
    shoot(window, out, "04-setup-pin")
    services.close()

    data = tmp / "ready"
    ready_kiosk(data)
    window, services = fresh_window(data)
    c = window.controller
    scenes: list[tuple[str, Callable[[], None]]] = [
        ("05-welcome", lambda: None),
        ("06-welcome-english", lambda: c.choose_language("en")),
        ("07-idle-countdown", lambda: c.overlay.start(20)),
        ("08-staff-pin", lambda: (c.overlay.cancel(), c.reset_to_welcome(), c.open_staff_entry())),
        ("09-staff-pin-wrong", lambda: c.staff.pin_entered(c.current_widget, "0000")),
        ("10-staff-menu", lambda: c.staff.pin_entered(c.current_widget, ADMIN_PIN)),
        ("11-settings", lambda: c.show(Screen.SETTINGS)),
        ("12-about", lambda: (c.show(Screen.STAFF_MENU), c.show(Screen.ABOUT))),
        ("14-staff-slips", lambda: (c.show(Screen.STAFF_MENU), c.show(Screen.STAFF_SLIPS))),
        ("14b-staff-sync", lambda: (c.show(Screen.STAFF_MENU), c.show(Screen.STAFF_SYNC))),
        ("14c-staff-sync-keyboard", lambda: c.current_widget.keyboard_button.setChecked(True)),
        # -- staff console --
        ("15-staff-today", lambda: (c.show(Screen.STAFF_MENU), c.show(Screen.STAFF_TODAY))),
        ("16-staff-learners", lambda: (c.show(Screen.STAFF_MENU), learners_search(c, "lo"))),
        ("17-staff-learner-detail", lambda: learner_detail(c)),
        ("18-staff-reports", lambda: (c.show(Screen.STAFF_MENU), c.show(Screen.STAFF_REPORTS))),
        ("18b-staff-reports-track", lambda: reports_by(c, "track", "month")),
        ("19-staff-audit", lambda: (c.show(Screen.STAFF_MENU), c.show(Screen.STAFF_AUDIT))),
        ("19b-settings-lower", lambda: settings_scrolled(c)),
        ("20-learner-start", lambda: (c.reset_to_welcome(), c.show(Screen.LEARNER_START))),
        ("21-register-consent", lambda: c.show(Screen.REGISTER)),
        ("22-sign-in", lambda: (c.show(Screen.LEARNER_START), c.show(Screen.SIGN_IN))),
        ("23-catalogue-guest", lambda: (c.show(Screen.LEARNER_START), c.learner_flow.as_guest())),
        ("24-lesson-first-step", lambda: c.learner_flow.open_lesson(first_lesson(c))),
        ("25-lesson-exit-confirm", lambda: c.current_widget.ask_exit()),
    ]
    seed_console(services)  # learners and completions for the staff console's screens
    for name, action in scenes:
        action()
        shoot(window, out, name)
        if name == "19b-settings-lower":  # console: the look an admin can choose, then back
            large_high_contrast(c)
            shoot(window, out, "19c-welcome-large-high-contrast")
            normal_look(c)
    c.reset_to_welcome()  # the learner leaves: the lesson is not an interrupted one
    services.close()
    lesson_shots(data, out / "lessons")
    market_shots(data, out)  # content packs, VietQR tool, demo mode
    voice_shots(data, out, ADMIN_PIN, sys.modules[__name__])  # picker, recording screen

    broken = tmp / "broken"
    broken.mkdir()
    (broken / "kiosk.sqlite3").write_bytes(b"this is not a database")
    window, services = fresh_window(broken)
    shoot(window, out, "13-database-error")
    print(f"screenshots written to {out}")
    return 0


# -- content packs, VietQR tool, demonstration mode (appended) ----------------------------------


def _wait_for_workers() -> None:
    import time

    from kiosk.ui import worker

    deadline = time.monotonic() + 20
    while worker.busy() and time.monotonic() < deadline:
        settle()
        time.sleep(0.02)
    settle()


def _sample_pack(root: Path, version: int, codes: tuple[int, int]) -> Path:
    """A small 'Chợ số' pack as it would come on a USB stick."""
    import yaml

    (root / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "media").mkdir(exist_ok=True)
    (root / "media" / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    ids = ["cho-so-ban-hang", "cho-so-nhan-tien"]
    titles = ["Bán hàng trên mạng an toàn", "Nhận tiền bằng mã QR ở chợ"]
    manifest = {"schema_version": 1, "id": "cho-so", "version": version,
                "title": {"vi": "Chợ số Điện Biên"}, "lessons": ids}  # fmt: skip
    (root / "pack.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), "utf-8")
    for lesson_id, title, code in zip(ids, titles, codes, strict=True):
        lesson = {
            "schema_version": 1, "id": lesson_id, "code": code, "version": version,
            "title": {"vi": title}, "summary": {"vi": "Bài cho người bán ở chợ."},
            "track": "e_payment", "target_groups": ["adults"], "estimated_minutes": 3,
            "icon": "media/icon.svg",
            "steps": [{"id": "intro", "kind": "explain", "picture": "media/icon.svg",
                       "narration": {"vi": title + "."}}],
        }  # fmt: skip
        text = yaml.safe_dump(lesson, allow_unicode=True)
        (root / "lessons" / f"{lesson_id}.yaml").write_text(text, "utf-8")
    return root


def market_shots(data: Path, out: Path) -> None:
    """Staff content packs and VietQR screens, the demo loop (two frames), the presenter."""
    from kiosk.content.install import install
    from kiosk.content.plan import plan_install

    window, services = fresh_window(data)
    c = window.controller
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-usb-"))
    install(plan_install(_sample_pack(tmp / "old" / "cho-so", 1, (9101, 9102)), data))
    services.reload_content()
    c.open_staff_entry()
    c.staff.pin_entered(c.current_widget, ADMIN_PIN)
    c.content_flow.open()
    newer = _sample_pack(tmp / "usb" / "cho-so", 2, (9101, 9102))
    c.content_flow.check(newer.parent)
    _wait_for_workers()
    shoot(window, out, "30-staff-content-plan")
    bad = _sample_pack(tmp / "bad" / "cho-so", 3, (9101, 404))
    (bad / "media" / "icon.svg").unlink()
    c.content_flow.check(bad)
    _wait_for_workers()
    shoot(window, out, "31-staff-content-refused")

    c.show(Screen.STAFF_MENU)
    c.show(Screen.STAFF_VIETQR)
    tool = c.current_widget
    tool.choose_bank("970403")
    for key, value in (("account", "0011012345678"), ("account_name", "Lò Thị Mẫu"),
                       ("shop", "Sạp rau chị Mẫu"), ("amount", "180000"),
                       ("purpose", "thanh toan don hang"), ("bill", "NPS6869")):  # fmt: skip
        tool.fields[key].setText(value)
    shoot(window, out, "32-staff-vietqr")
    tool.fields["account"].setText("0011-0123x")
    shoot(window, out, "33-staff-vietqr-invalid")

    c.reset_to_welcome()
    c.demo.start()
    loop = c.current_widget
    for name, demo, frame in (("34-demo-loop-scan", 0, 1), ("35-demo-loop-scam", 1, 0)):
        loop.show_demo(demo, frame)
        loop.fade_in.stop()
        loop.fade.setOpacity(1.0)
        shoot(window, out, name)
    c.show(Screen.DEMO_PRESENTER)
    shoot(window, out, "36-demo-presenter-pick")
    presenter = c.current_widget
    presenter.open_lesson("safe-fake-qr")
    presenter.step_forward()
    presenter.step_forward()
    shoot(window, out, "37-demo-presenter-step")
    c.demo.stop()
    c.reset_to_welcome()
    services.close()


if __name__ == "__main__":
    sys.exit(main())
