"""A learner's whole path through the real controller: start, lessons, a lesson, a crash."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.app import create_window
from kiosk.content.answers import right_event
from kiosk.content.speech import LEARNER_SCREEN_LINES
from kiosk.learners.registry import Purpose
from kiosk.navigation import Screen
from kiosk.paths import DataPaths
from kiosk.services import build_services
from kiosk.ui.screens.learner_start import CHOICES
from kiosk.ui.screens.register import Page as RegisterPage
from tests.conftest import COMMUNE

LEFT = Qt.MouseButton.LeftButton
CONSENTS = [f"register.consent.{p.value}" for p in Purpose]


def test_guest_reaches_the_catalogue_and_a_lesson(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    qtbot.mouseClick(c.current_widget.action, Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.LEARNER_START
    c.current_widget.guest_chosen.emit()
    assert c.nav.current is Screen.CATALOGUE
    lessons = c.services.content().lessons
    assert lessons
    c.current_widget.lesson_chosen.emit(lessons[0].lesson.id)
    assert c.nav.current is Screen.LESSON
    player = c.current_widget
    assert player.session.is_guest


def test_registered_learner_signs_in_and_sees_done_lessons(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.learners.registry import Purpose, Registration

    c = window.controller
    c.show(Screen.LEARNER_START)
    c.show(Screen.REGISTER)
    c.current_widget.submitted.emit(
        Registration("Lò Thị Mẫu", 1980, "Bản Him Lam", "adults", {Purpose.SLIP: True})
    )
    assert c.nav.current is Screen.CATALOGUE
    assert c.learner_flow.learner is not None
    c.reset_to_welcome()
    assert c.learner_flow.learner is None
    c.show(Screen.LEARNER_START)
    c.show(Screen.SIGN_IN)
    c.current_widget.sign_in_requested.emit("lo thi mau", 1980, None)
    assert c.nav.current is Screen.CATALOGUE
    assert c.learner_flow.learner.full_name == "Lò Thị Mẫu"


def test_a_crash_mid_lesson_reopens_the_same_step(kiosk_qt, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    win = create_window(ready_services, kiosk_mode=False)
    qtbot.addWidget(win)
    c = win.controller
    c.show(Screen.LEARNER_START)
    c.learner_flow.as_guest()
    lesson_id = c.services.content().lessons[0].lesson.id
    c.learner_flow.open_lesson(lesson_id)
    player = c.current_widget
    run = player.session.attempt.run
    for _ in range(2):
        player.handle(right_event(run.current_step, run.screen))
    step_id = run.current_step.id
    # Power cut: no leave(), no save beyond what each finished step already wrote.
    win.controller.idle.stop()
    root = ready_services.paths.root
    ready_services.close()
    again = build_services(DataPaths(root))
    assert again.identity is not None and again.identity.commune_code == COMMUNE
    win2 = create_window(again, kiosk_mode=False)
    qtbot.addWidget(win2)
    c2 = win2.controller
    assert c2.nav.current is Screen.LESSON
    assert c2.current_widget.session.attempt.run.current_step.id == step_id
    win.allow_close = win2.allow_close = True
    again.close()


# -- spoken screens ----------------------------------------------------------------

SCREENS = "_screens/"


def heard(c, since: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The keys the narrator reported since ``since`` (message keys without their scope);
    each screen line must be one the audio generator makes a file for."""
    keys = [key.removeprefix(SCREENS) for key in c.narrator.history[since:]]
    assert {key for key in keys if "/" not in key} <= set(LEARNER_SCREEN_LINES)
    return keys


