"""The visit's hearing language: the picker over the screen, and the voices it gives.

The controller owns one ``Hearing``; flows reach it through ``FlowHost`` (``heard_voice``,
``open_hearing_picker``, ``on_hearing_changed``). Nothing here is loaded before the
welcome screen paints: the languages are read when first needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.paths import resources_dir
from kiosk.services import Services
from kiosk.ui.flows.api import HEARING_DEFAULT, Visit

if TYPE_CHECKING:
    from kiosk.content.speech import Clip, Line, Voice
    from kiosk.ui.screens.hearing_picker import HearingPicker
    from kiosk.voices.languages import HearingLanguage


class Hearing(QObject):
    """The hearing-language picker and the screens' voice in the heard language.

    Args:
        say: plays clips, stopping what was playing; a system voice reads the language
            given (the picker's names are Vietnamese words, whatever the text language).
    """

    changed = Signal()

    def __init__(
        self,
        services: Services,
        visit: Visit,
        window: QWidget,
        tr: Callable[..., str],
        say: Callable[[list[Clip], str], None],
    ) -> None:
        super().__init__(window)
        self._services = services
        self._visit = visit
        self._window = window
        self._tr = tr
        self._say = say
        self._picker: HearingPicker | None = None
        self._languages: list[HearingLanguage] | None = None
        self._screen_voices: dict[str, Voice] = {}  # hearing language -> the screens' clips

    def languages(self) -> list[HearingLanguage]:
        if self._languages is None:
            self._languages = self._services.hearing_languages()
        return self._languages

    def forget(self) -> None:
        """The visit ended: read languages and recordings afresh for the next one
        (staff may have recorded or installed a pack)."""
        self._languages = None
        self._screen_voices.clear()

    def label(self) -> tuple[str, Path | None]:
        """The heard language's name and picture, for the button that opens the picker.

        The default is known without reading the language files (the welcome screen
        paints before they load).
        """
        code = self._visit.hearing
        if code == HEARING_DEFAULT and self._languages is None:
            folder = resources_dir() / "voices" / code
            picture = folder / "picture.svg"
            return self._tr("hearing.default_name"), picture if picture.is_file() else None
        for language in self.languages():
            if language.code == code:
                return language.name, language.picture
        return code, None

    # The voices ------------------------------------------------------------------------

    def voice(self, scope: str, lines: Sequence[Line], vietnamese: Voice) -> Voice:
        from kiosk.voices.hearing import heard_voice

        return heard_voice(self._services.voices, self._visit.hearing, scope, lines, vietnamese)

    def screen_voice(self) -> Voice:
        """The learner screens' clips in the heard language (made once per language)."""
        from kiosk.content.speech import SCREENS, screen_lines, screen_voice

        code = self._visit.hearing
        voice = self._screen_voices.get(code)
        if voice is None:
            lines = screen_lines(self._services.catalogue.strings)
            voice = self.voice(SCREENS, lines, screen_voice(HEARING_DEFAULT))
            self._screen_voices[code] = voice
        return voice

    # The picker ------------------------------------------------------------------------

    def open_picker(self) -> None:
        from kiosk.ui.screens.hearing_picker import HearingPicker

        if self._picker is None:
            self._picker = HearingPicker(self._tr, self._window)
            self._picker.chosen.connect(self.choose)
            self._picker.hear.connect(lambda clips: self._say(clips, HEARING_DEFAULT))
            self._window_overlays().append(self._picker)
        self._languages = None  # a pack installed since shows at once
        self._picker.open(self.languages(), self._visit.hearing)
        self._say(self._picker.spoken_lines(), HEARING_DEFAULT)

    def _window_overlays(self) -> list[QWidget]:
        overlays: list[QWidget] = getattr(self._window, "overlays", [])
        return overlays

    @property
    def picker(self) -> HearingPicker | None:
        return self._picker

    @property
    def picker_open(self) -> bool:
        return self._picker is not None and self._picker.isVisible()

    def close_picker(self) -> None:
        if self._picker is not None and self._picker.isVisible():
            self._picker.close_picker()

    def choose(self, code: str) -> None:
        """The learner chose ``code``: narration from now on is heard in it."""
        self._visit.hearing = code
        self.changed.emit()
