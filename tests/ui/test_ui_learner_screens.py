"""The learner screens driven like a person would: start, register, sign in, catalogue."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QScrollArea, QWidget

from kiosk.content.speech import LEARNER_SCREEN_LINES, Clip
from kiosk.i18n import Translator, load_catalogue
from kiosk.learners.registry import Purpose, Registration
from kiosk.learning.catalogue import LessonTile
from kiosk.paths import resources_dir
from kiosk.ui.screens.catalogue import CatalogueScreen, first_name
from kiosk.ui.screens.learner_start import LearnerStartScreen
from kiosk.ui.screens.register import Page, RegisterScreen
from kiosk.ui.screens.sign_in import Page as SignInPage
from kiosk.ui.screens.sign_in import SignInScreen

VILLAGES = ["Bản Him Lam 1", "Bản Him Lam 2", "Tổ dân phố 5"]
THIS_YEAR = 2026
CITIZEN_ID = "011168001234"  # Điện Biên (011), born 1968, a man (digit 1 -> 1900s)
SMALL_SCREEN = QSize(1366, 768)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def tr() -> Callable[..., str]:
    return Translator(load_catalogue(resources_dir() / "i18n"), "vi").tr


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, LEFT)


def shown(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(SMALL_SCREEN)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def label_texts(widget: QWidget) -> list[str]:
    return [lbl.text() for lbl in widget.findChildren(QLabel)]


def type_name(edit: QLineEdit, text: str) -> None:
    """Vietnamese cannot go through qtbot.keyClicks (Latin-1 only): set it as the keyboard would."""
    edit.setText(text)


def fits_small_screen(widget: QWidget) -> bool:
    hint = widget.minimumSizeHint()
    return hint.width() <= SMALL_SCREEN.width() and hint.height() <= SMALL_SCREEN.height()


# -- start -------------------------------------------------------------------------


def test_start_screen_offers_three_choices_and_back(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, LearnerStartScreen(tr))
    assert fits_small_screen(screen)
    texts = " ".join(label_texts(screen))
    assert "Học thử" in texts and "không lưu" in texts
    for tile, signal in (
        (screen.guest, screen.guest_chosen),
        (screen.sign_in, screen.sign_in_chosen),
        (screen.register, screen.register_chosen),
        (screen.back, screen.back_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            click(qtbot, tile)


# -- registration ------------------------------------------------------------------


def test_consent_starts_unticked_and_next_needs_the_slip_consent(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, RegisterScreen(tr, VILLAGES, THIS_YEAR))
    assert fits_small_screen(screen)
    assert screen.current is Page.CONSENT
    assert not any(t.isChecked() for t in screen.consent.toggles.values())
    click(qtbot, screen.consent.next_button)
    assert screen.current is Page.CONSENT
    assert "Lưu tên để in phiếu" in screen.consent.message.text()
    click(qtbot, screen.consent.toggles[Purpose.PHONE])  # an optional one is not enough
    click(qtbot, screen.consent.next_button)
    assert screen.current is Page.CONSENT
    click(qtbot, screen.consent.toggles[Purpose.SLIP])
    click(qtbot, screen.consent.next_button)
    assert screen.current is Page.NAME


def test_refusing_consent_leads_to_guest_practice(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, RegisterScreen(tr, VILLAGES, THIS_YEAR))
    with qtbot.waitSignal(screen.guest_chosen, timeout=1000):
        click(qtbot, screen.consent.guest_button)
    with qtbot.waitSignal(screen.cancelled, timeout=1000):
        click(qtbot, screen.consent.back_button)


def walk_to_village(qtbot, screen: RegisterScreen, consents: set[Purpose]) -> None:  # type: ignore[no-untyped-def]
    for purpose in consents:
        click(qtbot, screen.consent.toggles[purpose])
    click(qtbot, screen.consent.next_button)
    click(qtbot, screen.name_page.next_button)  # empty name refused
    assert screen.current is Page.NAME
    assert screen.name_page.message.isVisible()
    type_name(screen.name.edit, "  Lò   Thị Lan ")
    click(qtbot, screen.name_page.next_button)
    assert screen.current is Page.BIRTH_YEAR
    assert screen.year.value() == 1975
    click(qtbot, screen.year.steps[-10])
    for _ in range(3):
        click(qtbot, screen.year.steps[1])
    assert screen.year.value() == 1968
    click(qtbot, screen.year_page.next_button)
    assert screen.current is Page.VILLAGE


def test_full_registration_emits_the_registration(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, RegisterScreen(tr, VILLAGES, THIS_YEAR))
    walk_to_village(qtbot, screen, {Purpose.SLIP, Purpose.PHONE, Purpose.VNEID_CONFIRM})
    click(qtbot, screen.village_page.next_button)  # nothing chosen
    assert screen.current is Page.VILLAGE
    screen.village.list.setCurrentItem(screen.village.other_item)  # "Khác": type a name
    assert screen.village.modes.currentIndex() == 1
    type_name(screen.village.other.edit, "Bản Mới")
    click(qtbot, screen.village_page.next_button)
    assert screen.current is Page.GROUP
    click(qtbot, screen.group.next_button)
    assert screen.current is Page.GROUP  # a group is needed
    click(qtbot, screen.group.tiles["workers"])
    click(qtbot, screen.group.next_button)
    assert screen.current is Page.PHONE
    for digit in "091234567":
        click(qtbot, screen.phone.keys[digit])
    click(qtbot, screen.phone_page.next_button)
    assert screen.current is Page.PHONE  # 9 digits are refused
    click(qtbot, screen.phone.keys["8"])
    click(qtbot, screen.phone_page.next_button)
    assert screen.current is Page.CITIZEN_ID
    for digit in CITIZEN_ID:
        click(qtbot, screen.citizen_id.keys[digit])
    click(qtbot, screen.id_page.next_button)
    assert screen.current is Page.CONFIRM
    texts = label_texts(screen)
    assert "Lò Thị Lan" in texts and "1968" in texts and "Bản Mới" in texts
    assert "•••• •••• 1234" in texts
    with qtbot.waitSignal(screen.submitted, timeout=1000) as blocker:
        click(qtbot, screen.confirm.next_button)
    reg = blocker.args[0]
    assert reg == Registration(
        full_name="Lò Thị Lan",
        birth_year=1968,
        village="Bản Mới",
        target_group="workers",
        consents={Purpose.SLIP: True, Purpose.PHONE: True, Purpose.VNEID_CONFIRM: True},
        phone="0912345678",
        citizen_id=CITIZEN_ID,
    )


def test_phone_and_id_pages_only_with_their_consent(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, RegisterScreen(tr, VILLAGES, THIS_YEAR))
    walk_to_village(qtbot, screen, {Purpose.SLIP})
    screen.village.list.setCurrentRow(1)
    click(qtbot, screen.village_page.next_button)
    click(qtbot, screen.group.tiles["adults"])
    click(qtbot, screen.group.next_button)
    assert screen.current is Page.CONFIRM  # straight past phone and citizen ID
    assert not screen.confirm.values["phone"].isVisible()
    assert not screen.confirm.values["citizen_id"].isVisible()
    with qtbot.waitSignal(screen.submitted, timeout=1000) as blocker:
        click(qtbot, screen.confirm.next_button)
    reg = blocker.args[0]
    assert reg.village == "Bản Him Lam 2" and reg.phone is None and reg.citizen_id is None
    assert reg.consents == {Purpose.SLIP: True, Purpose.PHONE: False, Purpose.VNEID_CONFIRM: False}
    click(qtbot, screen.confirm.back_button)
    assert screen.current is Page.GROUP


def test_citizen_id_is_never_shown_in_full(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, RegisterScreen(tr, VILLAGES, THIS_YEAR))
    walk_to_village(qtbot, screen, {Purpose.SLIP, Purpose.VNEID_CONFIRM})
    screen.village.list.setCurrentRow(0)
    click(qtbot, screen.village_page.next_button)
    click(qtbot, screen.group.tiles["pupils"])
    click(qtbot, screen.group.next_button)
    assert screen.current is Page.CITIZEN_ID
    for i, digit in enumerate(CITIZEN_ID, start=1):
        click(qtbot, screen.citizen_id.keys[digit])
        joined = "".join(label_texts(screen)).replace(" ", "")
        assert CITIZEN_ID[:5] not in joined  # no run of the number beyond the last 4
        assert CITIZEN_ID[-5:] not in joined
        if i < len(CITIZEN_ID):
            assert not any(ch.isdigit() for ch in screen.citizen_id.display.text())
    assert screen.citizen_id.display.text() == "•••• •••• 1234"
    click(qtbot, screen.id_page.next_button)
    assert screen.current is Page.CONFIRM
    every_text = label_texts(screen) + [e.text() for e in screen.findChildren(QLineEdit)]
    assert not any(CITIZEN_ID in text.replace(" ", "") for text in every_text)
    assert "•••• •••• 1234" in every_text


def test_a_wrong_id_is_refused_on_its_page(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, RegisterScreen(tr, VILLAGES, THIS_YEAR))
    walk_to_village(qtbot, screen, {Purpose.SLIP, Purpose.VNEID_CONFIRM})
    screen.village.list.setCurrentRow(0)
    click(qtbot, screen.village_page.next_button)
    click(qtbot, screen.group.tiles["adults"])
    click(qtbot, screen.group.next_button)
    for digit in "011199001234":  # born 1999, not 1968
        click(qtbot, screen.citizen_id.keys[digit])
    click(qtbot, screen.id_page.next_button)
    assert screen.current is Page.CITIZEN_ID
    assert "năm sinh" in screen.id_page.message.text()


def test_show_error_jumps_to_the_field_page(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, RegisterScreen(tr, VILLAGES, THIS_YEAR))
    click(qtbot, screen.consent.toggles[Purpose.SLIP])
    click(qtbot, screen.consent.next_button)
    screen.show_error("full_name", tr("register.error.name"))
    assert screen.current is Page.NAME
    assert screen.name_page.message.text() == tr("register.error.name")
    screen.show_error("phone", "x")  # no phone consent: its page is not shown
    assert screen.current is Page.CONSENT


# -- sign-in -----------------------------------------------------------------------


def test_sign_in_emits_name_year_then_asks_the_village(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, SignInScreen(tr, VILLAGES, THIS_YEAR))
    assert fits_small_screen(screen)
    type_name(screen.name.edit, "lò văn  páo")
    click(qtbot, screen.name_page.next_button)
    assert screen.current is SignInPage.BIRTH_YEAR
    click(qtbot, screen.year.steps[10])
    with qtbot.waitSignal(screen.sign_in_requested, timeout=1000) as blocker:
        click(qtbot, screen.year_page.next_button)
    assert blocker.args == ["lò văn páo", 1985, None]
    screen.ask_village()
    assert screen.current is SignInPage.VILLAGE and screen.village.isVisible()
    assert screen.village.list.count() == len(VILLAGES) + 1  # villages and "Khác", no names
    screen.village.list.setCurrentRow(2)
    with qtbot.waitSignal(screen.sign_in_requested, timeout=1000) as blocker:
        click(qtbot, screen.village_page.next_button)
    assert blocker.args == ["lò văn páo", 1985, "Tổ dân phố 5"]


def test_not_found_offers_retry_and_register(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, SignInScreen(tr, VILLAGES, THIS_YEAR))
    type_name(screen.name.edit, "Lò Văn Páo")
    click(qtbot, screen.name_page.next_button)
    screen.show_not_found()
    assert screen.current is SignInPage.NOT_FOUND
    assert "Lò Văn Páo" in screen.not_found_text.text()
    with qtbot.waitSignal(screen.register_requested, timeout=1000):
        click(qtbot, screen.register_button)
    click(qtbot, screen.retry_button)
    assert screen.current is SignInPage.NAME
    assert screen.name.text() == "Lò Văn Páo"  # kept, to fix a small slip


# -- catalogue ---------------------------------------------------------------------


def many_tiles(count: int = 24) -> list[LessonTile]:
    tracks = ["device_basics", "vneid", "e_payment", "online_safety", "other"]
    tiles = [
        LessonTile(
            f"lesson-{i}",
            f"Bài {i}: Gửi tin nhắn có dấu tiếng Việt",
            "Tóm tắt",
            tracks[i % len(tracks)],
            5 + i,
            None,
            100 if i % 4 == 0 else None,
        )
        for i in range(count)
    ]
    return sorted(tiles, key=lambda t: tracks.index(t.track))


def test_catalogue_shows_done_badges_and_emits_the_lesson(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    tiles = many_tiles()
    screen = shown(qtbot, CatalogueScreen(tr, "vi", tiles, "Lò Thị Lan"))
    assert fits_small_screen(screen)
    assert "Lan" in screen.greeting.text()
    assert len(screen.tiles) == 24
    done = {t.lesson_id for t in tiles if t.done_score is not None}
    assert {i for i, b in screen.tiles.items() if b.badge is not None} == done
    assert "Đã xong 100%" in label_texts(screen.tiles["lesson-0"])
    assert screen.scroll_area.verticalScrollBar().maximum() > 0  # 24 tiles scroll at 1366×768
    target = screen.tiles["lesson-3"]
    screen.scroll_area.ensureWidgetVisible(target)
    with qtbot.waitSignal(screen.lesson_chosen, timeout=1000) as blocker:
        click(qtbot, target)
    assert blocker.args == ["lesson-3"]
    screen.show_track("other")
    assert screen.track_buttons["other"].property("current") is True
    with qtbot.waitSignal(screen.leave_requested, timeout=1000):
        click(qtbot, screen.leave)


def test_catalogue_for_a_guest_says_nothing_is_kept(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    screen = shown(qtbot, CatalogueScreen(tr, "vi", many_tiles(3), None))
    assert "Khách" in screen.greeting.text()
    assert "không lưu" in screen.note.text()
    # without title clips (the demo presenter's catalogue) it neither speaks nor shows speakers
    assert screen.spoken_lines() == [] and not screen.findChildren(QPushButton, "speaker")
    assert not screen.findChildren(QPushButton, "listen_again")


def test_first_name_is_the_given_name() -> None:
    assert first_name("Lò Thị Lan") == "Lan"
    assert first_name("Páo") == "Páo"


# -- loudspeakers ------------------------------------------------------------------


def cut_off(screen: QWidget) -> list[str]:
    """The loudspeaker and "Nghe lại" buttons squeezed, or drawn outside what holds them
    or outside the screen (a tile scrolled out of view is not cut off)."""
    scroll = screen.findChild(QScrollArea)
    problems = []
    for found in screen.findChildren(QPushButton):
        if found.objectName() not in ("speaker", "listen_again") or not found.isVisibleTo(screen):
            continue
        squeezed = found.height() < found.minimumHeight() or found.width() < found.minimumWidth()
        clipped = not found.parentWidget().rect().contains(found.geometry())
        if scroll is None or not scroll.isAncestorOf(found):
            corners = (found.rect().topLeft(), found.rect().bottomRight())
            clipped |= not all(screen.rect().contains(found.mapTo(screen, c)) for c in corners)
        if squeezed or clipped:
            problems.append(f"{found.objectName()} {found.property('line')}")
    return problems


def settled(screen: QWidget) -> QWidget:
    QApplication.processEvents()  # lay out what was just shown
    return screen


def test_loudspeakers_and_listen_again_fit_1366x768(kiosk_qt, qtbot, tr) -> None:  # type: ignore[no-untyped-def]
    start = shown(qtbot, LearnerStartScreen(tr))
    assert len(start.findChildren(QPushButton, "speaker")) == 3
    assert cut_off(settled(start)) == []
    register = shown(qtbot, RegisterScreen(tr, VILLAGES, THIS_YEAR))
    for toggle in register.consent.toggles.values():
        toggle.setChecked(True)  # every page shown
    for page in Page:
        register.go(page)
        assert fits_small_screen(register), page
        assert cut_off(settled(register)) == [], page
        assert register.page(page).listen_again.isVisible()
    assert len(register.consent.findChildren(QPushButton, "speaker")) == len(Purpose)
    assert len(register.group.findChildren(QPushButton, "speaker")) == 4
    sign_in = shown(qtbot, SignInScreen(tr, VILLAGES, THIS_YEAR))
    for sign_in_page in SignInPage:
        sign_in.go(sign_in_page)
        assert fits_small_screen(sign_in), sign_in_page
        assert cut_off(settled(sign_in)) == [], sign_in_page
    assert len(sign_in.not_found.findChildren(QPushButton, "speaker")) == 3
    tiles = many_tiles()
    titles = {t.lesson_id: Clip(f"{t.lesson_id}/title", t.title, None) for t in tiles}
    catalogue = shown(qtbot, CatalogueScreen(tr, "vi", tiles, "Lò Thị Lan", titles))
    assert len(catalogue.findChildren(QPushButton, "speaker")) == 24 + 5
    for track in catalogue.sections:
        catalogue.show_track(track)
        assert cut_off(settled(catalogue)) == [], track


def test_every_learner_screen_line_has_fixed_words_in_both_languages() -> None:
    """A line with a {placeholder}, or missing, would get no audio file."""
    for lang in ("vi", "en"):
        messages = yaml.safe_load((resources_dir() / "i18n" / f"{lang}.yaml").read_text())
        strings = messages["strings"]
        assert [key for key in LEARNER_SCREEN_LINES if not strings.get(key)] == [], lang
        assert [key for key in LEARNER_SCREEN_LINES if "{" in strings[key]] == [], lang
    assert len(set(LEARNER_SCREEN_LINES)) == len(LEARNER_SCREEN_LINES)