def speakers(widget) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The loudspeaker buttons on ``widget`` that can be seen, by the key they say."""
    found = widget.findChildren(QPushButton, "speaker")
    return {b.property("line").removeprefix(SCREENS): b for b in found if b.isVisibleTo(widget)}


def test_each_learner_screen_says_its_lines_when_it_appears(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    assert heard(c, 0) == ["welcome.greeting", "welcome.lead", "welcome.touch_hint"]
    start = len(c.narrator.history)
    qtbot.mouseClick(c.current_widget.action, LEFT)
    assert heard(c, start) == [
        "start.title",
        *("start.guest", "start.guest_line", "start.sign_in", "start.sign_in_line"),
        *("start.register", "start.register_line"),
    ]
    start = len(c.narrator.history)
    qtbot.mouseClick(c.current_widget.register, LEFT)
    register = c.current_widget
    assert heard(c, start) == [
        "register.consent_title",
        "register.consent_lead",
        *("register.consent.slip", "register.consent.slip_why"),
        *("register.consent.phone", "register.consent.phone_why"),
        *("register.consent.vneid_confirm", "register.consent.vneid_confirm_why"),
        "register.consent_refuse",
    ]
    for toggle in register.consent.toggles.values():
        qtbot.mouseClick(toggle, LEFT)
    pages = [
        (register.consent, ["register.name_question"]),
        (register.name_page, ["register.year_question", "register.year_hint"]),
        (register.year_page, ["register.village_question"]),
        (register.village_page, ["register.group_question", *GROUPS]),
        (register.group, ["register.phone_question", "register.phone_lead"]),
        (register.phone_page, ["register.citizen_id_question", "register.citizen_id_lead"]),
        (register.id_page, ["register.confirm_title"]),
    ]
    register.name.edit.setText("Lò Thị Lan")
    register.village.list.setCurrentItem(register.village.other_item)
    register.village.other.edit.setText("Bản Him Lam")
    register.group.tiles["adults"].setChecked(True)
    for page, next_lines in pages:
        start = len(c.narrator.history)
        qtbot.mouseClick(page.next_button, LEFT)
        assert heard(c, start) == next_lines
    start = len(c.narrator.history)
    qtbot.mouseClick(register.consent.guest_button, LEFT)  # "only practise": the catalogue
    assert c.nav.current is Screen.CATALOGUE
    catalogue = c.current_widget
    expected = ["catalogue.guest_note"]
    for track in catalogue.sections:
        expected.append(f"track.{track}")
        expected += [f"{i}/title" for i, t in catalogue.tiles.items() if t.tile.track == track]
    assert heard(c, start) == expected
    lesson_ids = {loaded.lesson.id for loaded in c.services.content().lessons}
    assert {key.split("/")[0] for key in expected if "/" in key} == lesson_ids


GROUPS = ["group.adults", "group.public_staff", "group.pupils", "group.workers"]


def test_a_loudspeaker_says_only_its_own_line(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller

    def check(widget, expected: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
        buttons = speakers(widget)
        assert set(buttons) == set(expected)
        for key, lines in expected.items():
            start = len(c.narrator.history)
            qtbot.mouseClick(buttons[key], LEFT)
            assert heard(c, start) == lines
        assert c.nav.current is not Screen.LESSON  # hearing a choice never chooses it

    c.show(Screen.LEARNER_START)
    check(c.current_widget, {f"start.{k}": [f"start.{k}", f"start.{k}_line"] for k in CHOICES})
    assert c.nav.current is Screen.LEARNER_START
    c.show(Screen.REGISTER)
    consent = c.current_widget.consent
    check(consent, {key: [key, f"{key}_why"] for key in CONSENTS})
    assert not any(t.isChecked() for t in consent.toggles.values())  # heard, not ticked
    c.current_widget.go(RegisterPage.GROUP)
    check(c.current_widget.group, {g: [g] for g in GROUPS})
    assert c.current_widget.group.value() is None
    c.learner_flow.as_guest()
    catalogue = c.current_widget
    catalogue.resize(1366, 768)
    first = next(iter(catalogue.tiles))
    track = catalogue.tiles[first].tile.track
    buttons = speakers(catalogue)
    assert len(buttons) == len(catalogue.tiles) + len(catalogue.sections)
    for key in (f"{first}/title", f"track.{track}"):
        start = len(c.narrator.history)
        catalogue.scroll_area.ensureWidgetVisible(buttons[key])
        qtbot.mouseClick(buttons[key], LEFT)
        assert heard(c, start) == [key]
    assert c.nav.current is Screen.CATALOGUE
    start = len(c.narrator.history)
    qtbot.mouseClick(catalogue.listen_again, LEFT)  # "Nghe lại": the whole screen again
    assert heard(c, start)[0] == "catalogue.guest_note"
    assert len(heard(c, start)) == len(catalogue.tiles) + len(catalogue.sections) + 1


def test_a_refused_next_says_why(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.show(Screen.LEARNER_START)
    c.show(Screen.REGISTER)
    start = len(c.narrator.history)
    qtbot.mouseClick(c.current_widget.consent.next_button, LEFT)
    assert heard(c, start) == ["register.error.consent_slip"]
    start = len(c.narrator.history)
    qtbot.mouseClick(c.current_widget.consent.listen_again, LEFT)
    assert heard(c, start)[0] == "register.consent_title"


def test_narration_stops_when_the_screen_changes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.audio import Narrator

    c = window.controller
    c._narrator = Narrator(c, tts_engines=("mock",))  # a voice that speaks English, slowly
    c.choose_language("en")
    assert heard(c, 0) == ["welcome.greeting"]  # still speaking the first line
    assert c.narrator.mode == "speech"
    c.show(Screen.LEARNER_START)
    assert heard(c, 0) == ["welcome.greeting", "start.title"]  # the welcome's rest dropped
    c.reset_to_welcome()  # "back" to the welcome: Vietnamese again, which mock cannot speak
    assert heard(c, 2) == ["welcome.greeting", "welcome.lead", "welcome.touch_hint"]


def test_signing_in_is_spoken_page_by_page(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.show(Screen.LEARNER_START)
    start = len(c.narrator.history)
    qtbot.mouseClick(c.current_widget.sign_in, LEFT)
    screen = c.current_widget
    assert heard(c, start) == ["signin.name_question"]
    start = len(c.narrator.history)
    qtbot.mouseClick(screen.name_page.next_button, LEFT)  # no name yet
    assert heard(c, start) == ["register.error.name"]
    screen.name.edit.setText("Lò Văn Páo")
    start = len(c.narrator.history)
    qtbot.mouseClick(screen.name_page.next_button, LEFT)
    assert heard(c, start) == ["signin.year_question"]
    start = len(c.narrator.history)
    qtbot.mouseClick(screen.year_page.next_button, LEFT)  # nobody of that name here
    ways_on = [
        *("signin.retry", "signin.retry_line"),
        *("start.register", "signin.register_line"),
        *("start.guest", "start.guest_line"),
    ]
    assert heard(c, start) == ["signin.not_found_title", *ways_on]
    buttons = speakers(screen.not_found)
    assert list(buttons) == ways_on[::2]
    for key, line in zip(ways_on[::2], ways_on[1::2], strict=True):
        start = len(c.narrator.history)
        qtbot.mouseClick(buttons[key], LEFT)
        assert heard(c, start) == [key, line]
    assert c.nav.current is Screen.SIGN_IN  # heard, not chosen
    screen.ask_village()
    assert heard(c, start + 2) == ["signin.village_question", "signin.village_lead"]


def test_no_lesson_title_or_loudspeaker_is_cut_off_at_1366x768(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    c = window.controller
    c.show(Screen.LEARNER_START)
    c.learner_flow.as_guest()
    catalogue = c.current_widget
    QApplication.processEvents()
    assert catalogue.tiles
    for tile in catalogue.tiles.values():  # the real lessons' titles, up to four lines
        title = tile.title
        assert title.height() >= title.heightForWidth(title.width()), tile.tile.lesson_id
        assert tile.rect().contains(tile.speaker.geometry()), tile.tile.lesson_id
